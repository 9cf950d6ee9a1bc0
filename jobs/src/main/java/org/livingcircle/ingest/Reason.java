package org.livingcircle.ingest;

/** Why a row was quarantined. The code is what reports and quarantine files carry. */
public enum Reason {
  /** The CSV record has the wrong number of fields or an unterminated quote. */
  MALFORMED_ROW,
  /** No name. */
  MISSING_NAME,
  /** No location, or an empty longitude or latitude. */
  MISSING_COORDINATES,
  /** A location that is not two finite numbers, or the placeholder 0,0. */
  BAD_COORDINATES,
  /** Latitude and longitude given in the wrong order. */
  SWAPPED_COORDINATES,
  /** A valid coordinate far outside the configured region. */
  OUTSIDE_REGION,
  /** A typecode (or OSM tag set, or category id) that maps to no configured category. */
  UNKNOWN_CATEGORY,
  /** A capacity that is missing, not a number, or negative. */
  BAD_CAPACITY,
  /** A coordinate system name that is not wgs84, gcj02 or bd09. */
  UNKNOWN_CRS,
  /** Inside the region but in none of the city's counties. */
  OUTSIDE_STUDY_AREA,
  /** Same name and category as an earlier row within the duplicate radius. */
  DUPLICATE,
  /** A value that violates the table's JSON Schema. */
  SCHEMA_VIOLATION,
  /** An administrative code that is not among the city's reference codes. */
  UNKNOWN_ADMIN_CODE,
  /** A key (admin code and indicator, or admin code) already seen in the file. */
  DUPLICATE_KEY;

  /** Returns the snake_case code, e.g. {@code bad_coordinates}. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
