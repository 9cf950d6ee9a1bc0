package org.livingcircle.grid;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.types.DataTypes;
import org.livingcircle.common.CityLayout;
import org.livingcircle.common.InputException;
import org.livingcircle.common.Manifest;
import org.livingcircle.common.StagedOutput;
import org.livingcircle.common.Table;
import org.livingcircle.geo.Epsg;
import org.livingcircle.geo.GridSpec;
import org.livingcircle.spark.GeoParquet;
import org.livingcircle.spark.Sessions;

/**
 * Square cells over each county of a city in its metric CRS, with stable ids and census population
 * spread over them (dasymetric on a population GeoTIFF when the city configures one, else on
 * residential compounds; uniform where a county has no weight). Cells belong to the county
 * containing their centre. Writes {@code grid/} (GeoParquet, metric CRS).
 */
public final class GridJob {
  /**
   * What to grid.
   *
   * @param crs metric CRS, e.g. EPSG:32649
   * @param h3Resolution H3 resolution of an extra column {@code h3_cell}, or a negative number for
   *     none
   */
  public record Spec(
      String cityId,
      String crs,
      int cellSizeM,
      int h3Resolution,
      Path ingestDir,
      Path outDir,
      Map<String, Object> configuration) {}

  /** What was written. */
  public record Result(
      Path outDir, GeoParquet.Written cells, Map<String, Map<String, Object>> populationByCounty) {}

  /**
   * The population GeoTIFF as the ingest stage copies it (absent: weights are residential
   * compounds).
   */
  private GridJob() {}

  public static Result run(SparkSession spark, Spec spec, PrintStream progress) {
    long start = System.nanoTime();
    Sessions.describe(spark, "grid", spec.cityId() + ": cells and population");
    spark
        .udf()
        .register(
            "lcp_dasymetric_share",
            (UDF3<Double, Double, Long, Double>) Dasymetric::share,
            DataTypes.DoubleType);
    spark
        .udf()
        .register(
            "lcp_cell_id",
            (UDF3<Integer, Long, Long, Long>) (size, col, row) -> CellIds.id(size, col, row),
            DataTypes.LongType);
    Path ingest = spec.ingestDir();
    read(spark, Table.ADMIN_UNITS.in(ingest)).createOrReplaceTempView("lcp_g_admin");
    read(spark, Table.POI.in(ingest)).createOrReplaceTempView("lcp_g_poi");
    read(spark, Table.CENSUS.in(ingest)).createOrReplaceTempView("lcp_g_census");
    String crs = spec.crs();
    GridSpec grid = new GridSpec(crs, spec.cellSizeM());
    int s = grid.cellSizeM();
    spark
        .sql(
            "SELECT admin_code AS county_code, city_code,"
                + " ST_Transform(ST_SetSRID(geometry, 4326), 'EPSG:4326', '"
                + crs
                + "') AS g FROM lcp_g_admin")
        .createOrReplaceTempView("lcp_g_counties");
    Dataset<Row> candidates = candidates(spark, s);
    candidates.createOrReplaceTempView("lcp_g_candidates");
    // a centre exactly on a shared border belongs to the smaller county code (the rule of
    // CountyCells.assign)
    spark
        .sql(
            "SELECT min(county_code) AS county_code, first(city_code) AS city_code, col, row"
                + " FROM lcp_g_candidates GROUP BY col, row")
        .createOrReplaceTempView("lcp_g_cells0");
    spark
        .sql(
            "SELECT "
                + grid.sqlIndex("ST_X(m)")
                + " AS col, "
                + grid.sqlIndex("ST_Y(m)")
                + " AS row,"
                + " count(*) AS n_compounds FROM (SELECT ST_Transform(ST_SetSRID(geometry, 4326), 'EPSG:4326', '"
                + crs
                + "') AS m"
                + " FROM lcp_g_poi WHERE tier = 'residential') GROUP BY 1, 2")
        .createOrReplaceTempView("lcp_g_compounds");
    Path raster = ingest.resolve(CityLayout.POPULATION_RASTER_FILE);
    String method;
    if (java.nio.file.Files.isRegularFile(raster)) {
      List<Row> weights = new java.util.ArrayList<>();
      PopulationRaster.weights(raster, crs, s)
          .forEach(
              (id, w) ->
                  weights.add(
                      org.apache.spark.sql.RowFactory.create(CellIds.col(id), CellIds.row(id), w)));
      spark
          .createDataFrame(
              weights,
              new org.apache.spark.sql.types.StructType()
                  .add("col", DataTypes.LongType)
                  .add("row", DataTypes.LongType)
                  .add("weight", DataTypes.DoubleType))
          .createOrReplaceTempView("lcp_g_weights");
      method = "raster";
    } else {
      spark
          .sql("SELECT col, row, CAST(n_compounds AS DOUBLE) AS weight FROM lcp_g_compounds")
          .createOrReplaceTempView("lcp_g_weights");
      method = "compounds";
    }
    spark
        .sql(
            "SELECT c.*, coalesce(k.n_compounds, 0) AS n_compounds, coalesce(w.weight, 0D) AS weight,"
                + " sum(coalesce(w.weight, 0D)) OVER (PARTITION BY c.county_code) AS county_weight,"
                + " count(*) OVER (PARTITION BY c.county_code) AS county_cells"
                + " FROM lcp_g_cells0 c LEFT JOIN lcp_g_compounds k ON c.col = k.col AND c.row = k.row"
                + " LEFT JOIN lcp_g_weights w ON c.col = w.col AND c.row = w.row")
        .createOrReplaceTempView("lcp_g_cells1");
    // county totals: the county row, else the sum of its townships
    spark
        .sql(
            "SELECT county_code, pop_total, pop_0_2, pop_3_5, pop_6_14, pop_60_plus, pop_65_plus, census_basis FROM ("
                + " SELECT *, row_number() OVER (PARTITION BY county_code ORDER BY rank) AS k FROM ("
                + "  SELECT admin_code AS county_code, pop_total, pop_0_2, pop_3_5, pop_6_14, pop_60_plus, pop_65_plus,"
                + "  'county' AS census_basis, 0 AS rank FROM lcp_g_census WHERE level = 'county'"
                + "  UNION ALL SELECT substr(admin_code, 1, 6), sum(pop_total), sum(pop_0_2), sum(pop_3_5), sum(pop_6_14),"
                + "  sum(pop_60_plus), sum(pop_65_plus), 'townships', 1 FROM lcp_g_census WHERE level = 'township'"
                + "  GROUP BY substr(admin_code, 1, 6))) WHERE k = 1")
        .createOrReplaceTempView("lcp_g_totals");
    String h3 =
        spec.h3Resolution() >= 0
            ? ", ST_H3CellIDs(ST_Transform(ST_SetSRID(ST_Point(x, y), "
                + Epsg.code(crs)
                + "), '"
                + crs
                + "', 'EPSG:4326'), "
                + spec.h3Resolution()
                + ", false)[0] AS h3_cell"
            : "";
    Dataset<Row> cells =
        spark
            .sql(
                "SELECT *"
                    + h3
                    + ", ST_SetSRID(ST_PolygonFromEnvelope(x - "
                    + grid.sqlHalfSize()
                    + ", y - "
                    + grid.sqlHalfSize()
                    + ", x + "
                    + grid.sqlHalfSize()
                    + ", y + "
                    + grid.sqlHalfSize()
                    + "), "
                    + Epsg.code(crs)
                    + ") AS geometry FROM ("
                    + " SELECT lcp_cell_id("
                    + s
                    + ", c.col, c.row) AS cell_id, '"
                    + crs
                    + "' AS grid_crs, "
                    + s
                    + " AS cell_size_m,"
                    + " c.col, c.row, c.city_code, c.county_code, "
                    + grid.sqlCentre("c.col")
                    + " AS x, "
                    + grid.sqlCentre("c.row")
                    + " AS y,"
                    + " c.n_compounds, lcp_dasymetric_share(c.weight, c.county_weight, c.county_cells) AS share,"
                    + " CASE WHEN c.county_weight > 0 THEN '"
                    + method
                    + "' ELSE 'uniform' END AS pop_method,"
                    + " coalesce(t.census_basis, 'none') AS census_basis, t.pop_total, t.pop_0_2, t.pop_3_5, t.pop_6_14, t.pop_60_plus, t.pop_65_plus"
                    + " FROM lcp_g_cells1 c LEFT JOIN lcp_g_totals t ON c.county_code = t.county_code)")
            .selectExpr(
                "cell_id",
                "grid_crs",
                "cell_size_m",
                "col",
                "row",
                "city_code",
                "county_code",
                "x",
                "y",
                "n_compounds",
                "pop_method",
                "census_basis",
                "coalesce(share * pop_total, 0D) AS population",
                "coalesce(share * pop_0_2, 0D) AS pop_0_2",
                "coalesce(share * pop_3_5, 0D) AS pop_3_5",
                "coalesce(share * pop_6_14, 0D) AS pop_6_14",
                "coalesce(share * pop_60_plus, 0D) AS pop_60_plus",
                "coalesce(share * pop_65_plus, 0D) AS pop_65_plus",
                spec.h3Resolution() >= 0 ? "h3_cell" : "CAST(NULL AS BIGINT) AS h3_cell",
                "geometry");
    Map<String, Map<String, Object>> byCounty = new LinkedHashMap<>();
    Manifest manifest = new Manifest("grid", spec.configuration());
    try (StagedOutput out = StagedOutput.begin(spec.outDir())) {
      GeoParquet.Written written =
          GeoParquet.write(spark, cells, crs, Table.CELLS.in(out.dir()).toString());
      read(spark, Table.CELLS.in(out.dir())).createOrReplaceTempView("lcp_g_written");
      for (Row r :
          spark
              .sql(
                  "SELECT g.county_code, count(*), sum(g.population), first(t.pop_total), first(g.pop_method), first(g.census_basis)"
                      + " FROM lcp_g_written g LEFT JOIN lcp_g_totals t ON g.county_code = t.county_code GROUP BY g.county_code ORDER BY 1")
              .collectAsList()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cells", r.getLong(1));
        m.put("population_cells", r.getDouble(2));
        m.put("population_census", r.isNullAt(3) ? null : r.getLong(3));
        m.put("method", r.getString(4));
        m.put("census_basis", r.getString(5));
        byCounty.put(r.getString(0), m);
      }
      manifest.input(Table.ADMIN_UNITS.tableName(), firstPart(Table.ADMIN_UNITS.in(ingest)));
      manifest.put("population_by_county", byCounty);
      for (Map.Entry<String, Map<String, Object>> e : byCounty.entrySet()) {
        if ("uniform".equals(e.getValue().get("method"))) {
          manifest.warning(
              "county "
                  + e.getKey()
                  + " has no "
                  + (method.equals("compounds")
                      ? "residential compounds"
                      : "population in the raster")
                  + ": its census population is spread uniformly over its "
                  + e.getValue().get("cells")
                  + " cells");
        }
      }
      manifest.output(Table.CELLS, written.facts());
      manifest.timing("total", (System.nanoTime() - start) / 1e9);
      manifest.write(out.dir().resolve(CityLayout.MANIFEST_FILE));
      out.commit();
      for (String w : manifest.warnings()) {
        progress.println("[grid] " + spec.cityId() + ": warning: " + w);
      }
      progress.printf(
          Locale.ROOT,
          "[grid] %s: %,d cells of %d m in %d counties, %,.0f residents  %.1f s%n",
          spec.cityId(),
          written.rows(),
          s,
          byCounty.size(),
          byCounty.values().stream().mapToDouble(m -> (Double) m.get("population_cells")).sum(),
          (System.nanoTime() - start) / 1e9);
      return new Result(spec.outDir(), written, byCounty);
    } catch (IOException e) {
      throw new InputException(
          "Cannot write grid output " + spec.outDir() + ": " + e.getMessage(), e);
    }
  }

  /** Rows of the bounding-box cells of one county handed to one task. */
  private static final int ROWS_PER_TASK = 64;

  /**
   * Every (county, col, row) whose cell centre intersects the county: the cells of each county's
   * bounding box, tested against the county polygon prepared once per task (JTS {@code
   * PreparedGeometry.intersects}, the same predicate as {@code ST_Intersects}, boundary included).
   * The polygons (a few MB for the whole province) travel with the tasks as WKB; bands of {@value
   * #ROWS_PER_TASK} rows spread a county over the cores. Replaces a SQL explode that copied and
   * re-parsed the county polygon for every candidate cell.
   */
  static Dataset<Row> candidates(SparkSession spark, int s) {
    List<Row> counties =
        spark
            .sql(
                "SELECT county_code, city_code, ST_AsBinary(g) FROM lcp_g_counties ORDER BY county_code")
            .collectAsList();
    List<String> codes = new java.util.ArrayList<>();
    List<String> cities = new java.util.ArrayList<>();
    List<byte[]> wkb = new java.util.ArrayList<>();
    List<long[]> tasks = new java.util.ArrayList<>();
    org.locationtech.jts.io.WKBReader reader = new org.locationtech.jts.io.WKBReader();
    for (int k = 0; k < counties.size(); k++) {
      Row r = counties.get(k);
      codes.add(r.getString(0));
      cities.add(r.getString(1));
      wkb.add((byte[]) r.get(2));
      org.locationtech.jts.geom.Envelope e;
      try {
        e = reader.read(wkb.get(k)).getEnvelopeInternal();
      } catch (org.locationtech.jts.io.ParseException ex) {
        throw new InputException(
            "Cannot read the outline of county " + codes.get(k) + ": " + ex.getMessage(), ex);
      }
      CountyCells.Box box = CountyCells.box(e, s);
      for (long row = box.row0(); row <= box.row1(); row += ROWS_PER_TASK) {
        tasks.add(
            new long[] {
              k, box.col0(), box.col1(), row, Math.min(box.row1(), row + ROWS_PER_TASK - 1)
            });
      }
    }
    org.apache.spark.api.java.JavaSparkContext jsc =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
    org.apache.spark.broadcast.Broadcast<List<byte[]>> outlines = jsc.broadcast(wkb);
    List<String> codesCopy = List.copyOf(codes);
    List<String> citiesCopy = List.copyOf(cities);
    org.apache.spark.api.java.JavaRDD<Row> rows =
        jsc.parallelize(tasks, Math.max(1, Math.min(tasks.size(), 64)))
            .mapPartitions(
                part -> {
                  Map<Integer, org.locationtech.jts.geom.prep.PreparedGeometry> prepared =
                      new java.util.HashMap<>();
                  org.locationtech.jts.io.WKBReader wkbReader =
                      new org.locationtech.jts.io.WKBReader();
                  List<Row> out = new java.util.ArrayList<>();
                  while (part.hasNext()) {
                    long[] t = part.next();
                    int k = (int) t[0];
                    org.locationtech.jts.geom.prep.PreparedGeometry g = prepared.get(k);
                    if (g == null) {
                      g =
                          org.locationtech.jts.geom.prep.PreparedGeometryFactory.prepare(
                              wkbReader.read(outlines.value().get(k)));
                      prepared.put(k, g);
                    }
                    // the centre by GridSpec's formula, as the SQL above computes x and y
                    CountyCells.centresIn(
                        g,
                        s,
                        new CountyCells.Box(t[1], t[2], t[3], t[4]),
                        (col, row) ->
                            out.add(
                                org.apache.spark.sql.RowFactory.create(
                                    codesCopy.get(k), citiesCopy.get(k), col, row)));
                  }
                  return out.iterator();
                });
    return spark.createDataFrame(
        rows,
        new org.apache.spark.sql.types.StructType()
            .add("county_code", DataTypes.StringType)
            .add("city_code", DataTypes.StringType)
            .add("col", DataTypes.LongType)
            .add("row", DataTypes.LongType));
  }

  static Dataset<Row> read(SparkSession spark, Path table) {
    return spark.read().format("geoparquet").load(table.toString());
  }

  static Path firstPart(Path table) {
    try (var files = java.nio.file.Files.list(table)) {
      return files
          .filter(p -> p.toString().endsWith(".parquet"))
          .sorted()
          .findFirst()
          .orElseThrow(
              () -> new InputException("Cannot read table " + table + ": no parquet files"));
    } catch (IOException e) {
      throw new InputException("Cannot read table " + table + ": " + e.getMessage(), e);
    }
  }
}
