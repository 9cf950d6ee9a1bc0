package org.livingcircle.ingest;

import java.io.Serializable;
import java.util.List;
import org.livingcircle.common.Checks;

/**
 * One row of a parsed POI or facility file before locating: an accepted row, a quarantined one, or
 * the count of rows a file held. Fields that do not apply to the kind are null.
 *
 * @param sourceRow the row's 1-based line or element number; for {@link Kind#READ}, the rows read
 */
public record ParsedRow(
    Kind kind,
    String sourceFile,
    long sourceRow,
    String poiId,
    String name,
    String category,
    String typecode,
    String typeName,
    String address,
    String amapAdcode,
    String sourceCrs,
    Double sourceLng,
    Double sourceLat,
    Double lng,
    Double lat,
    Double capacity,
    String capacityUnit,
    String source,
    String reason,
    String detail,
    String raw,
    Double nursingBeds)
    implements Serializable {
  /** Column names of {@link #values()}, the parsed table's schema in order. */
  public static final List<String> COLUMNS =
      List.of(
          "kind",
          "source_file",
          "source_row",
          "poi_id",
          "name",
          "category",
          "typecode",
          "type_name",
          "address",
          "amap_adcode",
          "source_crs",
          "source_lng",
          "source_lat",
          "lng",
          "lat",
          "capacity",
          "capacity_unit",
          "source",
          "reason",
          "detail",
          "raw",
          "nursing_beds");

  /** What a parsed row is; {@link #code} is the {@code kind} column. */
  public enum Kind {
    ACCEPTED("ok"),
    QUARANTINED("q"),
    READ("read");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  public ParsedRow {
    Checks.notNull(kind, "kind");
    Checks.notNull(sourceFile, "sourceFile");
  }

  /** An accepted POI of {@code file}. */
  static ParsedRow poi(String file, PoiParser.PoiRow r) {
    return new ParsedRow(
        Kind.ACCEPTED,
        file,
        r.row(),
        r.poiId(),
        r.name(),
        r.category(),
        r.typecode(),
        r.typeName(),
        r.address(),
        r.amapAdcode(),
        r.sourceCrs(),
        r.sourceLng(),
        r.sourceLat(),
        r.lng(),
        r.lat(),
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * An accepted facility-register row; {@code address} and {@code countyCode} as given, maybe
   * empty. The register's county code travels in the {@code amap_adcode} column: the county of a
   * located row comes from its polygon.
   */
  static ParsedRow facility(
      String file,
      long line,
      String id,
      String name,
      String category,
      String address,
      String countyCode,
      String sourceCrs,
      double sourceLng,
      double sourceLat,
      double lng,
      double lat,
      double capacity,
      String capacityUnit,
      String source,
      Double nursingBeds) {
    return new ParsedRow(
        Kind.ACCEPTED,
        file,
        line,
        id,
        name,
        category,
        null,
        null,
        address,
        countyCode,
        sourceCrs,
        sourceLng,
        sourceLat,
        lng,
        lat,
        capacity,
        capacityUnit,
        source,
        null,
        null,
        null,
        nursingBeds);
  }

  /** A quarantined row, under {@code file} (the path relative to the input folder). */
  static ParsedRow quarantined(String file, Quarantined q) {
    return new ParsedRow(
        Kind.QUARANTINED,
        file,
        q.row(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        q.reason().code(),
        q.detail(),
        q.raw(),
        null);
  }

  /** The number of data rows {@code file} held. */
  static ParsedRow read(String file, long rows) {
    return new ParsedRow(
        Kind.READ, file, rows, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null);
  }

  /** The values in {@link #COLUMNS} order ({@code kind} as its code). */
  public Object[] values() {
    return new Object[] {
      kind.code(),
      sourceFile,
      sourceRow,
      poiId,
      name,
      category,
      typecode,
      typeName,
      address,
      amapAdcode,
      sourceCrs,
      sourceLng,
      sourceLat,
      lng,
      lat,
      capacity,
      capacityUnit,
      source,
      reason,
      detail,
      raw,
      nursingBeds
    };
  }
}
