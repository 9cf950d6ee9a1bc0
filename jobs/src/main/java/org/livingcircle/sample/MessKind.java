package org.livingcircle.sample;

/**
 * Defects injected into the Amap CSV files, in known numbers recorded in {@code
 * sample_manifest.json}. Each injected row has exactly one defect; all other fields are copied from
 * a valid row (with a new id). {@link #quarantineReason} is the ingest's reason code.
 */
enum MessKind {
  DUPLICATE(
      "duplicate", "duplicate", "same name and typecode as another row, 1–5 m away, different id"),
  BAD_COORDINATE_EMPTY("bad_coordinate_empty", "bad_coordinate", "location is empty"),
  BAD_COORDINATE_ZERO("bad_coordinate_zero", "bad_coordinate", "location is 0,0"),
  BAD_COORDINATE_SWAPPED(
      "bad_coordinate_swapped", "bad_coordinate", "location is lat,lng (latitude first)"),
  BAD_COORDINATE_NON_NUMERIC(
      "bad_coordinate_non_numeric",
      "bad_coordinate",
      "location is not numeric (暂无, or a letter O in place of the first digit)"),
  BAD_COORDINATE_OUTSIDE_SHANXI(
      "bad_coordinate_outside_shanxi",
      "bad_coordinate",
      "location is outside Shanxi (Beijing or Xi'an)"),
  UNKNOWN_TYPECODE(
      "unknown_typecode", "unknown_typecode", "typecode is " + AmapTypes.UNKNOWN_TYPECODE),
  BLANK_NAME("blank_name", "blank_name", "name is empty"),
  WRONG_COLUMN_COUNT(
      "wrong_column_count",
      "wrong_column_count",
      "an unquoted comma in the name gives one extra column");

  final String key;
  final String quarantineReason;
  final String description;

  MessKind(String key, String quarantineReason, String description) {
    this.key = key;
    this.quarantineReason = quarantineReason;
    this.description = description;
  }

  /** Rows of this kind injected into a file with {@code nValid} valid rows (deterministic). */
  int countFor(int nValid) {
    if (nValid == 0) {
      return 0;
    }
    return switch (this) {
      case DUPLICATE -> Math.max(1, nValid / 100);
      case UNKNOWN_TYPECODE -> Math.max(1, nValid / 200);
      case BLANK_NAME -> Math.max(1, nValid / 500);
      case WRONG_COLUMN_COUNT -> 1;
      default -> Math.max(1, nValid / 1000);
    };
  }
}
