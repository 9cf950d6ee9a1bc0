package org.livingcircle.streets;

/**
 * Walking distance between two linked points (contract §3), given a finished search from the first
 * one.
 *
 * <p>With {@code d(v)} the distance of vertex {@code v} from point a's seeds ({@link
 * WalkSearch#seedsOf}, or the same seeds without a's off-street metres, which the caller then
 * adds), the distance to point b is {@code min(d(b.from) + b.alongFrom, d(b.to) + b.alongTo) +
 * b.off}, and when a and b share an edge also {@code a.off + |a.alongFrom − b.alongFrom| + b.off}.
 */
public final class NetworkDistance {
  private NetworkDistance() {}

  /**
   * Metres from a search origin to linked point {@code j} through its edge's ends: {@code
   * min(distanceToFrom + alongFrom, distanceToTo + alongTo) + offStreet}; +∞ when neither end was
   * reached.
   */
  public static double viaEnds(PointLinks b, int j, double distanceToFrom, double distanceToTo) {
    double viaFrom = distanceToFrom + b.alongFrom(j);
    double viaTo = distanceToTo + b.alongTo(j);
    return Math.min(viaFrom, viaTo) + b.offStreet(j);
  }

  /**
   * Metres from linked point {@code i} of {@code a} to {@code j} of {@code b} along their common
   * edge; +∞ if none.
   */
  public static double sameEdge(PointLinks a, int i, PointLinks b, int j) {
    if (a.edge(i) != b.edge(j) || a.edge(i) == PointLinks.UNLINKED) {
      return Double.POSITIVE_INFINITY;
    }
    return a.offStreet(i) + Math.abs(a.alongFrom(i) - b.alongFrom(j)) + b.offStreet(j);
  }

  /**
   * D(a_i, b_j) of contract §3, given {@code vertexDistance} from a search seeded with {@link
   * WalkSearch#seedsOf} for point {@code i} of {@code a} (so the values already include a_i's
   * off-street metres).
   */
  public static double between(
      FootGraph graph, PointLinks a, int i, PointLinks b, int j, double[] vertexDistance) {
    int e = b.edge(j);
    if (e == PointLinks.UNLINKED || !a.linked(i)) {
      return Double.POSITIVE_INFINITY;
    }
    double via = viaEnds(b, j, vertexDistance[graph.edgeFrom(e)], vertexDistance[graph.edgeTo(e)]);
    return Math.min(via, sameEdge(a, i, b, j));
  }

  /**
   * As {@link #between(FootGraph, PointLinks, int, PointLinks, int, double[])} after a {@link
   * WalkSearch#bounded} search.
   */
  public static double between(
      FootGraph graph, PointLinks a, int i, PointLinks b, int j, WalkSearch search) {
    int e = b.edge(j);
    if (e == PointLinks.UNLINKED || !a.linked(i)) {
      return Double.POSITIVE_INFINITY;
    }
    double via =
        viaEnds(b, j, search.distance(graph.edgeFrom(e)), search.distance(graph.edgeTo(e)));
    return Math.min(via, sameEdge(a, i, b, j));
  }
}
