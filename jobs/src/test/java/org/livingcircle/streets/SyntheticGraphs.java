package org.livingcircle.streets;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Test fixture: SYNTHETIC foot graphs drawn by hand or at random (not OpenStreetMap data), plus a
 * Floyd–Warshall oracle of vertex-to-vertex distances.
 */
public final class SyntheticGraphs {
  private SyntheticGraphs() {}

  /**
   * A graph of straight edges: edge {@code e} joins {@code from[e]} and {@code to[e]} with length
   * {@code length[e]}.
   */
  public static FootGraph straight(double[] x, double[] y, int[] from, int[] to, double[] length) {
    int nE = from.length;
    int[] start = new int[nE + 1];
    double[] gx = new double[2 * nE];
    double[] gy = new double[2 * nE];
    for (int e = 0; e < nE; e++) {
      start[e + 1] = 2 * (e + 1);
      gx[2 * e] = x[from[e]];
      gy[2 * e] = y[from[e]];
      gx[2 * e + 1] = x[to[e]];
      gy[2 * e + 1] = y[to[e]];
    }
    return new FootGraph("EPSG:32649", x, y, from, to, length, start, gx, gy, new long[nE]);
  }

  /** As {@link #straight} with each length the straight line between the ends. */
  public static FootGraph straight(double[] x, double[] y, int[] from, int[] to) {
    double[] length = new double[from.length];
    for (int e = 0; e < from.length; e++) {
      length[e] = Math.hypot(x[to[e]] - x[from[e]], y[to[e]] - y[from[e]]);
    }
    return straight(x, y, from, to, length);
  }

  /**
   * A random graph: {@code nV} vertices on whole metres in a square of {@code side} metres at a
   * UTM-like offset, {@code nE} edges between random vertices (some parallel, about 3 % loops),
   * each a polyline of 2 to 4 points whose inner points are whole metres too, with a length of the
   * polyline's metres rounded up to a whole metre (so no edge is shorter than its geometry, and
   * path sums of whole metres are exact).
   */
  public static FootGraph random(SplittableRandom rnd, int nV, int nE, double side) {
    double x0 = 500_000;
    double y0 = 4_000_000;
    double[] x = new double[nV];
    double[] y = new double[nV];
    for (int v = 0; v < nV; v++) {
      x[v] = x0 + rnd.nextInt((int) side + 1);
      y[v] = y0 + rnd.nextInt((int) side + 1);
    }
    int[] from = new int[nE];
    int[] to = new int[nE];
    double[] length = new double[nE];
    int[] start = new int[nE + 1];
    double[] gx = new double[4 * nE];
    double[] gy = new double[4 * nE];
    int p = 0;
    for (int e = 0; e < nE; e++) {
      from[e] = rnd.nextInt(nV);
      to[e] = rnd.nextInt(100) < 3 ? from[e] : rnd.nextInt(nV);
      int inner = rnd.nextInt(3);
      if (from[e] == to[e] && inner == 0) {
        inner = 2;
      }
      gx[p] = x[from[e]];
      gy[p] = y[from[e]];
      p++;
      for (int k = 0; k < inner; k++) {
        gx[p] = x0 + rnd.nextInt((int) side + 1);
        gy[p] = y0 + rnd.nextInt((int) side + 1);
        p++;
      }
      gx[p] = x[to[e]];
      gy[p] = y[to[e]];
      p++;
      start[e + 1] = p;
      double polyline = 0;
      for (int q = start[e] + 1; q < p; q++) {
        polyline += Math.hypot(gx[q] - gx[q - 1], gy[q] - gy[q - 1]);
      }
      length[e] = Math.ceil(polyline);
    }
    return new FootGraph(
        "EPSG:32649",
        x,
        y,
        from,
        to,
        length,
        start,
        Arrays.copyOf(gx, p),
        Arrays.copyOf(gy, p),
        new long[nE]);
  }

  /** All-pairs vertex distances by Floyd–Warshall (+∞ when unreachable). */
  public static double[][] floydWarshall(FootGraph g) {
    int n = g.vertexCount();
    double[][] d = new double[n][n];
    for (double[] row : d) {
      Arrays.fill(row, Double.POSITIVE_INFINITY);
    }
    for (int v = 0; v < n; v++) {
      d[v][v] = 0;
    }
    for (int e = 0; e < g.edgeCount(); e++) {
      int a = g.edgeFrom(e);
      int b = g.edgeTo(e);
      double l = g.edgeLength(e);
      if (l < d[a][b]) {
        d[a][b] = l;
        d[b][a] = l;
      }
    }
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (d[i][k] + d[k][j] < d[i][j]) {
            d[i][j] = d[i][k] + d[k][j];
          }
        }
      }
    }
    return d;
  }
}
