package org.livingcircle.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.common.InputException;
import org.livingcircle.config.Category;
import org.livingcircle.config.Targets;
import org.livingcircle.config.Threshold;
import org.livingcircle.config.Tier;
import org.livingcircle.spark.GeoParquet;
import org.livingcircle.spark.SparkTestSession;

/**
 * The tiny city of {@link AggregateIT}, faked as a network-model access output: its straight-line
 * tables get {@code dist_straight_m_<c>} (the distance ÷ a per-cell detour of 1, 1.25, 1.5 or 2;
 * some cells with no facility on the network still have one in a straight line) and {@code linked},
 * and the access manifest says {@code model: network}. The aggregate is checked against plain loops
 * over the rows read back (SYNTHETIC test data).
 */
class AggregateNetworkIT {
  static final double MANIFEST_DETOUR = 1.3;

  /**
   * "elderly" measured as a 500 m straight-line radius (the written columns are those of
   * AggregateIT).
   */
  static final List<Category> CATEGORIES =
      List.of(
          AggregateIT.CATEGORIES.get(0),
          AggregateIT.CATEGORIES.get(1),
          AggregateIT.CATEGORIES.get(2),
          new Category(
              "elderly",
              "elderly",
              "elderly",
              Tier.PUBLIC,
              null,
              500.0,
              Threshold.Distance.STRAIGHT_LINE,
              null,
              List.of(),
              List.of(),
              0),
          AggregateIT.CATEGORIES.get(4));

  @TempDir static Path tmp;
  static SparkSession spark;
  static List<Row> cells;
  static Map<String, Row> admin;
  static List<Row> gaps;
  static String compareOut;

  @BeforeAll
  static void run() throws Exception {
    spark = SparkTestSession.get();
    AggregateIT.spark = spark;
    Random random = new Random(20261202);
    List<AggregateIT.Origin> origins = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      double pop = new double[] {0, 10, 20, 20, 30, 50}[random.nextInt(6)];
      origins.add(
          AggregateIT.origin(
              random, 1000 + i, i < 24 ? AggregateIT.COUNTIES[0] : AggregateIT.COUNTIES[1], pop));
    }
    List<AggregateIT.Origin> compounds = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      compounds.add(
          AggregateIT.origin(
              random, i, i < 5 ? AggregateIT.COUNTIES[0] : AggregateIT.COUNTIES[1], 0));
    }
    Path city = tmp.resolve("jincheng");
    AggregateIT.writeCells(tmp.resolve("straight/grid_indicators"), origins, true);
    AggregateIT.writeCells(tmp.resolve("straight/compound_indicators"), compounds, false);
    withNetworkColumns(
        tmp.resolve("straight/grid_indicators"),
        city.resolve("indicators/grid_indicators"),
        "cell_id");
    withNetworkColumns(
        tmp.resolve("straight/compound_indicators"),
        city.resolve("indicators/compound_indicators"),
        "compound_id");
    Files.writeString(
        city.resolve("indicators/manifest.json"),
        "{\"stage\": \"access\", \"walk_model\": {\"model\": "
            + "\"network\", \"speed_m_per_min\": 80, \"detour_factor\": "
            + MANIFEST_DETOUR
            + ", \"thresholds_min\": [5, 10, 15]}}");
    AggregateIT.writeAdmin(city.resolve("ingest/admin_units"));
    writeSupply(city.resolve("ingest"));
    AggregateJob.run(
        spark,
        spec(city),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    cells =
        spark
            .read()
            .format("geoparquet")
            .load(city.resolve("indicators/grid_indicators").toString())
            .collectAsList();
    admin = new HashMap<>();
    for (Row r :
        spark
            .read()
            .format("geoparquet")
            .load(city.resolve("aggregate/admin_indicators").toString())
            .collectAsList()) {
      admin.put(r.getString(r.fieldIndex("admin_code")), r);
    }
    gaps =
        spark
            .read()
            .format("geoparquet")
            .load(city.resolve("aggregate/gap_cells").toString())
            .collectAsList();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompareJob.run(
        spark,
        new CompareJob.Spec(List.of(city), tmp.resolve("cmp"), new Targets(List.of())),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    compareOut = out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Adds dist_straight_m_<c> = dist_m ÷ (1, 1.25, 1.5, 2 by id) and linked = id not divisible by 6.
   */
  static void withNetworkColumns(Path from, Path to, String id) {
    Dataset<Row> df = spark.read().format("geoparquet").load(from.toString()).drop("bbox");
    org.apache.spark.sql.Column ratio =
        functions.element_at(
            functions.array(
                functions.lit(1.0), functions.lit(1.25), functions.lit(1.5), functions.lit(2.0)),
            functions.col(id).mod(4).cast("int").plus(1));
    for (int c = 0; c < 4; c++) {
      String cat = AggregateIT.CATEGORIES.get(c).id();
      // no facility on the network within the limit, yet one at 700 m straight line for every third
      // such origin
      df =
          df.withColumn(
              "dist_straight_m_" + cat,
              functions
                  .when(
                      functions.col("dist_m_" + cat).isNotNull(),
                      functions.col("dist_m_" + cat).divide(ratio))
                  .otherwise(
                      functions.when(functions.col(id).mod(3).equalTo(0), functions.lit(700.0))));
    }
    df = df.withColumn("linked", functions.col(id).mod(6).notEqual(0));
    GeoParquet.write(spark, df, "EPSG:32649", to.toString());
  }

  /**
   * AggregateIT's supply tables, leaving its expected counts as they were (both classes may share a
   * JVM).
   */
  static void writeSupply(Path ingest) {
    List<Map<String, double[]>> state =
        List.of(AggregateIT.POI, AggregateIT.FACILITY_COUNT, AggregateIT.NURSERY_ELDERLY_CAPACITY);
    List<Map<String, double[]>> saved = new ArrayList<>();
    for (Map<String, double[]> m : state) {
      Map<String, double[]> copy = new HashMap<>();
      m.forEach((k, v) -> copy.put(k, v.clone()));
      saved.add(copy);
    }
    AggregateIT.writeSupply(ingest);
    for (int i = 0; i < state.size(); i++) {
      state.get(i).clear();
      state.get(i).putAll(saved.get(i));
    }
  }

  static AggregateJob.Spec spec(Path city) {
    return new AggregateJob.Spec(
        "jincheng",
        CATEGORIES,
        List.of(5, 10, 15),
        AggregateIT.SPEED,
        Set.of(Tier.BASIC, Tier.PUBLIC),
        "EPSG:32649",
        city,
        city.resolve("aggregate"),
        Map.of("test", true),
        new AggregateJob.Measuring(1.2, Map.of(), List.of()));
  }

  static double d(Row r, String column) {
    int i = r.fieldIndex(column);
    return r.isNullAt(i) ? Double.POSITIVE_INFINITY : ((Number) r.get(i)).doubleValue();
  }

  static boolean in(Row r, String unit) {
    return unit.equals(AggregateIT.CITY) || r.getString(r.fieldIndex("county_code")).equals(unit);
  }

  @Test
  void modelSharesDetourAndUnlinkedMatchBruteForce() {
    for (String unit :
        List.of(AggregateIT.COUNTIES[0], AggregateIT.COUNTIES[1], AggregateIT.CITY)) {
      Row a = admin.get(unit);
      double total = 0;
      double[] network = new double[2];
      double[] straight = new double[2];
      double unlinked = 0;
      List<Double> ratios = new ArrayList<>();
      for (Row r : cells) {
        if (!in(r, unit)) {
          continue;
        }
        double pop = d(r, "population");
        total += pop;
        // shop is the only BASIC category
        double walk = d(r, "dist_m_shop");
        double line = d(r, "dist_straight_m_shop");
        for (int t = 0; t < 2; t++) {
          double metres = new int[] {10, 15}[t] * AggregateIT.SPEED;
          network[t] += walk <= metres ? pop : 0;
          straight[t] += line * MANIFEST_DETOUR <= metres ? pop : 0;
        }
        boolean linked = r.getBoolean(r.fieldIndex("linked"));
        unlinked += linked ? 0 : pop;
        if (linked && Double.isFinite(walk) && Double.isFinite(line) && line > 0) {
          for (int k = 0; k < (int) pop; k++) {
            ratios.add(walk / line);
          }
        }
      }
      ratios.sort(null);
      AggregateIT.assertValue(a, "share_basic_10min_network", network[0] / total);
      AggregateIT.assertValue(a, "share_basic_15min_network", network[1] / total);
      AggregateIT.assertValue(a, "share_basic_10min_straight", straight[0] / total);
      AggregateIT.assertValue(a, "share_basic_15min_straight", straight[1] / total);
      AggregateIT.assertValue(a, "share_unlinked", unlinked / total);
      AggregateIT.assertValue(a, "detour_factor_assumed", MANIFEST_DETOUR);
      int n = ratios.size();
      assertThat(n).as("pairs in %s", unit).isGreaterThan(10);
      AggregateIT.assertValue(a, "detour_p10", ratios.get((int) Math.ceil(0.1 * n) - 1));
      AggregateIT.assertValue(a, "detour_p50", ratios.get((int) Math.ceil(0.5 * n) - 1));
      AggregateIT.assertValue(a, "detour_p90", ratios.get((int) Math.ceil(0.9 * n) - 1));
      assertThat(AggregateIT.value(a, "detour_p90"))
          .isGreaterThan(AggregateIT.value(a, "detour_p10"));
    }
  }

  @Test
  void straightLineRadiiUseTheStraightLineDistanceAndWalkingTimesTheNetwork() {
    for (String unit :
        List.of(AggregateIT.COUNTIES[0], AggregateIT.COUNTIES[1], AggregateIT.CITY)) {
      double total = 0;
      double elderly = 0;
      double shop = 0;
      for (Row r : cells) {
        if (in(r, unit)) {
          total += d(r, "population");
          elderly += d(r, "dist_straight_m_elderly") <= 500 ? d(r, "population") : 0;
          shop += d(r, "dist_m_shop") <= 5 * AggregateIT.SPEED ? d(r, "population") : 0;
        }
      }
      AggregateIT.assertValue(admin.get(unit), "share_own_elderly", elderly / total);
      AggregateIT.assertValue(admin.get(unit), "share_own_shop", shop / total);
    }
    // gap cells of elderly: populated cells beyond 500 m straight line, whatever their network
    // distance
    List<Long> expected = new ArrayList<>();
    for (Row r : cells) {
      if (d(r, "population") > 0 && d(r, "dist_straight_m_elderly") > 500) {
        expected.add(r.getLong(r.fieldIndex("cell_id")));
      }
    }
    List<Long> actual =
        gaps.stream()
            .filter(g -> g.getString(g.fieldIndex("category")).equals("elderly"))
            .map(g -> g.getLong(g.fieldIndex("cell_id")))
            .toList();
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(expected).isNotEmpty();
  }

  @Test
  void compareWritesTheModelTablePerCountyAndCity() throws Exception {
    List<String> csv =
        Files.readAllLines(tmp.resolve("cmp/walk_models.csv"), StandardCharsets.UTF_8);
    assertThat(csv.get(0)).isEqualTo(String.join(",", WalkModels.COLUMNS));
    assertThat(csv).hasSize(1 + 3 * 2);
    List<Row> parquet =
        spark.read().parquet(tmp.resolve("cmp/walk_models.parquet").toString()).collectAsList();
    assertThat(parquet).hasSize(6);
    for (Row r : parquet) {
      String unit =
          r.isNullAt(r.fieldIndex("county_code"))
              ? r.getString(r.fieldIndex("city_code"))
              : r.getString(r.fieldIndex("county_code"));
      int t = r.getInt(r.fieldIndex("threshold_min"));
      Row a = admin.get(unit);
      assertThat(r.getDouble(r.fieldIndex("share_network")))
          .isCloseTo(AggregateIT.value(a, "share_basic_" + t + "min_network"), within(1e-12));
      assertThat(r.getDouble(r.fieldIndex("share_overstated")))
          .isCloseTo(
              AggregateIT.value(a, "share_basic_" + t + "min_straight")
                  - AggregateIT.value(a, "share_basic_" + t + "min_network"),
              within(1e-12));
    }
    assertThat(compareOut).contains("Walking models:").contains("城区").contains("(city)");
  }

  @Test
  void aNetworkManifestWithoutStraightLineColumnsIsAnInputError() throws Exception {
    Path city = tmp.resolve("plain");
    Files.createDirectories(city.resolve("indicators"));
    for (String t : List.of("grid_indicators", "compound_indicators")) {
      Path target = city.resolve("indicators/" + t);
      GeoParquet.write(
          spark,
          spark
              .read()
              .format("geoparquet")
              .load(tmp.resolve("straight/" + t).toString())
              .drop("bbox"),
          "EPSG:32649",
          target.toString());
    }
    Files.writeString(
        city.resolve("indicators/manifest.json"),
        "{\"walk_model\": {\"model\": \"network\", \"detour_factor\": 1.3}}");
    AggregateIT.writeAdmin(city.resolve("ingest/admin_units"));
    writeSupply(city.resolve("ingest"));
    assertThatThrownBy(
            () -> AggregateJob.run(spark, spec(city), new PrintStream(new ByteArrayOutputStream())))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "Cannot aggregate "
                + city.resolve("indicators/grid_indicators")
                + ": no column linked; rerun the"
                + " access stage with the same conf/categories.yaml and walking thresholds (its manifest says walk_model network)");
  }
}
