package org.livingcircle.publish.postgis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.sedona.spark.SedonaContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.livingcircle.common.ConfigException;
import org.livingcircle.common.PublishException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;

/**
 * Shared pieces of the PostGIS tests: the database the tests use (started by {@code
 * scripts/ensure-postgis.sh}), one {@code local[2]} Sedona session, GeoParquet inputs, and a
 * checksum of every column computed the same way in PostGIS (SQL) and from the GeoParquet source
 * (Spark rows).
 */
public final class PostgisFixtures {
  public static final String DB = env("LCP_PG_DB", "lcp_test");
  public static final String URL = env("LCP_PG_URL", "jdbc:postgresql://127.0.0.1:5432/" + DB);
  public static final String USER = env("LCP_PG_USER", "lcp");
  static final String MANIFEST_SHA256 = "ab".repeat(32);

  private static SparkSession spark;

  private PostgisFixtures() {}

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? fallback : value;
  }

  /** Credentials of the test database; fails (never skips) when it is unreachable. */
  public static PgCredentials credentials() {
    String fix =
        "; set LCP_PG_URL (+ LCP_PG_USER, LCP_PG_PASSWORD or LCP_PG_PASSWORD_FILE) for an existing PostGIS,"
            + " or run scripts/ensure-postgis.sh as root to install and start Debian's";
    PgCredentials credentials;
    try {
      credentials = PgCredentials.fromEnvironment(URL, USER);
    } catch (ConfigException e) {
      throw new AssertionError(e.getMessage() + fix, e);
    }
    try (Connection ignored = credentials.connect()) {
      return credentials;
    } catch (PublishException | SQLException e) {
      throw new AssertionError(e.getMessage() + fix, e);
    }
  }

  static synchronized SparkSession spark() {
    if (spark == null) {
      SparkSession session =
          SparkSession.builder()
              .master("local[2]")
              .appName("lcp-postgis-tests")
              .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
              .config(
                  "spark.kryo.registrator", "org.apache.sedona.core.serde.SedonaKryoRegistrator")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.sql.shuffle.partitions", "4")
              .getOrCreate();
      spark = SedonaContext.create(session);
    }
    return spark;
  }

  /**
   * {@code nCells} 250 m squares in UTM 49N (EPSG:32649), 20 per row, with one column of every
   * mapped type, awkward text (Chinese, tab, backslash, newline, CR), awkward doubles (-0.0,
   * 1e-300, NaN, ±Infinity) and nulls, plus the GeoParquet {@code bbox} covering struct that the
   * loader must drop. {@code pointAtCell} &ge; 0 puts a Point there (a bad row for a Polygon
   * column); -1 for none.
   */
  static String writeCells(String dir, int nCells, int pointAtCell) {
    String x = "(600000 + (id % 20) * 250.0)";
    String y = "(3950000 + floor(id / 20) * 250.0)";
    Dataset<Row> cells =
        spark()
            .sql(
                String.format(
                    """
        SELECT id AS cell_id,
          CAST(id %% 7 AS INT) AS n_facilities,
          CASE id WHEN 1 THEN -0.0D WHEN 2 THEN 1e-300D WHEN 3 THEN double('NaN') WHEN 4 THEN double('Infinity')
            WHEN 5 THEN double('-Infinity') ELSE CASE WHEN id %% 11 = 0 THEN NULL ELSE id * 0.1D END END AS population,
          CAST(id / 3.0 AS FLOAT) AS ratio,
          id %% 2 = 0 AS reachable,
          CASE id %% 4 WHEN 0 THEN '长治 城区' WHEN 1 THEN concat('tab', char(9), 'here')
            WHEN 2 THEN concat('back', char(92), 'slash', char(10), 'newline', char(13)) ELSE NULL END AS name,
          TIMESTAMP '2026-11-29 08:00:00.123456' + make_interval(0, 0, 0, 0, 0, 0, id) AS computed_at,
          date_add(DATE '2026-11-29', CAST(id %% 3 AS INT)) AS release_date,
          CASE WHEN id = %d THEN ST_Point(%s, %s) ELSE ST_PolygonFromEnvelope(%s, %s, %s + 250, %s + 250) END AS geometry
        FROM range(0, %d, 1, 3)""",
                    pointAtCell, x, y, x, y, x, y, nCells));
    writeGeoParquet(cells, dir);
    return dir;
  }

  /**
   * {@code nPoints} WGS 84 points (EPSG:4326) around Changzhi, with smallint and decimal columns;
   * {@code duplicateKey} repeats key p0 (a bad row).
   */
  static String writeFacilities(String dir, int nPoints, boolean duplicateKey) {
    Dataset<Row> points =
        spark()
            .sql(
                String.format(
                    """
        SELECT concat('p', %s) AS poi_id,
          CAST(id %% 25 AS INT) AS category,
          id * 1000000007L AS source_row,
          CAST(id %% 100 AS SMALLINT) AS n_floors,
          CASE WHEN id %% 9 = 0 THEN NULL ELSE CAST(id / 8.0 - 20 AS DECIMAL(10, 3)) END AS rating,
          ST_Point(112.3 + id * 0.001D, 35.4 + id * 0.0005D) AS geometry
        FROM range(0, %d, 1, 2)""",
                    duplicateKey ? "id % " + (nPoints - 1) : "id", nPoints));
    writeGeoParquet(points, dir);
    return dir;
  }

  private static void writeGeoParquet(Dataset<Row> rows, String dir) {
    rows.selectExpr(
            "*",
            "struct(ST_XMin(geometry) AS xmin, ST_YMin(geometry) AS ymin, "
                + "ST_XMax(geometry) AS xmax, ST_YMax(geometry) AS ymax) AS bbox")
        .write()
        .format("geoparquet")
        .mode(SaveMode.Overwrite)
        .option("geoparquet.version", "1.1.0")
        .option("geoparquet.covering", "bbox")
        .save(dir);
  }

  static PgTableSpec cellsTable(String dir) {
    return new PgTableSpec("cells", dir, List.of("cell_id"), "geometry", 32649, "Polygon");
  }

  static PgTableSpec facilitiesTable(String dir) {
    return new PgTableSpec("facilities", dir, List.of("poi_id"), "geometry", 4326, "Point");
  }

  static PostgisLoadSpec spec(
      PgCredentials credentials, String live, String releaseId, int nKept, PgTableSpec... tables) {
    return new PostgisLoadSpec(
        credentials, releaseId, live, List.of(tables), nKept, MANIFEST_SHA256);
  }

  /** Drops the live schema and every {@code <live>_*} schema (left by earlier runs). */
  public static void dropSchemas(Connection connection, String live) throws SQLException {
    for (String schema : schemas(connection, live)) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  /** The live schema and every {@code <live>_*} schema, sorted. */
  public static List<String> schemas(Connection connection, String live) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT nspname FROM pg_namespace WHERE nspname = ? OR starts_with(nspname, ? || '_') ORDER BY nspname")) {
      query.setString(1, live);
      query.setString(2, live);
      return strings(query);
    }
  }

  static List<String> strings(PreparedStatement query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  public static String string(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Column name and PostgreSQL type of a table, in column order: the table's shape. */
  public static List<String> columnTypes(Connection connection, String schema, String table)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT attname || ' ' || format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND attnum > 0"
                + " AND NOT attisdropped ORDER BY attnum")) {
      query.setString(1, schema);
      query.setString(2, table);
      return strings(query);
    }
  }

  /**
   * MD5 of every row of a PostGIS table, each row a tab-joined canonical text: integers as decimal,
   * doubles and reals as the hex of their IEEE bits, booleans t/f, timestamps as epoch
   * microseconds, dates as epoch days, geometries as {@code SRID:hex little-endian WKB}, nulls as
   * {@code \N}; rows sorted by byte order.
   */
  public static String checksumInPostgis(Connection connection, String schema, String table)
      throws SQLException {
    List<String> fields = new ArrayList<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT attname, format_type(atttypid, NULL) FROM pg_attribute"
                + " WHERE attrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND attnum > 0"
                + " AND NOT attisdropped ORDER BY attnum")) {
      query.setString(1, schema);
      query.setString(2, table);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          String c = rs.getString(1);
          String expression =
              switch (rs.getString(2)) {
                case "bigint", "integer", "smallint", "numeric", "text" -> c + "::text";
                case "double precision" -> "encode(float8send(" + c + "), 'hex')";
                case "real" -> "encode(float4send(" + c + "), 'hex')";
                case "boolean" -> "CASE WHEN " + c + " THEN 't' ELSE 'f' END";
                case "timestamp with time zone" ->
                    "(extract(epoch FROM " + c + ") * 1000000)::bigint::text";
                case "date" -> "(" + c + " - DATE '1970-01-01')::text";
                case "geometry" ->
                    "ST_SRID(" + c + ") || ':' || encode(ST_AsBinary(" + c + ", 'NDR'), 'hex')";
                default ->
                    throw new IllegalStateException("no checksum form for " + rs.getString(2));
              };
          fields.add("coalesce(" + expression + ", '\\N')");
        }
      }
    }
    return string(
        connection,
        "SELECT md5(string_agg(row_text, E'\\n' ORDER BY row_text COLLATE \"C\"))"
            + " FROM (SELECT concat_ws(E'\\t', "
            + String.join(", ", fields)
            + ") AS row_text FROM "
            + schema
            + "."
            + table
            + ") rows");
  }

  /** The same checksum as {@link #checksumInPostgis}, from the GeoParquet source read by Spark. */
  static String checksumInSpark(String dir, int srid) {
    Dataset<Row> source = spark().read().format("geoparquet").load(dir);
    StructType schema = source.schema();
    List<String> rowTexts = new ArrayList<>();
    WKBWriter wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN);
    for (Row row : source.collectAsList()) {
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < schema.size(); i++) {
        StructField field = schema.fields()[i];
        if (field.dataType() instanceof StructType) {
          continue;
        }
        Object value = row.get(i);
        fields.add(canonical(value, wkb, srid));
      }
      rowTexts.add(String.join("\t", fields));
    }
    rowTexts.sort(PostgisFixtures::compareUtf8);
    return md5(String.join("\n", rowTexts));
  }

  private static String canonical(Object value, WKBWriter wkb, int srid) {
    if (value == null) {
      return "\\N";
    } else if (value instanceof Double d) {
      return String.format("%016x", Double.doubleToLongBits(d));
    } else if (value instanceof Float f) {
      return String.format("%08x", Float.floatToIntBits(f));
    } else if (value instanceof Boolean b) {
      return b ? "t" : "f";
    } else if (value instanceof Timestamp t) {
      return Long.toString(Math.floorDiv(t.getTime(), 1000L) * 1_000_000L + t.getNanos() / 1000);
    } else if (value instanceof Date d) {
      return Long.toString(d.toLocalDate().toEpochDay());
    } else if (value instanceof Geometry g) {
      return srid + ":" + HexFormat.of().formatHex(wkb.write(g));
    }
    return value.toString();
  }

  private static int compareUtf8(String a, String b) {
    return java.util.Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static String md5(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
