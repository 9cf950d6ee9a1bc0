package org.livingcircle.siting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.aggregate.CompareJob;
import org.livingcircle.config.CapacityKind;
import org.livingcircle.config.Category;
import org.livingcircle.config.SitingConfig;
import org.livingcircle.config.Targets;
import org.livingcircle.config.Tier;
import org.livingcircle.spark.GeoParquet;
import org.livingcircle.spark.SparkTestSession;

/**
 * A small city of two counties (10 × 10 cells of 250 m each, 5 km apart) and 8 compounds, written
 * as the grid, access and aggregate stages would, sited by {@link SitingJob}; every share is
 * recomputed here by brute force from the existing facilities plus the written suggestions'
 * coordinates.
 */
class SitingJobIT {
  static final double SPEED = 80;
  static final double DETOUR = 1.25;
  static final String CITY = "140500";
  static final String A = "140502";
  static final String B = "140522";
  static final List<Category> CATEGORIES =
      List.of(
          new Category(
              "shop",
              "shop",
              "shop",
              Tier.BASIC,
              5.0,
              null,
              null,
              CapacityKind.NONE,
              List.of(),
              List.of(),
              0),
          new Category(
              "bank",
              "bank",
              "bank",
              Tier.BASIC,
              10.0,
              null,
              null,
              CapacityKind.NONE,
              List.of(),
              List.of(),
              0),
          new Category(
              "nursery",
              "nursery",
              "nursery",
              Tier.PUBLIC,
              10.0,
              null,
              null,
              CapacityKind.NURSERY_PLACES,
              List.of(),
              List.of(),
              0),
          new Category(
              "home",
              "home",
              "home",
              Tier.RESIDENTIAL,
              15.0,
              null,
              null,
              CapacityKind.NONE,
              List.of(),
              List.of(),
              0));

  /** Existing facilities per category (x, y in metres). */
  static final Map<String, double[][]> EXISTING =
      Map.of(
          "shop", new double[][] {{300, 300}, {5300, 2000}},
          "bank", new double[][] {{1250, 1250}},
          "nursery", new double[][] {{1000, 1000}});

  record Cell(long id, String county, double x, double y, double pop, double nCompounds) {}

  record Compound(String id, String county, double x, double y) {}

  @TempDir static Path tmp;
  static SparkSession spark;
  static final List<Cell> CELLS = new ArrayList<>();
  static final List<Compound> COMPOUNDS = new ArrayList<>();
  static SitingJob.Result result;
  static String progress;
  static List<Row> suggestions;
  static Map<String, Row> targets = new HashMap<>();

  @BeforeAll
  static void run() {
    spark = SparkTestSession.get();
    Random random = new Random(42);
    for (int county = 0; county < 2; county++) {
      for (int col = 0; col < 10; col++) {
        for (int row = 0; row < 10; row++) {
          int c = col + county * 20;
          double pop = random.nextInt(4) == 0 ? 0 : 10 * (1 + random.nextInt(10));
          CELLS.add(
              new Cell(
                  c * 100L + row, county == 0 ? A : B, (c + 0.5) * 250, (row + 0.5) * 250, pop, 0));
        }
      }
    }
    for (int i = 0; i < 8; i++) {
      Cell c = CELLS.get(random.nextInt(CELLS.size()));
      COMPOUNDS.add(new Compound("k" + i, c.county(), c.x() + 20, c.y() - 30));
    }
    Path city = tmp.resolve("jincheng");
    writeCells(city);
    writeCompounds(city.resolve("indicators/compound_indicators"));
    writeAdmin(city.resolve("aggregate/admin_indicators"));
    Targets t =
        new Targets(
            List.of(
                target("t_shop", "share_own_shop", CITY, 0.95),
                target("t_basket", "compound_share_basic_complete_10min", A, 1.0),
                target("t_nursery", "capacity_per_1000_nursery_places", B, 4.5),
                target("t_docs", "physicians_per_1000", CITY, 3)));
    SitingConfig siting = new SitingConfig(40, "cells", Map.of("nursery_places", 30.0));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    result =
        SitingJob.run(
            spark,
            new SitingJob.Spec(
                "jincheng",
                "EPSG:32649",
                new org.livingcircle.config.CityConfig.Walking(
                    SPEED, DETOUR, List.of(5, 10, 15), 3000),
                CATEGORIES,
                Map.of("nursery_places", 10.0),
                t,
                siting,
                city,
                city.resolve("siting"),
                Map.of()),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    progress = out.toString(StandardCharsets.UTF_8);
    suggestions =
        spark
            .read()
            .format("geoparquet")
            .load(city.resolve("siting/suggestions").toString())
            .selectExpr("*", "ST_X(geometry) AS sx", "ST_Y(geometry) AS sy")
            .orderBy("admin_code", "indicator", "target_id", "rank")
            .collectAsList();
    for (Row r : spark.read().parquet(city.resolve("siting/targets").toString()).collectAsList()) {
      targets.put(r.getAs("target_id") + "|" + r.getAs("admin_code"), r);
    }
  }

  @Test
  void suggestionsAreGeoParquetPointsInTheMetricCrs() {
    GeoParquet.Written w =
        GeoParquet.check(
            spark.sparkContext().hadoopConfiguration(),
            tmp.resolve("jincheng/siting/suggestions").toString());
    assertThat(w.geometryTypes()).containsExactly("Point");
    assertThat(w.rows()).isEqualTo(result.nSites()).isPositive();
    assertThat(GeoParquet.crs(spark.sparkContext().hadoopConfiguration(), w.path()))
        .isEqualTo("EPSG:32649");
    assertThat(tmp.resolve("jincheng/siting/manifest.json")).exists();
    // 2 counties × 2 basic curves, t_shop for the city and both counties, t_basket for A, t_nursery
    // for B
    assertThat(result.nGroups()).isEqualTo(4 + 3 + 1 + 1);
    assertThat(progress).startsWith("[site] jincheng: 3 units × problems = 9 groups, ");
  }

  @Test
  void shopTargetRecomputedFromScratchMatchesEveryRank() {
    for (String unit : List.of(A, B, CITY)) {
      List<Row> sites = sites(unit, "t_shop");
      List<double[]> shops = new ArrayList<>(List.of(EXISTING.get("shop")));
      double before = shareOwn(unit, shops, 5);
      Row summary = targets.get("t_shop|" + unit);
      assertThat(summary.<Double>getAs("initial_share")).isCloseTo(before, within(1e-12));
      for (Row s : sites) {
        shops.add(new double[] {s.getAs("sx"), s.getAs("sy")});
        assertThat(s.<Double>getAs("cumulative_share"))
            .as("rank %s in %s", s.getAs("rank"), unit)
            .isCloseTo(shareOwn(unit, shops, 5), within(1e-12));
        assertThat(s.<String>getAs("category")).isEqualTo("shop");
      }
      double last = shareOwn(unit, shops, 5);
      assertThat(last).isGreaterThanOrEqualTo(0.95 - 1e-9);
      if (!sites.isEmpty()) {
        // the greedy stopped at the first rank that reaches the target
        assertThat(sites.get(sites.size() - 1).<Boolean>getAs("reached")).isTrue();
        if (sites.size() > 1) {
          assertThat(sites.get(sites.size() - 2).<Boolean>getAs("reached")).isFalse();
        }
      }
      assertThat(summary.<Integer>getAs("sites_needed")).isEqualTo(sites.size());
      assertThat(summary.<Boolean>getAs("reachable_within_budget")).isTrue();
    }
  }

  @Test
  void basketOfCompoundsIsCompletedWithSitesOfEachMissingCategory() {
    List<Row> sites = sites(A, "t_basket");
    Map<String, List<double[]>> facilities = new HashMap<>();
    EXISTING.forEach((c, xy) -> facilities.put(c, new ArrayList<>(List.of(xy))));
    for (Row s : sites) {
      facilities.get(s.<String>getAs("category")).add(new double[] {s.getAs("sx"), s.getAs("sy")});
      assertThat(s.<Double>getAs("marginal_people")).isNull();
    }
    double complete = 0;
    double n = 0;
    for (Compound k : COMPOUNDS) {
      if (k.county().equals(A)) {
        n++;
        complete +=
            reachable(k.x(), k.y(), facilities.get("shop"), 10)
                    && reachable(k.x(), k.y(), facilities.get("bank"), 10)
                ? 1
                : 0;
      }
    }
    assertThat(complete / n).isEqualTo(1.0);
    Row summary = targets.get("t_basket|" + A);
    assertThat(summary.<Integer>getAs("sites_needed")).isEqualTo(sites.size());
    assertThat(summary.<String>getAs("category")).isEqualTo("basic_basket");
    double marginal = 0;
    for (Row s : sites) {
      marginal += s.<Double>getAs("marginal_compounds");
    }
    assertThat(marginal).isEqualTo(n * (1 - summary.<Double>getAs("initial_share")), within(1e-9));
  }

  @Test
  void nurseryPlacesAreModulesUpToThePlacesNeeded() {
    double pop = 0;
    for (Cell c : CELLS) {
      pop += c.county().equals(B) ? c.pop() : 0;
    }
    // county B has no nursery place: 4.5 per 1,000 residents, in modules of 30
    double needed = 4.5 * pop / 1000;
    Row summary = targets.get("t_nursery|" + B);
    assertThat(summary.<Double>getAs("places_needed")).isCloseTo(needed, within(1e-9));
    List<Row> sites = sites(B, "t_nursery");
    assertThat(sites).hasSize((int) Math.ceil(needed / 30));
    assertThat(summary.<Integer>getAs("sites_needed")).isEqualTo(sites.size());
    assertThat(sites).allSatisfy(s -> assertThat(s.<Double>getAs("places")).isEqualTo(30.0));
    assertThat(targets).doesNotContainKey("t_docs|" + CITY);
  }

  @Test
  void curvesStartAtTodaysShareAndNeverFall() {
    List<Row> curve =
        spark
            .read()
            .parquet(tmp.resolve("jincheng/siting/coverage_curve").toString())
            .where("target_id IS NULL")
            .orderBy("admin_code", "indicator", "n_sites")
            .collectAsList();
    Map<String, Double> last = new HashMap<>();
    for (Row r : curve) {
      String key = r.getAs("admin_code") + "|" + r.getAs("indicator");
      double share = r.getAs("share");
      if (r.<Integer>getAs("n_sites") == 0) {
        String category = r.getAs("category");
        double minutes = category.equals("shop") ? 5 : 10;
        assertThat(share)
            .isCloseTo(
                shareOwn(r.getAs("admin_code"), List.of(EXISTING.get(category)), minutes),
                within(1e-12));
      } else {
        assertThat(share).isGreaterThan(last.get(key));
      }
      last.put(key, share);
    }
    assertThat(last)
        .containsOnlyKeys(
            A + "|share_own_shop",
            A + "|share_own_bank",
            B + "|share_own_shop",
            B + "|share_own_bank");
  }

  @Test
  void comparisonSaysHowManySitesReachEachTarget() {
    Targets t = new Targets(List.of(target("t_shop", "share_own_shop", CITY, 0.95)));
    CompareJob.run(
        spark,
        new CompareJob.Spec(List.of(tmp.resolve("jincheng")), tmp.resolve("cmp"), t),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    List<Row> rows =
        spark.read().parquet(tmp.resolve("cmp/comparison.parquet").toString()).collectAsList();
    assertThat(rows).hasSize(3);
    for (Row r : rows) {
      String unit = r.isNullAt(r.fieldIndex("county_code")) ? CITY : r.getAs("county_code");
      assertThat(r.<Integer>getAs("sites_needed")).isEqualTo(sites(unit, "t_shop").size());
      assertThat(r.<Boolean>getAs("reachable_within_budget")).isTrue();
    }
  }

  private static List<Row> sites(String unit, String targetId) {
    List<Row> out = new ArrayList<>();
    for (Row r : suggestions) {
      if (unit.equals(r.getAs("admin_code")) && targetId.equals(r.getAs("target_id"))) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * Population share of the unit's cells whose nearest facility is within {@code minutes} (walking
   * = line × detour).
   */
  private static double shareOwn(String unit, List<double[]> facilities, double minutes) {
    double covered = 0;
    double total = 0;
    for (Cell c : CELLS) {
      if (unit.equals(CITY) || c.county().equals(unit)) {
        total += c.pop();
        covered += nearestWalk(c.x(), c.y(), facilities) <= minutes * SPEED ? c.pop() : 0;
      }
    }
    return covered / total;
  }

  private static boolean reachable(double x, double y, List<double[]> facilities, double minutes) {
    double r = minutes * SPEED / DETOUR;
    for (double[] f : facilities) {
      if ((f[0] - x) * (f[0] - x) + (f[1] - y) * (f[1] - y) <= r * r) {
        return true;
      }
    }
    return false;
  }

  private static double nearestWalk(double x, double y, List<double[]> facilities) {
    double best = Double.POSITIVE_INFINITY;
    for (double[] f : facilities) {
      best = Math.min(best, Math.hypot(f[0] - x, f[1] - y) * DETOUR);
    }
    return best;
  }

  private static int within10(double x, double y, String category) {
    return reachable(x, y, List.of(EXISTING.get(category)), 10) ? 1 : 0;
  }

  private static Targets.Target target(String id, String indicator, String scope, double value) {
    return new Targets.Target(
        id, indicator, List.of(scope), Targets.Comparator.AT_LEAST, value, "u", 2025, "s", "n");
  }

  private static void writeCells(Path city) {
    StructType cells =
        new StructType()
            .add("cell_id", DataTypes.LongType)
            .add("x", DataTypes.DoubleType)
            .add("y", DataTypes.DoubleType)
            .add("wkt", DataTypes.StringType);
    StructType ind =
        new StructType()
            .add("cell_id", DataTypes.LongType)
            .add("city_code", DataTypes.StringType)
            .add("county_code", DataTypes.StringType)
            .add("population", DataTypes.DoubleType)
            .add("pop_0_2", DataTypes.DoubleType)
            .add("n_compounds", DataTypes.LongType)
            .add("dist_m_shop", DataTypes.DoubleType)
            .add("dist_m_bank", DataTypes.DoubleType)
            .add("n_10min_shop", DataTypes.IntegerType)
            .add("n_10min_bank", DataTypes.IntegerType)
            .add("access_nursery_places", DataTypes.DoubleType)
            .add("wkt", DataTypes.StringType);
    List<Row> a = new ArrayList<>();
    List<Row> b = new ArrayList<>();
    for (Cell c : CELLS) {
      String wkt =
          String.format(
              Locale.ROOT,
              "POLYGON ((%s %s, %s %s, %s %s, %s %s, %s %s))",
              c.x() - 125,
              c.y() - 125,
              c.x() + 125,
              c.y() - 125,
              c.x() + 125,
              c.y() + 125,
              c.x() - 125,
              c.y() + 125,
              c.x() - 125,
              c.y() - 125);
      a.add(RowFactory.create(c.id(), c.x(), c.y(), wkt));
      b.add(
          RowFactory.create(
              c.id(),
              CITY,
              c.county(),
              c.pop(),
              c.pop() * 0.03,
              0L,
              dist(c.x(), c.y(), "shop"),
              dist(c.x(), c.y(), "bank"),
              within10(c.x(), c.y(), "shop"),
              within10(c.x(), c.y(), "bank"),
              0.0,
              wkt));
    }
    write(spark.createDataFrame(a, cells), "EPSG:32649", city.resolve("grid/cells"));
    write(spark.createDataFrame(b, ind), "EPSG:32649", city.resolve("indicators/grid_indicators"));
  }

  /**
   * Walking metres to the nearest existing facility; null beyond 3 km, as "none within the search
   * limit".
   */
  private static Double dist(double x, double y, String category) {
    double d = nearestWalk(x, y, List.of(EXISTING.get(category)));
    return d > 3000 ? null : d;
  }

  private static void writeCompounds(Path path) {
    StructType s =
        new StructType()
            .add("compound_id", DataTypes.StringType)
            .add("city_code", DataTypes.StringType)
            .add("county_code", DataTypes.StringType)
            .add("dist_m_shop", DataTypes.DoubleType)
            .add("dist_m_bank", DataTypes.DoubleType)
            .add("n_10min_shop", DataTypes.IntegerType)
            .add("n_10min_bank", DataTypes.IntegerType)
            .add("wkt", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (Compound k : COMPOUNDS) {
      rows.add(
          RowFactory.create(
              k.id(),
              CITY,
              k.county(),
              dist(k.x(), k.y(), "shop"),
              dist(k.x(), k.y(), "bank"),
              within10(k.x(), k.y(), "shop"),
              within10(k.x(), k.y(), "bank"),
              String.format(Locale.ROOT, "POINT (%s %s)", k.x(), k.y())));
    }
    write(spark.createDataFrame(rows, s), "EPSG:32649", path);
  }

  private static void writeAdmin(Path path) {
    double[] pop = new double[2];
    for (Cell c : CELLS) {
      pop[c.county().equals(A) ? 0 : 1] += c.pop();
    }
    StructType s =
        new StructType()
            .add("admin_code", DataTypes.StringType)
            .add("level", DataTypes.StringType)
            .add("name", DataTypes.StringType)
            .add("city_code", DataTypes.StringType)
            .add("city_name", DataTypes.StringType)
            .add("county_code", DataTypes.StringType)
            .add("county_name", DataTypes.StringType)
            .add("population", DataTypes.DoubleType)
            .add("pop_0_2", DataTypes.DoubleType)
            .add("capacity_nursery_places", DataTypes.DoubleType)
            .add("share_own_shop", DataTypes.DoubleType)
            .add("wkt", DataTypes.StringType);
    String box = "POLYGON ((112 35, 113 35, 113 36, 112 36, 112 35))";
    write(
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    A,
                    "county",
                    "城区",
                    CITY,
                    "晋城市",
                    A,
                    "城区",
                    pop[0],
                    pop[0] * 0.03,
                    20.0,
                    null,
                    box),
                RowFactory.create(
                    B,
                    "county",
                    "阳城县",
                    CITY,
                    "晋城市",
                    B,
                    "阳城县",
                    pop[1],
                    pop[1] * 0.03,
                    0.0,
                    null,
                    box),
                RowFactory.create(
                    CITY,
                    "city",
                    "晋城市",
                    CITY,
                    "晋城市",
                    null,
                    null,
                    pop[0] + pop[1],
                    (pop[0] + pop[1]) * 0.03,
                    20.0,
                    null,
                    box)),
            s),
        "OGC:CRS84",
        path);
  }

  private static void write(Dataset<Row> df, String crs, Path path) {
    df.createOrReplaceTempView("lcp_site_it_input");
    GeoParquet.write(
        spark,
        spark.sql("SELECT *, ST_GeomFromWKT(wkt) AS geometry FROM lcp_site_it_input").drop("wkt"),
        crs,
        path.toString());
  }
}
