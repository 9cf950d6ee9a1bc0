package org.livingcircle.spark;

import org.apache.sedona.spark.SedonaContext;
import org.apache.spark.sql.SparkSession;

/**
 * The one place where Spark defaults live: UTC, Kryo with Sedona's registrator, no UI, and {@code
 * local[*]} only when no master is given (by flag or by spark-submit). Log levels are not set here
 * but by {@code log4j2.properties} (quiet) and the CLI's {@code --verbose}.
 */
public final class Sessions {
  private Sessions() {}

  /**
   * Returns a Sedona-enabled session.
   *
   * @param master a Spark master URL, or null to keep the one spark-submit set, else {@code
   *     local[*]}
   */
  public static SparkSession create(String appName, String master) {
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(appName)
            .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
            .config("spark.kryo.registrator", "org.apache.sedona.core.serde.SedonaKryoRegistrator")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.adaptive.enabled", "true")
            .config("spark.sql.shuffle.partitions", "16")
            // partitioned spatial joins were faster and leaner than broadcast ones here (stack
            // probe §5)
            .config("spark.sedona.join.autoBroadcastJoinThreshold", "-1");
    if (master != null && !master.isBlank()) {
      builder.master(master);
    } else if (System.getProperty("spark.master") == null) {
      builder.master("local[*]");
    }
    SparkSession spark = builder.getOrCreate();
    ProgressListener.attach(spark.sparkContext()); // live progress of every stage on stderr
    return SedonaContext.create(spark);
  }

  /** Labels the Spark jobs of one stage so the UI and logs match the progress line. */
  public static void describe(SparkSession spark, String stage, String description) {
    spark.sparkContext().setJobGroup(stage, "[" + stage + "] " + description, false);
  }
}
