package org.livingcircle.siting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CapacitySitingTest {
  @Test
  void modulesFillTheNearestShortfallUpToTheTargetLevel() {
    // one demand point of 100 children with no access; a* = 0.05 places per child; modules of 2
    // places.
    // A candidate on the point: W = 1, Σ W P = 100, each module adds 2/100 = 0.02 places per child:
    // gains 100 × 0.02 = 2, 2, then 100 × (0.05 − 0.04) = 1 (capped at a*)
    // a candidate exactly on the 1000 m catchment edge has W = 0 and no weighted demand: never
    // chosen
    CapacitySiting siting =
        new CapacitySiting(
            new double[] {1000, 0},
            new double[] {0, 0},
            new double[] {0},
            new double[] {0},
            new double[] {100},
            new double[] {0},
            1000);
    CapacitySiting.Plan plan = siting.solve(0.05, 2, 3);
    assertThat(plan.candidate()).containsExactly(1, 1, 1);
    assertThat(plan.gain()).containsExactly(new double[] {2, 2, 1}, within(1e-12));
    assertThat(plan.levelShare()).containsExactly(new double[] {0.4, 0.8, 1.0}, within(1e-12));
    assertThat(plan.initialLevelShare()).isZero();
    assertThat(plan.outcome()).isEqualTo(CapacitySiting.Outcome.PLACED);
    // a fourth module raises nobody below a*
    assertThat(siting.solve(0.05, 2, 4).outcome()).isEqualTo(CapacitySiting.Outcome.NO_GAIN);
  }

  @Test
  void theServedClusterGetsNothing() {
    // A: 100 people already at a* = 0.05; B: 50 people with none, 10 km away; one module of 1 place
    // at B: Σ W P = 50, ΔA = 1/50 = 0.02, gain 50 × 0.02 = 1; at A: gain 0
    CapacitySiting siting =
        new CapacitySiting(
            new double[] {0, 10_000},
            new double[] {0, 0},
            new double[] {0, 10_000},
            new double[] {0, 0},
            new double[] {100, 50},
            new double[] {0.05, 0},
            1000);
    CapacitySiting.Plan plan = siting.solve(0.05, 1, 1);
    assertThat(plan.candidate()).containsExactly(1);
    assertThat(plan.gain()[0]).isCloseTo(1.0, within(1e-12));
    // F = 100 × 0.05 + 50 × 0.02 = 6 of a* Σ P = 7.5
    assertThat(plan.levelShare()[0]).isCloseTo(6 / 7.5, within(1e-12));
  }

  /**
   * Recomputes E2SFCA from scratch (Dai's weight written out here, step 1 and step 2 over every
   * facility) with the existing facilities and then with the suggested ones added, and finds
   * exactly the reported gain in Σ P · min(A, a*).
   */
  @Test
  void recomputedAccessAfterTheSuggestedSitesEqualsTheReportedGain() {
    Random random = new Random(5);
    int n = 300;
    double d0 = 800;
    double[] x = new double[n];
    double[] y = new double[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextDouble() * 5000;
      y[i] = random.nextDouble() * 5000;
      p[i] = random.nextInt(3) == 0 ? 0 : random.nextInt(40);
    }
    double[] fx = {1000, 4000, 2500};
    double[] fy = {1000, 3500, 2500};
    double[] fs = {30, 20, 10};
    double[] before = scratch(x, y, p, fx, fy, fs, d0);
    double aStar = 0.05;
    CapacitySiting.Plan plan = new CapacitySiting(x, y, x, y, p, before, d0).solve(aStar, 5, 12);
    assertThat(plan.nSites()).isEqualTo(12);
    double[] ax = java.util.Arrays.copyOf(fx, 3 + 12);
    double[] ay = java.util.Arrays.copyOf(fy, 3 + 12);
    double[] as = java.util.Arrays.copyOf(fs, 3 + 12);
    double f = capped(before, p, aStar);
    for (int s = 0; s < 12; s++) {
      ax[3 + s] = x[plan.candidate()[s]];
      ay[3 + s] = y[plan.candidate()[s]];
      as[3 + s] = 5;
      double after =
          capped(
              scratch(
                  x,
                  y,
                  p,
                  java.util.Arrays.copyOf(ax, 4 + s),
                  java.util.Arrays.copyOf(ay, 4 + s),
                  java.util.Arrays.copyOf(as, 4 + s),
                  d0),
              p,
              aStar);
      assertThat(after - f).as("module %s", s).isCloseTo(plan.gain()[s], within(1e-9));
      f = after;
    }
  }

  private static double capped(double[] a, double[] p, double aStar) {
    double f = 0;
    for (int i = 0; i < a.length; i++) {
      f += p[i] * Math.min(a[i], aStar);
    }
    return f;
  }

  /** E2SFCA from scratch, every pair, Dai (2010) Gaussian. */
  private static double[] scratch(
      double[] x, double[] y, double[] p, double[] fx, double[] fy, double[] fs, double d0) {
    double[] r = new double[fx.length];
    for (int j = 0; j < fx.length; j++) {
      double sum = 0;
      for (int i = 0; i < x.length; i++) {
        sum += dai(Math.hypot(x[i] - fx[j], y[i] - fy[j]), d0) * p[i];
      }
      r[j] = sum > 0 ? fs[j] / sum : 0;
    }
    double[] a = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < fx.length; j++) {
        a[i] += dai(Math.hypot(x[i] - fx[j], y[i] - fy[j]), d0) * r[j];
      }
    }
    return a;
  }

  private static double dai(double d, double d0) {
    return d > d0
        ? 0
        : (Math.exp(-0.5 * (d / d0) * (d / d0)) - Math.exp(-0.5)) / (1 - Math.exp(-0.5));
  }
}
