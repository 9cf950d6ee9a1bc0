package org.livingcircle.pipeline;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.livingcircle.access.AccessJob;
import org.livingcircle.aggregate.AggregateJob;
import org.livingcircle.common.CityLayout;
import org.livingcircle.config.Categories;
import org.livingcircle.config.CityConfig;
import org.livingcircle.config.PipelineConfig;
import org.livingcircle.config.PublishConfig;
import org.livingcircle.config.SitingConfig;
import org.livingcircle.config.Targets;
import org.livingcircle.grid.GridJob;
import org.livingcircle.ingest.IngestJob;
import org.livingcircle.publish.PublishJob;
import org.livingcircle.siting.SitingJob;

/**
 * The stages of one city, in order, wired once: {@code lcp demo}, {@code lcp run} and the
 * single-stage commands call these methods, and the Airflow DAGs run the same stages as commands.
 * Neighbour facilities come from the city's configuration ({@link Neighbours}) unless the caller
 * gives them explicitly.
 */
public final class CityPipeline {
  private CityPipeline() {}

  /** Tiers whose missing categories make a populated cell a gap cell. */
  public static final List<String> DEFAULT_GAP_TIERS = List.of("basic", "public");

  /** The city and its files, as every stage needs them. */
  public record City(
      CityConfig config, Path configFile, Categories categories, CityLayout layout) {}

  public static IngestJob.Result ingest(SparkSession spark, City c, Path input, PrintStream out) {
    return IngestJob.run(
        spark,
        StageSpecs.ingest(c.config(), c.categories(), c.configFile(), input, c.layout().ingest()),
        out);
  }

  public static GridJob.Result grid(SparkSession spark, City c, PrintStream out) {
    return GridJob.run(
        spark,
        StageSpecs.grid(c.config(), c.configFile(), c.layout().ingest(), c.layout().grid()),
        out);
  }

  /**
   * The access stage over the city's own facilities and those of {@code neighbourIngests} (from
   * {@link Neighbours#ingestDirs}).
   */
  public static AccessJob.Result access(
      SparkSession spark, City c, List<Path> neighbourIngests, PrintStream out) {
    List<Path> facilityDirs = new ArrayList<>(List.of(c.layout().ingest()));
    facilityDirs.addAll(neighbourIngests);
    return AccessJob.run(
        spark,
        StageSpecs.access(
            c.config(),
            c.categories(),
            c.configFile(),
            c.layout().grid(),
            c.layout().ingest(),
            facilityDirs,
            c.layout().indicators()),
        out);
  }

  public static AggregateJob.Result aggregate(
      SparkSession spark, City c, List<String> gapTiers, PrintStream out) {
    return AggregateJob.run(
        spark,
        StageSpecs.aggregate(
            c.config(), c.categories(), c.configFile(), c.layout().dir(), gapTiers),
        out);
  }

  /**
   * The siting stage: new sites that close the gap to each coverage target (conf/targets.yaml,
   * conf/siting.yaml).
   */
  public static SitingJob.Result site(SparkSession spark, City c, PrintStream out) {
    return SitingJob.run(
        spark,
        StageSpecs.site(
            c.config(),
            c.categories(),
            c.configFile(),
            c.layout().dir(),
            Targets.load(ProjectFiles.targets()),
            ProjectFiles.targets(),
            SitingConfig.load(ProjectFiles.siting()),
            ProjectFiles.siting()),
        out);
  }

  /**
   * Every stage after ingest, in the order of {@code conf/pipeline.yaml} (grid, access with the
   * neighbours' facilities, aggregate, site).
   */
  public static void afterIngest(
      SparkSession spark, City c, List<Path> neighbourIngests, PrintStream out) {
    afterIngest(spark, c, neighbourIngests, out, null);
  }

  /**
   * Every stage after ingest up to and including {@code until} (null: all of them), in the order of
   * {@code conf/pipeline.yaml}.
   */
  public static void afterIngest(
      SparkSession spark, City c, List<Path> neighbourIngests, PrintStream out, String until) {
    for (String stage : PipelineConfig.load(ProjectFiles.pipeline()).afterIngest()) {
      switch (stage) {
        case "grid" -> grid(spark, c, out);
        case "access" -> access(spark, c, neighbourIngests, out);
        case "aggregate" -> aggregate(spark, c, DEFAULT_GAP_TIERS, out);
        case "site" -> site(spark, c, out);
        default ->
            throw new IllegalStateException("Cannot run stage " + stage + ": not a city stage");
      }
      if (stage.equals(until)) {
        return;
      }
    }
  }

  /**
   * The publish step of {@code run --publish} and {@code demo --publish}: loads the city's tables
   * into PostGIS (and GeoServer when it is on) with {@code conf/publish.yaml}; prints a skip line
   * when {@code postgis.enabled} is false. An unreachable PostGIS fails the run (exit 1), it is
   * never skipped silently.
   */
  public static void publish(SparkSession spark, City c, PrintStream stdout) {
    Path file = ProjectFiles.publish();
    PublishConfig config = PublishConfig.load(file);
    PrintWriter out = new PrintWriter(stdout, true, StandardCharsets.UTF_8);
    if (!config.postgis().enabled()) {
      out.println(
          "[publish] " + c.config().id() + ": skipped, postgis.enabled is false in " + file);
      return;
    }
    CityConfig city = c.config();
    new PublishJob(
            spark,
            new PublishJob.Spec(
                config,
                file,
                city.id(),
                city.nameZh(),
                city.nameEn(),
                c.layout().dir(),
                Optional.empty(),
                System.getenv()))
        .commit(out);
  }
}
