package org.livingcircle.streets;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;
import static org.livingcircle.common.Checks.positive;

/**
 * Links points to the nearest point of any edge polyline of a {@link FootGraph} within a radius
 * (contract §2, after R5's {@code LinkedPointSet}): the split point is the closest point of the
 * closest polyline segment; ties in distance go to the smallest edge index, then to the segment
 * nearest the edge's from vertex.
 *
 * <p>Segments are listed in a uniform square bucket grid (each segment in every bucket it crosses),
 * and a query reads rings of buckets outwards from its own until no unread bucket can hold anything
 * nearer than the best segment so far or the radius, so the answer is exact and a point in a dense
 * city reads a handful of buckets.
 *
 * <p>Along-edge metres are the polyline metres to the split point, scaled to the edge's length when
 * the two differ (a hand-made graph), so that {@code alongFrom + alongTo = edgeLength}.
 *
 * <p>Immutable once built, safe to use from many threads (and serializable, to broadcast); {@link
 * #link} allocates only its result.
 */
public final class EdgeLinker implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Bucket side in metres: a street block's worth of segments per bucket in a dense city. */
  static final double DEFAULT_BUCKET_METERS = 50;

  /** Most buckets allowed (2^24, a 64 MiB offsets table); larger extents get larger buckets. */
  static final long MAX_BUCKETS = 1L << 24;

  /**
   * Metres by which a bucket is widened when listing segments, and query bounds are lowered,
   * against rounding.
   */
  private static final double PAD_METERS = 1e-3;

  private final FootGraph graph;
  private final double radiusMeters;
  private final double minX;
  private final double minY;
  private final double bucketMeters;
  private final int nCols;
  private final int nRows;

  /**
   * Segments (by their first polyline point) of bucket {@code b}: {@code
   * bucketSegments[bucketStart[b] ..]}.
   */
  private final int[] bucketStart;

  private final int[] bucketSegments;

  /** Edge of each polyline point, and the polyline metres from its edge's first point. */
  private final int[] pointEdge;

  private final double[] pointAlong;

  /**
   * @param graph pruned foot graph
   * @param radiusMeters link radius in metres, positive: a point farther than this from every edge
   *     is unlinked
   */
  public EdgeLinker(FootGraph graph, double radiusMeters) {
    this(graph, radiusMeters, DEFAULT_BUCKET_METERS);
  }

  EdgeLinker(FootGraph graph, double radiusMeters, double bucketMeters) {
    this.graph = notNull(graph, "foot graph");
    this.radiusMeters = positive(radiusMeters, "link_radius_m");
    positive(bucketMeters, "link bucket size");
    int nE = graph.edgeCount();
    int nPoints = nE == 0 ? 0 : graph.geometryEnd(nE - 1);
    this.pointEdge = new int[nPoints];
    this.pointAlong = new double[nPoints];
    double loX = Double.POSITIVE_INFINITY;
    double loY = Double.POSITIVE_INFINITY;
    double hiX = Double.NEGATIVE_INFINITY;
    double hiY = Double.NEGATIVE_INFINITY;
    for (int e = 0; e < nE; e++) {
      double along = 0;
      for (int p = graph.geometryStart(e), end = graph.geometryEnd(e); p < end; p++) {
        double px = graph.geometryX(p);
        double py = graph.geometryY(p);
        check(
            Double.isFinite(px) && Double.isFinite(py),
            "Cannot link to edge %s: polyline point (%s, %s)",
            e,
            px,
            py);
        if (p > graph.geometryStart(e)) {
          along += Math.hypot(px - graph.geometryX(p - 1), py - graph.geometryY(p - 1));
        }
        pointEdge[p] = e;
        pointAlong[p] = along;
        loX = Math.min(loX, px);
        loY = Math.min(loY, py);
        hiX = Math.max(hiX, px);
        hiY = Math.max(hiY, py);
      }
    }
    if (nPoints == 0) {
      loX = loY = hiX = hiY = 0;
    }
    double side = bucketMeters;
    while (cells(hiX - loX, side) * cells(hiY - loY, side) > MAX_BUCKETS) {
      side *= 2;
    }
    this.bucketMeters = side;
    this.minX = loX;
    this.minY = loY;
    this.nCols = (int) cells(hiX - loX, side);
    this.nRows = (int) cells(hiY - loY, side);

    int nBuckets = nCols * nRows;
    int[] start = new int[nBuckets + 1];
    for (int e = 0; e < nE; e++) {
      for (int p = graph.geometryStart(e), last = graph.geometryEnd(e) - 1; p < last; p++) {
        listSegment(p, start, null);
      }
    }
    for (int b = 0; b < nBuckets; b++) {
      start[b + 1] += start[b];
    }
    int[] fill = java.util.Arrays.copyOf(start, nBuckets);
    int[] segments = new int[start[nBuckets]];
    for (int e = 0; e < nE; e++) {
      for (int p = graph.geometryStart(e), last = graph.geometryEnd(e) - 1; p < last; p++) {
        listSegment(p, fill, segments);
      }
    }
    this.bucketStart = start;
    this.bucketSegments = segments;
  }

  private static long cells(double extent, double side) {
    return (long) Math.floor(extent / side) + 1;
  }

  /** Counts (segments == null) or writes segment {@code p} into every bucket it crosses. */
  private void listSegment(int p, int[] bucketCounter, int[] segments) {
    double ax = graph.geometryX(p);
    double ay = graph.geometryY(p);
    double bx = graph.geometryX(p + 1);
    double by = graph.geometryY(p + 1);
    int colLo = clampCol(Math.min(ax, bx) - PAD_METERS);
    int colHi = clampCol(Math.max(ax, bx) + PAD_METERS);
    int rowLo = clampRow(Math.min(ay, by) - PAD_METERS);
    int rowHi = clampRow(Math.max(ay, by) + PAD_METERS);
    boolean single = colLo == colHi || rowLo == rowHi;
    for (int row = rowLo; row <= rowHi; row++) {
      for (int col = colLo; col <= colHi; col++) {
        if (!single && !crosses(ax, ay, bx, by, col, row)) {
          continue;
        }
        int b = row * nCols + col;
        if (segments == null) {
          bucketCounter[b + 1]++;
        } else {
          segments[bucketCounter[b]++] = p;
        }
      }
    }
  }

  /** Whether segment a–b meets bucket (col, row) widened by the pad (Liang–Barsky clipping). */
  private boolean crosses(double ax, double ay, double bx, double by, int col, int row) {
    double x0 = minX + col * bucketMeters - PAD_METERS;
    double x1 = minX + (col + 1) * bucketMeters + PAD_METERS;
    double y0 = minY + row * bucketMeters - PAD_METERS;
    double y1 = minY + (row + 1) * bucketMeters + PAD_METERS;
    double dx = bx - ax;
    double dy = by - ay;
    double[] p = {-dx, dx, -dy, dy};
    double[] q = {ax - x0, x1 - ax, ay - y0, y1 - ay};
    double t0 = 0;
    double t1 = 1;
    for (int k = 0; k < 4; k++) {
      if (p[k] == 0) {
        if (q[k] < 0) {
          return false;
        }
      } else {
        double t = q[k] / p[k];
        if (p[k] < 0) {
          t0 = Math.max(t0, t);
        } else {
          t1 = Math.min(t1, t);
        }
      }
    }
    return t0 <= t1;
  }

  private int clampCol(double x) {
    return (int) Math.max(0, Math.min(nCols - 1, Math.floor((x - minX) / bucketMeters)));
  }

  private int clampRow(double y) {
    return (int) Math.max(0, Math.min(nRows - 1, Math.floor((y - minY) / bucketMeters)));
  }

  public FootGraph graph() {
    return graph;
  }

  public double radiusMeters() {
    return radiusMeters;
  }

  /**
   * Links every point (metres in the graph's CRS).
   *
   * @param x point x, finite
   * @param y point y, finite, same length as {@code x}
   */
  public PointLinks link(double[] x, double[] y) {
    notNull(x, "point x coordinates");
    notNull(y, "point y coordinates");
    check(
        x.length == y.length,
        "Cannot link points: %s x values but %s y values",
        x.length,
        y.length);
    int n = x.length;
    int[] edge = new int[n];
    double[] alongFrom = new double[n];
    double[] alongTo = new double[n];
    double[] off = new double[n];
    for (int i = 0; i < n; i++) {
      check(
          Double.isFinite(x[i]) && Double.isFinite(y[i]),
          "Cannot link point %s: coordinate (%s, %s)",
          i,
          x[i],
          y[i]);
      linkOne(i, x[i], y[i], edge, alongFrom, alongTo, off);
    }
    return new PointLinks(edge, alongFrom, alongTo, off);
  }

  private void linkOne(
      int i,
      double px,
      double py,
      int[] edgeOut,
      double[] fromOut,
      double[] toOut,
      double[] offOut) {
    edgeOut[i] = PointLinks.UNLINKED;
    fromOut[i] = Double.NaN;
    toOut[i] = Double.NaN;
    offOut[i] = Double.NaN;
    if (bucketSegments.length == 0) {
      return;
    }
    double gapX = Math.max(0, Math.max(minX - px, px - (minX + nCols * bucketMeters)));
    double gapY = Math.max(0, Math.max(minY - py, py - (minY + nRows * bucketMeters)));
    if (gapX * gapX + gapY * gapY > radiusMeters * radiusMeters) {
      return;
    }
    double radiusSquared = radiusMeters * radiusMeters;
    int cx = (int) Math.floor((px - minX) / bucketMeters);
    int cy = (int) Math.floor((py - minY) / bucketMeters);
    double bestSquared = Double.POSITIVE_INFINITY;
    int bestEdge = Integer.MAX_VALUE;
    int bestSegment = -1;
    double bestT = 0;
    for (int k = 0; ; k++) {
      if (k > 0) {
        // nearest any bucket of ring k can be: the distance from the point to the edge of rings
        // 0..k-1
        double left = px - (minX + (cx - k + 1) * bucketMeters);
        double right = minX + (cx + k) * bucketMeters - px;
        double below = py - (minY + (cy - k + 1) * bucketMeters);
        double above = minY + (cy + k) * bucketMeters - py;
        double bound = Math.min(Math.min(left, right), Math.min(below, above)) - PAD_METERS;
        if (bound > 0 && bound * bound > Math.min(bestSquared, radiusSquared)) {
          break;
        }
        if (cx - k < 0 && cy - k < 0 && cx + k >= nCols && cy + k >= nRows) {
          break;
        }
      }
      int rowLo = Math.max(0, cy - k);
      int rowHi = Math.min(nRows - 1, cy + k);
      for (int row = rowLo; row <= rowHi; row++) {
        boolean edgeRow = row == cy - k || row == cy + k;
        int step = edgeRow ? 1 : 2 * k;
        int colFirst = edgeRow ? Math.max(0, cx - k) : cx - k;
        int colLast = edgeRow ? Math.min(nCols - 1, cx + k) : cx + k;
        for (int col = colFirst; col <= colLast; col += Math.max(1, step)) {
          if (col < 0 || col >= nCols) {
            continue;
          }
          int b = row * nCols + col;
          for (int s = bucketStart[b], end = bucketStart[b + 1]; s < end; s++) {
            int p = bucketSegments[s];
            double ax = graph.geometryX(p);
            double ay = graph.geometryY(p);
            double dx = graph.geometryX(p + 1) - ax;
            double dy = graph.geometryY(p + 1) - ay;
            double lengthSquared = dx * dx + dy * dy;
            double t = lengthSquared > 0 ? ((px - ax) * dx + (py - ay) * dy) / lengthSquared : 0;
            double qx;
            double qy;
            if (t <= 0) {
              t = 0;
              qx = ax;
              qy = ay;
            } else if (t >= 1) {
              t = 1;
              qx = ax + dx;
              qy = ay + dy;
            } else {
              qx = ax + t * dx;
              qy = ay + t * dy;
            }
            double ex = px - qx;
            double ey = py - qy;
            double d2 = ex * ex + ey * ey;
            if (d2 > radiusSquared) {
              continue;
            }
            int e = pointEdge[p];
            if (d2 < bestSquared
                || (d2 == bestSquared && (e < bestEdge || (e == bestEdge && p < bestSegment)))) {
              bestSquared = d2;
              bestEdge = e;
              bestSegment = p;
              bestT = t;
            }
          }
        }
      }
    }
    if (bestSegment < 0) {
      return;
    }
    int e = bestEdge;
    int last = graph.geometryEnd(e) - 1;
    double segmentMeters = pointAlong[bestSegment + 1] - pointAlong[bestSegment];
    double along =
        bestT == 1 ? pointAlong[bestSegment + 1] : pointAlong[bestSegment] + bestT * segmentMeters;
    double polylineMeters = pointAlong[last];
    double length = graph.edgeLength(e);
    double from;
    if (polylineMeters == length) {
      from = along;
    } else {
      from = polylineMeters > 0 ? length * (along / polylineMeters) : 0;
    }
    from = Math.max(0, Math.min(length, from));
    edgeOut[i] = e;
    fromOut[i] = from;
    toOut[i] = length - from;
    offOut[i] = Math.sqrt(bestSquared);
  }
}
