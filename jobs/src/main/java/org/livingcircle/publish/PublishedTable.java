package org.livingcircle.publish;

import java.util.List;

/**
 * The tables of a city run that {@code lcp publish} loads, in layer-group order (bottom first): where each lives under
 * {@code <city-out>}, its key, and the geometry type declared when the table is empty (footers then list no types).
 */
enum PublishedTable {
  ADMIN_INDICATORS("admin_indicators", "aggregate", List.of("admin_code"), "MultiPolygon"),
  GRID_INDICATORS("grid_indicators", "indicators", List.of("cell_id"), "Polygon"),
  GAP_CELLS("gap_cells", "aggregate", List.of("cell_id", "category"), "Polygon"),
  COMPOUND_INDICATORS("compound_indicators", "indicators", List.of("compound_id"), "Point"),
  FACILITIES("facilities", "ingest", List.of("facility_id"), "Point");

  final String tableName;
  /** Stage directory under the city output, holding the table and {@code manifest.json}. */
  final String stage;
  final List<String> primaryKey;
  final String emptyGeometryType;

  PublishedTable(String tableName, String stage, List<String> primaryKey, String emptyGeometryType) {
    this.tableName = tableName;
    this.stage = stage;
    this.primaryKey = primaryKey;
    this.emptyGeometryType = emptyGeometryType;
  }

  /** Stage directories holding published tables, in manifest-hash order. */
  static final List<String> STAGES = List.of("ingest", "indicators", "aggregate");
}
