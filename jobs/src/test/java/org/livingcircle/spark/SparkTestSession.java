package org.livingcircle.spark;

import org.apache.spark.sql.SparkSession;

/** The one local[2] Sedona session shared by all Spark tests of a JVM. */
public final class SparkTestSession {
  private static SparkSession spark;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (spark == null) {
      spark = Sessions.create("lcp tests", "local[2]");
      spark.conf().set("spark.sql.shuffle.partitions", "4");
    }
    return spark;
  }
}
