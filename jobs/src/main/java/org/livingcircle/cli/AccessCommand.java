package org.livingcircle.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.livingcircle.pipeline.CityPipeline;
import org.livingcircle.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "access",
    mixinStandardHelpOptions = true,
    description =
        "Walking-access indicators per grid cell and residential compound: nearest walking distance and counts within 5/10/15 minutes per category, basic/quality completeness, proximity time, E2SFCA. Reads <city-out>/grid and ingest (and the ingest of the configured neighbours: the same path with their city id), writes <city-out>/indicators.")
final class AccessCommand implements Callable<Integer> {
  @ParentCommand Lcp lcp;

  @Mixin CityOptions cityOptions;

  @Mixin NeighbourOptions neighbourOptions;

  @Option(names = "--city-out", required = true, description = "The city's output directory")
  Path cityOut;

  @Mixin WalkingOptions walkingOptions;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    CityPipeline.City city = cityOptions.pipelineCity(cityOut, walkingOptions);
    List<Path> neighbours = neighbourOptions.ingestDirs(city.config(), city.layout());
    CityPipeline.access(
        Sessions.create("lcp access " + city.config().id(), sparkOptions.master),
        city,
        neighbours,
        lcp.out);
    return 0;
  }
}
