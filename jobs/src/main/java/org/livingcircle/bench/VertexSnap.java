package org.livingcircle.bench;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import java.util.Arrays;
import org.livingcircle.streets.FootGraph;

/**
 * Points snapped to their nearest graph vertex, as pandana does for its POIs (a KD-tree over the
 * nodes, no impedance for the snap). The bench snaps once and hands the same vertex to pandana and
 * to our searches.
 *
 * <p>A uniform bucket grid over the vertices, searched in rings around the point's bucket until no
 * closer vertex can remain; ties go to the smallest vertex number. Thread-safe once built.
 */
final class VertexSnap {
  private final FootGraph graph;
  private final double minX;
  private final double minY;
  private final double bucketM;
  private final int nx;
  private final int ny;

  /**
   * Vertices of bucket b are {@code bucketVertex[bucketStart[b] .. bucketStart[b+1]-1]}, ascending.
   */
  private final int[] bucketStart;

  private final int[] bucketVertex;

  VertexSnap(FootGraph graph) {
    this.graph = notNull(graph, "foot graph");
    int n = graph.vertexCount();
    check(n > 0, "Cannot snap to a foot graph without vertices");
    double x0 = Double.POSITIVE_INFINITY;
    double y0 = Double.POSITIVE_INFINITY;
    double x1 = Double.NEGATIVE_INFINITY;
    double y1 = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < n; v++) {
      x0 = Math.min(x0, graph.x(v));
      y0 = Math.min(y0, graph.y(v));
      x1 = Math.max(x1, graph.x(v));
      y1 = Math.max(y1, graph.y(v));
    }
    double side = Math.max(Math.max(x1 - x0, y1 - y0), 1);
    /* about two vertices per bucket on a uniform spread, at most 4096 buckets a side */
    double bucket =
        Math.max(side / 4096, Math.sqrt(Math.max((x1 - x0) * (y1 - y0), 1) / Math.max(n / 2.0, 1)));
    this.minX = x0;
    this.minY = y0;
    this.bucketM = Math.max(bucket, 1e-3);
    this.nx = (int) Math.min(4096, Math.floor((x1 - x0) / bucketM) + 1);
    this.ny = (int) Math.min(4096, Math.floor((y1 - y0) / bucketM) + 1);
    int[] start = new int[nx * ny + 1];
    int[] bucketOf = new int[n];
    for (int v = 0; v < n; v++) {
      bucketOf[v] = bucketX(graph.x(v)) + nx * bucketY(graph.y(v));
      start[bucketOf[v] + 1]++;
    }
    for (int b = 0; b < nx * ny; b++) {
      start[b + 1] += start[b];
    }
    int[] fill = Arrays.copyOf(start, nx * ny);
    int[] members = new int[n];
    for (int v = 0; v < n; v++) {
      members[fill[bucketOf[v]]++] = v;
    }
    this.bucketStart = start;
    this.bucketVertex = members;
  }

  private int bucketX(double x) {
    return (int) Math.max(0, Math.min(nx - 1, Math.floor((x - minX) / bucketM)));
  }

  private int bucketY(double y) {
    return (int) Math.max(0, Math.min(ny - 1, Math.floor((y - minY) / bucketM)));
  }

  /**
   * The vertex nearest to (x, y) in metres of the graph's CRS; the smallest number among equally
   * near ones.
   */
  int nearest(double x, double y) {
    check(Double.isFinite(x) && Double.isFinite(y), "Cannot snap point (%s, %s): not finite", x, y);
    /* the point's bucket, unclamped: a point outside the grid starts from its own (empty) ring */
    long cx = (long) Math.floor((x - minX) / bucketM);
    long cy = (long) Math.floor((y - minY) / bucketM);
    long maxRing =
        Math.max(
            Math.max(Math.abs(cx), Math.abs(cx - (nx - 1))),
            Math.max(Math.abs(cy), Math.abs(cy - (ny - 1))));
    int best = -1;
    double bestD2 = Double.POSITIVE_INFINITY;
    for (long r = 0; r <= maxRing; r++) {
      for (long by = Math.max(0, cy - r); by <= Math.min(ny - 1, cy + r); by++) {
        boolean edgeRow = by == cy - r || by == cy + r;
        long step = edgeRow ? 1 : Math.max(1, 2 * r);
        for (long bx = cx - r; bx <= cx + r; bx += step) {
          if (bx < 0 || bx >= nx) {
            continue;
          }
          int b = (int) (bx + (long) nx * by);
          for (int k = bucketStart[b]; k < bucketStart[b + 1]; k++) {
            int v = bucketVertex[k];
            double dx = graph.x(v) - x;
            double dy = graph.y(v) - y;
            double d2 = dx * dx + dy * dy;
            if (d2 < bestD2 || (d2 == bestD2 && v < best)) {
              bestD2 = d2;
              best = v;
            }
          }
        }
      }
      /* every vertex of ring r + 1 is at least r bucket sides away */
      double bound = r * bucketM;
      if (best >= 0 && bestD2 < bound * bound) {
        break;
      }
    }
    return best;
  }

  /** {@link #nearest} of every point. */
  int[] nearest(double[] x, double[] y) {
    check(x.length == y.length, "Cannot snap points: %s x but %s y values", x.length, y.length);
    int[] out = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = nearest(x[i], y[i]);
    }
    return out;
  }
}
