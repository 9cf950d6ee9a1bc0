package org.livingcircle.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WeightedStatsTest {
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final double NAN = Double.NaN;

  @Test
  void shares() {
    assertThat(WeightedStats.share(new boolean[] {true, false, true}, new double[] {1, 2, 4}))
        .isEqualTo(5.0 / 7);
    // 400 m and exactly 800 m are within 800 m; +∞ (none within the limit) is not; NaN is skipped
    // with its weight
    assertThat(
            WeightedStats.shareAtMost(
                new double[] {400, 800, INF, NAN}, new double[] {1, 1, 2, 8}, 800))
        .isEqualTo(0.5);
    assertThat(WeightedStats.share(new boolean[] {true}, new double[] {0})).isNaN();
  }

  @Test
  void means() {
    assertThat(WeightedStats.mean(new double[] {1, 3}, new double[] {3, 1})).isEqualTo(1.5);
    assertThat(WeightedStats.mean(new double[] {2, INF, NAN}, new double[] {1, 5, 5}))
        .isEqualTo(2.0);
    assertThat(WeightedStats.mean(new double[] {INF}, new double[] {1})).isNaN();
  }

  @Test
  void quantilesAreTheFirstValueReachingTheirShareOfTheWeight() {
    // as {1, 2, 2, 2, 5}: 0.1·5 = 0.5 → 1; 0.5·5 = 2.5 → 2; 0.9·5 = 4.5 → 5; p = 0 → the smallest
    double[] x = {5, 2, 1};
    double[] w = {1, 3, 1};
    assertThat(WeightedStats.quantile(x, w, 0.1)).isEqualTo(1.0);
    assertThat(WeightedStats.quantile(x, w, 0.5)).isEqualTo(2.0);
    assertThat(WeightedStats.quantile(x, w, 0.9)).isEqualTo(5.0);
    assertThat(WeightedStats.quantile(x, w, 0.0)).isEqualTo(1.0);
    // exactly half at 2 gives 2 (no midpoint rule, unlike the median)
    assertThat(WeightedStats.quantile(new double[] {10, 1, 2}, new double[] {2, 1, 1}, 0.5))
        .isEqualTo(2.0);
    assertThat(WeightedStats.quantile(new double[] {INF, NAN, 3}, new double[] {0, 1, 0}, 0.5))
        .isNaN();
    assertThatThrownBy(() -> WeightedStats.quantile(x, w, 1.5))
        .hasMessage("Cannot compute a quantile of order 1.5: outside [0, 1]");
  }

  @Test
  void quantilesEqualTheSortedRepeatedValues() {
    java.util.Random random = new java.util.Random(20261202);
    double[] orders = {0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0};
    for (int trial = 0; trial < 300; trial++) {
      int n = 1 + random.nextInt(12);
      double[] x = new double[n];
      double[] w = new double[n];
      java.util.List<Double> repeated = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        int kind = random.nextInt(10);
        x[i] = kind == 0 ? NAN : kind == 1 ? INF : random.nextInt(8) / 4.0;
        w[i] = random.nextInt(5);
        if (Double.isFinite(x[i])) {
          for (int k = 0; k < w[i]; k++) {
            repeated.add(x[i]);
          }
        }
      }
      java.util.Collections.sort(repeated);
      for (double p : orders) {
        double expected =
            repeated.isEmpty()
                ? NAN
                : repeated.get(Math.max(0, (int) Math.ceil(p * repeated.size()) - 1));
        assertThat(Double.valueOf(WeightedStats.quantile(x, w, p)))
            .as("trial %s, p %s", trial, p)
            .isEqualTo(Double.valueOf(expected));
      }
    }
  }

  @Test
  void medians() {
    assertThat(WeightedStats.median(new double[] {3, 1, 2}, new double[] {1, 1, 1})).isEqualTo(2.0);
    assertThat(WeightedStats.median(new double[] {4, 1, 3, 2}, new double[] {1, 1, 1, 1}))
        .isEqualTo(2.5);
    // as {1, 2, 10, 10}: cumulative weight reaches exactly half at 2, so the midpoint of 2 and 10
    assertThat(WeightedStats.median(new double[] {10, 1, 2}, new double[] {2, 1, 1}))
        .isEqualTo(6.0);
    // as {1, 2, 10, 10, 10}: cumulative 1, 2, 5 ≥ 2.5 first at 10
    assertThat(WeightedStats.median(new double[] {10, 1, 2}, new double[] {3, 1, 1}))
        .isEqualTo(10.0);
    // zero weights, NaN and ∞ never matter
    assertThat(
            WeightedStats.median(new double[] {5, 100, NAN, INF, 7}, new double[] {1, 0, 9, 9, 1}))
        .isEqualTo(6.0);
    assertThat(WeightedStats.median(new double[] {}, new double[] {})).isNaN();
  }

  @Test
  void ginis() {
    assertThat(WeightedStats.gini(new double[] {3, 3, 3, 3})).isCloseTo(0.0, within(1e-15));
    // one holder of n: (n − 1) / n
    assertThat(WeightedStats.gini(new double[] {0, 0, 0, 0, 7})).isCloseTo(4.0 / 5, within(1e-15));
    assertThat(WeightedStats.gini(new double[] {0, 9})).isCloseTo(1.0 / 2, within(1e-15));
    // {1, 3}: mean absolute difference 2·2 / (2 · 2² · 2) = 1/4
    assertThat(WeightedStats.gini(new double[] {3, 1})).isCloseTo(0.25, within(1e-15));
    // weights 3 and 1 are {1, 1, 1, 3}: Σ|xi − xj| = 12 over 2 · 4² · 1.5 = 1/4
    assertThat(WeightedStats.gini(new double[] {1, 3}, new double[] {3, 1}))
        .isCloseTo(0.25, within(1e-15));
    // NaN, ∞ and zero-weight values are skipped
    assertThat(WeightedStats.gini(new double[] {1, NAN, 3, INF, 50}, new double[] {3, 1, 1, 1, 0}))
        .isCloseTo(0.25, within(1e-15));
    assertThat(WeightedStats.gini(new double[] {0, 0})).isNaN();
  }

  @Test
  void perThousand() {
    assertThat(WeightedStats.perThousand(9, 2_000)).isEqualTo(4.5);
    assertThat(WeightedStats.perThousand(3, 0)).isNaN();
  }

  @Test
  void rejectsBadInputs() {
    assertThatThrownBy(() -> WeightedStats.mean(new double[] {1, 2}, new double[] {1, -1}))
        .hasMessage("Cannot use weights[1] = -1.0: weights must be finite numbers ≥ 0");
    assertThatThrownBy(() -> WeightedStats.mean(new double[] {1, 2}, new double[] {1}))
        .hasMessage("Cannot weight 2 values with 1 weights");
    assertThatThrownBy(() -> WeightedStats.gini(new double[] {1, -2}))
        .hasMessage("Cannot compute a Gini coefficient: values[1] = -2.0 is negative");
    assertThatThrownBy(() -> WeightedStats.perThousand(1, NAN))
        .hasMessage("Cannot compute a rate per 1,000: residents NaN is not a finite number ≥ 0");
  }
}
