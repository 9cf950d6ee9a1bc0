package org.livingcircle.publish;

import java.util.List;

/**
 * The tables of a city run that {@code lcp publish} loads, in layer-group order (bottom first): where each lives under
 * {@code <city-out>}, its key, and its declared geometry type (used for an empty table, whose footers list no types,
 * and kept when it is a Multi type covering the listed types; see {@code CityRelease.geometryType}).
 */
enum PublishedTable {
  ADMIN_INDICATORS("admin_indicators", "aggregate", List.of("admin_code"), "MultiPolygon"),
  GRID_INDICATORS("grid_indicators", "indicators", List.of("cell_id"), "Polygon"),
  GAP_CELLS("gap_cells", "aggregate", List.of("cell_id", "category"), "Polygon"),
  COMPOUND_INDICATORS("compound_indicators", "indicators", List.of("compound_id"), "Point"),
  FACILITIES("facilities", "ingest", List.of("facility_id"), "Point"),
  SUGGESTIONS("suggestions", "siting", List.of("site_id"), "Point");

  final String tableName;
  /** Stage directory under the city output, holding the table and {@code manifest.json}. */
  final String stage;
  final List<String> primaryKey;
  final String declaredGeometryType;

  PublishedTable(String tableName, String stage, List<String> primaryKey, String declaredGeometryType) {
    this.tableName = tableName;
    this.stage = stage;
    this.primaryKey = primaryKey;
    this.declaredGeometryType = declaredGeometryType;
  }

  /** Stage directories holding published tables, in manifest-hash order. */
  static final List<String> STAGES = List.of("ingest", "indicators", "aggregate", "siting");
}
