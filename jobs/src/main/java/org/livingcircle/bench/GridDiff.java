package org.livingcircle.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.livingcircle.common.Table;

/**
 * Compares two grid outputs cell by cell (ids, county, column, row, centre, compounds, method and
 * every population column, exactly), to show that a change to the grid stage kept its behaviour.
 */
public final class GridDiff {
  private GridDiff() {}

  private static final String COLUMNS =
      "cell_id, grid_crs, cell_size_m, col, row, city_code, county_code, x, y, n_compounds,"
          + " pop_method, census_basis, population, pop_0_2, pop_3_5, pop_6_14, pop_60_plus, pop_65_plus, ST_AsText(geometry) AS wkt";

  /** Returns the number of differing rows (0 when identical) and prints one line. */
  public static long run(SparkSession spark, Path before, Path after, PrintStream progress) {
    spark
        .read()
        .format("geoparquet")
        .load(Table.CELLS.in(before).toString())
        .createOrReplaceTempView("lcp_bench_before");
    spark
        .read()
        .format("geoparquet")
        .load(Table.CELLS.in(after).toString())
        .createOrReplaceTempView("lcp_bench_after");
    long nBefore = spark.sql("SELECT count(*) FROM lcp_bench_before").first().getLong(0);
    long nAfter = spark.sql("SELECT count(*) FROM lcp_bench_after").first().getLong(0);
    long onlyBefore =
        spark
            .sql(
                "SELECT "
                    + COLUMNS
                    + " FROM lcp_bench_before EXCEPT ALL SELECT "
                    + COLUMNS
                    + " FROM lcp_bench_after")
            .count();
    long onlyAfter =
        spark
            .sql(
                "SELECT "
                    + COLUMNS
                    + " FROM lcp_bench_after EXCEPT ALL SELECT "
                    + COLUMNS
                    + " FROM lcp_bench_before")
            .count();
    List<Row> sample =
        spark
            .sql(
                "SELECT "
                    + COLUMNS
                    + " FROM lcp_bench_before EXCEPT ALL SELECT "
                    + COLUMNS
                    + " FROM lcp_bench_after LIMIT 3")
            .collectAsList();
    progress.printf(
        Locale.ROOT,
        "[bench] grid diff: %,d cells before, %,d after; %,d rows only before, %,d only after%s%n",
        nBefore,
        nAfter,
        onlyBefore,
        onlyAfter,
        sample.isEmpty() ? "" : "; e.g. " + sample);
    return onlyBefore + onlyAfter;
  }
}
