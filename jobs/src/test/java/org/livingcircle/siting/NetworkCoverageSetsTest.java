package org.livingcircle.siting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.livingcircle.streets.FootGraph;
import org.livingcircle.streets.PointLinks;

/**
 * NetworkCoverageSets against Floyd–Warshall and contract §3 written out here (SYNTHETIC random
 * graphs).
 */
class NetworkCoverageSetsTest {
  /**
   * A random graph: jittered vertices, random edges (some parallel, a self-loop, several
   * components).
   */
  private record Case(
      FootGraph graph, double[][] vertexDistance, PointLinks candidates, PointLinks demand) {}

  private static Case randomCase(long seed, int nV, int nE, int nCandidates, int nDemand) {
    Random rnd = new Random(seed);
    double[] x = new double[nV];
    double[] y = new double[nV];
    for (int v = 0; v < nV; v++) {
      x[v] = rnd.nextDouble() * 1000;
      y[v] = rnd.nextDouble() * 1000;
    }
    int[] from = new int[nE];
    int[] to = new int[nE];
    double[] length = new double[nE];
    int[] geometryStart = new int[nE + 1];
    double[] gx = new double[2 * nE];
    double[] gy = new double[2 * nE];
    long[] way = new long[nE];
    for (int e = 0; e < nE; e++) {
      // edges stay within one of two halves of the vertex range: two components
      int half = rnd.nextInt(4) == 0 ? nV / 2 : 0;
      int span = half == 0 ? nV / 2 : nV - nV / 2;
      from[e] = half + rnd.nextInt(span);
      to[e] = e == 0 ? from[e] : half + rnd.nextInt(span);
      length[e] =
          Math.hypot(x[from[e]] - x[to[e]], y[from[e]] - y[to[e]]) * (1 + rnd.nextDouble()) + 1;
      geometryStart[e + 1] = 2 * (e + 1);
      gx[2 * e] = x[from[e]];
      gy[2 * e] = y[from[e]];
      gx[2 * e + 1] = x[to[e]];
      gy[2 * e + 1] = y[to[e]];
      way[e] = e;
    }
    FootGraph g = new FootGraph("EPSG:32649", x, y, from, to, length, geometryStart, gx, gy, way);
    double[][] d = new double[nV][nV];
    for (double[] row : d) {
      Arrays.fill(row, Double.POSITIVE_INFINITY);
    }
    for (int v = 0; v < nV; v++) {
      d[v][v] = 0;
    }
    for (int e = 0; e < nE; e++) {
      d[from[e]][to[e]] = Math.min(d[from[e]][to[e]], length[e]);
      d[to[e]][from[e]] = Math.min(d[to[e]][from[e]], length[e]);
    }
    for (int k = 0; k < nV; k++) {
      for (int i = 0; i < nV; i++) {
        for (int j = 0; j < nV; j++) {
          if (d[i][k] + d[k][j] < d[i][j]) {
            d[i][j] = d[i][k] + d[k][j];
          }
        }
      }
    }
    return new Case(g, d, links(rnd, nCandidates, length), links(rnd, nDemand, length));
  }

  /**
   * Random links: one in six unlinked; the rest on a random edge (few edges, so many share one).
   */
  private static PointLinks links(Random rnd, int n, double[] length) {
    int[] edge = new int[n];
    double[] alongFrom = new double[n];
    double[] alongTo = new double[n];
    double[] off = new double[n];
    for (int i = 0; i < n; i++) {
      if (rnd.nextInt(6) == 0) {
        edge[i] = PointLinks.UNLINKED;
        alongFrom[i] = alongTo[i] = off[i] = Double.NaN;
        continue;
      }
      int e = rnd.nextInt(length.length);
      edge[i] = e;
      alongFrom[i] = rnd.nextDouble() * length[e];
      alongTo[i] = length[e] - alongFrom[i];
      off[i] = rnd.nextDouble() * 60;
    }
    return new PointLinks(edge, alongFrom, alongTo, off);
  }

  /** Contract §3 from the all-pairs vertex distances. */
  private static double oracle(Case c, int k, int j) {
    PointLinks a = c.candidates;
    PointLinks b = c.demand;
    if (!a.linked(k) || !b.linked(j)) {
      return Double.POSITIVE_INFINITY;
    }
    FootGraph g = c.graph;
    int af = g.edgeFrom(a.edge(k));
    int at = g.edgeTo(a.edge(k));
    int bf = g.edgeFrom(b.edge(j));
    int bt = g.edgeTo(b.edge(j));
    double[][] d = c.vertexDistance;
    double best =
        Math.min(
            Math.min(
                a.alongFrom(k) + d[af][bf] + b.alongFrom(j),
                a.alongFrom(k) + d[af][bt] + b.alongTo(j)),
            Math.min(
                a.alongTo(k) + d[at][bf] + b.alongFrom(j),
                a.alongTo(k) + d[at][bt] + b.alongTo(j)));
    if (a.edge(k) == b.edge(j)) {
      best = Math.min(best, Math.abs(a.alongFrom(k) - b.alongFrom(j)));
    }
    return a.offStreet(k) + best + b.offStreet(j);
  }

  @Test
  void coversExactlyTheDemandWithinTheWalkingMetresOnTheNetwork() {
    int checkedPairs = 0;
    for (long seed = 1; seed <= 30; seed++) {
      Case c = randomCase(seed, 24, 30, 25, 60);
      double walk = 200 + 150 * (seed % 7);
      NetworkCoverageSets n = NetworkCoverageSets.within(c.graph, c.candidates, c.demand, walk);
      CoverageSets s = n.sets;
      assertThat(s.nCandidates).isEqualTo(c.candidates.size());
      assertThat(s.nDemand).isEqualTo(c.demand.size());
      assertThat(s.radiusMeters).isEqualTo(walk);
      assertThat(n.candidatesUnlinked).isEqualTo(c.candidates.unlinkedCount());
      assertThat(n.demandUnlinked).isEqualTo(c.demand.unlinkedCount());
      for (int k = 0; k < s.nCandidates; k++) {
        List<Integer> expected = new ArrayList<>();
        List<Double> expectedMeters = new ArrayList<>();
        for (int j = 0; j < s.nDemand; j++) {
          double d = oracle(c, k, j);
          if (d <= walk) {
            expected.add(j);
            expectedMeters.add(d);
          }
        }
        int[] got = Arrays.copyOfRange(s.demand, s.start[k], s.start[k + 1]);
        assertThat(got)
            .as("seed %s candidate %s", seed, k)
            .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
        for (int q = 0; q < got.length; q++) {
          assertThat(n.pairMeters[s.start[k] + q]).isCloseTo(expectedMeters.get(q), within(1e-6));
        }
        if (!c.candidates.linked(k)) {
          assertThat(got).isEmpty();
        }
        checkedPairs += got.length;
      }
    }
    // the random cases cover something (else the comparison above proves nothing)
    assertThat(checkedPairs).isGreaterThan(500);
  }

  @Test
  void capacitySitingWeighsTheNetworkDistance() {
    Case c = randomCase(7, 24, 30, 25, 60);
    double d0 = 700;
    Random rnd = new Random(99);
    double[] people = new double[c.demand.size()];
    double[] access = new double[c.demand.size()];
    for (int j = 0; j < people.length; j++) {
      people[j] = rnd.nextInt(200);
      access[j] = rnd.nextDouble() * 0.02;
    }
    double target = 0.03;
    double module = 5;
    CapacitySiting.Plan plan =
        new CapacitySiting(
                NetworkCoverageSets.within(c.graph, c.candidates, c.demand, d0), people, access)
            .solve(target, module, 1);
    // brute force: the first module's gain at every candidate, Gaussian on D/d0 with D from the
    // oracle
    double bestGain = 0;
    int best = -1;
    for (int k = 0; k < c.candidates.size(); k++) {
      double[] w = new double[people.length];
      double sum = 0;
      for (int j = 0; j < people.length; j++) {
        double d = oracle(c, k, j);
        if (d <= d0) {
          w[j] = (Math.exp(-0.5 * (d / d0) * (d / d0)) - Math.exp(-0.5)) / (1 - Math.exp(-0.5));
          sum += w[j] * people[j];
        }
      }
      if (sum <= 0) {
        continue;
      }
      double gain = 0;
      for (int j = 0; j < people.length; j++) {
        gain +=
            people[j]
                * (Math.min(access[j] + w[j] * module / sum, target) - Math.min(access[j], target));
      }
      if (gain > bestGain + 1e-12) {
        bestGain = gain;
        best = k;
      }
    }
    assertThat(best).isGreaterThanOrEqualTo(0);
    assertThat(plan.candidate()).containsExactly(best);
    assertThat(plan.gain()[0]).isCloseTo(bestGain, within(1e-9));
  }
}
