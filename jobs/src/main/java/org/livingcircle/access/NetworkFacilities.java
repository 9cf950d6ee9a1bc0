package org.livingcircle.access;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import java.util.Arrays;
import java.util.Comparator;
import org.livingcircle.streets.EdgePoints;
import org.livingcircle.streets.FootGraph;
import org.livingcircle.streets.PointLinks;
import org.livingcircle.streets.WalkSearch;

/**
 * The facilities of a city linked to its {@link FootGraph}, prepared once (on the driver) for
 * {@link NetworkAccessKernel} and {@link NetworkE2sfca}, and small enough to broadcast with the
 * graph.
 *
 * <ul>
 *   <li>Linked facilities only (an unlinked one is not on the network: {@link #nUnlinked}), sorted
 *       into <em>locations</em>: facilities with the same edge and along-edge metres (one split
 *       point) are consecutive, by off-street metres, so one bounded search serves them all;
 *   <li>an edge → facility index, for origins on a facility's own edge;
 *   <li>per category, the walking metres from the nearest facility to every vertex ({@code float},
 *       +∞ beyond the search limit), from one multi-source search over the whole graph.
 * </ul>
 *
 * <p>Immutable and safe to share between threads.
 */
final class NetworkFacilities implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  final int nCategories;

  /** Facilities given, linked or not. */
  final int nInput;

  final int nUnlinked;
  final int vertexCount;
  final int edgeCount;

  /** Search limit in walking metres; nearest distances beyond it are +∞. */
  final double searchLimitMeters;

  /**
   * Per linked facility, in location order: input index, coordinates (metres), category, capacity.
   */
  final int[] inputIndex;

  final double[] x;
  final double[] y;
  final int[] category;
  final double[] capacity;

  /** Links of the linked facilities, in location order. */
  final PointLinks links;

  /** Facilities of location {@code g}: {@code locationStart[g] .. locationStart[g+1]-1}. */
  final int[] locationStart;

  /** Linked facilities (location-order positions) on each edge. */
  final EdgePoints onEdge;

  /**
   * {@code vertexMeters[c][v]}: walking metres from the nearest facility of {@code c}; null when c
   * has none.
   */
  final float[][] vertexMeters;

  private NetworkFacilities(
      int nCategories,
      int nInput,
      int nUnlinked,
      FootGraph graph,
      double searchLimitMeters,
      int[] inputIndex,
      double[] x,
      double[] y,
      int[] category,
      double[] capacity,
      PointLinks links,
      int[] locationStart,
      float[][] vertexMeters) {
    this.nCategories = nCategories;
    this.nInput = nInput;
    this.nUnlinked = nUnlinked;
    this.vertexCount = graph.vertexCount();
    this.edgeCount = graph.edgeCount();
    this.searchLimitMeters = searchLimitMeters;
    this.inputIndex = inputIndex;
    this.x = x;
    this.y = y;
    this.category = category;
    this.capacity = capacity;
    this.links = links;
    this.locationStart = locationStart;
    this.onEdge = EdgePoints.of(graph.edgeCount(), links);
    this.vertexMeters = vertexMeters;
  }

  /**
   * @param graph the pruned foot graph the links refer to
   * @param links each facility's link ({@code EdgeLinker.link} of its coordinates)
   * @param category category index of each facility, in [0, params.nCategories())
   * @param capacity capacity of each facility, finite and ≥ 0
   * @param x facility x in metres of the graph's CRS, finite
   * @param y facility y in metres, finite
   * @param params the access parameters (categories, search limit, walking speed)
   */
  static NetworkFacilities prepare(
      FootGraph graph,
      PointLinks links,
      int[] category,
      double[] capacity,
      double[] x,
      double[] y,
      AccessParams params) {
    notNull(graph, "foot graph");
    notNull(links, "facility links");
    notNull(category, "categories");
    notNull(capacity, "capacities");
    notNull(x, "facility x coordinates");
    notNull(y, "facility y coordinates");
    notNull(params, "access parameters");
    int n = links.size();
    check(
        category.length == n && capacity.length == n && x.length == n && y.length == n,
        "Cannot prepare facilities: %s links but %s categories, %s capacities, %s x and %s y values",
        n,
        category.length,
        capacity.length,
        x.length,
        y.length);
    int nCategories = params.nCategories();
    int nLinked = 0;
    for (int i = 0; i < n; i++) {
      check(
          category[i] >= 0 && category[i] < nCategories,
          "Cannot prepare facility %s: category %s is outside [0, %s)",
          i,
          category[i],
          nCategories);
      check(
          Double.isFinite(capacity[i]) && capacity[i] >= 0,
          "Cannot prepare facility %s: capacity %s is not a finite number ≥ 0",
          i,
          capacity[i]);
      check(
          Double.isFinite(x[i]) && Double.isFinite(y[i]),
          "Cannot prepare facility %s: coordinate (%s, %s)",
          i,
          x[i],
          y[i]);
      if (links.linked(i)) {
        check(
            links.edge(i) < graph.edgeCount(),
            "Cannot prepare facility %s: edge %s is outside the graph's %s",
            i,
            links.edge(i),
            graph.edgeCount());
        nLinked++;
      }
    }
    Integer[] order = new Integer[nLinked];
    for (int i = 0, k = 0; i < n; i++) {
      if (links.linked(i)) {
        order[k++] = i;
      }
    }
    Arrays.sort(
        order,
        Comparator.<Integer>comparingInt(links::edge)
            .thenComparingDouble(links::alongFrom)
            .thenComparingDouble(links::offStreet)
            .thenComparingInt(i -> i));
    int[] inputIndex = new int[nLinked];
    double[] fx = new double[nLinked];
    double[] fy = new double[nLinked];
    int[] fc = new int[nLinked];
    double[] fs = new double[nLinked];
    int[] edge = new int[nLinked];
    double[] alongFrom = new double[nLinked];
    double[] alongTo = new double[nLinked];
    double[] off = new double[nLinked];
    int[] starts = new int[nLinked + 1];
    int nLocations = 0;
    for (int k = 0; k < nLinked; k++) {
      int i = order[k];
      inputIndex[k] = i;
      fx[k] = x[i];
      fy[k] = y[i];
      fc[k] = category[i];
      fs[k] = capacity[i];
      edge[k] = links.edge(i);
      alongFrom[k] = links.alongFrom(i);
      alongTo[k] = links.alongTo(i);
      off[k] = links.offStreet(i);
      if (k == 0 || edge[k] != edge[k - 1] || alongFrom[k] != alongFrom[k - 1]) {
        starts[nLocations++] = k;
      }
    }
    starts[nLocations] = nLinked;
    PointLinks sorted = new PointLinks(edge, alongFrom, alongTo, off);

    double limit = params.walk().walkMetersIn(params.searchLimitMin());
    float[][] vertexMeters = new float[nCategories][];
    int[] perCategory = new int[nCategories];
    for (int c : fc) {
      perCategory[c]++;
    }
    WalkSearch search = new WalkSearch(graph);
    double[] distance = new double[graph.vertexCount()];
    int[] seedVertex = new int[2];
    double[] seedDistance = new double[2];
    for (int c = 0; c < nCategories; c++) {
      if (perCategory[c] == 0) {
        continue;
      }
      int[] seeds = new int[2 * perCategory[c]];
      double[] seedMeters = new double[seeds.length];
      int s = 0;
      for (int k = 0; k < nLinked; k++) {
        if (fc[k] == c) {
          WalkSearch.seedsOf(graph, sorted, k, seedVertex, seedDistance);
          seeds[s] = seedVertex[0];
          seedMeters[s++] = seedDistance[0];
          seeds[s] = seedVertex[1];
          seedMeters[s++] = seedDistance[1];
        }
      }
      search.multiSource(seeds, seedMeters, limit, distance);
      float[] meters = new float[distance.length];
      for (int v = 0; v < meters.length; v++) {
        meters[v] = (float) distance[v];
      }
      vertexMeters[c] = meters;
    }
    return new NetworkFacilities(
        nCategories,
        n,
        n - nLinked,
        graph,
        limit,
        inputIndex,
        fx,
        fy,
        fc,
        fs,
        sorted,
        Arrays.copyOf(starts, nLocations + 1),
        vertexMeters);
  }

  /** Number of linked facilities. */
  int size() {
    return inputIndex.length;
  }

  int nLocations() {
    return locationStart.length - 1;
  }

  /** Whether these facilities were prepared on a graph of this shape. */
  boolean fits(FootGraph graph) {
    return graph.vertexCount() == vertexCount && graph.edgeCount() == edgeCount;
  }
}
