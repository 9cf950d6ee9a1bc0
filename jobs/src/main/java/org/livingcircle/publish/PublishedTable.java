package org.livingcircle.publish;

import java.util.List;
import org.livingcircle.common.Stage;
import org.livingcircle.common.Table;

/**
 * The tables of a city run that {@code lcp publish} loads, in layer-group order (bottom first),
 * from the catalogue ({@link Table}): where each lives under {@code <city-out>}, its key, and its
 * declared geometry type (used for an empty table, whose footers list no types, and kept when it is
 * a Multi type covering the listed types; see {@code CityRelease.geometryType}).
 */
enum PublishedTable {
  ADMIN_INDICATORS(Table.ADMIN_INDICATORS),
  GRID_INDICATORS(Table.GRID_INDICATORS),
  GAP_CELLS(Table.GAP_CELLS),
  COMPOUND_INDICATORS(Table.COMPOUND_INDICATORS),
  FACILITIES(Table.FACILITIES),
  SUGGESTIONS(Table.SUGGESTIONS);

  final String tableName;

  /** Stage directory under the city output, holding the table and {@code manifest.json}. */
  final String stage;

  final List<String> primaryKey;
  final String declaredGeometryType;

  PublishedTable(Table table) {
    this.tableName = table.tableName();
    this.stage = table.stage().dirName();
    this.primaryKey = table.key();
    this.declaredGeometryType = table.geometryType();
  }

  /** Stage directories holding published tables, in manifest-hash order. */
  static final List<String> STAGES =
      List.of(
          Stage.INGEST.dirName(),
          Stage.ACCESS.dirName(),
          Stage.AGGREGATE.dirName(),
          Stage.SITING.dirName());
}
