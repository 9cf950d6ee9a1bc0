package org.livingcircle.access;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import org.livingcircle.config.Tier;
import org.livingcircle.config.WalkModel;

/**
 * Per-origin walking-access results of {@link AccessKernel}, as primitive arrays.
 *
 * <p>Layouts ({@code c} category, {@code o} origin, {@code t} threshold index into {@link
 * AccessParams#thresholdsMin()}):
 *
 * <ul>
 *   <li>{@link #nearestWalkMeters}{@code [c * nOrigins + o]}: walking distance in metres to the
 *       nearest facility of {@code c}, exact whenever its walking time is within the search limit,
 *       otherwise {@link #NONE_WITHIN_LIMIT} (+∞, published as null); column {@code dist_m};
 *   <li>{@link #nWithin}{@code [t][c * nOrigins + o]}: facilities of {@code c} with walking time ≤
 *       threshold {@code t} (inclusive; co-located duplicates each count); column {@code n_<T>min};
 *   <li>{@link #nBasicTypes}{@code [o]}: BASIC categories with ≥ 1 facility within the basic
 *       threshold ({@code basic_types_<T>min}); {@link #basicComplete} is true when that is every
 *       BASIC category;
 *   <li>{@link #nQualityTypes}{@code [o]}: QUALITY categories with ≥ 1 facility within the quality
 *       threshold;
 *   <li>{@link #proximityMin}{@code [o]}: mean over the BASIC categories of the walking time in
 *       minutes to the nearest facility, where a category with none within the search limit counts
 *       as the search limit itself; {@link #nProximityCapped}{@code [o]} counts those categories,
 *       so a value with a positive count is a lower bound. This is the cap Pandana's {@code
 *       nearest_pois} applies (missing distances become {@code max_distance}, the search distance
 *       by default), which URBREATH's {@code overall_average} and Sony-style proximity times
 *       inherit; keeping the count separates "far" from "capped".
 * </ul>
 *
 * <p>Not thread-safe; kernels filling disjoint origin ranges may share one instance if the caller
 * joins them before reading.
 */
final class AccessIndicators {
  /**
   * Sentinel of {@link #nearestWalkMeters}: no facility of the category within the search limit.
   */
  static final float NONE_WITHIN_LIMIT = Float.POSITIVE_INFINITY;

  /**
   * Relative tolerance between float distances and the exact squared-distance tests of the kernel.
   */
  private static final double FLOAT_TOLERANCE = 1e-6;

  final AccessParams params;
  final int nOrigins;
  final float[] nearestWalkMeters;
  final int[][] nWithin;
  final int[] nBasicTypes;
  final int[] nQualityTypes;
  final float[] proximityMin;
  final int[] nProximityCapped;
  private final int nBasicCategories;

  AccessIndicators(AccessParams params, int nOrigins) {
    this.params = notNull(params, "access parameters");
    check(nOrigins >= 0, "Cannot size indicators: %s origins is negative", nOrigins);
    long cells = (long) nOrigins * params.nCategories();
    check(
        cells <= Integer.MAX_VALUE,
        "Cannot size indicators: %s origins × %s categories exceed one array; split the origins",
        nOrigins,
        params.nCategories());
    this.nOrigins = nOrigins;
    this.nearestWalkMeters = new float[(int) cells];
    this.nWithin = new int[params.nThresholds()][(int) cells];
    this.nBasicTypes = new int[nOrigins];
    this.nQualityTypes = new int[nOrigins];
    this.proximityMin = new float[nOrigins];
    this.nProximityCapped = new int[nOrigins];
    int basic = 0;
    for (int c = 0; c < params.nCategories(); c++) {
      basic += params.tier(c) == Tier.BASIC ? 1 : 0;
    }
    this.nBasicCategories = basic;
  }

  int nCategories() {
    return params.nCategories();
  }

  /** Walking metres to the nearest facility of {@code category}, or {@link #NONE_WITHIN_LIMIT}. */
  float nearestWalkMeters(int category, int origin) {
    return nearestWalkMeters[category * nOrigins + origin];
  }

  /** Facilities of {@code category} within threshold {@code thresholdIndex}, inclusive. */
  int nWithin(int thresholdIndex, int category, int origin) {
    return nWithin[thresholdIndex][category * nOrigins + origin];
  }

  /** True when every BASIC category has a facility within the basic threshold. */
  boolean basicComplete(int origin) {
    return nBasicTypes[origin] == nBasicCategories;
  }

  /**
   * Checks, for every origin: counts never fall as the threshold rises; a nearest facility within T
   * implies n_T ≥ 1; n_T ≥ 1 implies a nearest facility within T; none within the limit implies
   * every count is 0; the per-origin tier counts and proximity time agree with the per-category
   * values.
   *
   * @throws IllegalStateException naming the first origin and category that break a rule
   */
  void checkInvariants() {
    WalkModel walk = params.walk();
    int nT = params.nThresholds();
    int basicT = params.thresholdIndex(params.basicThresholdMin());
    int qualityT = params.thresholdIndex(params.qualityThresholdMin());
    double limitMin = params.searchLimitMin();
    for (int o = 0; o < nOrigins; o++) {
      int basic = 0;
      int quality = 0;
      int capped = 0;
      double sumMin = 0.0;
      for (int c = 0; c < nCategories(); c++) {
        int cell = c * nOrigins + o;
        double nearestMin = walk.minutesFor(nearestWalkMeters[cell]);
        invariant(
            !(nearestMin < 0)
                && (nearestMin <= limitMin * (1 + FLOAT_TOLERANCE)
                    || Double.isInfinite(nearestMin)),
            o,
            c,
            "nearest walk time %s min is outside [0, search limit %s min]",
            nearestMin,
            limitMin);
        for (int t = 0; t < nT; t++) {
          int n = nWithin[t][cell];
          int threshold = params.threshold(t);
          invariant(n >= 0, o, c, "n_%smin = %s is negative", threshold, n);
          if (t > 0) {
            invariant(
                n >= nWithin[t - 1][cell],
                o,
                c,
                "n_%smin = %s is less than n_%smin = %s",
                threshold,
                n,
                params.threshold(t - 1),
                nWithin[t - 1][cell]);
          }
          invariant(
              !(nearestMin < threshold * (1 - FLOAT_TOLERANCE)) || n >= 1,
              o,
              c,
              "nearest facility is %s min away but n_%smin = 0",
              nearestMin,
              threshold);
          invariant(
              n == 0 || nearestMin <= threshold * (1 + FLOAT_TOLERANCE),
              o,
              c,
              "n_%smin = %s but the nearest facility is %s min away",
              threshold,
              n,
              nearestMin);
        }
        if (params.tier(c) == Tier.BASIC) {
          basic += nWithin[basicT][cell] > 0 ? 1 : 0;
          capped += Double.isInfinite(nearestMin) ? 1 : 0;
          sumMin += Math.min(nearestMin, limitMin);
        } else if (params.tier(c) == Tier.QUALITY) {
          quality += nWithin[qualityT][cell] > 0 ? 1 : 0;
        }
      }
      invariant(
          basic == nBasicTypes[o],
          o,
          -1,
          "basic types %s differ from the categories' %s",
          nBasicTypes[o],
          basic);
      invariant(
          quality == nQualityTypes[o],
          o,
          -1,
          "quality types %s differ from the categories' %s",
          nQualityTypes[o],
          quality);
      invariant(
          capped == nProximityCapped[o],
          o,
          -1,
          "capped categories %s differ from the categories' %s",
          nProximityCapped[o],
          capped);
      double expected = sumMin / nBasicCategories;
      invariant(
          Math.abs(proximityMin[o] - expected) <= FLOAT_TOLERANCE * Math.max(1.0, expected),
          o,
          -1,
          "proximity time %s min differs from the categories' mean %s min",
          proximityMin[o],
          expected);
    }
  }

  private static void invariant(
      boolean holds, int origin, int category, String format, Object... args) {
    if (!holds) {
      String where =
          category < 0 ? "origin " + origin : "origin " + origin + " category " + category;
      throw new IllegalStateException(
          "Cannot accept access indicators: " + where + ": " + String.format(format, args));
    }
  }
}
