package org.livingcircle.streets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WalkSearchTest {
  @Test
  void handDrawnPathWithShortcut() {
    // SYNTHETIC: a square 0-1-2-3 of 100 m sides and a 150 m diagonal 0-2; vertex 4 is isolated
    double[] x = {0, 100, 100, 0, 500};
    double[] y = {0, 0, 100, 100, 500};
    FootGraph g =
        SyntheticGraphs.straight(
            x,
            y,
            new int[] {0, 1, 2, 3, 0},
            new int[] {1, 2, 3, 0, 2},
            new double[] {100, 100, 100, 100, 150});
    WalkSearch search = new WalkSearch(g);
    double[] out = new double[5];
    search.multiSource(new int[] {0}, new double[] {10}, Double.POSITIVE_INFINITY, out);
    assertThat(out).containsExactly(10, 110, 160, 110, Double.POSITIVE_INFINITY);

    search.multiSource(new int[] {0}, new double[] {10}, 110, out);
    assertThat(out)
        .containsExactly(10, 110, Double.POSITIVE_INFINITY, 110, Double.POSITIVE_INFINITY);

    int n = search.bounded(new int[] {0, 2}, new double[] {0, 20}, 75);
    assertThat(n).isEqualTo(2);
    assertThat(search.settledVertex(0)).isEqualTo(0);
    assertThat(search.settledVertex(1)).isEqualTo(2);
    assertThat(search.distance(2)).isEqualTo(20);
    assertThat(search.distance(1)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void multiSourceAndBoundedMatchFloydWarshallOnRandomGraphs() {
    SplittableRandom rnd = new SplittableRandom(20261202);
    for (int trial = 0; trial < 300; trial++) {
      int nV = 2 + rnd.nextInt(30);
      int nE = rnd.nextInt(2 * nV);
      FootGraph g = SyntheticGraphs.random(rnd, nV, nE, 1000);
      double[][] fw = SyntheticGraphs.floydWarshall(g);
      WalkSearch search = new WalkSearch(g);
      double[] out = new double[nV];
      for (int run = 0; run < 5; run++) {
        int nSeeds = 1 + rnd.nextInt(4);
        int[] seeds = new int[nSeeds];
        double[] seedDistance = new double[nSeeds];
        for (int s = 0; s < nSeeds; s++) {
          seeds[s] = rnd.nextInt(nV);
          seedDistance[s] = rnd.nextInt(300);
        }
        double limit = rnd.nextInt(5) == 0 ? Double.POSITIVE_INFINITY : rnd.nextInt(2500);
        double[] expected = new double[nV];
        int nWithin = 0;
        for (int v = 0; v < nV; v++) {
          double best = Double.POSITIVE_INFINITY;
          for (int s = 0; s < nSeeds; s++) {
            best = Math.min(best, seedDistance[s] + fw[seeds[s]][v]);
          }
          expected[v] = best <= limit ? best : Double.POSITIVE_INFINITY;
          nWithin += best <= limit && best < Double.POSITIVE_INFINITY ? 1 : 0;
        }
        search.multiSource(seeds, seedDistance, limit, out);
        assertThat(out).as("trial %s run %s", trial, run).containsExactly(expected);

        int settled = search.bounded(seeds, seedDistance, limit);
        assertThat(settled).isEqualTo(nWithin);
        double previous = 0;
        boolean[] seen = new boolean[nV];
        for (int k = 0; k < settled; k++) {
          int v = search.settledVertex(k);
          assertThat(seen[v]).isFalse();
          seen[v] = true;
          assertThat(search.distance(v)).isEqualTo(expected[v]).isGreaterThanOrEqualTo(previous);
          previous = search.distance(v);
        }
        for (int v = 0; v < nV; v++) {
          if (!seen[v]) {
            assertThat(search.distance(v)).isEqualTo(Double.POSITIVE_INFINITY);
          }
        }
      }
    }
  }

  @Test
  void seedsOfALinkedPoint() {
    FootGraph g =
        SyntheticGraphs.straight(
            new double[] {0, 100}, new double[] {0, 0}, new int[] {1}, new int[] {0});
    PointLinks links =
        new PointLinks(
            new int[] {0, PointLinks.UNLINKED},
            new double[] {30, Double.NaN},
            new double[] {70, Double.NaN},
            new double[] {4, Double.NaN});
    int[] v = new int[2];
    double[] d = new double[2];
    WalkSearch.seedsOf(g, links, 0, v, d);
    assertThat(v).containsExactly(1, 0);
    assertThat(d[0]).isCloseTo(34, within(0.0));
    assertThat(d[1]).isCloseTo(74, within(0.0));
    assertThatThrownBy(() -> WalkSearch.seedsOf(g, links, 1, v, d))
        .hasMessageContaining("not linked");
  }

  @Test
  void rejectsBadSeeds() {
    FootGraph g =
        SyntheticGraphs.straight(
            new double[] {0, 100}, new double[] {0, 0}, new int[] {0}, new int[] {1});
    WalkSearch search = new WalkSearch(g);
    assertThatThrownBy(() -> search.bounded(new int[] {2}, new double[] {0}, 10))
        .hasMessageContaining("outside [0, 2)");
    assertThatThrownBy(() -> search.bounded(new int[] {0}, new double[] {-1}, 10))
        .hasMessageContaining("distance -1");
    assertThatThrownBy(() -> search.bounded(new int[] {0}, new double[] {0}, Double.NaN))
        .hasMessageContaining("limit");
  }

  @Test
  void edgePointsListEachEdgesLinkedPoints() {
    PointLinks links =
        new PointLinks(
            new int[] {2, -1, 0, 2},
            new double[] {1, Double.NaN, 2, 3},
            new double[] {1, Double.NaN, 2, 3},
            new double[] {0, Double.NaN, 0, 0});
    EdgePoints index = EdgePoints.of(3, links);
    assertThat(index.size()).isEqualTo(3);
    assertThat(index.end(0) - index.start(0)).isEqualTo(1);
    assertThat(index.point(index.start(0))).isEqualTo(2);
    assertThat(index.end(1) - index.start(1)).isZero();
    assertThat(new int[] {index.point(index.start(2)), index.point(index.start(2) + 1)})
        .containsExactly(0, 3);
    assertThatThrownBy(() -> EdgePoints.of(2, links))
        .hasMessageContaining("edge 2 is outside [0, 2)");
  }
}
