package org.livingcircle.publish.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.livingcircle.common.Checks;
import org.livingcircle.common.InputException;
import org.livingcircle.common.PublishException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a release's GeoParquet tables to PostGIS atomically.
 *
 * <p>Every table is built in a fresh staging schema {@code <live>_stage_<release>}: typed {@code
 * CREATE TABLE} ({@code geometry(<Type>, <srid>)}), bulk binary {@code COPY ... FROM STDIN} with
 * EWKB geometry, then primary key, GiST index and {@code ANALYZE}. One transaction then renames the
 * live schema to {@code <live>_release_<previous>} and the staging schema to {@code <live>}, drops
 * releases beyond the kept count and records the release in {@code <live>_meta.releases}. A reader
 * sees the old release or the new one; a failure before the swap leaves the live schema untouched
 * and drops the staging schema. Loading the same release again yields the same contents.
 *
 * <p><b>Why {@code foreachPartition}:</b> each Spark task streams its partition through its own
 * connection and COPY, so rows never funnel through the driver and the COPY streams run in parallel
 * (PostgreSQL decodes rows and EWKB on one core per connection). Per-partition commits are safe
 * because the staging schema is invisible to readers until the swap, and a retried task's
 * duplicates fail the primary key. The cost: executors must reach PostGIS, and the credentials
 * travel in the task closure. Sources with fewer partitions than the default parallelism are
 * repartitioned so that every core has a COPY stream.
 *
 * <p>{@link #apply()} returns the SQL plan without writing ({@code --dry-run}); {@link #commit()}
 * runs it.
 */
public final class PostgisLoadJob {
  private static final Logger LOG = LoggerFactory.getLogger(PostgisLoadJob.class);
  private static final String JOB_GROUP = "publish";

  private final SparkSession spark;
  private final PostgisLoadSpec spec;

  public PostgisLoadJob(SparkSession spark, PostgisLoadSpec spec) {
    this.spark = Checks.notNull(spark, "SparkSession");
    this.spec = Checks.notNull(spec, "load spec");
  }

  /**
   * The SQL {@link #commit()} would run now, in order, without writing anything. Reads the
   * GeoParquet schemas and, read-only, the current release state (to name the schemas the swap
   * renames and drops).
   */
  public Plan apply() {
    List<String> statements = new ArrayList<>();
    statements.add(PgReleaseSql.lockLoaders(spec));
    statements.addAll(PgReleaseSql.prepareMeta(spec));
    List<String> leftOverStaging;
    ReleaseState state;
    try (Connection connection = spec.credentials().connect()) {
      leftOverStaging = stagingSchemas(connection);
      state = readState(connection, metaTableExists(connection));
    } catch (SQLException e) {
      throw fail("read the release state of schema " + spec.liveSchema(), e);
    }
    statements.addAll(PgReleaseSql.dropSchemas(leftOverStaging));
    statements.addAll(PgReleaseSql.createStaging(spec));
    for (PgTableSpec table : spec.tables()) {
      List<PgColumn> columns = PostgisRows.columns(read(table).schema(), table);
      statements.add(PgReleaseSql.createTable(spec.stagingSchema(), table, columns));
      statements.add(
          PgReleaseSql.copy(spec.stagingSchema(), table, columns) + "  -- one per Spark partition");
      statements.addAll(PgReleaseSql.finishTable(spec.stagingSchema(), table));
    }
    PgReleaseSql.Swap swap = PgReleaseSql.swap(spec, state);
    statements.add("BEGIN");
    statements.add(PgReleaseSql.lockReleases(spec));
    statements.addAll(swap.statements());
    statements.add(PgReleaseSql.recordRelease(spec));
    statements.add("COMMIT");
    return new Plan(
        spec.releaseId(), statements, swap.previousReleaseId(), swap.droppedReleaseIds());
  }

  /**
   * Loads, swaps and prunes. On any failure before the swap commits, the staging schema is dropped
   * and the live schema is as it was.
   *
   * @throws PublishException when PostGIS refuses a step (message names the step, not the password)
   * @throws InputException when a source cannot be read or has an unmappable column
   */
  public Result commit() {
    long start = System.nanoTime();
    try (Connection connection = spec.credentials().connect()) {
      // session-level lock; closing the connection releases it, also when the load fails
      execute(
          connection,
          PgReleaseSql.lockLoaders(spec),
          "lock loaders of schema " + spec.liveSchema());
      for (String sql : PgReleaseSql.prepareMeta(spec)) {
        execute(connection, sql, "create " + spec.metaSchema() + ".releases");
      }
      List<String> leftOverStaging;
      try {
        leftOverStaging = stagingSchemas(connection);
      } catch (SQLException e) {
        throw fail("list left-over staging schemas of " + spec.liveSchema(), e);
      }
      for (String sql : PgReleaseSql.dropSchemas(leftOverStaging)) {
        execute(connection, sql, "drop a left-over staging schema of " + spec.liveSchema());
      }
      List<TableLoad> loads = new ArrayList<>();
      try {
        for (String sql : PgReleaseSql.createStaging(spec)) {
          execute(connection, sql, "create staging schema " + spec.stagingSchema());
        }
        for (PgTableSpec table : spec.tables()) {
          loads.add(load(connection, table));
        }
        PgReleaseSql.Swap swap = swap(connection, loads);
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info(
            String.format(
                Locale.ROOT,
                "[publish] release %s: %d tables, %,d rows live in %s%s  %.1f s",
                spec.releaseId(),
                loads.size(),
                loads.stream().mapToLong(TableLoad::nRows).sum(),
                spec.liveSchema(),
                swap.droppedReleaseIds().isEmpty() ? "" : ", dropped " + swap.droppedReleaseIds(),
                seconds));
        return new Result(
            spec.releaseId(), loads, swap.previousReleaseId(), swap.droppedReleaseIds(), seconds);
      } catch (RuntimeException e) {
        dropStagingAfter(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw fail("close the connection to " + spec.credentials(), e);
    }
  }

  private TableLoad load(Connection connection, PgTableSpec table) {
    long start = System.nanoTime();
    String schema = spec.stagingSchema();
    Dataset<Row> source = read(table);
    List<PgColumn> columns = PostgisRows.columns(source.schema(), table);
    execute(
        connection,
        PgReleaseSql.createTable(schema, table, columns),
        "create table " + schema + "." + table.name());
    String description = "[publish] " + table.name() + ": COPY into " + schema;
    spark.sparkContext().setJobGroup(JOB_GROUP, description, false);
    try {
      copyRows(source, table, columns)
          .foreachPartition(
              new PostgisRows.CopyPartition(
                  spec.credentials(), PgReleaseSql.copy(schema, table, columns), columns));
    } catch (Exception e) { // SparkException is checked but thrown undeclared through Scala
      throw fail(
          "load table " + table.name() + " into " + schema + " from " + table.sourceDir(), e);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
    double copySeconds = (System.nanoTime() - start) / 1e9;
    List<String> finish = PgReleaseSql.finishTable(schema, table);
    execute(
        connection,
        finish.get(0),
        "add the primary key ("
            + String.join(", ", table.primaryKey())
            + ") to "
            + schema
            + "."
            + table.name());
    execute(connection, finish.get(1), "create the GiST index of " + schema + "." + table.name());
    execute(connection, finish.get(2), "analyze " + schema + "." + table.name());
    long nRows = count(connection, schema + "." + table.name());
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.info(
        String.format(
            Locale.ROOT,
            "[publish] %s: %,d rows  %.1f s (COPY %.1f s)",
            table.name(),
            nRows,
            seconds,
            copySeconds));
    return new TableLoad(table.name(), nRows, copySeconds, seconds);
  }

  /**
   * Source columns in {@link PostgisRows#columns} order; the geometry as EWKB with the spec's SRID,
   * wrapped in {@code ST_Multi} for a Multi type (GeoParquet tables may mix Polygon and
   * MultiPolygon rows).
   */
  private Dataset<Row> copyRows(Dataset<Row> source, PgTableSpec table, List<PgColumn> columns) {
    boolean multi = table.geometryType().startsWith("Multi");
    String[] select =
        columns.stream()
            .map(
                c ->
                    c.type() == PgType.GEOMETRY
                        ? "ST_AsEWKB(ST_SetSRID("
                            + (multi ? "ST_Multi(`" + c.name() + "`)" : "`" + c.name() + "`")
                            + ", "
                            + table.srid()
                            + ")) AS "
                            + c.name()
                        : "`" + c.name() + "`")
            .toArray(String[]::new);
    Dataset<Row> rows = source.selectExpr(select);
    int nStreams = spark.sparkContext().defaultParallelism();
    return rows.rdd().getNumPartitions() < nStreams ? rows.repartition(nStreams) : rows;
  }

  private PgReleaseSql.Swap swap(Connection connection, List<TableLoad> loads) {
    String what = "swap release " + spec.releaseId() + " into schema " + spec.liveSchema();
    try {
      connection.setAutoCommit(false);
      try {
        execute(connection, PgReleaseSql.lockReleases(spec), what);
        PgReleaseSql.Swap swap = PgReleaseSql.swap(spec, readState(connection, true));
        for (String sql : swap.statements()) {
          execute(connection, sql, what);
        }
        try (PreparedStatement record =
            connection.prepareStatement(PgReleaseSql.recordRelease(spec))) {
          record.setArray(
              1, connection.createArrayOf("text", loads.stream().map(TableLoad::table).toArray()));
          record.setString(
              2,
              loads.stream()
                  .map(load -> "\"" + load.table() + "\": " + load.nRows())
                  .collect(Collectors.joining(", ", "{", "}")));
          record.executeUpdate();
        }
        connection.commit();
        return swap;
      } catch (RuntimeException | SQLException e) {
        try {
          connection.rollback();
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw fail(what, e);
    }
  }

  private ReleaseState readState(Connection connection, boolean metaTableExists)
      throws SQLException {
    boolean liveExists;
    try (PreparedStatement exists =
        connection.prepareStatement(PgReleaseSql.readLiveSchemaExists())) {
      exists.setString(1, spec.liveSchema());
      try (ResultSet rs = exists.executeQuery()) {
        rs.next();
        liveExists = rs.getBoolean(1);
      }
    }
    if (!metaTableExists) {
      return new ReleaseState(liveExists, Optional.empty(), List.of());
    }
    Optional<String> live = Optional.empty();
    List<String> kept = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(PgReleaseSql.readReleases(spec))) {
      while (rs.next()) {
        if (rs.getString(2).equals("live")) {
          live = Optional.of(rs.getString(1));
        } else {
          kept.add(rs.getString(1));
        }
      }
    }
    return new ReleaseState(liveExists, live, kept);
  }

  private List<String> stagingSchemas(Connection connection) throws SQLException {
    List<String> schemas = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(PgReleaseSql.readStagingSchemas())) {
      query.setString(1, PgReleaseSql.stagingPrefix(spec));
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          schemas.add(rs.getString(1));
        }
      }
    }
    return schemas;
  }

  private boolean metaTableExists(Connection connection) throws SQLException {
    try (PreparedStatement exists =
        connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      exists.setString(1, spec.metaSchema() + ".releases");
      try (ResultSet rs = exists.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private Dataset<Row> read(PgTableSpec table) {
    try {
      return spark.read().format("geoparquet").load(table.sourceDir());
    } catch (
        Exception
            e) { // AnalysisException (path not found) is checked but thrown undeclared through
      // Scala
      throw new InputException(
          "Cannot read GeoParquet "
              + table.sourceDir()
              + " of table "
              + table.name()
              + ": "
              + PgErrors.reason(e),
          e);
    }
  }

  private void dropStagingAfter(Connection connection, RuntimeException failure) {
    try {
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute(PgReleaseSql.dropStaging(spec));
      }
    } catch (SQLException dropFailure) {
      failure.addSuppressed(dropFailure);
    }
  }

  private long count(Connection connection, String qualifiedTable) {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + qualifiedTable)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw fail("count rows of " + qualifiedTable, e);
    }
  }

  private void execute(Connection connection, String sql, String what) {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw fail(what, e);
    }
  }

  private PublishException fail(String what, Throwable cause) {
    return new PublishException(
        "Cannot " + what + ": " + spec.credentials().redact(PgErrors.reason(cause)), cause);
  }

  /**
   * @param releaseId the release that would become live
   * @param statements SQL in run order; COPY statements run once per Spark partition
   * @param previousReleaseId the release that is live now, if any
   * @param droppedReleaseIds releases whose schemas the swap would drop
   */
  public record Plan(
      String releaseId,
      List<String> statements,
      Optional<String> previousReleaseId,
      List<String> droppedReleaseIds) {
    public Plan {
      statements = List.copyOf(statements);
      droppedReleaseIds = List.copyOf(droppedReleaseIds);
    }
  }

  /**
   * @param nRows rows in the published table (counted in PostGIS)
   * @param copySeconds wall time of reading the source and COPY
   * @param seconds wall time of the table: COPY, primary key, GiST index, ANALYZE
   */
  public record TableLoad(String table, long nRows, double copySeconds, double seconds) {}

  /**
   * @param releaseId the release now live
   * @param tables per-table row counts and times, in spec order
   * @param previousReleaseId the release that was live before, if any
   * @param droppedReleaseIds releases whose schemas were dropped by pruning
   * @param seconds wall time of the whole load
   */
  public record Result(
      String releaseId,
      List<TableLoad> tables,
      Optional<String> previousReleaseId,
      List<String> droppedReleaseIds,
      double seconds) {
    public Result {
      tables = List.copyOf(tables);
      droppedReleaseIds = List.copyOf(droppedReleaseIds);
    }

    public long nRows() {
      return tables.stream().mapToLong(TableLoad::nRows).sum();
    }
  }
}
