package org.livingcircle.streets;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.api.referencing.operation.TransformException;
import org.geotools.referencing.CRS;
import org.livingcircle.common.InputException;

/**
 * Builds the {@link FootGraph} of an OSM extract (contracts §1): keeps the ways {@link
 * FootRules#walkable} allows, splits them at their ends, at every node shared by two or more kept
 * ways (or used twice by one way) and at barrier nodes that {@link FootRules#blocks} (there each
 * piece ends at its own vertex, so the sides do not connect), projects lon/lat to the metric CRS
 * with GeoTools, measures each edge along its polyline, drops zero-length pieces and removes
 * components with fewer than {@code minComponentEdges} edges.
 *
 * <p>A way node missing from the extract (a clipped file) breaks the way there: the pieces either
 * side are kept. Vertices are numbered in order of first use by the kept edges, edges in way order,
 * so the same input always gives the same graph.
 */
public final class FootGraphBuilder {
  private static final int NO_VERTEX = -1;
  private static final int MISSING_NODE = -1;

  /** The graph and what it took to build it. */
  public record Built(FootGraph graph, Stats stats) {
    public Built {
      notNull(graph, "foot graph");
      notNull(stats, "foot graph stats");
    }
  }

  /**
   * @param waysRead ways in the input
   * @param waysWalkable ways the foot rules keep
   * @param nodesRead nodes in the input
   * @param vertices vertices of the graph (after pruning)
   * @param edges edges of the graph (after pruning)
   * @param componentsPruned components removed for having fewer than {@code minComponentEdges}
   *     edges
   * @param edgesPruned edges in those components
   * @param kmWalkable total edge length of the graph (after pruning), km
   * @param parseSeconds reading the input (both PBF passes)
   * @param buildSeconds projecting, splitting, pruning
   */
  public record Stats(
      long waysRead,
      long waysWalkable,
      long nodesRead,
      int vertices,
      int edges,
      int componentsPruned,
      int edgesPruned,
      double kmWalkable,
      double parseSeconds,
      double buildSeconds) {}

  private FootGraphBuilder() {}

  /**
   * Reads {@code pbf} in two passes (walkable ways, then only the nodes they use) and builds its
   * foot graph.
   *
   * @throws InputException "Cannot read OSM extract &lt;file&gt;: &lt;problem&gt;" for a missing,
   *     bad or truncated file (no partial graph)
   */
  public static Built build(Path pbf, String crs, FootRules.Options options) {
    notNull(pbf, "OSM extract path");
    notNull(options, "foot rule options");
    MathTransform toMetres = transform(crs);
    long t0 = System.nanoTime();
    WayPass ways = new WayPass(options);
    OsmPbfReader.read(pbf, ways);
    Extract extract = ways.extract();
    NodePass nodes = new NodePass(extract, options);
    OsmPbfReader.read(pbf, nodes);
    long t1 = System.nanoTime();
    return build(
        extract, ways.waysRead, nodes.nodesRead, crs, toMetres, options, seconds(t1 - t0), t1);
  }

  /**
   * As {@link #build(Path, String, FootRules.Options)} for entities in memory (tests, synthetic
   * networks).
   */
  public static Built build(
      List<OsmNode> nodes, List<OsmWay> ways, String crs, FootRules.Options options) {
    notNull(nodes, "OSM nodes");
    notNull(ways, "OSM ways");
    notNull(options, "foot rule options");
    MathTransform toMetres = transform(crs);
    long t0 = System.nanoTime();
    WayPass wayPass = new WayPass(options);
    for (OsmWay w : ways) {
      wayPass.way(w.id(), w.nodes(), w.tags());
    }
    Extract extract = wayPass.extract();
    NodePass nodePass = new NodePass(extract, options);
    for (OsmNode n : nodes) {
      nodePass.node(n.id(), n.lon(), n.lat(), n.tags());
    }
    long t1 = System.nanoTime();
    return build(
        extract,
        wayPass.waysRead,
        nodePass.nodesRead,
        crs,
        toMetres,
        options,
        seconds(t1 - t0),
        t1);
  }

  private static MathTransform transform(String crs) {
    notNull(crs, "graph CRS");
    try {
      CoordinateReferenceSystem lonLat = CRS.decode("EPSG:4326", true);
      CoordinateReferenceSystem target = CRS.decode(crs, true);
      return CRS.findMathTransform(lonLat, target, true);
    } catch (FactoryException e) {
      throw new IllegalArgumentException(
          "Cannot use CRS "
              + crs
              + " for the foot graph: "
              + (e.getMessage() == null
                  ? e.getClass().getSimpleName()
                  : e.getMessage().lines().findFirst().orElse("")),
          e);
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /**
   * Walkable ways with their node references as indexes into the sorted ids of every node they use.
   */
  private static final class Extract {
    final long[] wayId;
    final int[] wayStart;
    final int[] wayNode;
    final long[] nodeId;
    final double[] lon;
    final double[] lat;
    final boolean[] present;
    final boolean[] blocked;

    Extract(long[] wayId, int[] wayStart, int[] wayNode, long[] nodeId) {
      this.wayId = wayId;
      this.wayStart = wayStart;
      this.wayNode = wayNode;
      this.nodeId = nodeId;
      this.lon = new double[nodeId.length];
      this.lat = new double[nodeId.length];
      this.present = new boolean[nodeId.length];
      this.blocked = new boolean[nodeId.length];
    }
  }

  /** Pass 1: keeps walkable ways and their node references. */
  private static final class WayPass implements OsmPbfReader.Handler {
    private final FootRules.Options options;
    long waysRead;
    private int nWays;
    private long[] wayId = new long[1024];
    private int[] wayStart = new int[1025];
    private int nRefs;
    private long[] refs = new long[8192];

    WayPass(FootRules.Options options) {
      this.options = options;
    }

    @Override
    public boolean wantsNodes() {
      return false;
    }

    @Override
    public void way(long id, long[] nodeRefs, Map<String, String> tags) {
      waysRead++;
      if (!FootRules.walkable(tags, options)) {
        return;
      }
      if (nWays + 1 >= wayId.length) {
        wayId = Arrays.copyOf(wayId, 2 * wayId.length);
        wayStart = Arrays.copyOf(wayStart, wayId.length + 1);
      }
      if (nRefs + nodeRefs.length > refs.length) {
        refs = Arrays.copyOf(refs, Math.max(2 * refs.length, nRefs + nodeRefs.length));
      }
      System.arraycopy(nodeRefs, 0, refs, nRefs, nodeRefs.length);
      nRefs += nodeRefs.length;
      wayId[nWays++] = id;
      wayStart[nWays] = nRefs;
    }

    Extract extract() {
      long[] sorted = Arrays.copyOf(refs, nRefs);
      Arrays.sort(sorted);
      int nIds = 0;
      for (int i = 0; i < sorted.length; i++) {
        if (i == 0 || sorted[i] != sorted[i - 1]) {
          sorted[nIds++] = sorted[i];
        }
      }
      long[] nodeId = Arrays.copyOf(sorted, nIds);
      int[] wayNode = new int[nRefs];
      for (int i = 0; i < nRefs; i++) {
        wayNode[i] = Arrays.binarySearch(nodeId, refs[i]);
      }
      refs = null;
      return new Extract(
          Arrays.copyOf(wayId, nWays), Arrays.copyOf(wayStart, nWays + 1), wayNode, nodeId);
    }
  }

  /** Pass 2: coordinates and barrier flags of the nodes the kept ways use. */
  private static final class NodePass implements OsmPbfReader.Handler {
    private final FootRules.Options options;
    private final Extract extract;
    long nodesRead;
    private final boolean[] seen;

    NodePass(Extract extract, FootRules.Options options) {
      this.options = options;
      this.extract = extract;
      this.seen = new boolean[extract.nodeId.length];
    }

    @Override
    public boolean wantsWays() {
      return false;
    }

    @Override
    public void node(long id, double lon, double lat, Map<String, String> tags) {
      nodesRead++;
      int i = Arrays.binarySearch(extract.nodeId, id);
      if (i < 0) {
        return;
      }
      check(!seen[i], "Cannot build a foot graph: node %s appears twice", id);
      seen[i] = true;
      extract.lon[i] = lon;
      extract.lat[i] = lat;
      extract.present[i] = true;
      extract.blocked[i] = FootRules.blocks(tags, options);
    }
  }

  private static Built build(
      Extract ex,
      long waysRead,
      long nodesRead,
      String crs,
      MathTransform toMetres,
      FootRules.Options options,
      double parseSeconds,
      long buildStartNanos) {
    int nNodes = ex.nodeId.length;
    // Only nodes present in the input are projected (a clipped extract references nodes it lacks).
    double[] xy = new double[2 * nNodes];
    int[] presentNode = new int[nNodes];
    int nPresent = 0;
    for (int i = 0; i < nNodes; i++) {
      if (ex.present[i]) {
        xy[2 * nPresent] = ex.lon[i];
        xy[2 * nPresent + 1] = ex.lat[i];
        presentNode[nPresent++] = i;
      }
    }
    try {
      toMetres.transform(xy, 0, xy, 0, nPresent);
    } catch (TransformException e) {
      throw new InputException(
          "Cannot project OSM nodes to "
              + crs
              + ": "
              + (e.getMessage() == null
                  ? e.getClass().getSimpleName()
                  : e.getMessage().lines().findFirst().orElse("")),
          e);
    }
    for (int k = nPresent - 1; k >= 0; k--) {
      int i = presentNode[k];
      double x = xy[2 * k];
      double y = xy[2 * k + 1];
      if (!(Double.isFinite(x) && Double.isFinite(y))) {
        throw new InputException(
            "Cannot project OSM node "
                + ex.nodeId[i]
                + " ("
                + ex.lon[i]
                + ", "
                + ex.lat[i]
                + ") to "
                + crs);
      }
      xy[2 * i] = x;
      xy[2 * i + 1] = y;
    }

    // Node references of each way, missing nodes marked and repeated consecutive references
    // collapsed.
    int nWays = ex.wayId.length;
    int[] uses = new int[nNodes];
    int[] seq = ex.wayNode;
    int[] seqStart = new int[nWays + 1];
    int n = 0;
    for (int w = 0; w < nWays; w++) {
      int previous = Integer.MIN_VALUE;
      for (int k = ex.wayStart[w]; k < ex.wayStart[w + 1]; k++) {
        int node = seq[k] >= 0 && ex.present[seq[k]] ? seq[k] : MISSING_NODE;
        if (node == previous) {
          continue;
        }
        seq[n++] = node;
        previous = node;
        if (node != MISSING_NODE) {
          uses[node]++;
        }
      }
      seqStart[w + 1] = n;
    }

    Edges edges = new Edges();
    int[] nodeVertex = new int[nNodes];
    Arrays.fill(nodeVertex, NO_VERTEX);
    for (int w = 0; w < nWays; w++) {
      int runStart = seqStart[w];
      for (int k = seqStart[w]; k <= seqStart[w + 1]; k++) {
        if (k == seqStart[w + 1] || seq[k] == MISSING_NODE) {
          // A run of present nodes: split at junctions and barriers.
          int pieceStart = runStart;
          for (int i = runStart + 1; i < k; i++) {
            int node = seq[i];
            if (i == k - 1 || uses[node] >= 2 || ex.blocked[node]) {
              edges.piece(ex, xy, seq, pieceStart, i, ex.wayId[w], nodeVertex);
              pieceStart = i;
            }
          }
          runStart = k + 1;
        }
      }
    }
    return edges.prune(
        crs,
        options.minComponentEdges(),
        waysRead,
        nWays,
        nodesRead,
        parseSeconds,
        buildStartNanos);
  }

  /** Growable edge arrays over provisional vertices. */
  private static final class Edges {
    int nVertices;
    double[] vx = new double[1024];
    double[] vy = new double[1024];
    int nEdges;
    int[] from = new int[1024];
    int[] to = new int[1024];
    double[] length = new double[1024];
    long[] way = new long[1024];
    int[] geometryStart = new int[1025];
    int nPoints;
    double[] px = new double[4096];
    double[] py = new double[4096];

    /** The way piece {@code seq[first..last]}; dropped when its length is 0. */
    void piece(
        Extract ex, double[] xy, int[] seq, int first, int last, long wayId, int[] nodeVertex) {
      double sum = 0;
      for (int i = first + 1; i <= last; i++) {
        int a = seq[i - 1];
        int b = seq[i];
        sum += Math.hypot(xy[2 * b] - xy[2 * a], xy[2 * b + 1] - xy[2 * a + 1]);
      }
      if (!(sum > 0)) {
        return;
      }
      if (nEdges == from.length) {
        int c = 2 * nEdges;
        from = Arrays.copyOf(from, c);
        to = Arrays.copyOf(to, c);
        length = Arrays.copyOf(length, c);
        way = Arrays.copyOf(way, c);
        geometryStart = Arrays.copyOf(geometryStart, c + 1);
      }
      int pieceLength = last - first + 1;
      if (nPoints + pieceLength > px.length) {
        int c = Math.max(2 * px.length, nPoints + pieceLength);
        px = Arrays.copyOf(px, c);
        py = Arrays.copyOf(py, c);
      }
      for (int i = first; i <= last; i++) {
        px[nPoints] = xy[2 * seq[i]];
        py[nPoints] = xy[2 * seq[i] + 1];
        nPoints++;
      }
      from[nEdges] = vertex(ex, xy, seq[first], nodeVertex);
      to[nEdges] = vertex(ex, xy, seq[last], nodeVertex);
      length[nEdges] = sum;
      way[nEdges] = wayId;
      nEdges++;
      geometryStart[nEdges] = nPoints;
    }

    /** The shared vertex of a node, or a fresh one at each piece end on a blocking node. */
    private int vertex(Extract ex, double[] xy, int node, int[] nodeVertex) {
      if (!ex.blocked[node] && nodeVertex[node] != NO_VERTEX) {
        return nodeVertex[node];
      }
      if (nVertices == vx.length) {
        vx = Arrays.copyOf(vx, 2 * nVertices);
        vy = Arrays.copyOf(vy, 2 * nVertices);
      }
      vx[nVertices] = xy[2 * node];
      vy[nVertices] = xy[2 * node + 1];
      if (!ex.blocked[node]) {
        nodeVertex[node] = nVertices;
      }
      return nVertices++;
    }

    Built prune(
        String crs,
        int minComponentEdges,
        long waysRead,
        long waysWalkable,
        long nodesRead,
        double parseSeconds,
        long buildStartNanos) {
      int[] parent = new int[nVertices];
      for (int v = 0; v < nVertices; v++) {
        parent[v] = v;
      }
      for (int e = 0; e < nEdges; e++) {
        int a = root(parent, from[e]);
        int b = root(parent, to[e]);
        if (a != b) {
          parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
      int[] componentEdges = new int[nVertices];
      for (int e = 0; e < nEdges; e++) {
        componentEdges[root(parent, from[e])]++;
      }
      int componentsPruned = 0;
      int edgesPruned = 0;
      for (int v = 0; v < nVertices; v++) {
        if (parent[v] == v && componentEdges[v] < minComponentEdges) {
          componentsPruned++;
          edgesPruned += componentEdges[v];
        }
      }

      int kept = nEdges - edgesPruned;
      int[] renumber = new int[nVertices];
      Arrays.fill(renumber, NO_VERTEX);
      int nV = 0;
      int[] keptFrom = new int[kept];
      int[] keptTo = new int[kept];
      double[] keptLength = new double[kept];
      long[] keptWay = new long[kept];
      int[] keptStart = new int[kept + 1];
      int keptPoints = 0;
      for (int e = 0; e < nEdges; e++) {
        if (componentEdges[root(parent, from[e])] >= minComponentEdges) {
          keptPoints += geometryStart[e + 1] - geometryStart[e];
        }
      }
      double[] keptX = new double[keptPoints];
      double[] keptY = new double[keptPoints];
      int k = 0;
      int p = 0;
      double metres = 0;
      for (int e = 0; e < nEdges; e++) {
        if (componentEdges[root(parent, from[e])] < minComponentEdges) {
          continue;
        }
        if (renumber[from[e]] == NO_VERTEX) {
          renumber[from[e]] = nV++;
        }
        if (renumber[to[e]] == NO_VERTEX) {
          renumber[to[e]] = nV++;
        }
        keptFrom[k] = renumber[from[e]];
        keptTo[k] = renumber[to[e]];
        keptLength[k] = length[e];
        keptWay[k] = way[e];
        metres += length[e];
        int points = geometryStart[e + 1] - geometryStart[e];
        System.arraycopy(px, geometryStart[e], keptX, p, points);
        System.arraycopy(py, geometryStart[e], keptY, p, points);
        p += points;
        k++;
        keptStart[k] = p;
      }
      double[] x = new double[nV];
      double[] y = new double[nV];
      for (int v = 0; v < nVertices; v++) {
        if (renumber[v] != NO_VERTEX) {
          x[renumber[v]] = vx[v];
          y[renumber[v]] = vy[v];
        }
      }
      FootGraph graph =
          new FootGraph(crs, x, y, keptFrom, keptTo, keptLength, keptStart, keptX, keptY, keptWay);
      Stats stats =
          new Stats(
              waysRead,
              waysWalkable,
              nodesRead,
              nV,
              kept,
              componentsPruned,
              edgesPruned,
              metres / 1000,
              parseSeconds,
              seconds(System.nanoTime() - buildStartNanos));
      return new Built(graph, stats);
    }

    private static int root(int[] parent, int v) {
      while (parent[v] != v) {
        parent[v] = parent[parent[v]];
        v = parent[v];
      }
      return v;
    }
  }
}
