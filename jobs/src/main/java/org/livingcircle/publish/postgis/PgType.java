package org.livingcircle.publish.postgis;

/**
 * PostgreSQL column types the loader writes; {@link PgCopyBinary} encodes each in binary COPY form.
 */
enum PgType {
  BIGINT("bigint"),
  INTEGER("integer"),
  SMALLINT("smallint"),
  DOUBLE("double precision"),
  REAL("real"),
  NUMERIC("numeric"),
  TEXT("text"),
  BOOLEAN("boolean"),
  /** Spark {@code timestamp} is an instant (TIMESTAMP_LTZ). */
  TIMESTAMPTZ("timestamp with time zone"),
  /** Spark {@code timestamp_ntz}. */
  TIMESTAMP("timestamp without time zone"),
  DATE("date"),
  BYTEA("bytea"),
  /** EWKB in COPY; the declared type carries the geometry type and SRID. */
  GEOMETRY("geometry");

  final String sql;

  PgType(String sql) {
    this.sql = sql;
  }
}
