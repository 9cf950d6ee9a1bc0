package org.livingcircle.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.livingcircle.common.UsageException;
import org.livingcircle.config.CityConfig;
import org.livingcircle.config.PipelineConfig;
import org.livingcircle.pipeline.CityPipeline;
import org.livingcircle.pipeline.ProjectFiles;
import org.livingcircle.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Runs every stage for one city: ingest -> grid -> access -> aggregate -> site (-> publish with --publish), writing <out>/ingest, <out>/grid, <out>/indicators, <out>/aggregate and <out>/siting. Facilities of the configured neighbours count near the border: their ingest of the same period is read from the same path with their city id (e.g. out/changzhi for --out out/jincheng), so ingest them first. Each stage is also a command of its own.")
final class RunCommand implements Callable<Integer> {
  @ParentCommand Lcp lcp;

  @Mixin CityOptions cityOptions;

  @Mixin NeighbourOptions neighbourOptions;

  @Option(names = "--input", required = true, description = "Input directory")
  Path input;

  @Option(names = "--out", required = true, description = "Output directory of the city")
  Path out;

  @Option(
      names = "--publish",
      description =
          "Also publish the outputs to PostGIS (and GeoServer when on) with conf/publish.yaml")
  boolean publish;

  @Option(
      names = "--until",
      paramLabel = "STAGE",
      description =
          "Stop after this stage (one of conf/pipeline.yaml's city_stages, e.g. access); default: run them all")
  String until;

  @Mixin WalkingOptions walkingOptions;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    CityConfig city = walkingOptions.apply(cityOptions.city(), cityOptions.config);
    List<String> stages = PipelineConfig.load(ProjectFiles.pipeline()).cityStages();
    if (until != null && !stages.contains(until)) {
      throw new UsageException(
          "Cannot use --until " + until + ": not one of the city stages " + stages);
    }
    if (until != null && publish) {
      throw new UsageException(
          "Cannot use --until with --publish: publish needs every stage's output");
    }
    if (publish) {
      org.livingcircle.config.PublishConfig.load(
          ProjectFiles.publish()); // a bad publish file fails before the stages run
    }
    CityPipeline.City c = cityOptions.pipelineCity(out, walkingOptions);
    List<Path> neighbours =
        neighbourOptions.ingestDirs(
            city, c.layout()); // a missing neighbour fails before any output
    SparkSession spark = Sessions.create("lcp run " + city.id(), sparkOptions.master);
    CityPipeline.ingest(spark, c, input, lcp.out);
    if (!"ingest".equals(until)) {
      CityPipeline.afterIngest(spark, c, neighbours, lcp.out, until);
    }
    if (publish) {
      CityPipeline.publish(spark, c, lcp.out);
    }
    return 0;
  }
}
