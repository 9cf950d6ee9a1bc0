package org.livingcircle.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.config.Tier;
import org.livingcircle.grid.GridJob;
import org.livingcircle.spark.GeoParquet;
import org.livingcircle.spark.SparkTestSession;

/**
 * Grid and access stages end to end on a small synthetic city in another CRS (CGCS2000 GK zone CM
 * 114°E, EPSG:4547), checked cell by cell against a brute-force computation over the written
 * tables: two counties sharing a border, a neighbouring city's facilities just across it, a
 * category with no facility, duplicate facilities, and a county without compounds (uniform
 * population) beside one with compounds (cells without compounds have no residents).
 */
class AccessJobIT {
  static final String CRS = "EPSG:4547";
  static final double SPEED = 80;
  static final double DETOUR = 1.3;
  static final int[] THRESHOLDS = {5, 10, 15};
  static final double LIMIT_M = 3000 * DETOUR;

  /** The same numbers as the city configuration gives them: search limit 3,000 m straight line. */
  static final org.livingcircle.config.CityConfig.Walking WALKING =
      new org.livingcircle.config.CityConfig.Walking(SPEED, DETOUR, List.of(5, 10, 15), 3000);

  static final List<AccessJob.CategorySpec> CATEGORIES =
      List.of(
          new AccessJob.CategorySpec("convenience_store", Tier.BASIC, null),
          new AccessJob.CategorySpec("supermarket", Tier.BASIC, null),
          new AccessJob.CategorySpec("pharmacy", Tier.BASIC, null),
          new AccessJob.CategorySpec("gym", Tier.QUALITY, null),
          new AccessJob.CategorySpec("kindergarten", Tier.PUBLIC, "kindergarten_places"),
          new AccessJob.CategorySpec("residential", Tier.RESIDENTIAL, null));

  @TempDir static Path tmp;
  static SparkSession spark;
  static List<Row> cells;
  static List<double[]> facilities = new ArrayList<>(); // x, y, category index, capacity
  static GridJob.Result grid;
  static final ByteArrayOutputStream gridProgress = new ByteArrayOutputStream();

  @BeforeAll
  static void run() {
    spark = SparkTestSession.get();
    Path own = tmp.resolve("city/ingest");
    Path neighbour = tmp.resolve("neighbour/ingest");
    SplittableRandom rng = new SplittableRandom(42);
    List<Row> poi = new ArrayList<>();
    String[] cats = {"convenience_store", "supermarket", "gym"};
    for (int i = 0; i < 120; i++) {
      double lng = 112.80 + 0.10 * rng.nextDouble();
      double lat = 35.45 + 0.05 * rng.nextDouble();
      poi.add(poiRow("p" + i, cats[i % 3], lng, lat));
    }
    poi.add(poiRow("dup-a", "gym", 112.83, 35.47));
    poi.add(poiRow("dup-b", "gym", 112.83, 35.47));
    for (int i = 0; i < 10; i++) {
      poi.add(poiRow("home" + i, "residential", 112.805 + 0.004 * i, 35.46 + 0.003 * i));
    }
    List<Row> neighbourPoi =
        List.of(
            poiRow("east-1", "convenience_store", 112.902, 35.475),
            poiRow("east-2", "convenience_store", 112.903, 35.49));
    write(own.resolve("poi"), poi, poiSchema());
    write(neighbour.resolve("poi"), neighbourPoi, poiSchema());
    write(
        own.resolve("facilities"),
        List.of(facilityRow("k1", 112.82, 35.47, 120), facilityRow("k2", 112.87, 35.48, 64)),
        facilitySchema());
    write(neighbour.resolve("facilities"), List.of(), facilitySchema());
    write(
        own.resolve("admin_units"),
        List.of(
            RowFactory.create("140502", "A", "140500", square(112.80, 35.45, 112.85, 35.50)),
            RowFactory.create("140522", "B", "140500", square(112.85, 35.45, 112.90, 35.50))),
        new StructType()
            .add("admin_code", DataTypes.StringType)
            .add("name", DataTypes.StringType)
            .add("city_code", DataTypes.StringType)
            .add("wkt", DataTypes.StringType));
    write(
        own.resolve("census"),
        List.of(
            RowFactory.create("140502", "county", 10000L, 300L, 400L, 900L, 2000L, 1500L, null),
            RowFactory.create("140522", "county", 5000L, 150L, 200L, 450L, 1000L, 750L, null)),
        new StructType()
            .add("admin_code", DataTypes.StringType)
            .add("level", DataTypes.StringType)
            .add("pop_total", DataTypes.LongType)
            .add("pop_0_2", DataTypes.LongType)
            .add("pop_3_5", DataTypes.LongType)
            .add("pop_6_14", DataTypes.LongType)
            .add("pop_60_plus", DataTypes.LongType)
            .add("pop_65_plus", DataTypes.LongType)
            .add("wkt", DataTypes.StringType));
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    grid =
        GridJob.run(
            spark,
            new GridJob.Spec("testcity", CRS, 250, -1, own, tmp.resolve("city/grid"), Map.of()),
            new PrintStream(gridProgress, true, java.nio.charset.StandardCharsets.UTF_8));
    AccessJob.run(
        spark,
        new AccessJob.Spec(
            "testcity",
            CRS,
            WALKING,
            CATEGORIES,
            List.of(new AccessJob.CapacitySpec("kindergarten_places", "pop_3_5", 5)),
            tmp.resolve("city/grid"),
            own,
            List.of(own, neighbour),
            tmp.resolve("city/indicators"),
            Map.of()),
        quiet);
    cells =
        spark
            .read()
            .format("geoparquet")
            .load(tmp.resolve("city/indicators/grid_indicators").toString())
            .selectExpr(
                "*", "ST_X(ST_Centroid(geometry)) AS cx", "ST_Y(ST_Centroid(geometry)) AS cy")
            .collectAsList();
    for (Path dir : List.of(own, neighbour)) {
      spark
          .read()
          .format("geoparquet")
          .load(dir.resolve("poi").toString())
          .unionByName(
              spark.read().format("geoparquet").load(dir.resolve("facilities").toString()), true)
          .createOrReplaceTempView("lcp_t_fac");
      for (Row r :
          spark
              .sql(
                  "SELECT category, coalesce(capacity, 0D), ST_X(m), ST_Y(m) FROM (SELECT *,"
                      + " ST_Transform(ST_SetSRID(geometry, 4326), 'EPSG:4326', '"
                      + CRS
                      + "') AS m FROM lcp_t_fac)"
                      + " WHERE category <> 'residential'")
              .collectAsList()) {
        facilities.add(
            new double[] {r.getDouble(2), r.getDouble(3), index(r.getString(0)), r.getDouble(1)});
      }
    }
  }

  static int index(String category) {
    for (int c = 0; c < CATEGORIES.size(); c++) {
      if (CATEGORIES.get(c).id().equals(category)) {
        return c;
      }
    }
    throw new AssertionError(category);
  }

  @Test
  void everyCellMatchesBruteForceNearestAndCounts() {
    assertThat(cells).hasSizeGreaterThan(500);
    int crossBorderNearest = 0;
    for (Row cell : cells) {
      double x = cell.getAs("cx");
      double y = cell.getAs("cy");
      for (int c = 0; c < 5; c++) {
        String id = CATEGORIES.get(c).id();
        double best = Double.POSITIVE_INFINITY;
        double bestX = Double.NaN;
        int[] counts = new int[THRESHOLDS.length];
        for (double[] f : facilities) {
          if ((int) f[2] != c) {
            continue;
          }
          double d2 = (f[0] - x) * (f[0] - x) + (f[1] - y) * (f[1] - y);
          if (d2 < best) {
            best = d2;
            bestX = f[0];
          }
          for (int t = 0; t < THRESHOLDS.length; t++) {
            double r = THRESHOLDS[t] * SPEED / DETOUR;
            counts[t] += d2 <= r * r ? 1 : 0;
          }
        }
        double walk = Math.sqrt(best) * DETOUR;
        Object actual = cell.getAs("dist_m_" + id);
        if (walk > LIMIT_M) {
          assertThat(actual).as("dist_m_%s of cell %s", id, cell.getAs("cell_id")).isNull();
        } else {
          assertThat((Double) actual)
              .as("dist_m_%s of cell %s", id, cell.getAs("cell_id"))
              .isCloseTo(walk, within(1e-3 * Math.max(1, walk) / 100));
          crossBorderNearest +=
              id.equals("convenience_store") && bestX > cellXOfLng(112.90) ? 1 : 0;
        }
        for (int t = 0; t < THRESHOLDS.length; t++) {
          assertThat((Integer) cell.getAs("n_" + THRESHOLDS[t] + "min_" + id))
              .as("n_%smin_%s", THRESHOLDS[t], id)
              .isEqualTo(counts[t]);
        }
      }
    }
    assertThat(crossBorderNearest)
        .as("cells whose nearest store is the neighbour city's")
        .isPositive();
  }

  /** x of the city's eastern border in the test CRS, at the latitude of the neighbour's stores. */
  static double cellXOfLng(double lng) {
    return spark
        .sql(
            "SELECT ST_X(ST_Transform(ST_SetSRID(ST_Point("
                + lng
                + ", 35.48), 4326), 'EPSG:4326', '"
                + CRS
                + "'))")
        .first()
        .getDouble(0);
  }

  @Test
  void categoryWithoutFacilitiesIsNullEverywhereAndBlocksCompleteness() {
    assertThat(cells)
        .allSatisfy(
            cell -> {
              assertThat((Object) cell.getAs("dist_m_pharmacy")).isNull();
              assertThat((Integer) cell.getAs("n_15min_pharmacy")).isZero();
              assertThat((Boolean) cell.getAs("basic_complete_10min")).isFalse();
            });
  }

  @Test
  void dataWarningsArePrintedOnceAndRecordedInTheManifests() throws java.io.IOException {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    long uniformCells = cells.stream().filter(c -> "140522".equals(c.getAs("county_code"))).count();
    String uniform =
        "county 140522 has no residential compounds: its census population is spread uniformly over its "
            + uniformCells
            + " cells";
    assertThat(json.readTree(tmp.resolve("city/grid/manifest.json").toFile()).path("warnings"))
        .extracting(com.fasterxml.jackson.databind.JsonNode::asText)
        .containsExactly(uniform);
    assertThat(gridProgress.toString(java.nio.charset.StandardCharsets.UTF_8).lines())
        .containsOnlyOnce("[grid] testcity: warning: " + uniform);
    // the register holds kindergartens: only the category without any facility is worth a warning
    String noPharmacy =
        "no facility of category pharmacy (neither POI nor register row): dist_m_pharmacy is null and its counts are 0 everywhere";
    assertThat(
            json.readTree(tmp.resolve("city/indicators/manifest.json").toFile()).path("warnings"))
        .extracting(com.fasterxml.jackson.databind.JsonNode::asText)
        .containsExactly(noPharmacy);

    // served by the neighbour alone, whose register is empty: kindergarten places are 0 everywhere
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    Path out = tmp.resolve("city/indicators-no-register");
    AccessJob.run(
        spark,
        new AccessJob.Spec(
            "testcity",
            CRS,
            WALKING,
            CATEGORIES,
            List.of(new AccessJob.CapacitySpec("kindergarten_places", "pop_3_5", 5)),
            tmp.resolve("city/grid"),
            tmp.resolve("city/ingest"),
            List.of(tmp.resolve("neighbour/ingest")),
            out,
            Map.of()),
        new PrintStream(progress, true, java.nio.charset.StandardCharsets.UTF_8));
    String noCapacity =
        "no register row with capacity for kindergarten_places (categories kindergarten):"
            + " access_kindergarten_places is 0 everywhere; add their capacities to the facilities file";
    assertThat(json.readTree(out.resolve("manifest.json").toFile()).path("warnings"))
        .extracting(com.fasterxml.jackson.databind.JsonNode::asText)
        .contains(noCapacity, noPharmacy, noPharmacy.replace("pharmacy", "kindergarten"));
    assertThat(progress.toString(java.nio.charset.StandardCharsets.UTF_8).lines())
        .containsOnlyOnce("[access] testcity: warning: " + noCapacity);
    assertThat(
            spark
                .read()
                .format("geoparquet")
                .load(out.resolve("grid_indicators").toString())
                .where("access_kindergarten_places <> 0")
                .count())
        .isZero();
  }

  @Test
  void duplicateFacilitiesAreBothCounted() {
    Row nearest = null;
    double best = Double.MAX_VALUE;
    double[] dup =
        facilities.stream()
            .filter(
                f ->
                    (int) f[2] == 3
                        && facilities.stream()
                                .filter(g -> g != f && g[0] == f[0] && g[1] == f[1])
                                .count()
                            == 1)
            .findFirst()
            .orElseThrow();
    for (Row cell : cells) {
      double d = Math.hypot((double) cell.getAs("cx") - dup[0], (double) cell.getAs("cy") - dup[1]);
      if (d < best) {
        best = d;
        nearest = cell;
      }
    }
    assertThat((Integer) nearest.getAs("n_5min_gym")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void populationReconcilesPerCountyWithUniformFallback() {
    Map<String, Double> sums = new HashMap<>();
    Map<String, List<Double>> values = new HashMap<>();
    for (Row cell : cells) {
      String county = cell.getAs("county_code");
      sums.merge(county, (Double) cell.getAs("population"), Double::sum);
      values.computeIfAbsent(county, k -> new ArrayList<>()).add(cell.getAs("population"));
    }
    assertThat(sums.get("140502")).isCloseTo(10000, within(1e-6));
    assertThat(sums.get("140522")).isCloseTo(5000, within(1e-6));
    assertThat(values.get("140522"))
        .allSatisfy(
            v -> assertThat(v).isCloseTo(5000.0 / values.get("140522").size(), within(1e-9)));
    assertThat(values.get("140502"))
        .filteredOn(v -> v == 0)
        .hasSizeGreaterThan(values.get("140502").size() / 2);
    assertThat(grid.populationByCounty().get("140522").get("method")).isEqualTo("uniform");
    assertThat(grid.populationByCounty().get("140502").get("method")).isEqualTo("compounds");
  }

  @Test
  void e2sfcaMatchesBruteForceAndConservesSupply() {
    double catchment = 5 * SPEED / DETOUR;
    List<double[]> kinder = facilities.stream().filter(f -> (int) f[2] == 4).toList();
    double[] ratio = new double[kinder.size()];
    for (int j = 0; j < kinder.size(); j++) {
      double demand = 0;
      for (Row cell : cells) {
        double d2 =
            sq((double) cell.getAs("cx") - kinder.get(j)[0])
                + sq((double) cell.getAs("cy") - kinder.get(j)[1]);
        demand += E2sfca.weight(d2, catchment * catchment) * (Double) cell.getAs("pop_3_5");
      }
      ratio[j] = demand > 0 ? kinder.get(j)[3] / demand : 0;
    }
    double served = 0;
    for (Row cell : cells) {
      double a = 0;
      for (int j = 0; j < kinder.size(); j++) {
        double d2 =
            sq((double) cell.getAs("cx") - kinder.get(j)[0])
                + sq((double) cell.getAs("cy") - kinder.get(j)[1]);
        a += E2sfca.weight(d2, catchment * catchment) * ratio[j];
      }
      assertThat((Double) cell.getAs("access_kindergarten_places")).isCloseTo(a, within(1e-9));
      served += a * (Double) cell.getAs("pop_3_5");
    }
    double supply = 0;
    for (int j = 0; j < kinder.size(); j++) {
      supply += ratio[j] > 0 ? kinder.get(j)[3] : 0;
    }
    assertThat(served).isCloseTo(supply, within(1e-6 * supply));
  }

  @Test
  void outputIsGeoParquetInTheCityCrs() {
    GeoParquet.Written w =
        GeoParquet.check(
            spark.sparkContext().hadoopConfiguration(),
            tmp.resolve("city/indicators/grid_indicators").toString());
    assertThat(w.geometryTypes()).containsExactly("Polygon");
    assertThat(w.rows()).isEqualTo(cells.size());
    assertThat(w.bbox()[0]).isBetween(300_000.0, 500_000.0); // GK CM 114°E without zone prefix
  }

  @Test
  void populationRasterWeightsCellsAndStillReconciles() throws Exception {
    Path ingest = tmp.resolve("raster/ingest");
    org.livingcircle.RepoPaths.copyTree(tmp.resolve("city/ingest"), ingest);
    // people only in the western half of county B (112.85-112.875°E); none elsewhere in the raster
    // 0.001° pixels (≈ 90 m × 111 m), finer than the 250 m cells, so every cell holds pixel centres
    float[][] people = new float[50][100];
    for (float[] row : people) {
      for (int c = 0; c < 25; c++) {
        row[c] = 7;
      }
    }
    org.geotools.geometry.jts.ReferencedEnvelope envelope =
        new org.geotools.geometry.jts.ReferencedEnvelope(
            112.85, 112.95, 35.45, 35.50, org.geotools.referencing.CRS.decode("EPSG:4326", true));
    org.geotools.gce.geotiff.GeoTiffWriter writer =
        new org.geotools.gce.geotiff.GeoTiffWriter(
            ingest.resolve(org.livingcircle.common.CityLayout.POPULATION_RASTER_FILE).toFile());
    writer.write(
        new org.geotools.coverage.grid.GridCoverageFactory().create("population", people, envelope),
        null);
    writer.dispose();
    GridJob.Result r =
        GridJob.run(
            spark,
            new GridJob.Spec(
                "testcity", CRS, 250, -1, ingest, tmp.resolve("raster/grid"), Map.of()),
            new PrintStream(new ByteArrayOutputStream()));
    assertThat(r.populationByCounty().get("140522").get("method")).isEqualTo("raster");
    assertThat((Double) r.populationByCounty().get("140522").get("population_cells"))
        .isCloseTo(5000, within(1e-6));
    // county A touches the raster only in cells along the shared border: its total still reconciles
    assertThat((Double) r.populationByCounty().get("140502").get("population_cells"))
        .isCloseTo(10000, within(1e-6));
    double border = cellXOfLng(112.875);
    List<Row> b =
        spark
            .read()
            .format("geoparquet")
            .load(tmp.resolve("raster/grid/cells").toString())
            .where("county_code = '140522'")
            .selectExpr("x", "population")
            .collectAsList();
    assertThat(b)
        .filteredOn(c -> c.getDouble(0) > border + 250)
        .allSatisfy(c -> assertThat(c.getDouble(1)).isZero());
    assertThat(b)
        .filteredOn(c -> c.getDouble(0) < border - 250)
        .allSatisfy(c -> assertThat(c.getDouble(1)).isPositive());
  }

  static double sq(double v) {
    return v * v;
  }

  static Row poiRow(String id, String category, double lng, double lat) {
    String tier = category.equals("residential") ? "residential" : "basic";
    return RowFactory.create(
        id, id, category, tier, "140500", "140502", "POINT (" + lng + " " + lat + ")");
  }

  static StructType poiSchema() {
    return new StructType()
        .add("poi_id", DataTypes.StringType)
        .add("name", DataTypes.StringType)
        .add("category", DataTypes.StringType)
        .add("tier", DataTypes.StringType)
        .add("city_code", DataTypes.StringType)
        .add("county_code", DataTypes.StringType)
        .add("wkt", DataTypes.StringType);
  }

  static Row facilityRow(String id, double lng, double lat, double capacity) {
    return RowFactory.create(id, "kindergarten", capacity, "POINT (" + lng + " " + lat + ")");
  }

  static StructType facilitySchema() {
    return new StructType()
        .add("facility_id", DataTypes.StringType)
        .add("category", DataTypes.StringType)
        .add("capacity", DataTypes.DoubleType)
        .add("wkt", DataTypes.StringType);
  }

  static String square(double x0, double y0, double x1, double y1) {
    return String.format(
        java.util.Locale.ROOT,
        "POLYGON ((%s %s, %s %s, %s %s, %s %s, %s %s))",
        x0,
        y0,
        x1,
        y0,
        x1,
        y1,
        x0,
        y1,
        x0,
        y0);
  }

  static void write(Path dir, List<Row> rows, StructType schema) {
    Dataset<Row> df =
        spark
            .createDataFrame(rows, schema)
            .selectExpr(
                "*",
                "CASE WHEN wkt IS NULL THEN NULL ELSE ST_GeomFromWKT(wkt, 4326) END AS geometry")
            .drop("wkt");
    GeoParquet.write(spark, df, "OGC:CRS84", dir.toString());
  }
}
