package org.livingcircle.streets;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

/**
 * The points linked to each edge, as a compressed index: the points of edge {@code e} are {@code
 * point(k)} for {@code k} in {@code start(e) .. end(e)-1}, in increasing point order. Unlinked
 * points are left out. Used to find the points a bounded search reaches from the edges incident to
 * its settled vertices. Immutable and safe to share between threads.
 */
public final class EdgePoints implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final int[] edgeStart;
  private final int[] points;

  private EdgePoints(int[] edgeStart, int[] points) {
    this.edgeStart = edgeStart;
    this.points = points;
  }

  /**
   * @param nEdges edges of the graph the links refer to
   * @param links point links whose edges are all below {@code nEdges}
   */
  public static EdgePoints of(int nEdges, PointLinks links) {
    notNull(links, "point links");
    check(nEdges >= 0, "Cannot index points by edge: %s edges is negative", nEdges);
    int[] start = new int[nEdges + 1];
    int n = links.size();
    for (int i = 0; i < n; i++) {
      int e = links.edge(i);
      if (e != PointLinks.UNLINKED) {
        check(
            e < nEdges, "Cannot index point %s by edge: edge %s is outside [0, %s)", i, e, nEdges);
        start[e + 1]++;
      }
    }
    for (int e = 0; e < nEdges; e++) {
      start[e + 1] += start[e];
    }
    int[] fill = java.util.Arrays.copyOf(start, nEdges);
    int[] points = new int[start[nEdges]];
    for (int i = 0; i < n; i++) {
      int e = links.edge(i);
      if (e != PointLinks.UNLINKED) {
        points[fill[e]++] = i;
      }
    }
    return new EdgePoints(start, points);
  }

  public int edgeCount() {
    return edgeStart.length - 1;
  }

  /** First position of {@code edge}'s points; they run to {@link #end} (exclusive). */
  public int start(int edge) {
    return edgeStart[edge];
  }

  public int end(int edge) {
    return edgeStart[edge + 1];
  }

  /** The point at position {@code k}. */
  public int point(int k) {
    return points[k];
  }

  /** Number of linked points indexed. */
  public int size() {
    return points.length;
  }
}
