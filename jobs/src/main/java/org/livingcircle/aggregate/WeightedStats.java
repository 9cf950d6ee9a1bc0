package org.livingcircle.aggregate;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import java.util.Arrays;

/**
 * Population-weighted statistics of per-origin indicator values.
 *
 * <p>Weights (residents) must be finite and ≥ 0; anything else is a bad input and throws {@link
 * IllegalArgumentException}. Values follow one rule:
 *
 * <ul>
 *   <li>NaN means "unknown" and is skipped everywhere, with its weight (it enters neither numerator
 *       nor denominator);
 *   <li>±∞ is a sentinel ("none within the search limit"): threshold shares compare it like any
 *       number (+∞ never meets a finite threshold, so it counts as not covered); {@link #mean},
 *       {@link #median} and {@link #gini} are defined on magnitudes and skip it with its weight.
 *       Cap values first (as the proximity time does) to keep them.
 * </ul>
 *
 * A statistic whose remaining weight is zero is NaN. The methods never modify their inputs.
 */
final class WeightedStats {
  private WeightedStats() {}

  /** Share of the weight whose flag is true, in [0, 1]. */
  static double share(boolean[] flags, double[] weights) {
    checkPair(flags == null ? -1 : flags.length, weights);
    double total = 0.0;
    double covered = 0.0;
    for (int i = 0; i < flags.length; i++) {
      total += weights[i];
      covered += flags[i] ? weights[i] : 0.0;
    }
    return total > 0 ? covered / total : Double.NaN;
  }

  /**
   * Share of the weight whose value is ≤ {@code maxValue} (inclusive), in [0, 1]; NaN values
   * skipped.
   */
  static double shareAtMost(double[] values, double[] weights, double maxValue) {
    checkPair(values == null ? -1 : values.length, weights);
    check(!Double.isNaN(maxValue), "Cannot compute a share: the threshold is NaN");
    double total = 0.0;
    double covered = 0.0;
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) {
        continue;
      }
      total += weights[i];
      covered += values[i] <= maxValue ? weights[i] : 0.0;
    }
    return total > 0 ? covered / total : Double.NaN;
  }

  /** Weighted mean Σ w·x / Σ w over finite values. */
  static double mean(double[] values, double[] weights) {
    checkPair(values == null ? -1 : values.length, weights);
    double total = 0.0;
    double sum = 0.0;
    for (int i = 0; i < values.length; i++) {
      if (Double.isFinite(values[i])) {
        total += weights[i];
        sum += weights[i] * values[i];
      }
    }
    return total > 0 ? sum / total : Double.NaN;
  }

  /**
   * Weighted median of the finite values. Sort by value and accumulate weight W_k; with total W,
   * the median is the first value x_k with W_k ≥ W/2, except when W_k = W/2 exactly, where it is
   * the midpoint of x_k and the next value with positive weight. With unit weights this is the
   * textbook median (mean of the two middle values for an even count); with integer weights it
   * equals the median of the values repeated weight times. Zero weights never affect the result.
   */
  static double median(double[] values, double[] weights) {
    checkPair(values == null ? -1 : values.length, weights);
    int n = finitePositiveCount(values, weights);
    if (n == 0) {
      return Double.NaN;
    }
    double[][] sorted = sortedFinite(values, weights, n);
    double[] x = sorted[0];
    double[] w = sorted[1];
    double total = 0.0;
    for (double wi : w) {
      total += wi;
    }
    double half = total / 2;
    double cumulative = 0.0;
    for (int k = 0; k < n; k++) {
      cumulative += w[k];
      if (cumulative == half && k + 1 < n) {
        return (x[k] + x[k + 1]) / 2;
      }
      if (cumulative >= half) {
        return x[k];
      }
    }
    return x[n - 1];
  }

  /**
   * Weighted quantile of the finite values: sort by value and accumulate weight W_k; with total W,
   * the quantile of order {@code p} is the first value x_k with W_k ≥ p·W (the inverse of the
   * weighted distribution function, no interpolation; p = 0 gives the smallest value). With integer
   * weights it equals element ⌈p·N⌉ (1-based, at least the first) of the values repeated weight
   * times. Unlike {@link #median} there is no midpoint rule. Zero weights never affect the result;
   * NaN when no finite value has positive weight.
   *
   * @param p order in [0, 1]
   */
  static double quantile(double[] values, double[] weights, double p) {
    checkPair(values == null ? -1 : values.length, weights);
    check(p >= 0 && p <= 1, "Cannot compute a quantile of order %s: outside [0, 1]", p);
    int n = finitePositiveCount(values, weights);
    if (n == 0) {
      return Double.NaN;
    }
    double[][] sorted = sortedFinite(values, weights, n);
    double[] x = sorted[0];
    double[] w = sorted[1];
    double total = 0.0;
    for (double wi : w) {
      total += wi;
    }
    double needed = p * total;
    double cumulative = 0.0;
    for (int k = 0; k < n; k++) {
      cumulative += w[k];
      if (cumulative >= needed) {
        return x[k];
      }
    }
    return x[n - 1];
  }

  /**
   * Gini coefficient of the finite values, each held by its weight (population-weighted Lorenz
   * curve, as in the ipea {@code accessibility} package): sort by value, let p_k be the cumulative
   * weight share and L_k the cumulative share of Σ w·x, then G = 1 − Σ_k (p_k − p_{k−1})(L_k +
   * L_{k−1}), i.e. 1 − 2 × the area under the trapezoidal Lorenz curve. Equal values give 0; with
   * unit weights, everything held by one of n gives (n − 1)/n (no small-sample n/(n−1) correction).
   * Values must be ≥ 0; NaN if Σ w·x = 0.
   */
  static double gini(double[] values, double[] weights) {
    checkPair(values == null ? -1 : values.length, weights);
    for (int i = 0; i < values.length; i++) {
      check(
          !(values[i] < 0),
          "Cannot compute a Gini coefficient: values[%s] = %s is negative",
          i,
          values[i]);
    }
    int n = finitePositiveCount(values, weights);
    if (n == 0) {
      return Double.NaN;
    }
    double[][] sorted = sortedFinite(values, weights, n);
    double[] x = sorted[0];
    double[] w = sorted[1];
    double totalWeight = 0.0;
    double totalAmount = 0.0;
    for (int k = 0; k < n; k++) {
      totalWeight += w[k];
      totalAmount += w[k] * x[k];
    }
    if (!(totalAmount > 0)) {
      return Double.NaN;
    }
    double cumulativeAmount = 0.0;
    double doubleArea = 0.0;
    for (int k = 0; k < n; k++) {
      double previousShare = cumulativeAmount / totalAmount;
      cumulativeAmount += w[k] * x[k];
      doubleArea += (w[k] / totalWeight) * (previousShare + cumulativeAmount / totalAmount);
    }
    return 1.0 - doubleArea;
  }

  /** Gini coefficient with unit weights; see {@link #gini(double[], double[])}. */
  static double gini(double[] values) {
    notNull(values, "values");
    double[] ones = new double[values.length];
    Arrays.fill(ones, 1.0);
    return gini(values, ones);
  }

  /**
   * Facilities (or places, beds) per 1,000 residents: {@code amount × 1000 / residents}; NaN when
   * there are no residents. Both must be finite and ≥ 0.
   */
  static double perThousand(double amount, double residents) {
    check(
        Double.isFinite(amount) && amount >= 0,
        "Cannot compute a rate per 1,000: amount %s is not a finite number ≥ 0",
        amount);
    check(
        Double.isFinite(residents) && residents >= 0,
        "Cannot compute a rate per 1,000: residents %s is not a finite number ≥ 0",
        residents);
    return residents > 0 ? amount * 1000.0 / residents : Double.NaN;
  }

  private static void checkPair(int nValues, double[] weights) {
    check(nValues >= 0, "Cannot use null values");
    notNull(weights, "weights");
    check(
        weights.length == nValues,
        "Cannot weight %s values with %s weights",
        nValues,
        weights.length);
    for (int i = 0; i < weights.length; i++) {
      check(
          Double.isFinite(weights[i]) && weights[i] >= 0,
          "Cannot use weights[%s] = %s: weights must be finite numbers ≥ 0",
          i,
          weights[i]);
    }
  }

  private static int finitePositiveCount(double[] values, double[] weights) {
    int n = 0;
    for (int i = 0; i < values.length; i++) {
      n += Double.isFinite(values[i]) && weights[i] > 0 ? 1 : 0;
    }
    return n;
  }

  /** Finite values with positive weight, sorted by value: {@code {values, weights}}. */
  private static double[][] sortedFinite(double[] values, double[] weights, int n) {
    Integer[] index = new Integer[n];
    int k = 0;
    for (int i = 0; i < values.length; i++) {
      if (Double.isFinite(values[i]) && weights[i] > 0) {
        index[k++] = i;
      }
    }
    Arrays.sort(index, (a, b) -> Double.compare(values[a], values[b]));
    double[] x = new double[n];
    double[] w = new double[n];
    for (int j = 0; j < n; j++) {
      x[j] = values[index[j]];
      w[j] = weights[index[j]];
    }
    return new double[][] {x, w};
  }
}
