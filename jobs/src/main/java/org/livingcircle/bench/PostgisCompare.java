package org.livingcircle.bench;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.livingcircle.access.AccessJob;
import org.livingcircle.common.PublishException;
import org.livingcircle.common.Table;
import org.livingcircle.config.WalkModel;
import org.livingcircle.publish.postgis.PgCredentials;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The access stage's nearest distance and within-threshold counts recomputed in PostGIS on the same
 * cell centres and facilities (metric CRS coordinates computed once by Spark, so both sides see
 * identical doubles): KNN {@code <->} in a LATERAL subquery with LIMIT 1, and an {@code ST_DWithin}
 * join with one FILTERed count per threshold, each over a GiST index. One table per category keeps
 * every index scan to one category. Load time (COPY, index, ANALYZE) is timed apart from the
 * queries.
 */
final class PostgisCompare {
  static final String SCHEMA = "lcp_bench";
  private static final int COPY_BATCH = 200_000;

  /** Timings and checks of one category. */
  record CategoryResult(
      String category,
      int nFacilities,
      List<Double> nearestS,
      List<Double> countsS,
      long nCompared,
      long nDistanceMismatches,
      long nCountMismatches,
      double maxAbsDiffM,
      String firstMismatch) {}

  /** Everything measured. */
  record Result(
      int nCells,
      double loadCellsS,
      double loadFacilitiesS,
      List<CategoryResult> categories,
      String postgisVersion,
      String serverVersion) {}

  private PostgisCompare() {}

  static Result run(
      SparkSession spark,
      AccessJob.Spec access,
      List<String> sample,
      PgCredentials pg,
      int runs,
      java.io.PrintStream progress) {
    Dataset<Row> cellsDf =
        spark
            .read()
            .format("geoparquet")
            .load(Table.CELLS.in(access.gridDir()).toString())
            .selectExpr("cell_id", "x", "y")
            .orderBy("cell_id");
    List<Row> cellRows = cellsDf.collectAsList();
    int n = cellRows.size();
    long[] cellId = new long[n];
    double[] cx = new double[n];
    double[] cy = new double[n];
    Map<Long, Integer> index = new java.util.HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      Row r = cellRows.get(i);
      cellId[i] = r.getLong(0);
      cx[i] = r.getDouble(1);
      cy[i] = r.getDouble(2);
      index.put(cellId[i], i);
    }
    cellRows = null;

    int[] thresholds = access.walking().thresholdsArray();
    WalkModel walk = access.walking().model();
    double limitEuclidM = access.walking().searchLimitM();
    double[] radius = new double[thresholds.length];
    for (int t = 0; t < thresholds.length; t++) {
      radius[t] = walk.euclideanMetersFor(thresholds[t]);
    }

    // the pipeline's values for the sampled categories
    List<String> cols = new ArrayList<>(List.of("cell_id"));
    for (String c : sample) {
      cols.add("dist_m_" + c);
      for (int t : thresholds) {
        cols.add("n_" + t + "min_" + c);
      }
    }
    List<Row> pipeline =
        spark
            .read()
            .format("geoparquet")
            .load(Table.GRID_INDICATORS.in(access.outDir()).toString())
            .selectExpr(cols.toArray(String[]::new))
            .collectAsList();

    Map<String, double[][]> facilities = facilities(spark, access, sample);
    List<CategoryResult> results = new ArrayList<>();
    try (Connection conn = pg.connect()) {
      String postgis;
      String server;
      try (Statement st = conn.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        st.execute("CREATE SCHEMA " + SCHEMA);
        postgis = scalar(st, "SELECT postgis_lib_version()");
        server = scalar(st, "SHOW server_version");
      }
      long t0 = System.nanoTime();
      load(conn, "cells", cellId, cx, cy);
      double loadCells = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      for (int k = 0; k < sample.size(); k++) {
        double[][] f = facilities.get(sample.get(k));
        long[] ids = new long[f[0].length];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = i;
        }
        load(conn, "fac_" + k, ids, f[0], f[1]);
      }
      double loadFacilities = (System.nanoTime() - t0) / 1e9;
      progress.printf(
          Locale.ROOT,
          "[bench] postgis: loaded %,d cells in %.1f s, %d categories' facilities in %.1f s%n",
          n,
          loadCells,
          sample.size(),
          loadFacilities);

      conn.setAutoCommit(false);
      for (int k = 0; k < sample.size(); k++) {
        String cat = sample.get(k);
        double[] nearest = new double[n];
        int[][] counts = new int[thresholds.length][n];
        List<Double> nearestS = new ArrayList<>();
        List<Double> countsS = new ArrayList<>();
        String knn =
            "SELECT c.i, n.d FROM "
                + SCHEMA
                + ".cells c CROSS JOIN LATERAL (SELECT ST_Distance(c.geom, f.geom) AS d FROM "
                + SCHEMA
                + ".fac_"
                + k
                + " f ORDER BY c.geom <-> f.geom LIMIT 1) n";
        StringBuilder within = new StringBuilder("SELECT c.i");
        for (double r : radius) {
          within
              .append(", count(*) FILTER (WHERE ST_DWithin(c.geom, f.geom, ")
              .append(r)
              .append("))");
        }
        within
            .append(" FROM ")
            .append(SCHEMA)
            .append(".cells c JOIN ")
            .append(SCHEMA)
            .append(".fac_")
            .append(k)
            .append(" f ON ST_DWithin(c.geom, f.geom, ")
            .append(radius[radius.length - 1])
            .append(") GROUP BY c.i");
        for (int run = 0; run < runs; run++) {
          java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
          long q = System.nanoTime();
          try (Statement st = conn.createStatement()) {
            st.setFetchSize(50_000);
            try (ResultSet rs = st.executeQuery(knn)) {
              while (rs.next()) {
                nearest[rs.getInt(1)] = rs.getDouble(2);
              }
            }
          }
          nearestS.add((System.nanoTime() - q) / 1e9);
          for (int[] a : counts) {
            java.util.Arrays.fill(a, 0);
          }
          q = System.nanoTime();
          try (Statement st = conn.createStatement()) {
            st.setFetchSize(50_000);
            try (ResultSet rs = st.executeQuery(within.toString())) {
              while (rs.next()) {
                int i = rs.getInt(1);
                for (int t = 0; t < thresholds.length; t++) {
                  counts[t][i] = rs.getInt(2 + t);
                }
              }
            }
          }
          countsS.add((System.nanoTime() - q) / 1e9);
          conn.commit();
        }
        // compare with the pipeline
        int distCol = 1 + k * (1 + thresholds.length);
        long compared = 0;
        long distBad = 0;
        long countBad = 0;
        double maxDiff = 0;
        String first = null;
        for (Row r : pipeline) {
          int i = index.get(r.getLong(0));
          compared++;
          double pgWalk = walk.walkMetersFor(nearest[i]);
          boolean pgNone = nearest[i] > limitEuclidM;
          if (r.isNullAt(distCol)) {
            if (!pgNone) {
              distBad++;
              first =
                  first == null
                      ? "cell "
                          + cellId[i]
                          + " "
                          + cat
                          + ": pipeline null, PostGIS "
                          + pgWalk
                          + " m"
                      : first;
            }
          } else {
            double diff = Math.abs(r.getDouble(distCol) - pgWalk);
            maxDiff = Math.max(maxDiff, diff);
            if (pgNone || diff > 1e-3) {
              distBad++;
              first =
                  first == null
                      ? "cell "
                          + cellId[i]
                          + " "
                          + cat
                          + ": pipeline "
                          + r.getDouble(distCol)
                          + " m, PostGIS "
                          + pgWalk
                          + " m"
                      : first;
            }
          }
          for (int t = 0; t < thresholds.length; t++) {
            int p = r.getInt(distCol + 1 + t);
            if (p != counts[t][i]) {
              countBad++;
              first =
                  first == null
                      ? "cell "
                          + cellId[i]
                          + " "
                          + cat
                          + " "
                          + thresholds[t]
                          + " min: pipeline "
                          + p
                          + ", PostGIS "
                          + counts[t][i]
                      : first;
            }
          }
        }
        CategoryResult cr =
            new CategoryResult(
                cat,
                facilities.get(cat)[0].length,
                nearestS,
                countsS,
                compared,
                distBad,
                countBad,
                maxDiff,
                first);
        progress.printf(
            Locale.ROOT,
            "[bench] postgis %s: %,d facilities, nearest %.2f s, counts %.2f s (medians of %d); %,d cells compared, %d distance and %d count mismatches, max |Δ| %.2e m%n",
            cat,
            cr.nFacilities(),
            Stats.median(nearestS),
            Stats.median(countsS),
            runs,
            compared,
            distBad,
            countBad,
            maxDiff);
        results.add(cr);
      }
      conn.setAutoCommit(true);
      return new Result(n, loadCells, loadFacilities, results, postgis, server);
    } catch (SQLException | IOException e) {
      throw new PublishException("Cannot run the PostGIS comparison: " + e.getMessage(), e);
    }
  }

  private static String scalar(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /**
   * Creates {@code SCHEMA.name(i, id, x, y, geom)}, COPYs the rows, builds the GiST index and
   * analyses.
   */
  private static void load(Connection conn, String name, long[] id, double[] x, double[] y)
      throws SQLException, IOException {
    String table = SCHEMA + "." + name;
    try (Statement st = conn.createStatement()) {
      st.execute(
          "CREATE TABLE "
              + table
              + " (i integer NOT NULL, id bigint NOT NULL, x float8 NOT NULL, y float8 NOT NULL,"
              + " geom geometry(Point, 32649) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(x, y), 32649)) STORED)");
    }
    CopyManager copy = conn.unwrap(PGConnection.class).getCopyAPI();
    StringBuilder sb = new StringBuilder();
    for (int from = 0; from < id.length; from += COPY_BATCH) {
      sb.setLength(0);
      for (int i = from, to = Math.min(id.length, from + COPY_BATCH); i < to; i++) {
        sb.append(i)
            .append('\t')
            .append(id[i])
            .append('\t')
            .append(x[i])
            .append('\t')
            .append(y[i])
            .append('\n');
      }
      copy.copyIn("COPY " + table + " (i, id, x, y) FROM STDIN", new StringReader(sb.toString()));
    }
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE INDEX ON " + table + " USING gist (geom)");
      st.execute("ANALYZE " + table);
    }
  }

  /**
   * Facilities of the sampled categories as the access stage selects them: POIs of every given
   * ingest output plus register rows; for a category with capacity and register rows, the register
   * only. Returns x, y arrays per category in the metric CRS.
   */
  private static Map<String, double[][]> facilities(
      SparkSession spark, AccessJob.Spec access, List<String> sample) {
    Dataset<Row> all = null;
    for (Path dir : access.facilityIngestDirs()) {
      Dataset<Row> p =
          spark
              .read()
              .format("geoparquet")
              .load(Table.POI.in(dir).toString())
              .selectExpr("category", "'poi' AS source", "geometry");
      Dataset<Row> r =
          spark
              .read()
              .format("geoparquet")
              .load(Table.FACILITIES.in(dir).toString())
              .selectExpr("category", "'register' AS source", "geometry");
      all = all == null ? p.unionByName(r) : all.unionByName(p).unionByName(r);
    }
    all.createOrReplaceTempView("lcp_bench_facilities");
    Set<String> registers = new HashSet<>();
    for (Row r :
        spark
            .sql("SELECT DISTINCT category FROM lcp_bench_facilities WHERE source = 'register'")
            .collectAsList()) {
      registers.add(r.getString(0));
    }
    Map<String, double[][]> out = new LinkedHashMap<>();
    for (String c : sample) {
      AccessJob.CategorySpec spec =
          access.categories().stream()
              .filter(s -> s.id().equals(c))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "Cannot use --pg-categories " + c + ": not a category"));
      boolean registerOnly = spec.capacityKind() != null && registers.contains(c);
      List<Row> rows =
          spark
              .sql(
                  "SELECT ST_X(m), ST_Y(m) FROM (SELECT ST_Transform(ST_SetSRID(geometry, 4326), 'EPSG:4326', '"
                      + access.crs()
                      + "') AS m FROM lcp_bench_facilities WHERE category = '"
                      + c.replace("'", "")
                      + "'"
                      + (registerOnly ? " AND source = 'register'" : "")
                      + ")")
              .collectAsList();
      double[][] xy = new double[2][rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        xy[0][i] = rows.get(i).getDouble(0);
        xy[1][i] = rows.get(i).getDouble(1);
      }
      out.put(c, xy);
    }
    return out;
  }
}
