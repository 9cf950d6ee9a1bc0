package org.livingcircle.publish.postgis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Throughput of {@link PostgisLoadJob#commit()} on ~1 million 250 m grid polygons (EPSG:32649) with
 * indicator columns, loaded 3 times into live schema {@code bench}; prints each run and the median
 * rows/s. Not a test: never gates.
 *
 * <p>Args: {@code [nRows] [nRuns] [nSourceFiles]}, default 1000000 3 4. Needs the database of
 * scripts/ensure-postgis.sh; the run drops schema {@code bench} and {@code bench_*} before and
 * after.
 */
final class PostgisLoadBenchmark {
  private PostgisLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int nRows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int nRuns = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int nFiles = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    PgCredentials credentials = PostgisFixtures.credentials();
    SparkSession spark = PostgisFixtures.spark();
    Path dir = Files.createTempDirectory("lcp-postgis-bench");
    String source = dir.resolve("grid").toString();
    long writeStart = System.nanoTime();
    // 1000 x 1000 cells of 250 m: 250 km square, about the size of a Shanxi prefecture-level city
    // grid
    spark
        .sql(
            String.format(
                """
        SELECT id AS cell_id,
          CAST(id %% 37 AS INT) AS n_facilities_15min,
          CAST(id %% 11 AS INT) AS n_categories_reached,
          (id %% 1000) * 1.5D AS nearest_school_m,
          (id %% 997) * 2.25D AS nearest_clinic_m,
          CASE WHEN id %% 13 = 0 THEN NULL ELSE (id %% 101) / 100.0D END AS coverage_ratio,
          concat('county_', CAST(id %% 13 AS STRING)) AS county,
          ST_PolygonFromEnvelope(600000 + (id %% 1000) * 250.0D, 3900000 + floor(id / 1000) * 250.0D,
            600250 + (id %% 1000) * 250.0D, 3900250 + floor(id / 1000) * 250.0D) AS geometry
        FROM range(0, %d, 1, %d)""",
                nRows, nFiles))
        .selectExpr(
            "*",
            "struct(ST_XMin(geometry) AS xmin, ST_YMin(geometry) AS ymin,"
                + " ST_XMax(geometry) AS xmax, ST_YMax(geometry) AS ymax) AS bbox")
        .write()
        .format("geoparquet")
        .mode(SaveMode.Overwrite)
        .option("geoparquet.covering", "bbox")
        .save(source);
    System.out.printf(
        Locale.ROOT,
        "[bench] wrote %,d polygons to %s in %d files  %.1f s%n",
        nRows,
        source,
        nFiles,
        (System.nanoTime() - writeStart) / 1e9);

    PgTableSpec grid =
        new PgTableSpec(
            "grid_indicators", source, List.of("cell_id"), "geometry", 32649, "Polygon");
    try (Connection db = credentials.connect()) {
      PostgisFixtures.dropSchemas(db, "bench");
    }
    List<Double> rowsPerSecond = new ArrayList<>();
    for (int run = 1; run <= nRuns; run++) {
      PostgisLoadJob.Result result =
          new PostgisLoadJob(
                  spark,
                  new PostgisLoadSpec(
                      credentials,
                      "b" + run,
                      "bench",
                      List.of(grid),
                      1,
                      PostgisFixtures.MANIFEST_SHA256))
              .commit();
      double rate = result.nRows() / result.seconds();
      rowsPerSecond.add(rate);
      PostgisLoadJob.TableLoad table = result.tables().get(0);
      System.out.printf(
          Locale.ROOT,
          "[bench] run %d: %,d rows  %.2f s  %,.0f rows/s"
              + " (whole commit; COPY %.2f s, key + GiST + ANALYZE %.2f s)%n",
          run,
          result.nRows(),
          result.seconds(),
          rate,
          table.copySeconds(),
          table.seconds() - table.copySeconds());
    }
    rowsPerSecond.sort(Comparator.naturalOrder());
    System.out.printf(
        Locale.ROOT,
        "[bench] median of %d runs: %,.0f rows/s%n",
        nRuns,
        rowsPerSecond.get(nRuns / 2));
    try (Connection db = credentials.connect()) {
      PostgisFixtures.dropSchemas(db, "bench");
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    spark.stop();
  }
}
