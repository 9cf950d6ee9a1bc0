package org.livingcircle.streets;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

/**
 * Where points (cell centres, compounds, facilities) join a {@link FootGraph}, R5-style: for point
 * {@code i} the edge it links to, the walking metres from its split point (the nearest point of
 * that edge's polyline) to the edge's from and to vertices, and the straight-line metres from the
 * point to the split point.
 *
 * <p>An unlinked point (no edge within the link radius) has edge {@link #UNLINKED} and NaN
 * distances. Immutable and safe to share between threads.
 */
public final class PointLinks implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Edge of a point with no walkable edge within the link radius. */
  public static final int UNLINKED = -1;

  private final int[] edge;
  private final double[] alongFrom;
  private final double[] alongTo;
  private final double[] offStreet;

  /**
   * @param edge edge of each point, ≥ 0, or {@link #UNLINKED}
   * @param alongFrom metres from the split point to the edge's from vertex, finite and ≥ 0 when
   *     linked
   * @param alongTo metres from the split point to the edge's to vertex, finite and ≥ 0 when linked
   * @param offStreet metres from the point to its split point, finite and ≥ 0 when linked
   */
  public PointLinks(int[] edge, double[] alongFrom, double[] alongTo, double[] offStreet) {
    int n = notNull(edge, "link edges").length;
    check(
        notNull(alongFrom, "link along-from distances").length == n
            && notNull(alongTo, "link along-to distances").length == n
            && notNull(offStreet, "link off-street distances").length == n,
        "Cannot build point links: %s edges but %s, %s and %s distances",
        n,
        alongFrom.length,
        alongTo.length,
        offStreet.length);
    for (int i = 0; i < n; i++) {
      check(edge[i] >= UNLINKED, "Cannot link point %s: edge %s is negative", i, edge[i]);
      if (edge[i] != UNLINKED) {
        check(
            finiteNonNegative(alongFrom[i])
                && finiteNonNegative(alongTo[i])
                && finiteNonNegative(offStreet[i]),
            "Cannot link point %s to edge %s: distances %s, %s, %s are not finite numbers ≥ 0",
            i,
            edge[i],
            alongFrom[i],
            alongTo[i],
            offStreet[i]);
      }
    }
    this.edge = edge.clone();
    this.alongFrom = alongFrom.clone();
    this.alongTo = alongTo.clone();
    this.offStreet = offStreet.clone();
  }

  private static boolean finiteNonNegative(double v) {
    return Double.isFinite(v) && v >= 0;
  }

  public int size() {
    return edge.length;
  }

  /** Edge of point {@code i}, or {@link #UNLINKED}. */
  public int edge(int i) {
    return edge[i];
  }

  public boolean linked(int i) {
    return edge[i] != UNLINKED;
  }

  /** Walking metres from the split point to the edge's from vertex; NaN when unlinked. */
  public double alongFrom(int i) {
    return alongFrom[i];
  }

  /** Walking metres from the split point to the edge's to vertex; NaN when unlinked. */
  public double alongTo(int i) {
    return alongTo[i];
  }

  /** Straight-line metres from the point to its split point; NaN when unlinked. */
  public double offStreet(int i) {
    return offStreet[i];
  }

  /** Number of unlinked points. */
  public int unlinkedCount() {
    int n = 0;
    for (int e : edge) {
      n += e == UNLINKED ? 1 : 0;
    }
    return n;
  }
}
