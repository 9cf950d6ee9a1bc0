package org.livingcircle.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.livingcircle.common.CityLayout;
import org.livingcircle.config.CityConfig;
import org.livingcircle.pipeline.Neighbours;
import picocli.CommandLine.Option;

/**
 * Other cities whose facilities serve this city's residents near the border: by default the
 * configured {@code neighbours}.
 */
final class NeighbourOptions {
  @Option(
      names = "--neighbour-out",
      description =
          "Another city's output directory whose facilities serve residents near the border (repeatable); replaces the configured neighbours")
  List<Path> dirs = new ArrayList<>();

  @Option(
      names = "--no-neighbours",
      description = "Count only the city's own facilities, ignoring the configured neighbours")
  boolean none;

  /** The neighbours' ingest directories for {@code city} writing to {@code layout}. */
  List<Path> ingestDirs(CityConfig city, CityLayout layout) {
    if (none) {
      if (!dirs.isEmpty()) {
        throw new org.livingcircle.common.UsageException(
            "Cannot use --no-neighbours with --neighbour-out");
      }
      return List.of();
    }
    return Neighbours.ingestDirs(city, layout, dirs);
  }
}
