package org.livingcircle.siting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.livingcircle.config.WalkModel;

class MaximalCoveringTest {
  /** 80 m/min, detour 1.25: 10 minutes reach 10 × 80 / 1.25 = 640 m in a straight line. */
  private static final WalkModel WALK = new WalkModel(80, 1.25);

  /** Five points 100 m apart on a line, weights 1, 2, 4, 8, 16 (sums decode to the covered set). */
  private static final double[] LINE_X = {0, 100, 200, 300, 400};

  private static final double[] ZERO = {0, 0, 0, 0, 0};
  private static final double[] LINE_W = {1, 2, 4, 8, 16};

  private static MaximalCovering line(boolean[] missing) {
    CoverageSets sets = CoverageSets.within(LINE_X, ZERO, LINE_X, ZERO, 100);
    return new MaximalCovering(new CoverageSets[] {sets}, LINE_W, missing);
  }

  private static boolean[] all(int n) {
    boolean[] b = new boolean[n];
    java.util.Arrays.fill(b, true);
    return b;
  }

  @Test
  void coverageIsInclusiveAtTheWalkingRadius() {
    double r = WALK.euclideanMetersFor(10);
    assertThat(r).isEqualTo(640.0);
    // (384, 512) is exactly 640 m away; (0, 640.001) is just beyond
    CoverageSets sets =
        CoverageSets.within(
            new double[] {0},
            new double[] {0},
            new double[] {384, 0, -640},
            new double[] {512, 640.001, 0},
            r);
    assertThat(sets.demand).containsExactly(0, 2);
  }

  @Test
  void greedyOnALineStopsAtTheTarget() {
    // candidate k covers the points within 100 m: k0 {0,1}=3, k1 {0,1,2}=7, k2 {1,2,3}=14, k3
    // {2,3,4}=28, k4 {3,4}=24
    MaximalCovering.Plan one = line(all(5)).solve(0.9, 10);
    // k3 covers 28 of 31 = 0.903 ≥ 0.9: one site is enough
    assertThat(one.candidate()).containsExactly(3);
    assertThat(one.gain()).containsExactly(28);
    assertThat(one.share()[0]).isCloseTo(28.0 / 31, within(1e-15));
    assertThat(one.outcome()).isEqualTo(MaximalCovering.Outcome.REACHED);
    assertThat(one.initialShare()).isZero();

    MaximalCovering.Plan two = line(all(5)).solve(1.0, 10);
    // then points 0 and 1 remain (3): k0 and k1 both add 3, the tie goes to k0
    assertThat(two.candidate()).containsExactly(3, 0);
    assertThat(two.gain()).containsExactly(28, 3);
    assertThat(two.shareAfter(2)).isEqualTo(1.0);
    assertThat(two.newly()).containsExactly(2, 3, 4, 0, 1);
    assertThat(two.newlyStart()).containsExactly(0, 3, 5);
  }

  @Test
  void budgetShortOfTheTargetSaysSo() {
    MaximalCovering.Plan plan = line(all(5)).solve(0.95, 1);
    assertThat(plan.candidate()).containsExactly(3);
    assertThat(plan.outcome()).isEqualTo(MaximalCovering.Outcome.BUDGET);
    assertThat(0.95 - plan.shareAfter(1)).isCloseTo(0.95 - 28.0 / 31, within(1e-15));
  }

  @Test
  void existingFacilitiesAreFixed() {
    // point 4 (16) already has the category: k3 now adds {2,3}=12, k2 {1,2,3}=14 wins
    boolean[] missing = {true, true, true, true, false};
    MaximalCovering.Plan plan = line(missing).solve(1.0, 10);
    assertThat(plan.initialShare()).isEqualTo(16.0 / 31);
    assertThat(plan.candidate()).containsExactly(2, 0);
    assertThat(plan.gain()).containsExactly(14, 1);
  }

  @Test
  void targetAlreadyMetNeedsNoSite() {
    boolean[] missing = {true, false, false, false, false};
    MaximalCovering.Plan plan = line(missing).solve(0.95, 10);
    assertThat(plan.nSites()).isZero();
    assertThat(plan.outcome()).isEqualTo(MaximalCovering.Outcome.REACHED);
    assertThat(plan.initialShare()).isEqualTo(30.0 / 31);
  }

  @Test
  void unreachableDemandEndsWithNoGain() {
    // the only candidate is 10 km away: nothing can be covered
    CoverageSets sets =
        CoverageSets.within(new double[] {10_000}, new double[] {0}, LINE_X, ZERO, 100);
    MaximalCovering.Plan plan =
        new MaximalCovering(new CoverageSets[] {sets}, LINE_W, all(5)).solve(0.5, 10);
    assertThat(plan.nSites()).isZero();
    assertThat(plan.outcome()).isEqualTo(MaximalCovering.Outcome.NO_GAIN);
  }

  @Test
  void noDemandWeight() {
    CoverageSets sets = CoverageSets.within(LINE_X, ZERO, LINE_X, ZERO, 100);
    MaximalCovering.Plan plan =
        new MaximalCovering(new CoverageSets[] {sets}, new double[5], all(5)).solve(0.5, 10);
    assertThat(plan.outcome()).isEqualTo(MaximalCovering.Outcome.NO_DEMAND);
    assertThat(plan.initialShare()).isNaN();
  }

  @Test
  void curveWithoutTargetRunsToFullCoverage() {
    MaximalCovering.Plan plan = line(all(5)).solve(Double.NaN, 10);
    assertThat(plan.candidate()).containsExactly(3, 0);
    assertThat(plan.outcome()).isEqualTo(MaximalCovering.Outcome.CURVE);
  }

  @Test
  void basketCompletesPointsLackingOneCategoryFirst() {
    // p0 (w 1) lacks layer 0; p1 (w 2) lacks layers 0 and 1; p2 (w 4) lacks layer 1; each candidate
    // covers its own point
    double[] x = {0, 100, 1000};
    double[] y = {0, 0, 0};
    CoverageSets sets = CoverageSets.within(x, y, x, y, 50);
    boolean[] missing = {true, true, false, false, true, true};
    MaximalCovering.Plan plan =
        new MaximalCovering(new CoverageSets[] {sets, sets}, new double[] {1, 2, 4}, missing)
            .solve(1.0, 10);
    // surrogate values: (L1,k2) 4; then (L0,k0) = (L0,k1) = (L1,k1) = 1, ties to the lowest id
    // L*3+k
    assertThat(plan.layer()).containsExactly(1, 0, 0, 1);
    assertThat(plan.candidate()).containsExactly(2, 0, 1, 1);
    assertThat(plan.surrogateGain()).containsExactly(4, 1, 1, 1);
    assertThat(plan.gain()).containsExactly(4, 1, 0, 2);
    assertThat(plan.share())
        .containsExactly(new double[] {4.0 / 7, 5.0 / 7, 5.0 / 7, 1.0}, within(1e-15));
    assertThat(plan.outcome()).isEqualTo(MaximalCovering.Outcome.REACHED);
  }

  @Test
  void greedyMatchesTheExhaustiveOptimumOnSmallRandomInstancesWithinTheBound() {
    Random random = new Random(7);
    for (int trial = 0; trial < 20; trial++) {
      int n = 30;
      int m = 9;
      double[] dx = new double[n];
      double[] dy = new double[n];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        dx[i] = random.nextDouble() * 2000;
        dy[i] = random.nextDouble() * 2000;
        w[i] = random.nextInt(100);
      }
      double[] cx = new double[m];
      double[] cy = new double[m];
      for (int k = 0; k < m; k++) {
        cx[k] = random.nextDouble() * 2000;
        cy[k] = random.nextDouble() * 2000;
      }
      double r = 500;
      CoverageSets sets = CoverageSets.within(cx, cy, dx, dy, r);
      MaximalCovering.Plan plan =
          new MaximalCovering(new CoverageSets[] {sets}, w, all(n)).solve(Double.NaN, 3);
      // brute force: the first greedy step is the best single candidate; three sites are within 1 −
      // 1/e of the best triple
      double best1 = 0;
      double best3 = 0;
      for (int a = 0; a < m; a++) {
        best1 = Math.max(best1, covered(w, dx, dy, r, new double[] {cx[a]}, new double[] {cy[a]}));
        for (int b = a + 1; b < m; b++) {
          for (int c = b + 1; c < m; c++) {
            best3 =
                Math.max(
                    best3,
                    covered(
                        w,
                        dx,
                        dy,
                        r,
                        new double[] {cx[a], cx[b], cx[c]},
                        new double[] {cy[a], cy[b], cy[c]}));
          }
        }
      }
      double total = java.util.Arrays.stream(w).sum();
      if (plan.nSites() > 0) {
        assertThat(plan.gain()[0]).isEqualTo(best1);
      }
      assertThat(plan.shareAfter(plan.nSites()) * total)
          .isGreaterThanOrEqualTo((1 - 1 / Math.E) * best3 - 1e-9);
    }
  }

  /**
   * Recomputes coverage from scratch, brute force, after adding the suggested sites to the existing
   * facilities, and finds exactly the reported gains and shares (two categories, a basket and each
   * category alone).
   */
  @Test
  void recomputedCoverageAfterTheSuggestedSitesEqualsTheReportedGain() {
    Random random = new Random(11);
    int n = 400;
    int m = 120;
    double r = WALK.euclideanMetersFor(10);
    double[] dx = new double[n];
    double[] dy = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      dx[i] = random.nextDouble() * 6000;
      dy[i] = random.nextDouble() * 6000;
      w[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(500);
    }
    double[] cx = dx.clone();
    double[] cy = dy.clone();
    // existing facilities of two categories
    double[][] fx = new double[2][6];
    double[][] fy = new double[2][6];
    for (int l = 0; l < 2; l++) {
      for (int f = 0; f < 6; f++) {
        fx[l][f] = random.nextDouble() * 6000;
        fy[l][f] = random.nextDouble() * 6000;
      }
    }
    boolean[] missing = new boolean[2 * n];
    for (int l = 0; l < 2; l++) {
      for (int i = 0; i < n; i++) {
        missing[l * n + i] = !anyWithin(dx[i], dy[i], fx[l], fy[l], fx[l].length, r);
      }
    }
    CoverageSets sets = CoverageSets.within(cx, cy, dx, dy, r);
    double total = java.util.Arrays.stream(w).sum();
    for (int[] layers : new int[][] {{0, 1}, {0}, {1}}) {
      boolean[] own = new boolean[layers.length * n];
      CoverageSets[] perLayer = new CoverageSets[layers.length];
      for (int j = 0; j < layers.length; j++) {
        System.arraycopy(missing, layers[j] * n, own, j * n, n);
        perLayer[j] = sets;
      }
      MaximalCovering.Plan plan = new MaximalCovering(perLayer, w, own).solve(Double.NaN, 25);
      assertThat(plan.nSites()).isPositive();
      double[][] ax = new double[layers.length][];
      double[][] ay = new double[layers.length][];
      int[] count = new int[layers.length];
      for (int j = 0; j < layers.length; j++) {
        ax[j] = java.util.Arrays.copyOf(fx[layers[j]], 6 + plan.nSites());
        ay[j] = java.util.Arrays.copyOf(fy[layers[j]], 6 + plan.nSites());
        count[j] = 6;
      }
      double before = completeWeight(dx, dy, w, ax, ay, count, r);
      assertThat(plan.initialShare()).isEqualTo(before / total);
      double sumGain = 0;
      for (int s = 0; s < plan.nSites(); s++) {
        int j = plan.layer()[s];
        ax[j][count[j]] = cx[plan.candidate()[s]];
        ay[j][count[j]] = cy[plan.candidate()[s]];
        count[j]++;
        double after = completeWeight(dx, dy, w, ax, ay, count, r);
        assertThat(after - before)
            .as("step %s of %s layers", s, layers.length)
            .isEqualTo(plan.gain()[s]);
        assertThat(plan.share()[s]).isCloseTo(after / total, within(1e-12));
        sumGain += plan.gain()[s];
        before = after;
      }
      assertThat(plan.shareAfter(plan.nSites()))
          .isCloseTo((plan.initialShare() * total + sumGain) / total, within(1e-12));
    }
  }

  @Test
  void badInputIsNamed() {
    CoverageSets sets = CoverageSets.within(LINE_X, ZERO, LINE_X, ZERO, 100);
    assertThatThrownBy(
            () ->
                new MaximalCovering(
                    new CoverageSets[] {sets}, new double[] {1, 2, -1, 0, 0}, all(5)))
        .hasMessage("Cannot site: weight -1.0 of demand point 2 is not a finite number ≥ 0");
    assertThatThrownBy(() -> line(all(5)).solve(1.5, 3))
        .hasMessage("Cannot site: target share 1.5 is outside [0, 1]");
  }

  private static boolean anyWithin(double x, double y, double[] fx, double[] fy, int nf, double r) {
    for (int f = 0; f < nf; f++) {
      double ex = fx[f] - x;
      double ey = fy[f] - y;
      if (ex * ex + ey * ey <= r * r) {
        return true;
      }
    }
    return false;
  }

  private static double completeWeight(
      double[] dx, double[] dy, double[] w, double[][] fx, double[][] fy, int[] nf, double r) {
    double sum = 0;
    for (int i = 0; i < dx.length; i++) {
      boolean all = true;
      for (int l = 0; l < fx.length && all; l++) {
        all = anyWithin(dx[i], dy[i], fx[l], fy[l], nf[l], r);
      }
      sum += all ? w[i] : 0;
    }
    return sum;
  }

  private static double covered(
      double[] w, double[] dx, double[] dy, double r, double[] cx, double[] cy) {
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      sum += anyWithin(dx[i], dy[i], cx, cy, cx.length, r) ? w[i] : 0;
    }
    return sum;
  }
}
