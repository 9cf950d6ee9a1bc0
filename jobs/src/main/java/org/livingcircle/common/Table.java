package org.livingcircle.common;

import java.nio.file.Path;
import java.util.List;

/**
 * The catalogue of a city's tables: which stage writes each, its key, its geometry type and CRS.
 * Quality checks, publish and release take their table lists from here, and every stage manifest
 * records these facts for each table it writes ({@link Manifest#output(Table, java.util.Map)}),
 * which is where the Python tests read them.
 */
public enum Table {
  ADMIN_UNITS(Stage.INGEST, "admin_units", List.of("admin_code"), "MultiPolygon", CrsKind.WGS84),
  POI(Stage.INGEST, "poi", List.of("poi_id"), "Point", CrsKind.WGS84),
  FACILITIES(Stage.INGEST, "facilities", List.of("facility_id"), "Point", CrsKind.WGS84),
  CENSUS(Stage.INGEST, "census", List.of("admin_code"), "MultiPolygon", CrsKind.WGS84),
  STATISTICS(
      Stage.INGEST, "statistics", List.of("admin_code", "indicator", "year"), null, CrsKind.NONE),
  CELLS(Stage.GRID, "cells", List.of("cell_id"), "Polygon", CrsKind.METRIC),
  GRID_INDICATORS(Stage.ACCESS, "grid_indicators", List.of("cell_id"), "Polygon", CrsKind.METRIC),
  COMPOUND_INDICATORS(
      Stage.ACCESS, "compound_indicators", List.of("compound_id"), "Point", CrsKind.METRIC),
  ADMIN_INDICATORS(
      Stage.AGGREGATE, "admin_indicators", List.of("admin_code"), "MultiPolygon", CrsKind.WGS84),
  GAP_CELLS(
      Stage.AGGREGATE, "gap_cells", List.of("cell_id", "category"), "Polygon", CrsKind.METRIC),
  SUGGESTIONS(Stage.SITING, "suggestions", List.of("site_id"), "Point", CrsKind.METRIC),
  COVERAGE_CURVE(
      Stage.SITING,
      "coverage_curve",
      List.of("admin_code", "indicator", "category", "target_id", "n_sites"),
      null,
      CrsKind.NONE),
  SITING_TARGETS(Stage.SITING, "targets", List.of("target_id", "admin_code"), null, CrsKind.NONE);

  /** Which CRS a table is written in. */
  public enum CrsKind {
    /** OGC:CRS84 (longitude, latitude). */
    WGS84,
    /** The city's metric CRS ({@code crs} in its configuration). */
    METRIC,
    /** No geometry (plain Parquet). */
    NONE
  }

  private final Stage stage;
  private final String tableName;
  private final List<String> key;
  private final String geometryType;
  private final CrsKind crs;

  Table(Stage stage, String tableName, List<String> key, String geometryType, CrsKind crs) {
    this.stage = stage;
    this.tableName = tableName;
    this.key = key;
    this.geometryType = geometryType;
    this.crs = crs;
  }

  public Stage stage() {
    return stage;
  }

  public String tableName() {
    return tableName;
  }

  /** Columns whose values identify a row. */
  public List<String> key() {
    return key;
  }

  /** Declared geometry type (a Multi type covers its single type), or null without geometry. */
  public String geometryType() {
    return geometryType;
  }

  public CrsKind crs() {
    return crs;
  }

  /** Path relative to a city's output directory, e.g. {@code indicators/grid_indicators}. */
  public String relativePath() {
    return stage.dirName() + "/" + tableName;
  }

  /** The table's directory inside a stage directory of this table's stage. */
  public Path in(Path stageDir) {
    return stageDir.resolve(tableName);
  }
}
