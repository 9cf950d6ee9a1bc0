package org.livingcircle.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValueCheckTest {
  private final ValueCheck check = ValueCheck.defaults();
  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void nearestAgreesWithinToleranceAndCountsBorderlineAtTheLimit() {
    double[] ours = {0, 500, 1000, INF, 1199.995, INF, 700};
    double[] theirs = {0, 499.98, 999.951, Double.NaN, Double.NaN, 1199.97, 703};
    ValueCheck.Tally t = check.nearest("x", ours, theirs, 1200);
    assertThat(t.compared()).isEqualTo(7);
    assertThat(t.equal()).isEqualTo(4);
    assertThat(t.borderline())
        .as("one side just inside the 1200 m limit, the other none")
        .isEqualTo(2);
    assertThat(t.mismatches()).isEqualTo(1);
    assertThat(t.firstMismatch()).contains("vertex 6");
    assertThat(t.maxAbsDiffM()).isEqualTo(3.0);
    assertThat(check.nearest("x", new double[] {300}, new double[] {Double.NaN}, 1200).mismatches())
        .isEqualTo(1);
    assertThat(check.nearest("x", new double[] {1000}, new double[] {999.949}, 1200).mismatches())
        .as("0.051 m short at 1,000 m is beyond 5e-5 × d")
        .isEqualTo(1);
    assertThat(check.nearest("x", new double[] {100}, new double[] {99.991}, 1200).mismatches())
        .as("below 200 m the absolute 0.01 m applies")
        .isZero();
  }

  @Test
  void countsDifferOnlyByPairsNearTheThreshold() {
    int[] ours = {3, 2, 5, 0};
    double[] theirs = {3, 3, 3, 1};
    int[] near = {0, 1, 1, 0};
    ValueCheck.Tally t = check.counts("c", ours, theirs, near);
    assertThat(t.equal()).isEqualTo(1);
    assertThat(t.borderline()).isEqualTo(1);
    assertThat(t.mismatches())
        .as("vertex 2 differs by 2 with one near pair; vertex 3 by 1 with none")
        .isEqualTo(2);
    assertThat(t.firstMismatch()).contains("vertex 2");
  }
}
