package org.livingcircle.aggregate;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import java.util.Arrays;

/**
 * Gap cells of one county and one category: populated cells (population &gt; 0) without a facility
 * of the category within its own threshold ({@code dist_m > } the threshold in walking metres, see
 * {@link AggregateKernel}; the county's override applies; or none within the search limit, +∞),
 * ranked by people affected. Ranks are competition ranks: 1 = most people; equal populations share
 * a rank and the next rank skips (100, 50, 50, 10 → 1, 2, 2, 4). Output order: rank, then cell id.
 */
final class GapRanking {
  private GapRanking() {}

  /**
   * The gaps of one category: indexes into the unit's origin arrays with their ranks, parallel
   * arrays.
   */
  record Gaps(int[] origin, int[] rank) {
    int size() {
      return origin.length;
    }
  }

  /**
   * @param cellId origin ids, for the order of equal ranks
   * @param population people per origin, finite and ≥ 0
   * @param distM walking metres to the nearest facility, +∞ for none within the limit
   * @param thresholdM the category's own threshold in walking metres
   */
  static Gaps rank(long[] cellId, double[] population, double[] distM, double thresholdM) {
    notNull(cellId, "cellId");
    notNull(population, "population");
    notNull(distM, "distM");
    check(
        cellId.length == population.length && distM.length == population.length,
        "Cannot rank gaps: %s ids, %s populations, %s distances",
        cellId.length,
        population.length,
        distM.length);
    int n = 0;
    for (int i = 0; i < population.length; i++) {
      n += isGap(population[i], distM[i], thresholdM) ? 1 : 0;
    }
    Integer[] order = new Integer[n];
    int k = 0;
    for (int i = 0; i < population.length; i++) {
      if (isGap(population[i], distM[i], thresholdM)) {
        order[k++] = i;
      }
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int byPeople = Double.compare(population[b], population[a]);
          return byPeople != 0 ? byPeople : Long.compare(cellId[a], cellId[b]);
        });
    int[] origin = new int[n];
    int[] rank = new int[n];
    for (int j = 0; j < n; j++) {
      origin[j] = order[j];
      rank[j] = j > 0 && population[order[j]] == population[order[j - 1]] ? rank[j - 1] : j + 1;
    }
    return new Gaps(origin, rank);
  }

  /**
   * True when a cell with {@code population} people lacks the category within {@code thresholdM}
   * walking metres.
   */
  static boolean isGap(double population, double distM, double thresholdM) {
    return population > 0 && !(distM <= thresholdM);
  }
}
