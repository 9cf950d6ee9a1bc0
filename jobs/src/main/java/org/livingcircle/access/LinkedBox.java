package org.livingcircle.access;

import static org.livingcircle.common.Checks.check;

import org.livingcircle.streets.PointLinks;

/**
 * The bounding box of the linked points of a set, for the straight-line filter of facility-side
 * searches.
 */
final class LinkedBox {
  private LinkedBox() {}

  /**
   * {minX, minY, maxX, maxY} of the linked points, or null when none is linked; checks their
   * coordinates are finite and their edges below {@code nEdges}.
   */
  static double[] of(double[] x, double[] y, PointLinks links, int nEdges) {
    double[] box = {
      Double.POSITIVE_INFINITY,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.NEGATIVE_INFINITY
    };
    boolean any = false;
    for (int i = 0; i < links.size(); i++) {
      if (!links.linked(i)) {
        continue;
      }
      check(
          Double.isFinite(x[i]) && Double.isFinite(y[i]),
          "Cannot use linked point %s: coordinate (%s, %s)",
          i,
          x[i],
          y[i]);
      check(
          links.edge(i) < nEdges,
          "Cannot use linked point %s: edge %s is outside the graph's %s",
          i,
          links.edge(i),
          nEdges);
      box[0] = Math.min(box[0], x[i]);
      box[1] = Math.min(box[1], y[i]);
      box[2] = Math.max(box[2], x[i]);
      box[3] = Math.max(box[3], y[i]);
      any = true;
    }
    return any ? box : null;
  }

  /** Straight-line metres from (x, y) to the box; 0 inside. */
  static double distance(double[] box, double x, double y) {
    double dx = Math.max(0, Math.max(box[0] - x, x - box[2]));
    double dy = Math.max(0, Math.max(box[1] - y, y - box[3]));
    return Math.hypot(dx, dy);
  }
}
