package org.livingcircle.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.livingcircle.access.AccessJob;
import org.livingcircle.config.Categories;
import org.livingcircle.config.CityConfig;
import org.livingcircle.grid.GridJob;
import org.livingcircle.aggregate.AggregateJob;
import org.livingcircle.config.PublishConfig;
import org.livingcircle.publish.PublishJob;
import org.livingcircle.aggregate.Targets;
import org.livingcircle.config.SitingConfig;
import org.livingcircle.siting.SitingJob;

/** The stages after ingest, in order, for one city's output directory: grid, access, aggregate, site. */
final class CityStages {
  private CityStages() {}

  static void after(SparkSession spark, CityConfig city, Categories cats, Path config, Path cityOut, List<Path> neighbours) {
    GridJob.run(spark, StageSpecs.grid(city, config, cityOut.resolve("ingest"), cityOut.resolve("grid")), System.out);
    List<Path> facilityDirs = new ArrayList<>(List.of(cityOut.resolve("ingest")));
    neighbours.forEach(n -> facilityDirs.add(n.resolve("ingest")));
    AccessJob.run(spark, StageSpecs.access(city, cats, config, cityOut.resolve("grid"), cityOut.resolve("ingest"),
        facilityDirs, cityOut.resolve("indicators")), System.out);
    AggregateJob.run(spark, StageSpecs.aggregate(city, cats, config, cityOut, DEFAULT_GAP_TIERS), System.out);
    SitingJob.run(spark, StageSpecs.site(city, cats, config, cityOut, Targets.load(Paths.targets()), Paths.targets(),
        SitingConfig.load(Paths.siting()), Paths.siting()), System.out);
  }

  /**
   * The publish step of {@code run --publish} and {@code demo --publish}: loads the city's tables into PostGIS (and
   * GeoServer when it is on) with {@code conf/publish.yaml}; prints a skip line when {@code postgis.enabled} is false.
   * An unreachable PostGIS fails the run (exit 1), it is never skipped silently.
   */
  static void publish(SparkSession spark, CityConfig city, Path cityOut) {
    Path file = Paths.publish();
    PublishConfig config = PublishConfig.load(file);
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    if (!config.postgis().enabled()) {
      out.println("[publish] " + city.id() + ": skipped, postgis.enabled is false in " + file);
      return;
    }
    new PublishJob(spark, new PublishJob.Spec(config, file, city.id(), city.nameZh(), city.nameEn(), cityOut,
        Optional.empty(), System.getenv())).commit(out);
  }

  /** Tiers whose missing categories make a populated cell a gap cell. */
  static final List<String> DEFAULT_GAP_TIERS = List.of("basic", "public");
}
