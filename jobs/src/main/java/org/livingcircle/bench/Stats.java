package org.livingcircle.bench;

import java.util.Arrays;
import java.util.List;

/** Medians and the log-log growth exponent of the benchmark. */
final class Stats {
  private Stats() {}

  static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  static long max(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).max().orElse(-1);
  }

  /**
   * Least-squares slope b of log(seconds) = a + b·log(size): 1 is linear growth. NaN with fewer
   * than two distinct sizes.
   */
  static double exponent(double[] size, double[] seconds) {
    int n = size.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += Math.log(size[i]) / n;
      my += Math.log(seconds[i]) / n;
    }
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      double dx = Math.log(size[i]) - mx;
      sxx += dx * dx;
      sxy += dx * (Math.log(seconds[i]) - my);
    }
    return n < 2 || sxx < 1e-12 ? Double.NaN : sxy / sxx;
  }
}
