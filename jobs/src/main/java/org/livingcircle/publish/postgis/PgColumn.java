package org.livingcircle.publish.postgis;

/** A column of a PostGIS table, in source order. */
record PgColumn(String name, PgType type) {
  PgColumn {
    PgNames.checkIdentifier(name, "column name");
  }
}
