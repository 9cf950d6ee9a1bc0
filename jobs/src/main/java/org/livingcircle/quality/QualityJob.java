package org.livingcircle.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.livingcircle.common.Checks;
import org.livingcircle.common.CityLayout;
import org.livingcircle.common.Table;
import org.livingcircle.spark.Sessions;

/**
 * The data-quality gate of one city output directory, run before anything is published: stages
 * present, ingest reconciled, row counts (manifest vs table, non-empty), null shares of key and
 * indicator columns, and population totals (cells = census = city row of admin_indicators).
 */
public final class QualityJob {
  /**
   * What to check.
   *
   * @param cityOut the city's output directory (holds ingest/, grid/, indicators/, aggregate/)
   * @param maxNullShare largest share of nulls allowed in an admin indicator ({@code share_*})
   *     column, in [0, 1]
   * @param warnUnlinkedShare network walking model: above this share of populated cells without a
   *     street link the check warns, in [0, 1]
   * @param maxUnlinkedShare network walking model: above this share of populated cells without a
   *     street link the check fails, in [0, 1]
   */
  public record Spec(
      Path cityOut, double maxNullShare, double warnUnlinkedShare, double maxUnlinkedShare) {
    /**
     * Default {@code --warn-unlinked-share}: a few per cent of populated cells off the streets is
     * plausible (rural).
     */
    public static final double DEFAULT_WARN_UNLINKED_SHARE = 0.05;

    /**
     * Default {@code --max-unlinked-share}: most people off the street graph means a wrong or
     * partial extract.
     */
    public static final double DEFAULT_MAX_UNLINKED_SHARE = 0.5;

    public Spec {
      Checks.notNull(cityOut, "cityOut");
      share("--max-null-share", maxNullShare);
      share("--warn-unlinked-share", warnUnlinkedShare);
      share("--max-unlinked-share", maxUnlinkedShare);
    }

    public Spec(Path cityOut, double maxNullShare) {
      this(cityOut, maxNullShare, DEFAULT_WARN_UNLINKED_SHARE, DEFAULT_MAX_UNLINKED_SHARE);
    }

    private static void share(String flag, double value) {
      if (!(value >= 0 && value <= 1)) {
        throw new org.livingcircle.common.UsageException(
            "Cannot use " + flag + " " + value + ": not in [0, 1]");
      }
    }
  }

  /** One check: its kind, what it looked at, whether it passed and the numbers behind it. */
  public record Check(String kind, String subject, boolean passed, String detail) {
    /** "kind subject: detail", the line printed for a failed check. */
    public String line() {
      return kind + " " + subject + ": " + detail;
    }
  }

  /** All checks, in the order run. */
  public record Result(List<Check> checks) {
    public List<Check> failed() {
      return checks.stream().filter(c -> !c.passed()).toList();
    }

    public boolean passed() {
      return failed().isEmpty();
    }
  }

  /** Columns that must never be null, per table. */
  static final java.util.Map<Table, List<String>> NOT_NULL =
      java.util.Map.of(
          Table.CELLS, List.of("cell_id", "county_code", "population", "geometry"),
          Table.GRID_INDICATORS, List.of("cell_id", "county_code", "population", "geometry"),
          Table.COMPOUND_INDICATORS, List.of("compound_id", "county_code"),
          Table.ADMIN_INDICATORS, List.of("admin_code", "level", "population"));

  /** Tables the gate reads, in pipeline order. */
  static final List<Table> CHECKED =
      List.of(
          Table.ADMIN_UNITS,
          Table.POI,
          Table.FACILITIES,
          Table.CENSUS,
          Table.CELLS,
          Table.GRID_INDICATORS,
          Table.COMPOUND_INDICATORS,
          Table.ADMIN_INDICATORS,
          Table.GAP_CELLS);

  private QualityJob() {}

  /** Runs every check; never throws for a failed check, only for an unreadable directory. */
  public static Result run(SparkSession spark, Spec spec, PrintStream progress) {
    long start = System.nanoTime();
    Path dir = spec.cityOut().toAbsolutePath().normalize();
    List<Check> checks = new ArrayList<>(QualityChecks.stages(dir));
    if (checks.stream().allMatch(Check::passed)) {
      Sessions.describe(
          spark, "check", dir.getFileName() + ": row counts, null shares, population");
      checks.addAll(QualityChecks.reconciliation(dir));
      checks.addAll(QualityChecks.nonEmpty(dir));
      checks.addAll(QualityChecks.populationByCounty(dir));
      checks.addAll(
          QualityChecks.streetLinks(dir, spec.warnUnlinkedShare(), spec.maxUnlinkedShare()));
      checks.addAll(tables(spark, dir, spec.maxNullShare()));
    }
    Result result = new Result(checks);
    for (Check c : checks) {
      if (c.passed() && c.detail().startsWith(QualityChecks.WARNING)) {
        progress.println("[check] " + dir.getFileName() + ": " + c.line());
      }
    }
    progress.printf(
        Locale.ROOT,
        "[check] %s: %d checks, %d failed  %.1f s%n",
        dir,
        checks.size(),
        result.failed().size(),
        (System.nanoTime() - start) / 1e9);
    return result;
  }

  private static List<Check> tables(SparkSession spark, Path dir, double maxNullShare) {
    List<Check> checks = new ArrayList<>();
    for (Table t : CHECKED) {
      Path path = CityLayout.of(dir).table(t);
      String name = t.relativePath();
      if (!Files.isDirectory(path)) {
        checks.add(new Check("rows", name, false, "no table at " + path));
        continue;
      }
      Dataset<Row> table = spark.read().parquet(path.toString());
      List<String> nullable = new ArrayList<>(NOT_NULL.getOrDefault(t, List.of()));
      if (t == Table.GRID_INDICATORS) {
        for (String c : table.columns()) {
          if (c.startsWith("n_")) {
            nullable.add(c);
          }
        }
      }
      List<String> shares = new ArrayList<>();
      if (t == Table.ADMIN_INDICATORS) {
        for (String c : table.columns()) {
          if (c.startsWith("share_")) {
            shares.add(c);
          }
        }
      }
      List<Column> aggs = new ArrayList<>(List.of(count(lit(1)).as("lcp_rows")));
      List<String> all = new ArrayList<>(nullable);
      all.addAll(shares);
      for (String c : all) {
        aggs.add(sum(when(col(c).isNull(), 1).otherwise(0)).as("lcp_null_" + c));
      }
      Row r = table.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
      long rows = r.getLong(0);
      long recorded = QualityChecks.manifestRows(dir, t);
      checks.add(
          new Check(
              "rows",
              name,
              rows == recorded,
              String.format(
                  Locale.ROOT,
                  "%,d rows in table, %,d in %s/manifest.json",
                  rows,
                  recorded,
                  t.stage().dirName())));
      for (int i = 0; i < all.size(); i++) {
        long nulls = r.isNullAt(i + 1) ? 0 : r.getLong(i + 1);
        double share = rows == 0 ? 0 : (double) nulls / rows;
        double allowed = i < nullable.size() ? 0 : maxNullShare;
        checks.add(
            new Check(
                "nulls",
                name + "." + all.get(i),
                share <= allowed,
                String.format(
                    Locale.ROOT,
                    "%,d of %,d null (%.3f, at most %.3f allowed)",
                    nulls,
                    rows,
                    share,
                    allowed)));
      }
    }
    checks.addAll(population(spark, dir));
    return checks;
  }

  /** Cells' population = census total = the city row of admin_indicators. */
  private static List<Check> population(SparkSession spark, Path dir) {
    double census = QualityChecks.censusTotal(dir);
    Row cells =
        spark
            .read()
            .parquet(CityLayout.of(dir).table(Table.CELLS).toString())
            .agg(sum(col("population")))
            .first();
    double onCells = cells.isNullAt(0) ? 0 : ((Number) cells.get(0)).doubleValue();
    List<Row> city =
        spark
            .read()
            .parquet(CityLayout.of(dir).table(Table.ADMIN_INDICATORS).toString())
            .filter(col("level").equalTo("city"))
            .select(col("population"))
            .collectAsList();
    List<Check> checks = new ArrayList<>();
    checks.add(
        new Check(
            "population",
            Table.CELLS.relativePath(),
            QualityChecks.close(onCells, census),
            String.format(Locale.ROOT, "%,.1f on cells vs %,.0f in census", onCells, census)));
    if (city.size() != 1 || city.get(0).isNullAt(0)) {
      checks.add(
          new Check(
              "population",
              Table.ADMIN_INDICATORS.relativePath(),
              false,
              city.size() + " city rows with a population; expected 1"));
    } else {
      double cityPopulation = ((Number) city.get(0).get(0)).doubleValue();
      checks.add(
          new Check(
              "population",
              Table.ADMIN_INDICATORS.relativePath(),
              QualityChecks.close(cityPopulation, census),
              String.format(
                  Locale.ROOT,
                  "%,.1f in the city row vs %,.0f in census",
                  cityPopulation,
                  census)));
    }
    return checks;
  }
}
