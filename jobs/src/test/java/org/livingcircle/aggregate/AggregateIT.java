package org.livingcircle.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.common.InputException;
import org.livingcircle.config.CapacityKind;
import org.livingcircle.config.Category;
import org.livingcircle.config.Targets;
import org.livingcircle.config.Tier;
import org.livingcircle.spark.GeoParquet;
import org.livingcircle.spark.SparkTestSession;

/**
 * A tiny city (two counties, 40 cells, 9 compounds) written as the access and ingest stages would,
 * aggregated by {@link AggregateJob} and checked against a brute-force oracle over the same rows:
 * plain loops, medians of values repeated population times, Gini from mean absolute differences,
 * ranks by counting larger populations.
 */
class AggregateIT {
  static final double SPEED = 80;
  static final int[] T = {5, 10, 15};
  static final List<Category> CATEGORIES =
      List.of(
          AggregateKernelTest.category("shop", Tier.BASIC, 5, null),
          AggregateKernelTest.category("cafe", Tier.QUALITY, 15, null),
          AggregateKernelTest.category("nursery", Tier.PUBLIC, 10, CapacityKind.NURSERY_PLACES),
          AggregateKernelTest.category("elderly", Tier.PUBLIC, 15, CapacityKind.ELDERLY_BEDS),
          AggregateKernelTest.category("home", Tier.RESIDENTIAL, 15, null));
  static final String[] COUNTIES = {"140502", "140522"};
  static final String CITY = "140500";

  /** One origin as written: dist null = none within the limit. */
  record Origin(
      long id,
      String county,
      double pop,
      double pop02,
      Double[] dist,
      int[][] n,
      Boolean basic,
      Double proximity) {}

  @TempDir static Path tmp;
  static SparkSession spark;
  static final List<Origin> CELLS = new ArrayList<>();
  static final List<Origin> COMPOUNDS = new ArrayList<>();
  static final Map<String, double[]> POI = new HashMap<>(); // county -> count per category (4)
  static final Map<String, double[]> FACILITY_COUNT = new HashMap<>();
  static final Map<String, double[]> NURSERY_ELDERLY_CAPACITY = new HashMap<>();
  static AggregateJob.Result result;
  static String progress;
  static Map<String, Row> admin;

  @BeforeAll
  static void run() {
    spark = SparkTestSession.get();
    Random random = new Random(20231229);
    for (int i = 0; i < 40; i++) {
      String county = i < 24 ? COUNTIES[0] : COUNTIES[1];
      double pop = new double[] {0, 10, 20, 20, 30, 50}[random.nextInt(6)];
      CELLS.add(origin(random, 1000 + i, county, pop));
    }
    // exactly on the shop's own threshold (5 min × 80 m/min = 400 m): covered, not a gap
    CELLS.set(0, withShop(CELLS.get(0), 400.0));
    for (int i = 0; i < 9; i++) {
      COMPOUNDS.add(origin(random, i, i < 5 ? COUNTIES[0] : COUNTIES[1], 0));
    }
    Path city = tmp.resolve("jincheng");
    writeCells(city.resolve("indicators/grid_indicators"), CELLS, true);
    writeCells(city.resolve("indicators/compound_indicators"), COMPOUNDS, false);
    writeAdmin(city.resolve("ingest/admin_units"));
    writeSupply(city.resolve("ingest"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    result =
        AggregateJob.run(spark, spec(city), new PrintStream(out, true, StandardCharsets.UTF_8));
    progress = out.toString(StandardCharsets.UTF_8);
    admin = new HashMap<>();
    for (Row r :
        spark
            .read()
            .format("geoparquet")
            .load(city.resolve("aggregate/admin_indicators").toString())
            .collectAsList()) {
      admin.put(r.getString(r.fieldIndex("admin_code")), r);
    }
  }

  static AggregateJob.Spec spec(Path city) {
    return new AggregateJob.Spec(
        "jincheng",
        CATEGORIES,
        List.of(5, 10, 15),
        SPEED,
        Set.of(Tier.BASIC, Tier.PUBLIC),
        "EPSG:32649",
        city,
        city.resolve("aggregate"),
        Map.of("test", true));
  }

  static Origin origin(Random random, long id, String county, double pop) {
    Double[] dist = new Double[4];
    int[][] n = new int[4][3];
    for (int c = 0; c < 4; c++) {
      dist[c] = random.nextInt(6) == 0 ? null : (double) (50 * random.nextInt(40));
      for (int t = 0; t < 3; t++) {
        n[c][t] = dist[c] != null && dist[c] <= T[t] * SPEED ? 1 + random.nextInt(3) : 0;
      }
    }
    Boolean basic = random.nextInt(10) == 0 ? null : dist[0] != null && dist[0] <= 800;
    Double proximity = random.nextInt(8) == 0 ? null : (double) random.nextInt(30);
    return new Origin(id, county, pop, pop / 10, dist, n, basic, proximity);
  }

  static Origin withShop(Origin o, double distM) {
    Double[] dist = o.dist().clone();
    dist[0] = distM;
    int[][] n = o.n().clone();
    n[0] = new int[] {1, 1, 1};
    return new Origin(o.id(), o.county(), o.pop(), o.pop02(), dist, n, true, o.proximity());
  }

  static void writeCells(Path path, List<Origin> origins, boolean grid) {
    StructType s =
        new StructType()
            .add(grid ? "cell_id" : "compound_id", DataTypes.LongType)
            .add("city_code", DataTypes.StringType)
            .add("county_code", DataTypes.StringType);
    if (grid) {
      s =
          s.add("population", DataTypes.DoubleType)
              .add("pop_0_2", DataTypes.DoubleType)
              .add("pop_3_5", DataTypes.DoubleType)
              .add("pop_60_plus", DataTypes.DoubleType);
    } else {
      s = s.add("name", DataTypes.StringType);
    }
    for (int c = 0; c < 4; c++) {
      s = s.add("dist_m_" + CATEGORIES.get(c).id(), DataTypes.DoubleType);
      for (int t : T) {
        s = s.add("n_" + t + "min_" + CATEGORIES.get(c).id(), DataTypes.IntegerType);
      }
    }
    s =
        s.add("basic_types_10min", DataTypes.IntegerType)
            .add("basic_complete_10min", DataTypes.BooleanType)
            .add("proximity_min", DataTypes.DoubleType)
            .add("access_nursery_places", DataTypes.DoubleType)
            .add("wkt", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (Origin o : origins) {
      List<Object> v = new ArrayList<>(List.of(o.id(), CITY, o.county()));
      if (grid) {
        v.addAll(List.of(o.pop(), o.pop02(), o.pop() / 5, o.pop() / 4));
      } else {
        v.add("小区" + o.id());
      }
      for (int c = 0; c < 4; c++) {
        v.add(o.dist()[c]);
        for (int t = 0; t < 3; t++) {
          v.add(o.n()[c][t]);
        }
      }
      v.add(1);
      v.add(o.basic());
      v.add(o.proximity());
      v.add(0.001);
      double x = 500_000 + 250 * (o.id() % 10);
      double y = 3_900_000 + 250 * (o.id() / 10);
      v.add(
          grid
              ? String.format(
                  Locale.ROOT,
                  "POLYGON ((%s %s, %s %s, %s %s, %s %s, %s %s))",
                  x,
                  y,
                  x + 250,
                  y,
                  x + 250,
                  y + 250,
                  x,
                  y + 250,
                  x,
                  y)
              : String.format(Locale.ROOT, "POINT (%s %s)", x + 125, y + 125));
      rows.add(RowFactory.create(v.toArray()));
    }
    write(spark.createDataFrame(rows, s), "EPSG:32649", path);
  }

  static void write(Dataset<Row> df, String crs, Path path) {
    df.createOrReplaceTempView("lcp_it_input");
    GeoParquet.write(
        spark,
        spark.sql("SELECT *, ST_GeomFromWKT(wkt) AS geometry FROM lcp_it_input").drop("wkt"),
        crs,
        path.toString());
  }

  static void writeAdmin(Path path) {
    StructType s =
        new StructType()
            .add("admin_code", DataTypes.StringType)
            .add("level", DataTypes.StringType)
            .add("name", DataTypes.StringType)
            .add("city_code", DataTypes.StringType)
            .add("city_name", DataTypes.StringType)
            .add("wkt", DataTypes.StringType);
    write(
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    "140502",
                    "county",
                    "城区",
                    CITY,
                    "晋城市",
                    "POLYGON ((112.8 35.45, 112.9 35.45, 112.9 35.55, 112.8 35.55, 112.8 35.45))"),
                RowFactory.create(
                    "140522",
                    "county",
                    "阳城县",
                    CITY,
                    "晋城市",
                    "POLYGON ((112.3 35.45, 112.45 35.45, 112.45 35.55, 112.3 35.55, 112.3 35.45))")),
            s),
        "OGC:CRS84",
        path);
  }

  static void writeSupply(Path ingest) {
    StructType poi =
        new StructType()
            .add("poi_id", DataTypes.StringType)
            .add("category", DataTypes.StringType)
            .add("tier", DataTypes.StringType)
            .add("county_code", DataTypes.StringType)
            .add("wkt", DataTypes.StringType);
    StructType fac =
        new StructType()
            .add("facility_id", DataTypes.StringType)
            .add("category", DataTypes.StringType)
            .add("capacity", DataTypes.DoubleType)
            .add("capacity_unit", DataTypes.StringType)
            .add("county_code", DataTypes.StringType)
            .add("wkt", DataTypes.StringType);
    List<Row> poiRows = new ArrayList<>();
    List<Row> facRows = new ArrayList<>();
    String[][] pois = {
      {"shop", "140502"},
      {"shop", "140502"},
      {"shop", "140522"},
      {"cafe", "140502"},
      {"nursery", "140522"},
      {"unknown_category", "140502"},
      {"shop", null}
    };
    for (int i = 0; i < pois.length; i++) {
      poiRows.add(
          RowFactory.create("p" + i, pois[i][0], "basic", pois[i][1], "POINT (112.85 35.5)"));
      if (pois[i][1] != null && !pois[i][0].equals("unknown_category")) {
        POI.computeIfAbsent(pois[i][1], k -> new double[4])[index(pois[i][0])]++;
      }
    }
    Object[][] facilities = {
      {"nursery", 16.0, "140502"},
      {"nursery", 32.0, "140502"},
      {"elderly", 64.0, "140522"},
      {"nursery", 8.0, "140522"}
    };
    for (int i = 0; i < facilities.length; i++) {
      String cat = (String) facilities[i][0];
      String county = (String) facilities[i][2];
      double cap = (Double) facilities[i][1];
      facRows.add(
          RowFactory.create(
              "f" + i,
              cat,
              cap,
              cat.equals("elderly") ? "beds" : "places",
              county,
              "POINT (112.85 35.5)"));
      FACILITY_COUNT.computeIfAbsent(county, k -> new double[4])[index(cat)]++;
      NURSERY_ELDERLY_CAPACITY
              .computeIfAbsent(county, k -> new double[2])[cat.equals("nursery") ? 0 : 1] +=
          cap;
    }
    write(spark.createDataFrame(poiRows, poi), "OGC:CRS84", ingest.resolve("poi"));
    write(spark.createDataFrame(facRows, fac), "OGC:CRS84", ingest.resolve("facilities"));
    StructType census =
        new StructType()
            .add("admin_code", DataTypes.StringType)
            .add("level", DataTypes.StringType)
            .add("pop_total", DataTypes.LongType)
            .add("pop_0_2", DataTypes.LongType)
            .add("wkt", DataTypes.StringType);
    write(
        spark.createDataFrame(
            List.of(
                RowFactory.create("140502", "county", 700L, 20L, "POINT (112.85 35.5)"),
                RowFactory.create("140522", "county", 300L, 9L, "POINT (112.4 35.5)")),
            census),
        "OGC:CRS84",
        ingest.resolve("census"));
  }

  static int index(String category) {
    for (int c = 0; c < 4; c++) {
      if (CATEGORIES.get(c).id().equals(category)) {
        return c;
      }
    }
    throw new IllegalArgumentException(category);
  }

  static List<Origin> of(List<Origin> origins, String unit) {
    return origins.stream().filter(o -> unit.equals(CITY) || o.county().equals(unit)).toList();
  }

  static Double value(Row r, String column) {
    int i = r.fieldIndex(column);
    return r.isNullAt(i) ? null : ((Number) r.get(i)).doubleValue();
  }

  static void assertValue(Row r, String column, double expected) {
    if (Double.isNaN(expected)) {
      assertThat(value(r, column)).as(column).isNull();
    } else {
      assertThat(value(r, column))
          .as(r.getString(0) + " " + column)
          .isNotNull()
          .isCloseTo(expected, within(1e-9));
    }
  }

  @Test
  void cellIndicatorsMatchBruteForce() {
    for (String unit : List.of(COUNTIES[0], COUNTIES[1], CITY)) {
      Row r = admin.get(unit);
      List<Origin> cells = of(CELLS, unit);
      double total = 0;
      double basic = 0;
      for (Origin o : cells) {
        total += o.pop();
        basic += Boolean.TRUE.equals(o.basic()) ? o.pop() : 0;
      }
      assertValue(r, "population", total);
      assertThat(r.getLong(r.fieldIndex("n_cells"))).isEqualTo(cells.size());
      assertValue(r, "share_basic_complete_10min", basic / total);
      for (int c = 0; c < 4; c++) {
        String id = CATEGORIES.get(c).id();
        double own = CATEGORIES.get(c).thresholdMin() * SPEED;
        for (int t = 0; t < 3; t++) {
          double covered = 0;
          for (Origin o : cells) {
            covered += o.n()[c][t] > 0 ? o.pop() : 0;
          }
          assertValue(r, "share_" + T[t] + "min_" + id, covered / total);
        }
        double ownCovered = 0;
        double none = 0;
        double sumMinutes = 0;
        double reached = 0;
        List<Double> repeated = new ArrayList<>();
        for (Origin o : cells) {
          Double d = o.dist()[c];
          if (d == null) {
            none += o.pop();
            continue;
          }
          ownCovered += d <= own ? o.pop() : 0;
          sumMinutes += o.pop() * d / SPEED;
          reached += o.pop();
          for (int k = 0; k < (int) o.pop(); k++) {
            repeated.add(d / SPEED);
          }
        }
        repeated.sort(null);
        int m = repeated.size();
        double median =
            m == 0
                ? Double.NaN
                : m % 2 == 1
                    ? repeated.get(m / 2)
                    : (repeated.get(m / 2 - 1) + repeated.get(m / 2)) / 2;
        assertValue(r, "share_own_" + id, ownCovered / total);
        assertValue(r, "share_none_within_limit_" + id, none / total);
        assertValue(r, "mean_min_" + id, reached > 0 ? sumMinutes / reached : Double.NaN);
        assertValue(r, "median_min_" + id, median);
      }
      // Gini = Σ_i Σ_j w_i w_j |x_i − x_j| / (2 W² μ) over cells with a known proximity
      double w = 0;
      double amount = 0;
      double diff = 0;
      for (Origin a : cells) {
        if (a.proximity() == null) {
          continue;
        }
        w += a.pop();
        amount += a.pop() * a.proximity();
        for (Origin b : cells) {
          if (b.proximity() != null) {
            diff += a.pop() * b.pop() * Math.abs(a.proximity() - b.proximity());
          }
        }
      }
      assertValue(r, "gini_proximity_min", diff / (2 * w * amount));
    }
  }

  @Test
  void compoundsAndSupplyMatchBruteForce() {
    for (String unit : List.of(COUNTIES[0], COUNTIES[1], CITY)) {
      Row r = admin.get(unit);
      List<Origin> compounds = of(COMPOUNDS, unit);
      assertThat(r.getLong(r.fieldIndex("n_compounds"))).isEqualTo(compounds.size());
      assertValue(
          r,
          "compound_share_basic_complete_10min",
          compounds.stream().filter(o -> Boolean.TRUE.equals(o.basic())).count()
              / (double) compounds.size());
      for (int c = 0; c < 4; c++) {
        double own = CATEGORIES.get(c).thresholdMin() * SPEED;
        int k = c;
        assertValue(
            r,
            "compound_share_own_" + CATEGORIES.get(c).id(),
            compounds.stream().filter(o -> o.dist()[k] != null && o.dist()[k] <= own).count()
                / (double) compounds.size());
      }
      double total = of(CELLS, unit).stream().mapToDouble(Origin::pop).sum();
      double aged02 = of(CELLS, unit).stream().mapToDouble(Origin::pop02).sum();
      double[] count = new double[4];
      double[] capacity = new double[2];
      for (String county : COUNTIES) {
        if (unit.equals(CITY) || unit.equals(county)) {
          for (int c = 0; c < 4; c++) {
            count[c] +=
                POI.getOrDefault(county, new double[4])[c]
                    + FACILITY_COUNT.getOrDefault(county, new double[4])[c];
          }
          capacity[0] += NURSERY_ELDERLY_CAPACITY.getOrDefault(county, new double[2])[0];
          capacity[1] += NURSERY_ELDERLY_CAPACITY.getOrDefault(county, new double[2])[1];
        }
      }
      for (int c = 0; c < 4; c++) {
        assertValue(r, "per_1000_" + CATEGORIES.get(c).id(), count[c] * 1000 / total);
      }
      assertValue(r, "capacity_nursery_places", capacity[0]);
      assertValue(r, "capacity_per_1000_nursery_places", capacity[0] * 1000 / total);
      assertValue(r, "capacity_per_1000_elderly_beds", capacity[1] * 1000 / total);
      assertValue(r, "nursery_places_per_1000_aged_0_2", capacity[0] * 1000 / aged02);
      assertValue(r, "elderly_beds_per_1000_aged_60_plus", capacity[1] * 1000 / (total / 4));
      assertValue(r, "capacity_hospital_beds", 0);
    }
    assertThat(admin.get("140502").getLong(admin.get("140502").fieldIndex("census_pop_total")))
        .isEqualTo(700L);
    assertThat(admin.get(CITY).isNullAt(admin.get(CITY).fieldIndex("census_pop_total"))).isTrue();
    assertThat(admin.get(CITY).getString(admin.get(CITY).fieldIndex("level"))).isEqualTo("city");
    assertThat(admin.get(CITY).isNullAt(admin.get(CITY).fieldIndex("county_code"))).isTrue();
    assertThat(admin.get("140522").getString(admin.get("140522").fieldIndex("county_name")))
        .isEqualTo("阳城县");
    assertThat(admin.get(CITY).getString(admin.get(CITY).fieldIndex("name"))).isEqualTo("晋城市");
  }

  @Test
  void gapCellsMatchBruteForce() {
    Set<String> expected = new HashSet<>();
    for (int c = 0; c < 4; c++) {
      Category cat = CATEGORIES.get(c);
      if (cat.tier() == Tier.QUALITY) {
        continue;
      }
      double own = cat.thresholdMin() * SPEED;
      for (Origin o : CELLS) {
        if (!gap(o, c, own)) {
          continue;
        }
        int rank = 1;
        for (Origin other : CELLS) {
          rank +=
              other.county().equals(o.county()) && gap(other, c, own) && other.pop() > o.pop()
                  ? 1
                  : 0;
        }
        expected.add(
            o.id()
                + "|"
                + o.county()
                + "|"
                + cat.id()
                + "|"
                + cat.tier().id()
                + "|"
                + o.pop()
                + "|"
                + o.dist()[c]
                + "|"
                + rank);
      }
    }
    Set<String> actual = new HashSet<>();
    Dataset<Row> gaps =
        spark.read().format("geoparquet").load(result.outDir().resolve("gap_cells").toString());
    assertThat(gaps.columns())
        .containsExactly(
            "cell_id",
            "county_code",
            "category",
            "tier",
            "population",
            "dist_m",
            "rank",
            "geometry",
            "bbox");
    for (Row r : gaps.collectAsList()) {
      actual.add(
          r.getLong(0)
              + "|"
              + r.getString(1)
              + "|"
              + r.getString(2)
              + "|"
              + r.getString(3)
              + "|"
              + r.getDouble(4)
              + "|"
              + (r.isNullAt(5) ? null : r.getDouble(5))
              + "|"
              + r.getInt(6));
    }
    assertThat(expected).hasSizeGreaterThan(10);
    assertThat(actual).isEqualTo(expected);
    assertThat(result.gapCells().geometryTypes()).containsExactly("Polygon");
    assertThat(expected).noneMatch(s -> s.startsWith("1000|") && s.contains("|shop|"));
  }

  static boolean gap(Origin o, int c, double own) {
    return o.pop() > 0 && (o.dist()[c] == null || o.dist()[c] > own);
  }

  @Test
  void adminIndicatorsAreGeoParquetInCrs84WithOneRowPerUnit() {
    assertThat(result.adminIndicators().rows()).isEqualTo(3);
    assertThat(admin.keySet()).containsExactlyInAnyOrder("140502", "140522", CITY);
    // the city polygon is the union of the two county boxes
    double[] bbox = result.adminIndicators().bbox();
    assertThat(bbox).containsExactly(new double[] {112.3, 35.45, 112.9, 35.55}, within(1e-9));
    assertThat(progress).startsWith("[aggregate] jincheng: 2 counties, 40 cells, 4 categories, ");
  }

  @Test
  void cliRejectsIndicatorsOfOtherCategories() {
    // the shipped categories are not the four of this fixture: one stderr line, exit 1, before any
    // task
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        org.livingcircle.cli.Lcp.run(
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            "aggregate",
            "--config",
            org.livingcircle.RepoPaths.of("conf/cities/jincheng.yaml").toString(),
            "--city-out",
            tmp.resolve("jincheng").toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "lcp: Cannot aggregate "
                + tmp.resolve("jincheng/indicators/grid_indicators")
                + ": no column dist_m_convenience_store; rerun the access"
                + " stage with the same conf/categories.yaml and walking thresholds"
                + System.lineSeparator());
  }

  @Test
  void missingInputNamesTheStage() {
    assertThatThrownBy(
            () ->
                AggregateJob.run(
                    spark,
                    spec(tmp.resolve("nowhere")),
                    new PrintStream(new ByteArrayOutputStream())))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "Cannot aggregate jincheng: "
                + tmp.resolve("nowhere/indicators/grid_indicators")
                + " does not exist; run the access stage first");
  }

  /**
   * Radius thresholds, a county override and two measures on the same cells, against a brute-force
   * oracle in exact integer arithmetic: cafe has a 500 m straight-line radius (walking dist_m ≤ 500
   * × 1.3, i.e. 10 × dist_m ≤ 6,500), nursery 10 min but 5 min in county 140522, shop_and_cafe
   * needs both within 300 m walking, nursery_kids weighs children aged 0-2 with a nursery within 10
   * min.
   */
  @Test
  void radiusThresholdsOverridesAndMeasuresMatchTheOracle() {
    List<Category> categories =
        List.of(
            CATEGORIES.get(0),
            new Category(
                "cafe",
                "cafe",
                "cafe",
                Tier.QUALITY,
                null,
                500.0,
                org.livingcircle.config.Threshold.Distance.STRAIGHT_LINE,
                null,
                List.of(),
                List.of(),
                0),
            CATEGORIES.get(2),
            CATEGORIES.get(3),
            CATEGORIES.get(4));
    AggregateJob.Measuring measuring =
        new AggregateJob.Measuring(
            1.3,
            Map.of("140522", Map.of("nursery", org.livingcircle.config.Threshold.minutes(5))),
            List.of(
                new Targets.Measure(
                    "shop_and_cafe",
                    List.of(List.of("shop"), List.of("cafe")),
                    null,
                    300.0,
                    org.livingcircle.config.Threshold.Distance.WALKING,
                    Targets.Population.RESIDENTS,
                    ""),
                new Targets.Measure(
                    "nursery_kids",
                    List.of(List.of("nursery")),
                    10.0,
                    null,
                    null,
                    Targets.Population.AGED_0_2,
                    "")));
    Path city = tmp.resolve("jincheng");
    Path out = city.resolve("aggregate_radius");
    AggregateJob.run(
        spark,
        new AggregateJob.Spec(
            "jincheng",
            categories,
            List.of(5, 10, 15),
            SPEED,
            Set.of(Tier.BASIC, Tier.PUBLIC),
            "EPSG:32649",
            city,
            out,
            Map.of("test", true),
            measuring),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    Map<String, Row> rows = new HashMap<>();
    for (Row r :
        spark
            .read()
            .format("geoparquet")
            .load(out.resolve("admin_indicators").toString())
            .collectAsList()) {
      rows.put(r.getString(r.fieldIndex("admin_code")), r);
    }
    for (String unit : List.of(COUNTIES[0], COUNTIES[1], CITY)) {
      List<Origin> cells = of(CELLS, unit);
      double total = 0;
      double kids = 0;
      double cafe = 0;
      double nursery = 0;
      double both = 0;
      double nurseryKids = 0;
      long nurseryLimitM = unit.equals("140522") ? 5 * 80 : 10 * 80;
      for (Origin o : cells) {
        total += o.pop();
        kids += o.pop02();
        Double shopM = o.dist()[0];
        Double cafeM = o.dist()[1];
        Double nurseryM = o.dist()[2];
        cafe += cafeM != null && 10 * cafeM <= 6_500 ? o.pop() : 0;
        nursery += nurseryM != null && nurseryM <= nurseryLimitM ? o.pop() : 0;
        both += shopM != null && shopM <= 300 && cafeM != null && cafeM <= 300 ? o.pop() : 0;
        nurseryKids += nurseryM != null && nurseryM <= 800 ? o.pop02() : 0;
      }
      Row r = rows.get(unit);
      assertValue(r, "share_own_cafe", cafe / total);
      assertValue(r, "share_own_nursery", nursery / total);
      assertValue(r, "reach_shop_and_cafe", both / total);
      assertValue(r, "reach_nursery_kids", nurseryKids / kids);
    }
    // the override changes county 140522 only: its share differs from the default run, the other
    // county's does not
    assertThat(
            rows.get(COUNTIES[0]).getDouble(rows.get(COUNTIES[0]).fieldIndex("share_own_nursery")))
        .isEqualTo(
            admin
                .get(COUNTIES[0])
                .getDouble(admin.get(COUNTIES[0]).fieldIndex("share_own_nursery")));
  }
}
