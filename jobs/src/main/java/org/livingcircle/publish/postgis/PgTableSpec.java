package org.livingcircle.publish.postgis;

import java.util.List;
import java.util.Set;
import org.livingcircle.common.Checks;

/**
 * One table of a release: its PostGIS name, the GeoParquet directory written by Sedona, the primary
 * key and the geometry column with the SRID and type it is declared with ({@code
 * geometry(<geometryType>, <srid>)}). The SRID comes from here because Sedona's GeoParquet reader
 * returns geometries with SRID 0.
 *
 * @param name PostGIS table name, lower-case snake_case
 * @param sourceDir GeoParquet directory (any path Spark can read)
 * @param primaryKey primary-key columns, in key order; at least one
 * @param geometryColumn the column written as {@code geometry}; other geometry columns are rejected
 * @param srid EPSG code, e.g. 32649 for UTM 49N or 4326 for WGS 84
 * @param geometryType PostGIS type modifier: Point, LineString, Polygon, Multi…, GeometryCollection
 *     or Geometry
 */
public record PgTableSpec(
    String name,
    String sourceDir,
    List<String> primaryKey,
    String geometryColumn,
    int srid,
    String geometryType) {

  static final Set<String> GEOMETRY_TYPES =
      Set.of(
          "Point",
          "LineString",
          "Polygon",
          "MultiPoint",
          "MultiLineString",
          "MultiPolygon",
          "GeometryCollection",
          "Geometry");

  public PgTableSpec {
    PgNames.checkIdentifier(name, "table name");
    Checks.check(
        sourceDir != null && !sourceDir.isBlank(),
        "Cannot load table %s: empty source directory",
        name);
    Checks.check(
        primaryKey != null && !primaryKey.isEmpty(),
        "Cannot load table %s: no primary-key column",
        name);
    primaryKey = List.copyOf(primaryKey);
    for (String column : primaryKey) {
      PgNames.checkIdentifier(column, "primary-key column of " + name);
    }
    PgNames.checkIdentifier(geometryColumn, "geometry column of " + name);
    Checks.check(srid > 0, "Cannot load table %s: SRID %d is not a positive EPSG code", name, srid);
    Checks.check(
        GEOMETRY_TYPES.contains(geometryType),
        "Cannot load table %s: geometry type %s is not one of %s",
        name,
        geometryType,
        GEOMETRY_TYPES);
    PgNames.checkIdentifier(name + "_" + geometryColumn + "_gist", "index name of " + name);
  }
}
