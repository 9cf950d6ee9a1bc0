package org.livingcircle.access;

import org.livingcircle.streets.FootGraph;
import org.livingcircle.streets.NetworkDistance;
import org.livingcircle.streets.PointLinks;
import org.livingcircle.streets.WalkSearch;

/**
 * One bounded walk from a split point on an edge (a facility location without its off-street
 * metres), and the edges whose linked points it may reach: the source's own edge first, then every
 * edge incident to a settled vertex, each once (a stamp per edge). {@link #to} gives the exact
 * metres to a point on one of them.
 *
 * <p>Not thread-safe: owns a {@link WalkSearch} and scratch arrays sized to the graph.
 */
final class NetworkReach {
  private final FootGraph graph;
  private final WalkSearch search;
  private final int[] edgeStamp;
  private int stamp;
  private final int[] reachedEdges;
  private int nReachedEdges;
  private final int[] seedVertex = new int[2];
  private final double[] seedDistance = new double[2];
  private int sourceEdge;
  private double sourceAlongFrom;

  NetworkReach(FootGraph graph) {
    this.graph = graph;
    this.search = new WalkSearch(graph);
    this.edgeStamp = new int[graph.edgeCount()];
    this.reachedEdges = new int[graph.edgeCount()];
  }

  /**
   * Searches from the point {@code alongFrom} metres along {@code edge} from its from vertex, up to
   * {@code limit} metres.
   *
   * @return the number of edges to scan, read with {@link #edge}
   */
  int search(int edge, double alongFrom, double alongTo, double limit) {
    sourceEdge = edge;
    sourceAlongFrom = alongFrom;
    seedVertex[0] = graph.edgeFrom(edge);
    seedDistance[0] = alongFrom;
    seedVertex[1] = graph.edgeTo(edge);
    seedDistance[1] = alongTo;
    int nSettled = search.bounded(seedVertex, seedDistance, limit);
    if (++stamp == Integer.MAX_VALUE) {
      java.util.Arrays.fill(edgeStamp, 0);
      stamp = 1;
    }
    nReachedEdges = 0;
    edgeStamp[edge] = stamp;
    reachedEdges[nReachedEdges++] = edge;
    for (int k = 0; k < nSettled; k++) {
      int v = search.settledVertex(k);
      for (int a = graph.arcStart(v), end = graph.arcEnd(v); a < end; a++) {
        int e = graph.arcEdge(a);
        if (edgeStamp[e] != stamp) {
          edgeStamp[e] = stamp;
          reachedEdges[nReachedEdges++] = e;
        }
      }
    }
    return nReachedEdges;
  }

  int edge(int k) {
    return reachedEdges[k];
  }

  /**
   * Metres from the source split point to linked point {@code j} (including its off-street metres),
   * whose edge is one of the scanned edges; exact when within the limit, otherwise possibly +∞ or a
   * longer route.
   */
  double to(PointLinks links, int j) {
    int e = links.edge(j);
    double d =
        NetworkDistance.viaEnds(
            links, j, search.distance(graph.edgeFrom(e)), search.distance(graph.edgeTo(e)));
    if (e == sourceEdge) {
      d = Math.min(d, Math.abs(sourceAlongFrom - links.alongFrom(j)) + links.offStreet(j));
    }
    return d;
  }
}
