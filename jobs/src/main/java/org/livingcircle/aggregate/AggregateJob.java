package org.livingcircle.aggregate;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.livingcircle.common.CityLayout;
import org.livingcircle.common.InputException;
import org.livingcircle.common.Manifest;
import org.livingcircle.common.Stage;
import org.livingcircle.common.StagedOutput;
import org.livingcircle.common.Table;
import org.livingcircle.config.Category;
import org.livingcircle.config.Targets;
import org.livingcircle.config.Tier;
import org.livingcircle.spark.GeoParquet;
import org.livingcircle.spark.Sessions;

/**
 * Aggregates the access stage's per-cell and per-compound indicators to counties and the city, and
 * lists gap cells. Reads {@code <city-out>/indicators/{grid,compound}_indicators} and {@code
 * <city-out>/ingest/{admin_units, poi,facilities,census[,statistics]}}; writes {@code
 * admin_indicators} (GeoParquet, OGC:CRS84, one row per county and one per city), {@code gap_cells}
 * (GeoParquet, the metric CRS) and {@code manifest.json} into {@code outDir}, replaced atomically.
 *
 * <p>Per-unit math runs in {@link AggregateKernel} on arrays collected per unit (one group per
 * county and one per city; a unit's cells must fit one task: about 8 × (categories + 6) bytes plus
 * categories × thresholds bytes per cell, ≈ 50 MB for 150,000 cells × 34 categories).
 */
public final class AggregateJob {
  private AggregateJob() {}

  /**
   * What to aggregate.
   *
   * @param categories destination categories in configuration order (residential excluded by the
   *     caller or here)
   * @param thresholdsMin the city's reporting thresholds, minutes
   * @param speedMPerMin the city's walking speed, metres per minute
   * @param gapTiers tiers whose categories are listed in {@code gap_cells}
   * @param metricCrs CRS of the grid, e.g. EPSG:32649
   * @param cityOut the city output directory holding {@code indicators/} and {@code ingest/}
   * @param outDir where to write (e.g. {@code <city-out>/aggregate})
   * @param measuring detour factor, per-unit threshold overrides and target measures
   */
  public record Spec(
      String cityId,
      List<Category> categories,
      List<Integer> thresholdsMin,
      double speedMPerMin,
      Set<Tier> gapTiers,
      String metricCrs,
      Path cityOut,
      Path outDir,
      Map<String, Object> configuration,
      Measuring measuring) {
    /**
     * The spec with categories of walking-time or walking-distance thresholds only (no overrides,
     * no measures).
     */
    public Spec(
        String cityId,
        List<Category> categories,
        List<Integer> thresholdsMin,
        double speedMPerMin,
        Set<Tier> gapTiers,
        String metricCrs,
        Path cityOut,
        Path outDir,
        Map<String, Object> configuration) {
      this(
          cityId,
          categories,
          thresholdsMin,
          speedMPerMin,
          gapTiers,
          metricCrs,
          cityOut,
          outDir,
          configuration,
          Measuring.NONE);
    }

    public Spec {
      measuring = measuring == null ? Measuring.NONE : measuring;
      notNull(cityId, "city id");
      categories =
          notNull(categories, "categories").stream()
              .filter(c -> c.tier() != Tier.RESIDENTIAL)
              .toList();
      check(!categories.isEmpty(), "Cannot aggregate city %s: no destination categories", cityId);
      thresholdsMin = List.copyOf(notNull(thresholdsMin, "thresholds_min"));
      gapTiers = Set.copyOf(notNull(gapTiers, "gap tiers"));
      check(
          !gapTiers.contains(Tier.RESIDENTIAL),
          "Cannot list gaps of tier residential: compounds are origins");
      notNull(metricCrs, "metric CRS");
      notNull(cityOut, "city output directory");
      notNull(outDir, "output directory");
      configuration =
          configuration == null
              ? Map.of()
              : Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
    }
  }

  /**
   * How thresholds are measured beyond the categories' own: the city's detour factor (for
   * straight-line radii), thresholds that replace a category's own for a unit (county or city code
   * → category id → threshold; conf/ cities/&lt;id&gt;.yaml category_thresholds) and the target
   * measures written as {@code reach_<id>}.
   */
  public record Measuring(
      double detourFactor,
      Map<String, Map<String, org.livingcircle.config.Threshold>> overrides,
      List<Targets.Measure> measures)
      implements java.io.Serializable {
    /** No detour factor, no overrides, no measures. */
    public static final Measuring NONE = new Measuring(Double.NaN, Map.of(), List.of());

    public Measuring {
      Map<String, Map<String, org.livingcircle.config.Threshold>> copy = new TreeMap<>();
      notNull(overrides, "threshold overrides").forEach((unit, m) -> copy.put(unit, Map.copyOf(m)));
      overrides = Collections.unmodifiableMap(copy);
      measures = List.copyOf(notNull(measures, "measures"));
    }
  }

  /** What was written. */
  public record Result(
      Path outDir,
      int nCounties,
      long nCells,
      GeoParquet.Written adminIndicators,
      GeoParquet.Written gapCells) {}

  private static final String UNIT = "lcp_unit";

  public static Result run(SparkSession spark, Spec spec, PrintStream progress) {
    long start = System.nanoTime();
    Path grid = input(spec, Table.GRID_INDICATORS);
    Path compoundsPath = input(spec, Table.COMPOUND_INDICATORS);
    Path admin = input(spec, Table.ADMIN_UNITS);
    Path poi = input(spec, Table.POI);
    Path facilities = input(spec, Table.FACILITIES);
    Path census = input(spec, Table.CENSUS);
    Path statistics = CityLayout.of(spec.cityOut()).table(Table.STATISTICS);
    AccessWalk walk =
        AccessWalk.of(
            CityLayout.of(spec.cityOut()).manifest(Stage.ACCESS), spec.measuring().detourFactor());
    AggregateKernel kernel =
        new AggregateKernel(
            spec.categories(),
            spec.thresholdsMin(),
            spec.speedMPerMin(),
            walk.detourFactor(),
            spec.measuring().overrides(),
            spec.measuring().measures(),
            walk.model());
    Manifest manifest = new Manifest("aggregate", spec.configuration());
    manifest.put(
        Manifest.WALK_MODEL,
        Map.of("model", walk.model().id(), "detour_factor", walk.detourFactor()));

    Sessions.describe(spark, "aggregate", spec.cityId() + ": admin units");
    List<Row> counties =
        spark
            .read()
            .format("geoparquet")
            .load(admin.toString())
            .selectExpr("admin_code", "name", "city_code", "city_name")
            .orderBy("admin_code")
            .collectAsList();
    if (counties.isEmpty()) {
      throw new InputException("Cannot aggregate " + admin + ": no admin units");
    }
    String cityCode = counties.get(0).getString(2);
    String cityName = counties.get(0).getString(3);

    Sessions.describe(spark, "aggregate", spec.cityId() + ": cells per unit");
    long t = System.nanoTime();
    Dataset<Row> cells = spark.read().format("geoparquet").load(grid.toString());
    requireColumns(cells, grid, kernel, true);
    Dataset<Row> cellAttrs = cells.drop("geometry", "bbox").cache();
    Map<String, double[]> cellValues = perUnit(cellAttrs, kernel, true);
    long nCells = cellValues.containsKey(cityCode) ? (long) cellValues.get(cityCode)[0] : 0;
    Dataset<Row> compounds =
        spark.read().format("geoparquet").load(compoundsPath.toString()).drop("geometry", "bbox");
    requireColumns(compounds, compoundsPath, kernel, false);
    Map<String, double[]> compoundValues = perUnit(compounds, kernel, false);
    manifest.timing("units", seconds(t));

    Sessions.describe(spark, "aggregate", spec.cityId() + ": supply and census");
    t = System.nanoTime();
    Supply supply = supply(spark, kernel, poi, facilities, spec.categories());
    Map<String, Long> censusTotals = new HashMap<>();
    for (Row r :
        spark
            .read()
            .format("geoparquet")
            .load(census.toString())
            .selectExpr("admin_code", "CAST(pop_total AS BIGINT)")
            .collectAsList()) {
      if (!r.isNullAt(1)) {
        censusTotals.put(r.getString(0), r.getLong(1));
      }
    }
    Map<String, Row> physicians = physicians(spark, statistics);
    manifest.timing("supply", seconds(t));

    Map<String, GeoParquet.Written> tables = new LinkedHashMap<>();
    try (StagedOutput out = StagedOutput.begin(spec.outDir())) {
      Path dir = out.dir();
      Sessions.describe(spark, "aggregate", spec.cityId() + ": admin_indicators");
      t = System.nanoTime();
      List<String> countyCodes = new ArrayList<>();
      List<Row> rows = new ArrayList<>();
      for (Row c : counties) {
        String code = c.getString(0);
        countyCodes.add(code);
        rows.add(
            unitRow(
                kernel,
                code,
                "county",
                c.getString(1),
                cityCode,
                cityName,
                code,
                c.getString(1),
                cellValues,
                compoundValues,
                supply.of(code),
                censusTotals,
                physicians));
      }
      rows.add(
          unitRow(
              kernel,
              cityCode,
              "city",
              cityName,
              cityCode,
              cityName,
              null,
              null,
              cellValues,
              compoundValues,
              supply.sum(countyCodes),
              censusTotals,
              physicians));
      Dataset<Row> values = spark.createDataFrame(rows, adminSchema(kernel));
      values.createOrReplaceTempView("lcp_admin_values");
      spark
          .read()
          .format("geoparquet")
          .load(admin.toString())
          .createOrReplaceTempView("lcp_admin_units");
      Dataset<Row> withGeometry =
          spark.sql(
              "SELECT v.*, g.geometry FROM lcp_admin_values v JOIN ("
                  + " SELECT admin_code, geometry FROM lcp_admin_units"
                  + " UNION ALL SELECT first(city_code) AS admin_code, ST_MakeValid(ST_Union_Aggr(geometry)) AS geometry"
                  + " FROM lcp_admin_units) g ON v.admin_code = g.admin_code");
      tables.put(
          Table.ADMIN_INDICATORS.tableName(),
          GeoParquet.write(
              spark, withGeometry, "OGC:CRS84", Table.ADMIN_INDICATORS.in(dir).toString()));
      manifest.timing("admin_indicators", seconds(t));

      Sessions.describe(spark, "aggregate", spec.cityId() + ": gap_cells");
      t = System.nanoTime();
      Dataset<Row> gaps = gaps(cellAttrs, kernel, spec);
      Dataset<Row> gapCells =
          gaps.join(cells.select("cell_id", "geometry"), "cell_id")
              .select(
                  "cell_id",
                  "county_code",
                  "category",
                  "tier",
                  "population",
                  "dist_m",
                  "rank",
                  "geometry");
      tables.put(
          Table.GAP_CELLS.tableName(),
          GeoParquet.write(spark, gapCells, spec.metricCrs(), Table.GAP_CELLS.in(dir).toString()));
      manifest.timing("gap_cells", seconds(t));

      for (Table table : List.of(Table.ADMIN_INDICATORS, Table.GAP_CELLS)) {
        manifest.output(table, tables.get(table.tableName()).facts());
      }
      manifest.put(
          "inputs_dirs",
          List.of(
              grid.toString(),
              compoundsPath.toString(),
              admin.toString(),
              poi.toString(),
              facilities.toString(),
              census.toString()));
      manifest.timing("total", seconds(start));
      manifest.write(dir.resolve(CityLayout.MANIFEST_FILE));
      out.commit();
    } catch (IOException e) {
      throw new InputException(
          "Cannot write aggregate output " + spec.outDir() + ": " + e.getMessage(), e);
    } finally {
      cellAttrs.unpersist();
      spark.catalog().dropTempView("lcp_admin_values");
      spark.catalog().dropTempView("lcp_admin_units");
    }
    progress.printf(
        Locale.ROOT,
        "[aggregate] %s: %d counties, %,d cells, %d categories, %,d gap rows  %.1f s%n",
        spec.cityId(),
        counties.size(),
        nCells,
        kernel.nCategories(),
        tables.get("gap_cells").rows(),
        seconds(start));
    return new Result(
        spec.outDir(),
        counties.size(),
        nCells,
        tables.get("admin_indicators"),
        tables.get("gap_cells"));
  }

  /**
   * Kernel values per unit code: counties from {@code county_code}, the city from {@code
   * city_code}.
   */
  private static Map<String, double[]> perUnit(
      Dataset<Row> origins, AggregateKernel kernel, boolean grid) {
    Dataset<Row> byUnit =
        origins
            .withColumn(UNIT, origins.col("county_code"))
            .unionByName(origins.withColumn(UNIT, origins.col("city_code")));
    int nValues = grid ? kernel.cellColumns().size() : kernel.compoundColumns().size();
    StructType schema = new StructType().add("admin_code", DataTypes.StringType);
    for (int i = 0; i < nValues; i++) {
      schema = schema.add("v" + i, DataTypes.DoubleType);
    }
    AggregateRows reader = new AggregateRows(kernel);
    List<Row> rows =
        byUnit
            .groupByKey(
                (MapFunction<Row, String>) r -> r.getString(r.fieldIndex(UNIT)), Encoders.STRING())
            .mapGroups(
                (MapGroupsFunction<String, Row, Row>)
                    (unit, it) -> {
                      double[] v =
                          grid
                              ? kernel.cellValues(unit, reader.cells(it))
                              : kernel.compoundValues(unit, reader.compounds(it));
                      Object[] fields = new Object[v.length + 1];
                      fields[0] = unit;
                      for (int i = 0; i < v.length; i++) {
                        fields[i + 1] = v[i];
                      }
                      return RowFactory.create(fields);
                    },
                Encoders.row(schema))
            .collectAsList();
    Map<String, double[]> result = new TreeMap<>();
    for (Row r : rows) {
      double[] v = new double[nValues];
      for (int i = 0; i < nValues; i++) {
        v[i] = r.getDouble(i + 1);
      }
      result.put(r.getString(0), v);
    }
    return result;
  }

  /** POI and facility counts per county and category; capacity per county and kind. */
  private static Supply supply(
      SparkSession spark,
      AggregateKernel kernel,
      Path poi,
      Path facilities,
      List<Category> categories) {
    Map<String, Integer> categoryIndex = new HashMap<>();
    Map<String, Integer> kindIndex = new HashMap<>();
    for (int c = 0; c < categories.size(); c++) {
      categoryIndex.put(categories.get(c).id(), c);
      if (categories.get(c).hasCapacity()) {
        kindIndex.put(
            categories.get(c).id(),
            AggregateKernel.CAPACITY_KINDS.indexOf(categories.get(c).capacityKind()));
      }
    }
    Supply supply = new Supply(kernel.nCategories());
    for (Row r :
        spark
            .read()
            .format("geoparquet")
            .load(poi.toString())
            .groupBy("county_code", "category")
            .count()
            .collectAsList()) {
      Integer c = categoryIndex.get(r.getString(1));
      if (c != null && !r.isNullAt(0)) {
        supply.counts(r.getString(0))[c] += r.getLong(2);
      }
    }
    Dataset<Row> facilityRows = spark.read().format("geoparquet").load(facilities.toString());
    String nursing =
        List.of(facilityRows.columns()).contains("nursing_beds")
            ? "CAST(nursing_beds AS DOUBLE)"
            : "CAST(NULL AS DOUBLE)";
    for (Row r :
        facilityRows
            .selectExpr(
                "county_code",
                "category",
                "CAST(capacity AS DOUBLE) AS capacity",
                nursing + " AS nursing_beds",
                "CASE WHEN "
                    + nursing
                    + " IS NOT NULL THEN CAST(capacity AS DOUBLE) END AS capacity_with_nursing")
            .groupBy("county_code", "category")
            .agg(
                org.apache.spark.sql.functions.count("*"),
                org.apache.spark.sql.functions.sum("capacity"),
                org.apache.spark.sql.functions.sum("nursing_beds"),
                org.apache.spark.sql.functions.sum("capacity_with_nursing"))
            .collectAsList()) {
      Integer c = categoryIndex.get(r.getString(1));
      if (c == null || r.isNullAt(0)) {
        continue;
      }
      supply.counts(r.getString(0))[c] += r.getLong(2);
      Integer k = kindIndex.get(r.getString(1));
      if (k != null && !r.isNullAt(3)) {
        supply.capacities(r.getString(0))[k] += r.getDouble(3);
      }
      if (AggregateKernel.ELDERLY_INSTITUTION_CATEGORY.equals(r.getString(1))
          && !r.isNullAt(4)
          && !r.isNullAt(5)) {
        supply.nursing(r.getString(0))[0] += r.getDouble(4);
        supply.nursing(r.getString(0))[1] += r.getDouble(5);
      }
    }
    return supply;
  }

  /**
   * Latest {@code physicians_per_1000} per admin code from the statistics table, if ingest wrote
   * one.
   */
  private static Map<String, Row> physicians(SparkSession spark, Path statistics) {
    Map<String, Row> result = new HashMap<>();
    if (!Files.isDirectory(statistics)) {
      return result;
    }
    for (Row r :
        spark
            .read()
            .parquet(statistics.toString())
            .where("indicator = 'physicians_per_1000'")
            .selectExpr("admin_code", "CAST(value AS DOUBLE) AS value", "CAST(year AS INT) AS year")
            .orderBy("admin_code", "year")
            .collectAsList()) {
      result.put(r.getString(0), r);
    }
    return result;
  }

  private static Row unitRow(
      AggregateKernel kernel,
      String adminCode,
      String level,
      String name,
      String cityCode,
      String cityName,
      String countyCode,
      String countyName,
      Map<String, double[]> cellValues,
      Map<String, double[]> compoundValues,
      double[][] supply,
      Map<String, Long> census,
      Map<String, Row> physicians) {
    double[] cellsV = cellValues.get(adminCode);
    if (cellsV == null) {
      cellsV = kernel.cellValues(new AggregateRows(kernel).cells(Collections.emptyIterator()));
    }
    double[] compoundsV = compoundValues.get(adminCode);
    if (compoundsV == null) {
      compoundsV =
          kernel.compoundValues(new AggregateRows(kernel).compounds(Collections.emptyIterator()));
    }
    AggregateKernel.Residents residents =
        new AggregateKernel.Residents(cellsV[2], cellsV[3], cellsV[4], cellsV[5]);
    double[] supplyV = kernel.supplyValues(residents, supply[0], supply[1], supply[2]);
    List<Object> values = new ArrayList<>(List.of(adminCode, level, name, cityCode, cityName));
    values.add(countyCode);
    values.add(countyName);
    addValues(values, kernel.cellColumns(), cellsV);
    addValues(values, kernel.compoundColumns(), compoundsV);
    addValues(values, kernel.supplyColumns(), supplyV);
    values.add(census.get(adminCode));
    Row p = physicians.get(adminCode);
    values.add(p == null || p.isNullAt(1) ? null : p.getDouble(1));
    values.add(p == null || p.isNullAt(2) ? null : p.getInt(2));
    return RowFactory.create(values.toArray());
  }

  private static void addValues(List<Object> values, List<String> names, double[] v) {
    for (int i = 0; i < v.length; i++) {
      if (AggregateKernel.COUNT_COLUMNS.contains(names.get(i))) {
        values.add((long) v[i]);
      } else {
        values.add(Double.isFinite(v[i]) ? v[i] : null);
      }
    }
  }

  /** Schema of {@code admin_indicators} without its geometry. */
  static StructType adminSchema(AggregateKernel kernel) {
    StructType s = new StructType();
    for (String id :
        List.of(
            "admin_code",
            "level",
            "name",
            "city_code",
            "city_name",
            "county_code",
            "county_name")) {
      s = s.add(id, DataTypes.StringType);
    }
    List<String> numeric = new ArrayList<>(kernel.cellColumns());
    numeric.addAll(kernel.compoundColumns());
    numeric.addAll(kernel.supplyColumns());
    for (String name : numeric) {
      DataType type =
          AggregateKernel.COUNT_COLUMNS.contains(name) ? DataTypes.LongType : DataTypes.DoubleType;
      s = s.add(name, type);
    }
    return s.add("census_pop_total", DataTypes.LongType)
        .add("physicians_per_1000", DataTypes.DoubleType)
        .add("physicians_per_1000_year", DataTypes.IntegerType);
  }

  /**
   * Gap rows per county: cell_id, county_code, category, tier, population, dist_m (null = none),
   * rank.
   */
  private static Dataset<Row> gaps(Dataset<Row> cellAttrs, AggregateKernel kernel, Spec spec) {
    List<Integer> gapCategories = new ArrayList<>();
    List<String> tiers = new ArrayList<>();
    for (int c = 0; c < spec.categories().size(); c++) {
      if (spec.gapTiers().contains(spec.categories().get(c).tier())) {
        gapCategories.add(c);
      }
      tiers.add(spec.categories().get(c).tier().id());
    }
    StructType schema =
        new StructType()
            .add("cell_id", DataTypes.LongType, false)
            .add("county_code", DataTypes.StringType)
            .add("category", DataTypes.StringType)
            .add("tier", DataTypes.StringType)
            .add("population", DataTypes.DoubleType)
            .add("dist_m", DataTypes.DoubleType)
            .add("rank", DataTypes.IntegerType);
    AggregateRows reader = new AggregateRows(kernel);
    return cellAttrs
        .groupByKey(
            (MapFunction<Row, String>) r -> r.getString(r.fieldIndex("county_code")),
            Encoders.STRING())
        .flatMapGroups(
            (FlatMapGroupsFunction<String, Row, Row>)
                (county, it) -> {
                  UnitCells u = reader.cells(it);
                  List<Row> out = new ArrayList<>();
                  for (int c : gapCategories) {
                    GapRanking.Gaps g =
                        GapRanking.rank(
                            u.cellId(),
                            u.population(),
                            kernel.ownDistances(county, c, u),
                            kernel.ownThresholdM(county, c));
                    for (int j = 0; j < g.size(); j++) {
                      int i = g.origin()[j];
                      double d = u.distM()[c][i];
                      out.add(
                          RowFactory.create(
                              u.cellId()[i],
                              county,
                              kernel.categoryId(c),
                              tiers.get(c),
                              u.population()[i],
                              Double.isFinite(d) ? d : null,
                              g.rank()[j]));
                    }
                  }
                  return out.iterator();
                },
            Encoders.row(schema));
  }

  /** Counts and capacities per county. */
  private static final class Supply {
    private final int nCategories;
    private final Map<String, double[]> counts = new HashMap<>();
    private final Map<String, double[]> capacities = new HashMap<>();
    private final Map<String, double[]> nursing = new HashMap<>();

    Supply(int nCategories) {
      this.nCategories = nCategories;
    }

    double[] counts(String county) {
      return counts.computeIfAbsent(county, k -> new double[nCategories]);
    }

    double[] capacities(String county) {
      return capacities.computeIfAbsent(
          county, k -> new double[AggregateKernel.CAPACITY_KINDS.size()]);
    }

    /** {nursing beds, beds} of elderly-care institutions that state nursing beds. */
    double[] nursing(String county) {
      return nursing.computeIfAbsent(county, k -> new double[2]);
    }

    /** {counts, capacities, nursing} of one county. */
    double[][] of(String county) {
      return new double[][] {
        counts(county).clone(), capacities(county).clone(), nursing(county).clone()
      };
    }

    /** {counts, capacities, nursing} summed over {@code counties}. */
    double[][] sum(List<String> counties) {
      double[][] total = {
        new double[nCategories], new double[AggregateKernel.CAPACITY_KINDS.size()], new double[2]
      };
      for (String county : counties) {
        double[][] one = of(county);
        for (int i = 0; i < 3; i++) {
          for (int j = 0; j < total[i].length; j++) {
            total[i][j] += one[i][j];
          }
        }
      }
      return total;
    }
  }

  /**
   * Fails on the driver, before any task, when the access stage wrote other categories or
   * thresholds.
   */
  private static void requireColumns(
      Dataset<Row> table, Path path, AggregateKernel kernel, boolean grid) {
    java.util.Set<String> columns = new java.util.HashSet<>(List.of(table.columns()));
    List<String> required =
        new ArrayList<>(List.of("county_code", "city_code", "basic_complete_10min"));
    if (grid) {
      required.addAll(
          List.of(
              "cell_id",
              "population",
              "pop_0_2",
              "pop_3_5",
              "pop_60_plus",
              "proximity_min",
              "geometry"));
    }
    if (kernel.model() == AggregateKernel.Model.NETWORK) {
      required.add(AggregateRows.LINKED_COLUMN);
      for (int c = 0; c < kernel.nCategories(); c++) {
        required.add(AggregateRows.straightColumn(kernel.categoryId(c)));
      }
    }
    for (int c = 0; c < kernel.nCategories(); c++) {
      required.add(AggregateRows.distColumn(kernel.categoryId(c)));
      for (int t = 0; t < kernel.nThresholds(); t++) {
        required.add(AggregateRows.countColumn(kernel.thresholdMin(t), kernel.categoryId(c)));
      }
    }
    for (String column : required) {
      if (!columns.contains(column)) {
        throw new InputException(
            "Cannot aggregate "
                + path
                + ": no column "
                + column
                + "; rerun the access stage with"
                + " the same conf/categories.yaml and walking thresholds"
                + (kernel.model() == AggregateKernel.Model.NETWORK
                    ? " (its manifest says walk_model network)"
                    : ""));
      }
    }
  }

  /**
   * The walking model the access stage recorded ({@code walk_model.model} and {@code detour_factor}
   * of its manifest). An output without a manifest or without {@code model} (written before the
   * network model existed) is straight-line; the detour factor falls back to the city's.
   */
  record AccessWalk(AggregateKernel.Model model, double detourFactor) {
    static AccessWalk of(Path manifest, double cityDetourFactor) {
      if (!Files.isRegularFile(manifest)) {
        return new AccessWalk(AggregateKernel.Model.STRAIGHT_LINE, cityDetourFactor);
      }
      com.fasterxml.jackson.databind.JsonNode walk;
      try {
        walk =
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(manifest.toFile())
                .path(Manifest.WALK_MODEL);
      } catch (IOException e) {
        throw new InputException(
            "Cannot read " + manifest + ": " + e.getMessage() + "; rerun the access stage", e);
      }
      AggregateKernel.Model model;
      try {
        model =
            walk.path("model").isTextual()
                ? AggregateKernel.Model.of(walk.path("model").asText())
                : AggregateKernel.Model.STRAIGHT_LINE;
      } catch (IllegalArgumentException e) {
        throw new InputException(
            "Cannot aggregate "
                + manifest
                + ": walk_model.model "
                + walk.path("model").asText()
                + " is not straight_line or network; rerun the access stage");
      }
      double detour =
          walk.path("detour_factor").isNumber()
              ? walk.path("detour_factor").asDouble()
              : cityDetourFactor;
      return new AccessWalk(model, detour);
    }
  }

  private static Path input(Spec spec, Table table) {
    Path p = CityLayout.of(spec.cityOut()).table(table);
    if (!Files.isDirectory(p)) {
      throw new InputException(
          "Cannot aggregate "
              + spec.cityId()
              + ": "
              + p
              + " does not exist; run the "
              + table.stage().id()
              + " stage first");
    }
    return p;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
