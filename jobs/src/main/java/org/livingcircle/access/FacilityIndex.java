package org.livingcircle.access;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;
import static org.livingcircle.common.Checks.positive;

import org.livingcircle.geo.BucketGrid;

/**
 * Facilities as parallel primitive arrays (x, y in metres of a metric CRS, category index,
 * capacity), sorted by the buckets of a {@link BucketGrid}. Built once per city (or tile plus
 * halo), then read by {@link AccessKernel} and {@link E2sfca}. Facilities outside the study area
 * are kept: they serve residents across the border.
 *
 * <p>The inputs are copied, never modified. Immutable and safe to read from many threads.
 */
final class FacilityIndex implements java.io.Serializable {
  final BucketGrid grid;
  final int nCategories;

  /** x in metres, in bucket order. */
  final double[] x;

  /** y in metres, in bucket order. */
  final double[] y;

  /** Category index in [0, nCategories), in bucket order. */
  final int[] category;

  /** Capacity (places, beds, pupils; 1 where unknown), finite and ≥ 0, in bucket order. */
  final double[] capacity;

  /**
   * @param x facility x in metres, finite
   * @param y facility y in metres, finite
   * @param category category index of each facility, in [0, nCategories)
   * @param capacity capacity of each facility, finite and ≥ 0
   * @param nCategories number of categories, positive (a category may have no facility)
   * @param bucketMeters bucket side in metres; half the search radius is a good default
   */
  FacilityIndex(
      double[] x,
      double[] y,
      int[] category,
      double[] capacity,
      int nCategories,
      double bucketMeters) {
    notNull(category, "categories");
    notNull(capacity, "capacities");
    this.nCategories = positive(nCategories, "number of categories");
    this.grid = new BucketGrid(x, y, bucketMeters);
    int n = x.length;
    check(
        category.length == n && capacity.length == n,
        "Cannot index facilities: %s coordinates but %s categories and %s capacities",
        n,
        category.length,
        capacity.length);
    this.x = new double[n];
    this.y = new double[n];
    this.category = new int[n];
    this.capacity = new double[n];
    for (int s = 0; s < n; s++) {
      int i = grid.inputIndex(s);
      check(
          category[i] >= 0 && category[i] < nCategories,
          "Cannot index facility %s: category %s is outside [0, %s)",
          i,
          category[i],
          nCategories);
      check(
          Double.isFinite(capacity[i]) && capacity[i] >= 0,
          "Cannot index facility %s: capacity %s is not a finite number ≥ 0",
          i,
          capacity[i]);
      this.x[s] = x[i];
      this.y[s] = y[i];
      this.category[s] = category[i];
      this.capacity[s] = capacity[i];
    }
  }

  /** Number of facilities. */
  int size() {
    return x.length;
  }

  /** Input index of the facility at bucket-order position {@code sorted}. */
  int inputIndex(int sorted) {
    return grid.inputIndex(sorted);
  }
}
