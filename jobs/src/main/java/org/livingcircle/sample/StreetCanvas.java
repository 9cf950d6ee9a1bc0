package org.livingcircle.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The drawing board of the synthetic street network: nodes in local metres (x east, y north) and
 * ways as node-index lists with tags. Two operations make the drawing a network: {@link
 * #nodeCrossings} gives every proper crossing of two noded ways a shared node, and {@link
 * #crossBarrier} cuts the ways that cross a river, railway or expressway, except where a crossing
 * is kept as a bridge, level crossing, underpass or overpass. Deterministic (no hash-order
 * iteration); not thread-safe.
 */
final class StreetCanvas {
  /** What a way is; decides noding, barrier handling and whether it is walked. */
  enum Kind {
    /** Town and village street (lattice lines, diagonals): noded; may be kept at a barrier. */
    STREET(true, true),
    /** Road between settlements: noded; always kept at a barrier. */
    ROAD(true, true),
    /** Footway through a block: noded; cut at a barrier. */
    FOOT(true, true),
    /** Compound road or gate connector: not noded (it meets streets only where drawn). */
    COMPOUND(false, true),
    /** Wall, river, railway, expressway: not walkable, never noded. */
    OTHER(false, false);

    final boolean noded;
    final boolean walkable;

    Kind(boolean noded, boolean walkable) {
      this.noded = noded;
      this.walkable = walkable;
    }
  }

  /** How a walkable way passes a barrier at one crossing. */
  enum Pass {
    CUT,
    BRIDGE,
    TUNNEL,
    LEVEL_CROSSING,
    OVERPASS
  }

  static final class Way {
    IntList nodes;
    Map<String, String> tags;
    final Kind kind;

    /**
     * Index of the city (in its sample group) whose generator drew the way; decides its OSM id
     * prefix.
     */
    final int owner;

    Way(IntList nodes, Map<String, String> tags, Kind kind, int owner) {
      this.nodes = nodes;
      this.tags = tags;
      this.kind = kind;
      this.owner = owner;
    }
  }

  /** A growable int array. */
  static final class IntList {
    int[] a;
    int n;

    IntList(int capacity) {
      a = new int[Math.max(2, capacity)];
    }

    static IntList of(int... values) {
      IntList l = new IntList(values.length);
      for (int v : values) {
        l.add(v);
      }
      return l;
    }

    void add(int v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    int get(int i) {
      return a[i];
    }

    int size() {
      return n;
    }
  }

  private double[] xs = new double[1 << 16];
  private double[] ys = new double[1 << 16];
  private int nNodes;
  final Map<Integer, Map<String, String>> nodeTags = new TreeMap<>();
  final List<Way> ways = new ArrayList<>();

  /** The city whose ways are being drawn (index in the sample group). */
  int owner;

  int node(double x, double y) {
    if (nNodes == xs.length) {
      xs = Arrays.copyOf(xs, nNodes * 2);
      ys = Arrays.copyOf(ys, nNodes * 2);
    }
    xs[nNodes] = x;
    ys[nNodes] = y;
    return nNodes++;
  }

  double x(int node) {
    return xs[node];
  }

  double y(int node) {
    return ys[node];
  }

  int nodes() {
    return nNodes;
  }

  void tagNode(int node, Map<String, String> tags) {
    nodeTags.put(node, tags);
  }

  Way way(IntList nodes, Map<String, String> tags, Kind kind) {
    Way w = new Way(nodes, tags, kind, owner);
    ways.add(w);
    return w;
  }

  double distance(int a, int b) {
    return Math.hypot(xs[a] - xs[b], ys[a] - ys[b]);
  }

  /** Immutable tag map with a fixed (sorted) iteration order, from key, value pairs. */
  static Map<String, String> tags(String... kv) {
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }

  static Map<String, String> with(Map<String, String> base, String... kv) {
    TreeMap<String, String> m = new TreeMap<>(base);
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }

  // ---- noding ---------------------------------------------------------------------------------

  private record Insert(int segment, double t, int node) {}

  /** Gives every proper crossing between segments of noded ways a new node shared by both ways. */
  void nodeCrossings(double cellM) {
    List<Way> noded = new ArrayList<>();
    for (Way w : ways) {
      if (w.kind.noded) {
        noded.add(w);
      }
    }
    int nSeg = 0;
    for (Way w : noded) {
      nSeg += w.nodes.size() - 1;
    }
    int[] segWay = new int[nSeg];
    int[] segIndex = new int[nSeg];
    Map<Long, IntList> grid = new HashMap<>();
    int s = 0;
    for (int wi = 0; wi < noded.size(); wi++) {
      IntList nodes = noded.get(wi).nodes;
      for (int i = 0; i + 1 < nodes.size(); i++, s++) {
        segWay[s] = wi;
        segIndex[s] = i;
        int a = nodes.get(i);
        int b = nodes.get(i + 1);
        int cx0 = cell(Math.min(xs[a], xs[b]), cellM);
        int cx1 = cell(Math.max(xs[a], xs[b]), cellM);
        int cy0 = cell(Math.min(ys[a], ys[b]), cellM);
        int cy1 = cell(Math.max(ys[a], ys[b]), cellM);
        for (int cy = cy0; cy <= cy1; cy++) {
          for (int cx = cx0; cx <= cx1; cx++) {
            grid.computeIfAbsent(key(cx, cy), k -> new IntList(4)).add(s);
          }
        }
      }
    }
    List<List<Insert>> inserts = new ArrayList<>();
    for (int i = 0; i < noded.size(); i++) {
      inserts.add(new ArrayList<>());
    }
    long[] keys = grid.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    double[] hit = new double[4];
    for (long k : keys) {
      IntList list = grid.get(k);
      int cx = (int) (k >> 32);
      int cy = (int) k;
      for (int p = 0; p < list.size(); p++) {
        int sa = list.get(p);
        Way wa = noded.get(segWay[sa]);
        int a0 = wa.nodes.get(segIndex[sa]);
        int a1 = wa.nodes.get(segIndex[sa] + 1);
        for (int q = p + 1; q < list.size(); q++) {
          int sb = list.get(q);
          Way wb = noded.get(segWay[sb]);
          int b0 = wb.nodes.get(segIndex[sb]);
          int b1 = wb.nodes.get(segIndex[sb] + 1);
          if (a0 == b0 || a0 == b1 || a1 == b0 || a1 == b1) {
            continue;
          }
          if (!intersect(a0, a1, b0, b1, hit)
              || cell(hit[2], cellM) != cx
              || cell(hit[3], cellM) != cy) {
            continue; // no crossing, or it is handled in the cell that holds the crossing point
          }
          int n = node(hit[2], hit[3]);
          inserts.get(segWay[sa]).add(new Insert(segIndex[sa], hit[0], n));
          inserts.get(segWay[sb]).add(new Insert(segIndex[sb], hit[1], n));
        }
      }
    }
    for (int wi = 0; wi < noded.size(); wi++) {
      noded.get(wi).nodes = withInserts(noded.get(wi).nodes, inserts.get(wi));
    }
  }

  private static IntList withInserts(IntList nodes, List<Insert> inserts) {
    if (inserts.isEmpty()) {
      return nodes;
    }
    inserts.sort(
        (p, q) ->
            p.segment != q.segment
                ? Integer.compare(p.segment, q.segment)
                : Double.compare(p.t, q.t));
    IntList out = new IntList(nodes.size() + inserts.size());
    int k = 0;
    for (int i = 0; i < nodes.size(); i++) {
      out.add(nodes.get(i));
      while (k < inserts.size() && inserts.get(k).segment == i) {
        out.add(inserts.get(k++).node);
      }
    }
    return out;
  }

  /** Proper crossing of segments a0-a1 and b0-b1: {@code out = {t on a, u on b, x, y}}. */
  private boolean intersect(int a0, int a1, int b0, int b1, double[] out) {
    double rx = xs[a1] - xs[a0];
    double ry = ys[a1] - ys[a0];
    double sx = xs[b1] - xs[b0];
    double sy = ys[b1] - ys[b0];
    double den = rx * sy - ry * sx;
    if (Math.abs(den) < 1e-9 * Math.hypot(rx, ry) * Math.hypot(sx, sy) || den == 0) {
      return false;
    }
    double qx = xs[b0] - xs[a0];
    double qy = ys[b0] - ys[a0];
    double t = (qx * sy - qy * sx) / den;
    double u = (qx * ry - qy * rx) / den;
    double eps = 1e-6;
    if (t <= eps || t >= 1 - eps || u <= eps || u >= 1 - eps) {
      return false;
    }
    out[0] = t;
    out[1] = u;
    out[2] = xs[a0] + t * rx;
    out[3] = ys[a0] + t * ry;
    return true;
  }

  private static int cell(double v, double cellM) {
    return (int) Math.floor(v / cellM);
  }

  private static long key(int cx, int cy) {
    return ((long) cx << 32) | (cy & 0xFFFFFFFFL);
  }

  // ---- barriers -------------------------------------------------------------------------------

  /** One crossing of a walkable way with a barrier, as the policy sees it. */
  record Crossing(
      Way way, int segment, double t, int barrierSegment, double s, double arc, double sinAngle) {}

  /** Decides each crossing's {@link Pass}, given all crossings of one barrier sorted along it. */
  interface Policy {
    Pass[] decide(List<Crossing> sortedByArc);
  }

  private record BarrierInsert(int segment, double s, int node, int role) {}

  private static final int ROLE_PLAIN = 0;
  private static final int ROLE_BRIDGE_START = 1;
  private static final int ROLE_BRIDGE_END = 2;

  /**
   * Cuts every walkable way where it crosses {@code barrier}, leaving {@code halfWidthM} metres
   * clear on each side, except where the policy keeps the crossing. Bridges and tunnels become ways
   * of their own that share nodes only at their two ends; a level crossing is a node shared with
   * the barrier; an overpass leaves the way whole and lifts the barrier onto a {@code bridge=yes}
   * piece. Returns the pieces of the barrier.
   */
  List<Way> crossBarrier(
      Way barrier, double halfWidthM, double overpassHalfLengthM, Policy policy) {
    IntList bn = barrier.nodes;
    double[] arcAt = new double[bn.size()];
    Map<Long, IntList> grid = new HashMap<>();
    double cellM = 400;
    for (int i = 0; i + 1 < bn.size(); i++) {
      arcAt[i + 1] = arcAt[i] + distance(bn.get(i), bn.get(i + 1));
      int a = bn.get(i);
      int b = bn.get(i + 1);
      for (int cy = cell(Math.min(ys[a], ys[b]), cellM);
          cy <= cell(Math.max(ys[a], ys[b]), cellM);
          cy++) {
        for (int cx = cell(Math.min(xs[a], xs[b]), cellM);
            cx <= cell(Math.max(xs[a], xs[b]), cellM);
            cx++) {
          grid.computeIfAbsent(key(cx, cy), k -> new IntList(2)).add(i);
        }
      }
    }
    List<Crossing> crossings = new ArrayList<>();
    double[] hit = new double[4];
    for (Way w : ways) {
      if (!w.kind.walkable) {
        continue;
      }
      for (int i = 0; i + 1 < w.nodes.size(); i++) {
        int a = w.nodes.get(i);
        int b = w.nodes.get(i + 1);
        java.util.TreeSet<Integer> candidates = new java.util.TreeSet<>();
        for (int cy = cell(Math.min(ys[a], ys[b]), cellM);
            cy <= cell(Math.max(ys[a], ys[b]), cellM);
            cy++) {
          for (int cx = cell(Math.min(xs[a], xs[b]), cellM);
              cx <= cell(Math.max(xs[a], xs[b]), cellM);
              cx++) {
            IntList l = grid.get(key(cx, cy));
            for (int k = 0; l != null && k < l.size(); k++) {
              candidates.add(l.get(k));
            }
          }
        }
        for (int k : candidates) {
          int c0 = bn.get(k);
          int c1 = bn.get(k + 1);
          if (intersect(a, b, c0, c1, hit)) {
            double len = distance(a, b) * distance(c0, c1);
            double cross =
                Math.abs((xs[b] - xs[a]) * (ys[c1] - ys[c0]) - (ys[b] - ys[a]) * (xs[c1] - xs[c0]));
            crossings.add(
                new Crossing(
                    w,
                    i,
                    hit[0],
                    k,
                    hit[1],
                    arcAt[k] + hit[1] * (arcAt[k + 1] - arcAt[k]),
                    cross / len));
          }
        }
      }
    }
    crossings.sort((p, q) -> Double.compare(p.arc, q.arc));
    Pass[] passes = policy.decide(crossings);
    Map<Way, List<Integer>> byWay = new java.util.LinkedHashMap<>();
    for (int c = 0; c < crossings.size(); c++) {
      byWay.computeIfAbsent(crossings.get(c).way, k -> new ArrayList<>()).add(c);
    }
    List<BarrierInsert> barrierInserts = new ArrayList<>();
    List<Way> added = new ArrayList<>();
    for (Map.Entry<Way, List<Integer>> e : byWay.entrySet()) {
      List<Integer> cs = e.getValue();
      cs.sort(
          (p, q) -> {
            Crossing a = crossings.get(p);
            Crossing b = crossings.get(q);
            return a.segment != b.segment
                ? Integer.compare(a.segment, b.segment)
                : Double.compare(a.t, b.t);
          });
      split(
          e.getKey(),
          cs,
          crossings,
          passes,
          halfWidthM,
          overpassHalfLengthM,
          bn,
          arcAt,
          barrierInserts,
          added);
    }
    ways.addAll(added);
    barrier.nodes = withBarrierInserts(bn, barrierInserts);
    return splitBarrier(barrier);
  }

  private void split(
      Way w,
      List<Integer> order,
      List<Crossing> crossings,
      Pass[] passes,
      double halfWidthM,
      double overpassHalfLengthM,
      IntList barrierNodes,
      double[] arcAt,
      List<BarrierInsert> barrierInserts,
      List<Way> added) {
    IntList nodes = w.nodes;
    List<IntList> pieces = new ArrayList<>();
    List<Way> special = new ArrayList<>();
    IntList cur = new IntList(nodes.size());
    cur.add(nodes.get(0));
    int k = 0;
    for (int i = 0; i + 1 < nodes.size(); i++) {
      int a = nodes.get(i);
      int b = nodes.get(i + 1);
      double len = distance(a, b);
      double prevT = 0;
      while (k < order.size() && crossings.get(order.get(k)).segment == i) {
        int ci = order.get(k++);
        Crossing c = crossings.get(ci);
        Pass pass = passes[ci];
        if (pass == Pass.OVERPASS) {
          int c0 = barrierNodes.get(c.barrierSegment);
          int c1 = barrierNodes.get(c.barrierSegment + 1);
          double ds = overpassHalfLengthM / (arcAt[c.barrierSegment + 1] - arcAt[c.barrierSegment]);
          double s0 = Math.max(c.s - ds, c.s * 0.5);
          double s1 = Math.min(c.s + ds, c.s + (1 - c.s) * 0.5);
          int n0 = node(xs[c0] + s0 * (xs[c1] - xs[c0]), ys[c0] + s0 * (ys[c1] - ys[c0]));
          int n1 = node(xs[c0] + s1 * (xs[c1] - xs[c0]), ys[c0] + s1 * (ys[c1] - ys[c0]));
          barrierInserts.add(new BarrierInsert(c.barrierSegment, s0, n0, ROLE_BRIDGE_START));
          barrierInserts.add(new BarrierInsert(c.barrierSegment, s1, n1, ROLE_BRIDGE_END));
          continue;
        }
        if (pass == Pass.LEVEL_CROSSING) {
          int p = node(xs[a] + c.t * (xs[b] - xs[a]), ys[a] + c.t * (ys[b] - ys[a]));
          tagNode(p, tags("railway", "level_crossing"));
          cur.add(p);
          barrierInserts.add(new BarrierInsert(c.barrierSegment, c.s, p, ROLE_PLAIN));
          prevT = c.t;
          continue;
        }
        double d = halfWidthM / Math.max(c.sinAngle, 0.35) / len;
        double ta = Math.max(c.t - d, (prevT + c.t) / 2);
        double tb = Math.min(c.t + d, c.t + (1 - c.t) / 2);
        int na = node(xs[a] + ta * (xs[b] - xs[a]), ys[a] + ta * (ys[b] - ys[a]));
        int nb = node(xs[a] + tb * (xs[b] - xs[a]), ys[a] + tb * (ys[b] - ys[a]));
        cur.add(na);
        pieces.add(cur);
        if (pass == Pass.BRIDGE) {
          special.add(
              new Way(
                  IntList.of(na, nb),
                  with(w.tags, "bridge", "yes", "layer", "1"),
                  w.kind,
                  w.owner));
        } else if (pass == Pass.TUNNEL) {
          special.add(
              new Way(
                  IntList.of(na, nb),
                  with(w.tags, "tunnel", "yes", "layer", "-1"),
                  w.kind,
                  w.owner));
        }
        cur = new IntList(4);
        cur.add(nb);
        prevT = tb;
      }
      cur.add(b);
    }
    pieces.add(cur);
    boolean first = true;
    for (IntList p : pieces) {
      if (p.size() < 2) {
        continue;
      }
      if (first) {
        w.nodes = p;
        first = false;
      } else {
        added.add(new Way(p, w.tags, w.kind, w.owner));
      }
    }
    if (first) {
      w.nodes = new IntList(0); // nothing left; dropped when written
    }
    added.addAll(special);
  }

  private IntList withBarrierInserts(IntList nodes, List<BarrierInsert> inserts) {
    List<Insert> plain = new ArrayList<>();
    for (BarrierInsert b : inserts) {
      plain.add(new Insert(b.segment, b.s, b.node));
      if (b.role != ROLE_PLAIN) {
        roles.put(b.node, b.role);
      }
    }
    return withInserts(nodes, plain);
  }

  private final Map<Integer, Integer> roles = new HashMap<>();

  /** Splits a barrier at its overpass nodes into plain and {@code bridge=yes} pieces. */
  private List<Way> splitBarrier(Way barrier) {
    List<Way> out = new ArrayList<>();
    IntList cur = new IntList(barrier.nodes.size());
    boolean onBridge = false;
    for (int i = 0; i < barrier.nodes.size(); i++) {
      int n = barrier.nodes.get(i);
      cur.add(n);
      int role = roles.getOrDefault(n, ROLE_PLAIN);
      if ((role == ROLE_BRIDGE_START && !onBridge) || (role == ROLE_BRIDGE_END && onBridge)) {
        if (cur.size() >= 2) {
          out.add(
              new Way(
                  cur,
                  onBridge ? with(barrier.tags, "bridge", "yes", "layer", "1") : barrier.tags,
                  barrier.kind,
                  barrier.owner));
        }
        cur = new IntList(8);
        cur.add(n);
        onBridge = !onBridge;
      }
    }
    if (cur.size() >= 2) {
      out.add(new Way(cur, barrier.tags, barrier.kind, barrier.owner));
    }
    ways.remove(barrier);
    ways.addAll(out);
    return out;
  }
}
