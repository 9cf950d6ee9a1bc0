package org.livingcircle.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.livingcircle.pipeline.CityPipeline;
import org.livingcircle.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "grid",
    mixinStandardHelpOptions = true,
    description =
        "Square cells over the city's counties in its metric CRS (stable ids from CRS, size, column and row), with census population spread over them by residential compounds (uniform fallback). Reads <city-out>/ingest, writes <city-out>/grid.")
final class GridCommand implements Callable<Integer> {
  @ParentCommand Lcp lcp;

  @Mixin CityOptions cityOptions;

  @Option(
      names = "--city-out",
      required = true,
      description = "The city's output directory (holds ingest/)")
  Path cityOut;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    CityPipeline.City city = cityOptions.pipelineCity(cityOut);
    CityPipeline.grid(
        Sessions.create("lcp grid " + city.config().id(), sparkOptions.master), city, lcp.out);
    return 0;
  }
}
