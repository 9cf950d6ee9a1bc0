package org.livingcircle.grid;

import org.livingcircle.common.Checks;

/**
 * Spreads an admin unit's census total over its cells in proportion to a weight (the number of
 * residential compounds in the cell). Where the unit has no weight at all, the documented fallback
 * spreads the total evenly over its cells. The shares always sum to 1, so cell populations sum to
 * the census total.
 */
public final class Dasymetric {
  /** How a unit's population was placed. */
  public enum Method {
    /** In proportion to residential compounds per cell. */
    COMPOUNDS,
    /** Evenly over the unit's cells, because it has no compounds. */
    UNIFORM
  }

  private Dasymetric() {}

  /** The method used for a unit whose cells' weights sum to {@code totalWeight}. */
  public static Method method(double totalWeight) {
    return totalWeight > 0 ? Method.COMPOUNDS : Method.UNIFORM;
  }

  /**
   * Share of the unit's population in one cell.
   *
   * @param weight the cell's weight, ≥ 0
   * @param totalWeight the sum of weights over the unit's cells, ≥ 0
   * @param nCells the number of cells of the unit, ≥ 1
   */
  public static double share(double weight, double totalWeight, long nCells) {
    Checks.check(
        weight >= 0 && totalWeight >= 0 && nCells >= 1,
        "Cannot share population: weight %s of %s over %s cells",
        weight,
        totalWeight,
        nCells);
    return method(totalWeight) == Method.COMPOUNDS ? weight / totalWeight : 1.0 / nCells;
  }
}
