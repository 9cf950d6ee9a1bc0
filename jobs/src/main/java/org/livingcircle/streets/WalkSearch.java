package org.livingcircle.streets;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import java.util.Arrays;

/**
 * Shortest walking distances over a {@link FootGraph}: Dijkstra from one or many seeds (a vertex
 * with a starting distance in metres, e.g. a linked point's off-street plus along-edge metres),
 * bounded by a limit in metres.
 *
 * <p>An indexed binary heap keyed by exact {@code double} distances (no rounding, so a facility
 * exactly at a threshold stays at it). Scratch arrays are sized once per graph; each search resets
 * only the vertices the previous one touched, so a 1 km search on a city graph costs its few
 * hundred vertices, not the whole graph.
 *
 * <p>Not thread-safe: one instance per thread. The graph is shared.
 */
public final class WalkSearch {
  private static final int UNSEEN = -1;
  private static final int SETTLED = -2;

  private final FootGraph graph;

  /** Tentative or final distance in metres; +∞ for untouched vertices. */
  private final double[] distance;

  /** Heap position of a vertex in the heap, or {@link #UNSEEN} / {@link #SETTLED}. */
  private final int[] heapPosition;

  private final int[] heap;
  private int heapSize;
  private final int[] touched;
  private int nTouched;
  private final int[] settled;
  private int nSettled;

  public WalkSearch(FootGraph graph) {
    this.graph = notNull(graph, "foot graph");
    int n = graph.vertexCount();
    this.distance = new double[n];
    Arrays.fill(distance, Double.POSITIVE_INFINITY);
    this.heapPosition = new int[n];
    Arrays.fill(heapPosition, UNSEEN);
    this.heap = new int[n];
    this.touched = new int[n];
    this.settled = new int[n];
  }

  /**
   * Distances from the nearest seed to every vertex, written to {@code distanceOut}: exact up to
   * {@code limit} metres (inclusive), {@link Double#POSITIVE_INFINITY} beyond it and for vertices
   * no seed reaches.
   *
   * @param seedVertex vertices to start from (repeats allowed: the smallest distance counts)
   * @param seedDistance starting distance of each seed in metres, finite and ≥ 0
   * @param limit largest distance in metres to settle, ≥ 0 (+∞ for the whole graph)
   * @param distanceOut one value per vertex of the graph
   */
  public void multiSource(
      int[] seedVertex, double[] seedDistance, double limit, double[] distanceOut) {
    notNull(distanceOut, "distance output");
    check(
        distanceOut.length == graph.vertexCount(),
        "Cannot search: %s output values for %s vertices",
        distanceOut.length,
        graph.vertexCount());
    bounded(seedVertex, seedDistance, limit);
    Arrays.fill(distanceOut, Double.POSITIVE_INFINITY);
    for (int k = 0; k < nSettled; k++) {
      int v = settled[k];
      distanceOut[v] = distance[v];
    }
  }

  /**
   * Settles every vertex within {@code limit} metres of the nearest seed, in non-decreasing
   * distance order.
   *
   * @return the number of settled vertices; read them with {@link #settledVertex} and {@link
   *     #distance}
   */
  public int bounded(int[] seedVertex, double[] seedDistance, double limit) {
    notNull(seedVertex, "seed vertices");
    notNull(seedDistance, "seed distances");
    check(
        seedVertex.length == seedDistance.length,
        "Cannot search: %s seed vertices but %s distances",
        seedVertex.length,
        seedDistance.length);
    check(limit >= 0, "Cannot search: limit %s m is not ≥ 0", limit);
    reset();
    int nV = graph.vertexCount();
    for (int s = 0; s < seedVertex.length; s++) {
      int v = seedVertex[s];
      double d = seedDistance[s];
      check(v >= 0 && v < nV, "Cannot search: seed vertex %s is outside [0, %s)", v, nV);
      check(
          Double.isFinite(d) && d >= 0,
          "Cannot search: seed %s at vertex %s has distance %s",
          s,
          v,
          d);
      if (d <= limit) {
        offer(v, d);
      }
    }
    while (heapSize > 0) {
      int u = pollMin();
      heapPosition[u] = SETTLED;
      settled[nSettled++] = u;
      double du = distance[u];
      for (int a = graph.arcStart(u), end = graph.arcEnd(u); a < end; a++) {
        int w = graph.arcHead(a);
        if (heapPosition[w] == SETTLED) {
          continue;
        }
        double dw = du + graph.edgeLength(graph.arcEdge(a));
        if (dw <= limit) {
          offer(w, dw);
        }
      }
    }
    return nSettled;
  }

  /** The {@code k}-th vertex settled by the last search, {@code 0 ≤ k <} its count. */
  public int settledVertex(int k) {
    check(
        k >= 0 && k < nSettled,
        "Cannot read settled vertex %s: the last search settled %s",
        k,
        nSettled);
    return settled[k];
  }

  /** Distance in metres of {@code vertex} in the last search; +∞ when it was not settled. */
  public double distance(int vertex) {
    return heapPosition[vertex] == SETTLED ? distance[vertex] : Double.POSITIVE_INFINITY;
  }

  /**
   * The two seeds of linked point {@code i}: its edge's from vertex at off-street + along-from
   * metres and its to vertex at off-street + along-to metres.
   *
   * @param vertexOut receives the two vertices (length ≥ 2)
   * @param distanceOut receives the two starting distances (length ≥ 2)
   */
  public static void seedsOf(
      FootGraph graph, PointLinks links, int i, int[] vertexOut, double[] distanceOut) {
    int e = links.edge(i);
    check(e != PointLinks.UNLINKED, "Cannot seed a search from point %s: it is not linked", i);
    double off = links.offStreet(i);
    vertexOut[0] = graph.edgeFrom(e);
    distanceOut[0] = off + links.alongFrom(i);
    vertexOut[1] = graph.edgeTo(e);
    distanceOut[1] = off + links.alongTo(i);
  }

  private void reset() {
    for (int k = 0; k < nTouched; k++) {
      int v = touched[k];
      distance[v] = Double.POSITIVE_INFINITY;
      heapPosition[v] = UNSEEN;
    }
    nTouched = 0;
    nSettled = 0;
    heapSize = 0;
  }

  /**
   * Lowers the tentative distance of {@code v} to {@code d} if that is smaller, adding it to the
   * heap.
   */
  private void offer(int v, double d) {
    int p = heapPosition[v];
    if (p == UNSEEN) {
      touched[nTouched++] = v;
      distance[v] = d;
      p = heapSize++;
      heap[p] = v;
      heapPosition[v] = p;
      siftUp(p);
    } else if (p >= 0 && d < distance[v]) {
      distance[v] = d;
      siftUp(p);
    }
  }

  private int pollMin() {
    int top = heap[0];
    int last = heap[--heapSize];
    if (heapSize > 0) {
      heap[0] = last;
      heapPosition[last] = 0;
      siftDown(0);
    }
    return top;
  }

  private void siftUp(int p) {
    int v = heap[p];
    double d = distance[v];
    while (p > 0) {
      int parent = (p - 1) >>> 1;
      int pv = heap[parent];
      if (distance[pv] <= d) {
        break;
      }
      heap[p] = pv;
      heapPosition[pv] = p;
      p = parent;
    }
    heap[p] = v;
    heapPosition[v] = p;
  }

  private void siftDown(int p) {
    int v = heap[p];
    double d = distance[v];
    int half = heapSize >>> 1;
    while (p < half) {
      int child = 2 * p + 1;
      int cv = heap[child];
      int right = child + 1;
      if (right < heapSize && distance[heap[right]] < distance[cv]) {
        child = right;
        cv = heap[child];
      }
      if (d <= distance[cv]) {
        break;
      }
      heap[p] = cv;
      heapPosition[cv] = p;
      p = child;
    }
    heap[p] = v;
    heapPosition[v] = p;
  }
}
