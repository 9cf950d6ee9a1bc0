package org.livingcircle.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.livingcircle.pipeline.CityPipeline;
import org.livingcircle.pipeline.StageSpecs;
import org.livingcircle.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "aggregate",
    mixinStandardHelpOptions = true,
    description =
        "Aggregates one city's cell and compound indicators (DIR/indicators) and ingested POIs, facilities and census (DIR/ingest) to counties and the city: DIR/aggregate/admin_indicators (GeoParquet, CRS84) and DIR/aggregate/gap_cells (populated cells lacking a category within its own threshold, metric CRS).")
final class AggregateCommand implements Callable<Integer> {
  @ParentCommand Lcp lcp;

  @Mixin CityOptions cityOptions;

  @Option(
      names = "--city-out",
      required = true,
      description = "City output directory holding indicators/ and ingest/")
  Path cityOut;

  @Option(
      names = "--gap-tiers",
      split = ",",
      defaultValue = "basic,public",
      description = "Tiers listed in gap_cells: basic, quality, public (default: ${DEFAULT-VALUE})")
  List<String> gapTiers;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    CityPipeline.City city = cityOptions.pipelineCity(cityOut);
    StageSpecs.aggregate(
        city.config(),
        city.categories(),
        city.configFile(),
        city.layout().dir(),
        gapTiers); // bad --gap-tiers fail before Spark starts
    CityPipeline.aggregate(
        Sessions.create("lcp aggregate " + city.config().id(), sparkOptions.master),
        city,
        gapTiers,
        lcp.out);
    return 0;
  }
}
