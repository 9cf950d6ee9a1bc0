package org.livingcircle.publish.postgis;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.livingcircle.common.InputException;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Spark side of the load: maps Spark columns to {@link PgColumn}s and streams each partition
 * through COPY.
 */
final class PostgisRows {
  private static final int COPY_BUFFER_BYTES = 1 << 16;

  private PostgisRows() {}

  /**
   * The PostGIS columns for a GeoParquet schema, in source order. Struct columns (the GeoParquet
   * {@code bbox} covering) are dropped; the spec's geometry column becomes {@link PgType#GEOMETRY}.
   *
   * @throws InputException when the geometry or a key column is missing, or a column has no
   *     PostgreSQL mapping
   */
  static List<PgColumn> columns(StructType schema, PgTableSpec table) {
    List<PgColumn> columns = new ArrayList<>();
    for (StructField field : schema.fields()) {
      String name = field.name();
      boolean isGeometry = name.equals(table.geometryColumn());
      if (isGeometry != "geometry".equals(field.dataType().typeName())) {
        throw new InputException(
            String.format(
                "Cannot load column %s of table %s from %s: type %s%s",
                name,
                table.name(),
                table.sourceDir(),
                field.dataType().simpleString(),
                isGeometry
                    ? " is not a geometry"
                    : " is a second geometry column; only "
                        + table.geometryColumn()
                        + " is loaded"));
      }
      if (isGeometry) {
        columns.add(new PgColumn(name, PgType.GEOMETRY));
        continue;
      }
      Optional<PgType> type = pgType(field.dataType());
      if (type.isPresent()) {
        columns.add(new PgColumn(name, type.get()));
      } else if (!(field.dataType() instanceof StructType)) {
        throw new InputException(
            String.format(
                "Cannot load column %s of table %s from %s: type %s has no PostgreSQL mapping",
                name, table.name(), table.sourceDir(), field.dataType().simpleString()));
      }
    }
    List<String> names = columns.stream().map(PgColumn::name).toList();
    for (String required : concat(table.primaryKey(), table.geometryColumn())) {
      if (!names.contains(required)) {
        throw new InputException(
            String.format(
                "Cannot load table %s from %s: no column %s; columns are %s",
                table.name(), table.sourceDir(), required, names));
      }
    }
    return List.copyOf(columns);
  }

  /** Empty for struct columns, which are dropped. */
  private static Optional<PgType> pgType(DataType type) {
    if (type.equals(DataTypes.LongType)) return Optional.of(PgType.BIGINT);
    if (type.equals(DataTypes.IntegerType)) return Optional.of(PgType.INTEGER);
    if (type.equals(DataTypes.ShortType) || type.equals(DataTypes.ByteType))
      return Optional.of(PgType.SMALLINT);
    if (type.equals(DataTypes.DoubleType)) return Optional.of(PgType.DOUBLE);
    if (type.equals(DataTypes.FloatType)) return Optional.of(PgType.REAL);
    if (type instanceof DecimalType) return Optional.of(PgType.NUMERIC);
    if (type.equals(DataTypes.StringType)) return Optional.of(PgType.TEXT);
    if (type.equals(DataTypes.BooleanType)) return Optional.of(PgType.BOOLEAN);
    if (type.equals(DataTypes.TimestampType)) return Optional.of(PgType.TIMESTAMPTZ);
    if (type.equals(DataTypes.TimestampNTZType)) return Optional.of(PgType.TIMESTAMP);
    if (type.equals(DataTypes.DateType)) return Optional.of(PgType.DATE);
    if (type.equals(DataTypes.BinaryType)) return Optional.of(PgType.BYTEA);
    return Optional.empty();
  }

  private static List<String> concat(List<String> list, String last) {
    List<String> all = new ArrayList<>(list);
    all.add(last);
    return all;
  }

  /**
   * Streams one partition into the staging table with {@code COPY ... FROM STDIN} on its own
   * connection, in one transaction: a failed task leaves nothing behind; a task that is re-run
   * after committing duplicates its rows, which the primary key added after the load rejects (so
   * the load fails, never publishes duplicates). {@code synchronous_commit = off} is safe here: the
   * swap's synchronous commit flushes the WAL past these commits.
   */
  static final class CopyPartition implements ForeachPartitionFunction<Row> {
    private static final long serialVersionUID = 1L;
    private final PgCredentials credentials;
    private final String copySql;
    private final PgType[] types;

    CopyPartition(PgCredentials credentials, String copySql, List<PgColumn> columns) {
      this.credentials = credentials;
      this.copySql = copySql;
      this.types = columns.stream().map(PgColumn::type).toArray(PgType[]::new);
    }

    @Override
    public void call(Iterator<Row> rows) throws SQLException, IOException {
      if (!rows.hasNext()) {
        return;
      }
      try (Connection connection = credentials.connect()) {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET LOCAL synchronous_commit = off");
        }
        PgCopyBinary encoder = new PgCopyBinary();
        PGCopyOutputStream out =
            new PGCopyOutputStream(
                connection.unwrap(PGConnection.class), copySql, COPY_BUFFER_BYTES);
        try {
          PgCopyBinary.writeHeader(out);
          while (rows.hasNext()) {
            Row row = rows.next();
            encoder.begin(types.length);
            for (int i = 0; i < types.length; i++) {
              encoder.field(types[i], row.get(i));
            }
            encoder.end(out);
          }
          PgCopyBinary.writeTrailer(out);
          out.endCopy();
        } catch (RuntimeException | SQLException | IOException e) {
          try {
            if (out.isActive()) {
              out.cancelCopy();
            }
          } catch (SQLException cancelFailure) {
            e.addSuppressed(cancelFailure);
          }
          throw e;
        }
        connection.commit();
      }
    }
  }
}
