package org.livingcircle.common;

import java.nio.file.Path;

/**
 * Where a city's stages write, under its output directory ({@code <out>/<city>} in the demo, {@code
 * <lcp_data>/<city>/dt=<ds>} in Airflow, any directory with {@code lcp run}). Every stage directory of a city is
 * named here and nowhere else in the wiring.
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

  /** The population GeoTIFF the ingest stage copies into its output (hashed in its manifest) and the grid stage reads. */
  public static final String POPULATION_RASTER_FILE = "population_raster.tif";

  /** Synthetic inputs written by the demo's sample step. */
  public Path input() {
    return dir.resolve("input");
  }

  public Path ingest() {
    return dir.resolve("ingest");
  }

  public Path grid() {
    return dir.resolve("grid");
  }

  /** The access stage's output. */
  public Path indicators() {
    return dir.resolve("indicators");
  }

  public Path aggregate() {
    return dir.resolve("aggregate");
  }

  /** The comparison of this city alone (Airflow's per-city compare task). */
  public Path comparison() {
    return dir.resolve("comparison");
  }
}
