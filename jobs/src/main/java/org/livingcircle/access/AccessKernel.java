package org.livingcircle.access;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import java.util.Arrays;
import org.livingcircle.config.Tier;
import org.livingcircle.config.WalkModel;
import org.livingcircle.geo.BucketGrid;

/**
 * Walking access from origins (grid-cell centroids or residential compounds, metres in the
 * facilities' CRS) to the facilities of a {@link FacilityIndex}: nearest walking distance per
 * category and counts within each threshold, plus the per-origin tier counts and proximity time
 * described in {@link AccessIndicators}.
 *
 * <p>Walking time is straight-line distance × detour factor / speed ({@link WalkModel}); the
 * constructor turns every threshold into a squared straight-line radius {@code (T × speed /
 * detour)²}, so the loop compares squared distances only, reads only the buckets within the search
 * limit, and allocates nothing.
 *
 * <p>Not thread-safe: each instance owns scratch arrays. Use one kernel per thread; the {@link
 * FacilityIndex} is shared.
 */
final class AccessKernel {
  private final FacilityIndex facilities;
  private final AccessParams params;
  private final int nCategories;
  private final int nThresholds;
  private final double detour;
  private final double speed;
  private final double searchLimitMin;

  /** Straight-line search radius in metres. */
  private final double limitMeters;

  private final double limitSquared;

  /** Squared straight-line radius in m² of each threshold, ascending. */
  private final double[] radiusSquared;

  private final int basicThresholdIndex;
  private final int qualityThresholdIndex;
  private final Tier[] tiers;
  private final int nBasicCategories;

  /** Scratch: smallest squared distance per category for the current origin. */
  private final double[] nearestSquared;

  /**
   * Scratch: counts per category and threshold, {@code [c * nThresholds + t]}, for the current
   * origin.
   */
  private final int[] counts;

  AccessKernel(FacilityIndex facilities, AccessParams params) {
    this.facilities = notNull(facilities, "facility index");
    this.params = notNull(params, "access parameters");
    check(
        facilities.nCategories == params.nCategories(),
        "Cannot compute access: the facility index has %s categories but the parameters have %s",
        facilities.nCategories,
        params.nCategories());
    this.nCategories = params.nCategories();
    this.nThresholds = params.nThresholds();
    this.detour = params.walk().detourFactor();
    this.speed = params.walk().speedMetersPerMinute();
    this.searchLimitMin = params.searchLimitMin();
    this.limitMeters = params.walk().euclideanMetersFor(searchLimitMin);
    this.limitSquared = limitMeters * limitMeters;
    this.radiusSquared = new double[nThresholds];
    for (int t = 0; t < nThresholds; t++) {
      double r = params.walk().euclideanMetersFor(params.threshold(t));
      radiusSquared[t] = r * r;
    }
    this.basicThresholdIndex = params.thresholdIndex(params.basicThresholdMin());
    this.qualityThresholdIndex = params.thresholdIndex(params.qualityThresholdMin());
    this.tiers = params.tiers();
    int basic = 0;
    for (Tier tier : tiers) {
      basic += tier == Tier.BASIC ? 1 : 0;
    }
    this.nBasicCategories = basic;
    this.nearestSquared = new double[nCategories];
    this.counts = new int[nCategories * nThresholds];
  }

  /**
   * Computes every origin into new indicators and checks nothing; call {@link
   * AccessIndicators#checkInvariants()}.
   */
  AccessIndicators compute(double[] originX, double[] originY) {
    notNull(originX, "origin x coordinates");
    AccessIndicators out = new AccessIndicators(params, originX.length);
    compute(originX, originY, 0, originX.length, out);
    return out;
  }

  /**
   * Fills {@code out} for origins {@code from} (inclusive) to {@code to} (exclusive).
   *
   * @param originX origin x in metres, finite, same CRS as the facilities
   * @param originY origin y in metres, finite
   * @param out indicators sized for {@code originX.length} origins with the same parameters
   */
  void compute(double[] originX, double[] originY, int from, int to, AccessIndicators out) {
    notNull(originX, "origin x coordinates");
    notNull(originY, "origin y coordinates");
    notNull(out, "indicators");
    int nOrigins = originX.length;
    check(
        originY.length == nOrigins,
        "Cannot compute access: %s x values but %s y values",
        nOrigins,
        originY.length);
    check(
        out.nOrigins == nOrigins && out.params == params,
        "Cannot compute access: indicators for %s origins do not match %s origins with these parameters",
        out.nOrigins,
        nOrigins);
    check(
        0 <= from && from <= to && to <= nOrigins,
        "Cannot compute access: range [%s, %s) is outside [0, %s)",
        from,
        to,
        nOrigins);
    for (int o = from; o < to; o++) {
      check(
          Double.isFinite(originX[o]) && Double.isFinite(originY[o]),
          "Cannot compute access: origin %s has coordinate (%s, %s)",
          o,
          originX[o],
          originY[o]);
    }

    BucketGrid grid = facilities.grid;
    double[] fx = facilities.x;
    double[] fy = facilities.y;
    int[] fc = facilities.category;
    int lastThreshold = nThresholds - 1;
    for (int o = from; o < to; o++) {
      double ox = originX[o];
      double oy = originY[o];
      Arrays.fill(nearestSquared, Double.POSITIVE_INFINITY);
      Arrays.fill(counts, 0);
      for (int row = grid.rowLo(oy, limitMeters), rowHi = grid.rowHi(oy, limitMeters);
          row <= rowHi;
          row++) {
        long span = grid.rowSpan(row, ox, oy, limitMeters);
        for (int f = BucketGrid.spanStart(span), end = BucketGrid.spanEnd(span); f < end; f++) {
          double dx = fx[f] - ox;
          double dy = fy[f] - oy;
          double d2 = dx * dx + dy * dy;
          if (d2 > limitSquared) {
            continue;
          }
          int c = fc[f];
          if (d2 < nearestSquared[c]) {
            nearestSquared[c] = d2;
          }
          int base = c * nThresholds;
          for (int t = lastThreshold; t >= 0 && d2 <= radiusSquared[t]; t--) {
            counts[base + t]++;
          }
        }
      }
      write(o, out);
    }
  }

  private void write(int o, AccessIndicators out) {
    int nOrigins = out.nOrigins;
    int basic = 0;
    int quality = 0;
    int capped = 0;
    double sumMin = 0.0;
    for (int c = 0; c < nCategories; c++) {
      int cell = c * nOrigins + o;
      double d2 = nearestSquared[c];
      double walkMeters =
          d2 == Double.POSITIVE_INFINITY ? Double.POSITIVE_INFINITY : Math.sqrt(d2) * detour;
      out.nearestWalkMeters[cell] = (float) walkMeters;
      int base = c * nThresholds;
      for (int t = 0; t < nThresholds; t++) {
        out.nWithin[t][cell] = counts[base + t];
      }
      Tier tier = tiers[c];
      if (tier == Tier.BASIC) {
        basic += counts[base + basicThresholdIndex] > 0 ? 1 : 0;
        if (d2 == Double.POSITIVE_INFINITY) {
          capped++;
          sumMin += searchLimitMin;
        } else {
          sumMin += Math.min(walkMeters / speed, searchLimitMin);
        }
      } else if (tier == Tier.QUALITY) {
        quality += counts[base + qualityThresholdIndex] > 0 ? 1 : 0;
      }
    }
    out.nBasicTypes[o] = basic;
    out.nQualityTypes[o] = quality;
    out.nProximityCapped[o] = capped;
    out.proximityMin[o] = (float) (sumMin / nBasicCategories);
  }
}
