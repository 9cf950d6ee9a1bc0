package org.livingcircle.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.livingcircle.streets.FootGraph;

class VertexSnapTest {
  @Test
  void nearestVertexEqualsBruteForceInsideAndFarOutside() {
    FootGraph g = SyntheticGraphs.grid(30, 11);
    VertexSnap snap = new VertexSnap(g);
    Random r = new Random(2);
    for (int i = 0; i < 3000; i++) {
      /* inside the grid, and up to 5 km outside it on every side */
      double x = -5000 + r.nextDouble() * 14_000;
      double y = -5000 + r.nextDouble() * 13_000;
      assertThat(snap.nearest(x, y)).as("point (%s, %s)", x, y).isEqualTo(bruteForce(g, x, y));
    }
  }

  @Test
  void aVertexSnapsToItselfAndTiesGoToTheSmallestNumber() {
    FootGraph g = SyntheticGraphs.grid(12, 4);
    VertexSnap snap = new VertexSnap(g);
    for (int v = 0; v < g.vertexCount(); v++) {
      assertThat(snap.nearest(g.x(v), g.y(v))).isEqualTo(v);
    }
    double[] x = {0, 10, 0, 10};
    double[] y = {0, 0, 10, 10};
    FootGraph square =
        new FootGraph(
            "EPSG:32649",
            x,
            y,
            new int[] {0, 2},
            new int[] {1, 3},
            new double[] {10, 10},
            new int[] {0, 2, 4},
            new double[] {0, 10, 0, 10},
            new double[] {0, 0, 10, 10},
            new long[] {1, 2});
    assertThat(new VertexSnap(square).nearest(5, 5))
        .as("equidistant from all four corners")
        .isZero();
    assertThat(new VertexSnap(square).nearest(new double[] {9, 6}, new double[] {9, 4}))
        .containsExactly(3, 1);
  }

  private static int bruteForce(FootGraph g, double x, double y) {
    int best = -1;
    double bestD2 = Double.POSITIVE_INFINITY;
    for (int v = 0; v < g.vertexCount(); v++) {
      double d2 = (g.x(v) - x) * (g.x(v) - x) + (g.y(v) - y) * (g.y(v) - y);
      if (d2 < bestD2) {
        bestD2 = d2;
        best = v;
      }
    }
    return best;
  }
}
