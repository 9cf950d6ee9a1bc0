package org.livingcircle.access;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;
import static org.livingcircle.common.Checks.positive;

import org.livingcircle.config.WalkModel;
import org.livingcircle.geo.BucketGrid;
import org.livingcircle.geo.Decay;

/**
 * Enhanced two-step floating catchment area (E2SFCA) access to the capacity of one category, with
 * the Gaussian decay of Dai (2010), "Black residential segregation, disparities in spatial access
 * to health care facilities, and late-stage breast cancer diagnosis in metropolitan Detroit",
 * Health &amp; Place 16(5):1038–1052:
 *
 * <pre>
 *   W(d) = (exp(−½ (d/d0)²) − exp(−½)) / (1 − exp(−½))   for d ≤ d0,   W(d) = 0 beyond,
 * </pre>
 *
 * where d is the walking distance and d0 the walking distance of the catchment ({@code
 * catchment_min} × speed), so W(0) = 1 and W(d0) = 0, continuously. The catchment is the decay's
 * only parameter.
 *
 * <ol>
 *   <li>For each facility j of the category: R_j = S_j / Σ_k W(d_kj) P_k over demand points k
 *       within d0, where S_j is its capacity and P_k the population of the relevant age group at k.
 *       A facility with no weighted demand (Σ = 0) has R_j = 0: its supply reaches nobody, and it
 *       is counted in {@link Result#nFacilitiesWithoutDemand()}.
 *   <li>For each demand point i: A_i = Σ_j W(d_ij) R_j, in capacity units per person (e.g. places
 *       per child).
 * </ol>
 *
 * If every facility has demand, Σ_i A_i P_i = Σ_j S_j (supply is conserved). Demand points with
 * zero population still receive an A_i. Demand points are bucketed with the same {@link BucketGrid}
 * as the facilities.
 *
 * <p>Holds no scratch state, so one instance may be shared by threads; each call allocates its own
 * arrays.
 */
public final class E2sfca {
  private static final double EXP_MINUS_HALF = Math.exp(-0.5);

  private final FacilityIndex facilities;

  /** Straight-line catchment radius in metres. */
  private final double catchmentMeters;

  private final double catchmentSquared;

  /**
   * Per-category result.
   *
   * @param access A_i per demand point, in input order, finite and ≥ 0
   * @param ratioByFacility R_j per facility in the index's input order; NaN for facilities of other
   *     categories
   * @param nFacilitiesWithoutDemand facilities of the category whose catchment holds no weighted
   *     demand
   */
  record Result(double[] access, double[] ratioByFacility, int nFacilitiesWithoutDemand) {}

  /**
   * @param facilities facilities with capacities
   * @param walk walking model
   * @param catchmentMin catchment d0 in walking minutes, positive
   */
  E2sfca(FacilityIndex facilities, WalkModel walk, double catchmentMin) {
    this.facilities = notNull(facilities, "facility index");
    notNull(walk, "walk model");
    positive(catchmentMin, "catchment_min");
    this.catchmentMeters = walk.euclideanMetersFor(catchmentMin);
    this.catchmentSquared = catchmentMeters * catchmentMeters;
  }

  /**
   * Gaussian weight of Dai (2010) for a squared straight-line distance, given the squared
   * straight-line catchment radius (the ratio d/d0 is the same for walking and straight-line
   * distances).
   */
  public static double weight(double distanceSquared, double catchmentSquared) {
    return Decay.gaussian(distanceSquared, catchmentSquared);
  }

  /**
   * @param category category whose facilities supply capacity
   * @param demandX demand point x in metres, finite
   * @param demandY demand point y in metres, finite
   * @param population people of the relevant age group at each demand point, finite and ≥ 0
   */
  Result compute(int category, double[] demandX, double[] demandY, double[] population) {
    Ratios ratios = ratios(category, demandX, demandY, population);
    int nDemand = demandX.length;
    double[] access = new double[nDemand];
    access(category, ratios, demandX, demandY, 0, nDemand, access);
    int nFacilities = facilities.size();
    double[] ratioByFacility = new double[nFacilities];
    for (int f = 0; f < nFacilities; f++) {
      ratioByFacility[facilities.inputIndex(f)] =
          facilities.category[f] == category ? ratios.bySortedFacility()[f] : Double.NaN;
    }
    return new Result(access, ratioByFacility, ratios.nWithoutDemand());
  }

  /**
   * Step 1 of one category.
   *
   * @param bySortedFacility R_j in the index's bucket order; 0 for other categories and for no
   *     demand
   * @param nWithoutDemand facilities of the category whose catchment holds no weighted demand
   */
  record Ratios(int category, double[] bySortedFacility, int nWithoutDemand)
      implements java.io.Serializable {}

  /** Step 1: R_j = S_j / Σ_k W(d_kj) P_k for every facility of {@code category}. */
  Ratios ratios(int category, double[] demandX, double[] demandY, double[] population) {
    check(
        category >= 0 && category < facilities.nCategories,
        "Cannot compute E2SFCA: category %s is outside [0, %s)",
        category,
        facilities.nCategories);
    notNull(population, "population");
    int nDemand = demandX.length;
    check(
        population.length == nDemand,
        "Cannot compute E2SFCA: %s demand points but %s populations",
        nDemand,
        population.length);
    BucketGrid demand = new BucketGrid(demandX, demandY, catchmentMeters / 2);
    double[] dx = new double[nDemand];
    double[] dy = new double[nDemand];
    double[] dp = new double[nDemand];
    for (int s = 0; s < nDemand; s++) {
      int k = demand.inputIndex(s);
      check(
          Double.isFinite(population[k]) && population[k] >= 0,
          "Cannot compute E2SFCA: population %s at demand point %s is not a finite number ≥ 0",
          population[k],
          k);
      dx[s] = demandX[k];
      dy[s] = demandY[k];
      dp[s] = population[k];
    }
    int nFacilities = facilities.size();
    double[] fx = facilities.x;
    double[] fy = facilities.y;
    int[] fc = facilities.category;
    double[] ratioSorted = new double[nFacilities];
    int withoutDemand = 0;
    for (int f = 0; f < nFacilities; f++) {
      if (fc[f] != category) {
        continue;
      }
      double x = fx[f];
      double y = fy[f];
      double weightedDemand = 0.0;
      for (int row = demand.rowLo(y, catchmentMeters), rowHi = demand.rowHi(y, catchmentMeters);
          row <= rowHi;
          row++) {
        long span = demand.rowSpan(row, x, y, catchmentMeters);
        for (int k = BucketGrid.spanStart(span), end = BucketGrid.spanEnd(span); k < end; k++) {
          double ex = dx[k] - x;
          double ey = dy[k] - y;
          double d2 = ex * ex + ey * ey;
          if (d2 <= catchmentSquared) {
            weightedDemand += weight(d2, catchmentSquared) * dp[k];
          }
        }
      }
      if (weightedDemand > 0) {
        ratioSorted[f] = facilities.capacity[f] / weightedDemand;
      } else {
        withoutDemand++;
      }
    }
    return new Ratios(category, ratioSorted, withoutDemand);
  }

  /**
   * Step 2: A_i = Σ_j W(d_ij) R_j at origins {@code from..to-1}, written to {@code out[i]}. Origins
   * need not be the demand points of step 1 (residential compounds use the cells' ratios).
   */
  void access(
      int category,
      Ratios ratios,
      double[] originX,
      double[] originY,
      int from,
      int to,
      double[] out) {
    check(
        ratios.category() == category,
        "Cannot use ratios of category %s for category %s",
        ratios.category(),
        category);
    BucketGrid supply = facilities.grid;
    double[] fx = facilities.x;
    double[] fy = facilities.y;
    int[] fc = facilities.category;
    double[] ratioSorted = ratios.bySortedFacility();
    for (int i = from; i < to; i++) {
      double x = originX[i];
      double y = originY[i];
      double sum = 0.0;
      for (int row = supply.rowLo(y, catchmentMeters), rowHi = supply.rowHi(y, catchmentMeters);
          row <= rowHi;
          row++) {
        long span = supply.rowSpan(row, x, y, catchmentMeters);
        for (int f = BucketGrid.spanStart(span), end = BucketGrid.spanEnd(span); f < end; f++) {
          if (fc[f] != category) {
            continue;
          }
          double ex = fx[f] - x;
          double ey = fy[f] - y;
          double d2 = ex * ex + ey * ey;
          if (d2 <= catchmentSquared) {
            sum += weight(d2, catchmentSquared) * ratioSorted[f];
          }
        }
      }
      out[i] = sum;
    }
  }
}
