package org.livingcircle.aggregate;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.livingcircle.common.CityLayout;
import org.livingcircle.common.InputException;
import org.livingcircle.common.RunLayout;
import org.livingcircle.common.StagedOutput;
import org.livingcircle.common.Table;
import org.livingcircle.config.Targets;
import org.livingcircle.spark.Sessions;

/**
 * Compares the {@code admin_indicators} of one or more city outputs with the plan targets. Writes
 * {@code comparison.parquet} (plain Parquet, one file) and {@code comparison.csv} (UTF-8, header)
 * into {@code outDir}, each replaced atomically, and prints the comparison as an aligned table.
 * When a city's access stage walked the street network, also {@code walk_models.{csv,parquet}}
 * ({@link WalkModels}: network vs straight-line shares and the measured detour per county and city)
 * and its table; without such a city they are not written (and an older pair is removed).
 */
public final class CompareJob {
  private CompareJob() {}

  /**
   * What to compare.
   *
   * @param cityOuts city output directories, each holding {@code aggregate/admin_indicators}
   */
  public record Spec(List<Path> cityOuts, Path outDir, Targets targets) {
    public Spec {
      cityOuts = List.copyOf(notNull(cityOuts, "city output directories"));
      check(!cityOuts.isEmpty(), "Cannot compare: no city output directory");
      notNull(outDir, "output directory");
      notNull(targets, "targets");
    }
  }

  /** What was written. */
  public record Result(Path csv, Path parquet, int nLines, int nMet, int nNotMet, int nUnknown) {}

  static final StructType SCHEMA =
      new StructType(
          new StructField[] {
            DataTypes.createStructField("target_id", DataTypes.StringType, false),
            DataTypes.createStructField("city_code", DataTypes.StringType, true),
            DataTypes.createStructField("city_name", DataTypes.StringType, true),
            DataTypes.createStructField("county_code", DataTypes.StringType, true),
            DataTypes.createStructField("county_name", DataTypes.StringType, true),
            DataTypes.createStructField("indicator", DataTypes.StringType, false),
            DataTypes.createStructField("value", DataTypes.DoubleType, true),
            DataTypes.createStructField("target", DataTypes.DoubleType, false),
            DataTypes.createStructField("comparator", DataTypes.StringType, false),
            DataTypes.createStructField("met", DataTypes.BooleanType, true),
            DataTypes.createStructField("gap", DataTypes.DoubleType, true),
            DataTypes.createStructField("unit", DataTypes.StringType, false),
            DataTypes.createStructField("year", DataTypes.IntegerType, false),
            DataTypes.createStructField("source", DataTypes.StringType, false),
            DataTypes.createStructField("kind", DataTypes.StringType, false),
            DataTypes.createStructField("threshold", DataTypes.StringType, false),
            DataTypes.createStructField("document", DataTypes.StringType, false),
            DataTypes.createStructField("line", DataTypes.StringType, false),
            DataTypes.createStructField("measured_on", DataTypes.StringType, false),
            DataTypes.createStructField("sites_needed", DataTypes.IntegerType, true),
            DataTypes.createStructField("reachable_within_budget", DataTypes.BooleanType, true)
          });

  public static Result run(SparkSession spark, Spec spec, PrintStream progress) {
    long start = System.nanoTime();
    Sessions.describe(spark, "compare", spec.cityOuts().size() + " cities");
    List<Comparison.Line> lines = new ArrayList<>();
    List<WalkModels.Line> models = new ArrayList<>();
    for (Path cityOut : spec.cityOuts()) {
      Path table = CityLayout.of(cityOut).table(Table.ADMIN_INDICATORS);
      if (!Files.isDirectory(table)) {
        throw new InputException(
            "Cannot compare "
                + cityOut
                + ": "
                + table
                + " does not exist; run lcp aggregate first");
      }
      Dataset<Row> admin =
          spark
              .read()
              .format("geoparquet")
              .load(table.toString())
              .drop("geometry", "bbox")
              .orderBy(
                  org.apache.spark.sql.functions.col("level").desc(),
                  org.apache.spark.sql.functions.col("admin_code"));
      Map<String, Row> siting = siting(spark, CityLayout.of(cityOut).table(Table.SITING_TARGETS));
      List<Comparison.UnitValues> units = units(admin);
      models.addAll(WalkModels.of(units));
      for (Comparison.Line l :
          Comparison.evaluate(
              spec.targets(),
              new LinkedHashSet<>(List.of(admin.columns())),
              units,
              table.toString())) {
        Row s = siting.get(l.targetId() + "|" + l.adminCode());
        lines.add(
            s == null
                ? l
                : l.withSiting(
                    s.isNullAt(2) ? null : s.getInt(2), s.isNullAt(3) ? null : s.getBoolean(3)));
      }
    }
    Path csv = spec.outDir().resolve(RunLayout.COMPARISON_CSV);
    Path parquet = spec.outDir().resolve(RunLayout.COMPARISON_PARQUET);
    try {
      Files.createDirectories(spec.outDir());
      Path tmp = Files.createTempFile(spec.outDir(), ".comparison", ".csv");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        Comparison.writeCsv(lines, w);
      }
      Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new InputException("Cannot write " + csv + ": " + e.getMessage(), e);
    }
    List<Row> rows = new ArrayList<>();
    for (Comparison.Line l : lines) {
      rows.add(
          RowFactory.create(
              l.targetId(),
              l.cityCode(),
              l.cityName(),
              l.countyCode(),
              l.countyName(),
              l.indicator(),
              l.value(),
              l.target(),
              l.comparator(),
              l.met(),
              l.gap(),
              l.unit(),
              l.year(),
              l.source(),
              l.kind(),
              l.threshold(),
              l.document(),
              l.line(),
              l.measuredOn(),
              l.sitesNeeded(),
              l.reachableWithinBudget()));
    }
    try (StagedOutput out = StagedOutput.begin(parquet)) {
      spark
          .createDataFrame(rows, SCHEMA)
          .coalesce(1)
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(out.dir().toString());
      out.commit();
    }
    writeModels(spark, spec.outDir(), models);
    int met = 0;
    int notMet = 0;
    int baselines = 0;
    for (Comparison.Line l : lines) {
      met += Boolean.TRUE.equals(l.met()) ? 1 : 0;
      notMet += Boolean.FALSE.equals(l.met()) ? 1 : 0;
      baselines += Comparison.BASELINE.equals(l.kind()) ? 1 : 0;
    }
    int unknown = lines.size() - met - notMet - baselines;
    progress.print(Comparison.table(lines));
    if (!models.isEmpty()) {
      progress.print(WalkModels.table(models));
    }
    progress.printf(
        Locale.ROOT,
        "[compare] %d cities, %d targets, %d baselines: %d rows, %d met, %d not met, %d unknown, %d baseline rows  %.1f s%n",
        spec.cityOuts().size(),
        spec.targets().targets().size(),
        spec.targets().baselines().size(),
        lines.size(),
        met,
        notMet,
        unknown,
        baselines,
        (System.nanoTime() - start) / 1e9);
    return new Result(csv, parquet, lines.size(), met, notMet, unknown);
  }

  static final StructType MODEL_SCHEMA =
      new StructType(
          new StructField[] {
            DataTypes.createStructField("city_code", DataTypes.StringType, true),
            DataTypes.createStructField("city_name", DataTypes.StringType, true),
            DataTypes.createStructField("county_code", DataTypes.StringType, true),
            DataTypes.createStructField("county_name", DataTypes.StringType, true),
            DataTypes.createStructField("threshold_min", DataTypes.IntegerType, false),
            DataTypes.createStructField("share_network", DataTypes.DoubleType, true),
            DataTypes.createStructField("share_straight", DataTypes.DoubleType, true),
            DataTypes.createStructField("share_overstated", DataTypes.DoubleType, true),
            DataTypes.createStructField("detour_factor_assumed", DataTypes.DoubleType, true),
            DataTypes.createStructField("detour_p10", DataTypes.DoubleType, true),
            DataTypes.createStructField("detour_p50", DataTypes.DoubleType, true),
            DataTypes.createStructField("detour_p90", DataTypes.DoubleType, true),
            DataTypes.createStructField("share_unlinked", DataTypes.DoubleType, true)
          });

  /** Writes walk_models.{csv,parquet}, or removes an older pair when no city walked the network. */
  private static void writeModels(SparkSession spark, Path outDir, List<WalkModels.Line> models) {
    Path csv = outDir.resolve(RunLayout.WALK_MODELS_CSV);
    Path parquet = outDir.resolve(RunLayout.WALK_MODELS_PARQUET);
    try {
      if (models.isEmpty()) {
        Files.deleteIfExists(csv);
        if (Files.isSymbolicLink(parquet)) {
          Path version = parquet.resolveSibling(Files.readSymbolicLink(parquet));
          StagedOutput.deleteTree(parquet);
          StagedOutput.deleteTree(version);
        } else {
          StagedOutput.deleteTree(parquet);
        }
        return;
      }
      Path tmp = Files.createTempFile(outDir, ".walk_models", ".csv");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        WalkModels.writeCsv(models, w);
      }
      Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new InputException("Cannot write " + csv + ": " + e.getMessage(), e);
    }
    List<Row> rows = new ArrayList<>();
    for (WalkModels.Line l : models) {
      rows.add(
          RowFactory.create(
              l.cityCode(),
              l.cityName(),
              l.countyCode(),
              l.countyName(),
              l.thresholdMin(),
              l.shareNetwork(),
              l.shareStraight(),
              l.shareOverstated(),
              l.detourFactorAssumed(),
              l.detourP10(),
              l.detourP50(),
              l.detourP90(),
              l.shareUnlinked()));
    }
    try (StagedOutput out = StagedOutput.begin(parquet)) {
      spark
          .createDataFrame(rows, MODEL_SCHEMA)
          .coalesce(1)
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(out.dir().toString());
      out.commit();
    }
  }

  /**
   * The siting stage's answer per target and unit ({@code target_id|admin_code} → target_id,
   * admin_code, sites_needed, reachable_within_budget), or nothing when {@code lcp site} has not
   * run for the city.
   */
  private static Map<String, Row> siting(SparkSession spark, Path table) {
    Map<String, Row> result = new HashMap<>();
    if (!Files.isDirectory(table)) {
      return result;
    }
    for (Row r :
        spark
            .read()
            .parquet(table.toString())
            .select("target_id", "admin_code", "sites_needed", "reachable_within_budget")
            .collectAsList()) {
      result.put(r.getString(0) + "|" + r.getString(1), r);
    }
    return result;
  }

  private static List<Comparison.UnitValues> units(Dataset<Row> admin) {
    StructType schema = admin.schema();
    List<Comparison.UnitValues> units = new ArrayList<>();
    for (Row r : admin.collectAsList()) {
      Map<String, Double> values = new HashMap<>();
      for (StructField f : schema.fields()) {
        int i = r.fieldIndex(f.name());
        if (f.dataType() instanceof org.apache.spark.sql.types.NumericType) {
          values.put(f.name(), r.isNullAt(i) ? null : ((Number) r.get(i)).doubleValue());
        }
      }
      units.add(
          new Comparison.UnitValues(
              string(r, "admin_code"),
              string(r, "city_code"),
              string(r, "city_name"),
              string(r, "county_code"),
              string(r, "county_name"),
              values));
    }
    return units;
  }

  private static String string(Row r, String column) {
    int i = r.fieldIndex(column);
    return r.isNullAt(i) ? null : r.getString(i);
  }

  /** Column names of the comparison outputs. */
  public static List<String> columns() {
    return Comparison.COLUMNS;
  }
}
