package org.livingcircle.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.livingcircle.access.AccessJob;
import org.livingcircle.config.Categories;
import org.livingcircle.config.CityConfig;
import org.livingcircle.grid.GridJob;
import org.livingcircle.ingest.IngestJob;
import org.livingcircle.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Runs every stage for one city: ingest -> grid -> access -> aggregate -> site (-> publish with --publish), writing <out>/ingest, <out>/grid, <out>/indicators, <out>/aggregate and <out>/siting. Each stage is also a command of its own.")
final class RunCommand implements Callable<Integer> {
  @Mixin CityOptions cityOptions;

  @Mixin NeighbourOptions neighbourOptions;

  @Option(names = "--input", required = true, description = "Input directory")
  Path input;

  @Option(names = "--out", required = true, description = "Output directory of the city")
  Path out;

  @Option(names = "--publish", description = "Also publish the outputs to PostGIS (and GeoServer when on) with conf/publish.yaml")
  boolean publish;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    CityConfig city = cityOptions.city();
    if (publish) {
      org.livingcircle.config.PublishConfig.load(Paths.publish()); // a bad publish file fails before the stages run
    }
    Categories cats = cityOptions.categories();
    SparkSession spark = Sessions.create("lcp run " + city.id(), sparkOptions.master);
    IngestJob.run(spark, StageSpecs.ingest(city, cats, cityOptions.config, input, out.resolve("ingest")), System.out);
    CityStages.after(spark, city, cats, cityOptions.config, out, neighbourOptions.dirs);
    if (publish) {
      CityStages.publish(spark, city, out);
    }
    return 0;
  }
}
