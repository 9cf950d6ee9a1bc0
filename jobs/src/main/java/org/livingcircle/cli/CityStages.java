package org.livingcircle.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.livingcircle.access.AccessJob;
import org.livingcircle.config.Categories;
import org.livingcircle.config.CityConfig;
import org.livingcircle.grid.GridJob;
import org.livingcircle.aggregate.AggregateJob;

/** The stages after ingest, in order, for one city's output directory. */
final class CityStages {
  private CityStages() {}

  static void after(SparkSession spark, CityConfig city, Categories cats, Path config, Path cityOut, List<Path> neighbours) {
    GridJob.run(spark, StageSpecs.grid(city, config, cityOut.resolve("ingest"), cityOut.resolve("grid")), System.out);
    List<Path> facilityDirs = new ArrayList<>(List.of(cityOut.resolve("ingest")));
    neighbours.forEach(n -> facilityDirs.add(n.resolve("ingest")));
    AccessJob.run(spark, StageSpecs.access(city, cats, config, cityOut.resolve("grid"), cityOut.resolve("ingest"),
        facilityDirs, cityOut.resolve("indicators")), System.out);
    AggregateJob.run(spark, StageSpecs.aggregate(city, cats, config, cityOut, DEFAULT_GAP_TIERS), System.out);
  }

  /** Tiers whose missing categories make a populated cell a gap cell. */
  static final List<String> DEFAULT_GAP_TIERS = List.of("basic", "public");
}
