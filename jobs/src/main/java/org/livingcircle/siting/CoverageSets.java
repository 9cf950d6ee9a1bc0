package org.livingcircle.siting;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;
import static org.livingcircle.common.Checks.positive;

import org.livingcircle.geo.BucketGrid;

/**
 * For every candidate site, the demand points within a straight-line radius (metres, metric CRS),
 * as a compressed sparse row: the demand points of candidate {@code k} are {@code demand[start[k]]
 * … demand[start[k+1]-1]}, input indices in ascending order. Inclusive: a demand point exactly on
 * the radius is covered, as in the access stage's counts ({@code d² ≤ r²}). The radius comes from
 * {@link org.livingcircle.access.WalkModel#euclideanMetersFor}, never from a second conversion.
 * Built once with the access stage's {@link BucketGrid}; immutable.
 */
final class CoverageSets {
  /** Most (candidate, demand) pairs held (2³¹ − 1 ints in one array). */
  static final long MAX_PAIRS = Integer.MAX_VALUE - 8;

  final int nCandidates;
  final int nDemand;
  final double radiusMeters;
  final int[] start;
  final int[] demand;

  CoverageSets(int nCandidates, int nDemand, double radiusMeters, int[] start, int[] demand) {
    this.nCandidates = nCandidates;
    this.nDemand = nDemand;
    this.radiusMeters = radiusMeters;
    this.start = start;
    this.demand = demand;
  }

  /**
   * @param candidateX candidate x in metres, finite
   * @param candidateY candidate y in metres, finite, same length
   * @param demandX demand point x in metres, finite
   * @param demandY demand point y in metres, finite, same length
   * @param radiusMeters straight-line radius in metres, positive
   */
  static CoverageSets within(
      double[] candidateX,
      double[] candidateY,
      double[] demandX,
      double[] demandY,
      double radiusMeters) {
    notNull(candidateX, "candidate x");
    notNull(candidateY, "candidate y");
    notNull(demandX, "demand x");
    notNull(demandY, "demand y");
    positive(radiusMeters, "coverage radius in metres");
    int nCandidates = candidateX.length;
    int nDemand = demandX.length;
    check(
        candidateY.length == nCandidates,
        "Cannot build coverage sets: %s candidate x values but %s y values",
        nCandidates,
        candidateY.length);
    check(
        demandY.length == nDemand,
        "Cannot build coverage sets: %s demand x values but %s y values",
        nDemand,
        demandY.length);
    BucketGrid grid = new BucketGrid(demandX, demandY, radiusMeters / 2);
    double[] sx = new double[nDemand];
    double[] sy = new double[nDemand];
    int[] input = new int[nDemand];
    for (int s = 0; s < nDemand; s++) {
      int i = grid.inputIndex(s);
      sx[s] = demandX[i];
      sy[s] = demandY[i];
      input[s] = i;
    }
    double r2 = radiusMeters * radiusMeters;
    int[] start = new int[nCandidates + 1];
    int[] pairs = new int[Math.max(16, nCandidates * 8)];
    int n = 0;
    for (int k = 0; k < nCandidates; k++) {
      double x = candidateX[k];
      double y = candidateY[k];
      check(
          Double.isFinite(x) && Double.isFinite(y),
          "Cannot build coverage sets: candidate %s has coordinate (%s, %s)",
          k,
          x,
          y);
      int first = n;
      for (int row = grid.rowLo(y, radiusMeters), rowHi = grid.rowHi(y, radiusMeters);
          row <= rowHi;
          row++) {
        long span = grid.rowSpan(row, x, y, radiusMeters);
        for (int s = BucketGrid.spanStart(span), end = BucketGrid.spanEnd(span); s < end; s++) {
          double dx = sx[s] - x;
          double dy = sy[s] - y;
          if (dx * dx + dy * dy <= r2) {
            if (n == pairs.length) {
              check(
                  n < MAX_PAIRS,
                  "Cannot build coverage sets: more than %s (candidate, demand) pairs; use fewer candidates",
                  MAX_PAIRS);
              pairs = java.util.Arrays.copyOf(pairs, (int) Math.min(MAX_PAIRS, 2L * n));
            }
            pairs[n++] = input[s];
          }
        }
      }
      java.util.Arrays.sort(pairs, first, n);
      start[k + 1] = n;
    }
    return new CoverageSets(
        nCandidates, nDemand, radiusMeters, start, java.util.Arrays.copyOf(pairs, n));
  }

  /** Number of (candidate, demand) pairs. */
  int nPairs() {
    return demand.length;
  }
}
