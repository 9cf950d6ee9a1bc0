package org.livingcircle.common;

import java.nio.file.Path;

/**
 * A run's output directory holding several cities ({@code lcp demo --out}, {@code lcp release
 * --out}): {@code <dir>/<city>/} per city, {@code comparison/} and {@code release/<version>/}.
 */
public record RunLayout(Path dir) {
  public static final String COMPARISON_DIR = "comparison";
  public static final String RELEASE_DIR = "release";
  public static final String COMPARISON_CSV = "comparison.csv";
  public static final String COMPARISON_PARQUET = "comparison.parquet";

  /**
   * The walking models side by side per county and city (written when a city's access stage used
   * the network).
   */
  public static final String WALK_MODELS_CSV = "walk_models.csv";

  public static final String WALK_MODELS_PARQUET = "walk_models.parquet";

  public RunLayout {
    dir = Checks.notNull(dir, "run output directory").toAbsolutePath().normalize();
  }

  public static RunLayout of(Path dir) {
    return new RunLayout(dir);
  }

  public CityLayout city(String id) {
    return CityLayout.of(dir.resolve(id));
  }

  public Path comparison() {
    return dir.resolve(COMPARISON_DIR);
  }

  public Path releases() {
    return dir.resolve(RELEASE_DIR);
  }
}
