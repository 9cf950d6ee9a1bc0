package org.livingcircle.common;

import java.nio.file.Path;

/**
 * Where a city's stages write, under its output directory ({@code <out>/<city>} in the demo, {@code
 * <lcp_data>/<city>/dt=<ds>} in Airflow, any directory with {@code lcp run}). Every stage directory
 * of a city is named here and nowhere else in the wiring.
 *
 * @param dir the city's output directory, absolute and normalised
 */
public record CityLayout(Path dir) {
  public CityLayout {
    dir = Checks.notNull(dir, "city output directory").toAbsolutePath().normalize();
  }

  public static CityLayout of(Path dir) {
    return new CityLayout(dir);
  }

  /** Every stage directory's provenance file. */
  public static final String MANIFEST_FILE = "manifest.json";

  public static final String INGEST_REPORT_FILE = "ingest_report.json";
  public static final String QUARANTINE_DIR = "quarantine";

  /**
   * The population GeoTIFF the ingest stage copies into its output (hashed in its manifest) and the
   * grid stage reads.
   */
  public static final String POPULATION_RASTER_FILE = "population_raster.tif";

  /**
   * The OpenStreetMap extract ({@code data.osm_pbf}) the ingest stage copies into its output
   * (hashed in its manifest) and the access stage's network walking model reads.
   */
  public static final String STREETS_PBF_FILE = "streets.osm.pbf";

  /** Synthetic inputs written by the demo's sample step. */
  public Path input() {
    return dir.resolve("input");
  }

  public Path stage(Stage stage) {
    return dir.resolve(stage.dirName());
  }

  public Path table(Table table) {
    return table.in(stage(table.stage()));
  }

  public Path manifest(Stage stage) {
    return stage(stage).resolve(MANIFEST_FILE);
  }

  public Path ingest() {
    return stage(Stage.INGEST);
  }

  public Path grid() {
    return stage(Stage.GRID);
  }

  /** The access stage's output. */
  public Path indicators() {
    return stage(Stage.ACCESS);
  }

  public Path aggregate() {
    return stage(Stage.AGGREGATE);
  }

  public Path siting() {
    return stage(Stage.SITING);
  }

  /** The ingest stage's reconciliation report. */
  public Path ingestReport() {
    return ingest().resolve(INGEST_REPORT_FILE);
  }

  /** The comparison of this city alone (Airflow's per-city compare task). */
  public Path comparison() {
    return dir.resolve(RunLayout.COMPARISON_DIR);
  }
}
