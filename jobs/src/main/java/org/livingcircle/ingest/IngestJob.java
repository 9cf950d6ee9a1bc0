package org.livingcircle.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.livingcircle.common.Checks;
import org.livingcircle.common.CityLayout;
import org.livingcircle.common.ConfigException;
import org.livingcircle.common.Csv;
import org.livingcircle.common.InputException;
import org.livingcircle.common.Manifest;
import org.livingcircle.common.StagedOutput;
import org.livingcircle.common.Table;
import org.livingcircle.config.AmapCodeTable;
import org.livingcircle.geo.SourceCrs;
import org.livingcircle.spark.GeoParquet;
import org.livingcircle.spark.Sessions;

/**
 * Ingests one city's inputs into GeoParquet tables {@code poi}, {@code facilities}, {@code
 * admin_units} and {@code census} (plus Parquet {@code statistics}), with every row read either
 * accepted or quarantined. POI files are parsed in parallel, one task per file; admin codes come
 * from point-in-polygon joins; duplicates are collapsed in the city's metric CRS.
 */
public final class IngestJob {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What to ingest. */
  public record Spec(
      String cityId,
      String cityCode,
      String cityName,
      List<String> countyCodes,
      String metricCrs,
      double duplicateRadiusM,
      List<PoiParser.Source> poiSources,
      Path facilitiesFile,
      Path censusFile,
      Path statisticsFile,
      Path populationRaster,
      Path osmPbf,
      Path referenceDir,
      Path inputDir,
      Path outDir,
      CategoryLookup categories,
      Map<String, String> tiers,
      Map<String, Object> configuration,
      Path countyOutlines,
      Path adminCodesFile) {
    /**
     * Null outline and code files mean the reference ones ({@code shanxi_counties.geojson}, {@code
     * admin_codes.csv}).
     */
    public Spec {
      countyOutlines =
          countyOutlines == null ? referenceDir.resolve("shanxi_counties.geojson") : countyOutlines;
      adminCodesFile =
          adminCodesFile == null ? referenceDir.resolve("admin_codes.csv") : adminCodesFile;
    }

    /** A city of the reference data (its outlines and codes from {@code referenceDir}). */
    public Spec(
        String cityId,
        String cityCode,
        String cityName,
        List<String> countyCodes,
        String metricCrs,
        double duplicateRadiusM,
        List<PoiParser.Source> poiSources,
        Path facilitiesFile,
        Path censusFile,
        Path statisticsFile,
        Path populationRaster,
        Path osmPbf,
        Path referenceDir,
        Path inputDir,
        Path outDir,
        CategoryLookup categories,
        Map<String, String> tiers,
        Map<String, Object> configuration) {
      this(
          cityId,
          cityCode,
          cityName,
          countyCodes,
          metricCrs,
          duplicateRadiusM,
          poiSources,
          facilitiesFile,
          censusFile,
          statisticsFile,
          populationRaster,
          osmPbf,
          referenceDir,
          inputDir,
          outDir,
          categories,
          tiers,
          configuration,
          null,
          null);
    }

    /** Whether the outlines are the reference (Shanxi) ones. */
    boolean referenceOutlines() {
      return countyOutlines.equals(referenceDir.resolve("shanxi_counties.geojson"));
    }
  }

  /** What was written. */
  public record Result(Path outDir, IngestReport report, Map<String, GeoParquet.Written> tables) {}

  private static final StructType PARSED =
      new StructType(
          new StructField[] {
            DataTypes.createStructField("kind", DataTypes.StringType, false),
            DataTypes.createStructField("source_file", DataTypes.StringType, false),
            DataTypes.createStructField("source_row", DataTypes.LongType, false),
            DataTypes.createStructField("poi_id", DataTypes.StringType, true),
            DataTypes.createStructField("name", DataTypes.StringType, true),
            DataTypes.createStructField("category", DataTypes.StringType, true),
            DataTypes.createStructField("typecode", DataTypes.StringType, true),
            DataTypes.createStructField("type_name", DataTypes.StringType, true),
            DataTypes.createStructField("address", DataTypes.StringType, true),
            DataTypes.createStructField("amap_adcode", DataTypes.StringType, true),
            DataTypes.createStructField("source_crs", DataTypes.StringType, true),
            DataTypes.createStructField("source_lng", DataTypes.DoubleType, true),
            DataTypes.createStructField("source_lat", DataTypes.DoubleType, true),
            DataTypes.createStructField("lng", DataTypes.DoubleType, true),
            DataTypes.createStructField("lat", DataTypes.DoubleType, true),
            DataTypes.createStructField("capacity", DataTypes.DoubleType, true),
            DataTypes.createStructField("capacity_unit", DataTypes.StringType, true),
            DataTypes.createStructField("source", DataTypes.StringType, true),
            DataTypes.createStructField("reason", DataTypes.StringType, true),
            DataTypes.createStructField("detail", DataTypes.StringType, true),
            DataTypes.createStructField("raw", DataTypes.StringType, true),
            DataTypes.createStructField("nursing_beds", DataTypes.DoubleType, true)
          });

  static {
    Checks.check(
        List.of(PARSED.fieldNames()).equals(ParsedRow.COLUMNS),
        "Cannot use the parsed-row schema: %s is not %s",
        List.of(PARSED.fieldNames()),
        ParsedRow.COLUMNS);
  }

  private IngestJob() {}

  public static Result run(SparkSession spark, Spec spec, PrintStream progress) {
    long start = System.nanoTime();
    checkInputs(spec);
    Manifest manifest = new Manifest("ingest", spec.configuration());
    for (PoiParser.Source s : spec.poiSources()) {
      manifest.input("poi:" + relative(spec, s.file()), Path.of(s.file()));
    }
    manifest.input("facilities", spec.facilitiesFile());
    manifest.input("census", spec.censusFile());
    manifest.input("statistics", spec.statisticsFile());
    if (spec.populationRaster() != null) {
      manifest.input("population_raster", spec.populationRaster());
    }
    if (spec.osmPbf() != null) {
      manifest.input("osm_pbf", spec.osmPbf());
    }
    manifest.input("reference:counties", counties(spec));
    manifest.input("reference:admin_codes", spec.adminCodesFile());
    manifest.input("reference:amap_codes", spec.referenceDir().resolve(AmapCodeTable.TABLE_FILE));

    IngestReport report = new IngestReport();
    Map<String, List<Quarantined>> quarantine = new TreeMap<>();
    Map<String, GeoParquet.Written> tables = new LinkedHashMap<>();
    try (StagedOutput out = StagedOutput.begin(spec.outDir())) {
      Path dir = out.dir();
      Sessions.describe(spark, "ingest", spec.cityId() + ": admin units");
      long t = System.nanoTime();
      Dataset<Row> admin = adminUnits(spark, spec);
      admin.cache();
      admin.createOrReplaceTempView("lcp_admin");
      tables.put(
          Table.ADMIN_UNITS.tableName(),
          GeoParquet.write(spark, admin, "OGC:CRS84", Table.ADMIN_UNITS.in(dir).toString()));
      manifest.timing("admin_units", seconds(t));

      Sessions.describe(spark, "ingest", spec.cityId() + ": parse POI files");
      t = System.nanoTime();
      Dataset<Row> parsed = parsePois(spark, spec);
      Dataset<Row> poi = locate(spark, spec, parsed, "poi", report, quarantine);
      countUnknownTypecodes(spark, spec, report);
      tables.put(
          Table.POI.tableName(),
          GeoParquet.write(spark, poi, "OGC:CRS84", Table.POI.in(dir).toString()));
      manifest.timing("poi", seconds(t));

      Sessions.describe(spark, "ingest", spec.cityId() + ": facilities");
      t = System.nanoTime();
      Dataset<Row> facilities =
          locate(spark, spec, parseFacilities(spark, spec), "facilities", report, quarantine);
      tables.put(
          Table.FACILITIES.tableName(),
          GeoParquet.write(spark, facilities, "OGC:CRS84", Table.FACILITIES.in(dir).toString()));
      manifest.timing("facilities", seconds(t));

      Sessions.describe(spark, "ingest", spec.cityId() + ": census and statistics");
      t = System.nanoTime();
      Map<String, Object> censusChecks = new LinkedHashMap<>();
      Dataset<Row> census = census(spark, spec, report, quarantine, censusChecks);
      tables.put(
          Table.CENSUS.tableName(),
          GeoParquet.write(spark, census, "OGC:CRS84", Table.CENSUS.in(dir).toString()));
      statistics(spark, spec, report, quarantine)
          .coalesce(1)
          .write()
          .parquet(Table.STATISTICS.in(dir).toString());
      manifest.put("census_checks", censusChecks);
      manifest.timing("census_statistics", seconds(t));

      if (spec.populationRaster() != null) {
        // the grid stage reads it from here, so an ingest output holds every input downstream needs
        Files.copy(spec.populationRaster(), dir.resolve(CityLayout.POPULATION_RASTER_FILE));
      }
      if (spec.osmPbf() != null) {
        // the access stage's network walking model reads the street extract from here
        Files.copy(spec.osmPbf(), dir.resolve(CityLayout.STREETS_PBF_FILE));
      }
      report.reconcile();
      writeQuarantine(dir.resolve(CityLayout.QUARANTINE_DIR), quarantine);
      report.write(dir.resolve(CityLayout.INGEST_REPORT_FILE));
      for (Table table : List.of(Table.ADMIN_UNITS, Table.POI, Table.FACILITIES, Table.CENSUS)) {
        manifest.output(table, tables.get(table.tableName()).facts());
      }
      manifest.timing("total", seconds(start));
      manifest.write(dir.resolve(CityLayout.MANIFEST_FILE));
      out.commit();
    } catch (IOException e) {
      throw new InputException(
          "Cannot write ingest output " + spec.outDir() + ": " + e.getMessage(), e);
    } finally {
      spark.catalog().dropTempView("lcp_admin");
    }
    report.print(progress);
    progress.printf(
        Locale.ROOT, "[ingest] %s: %s  %.1f s%n", spec.cityId(), summary(tables), seconds(start));
    return new Result(spec.outDir(), report, tables);
  }

  private static void checkInputs(Spec spec) {
    if (spec.poiSources().isEmpty()) {
      throw new InputException(
          "Cannot ingest "
              + spec.inputDir()
              + ": no POI files found (expected poi/*.csv, *.json or *.geojson)");
    }
    List<Path> files = new ArrayList<>();
    for (PoiParser.Source s : spec.poiSources()) {
      files.add(Path.of(s.file()));
    }
    files.addAll(
        List.of(
            spec.facilitiesFile(),
            spec.censusFile(),
            spec.statisticsFile(),
            counties(spec),
            spec.adminCodesFile(),
            spec.referenceDir().resolve(AmapCodeTable.TABLE_FILE)));
    if (spec.populationRaster() != null) {
      files.add(spec.populationRaster());
    }
    if (spec.osmPbf() != null) {
      files.add(spec.osmPbf());
    }
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw new InputException("Cannot read " + f + ": no such file");
      }
    }
    // whole-file problems stop the run here, on the driver, before any task and any output
    for (PoiParser.Source s : spec.poiSources()) {
      WholeFiles.checkText(Path.of(s.file()), "POI file");
      TextFiles.detect(Path.of(s.file()), s.encoding());
      PoiParser.checkHeader(s);
      WholeFiles.checkJson(s);
    }
    String[][] tables = {
      {"facility_row", "facilities file"},
      {"census_row", "census file"},
      {"statistics_row", "statistics file"}
    };
    Path[] tableFiles = {spec.facilitiesFile(), spec.censusFile(), spec.statisticsFile()};
    for (int i = 0; i < tables.length; i++) {
      WholeFiles.checkText(tableFiles[i], tables[i][1]);
      new SchemaTable(tables[i][0]).checkHeader(tableFiles[i], "auto");
    }
    if (spec.populationRaster() != null) {
      org.livingcircle.grid.PopulationRaster.check(spec.populationRaster());
    }
  }

  private static Path counties(Spec spec) {
    return spec.countyOutlines();
  }

  /**
   * Where valid coordinates lie: Shanxi for the reference outlines, else the box of the city's own
   * outlines ({@code data.county_outlines}) widened by {@link Region#MARGIN_DEG}.
   */
  static Region region(Spec spec) {
    if (spec.referenceOutlines()) {
      return Region.SHANXI;
    }
    JsonNode root;
    try {
      root = JSON.readTree(counties(spec).toFile());
    } catch (IOException e) {
      throw new InputException("Cannot read " + counties(spec) + ": " + e.getMessage(), e);
    }
    double[] box = {
      Double.POSITIVE_INFINITY,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.NEGATIVE_INFINITY
    };
    for (JsonNode f : root.path("features")) {
      if (spec.countyCodes().contains(f.path("properties").path("county_code").asText())) {
        extend(box, f.path("geometry").path("coordinates"));
      }
    }
    if (!(box[0] <= box[2])) {
      throw new InputException(
          "Cannot read " + counties(spec) + ": no outline of the counties " + spec.countyCodes());
    }
    return Region.around(box[0], box[1], box[2], box[3]);
  }

  private static void extend(double[] box, JsonNode coordinates) {
    if (coordinates.isArray() && coordinates.size() >= 2 && coordinates.get(0).isNumber()) {
      double lng = coordinates.get(0).asDouble();
      double lat = coordinates.get(1).asDouble();
      box[0] = Math.min(box[0], lng);
      box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lng);
      box[3] = Math.max(box[3], lat);
      return;
    }
    for (JsonNode c : coordinates) {
      extend(box, c);
    }
  }

  /** County polygons of the city, one row per current county code (old polygons merged). */
  static Dataset<Row> adminUnits(SparkSession spark, Spec spec) {
    JsonNode root;
    try {
      root = JSON.readTree(counties(spec).toFile());
    } catch (IOException e) {
      throw new InputException("Cannot read " + counties(spec) + ": " + e.getMessage(), e);
    }
    List<Row> rows = new ArrayList<>();
    Set<String> found = new HashSet<>();
    for (JsonNode f : root.path("features")) {
      JsonNode p = f.path("properties");
      String code = p.path("county_code").asText();
      if (spec.countyCodes().contains(code)) {
        found.add(code);
        rows.add(
            RowFactory.create(
                code,
                p.path("county_name").asText(),
                p.path("city_code").asText(),
                p.path("city_name").asText(),
                p.path("source_name").asText(),
                f.path("geometry").toString()));
      }
    }
    for (String code : spec.countyCodes()) {
      if (!found.contains(code)) {
        throw new ConfigException(
            "Cannot find county "
                + code
                + " of city "
                + spec.cityId()
                + " in "
                + counties(spec)
                + "; check the county codes");
      }
    }
    StructType schema =
        new StructType()
            .add("county_code", DataTypes.StringType)
            .add("county_name", DataTypes.StringType)
            .add("city_code", DataTypes.StringType)
            .add("city_name", DataTypes.StringType)
            .add("source_name", DataTypes.StringType)
            .add("geojson", DataTypes.StringType);
    spark.createDataFrame(rows, schema).createOrReplaceTempView("lcp_admin_parts");
    Dataset<Row> admin =
        spark.sql(
            "SELECT county_code AS admin_code, 'county' AS level, first(county_name) AS name,"
                + " first(city_code) AS city_code, first(city_name) AS city_name,"
                + " array_join(sort_array(collect_list(source_name)), ';') AS source_names,"
                + " ST_MakeValid(ST_Union_Aggr(ST_MakeValid(ST_GeomFromGeoJSON(geojson)))) AS geometry"
                + " FROM lcp_admin_parts GROUP BY county_code");
    spark.catalog().dropTempView("lcp_admin_parts");
    return admin;
  }

  /**
   * Parses every POI file in its own task; returns accepted ("ok"), quarantined ("q") and count
   * ("read") rows.
   */
  static Dataset<Row> parsePois(SparkSession spark, Spec spec) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<String> sources = spec.poiSources().stream().map(PoiParser.Source::encode).toList();
    CategoryLookup categories = spec.categories();
    Region region = region(spec);
    String inputDir = spec.inputDir().toString();
    JavaRDD<Row> rows =
        jsc.parallelize(sources, sources.size())
            .flatMap(
                source ->
                    parseOne(PoiParser.Source.decode(source), categories, region, inputDir)
                        .iterator());
    return spark.createDataFrame(rows, PARSED);
  }

  private static List<Row> parseOne(
      PoiParser.Source source, CategoryLookup categories, Region region, String inputDir) {
    List<Row> out = new ArrayList<>();
    String file =
        Path.of(inputDir)
            .relativize(Path.of(source.file()).toAbsolutePath().normalize())
            .toString();
    PoiParser parser = new PoiParser(categories, region);
    long read =
        parser.parse(
            source,
            new PoiParser.Sink() {
              @Override
              public void accept(PoiParser.PoiRow r) {
                out.add(row(ParsedRow.poi(file, r)));
              }

              @Override
              public void quarantine(Quarantined q) {
                out.add(quarantineRow(file, q));
              }
            });
    out.add(row(ParsedRow.read(file, read)));
    return out;
  }

  private static Row row(ParsedRow p) {
    return RowFactory.create(p.values());
  }

  private static Row quarantineRow(String file, Quarantined q) {
    return row(ParsedRow.quarantined(file, q));
  }

  /**
   * Counts POI rows (accepted or quarantined) whose typecode field holds no code of the official
   * Amap table (reference/amap_poi_codes_v1.06.csv), per file and code. Reads the parsed rows
   * {@link #locate} cached.
   */
  private static void countUnknownTypecodes(SparkSession spark, Spec spec, IngestReport report) {
    AmapCodeTable table = AmapCodeTable.load(spec.referenceDir().resolve(AmapCodeTable.TABLE_FILE));
    report.amapTable(AmapCodeTable.TABLE_FILE);
    for (Row r :
        spark
            .sql(
                "SELECT source_file, tc, count(*) FROM (SELECT source_file, CASE WHEN kind = 'ok' THEN typecode"
                    + " ELSE regexp_extract(detail, '^typecode (.+)$', 1) END AS tc FROM lcp_parsed WHERE kind IN ('ok', 'q'))"
                    + " WHERE tc IS NOT NULL AND trim(tc) <> '' GROUP BY source_file, tc")
            .collectAsList()) {
      if (!table.knows(r.getString(1))) {
        report.unknownTypecode(r.getString(0), r.getString(1).strip(), r.getLong(2));
      }
    }
  }

  /** Facilities CSV: schema-typed rows, coordinates checked and converted like POIs. */
  static Dataset<Row> parseFacilities(SparkSession spark, Spec spec) {
    Path path = spec.facilitiesFile();
    String file = relative(spec, path.toString());
    Region region = region(spec);
    List<Row> out = new ArrayList<>();
    double[] src = new double[2];
    double[] wgs = new double[2];
    long read =
        new SchemaTable("facility_row")
            .read(
                path,
                "auto",
                new SchemaTable.Sink() {
                  @Override
                  public void accept(long line, ObjectNode r) {
                    String raw = r.toString();
                    String category = r.path("category").asText();
                    if (!spec.categories().isCategory(category)) {
                      out.add(
                          quarantineRow(
                              file,
                              new Quarantined(
                                  file,
                                  line,
                                  Reason.UNKNOWN_CATEGORY,
                                  "category " + category,
                                  raw)));
                      return;
                    }
                    Locations.Problem problem =
                        Locations.parse(
                            r.path("lng").asText(), r.path("lat").asText(), region, src);
                    if (problem != null) {
                      out.add(
                          quarantineRow(
                              file,
                              new Quarantined(
                                  file, line, problem.reason(), problem.detail(), raw)));
                      return;
                    }
                    SourceCrs crs = SourceCrs.parse(r.path("crs").asText());
                    crs.toWgs84(src[0], src[1], wgs);
                    out.add(
                        row(
                            ParsedRow.facility(
                                file,
                                line,
                                r.path("id").asText(),
                                r.path("name").asText(),
                                category,
                                r.path("address").asText(""),
                                r.path("county_code").asText(""),
                                crs.code(),
                                src[0],
                                src[1],
                                wgs[0],
                                wgs[1],
                                r.path("capacity").asDouble(),
                                r.path("capacity_unit").asText(),
                                r.path("source").asText(),
                                r.hasNonNull("nursing_beds")
                                    ? r.path("nursing_beds").asDouble()
                                    : null)));
                  }

                  @Override
                  public void quarantine(Quarantined q) {
                    out.add(
                        quarantineRow(
                            file, new Quarantined(file, q.row(), q.reason(), q.detail(), q.raw())));
                  }
                });
    out.add(row(ParsedRow.read(file, read)));
    return spark.createDataFrame(out, PARSED);
  }

  /**
   * Splits parsed rows into quarantine and accepted ones, assigns each accepted row its county by
   * point-in-polygon (none: OUTSIDE_STUDY_AREA), collapses duplicates (same name and category
   * within the radius: DUPLICATE of the earliest row), and returns the accepted table.
   */
  static Dataset<Row> locate(
      SparkSession spark,
      Spec spec,
      Dataset<Row> parsed,
      String table,
      IngestReport report,
      Map<String, List<Quarantined>> quarantine) {
    parsed.cache();
    parsed.createOrReplaceTempView("lcp_parsed");
    for (Row r :
        spark
            .sql("SELECT source_file, source_row FROM lcp_parsed WHERE kind = 'read'")
            .collectAsList()) {
      report.file(table, r.getString(0)).read += r.getLong(1);
    }
    List<Quarantined> q = quarantine.computeIfAbsent(table, k -> new ArrayList<>());
    for (Row r :
        spark
            .sql(
                "SELECT source_file, source_row, reason, detail, raw FROM lcp_parsed WHERE kind = 'q'")
            .collectAsList()) {
      q.add(
          new Quarantined(
              r.getString(0),
              r.getLong(1),
              Reason.valueOf(r.getString(2).toUpperCase(Locale.ROOT)),
              r.getString(3),
              r.getString(4)));
      report.quarantine(
          table, r.getString(0), Reason.valueOf(r.getString(2).toUpperCase(Locale.ROOT)), 1);
    }
    spark
        .sql(
            "SELECT *, ST_SetSRID(ST_Point(lng, lat), 4326) AS geometry,"
                + " ST_Transform(ST_SetSRID(ST_Point(lng, lat), 4326), 'EPSG:4326', '"
                + spec.metricCrs()
                + "') AS geom_m"
                + " FROM lcp_parsed WHERE kind = 'ok'")
        .createOrReplaceTempView("lcp_ok");
    // Sedona's spatial join is inner only: match, then join back on the row key.
    spark
        .sql(
            "SELECT p.source_file, p.source_row, min(a.admin_code) AS county_code"
                + " FROM lcp_ok p JOIN lcp_admin a ON ST_Intersects(a.geometry, p.geometry)"
                + " GROUP BY p.source_file, p.source_row")
        .createOrReplaceTempView("lcp_matched");
    Dataset<Row> located =
        spark.sql(
            "SELECT p.*, m.county_code FROM lcp_ok p LEFT JOIN lcp_matched m"
                + " ON p.source_file = m.source_file AND p.source_row = m.source_row");
    located.cache();
    located.createOrReplaceTempView("lcp_located");
    for (Row r :
        spark
            .sql(
                "SELECT source_file, source_row, raw_json FROM (SELECT source_file, source_row,"
                    + " to_json(struct(poi_id, name, category, lng, lat)) AS raw_json, county_code FROM lcp_located) WHERE county_code IS NULL")
            .collectAsList()) {
      q.add(
          new Quarantined(
              r.getString(0),
              r.getLong(1),
              Reason.OUTSIDE_STUDY_AREA,
              "in none of the counties of " + spec.cityId(),
              r.getString(2)));
      report.quarantine(table, r.getString(0), Reason.OUTSIDE_STUDY_AREA, 1);
    }
    String radius = String.format(Locale.ROOT, "%.3f", spec.duplicateRadiusM());
    // Pairs are searched per name and category within neighbouring buckets of the radius, so a
    // common
    // name ("美宜佳便利店") costs its near neighbours, not every other shop of the chain.
    String side = String.format(Locale.ROOT, "%.3fD", Math.max(1.0, spec.duplicateRadiusM()));
    spark
        .sql(
            "SELECT *, CAST(floor(ST_X(geom_m) / "
                + side
                + ") AS BIGINT) AS cx,"
                + " CAST(floor(ST_Y(geom_m) / "
                + side
                + ") AS BIGINT) AS cy FROM lcp_located WHERE county_code IS NOT NULL")
        .createOrReplaceTempView("lcp_dedup_points");
    Dataset<Row> duplicates =
        spark.sql(
            "SELECT b.source_file, b.source_row, min_by(a.poi_id, struct(a.source_file, a.source_row)) AS kept_id,"
                + " to_json(struct(b.poi_id, b.name, b.category, b.lng, b.lat)) AS raw_json"
                + " FROM lcp_dedup_points a JOIN (SELECT *, cx + dx AS ncx, cy + dy AS ncy FROM lcp_dedup_points"
                + "   LATERAL VIEW explode(array(-1, 0, 1)) ox AS dx LATERAL VIEW explode(array(-1, 0, 1)) oy AS dy) b"
                + " ON a.name = b.name AND a.category = b.category AND a.cx = b.ncx AND a.cy = b.ncy"
                + " AND (a.source_file < b.source_file OR (a.source_file = b.source_file AND a.source_row < b.source_row))"
                + " AND ST_Distance(a.geom_m, b.geom_m) <= "
                + radius
                + " GROUP BY b.source_file, b.source_row, b.poi_id, b.name, b.category, b.lng, b.lat");
    duplicates.createOrReplaceTempView("lcp_duplicates");
    for (Row r : duplicates.collectAsList()) {
      q.add(
          new Quarantined(
              r.getString(0),
              r.getLong(1),
              Reason.DUPLICATE,
              "same name and category as " + r.getString(2) + " within " + radius + " m",
              r.getString(3)));
      report.quarantine(table, r.getString(0), Reason.DUPLICATE, 1);
    }
    spark
        .udf()
        .register(
            "lcp_tier",
            (org.apache.spark.sql.api.java.UDF1<String, String>) spec.tiers()::get,
            DataTypes.StringType);
    String columns =
        table.equals("facilities")
            ? "p.poi_id AS facility_id, p.name, p.category, lcp_tier(p.category) AS tier, p.capacity, p.capacity_unit, p.nursing_beds,"
                + " p.address, p.county_code, '"
                + spec.cityCode()
                + "' AS city_code, p.source, p.source_crs,"
                + " p.source_lng, p.source_lat, p.source_file, p.source_row, p.geometry"
            : "p.poi_id, p.name, p.category, lcp_tier(p.category) AS tier, p.typecode, p.type_name, p.address,"
                + " p.county_code, '"
                + spec.cityCode()
                + "' AS city_code, p.amap_adcode, p.source_crs,"
                + " p.source_lng, p.source_lat, p.source_file, p.source_row, p.geometry";
    Dataset<Row> accepted =
        spark.sql(
            "SELECT "
                + columns
                + " FROM lcp_located p LEFT ANTI JOIN lcp_duplicates d"
                + " ON p.source_file = d.source_file AND p.source_row = d.source_row"
                + " WHERE p.county_code IS NOT NULL");
    accepted.cache();
    for (Row r : accepted.groupBy("source_file").count().collectAsList()) {
      report.file(table, r.getString(0)).accepted += r.getLong(1);
    }
    return accepted;
  }

  /** Census rows validated by schema and reference codes; county rows carry their polygon. */
  static Dataset<Row> census(
      SparkSession spark,
      Spec spec,
      IngestReport report,
      Map<String, List<Quarantined>> quarantine,
      Map<String, Object> checks) {
    Map<String, String> admin = adminCodes(spec);
    SchemaTable table = new SchemaTable("census_row");
    List<Row> rows =
        schemaTable(
            table,
            "census",
            spec.censusFile(),
            spec,
            report,
            quarantine,
            new KeyedTable.Rules(
                admin::containsKey,
                spec.cityId(),
                r -> r.path("admin_code").asText(),
                "admin_code"));
    StructType schema = typedSchema(table, table.columns());
    spark.createDataFrame(rows, schema).createOrReplaceTempView("lcp_census");
    // township sums against county totals
    Map<String, Object> sums = new TreeMap<>();
    for (Row r :
        spark
            .sql(
                "SELECT c.admin_code, c.pop_total, sum(t.pop_total) FROM lcp_census c JOIN lcp_census t"
                    + " ON t.level = 'township' AND substr(t.admin_code, 1, 6) = c.admin_code WHERE c.level = 'county'"
                    + " GROUP BY c.admin_code, c.pop_total ORDER BY c.admin_code")
            .collectAsList()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("county_total", r.getLong(1));
      m.put("townships_sum", r.getLong(2));
      m.put("reconciled", r.getLong(1) == r.getLong(2));
      sums.put(r.getString(0), m);
    }
    checks.put("township_sums_vs_county_totals", sums);
    Dataset<Row> out =
        spark.sql(
            "SELECT c.*, a.geometry FROM lcp_census c LEFT JOIN lcp_admin a ON c.admin_code = a.admin_code");
    return out;
  }

  static Dataset<Row> statistics(
      SparkSession spark,
      Spec spec,
      IngestReport report,
      Map<String, List<Quarantined>> quarantine) {
    Map<String, String> admin = adminCodes(spec);
    SchemaTable table = new SchemaTable("statistics_row");
    Predicate<String> known =
        code -> admin.containsKey(code) || code.equals(spec.cityCode()) || code.equals("140000");
    List<Row> rows =
        schemaTable(
            table,
            "statistics",
            spec.statisticsFile(),
            spec,
            report,
            quarantine,
            new KeyedTable.Rules(
                known,
                spec.cityId(),
                r ->
                    r.path("admin_code").asText()
                        + "/"
                        + r.path("indicator").asText()
                        + "/"
                        + r.path("year").asText(),
                ""));
    return spark.createDataFrame(rows, typedSchema(table, table.columns()));
  }

  /**
   * Reads one schema table through {@link KeyedTable}, counts it in the report and keeps its
   * quarantine.
   */
  private static List<Row> schemaTable(
      SchemaTable table,
      String name,
      Path path,
      Spec spec,
      IngestReport report,
      Map<String, List<Quarantined>> quarantine,
      KeyedTable.Rules rules) {
    String file = relative(spec, path.toString());
    KeyedTable.Read read = KeyedTable.read(table, path, file, rules);
    List<Quarantined> q = quarantine.computeIfAbsent(name, k -> new ArrayList<>());
    q.addAll(read.quarantined());
    count(report, name, file, read.read(), read.rows().size(), q);
    List<Row> rows = new ArrayList<>(read.rows().size());
    for (Object[] values : read.rows()) {
      rows.add(RowFactory.create(values));
    }
    return rows;
  }

  private static void count(
      IngestReport report,
      String table,
      String file,
      long read,
      long accepted,
      List<Quarantined> q) {
    IngestReport.FileCounts counts = report.file(table, file);
    counts.read += read;
    counts.accepted += accepted;
    for (Quarantined x : q) {
      report.quarantine(table, file, x.reason(), 1);
    }
  }

  private static StructType typedSchema(SchemaTable table, List<String> columns) {
    StructType schema = new StructType();
    for (String c : columns) {
      schema =
          schema.add(
              c,
              switch (table.type(c)) {
                case "integer" -> DataTypes.LongType;
                case "number" -> DataTypes.DoubleType;
                case "boolean" -> DataTypes.BooleanType;
                default -> DataTypes.StringType;
              });
    }
    return schema.add("source_file", DataTypes.StringType).add("source_row", DataTypes.LongType);
  }

  /** Codes (6-, 9- and 12-digit) of the city from reference/admin_codes.csv, mapped to names. */
  static Map<String, String> adminCodes(Spec spec) {
    Path path = spec.adminCodesFile();
    Map<String, String> codes = new HashMap<>();
    List<List<String>> records;
    try {
      records = Csv.records(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    } catch (IOException e) {
      throw new InputException("Cannot read " + path + ": " + e.getMessage(), e);
    }
    for (List<String> r : records.subList(Math.min(1, records.size()), records.size())) {
      if (r.isEmpty() || r.size() == 1 && r.get(0).isBlank()) {
        continue;
      }
      String code = r.get(0).strip();
      String county = code.length() >= 6 ? code.substring(0, 6) : code;
      if (spec.countyCodes().contains(county) || code.equals(spec.cityCode())) {
        codes.put(code, r.get(1).strip());
      }
    }
    return codes;
  }

  private static void writeQuarantine(Path dir, Map<String, List<Quarantined>> quarantine)
      throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, List<Quarantined>> e : quarantine.entrySet()) {
      List<Quarantined> rows = new ArrayList<>(e.getValue());
      rows.sort(Comparator.comparing(Quarantined::file).thenComparingLong(Quarantined::row));
      try (BufferedWriter w =
          Files.newBufferedWriter(dir.resolve(e.getKey() + ".csv"), StandardCharsets.UTF_8)) {
        w.write("source_file,source_row,reason,detail,raw\n");
        for (Quarantined q : rows) {
          w.write(
              Csv.quoted(q.file())
                  + ","
                  + q.row()
                  + ","
                  + q.reason().code()
                  + ","
                  + Csv.quoted(q.detail())
                  + ","
                  + Csv.quoted(q.raw())
                  + "\n");
        }
      }
    }
  }

  private static String relative(Spec spec, String file) {
    Path p = Path.of(file).toAbsolutePath().normalize();
    Path base = spec.inputDir().toAbsolutePath().normalize();
    return p.startsWith(base) ? base.relativize(p).toString() : p.toString();
  }

  private static String summary(Map<String, GeoParquet.Written> tables) {
    StringBuilder s = new StringBuilder();
    for (Map.Entry<String, GeoParquet.Written> e : tables.entrySet()) {
      s.append(s.length() == 0 ? "" : ", ")
          .append(String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue().rows()));
    }
    return s.toString();
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
