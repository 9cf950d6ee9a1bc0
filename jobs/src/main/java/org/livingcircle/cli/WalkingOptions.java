package org.livingcircle.cli;

import java.nio.file.Path;
import org.livingcircle.common.UsageException;
import org.livingcircle.config.CityConfig;
import org.livingcircle.config.WalkModel;
import picocli.CommandLine.Option;

/** The {@code --walking-model} flag of the commands that run the access stage. */
final class WalkingOptions {
  @Option(
      names = "--walking-model",
      paramLabel = "straight_line|network",
      description =
          "How walking distance is measured, over the city file's walking.model: network (along the streets of data.osm_pbf) or straight_line (straight line × detour factor)")
  String model;

  /** {@code city} with the flag's model, or unchanged without the flag. */
  CityConfig apply(CityConfig city, Path configFile) {
    if (model == null) {
      return city;
    }
    WalkModel.Kind kind = WalkModel.Kind.of(model);
    if (kind == null) {
      throw new UsageException(
          "Cannot use --walking-model " + model + ": not straight_line or network");
    }
    return city.withWalkingModel(kind, configFile);
  }
}
