package org.livingcircle.streets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EdgeLinkerTest {
  @Test
  void pointBesideASegment() {
    // SYNTHETIC: one 100 m edge along the x axis
    FootGraph g =
        SyntheticGraphs.straight(
            new double[] {0, 100}, new double[] {0, 0}, new int[] {0}, new int[] {1});
    PointLinks links =
        new EdgeLinker(g, 500).link(new double[] {30, -3, 130}, new double[] {4, 4, 0});
    assertThat(links.edge(0)).isZero();
    assertThat(links.alongFrom(0)).isEqualTo(30);
    assertThat(links.alongTo(0)).isEqualTo(70);
    assertThat(links.offStreet(0)).isEqualTo(4);
    // beyond the from end: the split point is the end vertex
    assertThat(links.alongFrom(1)).isZero();
    assertThat(links.offStreet(1)).isEqualTo(5);
    assertThat(links.alongTo(2)).isZero();
    assertThat(links.offStreet(2)).isEqualTo(30);
  }

  @Test
  void radiusIsInclusiveAndFartherPointsAreUnlinked() {
    FootGraph g =
        SyntheticGraphs.straight(
            new double[] {0, 100}, new double[] {0, 0}, new int[] {0}, new int[] {1});
    PointLinks links =
        new EdgeLinker(g, 500).link(new double[] {30, 30, 5000}, new double[] {500, 500.01, 5000});
    assertThat(links.linked(0)).isTrue();
    assertThat(links.offStreet(0)).isEqualTo(500);
    assertThat(links.linked(1)).isFalse();
    assertThat(links.edge(1)).isEqualTo(PointLinks.UNLINKED);
    assertThat(links.offStreet(1)).isNaN();
    assertThat(links.linked(2)).isFalse();
    assertThat(links.unlinkedCount()).isEqualTo(2);
  }

  @Test
  void tieGoesToTheSmallestEdgeIndex() {
    // SYNTHETIC: two parallel edges 10 m either side of the point, in both index orders
    double[] x = {0, 100, 0, 100};
    double[] y = {10, 10, -10, -10};
    FootGraph upperFirst = SyntheticGraphs.straight(x, y, new int[] {0, 2}, new int[] {1, 3});
    FootGraph lowerFirst = SyntheticGraphs.straight(x, y, new int[] {2, 0}, new int[] {3, 1});
    for (FootGraph g : new FootGraph[] {upperFirst, lowerFirst}) {
      PointLinks links = new EdgeLinker(g, 500, 7).link(new double[] {50}, new double[] {0});
      assertThat(links.edge(0)).isZero();
      assertThat(links.offStreet(0)).isEqualTo(10);
    }
    // a shared vertex: the point is nearest to vertex 1, the end of edges 0 and 1 → edge 0
    FootGraph corner =
        SyntheticGraphs.straight(
            new double[] {0, 100, 100},
            new double[] {0, 0, 100},
            new int[] {1, 0},
            new int[] {2, 1});
    PointLinks links = new EdgeLinker(corner, 500).link(new double[] {120}, new double[] {-20});
    assertThat(links.edge(0)).isZero();
    assertThat(links.alongFrom(0)).isZero();
    assertThat(links.alongTo(0)).isEqualTo(100);
  }

  @Test
  void aGraphWithoutEdgesLinksNothing() {
    FootGraph empty =
        SyntheticGraphs.straight(new double[] {0}, new double[] {0}, new int[0], new int[0]);
    PointLinks links = new EdgeLinker(empty, 500).link(new double[] {0, 10}, new double[] {0, 10});
    assertThat(links.unlinkedCount()).isEqualTo(2);
  }

  @Test
  void alongDistancesAreScaledToTheEdgeLength() {
    // SYNTHETIC: a bent polyline of 100 + 100 m whose edge length says 300 m (a hand-made graph)
    FootGraph g =
        new FootGraph(
            "EPSG:32649",
            new double[] {0, 100},
            new double[] {0, 100},
            new int[] {0},
            new int[] {1},
            new double[] {300},
            new int[] {0, 3},
            new double[] {0, 100, 100},
            new double[] {0, 0, 100},
            new long[] {7});
    PointLinks links = new EdgeLinker(g, 500).link(new double[] {105}, new double[] {50});
    assertThat(links.alongFrom(0)).isCloseTo(225, within(1e-9));
    assertThat(links.alongTo(0)).isCloseTo(75, within(1e-9));
    assertThat(links.offStreet(0)).isEqualTo(5);
  }

  @Test
  void matchesABruteForceScanOfEverySegment() {
    SplittableRandom rnd = new SplittableRandom(42);
    for (int trial = 0; trial < 200; trial++) {
      int nV = 2 + rnd.nextInt(20);
      FootGraph g = SyntheticGraphs.random(rnd, nV, 1 + rnd.nextInt(30), 400 + rnd.nextInt(3000));
      double radius = 20 + rnd.nextInt(600);
      double bucket = new double[] {3, 17, 50, 400, 5000}[rnd.nextInt(5)];
      EdgeLinker linker = new EdgeLinker(g, radius, bucket);
      int n = 50;
      double[] px = new double[n];
      double[] py = new double[n];
      for (int i = 0; i < n; i++) {
        px[i] = 499_000 + rnd.nextDouble() * 6000;
        py[i] = 3_999_000 + rnd.nextDouble() * 6000;
      }
      // a few points exactly on polyline vertices, where ties are common
      for (int i = 0; i < 5; i++) {
        int p = rnd.nextInt(g.geometryEnd(g.edgeCount() - 1));
        px[i] = g.geometryX(p);
        py[i] = g.geometryY(p);
      }
      PointLinks links = linker.link(px, py);
      for (int i = 0; i < n; i++) {
        double[] expected = bruteForce(g, radius, px[i], py[i]);
        assertThat(links.edge(i)).as("trial %s point %s", trial, i).isEqualTo((int) expected[0]);
        if (expected[0] >= 0) {
          assertThat(links.offStreet(i)).isCloseTo(expected[3], within(1e-9));
          assertThat(links.alongFrom(i)).isCloseTo(expected[1], within(1e-6));
          assertThat(links.alongTo(i)).isCloseTo(expected[2], within(1e-6));
          assertThat(links.alongFrom(i) + links.alongTo(i))
              .isCloseTo(g.edgeLength(links.edge(i)), within(1e-9));
        }
      }
    }
  }

  /**
   * {edge, alongFrom, alongTo, off} of the nearest polyline point, by scanning every segment; edge
   * −1 if none.
   */
  private static double[] bruteForce(FootGraph g, double radius, double px, double py) {
    double best = Double.POSITIVE_INFINITY;
    double[] result = {-1, 0, 0, 0};
    for (int e = 0; e < g.edgeCount(); e++) {
      double polyline = 0;
      for (int p = g.geometryStart(e) + 1; p < g.geometryEnd(e); p++) {
        polyline +=
            Math.hypot(g.geometryX(p) - g.geometryX(p - 1), g.geometryY(p) - g.geometryY(p - 1));
      }
      double before = 0;
      for (int p = g.geometryStart(e); p + 1 < g.geometryEnd(e); p++) {
        double ax = g.geometryX(p);
        double ay = g.geometryY(p);
        double bx = g.geometryX(p + 1);
        double by = g.geometryY(p + 1);
        double seg = Math.hypot(bx - ax, by - ay);
        double t =
            seg == 0
                ? 0
                : Math.max(
                    0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / (seg * seg)));
        double d = Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
        if (d <= radius && d < best - 1e-9) {
          best = d;
          double along = (before + t * seg) * g.edgeLength(e) / polyline;
          result = new double[] {e, along, g.edgeLength(e) - along, d};
        }
        before += seg;
      }
    }
    return result;
  }
}
