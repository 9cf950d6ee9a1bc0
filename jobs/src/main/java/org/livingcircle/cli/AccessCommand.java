package org.livingcircle.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.livingcircle.access.AccessJob;
import org.livingcircle.config.Categories;
import org.livingcircle.config.CityConfig;
import org.livingcircle.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "access",
    mixinStandardHelpOptions = true,
    description = "Walking-access indicators per grid cell and residential compound: nearest walking distance and counts within 5/10/15 minutes per category, basic/quality completeness, proximity time, E2SFCA. Reads <city-out>/grid and ingest, writes <city-out>/indicators.")
final class AccessCommand implements Callable<Integer> {
  @Mixin CityOptions cityOptions;

  @Mixin NeighbourOptions neighbourOptions;

  @Option(names = "--city-out", required = true, description = "The city's output directory")
  Path cityOut;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    CityConfig city = cityOptions.city();
    Categories cats = cityOptions.categories();
    List<Path> facilityDirs = new ArrayList<>(List.of(cityOut.resolve("ingest")));
    neighbourOptions.dirs.forEach(n -> facilityDirs.add(n.resolve("ingest")));
    AccessJob.run(Sessions.create("lcp access " + city.id(), sparkOptions.master),
        StageSpecs.access(city, cats, cityOptions.config, cityOut.resolve("grid"), cityOut.resolve("ingest"), facilityDirs,
            cityOut.resolve("indicators")), System.out);
    return 0;
  }
}
