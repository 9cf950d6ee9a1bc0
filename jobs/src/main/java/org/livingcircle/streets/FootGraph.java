package org.livingcircle.streets;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import java.util.Arrays;

/**
 * An undirected walking graph in a metric CRS, as primitive arrays: vertices (junctions, way ends,
 * split points), edges between them with their true length along the way geometry, each edge's
 * polyline (for linking points to it), and a compressed adjacency (CSR) that lists every edge once
 * from each end.
 *
 * <p>Edges are walkable both ways (a one-way street is one-way for vehicles only). Vertex and edge
 * numbers are dense {@code int}s; component numbers come from a union–find over the edges.
 * Immutable and safe to share between threads (and to broadcast: it is {@link
 * java.io.Serializable}).
 */
public final class FootGraph implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Vertex coordinates in metres of the graph's CRS. */
  private final double[] x;

  private final double[] y;

  /** Edge end vertices and length in metres (≥ the straight line between its ends). */
  private final int[] edgeFrom;

  private final int[] edgeTo;
  private final double[] edgeLength;

  /**
   * Edge polylines: points {@code geometryStart[e] .. geometryStart[e+1]-1}, first = from, last =
   * to.
   */
  private final int[] geometryStart;

  private final double[] geometryX;
  private final double[] geometryY;

  /** OSM way id of each edge, for diagnostics. */
  private final long[] edgeWay;

  /** CSR adjacency: arcs of vertex v are {@code arcStart[v] .. arcStart[v+1]-1}. */
  private final int[] arcStart;

  private final int[] arcHead;
  private final int[] arcEdge;

  /** Component of each vertex, and the number of edges of each component. */
  private final int[] component;

  private final int[] componentEdges;
  private final String crs;

  /**
   * @param crs the metric CRS of every coordinate, e.g. {@code EPSG:32649}
   * @param x vertex x in metres, finite
   * @param y vertex y in metres, finite
   * @param edgeFrom first vertex of each edge
   * @param edgeTo second vertex of each edge (may equal the first for a closed way piece)
   * @param edgeLength length in metres along the polyline, finite and ≥ 0
   * @param geometryStart {@code nEdges + 1} offsets into the polyline arrays, each polyline ≥ 2
   *     points
   * @param geometryX polyline x in metres
   * @param geometryY polyline y in metres
   * @param edgeWay OSM way id of each edge
   */
  public FootGraph(
      String crs,
      double[] x,
      double[] y,
      int[] edgeFrom,
      int[] edgeTo,
      double[] edgeLength,
      int[] geometryStart,
      double[] geometryX,
      double[] geometryY,
      long[] edgeWay) {
    this.crs = notNull(crs, "graph CRS");
    int nV = notNull(x, "vertex x").length;
    int nE = notNull(edgeFrom, "edge from").length;
    check(
        notNull(y, "vertex y").length == nV,
        "Cannot build a foot graph: %s x but %s y values",
        nV,
        y.length);
    check(
        notNull(edgeTo, "edge to").length == nE
            && notNull(edgeLength, "edge length").length == nE
            && notNull(edgeWay, "edge way").length == nE,
        "Cannot build a foot graph: edge arrays differ in length (%s, %s, %s, %s)",
        nE,
        edgeTo.length,
        edgeLength.length,
        edgeWay.length);
    check(
        notNull(geometryStart, "geometry offsets").length == nE + 1 && geometryStart[0] == 0,
        "Cannot build a foot graph: %s geometry offsets for %s edges",
        geometryStart.length,
        nE);
    check(
        notNull(geometryX, "geometry x").length == geometryStart[nE]
            && notNull(geometryY, "geometry y").length == geometryStart[nE],
        "Cannot build a foot graph: %s polyline points but offsets end at %s",
        geometryX.length,
        geometryStart[nE]);
    for (int v = 0; v < nV; v++) {
      check(
          Double.isFinite(x[v]) && Double.isFinite(y[v]),
          "Cannot build a foot graph: vertex %s at (%s, %s)",
          v,
          x[v],
          y[v]);
    }
    for (int e = 0; e < nE; e++) {
      check(
          edgeFrom[e] >= 0 && edgeFrom[e] < nV && edgeTo[e] >= 0 && edgeTo[e] < nV,
          "Cannot build a foot graph: edge %s joins %s and %s, outside [0, %s)",
          e,
          edgeFrom[e],
          edgeTo[e],
          nV);
      check(
          Double.isFinite(edgeLength[e]) && edgeLength[e] >= 0,
          "Cannot build a foot graph: edge %s (way %s) has length %s",
          e,
          edgeWay[e],
          edgeLength[e]);
      check(
          geometryStart[e + 1] - geometryStart[e] >= 2,
          "Cannot build a foot graph: edge %s (way %s) has fewer than 2 polyline points",
          e,
          edgeWay[e]);
    }
    this.x = x.clone();
    this.y = y.clone();
    this.edgeFrom = edgeFrom.clone();
    this.edgeTo = edgeTo.clone();
    this.edgeLength = edgeLength.clone();
    this.geometryStart = geometryStart.clone();
    this.geometryX = geometryX.clone();
    this.geometryY = geometryY.clone();
    this.edgeWay = edgeWay.clone();

    int[] degree = new int[nV + 1];
    for (int e = 0; e < nE; e++) {
      degree[edgeFrom[e] + 1]++;
      degree[edgeTo[e] + 1]++;
    }
    for (int v = 0; v < nV; v++) {
      degree[v + 1] += degree[v];
    }
    this.arcStart = degree;
    this.arcHead = new int[2 * nE];
    this.arcEdge = new int[2 * nE];
    int[] fill = Arrays.copyOf(arcStart, nV);
    for (int e = 0; e < nE; e++) {
      int a = fill[edgeFrom[e]]++;
      arcHead[a] = edgeTo[e];
      arcEdge[a] = e;
      int b = fill[edgeTo[e]]++;
      arcHead[b] = edgeFrom[e];
      arcEdge[b] = e;
    }

    int[] parent = new int[nV];
    for (int v = 0; v < nV; v++) {
      parent[v] = v;
    }
    for (int e = 0; e < nE; e++) {
      int a = root(parent, edgeFrom[e]);
      int b = root(parent, edgeTo[e]);
      if (a != b) {
        parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
    this.component = new int[nV];
    int[] number = new int[nV];
    Arrays.fill(number, -1);
    int nComponents = 0;
    for (int v = 0; v < nV; v++) {
      int r = root(parent, v);
      if (number[r] < 0) {
        number[r] = nComponents++;
      }
      component[v] = number[r];
    }
    this.componentEdges = new int[nComponents];
    for (int e = 0; e < nE; e++) {
      componentEdges[component[edgeFrom[e]]]++;
    }
  }

  private static int root(int[] parent, int v) {
    while (parent[v] != v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  }

  public String crs() {
    return crs;
  }

  public int vertexCount() {
    return x.length;
  }

  public int edgeCount() {
    return edgeFrom.length;
  }

  public double x(int vertex) {
    return x[vertex];
  }

  public double y(int vertex) {
    return y[vertex];
  }

  public int edgeFrom(int edge) {
    return edgeFrom[edge];
  }

  public int edgeTo(int edge) {
    return edgeTo[edge];
  }

  /** Length in metres along the edge's polyline. */
  public double edgeLength(int edge) {
    return edgeLength[edge];
  }

  public long edgeWay(int edge) {
    return edgeWay[edge];
  }

  /** First polyline point of {@code edge}; its points run to {@link #geometryEnd} (exclusive). */
  public int geometryStart(int edge) {
    return geometryStart[edge];
  }

  public int geometryEnd(int edge) {
    return geometryStart[edge + 1];
  }

  public double geometryX(int point) {
    return geometryX[point];
  }

  public double geometryY(int point) {
    return geometryY[point];
  }

  /** First arc of {@code vertex}; its arcs run to {@link #arcEnd} (exclusive). */
  public int arcStart(int vertex) {
    return arcStart[vertex];
  }

  public int arcEnd(int vertex) {
    return arcStart[vertex + 1];
  }

  /** The vertex an arc leads to. */
  public int arcHead(int arc) {
    return arcHead[arc];
  }

  /** The edge an arc runs along (its length is the arc's weight). */
  public int arcEdge(int arc) {
    return arcEdge[arc];
  }

  public int componentCount() {
    return componentEdges.length;
  }

  /** Component number of {@code vertex}. */
  public int component(int vertex) {
    return component[vertex];
  }

  /** Number of edges of component {@code c}. */
  public int componentEdges(int c) {
    return componentEdges[c];
  }

  /** Total length of all edges, in metres. */
  public double totalLength() {
    double sum = 0;
    for (double l : edgeLength) {
      sum += l;
    }
    return sum;
  }
}
