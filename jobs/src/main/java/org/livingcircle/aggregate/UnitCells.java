package org.livingcircle.aggregate;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

/**
 * The origins (grid cells or residential compounds) of one unit as primitive arrays, built once
 * from rows by {@link AggregateRows} and read by {@link AggregateKernel} and {@link GapRanking}.
 *
 * <p>Units: people for the population arrays (0 for compounds, which carry no population), metres
 * of walking (detour included) for {@code distM}, minutes for {@code proximityMin}. Sentinels: a
 * distance with no facility within the search limit is {@link Double#POSITIVE_INFINITY}; an unknown
 * proximity is NaN. Arrays are owned by this object and never copied; callers must not modify them.
 *
 * @param cellId origin ids (cell_id or compound_id), length n
 * @param distM {@code [category][origin]}
 * @param within {@code [category * nThresholds + threshold][origin]}: at least one facility within
 *     that walking time
 * @param basicComplete every basic-guarantee category within 10 minutes (seed 002: "家门口", 5-10 min)
 * @param distStraightM network model only ({@code walk_model.model = network}): {@code
 *     [category][origin]} straight-line metres to the nearest facility ({@code
 *     dist_straight_m_<c>}, no detour), +∞ for none within the search limit; an empty array ({@code
 *     length 0}) under the straight-line model
 * @param linked network model only: the origin linked to a street ({@code linked}; false when
 *     null); empty under the straight-line model
 */
record UnitCells(
    int n,
    long[] cellId,
    double[] population,
    double[] pop02,
    double[] pop35,
    double[] pop60,
    double[][] distM,
    boolean[][] within,
    boolean[] basicComplete,
    double[] proximityMin,
    double[][] distStraightM,
    boolean[] linked) {
  /**
   * Origins measured by the straight-line model: no straight-line distances or links of their own.
   */
  UnitCells(
      int n,
      long[] cellId,
      double[] population,
      double[] pop02,
      double[] pop35,
      double[] pop60,
      double[][] distM,
      boolean[][] within,
      boolean[] basicComplete,
      double[] proximityMin) {
    this(
        n,
        cellId,
        population,
        pop02,
        pop35,
        pop60,
        distM,
        within,
        basicComplete,
        proximityMin,
        new double[0][],
        new boolean[0]);
  }

  UnitCells {
    check(n >= 0, "Cannot use %s origins", n);
    for (double[] a : new double[][] {population, pop02, pop35, pop60, proximityMin}) {
      check(
          notNull(a, "origin array").length == n,
          "Cannot use an origin array of length %s for %s origins",
          a.length,
          n);
    }
    check(
        notNull(cellId, "cellId").length == n,
        "Cannot use %s ids for %s origins",
        cellId.length,
        n);
    check(
        notNull(basicComplete, "basicComplete").length == n,
        "Cannot use %s flags for %s origins",
        basicComplete.length,
        n);
    for (double[] d : notNull(distM, "distM")) {
      check(d.length == n, "Cannot use a distance array of length %s for %s origins", d.length, n);
    }
    notNull(distStraightM, "distStraightM");
    check(
        distStraightM.length == 0 || distStraightM.length == distM.length,
        "Cannot use straight-line distances of %s categories for %s categories",
        distStraightM.length,
        distM.length);
    for (double[] d : distStraightM) {
      check(
          notNull(d, "straight-line distances").length == n,
          "Cannot use a straight-line distance array of length %s for %s origins",
          d.length,
          n);
    }
    check(
        notNull(linked, "linked").length == (distStraightM.length == 0 ? 0 : n),
        "Cannot use %s link flags for %s origins",
        linked.length,
        n);
    for (boolean[] w : notNull(within, "within")) {
      check(w.length == n, "Cannot use a within array of length %s for %s origins", w.length, n);
    }
  }

  /** True when the origins carry the network model's straight-line distances and links. */
  boolean network() {
    return distStraightM.length > 0;
  }

  /** Total of {@code values}. */
  static double sum(double[] values) {
    double s = 0.0;
    for (double v : values) {
      s += v;
    }
    return s;
  }
}
