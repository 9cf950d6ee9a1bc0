package org.livingcircle.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.livingcircle.streets.FootGraph;

/**
 * SYNTHETIC test graphs: a jittered street grid with whole-metre edge lengths, gaps, and a detached
 * island.
 */
final class SyntheticGraphs {
  private SyntheticGraphs() {}

  /**
   * A {@code side × side} grid of vertices 100 m apart (jittered), about 15 % of the edges left
   * out, each edge as long as a whole number of metres ≥ its straight line, plus a separate
   * 3-vertex island; parallel edges kept.
   */
  static FootGraph grid(int side, long seed) {
    Random r = new Random(seed);
    List<double[]> xy = new ArrayList<>();
    for (int j = 0; j < side; j++) {
      for (int i = 0; i < side; i++) {
        xy.add(new double[] {i * 100 + r.nextDouble() * 20, j * 100 + r.nextDouble() * 20});
      }
    }
    List<int[]> edges = new ArrayList<>();
    for (int j = 0; j < side; j++) {
      for (int i = 0; i < side; i++) {
        int v = j * side + i;
        if (i + 1 < side && r.nextDouble() > 0.15) {
          edges.add(new int[] {v, v + 1});
        }
        if (j + 1 < side && r.nextDouble() > 0.15) {
          edges.add(new int[] {v, v + side});
        }
      }
    }
    edges.add(new int[] {0, 1}); // a parallel edge (two ways between the same junctions)
    int island = xy.size();
    xy.add(new double[] {side * 100 + 500, 0});
    xy.add(new double[] {side * 100 + 600, 0});
    xy.add(new double[] {side * 100 + 600, 100});
    edges.add(new int[] {island, island + 1});
    edges.add(new int[] {island + 1, island + 2});
    int nV = xy.size();
    int nE = edges.size();
    double[] x = new double[nV];
    double[] y = new double[nV];
    for (int v = 0; v < nV; v++) {
      x[v] = xy.get(v)[0];
      y[v] = xy.get(v)[1];
    }
    int[] from = new int[nE];
    int[] to = new int[nE];
    double[] length = new double[nE];
    int[] geometryStart = new int[nE + 1];
    double[] gx = new double[2 * nE];
    double[] gy = new double[2 * nE];
    long[] way = new long[nE];
    for (int e = 0; e < nE; e++) {
      from[e] = edges.get(e)[0];
      to[e] = edges.get(e)[1];
      double straight = Math.hypot(x[to[e]] - x[from[e]], y[to[e]] - y[from[e]]);
      length[e] = Math.ceil(straight) + r.nextInt(40);
      geometryStart[e + 1] = 2 * (e + 1);
      gx[2 * e] = x[from[e]];
      gy[2 * e] = y[from[e]];
      gx[2 * e + 1] = x[to[e]];
      gy[2 * e + 1] = y[to[e]];
      way[e] = 1000 + e;
    }
    return new FootGraph("EPSG:32649", x, y, from, to, length, geometryStart, gx, gy, way);
  }

  /** All-pairs shortest distances by Floyd–Warshall over the edge list (+∞ when unreachable). */
  static double[][] allPairs(FootGraph g) {
    int n = g.vertexCount();
    double[][] d = new double[n][n];
    for (int a = 0; a < n; a++) {
      java.util.Arrays.fill(d[a], Double.POSITIVE_INFINITY);
      d[a][a] = 0;
    }
    for (int e = 0; e < g.edgeCount(); e++) {
      int a = g.edgeFrom(e);
      int b = g.edgeTo(e);
      double l = Math.min(d[a][b], g.edgeLength(e));
      d[a][b] = l;
      d[b][a] = l;
    }
    for (int k = 0; k < n; k++) {
      for (int a = 0; a < n; a++) {
        for (int b = 0; b < n; b++) {
          if (d[a][k] + d[k][b] < d[a][b]) {
            d[a][b] = d[a][k] + d[k][b];
          }
        }
      }
    }
    return d;
  }
}
