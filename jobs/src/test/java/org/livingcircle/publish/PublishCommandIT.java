package org.livingcircle.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.RepoPaths;
import org.livingcircle.cli.Lcp;
import org.livingcircle.common.Manifest;
import org.livingcircle.publish.geoserver.ApiDefinitions;
import org.livingcircle.publish.geoserver.GeoServerStandIn;
import org.livingcircle.publish.postgis.PgCredentials;
import org.livingcircle.publish.postgis.PostgisFixtures;
import org.livingcircle.spark.GeoParquet;
import org.livingcircle.spark.SparkTestSession;

/**
 * {@code lcp publish} end to end on a tiny Jincheng run: real PostGIS (scripts/ensure-postgis.sh)
 * and the GeoServer stand-in, which checks every request against the shared REST definitions.
 */
class PublishCommandIT {
  private static final String CITY = "jincheng";

  /**
   * Six tables: 6 grid cells, 2 compounds, 2 admin units (one Polygon, one MultiPolygon), 3 gap
   * rows, 4 facilities, 2 suggested sites.
   */
  private static final long N_ROWS = 6 + 2 + 2 + 3 + 4 + 2;

  private static final List<String> TABLES =
      List.of(
          "admin_indicators",
          "grid_indicators",
          "gap_cells",
          "compound_indicators",
          "facilities",
          "suggestions");

  @TempDir static Path tmp;
  static Path cityOut;
  static ApiDefinitions definitions;
  static PgCredentials credentials;
  static Connection db;

  @BeforeAll
  static void writeCityRun() throws Exception {
    SparkSession spark = SparkTestSession.get();
    definitions = ApiDefinitions.load(ApiDefinitions.defaultDirectory());
    credentials = PostgisFixtures.credentials();
    db = credentials.connect();
    cityOut = tmp.resolve("out").resolve(CITY);
    Map<String, Long> ingest = new LinkedHashMap<>();
    ingest.put(
        "facilities",
        write(
            spark,
            "ingest/facilities",
            "OGC:CRS84",
            """
        SELECT concat('f', id) AS facility_id, CASE WHEN id % 2 = 0 THEN 'school' ELSE 'clinic' END AS category,
          CAST(id * 10 AS INT) AS capacity, ST_Point(112.85 + id * 0.001D, 35.49 + id * 0.001D) AS geometry
        FROM range(0, 4)"""));
    Map<String, Long> indicators = new LinkedHashMap<>();
    indicators.put(
        "grid_indicators",
        write(
            spark,
            "indicators/grid_indicators",
            "EPSG:32649",
            """
        SELECT id AS cell_id, CASE WHEN id = 5 THEN NULL ELSE id * 120.5D END AS dist_m_school,
          CAST(id % 3 AS INT) AS n_10min_school, CAST(id % 4 AS INT) AS basic_types_10min,
          CAST(id % 2 AS INT) AS quality_types_15min, id % 2 = 0 AS basic_complete_10min,
          id * 3.5D AS proximity_min, id * 11.25D AS population,
          ST_PolygonFromEnvelope(680000 + id * 250.0, 3930000.0, 680250 + id * 250.0, 3930250.0) AS geometry
        FROM range(0, 6)"""));
    indicators.put(
        "compound_indicators",
        write(
            spark,
            "indicators/compound_indicators",
            "EPSG:32649",
            """
        SELECT concat('c', id) AS compound_id, id = 0 AS basic_complete_10min, id * 4.0D AS proximity_min,
          ST_Point(680100 + id * 250.0, 3930100.0) AS geometry
        FROM range(0, 2)"""));
    Map<String, Long> aggregate = new LinkedHashMap<>();
    aggregate.put(
        "admin_indicators",
        write(
            spark,
            "aggregate/admin_indicators",
            "OGC:CRS84",
            """
        SELECT '140502' AS admin_code, 'county' AS level, '城区' AS name, 0.75D AS share_basic_complete_10min,
          ST_GeomFromWKT('POLYGON ((112.8 35.4, 112.9 35.4, 112.9 35.5, 112.8 35.5, 112.8 35.4))') AS geometry
        UNION ALL
        SELECT '140500', 'city', '晋城市', 0.6D, ST_GeomFromWKT('MULTIPOLYGON (((112.8 35.4, 112.9 35.4, 112.9 35.5,
          112.8 35.5, 112.8 35.4)), ((113.0 35.6, 113.1 35.6, 113.1 35.7, 113.0 35.7, 113.0 35.6)))')"""));
    aggregate.put(
        "gap_cells",
        write(
            spark,
            "aggregate/gap_cells",
            "EPSG:32649",
            """
        SELECT id AS cell_id, '140502' AS county_code, 'school' AS category, 'basic' AS tier, 10.0D AS population,
          id * 300.0D AS dist_m, CAST(id AS INT) AS rank,
          ST_PolygonFromEnvelope(680000 + id * 250.0, 3930000.0, 680250 + id * 250.0, 3930250.0) AS geometry
        FROM range(0, 2)
        UNION ALL SELECT 1, '140502', 'clinic', 'public', 10.0D, NULL, 3,
          ST_PolygonFromEnvelope(680250.0, 3930000.0, 680500.0, 3930250.0)"""));
    Map<String, Long> siting = new LinkedHashMap<>();
    siting.put(
        "suggestions",
        write(
            spark,
            "siting/suggestions",
            "EPSG:32649",
            """
        SELECT concat('140502-share_own_school-curve-', id + 1) AS site_id, '140502' AS admin_code, 'school' AS category,
          CAST(id + 1 AS INT) AS rank, 40.0D - id * 10 AS marginal_people, 0.5D + id * 0.1 AS cumulative_share,
          ST_Point(680125 + id * 250.0, 3930125.0) AS geometry
        FROM range(0, 2)"""));
    manifest("ingest", ingest);
    manifest("indicators", indicators);
    manifest("aggregate", aggregate);
    manifest("siting", siting);
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  private static long write(SparkSession spark, String table, String crs, String sql) {
    return GeoParquet.write(spark, spark.sql(sql), crs, cityOut.resolve(table).toString()).rows();
  }

  private static void manifest(String stage, Map<String, Long> tables) throws IOException {
    Manifest manifest = new Manifest(stage, Map.of());
    tables.forEach((table, rows) -> manifest.output(table, Map.of("rows", rows)));
    manifest.write(cityOut.resolve(stage).resolve("manifest.json"));
  }

  /**
   * conf/publish.yaml with the test schema prefix and GeoServer on (the stand-in's URL comes by
   * flag).
   */
  private static Path publishConfig(String livePrefix) throws IOException {
    String text =
        Files.readString(RepoPaths.of("conf/publish.yaml"))
            .replace("live_schema: \"lcp_{city}\"", "live_schema: \"" + livePrefix + "_{city}\"")
            .replace("database: lcp_test", "database: " + PostgisFixtures.DB)
            .replace("user: admin", "user: " + GeoServerStandIn.USER);
    Path file = tmp.resolve(livePrefix + ".yaml");
    Files.writeString(file, text);
    return file;
  }

  private static Path secretFile(String name, String content) throws IOException {
    Path file = tmp.resolve(name);
    Files.writeString(file, content + "\n");
    return file;
  }

  private record Run(int code, String out, String err) {}

  private static Run publish(GeoServerStandIn standIn, Path config, String... extra)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "publish",
                "--config",
                RepoPaths.of("conf/cities/jincheng.yaml").toString(),
                "--city-out",
                cityOut.toString(),
                "--publish-config",
                config.toString(),
                "--geoserver-url",
                standIn.baseUrl().toString(),
                "--geoserver-password-file",
                secretFile("gs_password", GeoServerStandIn.PASSWORD).toString()));
    args.addAll(List.of(extra));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Lcp.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args.toArray(String[]::new));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static GeoServerStandIn standIn(String schema) {
    GeoServerStandIn standIn = GeoServerStandIn.start(definitions);
    for (String table : TABLES) {
      standIn.addTable(schema, table, 112.8, 35.4, 113.1, 35.7);
    }
    return standIn;
  }

  @Test
  void publishesTablesAndLayersAndRepublishesIdentically() throws Exception {
    PostgisFixtures.dropSchemas(db, "t_pub_jincheng");
    try (GeoServerStandIn standIn = standIn("t_pub_jincheng")) {
      Path config = publishConfig("t_pub");

      Run first = publish(standIn, config);

      assertThat(first.err()).isEmpty();
      assertThat(first.code()).isZero();
      String releaseId = CityRelease.read(cityOut, CITY, java.util.Optional.empty()).releaseId();
      assertThat(releaseId).matches("jincheng_[0-9a-f]{12}");
      assertThat(first.out())
          .startsWith(
              "[publish] jincheng: release "
                  + releaseId
                  + ", 6 tables, "
                  + N_ROWS
                  + " rows live in t_pub_jincheng; GeoServer lcp: ");
      assertThat(
              PostgisFixtures.string(
                  db,
                  "SELECT string_agg(c.relname || ' ' || c.reltuples::bigint, ', '"
                      + " ORDER BY c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                      + " WHERE n.nspname = 't_pub_jincheng' AND c.relkind = 'r'"))
          .isEqualTo(
              "admin_indicators 2, compound_indicators 2, facilities 4, gap_cells 3, grid_indicators 6, suggestions 2");
      assertThat(
              PostgisFixtures.string(
                  db,
                  "SELECT string_agg(f_table_name || ' ' || type || ' ' || srid, ', '"
                      + " ORDER BY f_table_name) FROM geometry_columns WHERE f_table_schema = 't_pub_jincheng'"))
          .isEqualTo(
              "admin_indicators MULTIPOLYGON 4326, compound_indicators POINT 32649, facilities POINT 4326,"
                  + " gap_cells POLYGON 32649, grid_indicators POLYGON 32649, suggestions POINT 32649");
      assertThat(
              PostgisFixtures.string(
                  db,
                  "SELECT string_agg(conrelid::regclass::text || ' ' || pg_get_constraintdef(oid),"
                      + " ', ' ORDER BY conrelid::regclass::text) FROM pg_constraint WHERE contype = 'p'"
                      + " AND connamespace = 't_pub_jincheng'::regnamespace"))
          .isEqualTo(
              "t_pub_jincheng.admin_indicators PRIMARY KEY (admin_code),"
                  + " t_pub_jincheng.compound_indicators PRIMARY KEY (compound_id),"
                  + " t_pub_jincheng.facilities PRIMARY KEY (facility_id),"
                  + " t_pub_jincheng.gap_cells PRIMARY KEY (cell_id, category),"
                  + " t_pub_jincheng.grid_indicators PRIMARY KEY (cell_id),"
                  + " t_pub_jincheng.suggestions PRIMARY KEY (site_id)");
      assertThat(
              PostgisFixtures.string(
                  db,
                  "SELECT count(*) FROM pg_indexes WHERE schemaname = 't_pub_jincheng'"
                      + " AND indexdef LIKE '%USING gist (geometry)'"))
          .isEqualTo("6");
      assertThat(PostgisFixtures.columnTypes(db, "t_pub_jincheng", "grid_indicators"))
          .containsExactly(
              "cell_id bigint",
              "dist_m_school double precision",
              "n_10min_school integer",
              "basic_types_10min integer",
              "quality_types_15min integer",
              "basic_complete_10min boolean",
              "proximity_min double precision",
              "population double precision",
              "geometry geometry(Polygon,32649)");
      assertThat(
              PostgisFixtures.string(
                  db,
                  "SELECT string_agg(admin_code || ' ' || ST_NumGeometries(geometry), ', '"
                      + " ORDER BY admin_code) FROM t_pub_jincheng.admin_indicators"))
          .isEqualTo("140500 2, 140502 1");
      Map<String, String> checksums = checksums("t_pub_jincheng");
      String catalog = standIn.dump();
      assertThat(catalog)
          .contains(
              "\"lcp:grid_indicators_jincheng\"",
              "\"lcp/jincheng_living_circle\"",
              "晋城市 网格步行可达性指标 / Grid walking-access indicators, Jincheng",
              "© AMap",
              "https://livingcircle.example/metadata/jincheng/gap_cells",
              "\"EPSG:32649\"",
              "\"EPSG:4326\"");
      assertThat(catalog)
          .contains(
              "\"name\" : \"lcp:walk_time_min\"",
              "\"name\" : \"lcp:coverage_share\"",
              "\"name\" : \"lcp:site_points\"",
              "\"lcp:suggestions_jincheng\"");
      assertEveryRequestConformed(standIn);
      standIn.clearRequests();

      Run again = publish(standIn, config);

      assertThat(again.err()).isEmpty();
      assertThat(again.code()).isZero();
      assertThat(again.out()).contains("GeoServer lcp: 0 created, ", ", 7 tile caches truncated");
      assertThat(checksums("t_pub_jincheng")).isEqualTo(checksums);
      assertThat(PostgisFixtures.schemas(db, "t_pub_jincheng"))
          .containsExactly("t_pub_jincheng", "t_pub_jincheng_meta");
      assertThat(standIn.dump()).isEqualTo(catalog);
      assertThat(standIn.truncatedLayers())
          .contains("lcp:grid_indicators_jincheng", "lcp:jincheng_living_circle");
      assertEveryRequestConformed(standIn);
    }
  }

  @Test
  void dryRunPrintsThePlanAndChangesNothing() throws Exception {
    PostgisFixtures.dropSchemas(db, "t_pubdry_jincheng");
    try (GeoServerStandIn standIn = standIn("t_pubdry_jincheng")) {
      String empty = standIn.dump();

      Run dry = publish(standIn, publishConfig("t_pubdry"), "--dry-run");

      assertThat(dry.err()).isEmpty();
      assertThat(dry.code()).isZero();
      assertThat(dry.out())
          .contains(
              "CREATE TABLE t_pubdry_jincheng_stage_jincheng_",
              "ALTER TABLE t_pubdry_jincheng_stage_jincheng_",
              "PRIMARY KEY (cell_id, category);",
              "geometry geometry(MultiPolygon, 4326));",
              "-- GeoServer: " + standIn.baseUrl(),
              "CREATE workspace lcp: POST /rest/workspaces (application/json)",
              "CREATE featuretype lcp/t_pubdry_jincheng/grid_indicators_jincheng: POST "
                  + "/rest/workspaces/lcp/datastores/t_pubdry_jincheng/featuretypes (application/json)",
              "CREATE layergroup lcp/jincheng_living_circle: POST /rest/workspaces/lcp/layergroups (application/json)");
      assertThat(dry.out()).doesNotContain(GeoServerStandIn.PASSWORD);
      assertThat(PostgisFixtures.schemas(db, "t_pubdry_jincheng")).isEmpty();
      assertThat(standIn.dump()).isEqualTo(empty);
      assertThat(standIn.requests()).allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
      assertEveryRequestConformed(standIn);
    }
  }

  @Test
  void wrongPostgisPasswordFailsInOneLineWithoutThePassword() throws Exception {
    String wrong = "not-the-pg-Password-77";
    try (GeoServerStandIn standIn = standIn("t_pubauth_jincheng")) {
      Run run =
          publish(
              standIn,
              publishConfig("t_pubauth"),
              "--pg-password-file",
              secretFile("wrong_pg_password", wrong).toString());

      assertThat(run.code()).isEqualTo(1);
      assertThat(run.err())
          .isEqualTo(
              "lcp: Cannot connect to PostGIS at "
                  + PostgisFixtures.URL
                  + " as user "
                  + PostgisFixtures.USER
                  + ": password authentication failed for user \""
                  + PostgisFixtures.USER
                  + "\""
                  + System.lineSeparator());
      assertThat(run.err() + run.out()).doesNotContain(wrong);
      assertThat(standIn.requests()).isEmpty();
    }
  }

  @Test
  void aRunWithoutManifestsFailsNamingTheStage() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty_run"));
    try (GeoServerStandIn standIn = standIn("t_pubnone_jincheng")) {
      List<String> args =
          List.of(
              "publish",
              "--config",
              RepoPaths.of("conf/cities/jincheng.yaml").toString(),
              "--city-out",
              empty.toString(),
              "--publish-config",
              publishConfig("t_pubnone").toString());
      ByteArrayOutputStream err = new ByteArrayOutputStream();

      int code =
          Lcp.run(
              new PrintStream(new ByteArrayOutputStream()),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              args.toArray(String[]::new));

      assertThat(code).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .isEqualTo(
              "lcp: Cannot read manifest "
                  + empty.resolve("ingest/manifest.json")
                  + ": no such file; run the ingest stage (lcp run) for this city first"
                  + System.lineSeparator());
    }
  }

  private static Map<String, String> checksums(String schema) throws Exception {
    Map<String, String> sums = new LinkedHashMap<>();
    for (String table : TABLES) {
      sums.put(table, PostgisFixtures.checksumInPostgis(db, schema, table));
    }
    return sums;
  }

  private static void assertEveryRequestConformed(GeoServerStandIn standIn) {
    assertThat(standIn.requests())
        .isNotEmpty()
        .allSatisfy(
            r ->
                assertThat(r.verdict().conforms())
                    .as("%s: %s", r.line(), r.verdict().reasons())
                    .isTrue());
  }
}
