package org.livingcircle.sample;

import static org.livingcircle.sample.StreetCanvas.tags;
import static org.livingcircle.sample.StreetCanvas.with;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.livingcircle.common.InputException;
import org.livingcircle.sample.StreetCanvas.IntList;
import org.livingcircle.sample.StreetCanvas.Kind;
import org.livingcircle.sample.StreetCanvas.Pass;
import org.livingcircle.sample.StreetCanvas.Way;
import org.livingcircle.streets.OsmNode;
import org.livingcircle.streets.OsmPbfReader;
import org.livingcircle.streets.OsmPbfWriter;
import org.livingcircle.streets.OsmWay;

/**
 * A SYNTHETIC street network for one sample city, WGS84 like OpenStreetMap: a jittered street
 * lattice (blocks ≈120–250 m, a few diagonal streets, footways through blocks) over every
 * settlement the sample puts POIs in, walled residential compounds (小区) with private internal roads
 * that meet the streets only at gates, tertiary and secondary roads between settlements, villages
 * with their roads, and rural land without streets; a river crossed only at a few bridges, a
 * railway crossed only at a few level crossings and underpasses, and an expressway that streets
 * pass under at a few places. Deterministic for a seed.
 *
 * <p>Streets, roads and villages do not depend on {@code --scale}; compounds are drawn in the
 * blocks of the residential-tier POIs, so their number follows the scale. Geometry is drawn in
 * local metres (an equirectangular projection about the city's centre) and written as WGS84 degrees
 * rounded to 1e-7.
 */
final class SampleStreets {
  static final String SOURCE = "synthetic (lcp sample)";
  static final String WRITING_PROGRAM =
      "lcp sample — SYNTHETIC street network, not OpenStreetMap data";

  /** Settlement lattice covers this many Gaussian sigmas around each township centre. */
  private static final double COVER_SIGMAS = 2.5;

  private static final double VILLAGES_PER_KM2 = 1 / 5.0;
  private static final double VILLAGE_LINK_MAX_M = 6_000;
  private static final double RIVER_HALF_WIDTH_M = 20;
  private static final double RAIL_HALF_WIDTH_M = 8;
  private static final double MOTORWAY_HALF_WIDTH_M = 16;
  private static final double BRIDGE_SPACING_M = 900;
  private static final double RAIL_CROSSING_SPACING_M = 1_200;
  private static final double UNDERPASS_SPACING_M = 1_500;

  /**
   * The network as OSM entities (nodes sorted by id, then ways) plus a few counts for the README.
   */
  record Network(List<OsmNode> nodes, List<OsmWay> ways, Map<String, Long> counts) {}

  private final List<SampleLayout> layouts;
  private final List<PoiFiles.Poi> pois;
  private final List<SampleCategory> categories;
  private final long seed;
  private final long idBase;
  private final SplittableRandom rng;
  private final StreetCanvas canvas;
  private final double lon0;
  private final double lat0;
  private final double mPerDegLon;

  /** This city's place in its group (the city and its neighbours, by city code). */
  private final int index;

  private final List<SampleStreets> group;
  private final List<Lattice> lattices = new ArrayList<>();
  private final List<Way> barriers = new ArrayList<>();

  /**
   * The river, railway and expressway of every city in the group (compounds keep away from all of
   * them).
   */
  private final List<Way> groupBarriers;

  private final List<Way> roads = new ArrayList<>();
  private long compounds;
  private long villages;
  private long bridges;

  /**
   * What one city's part of a network is generated from: its sample's layouts, POIs, categories,
   * seed and stream.
   */
  record CityPart(
      List<SampleLayout> layouts,
      List<PoiFiles.Poi> pois,
      List<SampleCategory> categories,
      long seed,
      String cityCode,
      SplittableRandom rng) {}

  private SampleStreets(
      CityPart part,
      StreetCanvas canvas,
      double[] frame,
      int index,
      List<SampleStreets> group,
      List<Way> groupBarriers) {
    this.layouts = part.layouts();
    this.pois = part.pois();
    this.categories = part.categories();
    this.seed = part.seed();
    this.idBase = Long.parseLong(part.cityCode()) * 100_000_000L;
    this.rng = part.rng();
    this.canvas = canvas;
    this.lon0 = frame[0];
    this.lat0 = frame[1];
    this.mPerDegLon = CountyShape.METERS_PER_DEGREE * Math.cos(Math.toRadians(lat0));
    this.index = index;
    this.group = group;
    this.groupBarriers = groupBarriers;
  }

  /** {minLng, minLat, maxLng, maxLat} of the counties of some parts. */
  private static double[] bounds(List<CityPart> parts) {
    double x0 = Double.POSITIVE_INFINITY,
        y0 = Double.POSITIVE_INFINITY,
        x1 = Double.NEGATIVE_INFINITY,
        y1 = Double.NEGATIVE_INFINITY;
    for (CityPart p : parts) {
      for (SampleLayout l : p.layouts()) {
        CountyShape s = l.county.shape();
        x0 = Math.min(x0, s.minLng());
        y0 = Math.min(y0, s.minLat());
        x1 = Math.max(x1, s.maxLng());
        y1 = Math.max(y1, s.maxLat());
      }
    }
    return new double[] {x0, y0, x1, y1};
  }

  /**
   * The city's network. OSM ids start at {@code cityCode × 10⁸ + 1}, so the networks of different
   * cities can share one file.
   */
  static Network generate(
      List<SampleLayout> layouts,
      List<PoiFiles.Poi> pois,
      List<SampleCategory> categories,
      long seed,
      String cityCode,
      SplittableRandom rng) {
    return generate(
        List.of(new CityPart(layouts, pois, categories, seed, cityCode, rng)), List.of());
  }

  /**
   * One connected network of several cities (a city and its configured neighbours), like a
   * provincial extract: each city's part is drawn from its own part (layouts, POIs, seed, stream)
   * as its own sample draws it, in one local frame (the group's centre); streets of different
   * cities that cross get shared nodes, the river, railway and expressway of every city apply their
   * crossing rules to every city's ways, and {@value #CROSS_BORDER_ROADS} tertiary/secondary roads
   * join the nearest towns across each border of {@code neighbourPairs} (indices into {@code
   * parts}) whose cities' counties touch. Depends only on the parts in code order, so every city of
   * the group writes the same file. OSM ids carry the code of the city that drew the way (a
   * crossing node: the city of the first way using it).
   */
  static Network generate(List<CityPart> parts, List<int[]> neighbourPairs) {
    List<CityPart> sorted = new ArrayList<>(parts);
    sorted.sort(java.util.Comparator.comparing(CityPart::cityCode));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).cityCode().equals(sorted.get(i - 1).cityCode())) {
        throw new IllegalArgumentException(
            "Cannot generate streets: city " + sorted.get(i).cityCode() + " appears twice");
      }
    }
    double[] b = bounds(sorted);
    double[] frame = {(b[0] + b[2]) / 2, (b[1] + b[3]) / 2};
    StreetCanvas canvas = new StreetCanvas();
    List<SampleStreets> group = new ArrayList<>();
    List<Way> groupBarriers = new ArrayList<>();
    for (int k = 0; k < sorted.size(); k++) {
      group.add(new SampleStreets(sorted.get(k), canvas, frame, k, group, groupBarriers));
    }
    for (SampleStreets s : group) {
      canvas.owner = s.index;
      s.drawBarriers(s.halfDiagonal(sorted.get(s.index)));
      groupBarriers.addAll(s.barriers);
    }
    for (SampleStreets s : group) {
      for (int k = 0; k < s.layouts.size(); k++) {
        s.lattices.add(s.new Lattice(k, s.rng.split()));
      }
    }
    for (SampleStreets s : group) {
      canvas.owner = s.index;
      s.drawRoads(s.roads);
      s.drawVillages(s.roads);
    }
    List<Way> allRoads = new ArrayList<>();
    group.forEach(s -> allRoads.addAll(s.roads));
    long crossBorder = 0;
    for (int[] pair : orderedPairs(neighbourPairs, parts, sorted)) {
      crossBorder += drawCrossBorderRoads(group.get(pair[0]), group.get(pair[1]), allRoads);
    }
    for (SampleStreets s : group) {
      for (Way r : allRoads) {
        s.markCrossedCells(r);
      }
    }
    for (SampleStreets s : group) {
      canvas.owner = s.index;
      for (Lattice l : s.lattices) {
        l.drawStreets();
      }
    }
    canvas.nodeCrossings(200);
    for (SampleStreets s : group) {
      s.crossBarriers();
    }
    return toOsm(canvas, group, sorted.size() > 1 ? crossBorder : -1);
  }

  /**
   * Reach of the city's river, railway and expressway: the half-diagonal of its own counties'
   * bounding box.
   */
  private double halfDiagonal(CityPart own) {
    double[] b = bounds(List.of(own));
    return Math.hypot(localX(b[2]) - localX(b[0]), localY(b[3]) - localY(b[1])) / 2;
  }

  // ---- coordinates ------------------------------------------------------------------------------

  private double localX(double lon) {
    return (lon - lon0) * mPerDegLon;
  }

  private double localY(double lat) {
    return (lat - lat0) * CountyShape.METERS_PER_DEGREE;
  }

  private double lon(double x) {
    return Math.round((lon0 + x / mPerDegLon) * 1e7) / 1e7;
  }

  private double lat(double y) {
    return Math.round((lat0 + y / CountyShape.METERS_PER_DEGREE) * 1e7) / 1e7;
  }

  private boolean inCounty(int county, double x, double y) {
    return layouts
        .get(county)
        .county
        .shape()
        .contains(lon0 + x / mPerDegLon, lat0 + y / CountyShape.METERS_PER_DEGREE);
  }

  /** A uniform number in [0, 1) from the seed and three integers, independent of drawing order. */
  private double hash01(long a, long b, long c) {
    long h = seed * 0x9E3779B97F4A7C15L;
    h = mix(h ^ a);
    h = mix(h ^ (b * 0xC2B2AE3D27D4EB4FL));
    h = mix(h ^ (c * 0x165667B19E3779F9L));
    return (h >>> 11) * 0x1.0p-53;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  // ---- river, railway, expressway ---------------------------------------------------------------

  private void drawBarriers(double ownHalfDiagonal) {
    Integer[] bySize = new Integer[layouts.size()];
    for (int i = 0; i < bySize.length; i++) {
      bySize[i] = i;
    }
    Arrays.sort(
        bySize,
        (a, b) ->
            layouts.get(b).population != layouts.get(a).population
                ? Integer.compare(layouts.get(b).population, layouts.get(a).population)
                : Integer.compare(a, b));
    double halfDiagonal = group.size() == 1 ? 0 : ownHalfDiagonal;
    for (SampleLayout l : layouts) {
      if (group.size() > 1) {
        break;
      }
      CountyShape s = l.county.shape();
      halfDiagonal = Math.max(halfDiagonal, Math.hypot(localX(s.minLng()), localY(s.minLat())));
      halfDiagonal = Math.max(halfDiagonal, Math.hypot(localX(s.maxLng()), localY(s.maxLat())));
    }
    SampleLayout riverTown = layouts.get(bySize[0]);
    SampleLayout railTown = layouts.get(bySize[Math.min(1, bySize.length - 1)]);
    SampleLayout roadTown = layouts.get(bySize[Math.min(2, bySize.length - 1)]);
    barriers.add(
        line(
            riverTown,
            400 + 500 * rng.nextDouble(),
            1_500,
            22_000,
            300,
            halfDiagonal,
            tags("waterway", "river", "name", "样河 (synthetic)", "source", SOURCE)));
    barriers.add(
        line(
            railTown,
            900 + 900 * rng.nextDouble(),
            700,
            40_000,
            0,
            halfDiagonal,
            tags("railway", "rail", "usage", "main", "source", SOURCE)));
    barriers.add(
        line(
            roadTown,
            1_500 + 1_500 * rng.nextDouble(),
            1_000,
            30_000,
            0,
            halfDiagonal,
            tags("highway", "motorway", "ref", "S99 (synthetic)", "source", SOURCE)));
  }

  /** A long meandering line passing {@code offsetM} from a county seat, across the whole city. */
  private Way line(
      SampleLayout town,
      double offsetM,
      double amplitudeM,
      double wavelengthM,
      double wiggleM,
      double halfLength,
      Map<String, String> lineTags) {
    double angle = Math.PI * rng.nextDouble();
    double dx = Math.cos(angle);
    double dy = Math.sin(angle);
    double phase = 2 * Math.PI * rng.nextDouble();
    double phase2 = 2 * Math.PI * rng.nextDouble();
    double cx = localX(town.seatLng) - dy * offsetM;
    double cy = localY(town.seatLat) + dx * offsetM;
    double base = amplitudeM * Math.sin(phase) + wiggleM * Math.sin(phase2);
    IntList nodes = new IntList(1024);
    double reach = halfLength + 3_000;
    for (double t = -reach; t <= reach; t += 200) {
      double off =
          amplitudeM * Math.sin(2 * Math.PI * t / wavelengthM + phase)
              + wiggleM * Math.sin(2 * Math.PI * t / 4_000 + phase2)
              - base;
      nodes.add(canvas.node(cx + t * dx - off * dy, cy + t * dy + off * dx));
    }
    return canvas.way(nodes, lineTags, Kind.OTHER);
  }

  private double distanceToBarriers(double x, double y) {
    double best = Double.POSITIVE_INFINITY;
    for (Way b : groupBarriers) {
      for (int i = 0; i + 1 < b.nodes.size(); i++) {
        int p = b.nodes.get(i);
        int q = b.nodes.get(i + 1);
        double ax = canvas.x(p), ay = canvas.y(p), bx = canvas.x(q), by = canvas.y(q);
        if (Math.min(ax, bx) - best > x
            || Math.max(ax, bx) + best < x
            || Math.min(ay, by) - best > y
            || Math.max(ay, by) + best < y) {
          continue;
        }
        double vx = bx - ax, vy = by - ay;
        double t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
        best = Math.min(best, Math.hypot(x - ax - t * vx, y - ay - t * vy));
      }
    }
    return best;
  }

  private void crossBarriers() {
    Way motorway = barriers.get(2);
    Way rail = barriers.get(1);
    Way river = barriers.get(0);
    canvas.crossBarrier(
        motorway,
        MOTORWAY_HALF_WIDTH_M,
        30,
        cs -> decide(cs, UNDERPASS_SPACING_M, i -> Pass.OVERPASS));
    canvas.crossBarrier(
        rail,
        RAIL_HALF_WIDTH_M,
        0,
        cs ->
            decide(
                cs, RAIL_CROSSING_SPACING_M, i -> i % 2 == 0 ? Pass.LEVEL_CROSSING : Pass.TUNNEL));
    canvas.crossBarrier(
        river,
        RIVER_HALF_WIDTH_M,
        0,
        cs -> {
          Pass[] p = decide(cs, BRIDGE_SPACING_M, i -> Pass.BRIDGE);
          for (Pass x : p) {
            bridges += x == Pass.BRIDGE ? 1 : 0;
          }
          return p;
        });
  }

  /**
   * Roads always pass (unless right beside another passage); streets every {@code spacing} metres;
   * the rest is cut.
   */
  private static Pass[] decide(
      List<StreetCanvas.Crossing> sorted,
      double spacingM,
      java.util.function.IntFunction<Pass> kind) {
    Pass[] out = new Pass[sorted.size()];
    double last = Double.NEGATIVE_INFINITY;
    int kept = 0;
    for (int i = 0; i < out.length; i++) {
      StreetCanvas.Crossing c = sorted.get(i);
      boolean keep =
          switch (c.way().kind) {
            case ROAD -> c.arc() - last > 100;
            case STREET -> c.arc() - last >= spacingM;
            default -> false;
          };
      out[i] = keep ? kind.apply(kept++) : Pass.CUT;
      if (keep) {
        last = c.arc();
      }
    }
    return out;
  }

  // ---- settlements ------------------------------------------------------------------------------

  /**
   * One county's street lattice: a rotated, jittered grid whose cells are the blocks of its
   * settlements.
   */
  private final class Lattice {
    final int county;
    final double ox;
    final double oy;
    final double cos;
    final double sin;
    final double spacing;
    final Set<Long> active = new HashSet<>();
    final Set<Long> crossed = new HashSet<>();
    final Map<Long, Integer> vertex = new HashMap<>();
    final Map<Long, Integer> midpoint = new HashMap<>();
    final Set<Long> removedLinks = new HashSet<>();
    final Set<Long> usedCells = new HashSet<>();

    /** Cells of each settlement (8-connected active cells), sorted. */
    final List<long[]> settlements = new ArrayList<>();

    final SplittableRandom r;

    Lattice(int county, SplittableRandom r) {
      this.county = county;
      this.r = r;
      SampleLayout layout = layouts.get(county);
      ox = localX(layout.seatLng);
      oy = localY(layout.seatLat);
      double angle = 0.5 * Math.PI * r.nextDouble();
      cos = Math.cos(angle);
      sin = Math.sin(angle);
      spacing = 160 + 50 * r.nextDouble();
      for (int c = 0; c < layout.centres(); c++) {
        double radius = COVER_SIGMAS * layout.centreSigmaM(c);
        double cx = localX(layout.centreLng(c));
        double cy = localY(layout.centreLat(c));
        double u = (cx - ox) * cos + (cy - oy) * sin;
        double v = -(cx - ox) * sin + (cy - oy) * cos;
        int reach = (int) Math.ceil(radius / spacing) + 1;
        int ic = (int) Math.floor(u / spacing);
        int jc = (int) Math.floor(v / spacing);
        for (int j = jc - reach; j <= jc + reach; j++) {
          for (int i = ic - reach; i <= ic + reach; i++) {
            double px = baseX(i + 0.5, j + 0.5);
            double py = baseY(i + 0.5, j + 0.5);
            if (Math.hypot(px - cx, py - cy) <= radius && inCounty(county, px, py)) {
              active.add(key(i, j));
            }
          }
        }
      }
      long[] cells = active.stream().mapToLong(Long::longValue).sorted().toArray();
      for (long cell : cells) {
        int i = ci(cell), j = cj(cell);
        for (int[] corner : new int[][] {{0, 0}, {1, 0}, {1, 1}, {0, 1}}) {
          long vk = key(i + corner[0], j + corner[1]);
          if (!vertex.containsKey(vk)) {
            int ii = i + corner[0], jj = j + corner[1];
            double jx = (hash01(county, vk, 1) - 0.5) * 0.4 * spacing;
            double jy = (hash01(county, vk, 2) - 0.5) * 0.4 * spacing;
            vertex.put(
                vk,
                canvas.node(
                    baseX(ii, jj) + jx * cos - jy * sin, baseY(ii, jj) + jx * sin + jy * cos));
          }
        }
      }
      Set<Long> seen = new HashSet<>();
      for (long cell : cells) {
        if (seen.add(cell)) {
          List<Long> comp = new ArrayList<>();
          java.util.ArrayDeque<Long> queue = new java.util.ArrayDeque<>(List.of(cell));
          while (!queue.isEmpty()) {
            long c = queue.poll();
            comp.add(c);
            for (int dj = -1; dj <= 1; dj++) {
              for (int di = -1; di <= 1; di++) {
                long n = key(ci(c) + di, cj(c) + dj);
                if (active.contains(n) && seen.add(n)) {
                  queue.add(n);
                }
              }
            }
          }
          settlements.add(comp.stream().mapToLong(Long::longValue).sorted().toArray());
        }
      }
      for (long cell : cells) {
        int i = ci(cell), j = cj(cell);
        // an inner residential link between two blocks is sometimes missing (a larger block)
        if (active.contains(key(i, j - 1)) && j % 6 != 0 && hash01(county, cell, 3) < 0.05) {
          removedLinks.add(linkKey(0, i, j));
        }
        if (active.contains(key(i - 1, j)) && i % 6 != 0 && hash01(county, cell, 4) < 0.05) {
          removedLinks.add(linkKey(1, i, j));
        }
      }
    }

    double baseX(double i, double j) {
      return ox + i * spacing * cos - j * spacing * sin;
    }

    double baseY(double i, double j) {
      return oy + i * spacing * sin + j * spacing * cos;
    }

    long cellAt(double x, double y) {
      double u = (x - ox) * cos + (y - oy) * sin;
      double v = -(x - ox) * sin + (y - oy) * cos;
      return key((int) Math.floor(u / spacing), (int) Math.floor(v / spacing));
    }

    /**
     * Horizontal link (dir 0) from vertex (i,j) to (i+1,j), vertical (dir 1) from (i,j) to (i,j+1).
     */
    boolean link(int dir, int i, int j) {
      if (removedLinks.contains(linkKey(dir, i, j))) {
        return false;
      }
      return dir == 0
          ? active.contains(key(i, j)) || active.contains(key(i, j - 1))
          : active.contains(key(i, j)) || active.contains(key(i - 1, j));
    }

    boolean complete(long cell) {
      int i = ci(cell), j = cj(cell);
      return active.contains(cell)
          && link(0, i, j)
          && link(0, i, j + 1)
          && link(1, i, j)
          && link(1, i + 1, j);
    }

    int v(int i, int j) {
      return vertex.get(key(i, j));
    }

    int mid(int dir, int i, int j) {
      return midpoint.computeIfAbsent(
          linkKey(dir, i, j),
          k -> {
            int a = v(i, j);
            int b = dir == 0 ? v(i + 1, j) : v(i, j + 1);
            return canvas.node((canvas.x(a) + canvas.x(b)) / 2, (canvas.y(a) + canvas.y(b)) / 2);
          });
    }

    /** The settlement vertex nearest to a point. */
    int nearestVertex(long[] settlement, double x, double y) {
      int best = -1;
      double bestD = Double.POSITIVE_INFINITY;
      for (long cell : settlement) {
        int n = v(ci(cell), cj(cell));
        double d = Math.hypot(canvas.x(n) - x, canvas.y(n) - y);
        if (d < bestD) {
          bestD = d;
          best = n;
        }
      }
      return best;
    }

    /**
     * The settlement vertex nearest to a point at least {@code awayM} from every node of {@code
     * avoid}; −1: none.
     */
    int nearestVertexAway(
        long[] settlement, double x, double y, List<Integer> avoid, double awayM) {
      int best = -1;
      double bestD = Double.POSITIVE_INFINITY;
      for (long cell : settlement) {
        int n = v(ci(cell), cj(cell));
        double d = Math.hypot(canvas.x(n) - x, canvas.y(n) - y);
        if (d < bestD && avoid.stream().allMatch(e -> canvas.distance(e, n) >= awayM)) {
          bestD = d;
          best = n;
        }
      }
      return best;
    }

    boolean nearSettlement(double x, double y, double m) {
      long c = cellAt(x, y);
      int reach = (int) Math.ceil(m / spacing);
      for (int dj = -reach; dj <= reach; dj++) {
        for (int di = -reach; di <= reach; di++) {
          if (active.contains(key(ci(c) + di, cj(c) + dj))) {
            return true;
          }
        }
      }
      return false;
    }

    void drawStreets() {
      long[] cells = active.stream().mapToLong(Long::longValue).sorted().toArray();
      drawDiagonals();
      drawCompounds();
      for (long cell : cells) {
        if (complete(cell) && !usedCells.contains(cell) && hash01(county, cell, 5) < 0.22) {
          int i = ci(cell), j = cj(cell);
          boolean across = hash01(county, cell, 6) < 0.5;
          int a = across ? mid(1, i, j) : mid(0, i, j);
          int b = across ? mid(1, i + 1, j) : mid(0, i, j + 1);
          IntList nodes = IntList.of(a);
          if (hash01(county, cell, 7) < 0.1) {
            int bollard =
                canvas.node((canvas.x(a) + canvas.x(b)) / 2, (canvas.y(a) + canvas.y(b)) / 2);
            canvas.tagNode(bollard, tags("barrier", "bollard"));
            nodes.add(bollard);
          }
          nodes.add(b);
          canvas.way(nodes, tags("highway", "footway", "source", SOURCE), Kind.FOOT);
        }
      }
      drawLines(0);
      drawLines(1);
    }

    private void drawLines(int dir) {
      List<long[]> links = new ArrayList<>();
      for (long vk : vertex.keySet()) {
        int i = ci(vk), j = cj(vk);
        if (link(dir, i, j)) {
          links.add(new long[] {dir == 0 ? j : i, dir == 0 ? i : j});
        }
      }
      links.sort((p, q) -> p[0] != q[0] ? Long.compare(p[0], q[0]) : Long.compare(p[1], q[1]));
      IntList cur = null;
      long line = Long.MIN_VALUE;
      long last = Long.MIN_VALUE;
      for (long[] l : links) {
        if (cur == null || l[0] != line || l[1] != last + 1) {
          emitLine(cur, line);
          cur = new IntList(16);
          line = l[0];
          int i = (int) (dir == 0 ? l[1] : l[0]);
          int j = (int) (dir == 0 ? l[0] : l[1]);
          cur.add(v(i, j));
        }
        int i = (int) (dir == 0 ? l[1] : l[0]);
        int j = (int) (dir == 0 ? l[0] : l[1]);
        Integer m = midpoint.get(linkKey(dir, i, j));
        if (m != null) {
          cur.add(m);
        }
        cur.add(dir == 0 ? v(i + 1, j) : v(i, j + 1));
        last = l[1];
      }
      emitLine(cur, line);
    }

    private void emitLine(IntList nodes, long line) {
      if (nodes == null || nodes.size() < 2) {
        return;
      }
      Map<String, String> t;
      double h = hash01(county, line, nodes.get(0));
      if (line % 12 == 0) {
        t = tags("highway", "secondary", "sidewalk", "both", "source", SOURCE);
      } else if (line % 6 == 0) {
        t = tags("highway", "tertiary", "source", SOURCE);
      } else if (h < 0.08) {
        t = tags("highway", "living_street", "source", SOURCE);
      } else if (h < 0.12) {
        t = tags("highway", "service", "source", SOURCE);
      } else {
        t = tags("highway", "residential", "source", SOURCE);
      }
      canvas.way(nodes, t, Kind.STREET);
    }

    private void drawDiagonals() {
      for (long[] settlement : settlements) {
        int n = settlement.length >= 400 ? 2 : settlement.length >= 80 ? 1 : 0;
        for (int d = 0; d < n; d++) {
          long start = settlement[r.nextInt(settlement.length)];
          int step = r.nextBoolean() ? 1 : -1;
          int i = ci(start), j = cj(start);
          while (active.contains(key(i - 1, j - step))
              && !usedCells.contains(key(i - 1, j - step))) {
            i--;
            j -= step;
          }
          List<Long> run = new ArrayList<>();
          while (active.contains(key(i, j)) && !usedCells.contains(key(i, j))) {
            run.add(key(i, j));
            i++;
            j += step;
          }
          if (run.size() < 4) {
            continue;
          }
          IntList nodes = new IntList(run.size() + 1);
          for (long c : run) {
            usedCells.add(c);
            nodes.add(step == 1 ? v(ci(c), cj(c)) : v(ci(c), cj(c) + 1));
          }
          long endCell = run.get(run.size() - 1);
          nodes.add(
              step == 1 ? v(ci(endCell) + 1, cj(endCell) + 1) : v(ci(endCell) + 1, cj(endCell)));
          canvas.way(nodes, tags("highway", "tertiary", "source", SOURCE), Kind.STREET);
        }
      }
    }

    /**
     * A walled compound in the block of each residential POI (one per block, away from barriers and
     * roads).
     */
    private void drawCompounds() {
      for (PoiFiles.Poi p : pois) {
        if (p.county() != county || !categories.get(p.category()).residential()) {
          continue;
        }
        double px = localX(p.lng());
        double py = localY(p.lat());
        long cell = cellAt(px, py);
        if (!complete(cell)
            || usedCells.contains(cell)
            || crossed.contains(cell)
            || distanceToBarriers(px, py) < 300
            || nearOtherCity(px, py)) {
          continue;
        }
        usedCells.add(cell);
        drawCompound(cell);
      }
    }

    private void drawCompound(long cell) {
      int i = ci(cell), j = cj(cell);
      int[] corners = {v(i, j), v(i + 1, j), v(i + 1, j + 1), v(i, j + 1)};
      // side k runs from corner k to corner k+1: the link that borders it
      int[][] sideLink = {{0, i, j}, {1, i + 1, j}, {0, i, j + 1}, {1, i, j}};
      double cx = 0, cy = 0;
      for (int c : corners) {
        cx += canvas.x(c) / 4;
        cy += canvas.y(c) / 4;
      }
      double[] wx = new double[4];
      double[] wy = new double[4];
      for (int k = 0; k < 4; k++) {
        double dx = canvas.x(corners[k]) - cx;
        double dy = canvas.y(corners[k]) - cy;
        double shrink = 1 - 14 / Math.max(30, Math.hypot(dx, dy));
        wx[k] = cx + dx * shrink;
        wy[k] = cy + dy * shrink;
      }
      int centre = canvas.node(cx, cy);
      int first = r.nextInt(4);
      boolean twoGates = r.nextDouble() < 0.4;
      IntList wall = new IntList(9);
      int w0 = canvas.node(wx[0], wy[0]);
      wall.add(w0);
      Map<String, String> internal =
          tags("highway", "service", "access", "private", "source", SOURCE);
      for (int k = 0; k < 4; k++) {
        int k1 = (k + 1) % 4;
        double mx = (wx[k] + wx[k1]) / 2;
        double my = (wy[k] + wy[k1]) / 2;
        boolean gate = k == first || (twoGates && k == (first + 2) % 4);
        if (gate) {
          int g = canvas.node(mx, my);
          canvas.tagNode(
              g,
              r.nextDouble() < 0.7
                  ? tags("barrier", "gate")
                  : tags("barrier", "lift_gate", "foot", "yes"));
          wall.add(g);
          canvas.way(IntList.of(centre, g), internal, Kind.COMPOUND);
          int[] sl = sideLink[k];
          canvas.way(
              IntList.of(g, mid(sl[0], sl[1], sl[2])),
              tags("highway", "service", "source", SOURCE),
              Kind.COMPOUND);
        } else {
          int end = canvas.node(cx + 0.8 * (mx - cx), cy + 0.8 * (my - cy));
          canvas.way(IntList.of(centre, end), internal, Kind.COMPOUND);
        }
        wall.add(k1 == 0 ? w0 : canvas.node(wx[k1], wy[k1]));
      }
      canvas.way(wall, tags("barrier", "wall", "source", SOURCE), Kind.OTHER);
      compounds++;
    }
  }

  /**
   * Whether another city's streets come within 400 m (a compound there could be crossed by them).
   */
  private boolean nearOtherCity(double x, double y) {
    for (SampleStreets other : group) {
      if (other != this) {
        for (Lattice l : other.lattices) {
          if (l.nearSettlement(x, y, 400)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static long key(int i, int j) {
    return ((long) i << 32) | (j & 0xFFFFFFFFL);
  }

  private static long linkKey(int dir, int i, int j) {
    return key(i, j) * 2 + dir;
  }

  private static int ci(long key) {
    return (int) (key >> 32);
  }

  private static int cj(long key) {
    return (int) key;
  }

  // ---- roads and villages -----------------------------------------------------------------------

  private void drawRoads(List<Way> roads) {
    List<Integer> seatLattice = new ArrayList<>();
    List<long[]> seatSettlement = new ArrayList<>();
    for (Lattice l : lattices) {
      if (l.settlements.isEmpty()) {
        continue;
      }
      SampleLayout layout = layouts.get(l.county);
      long seatCell = l.cellAt(localX(layout.seatLng), localY(layout.seatLat));
      long[] seat = l.settlements.get(0);
      for (long[] s : l.settlements) {
        if (Arrays.binarySearch(s, seatCell) >= 0
            || (Arrays.binarySearch(seat, seatCell) < 0 && s.length > seat.length)) {
          seat = s;
        }
      }
      seatLattice.add(l.county);
      seatSettlement.add(seat);
      connect(l, l.settlements, l, l.settlements, "tertiary", roads);
    }
    // seats of the city's counties: one tree of secondary roads
    int n = seatSettlement.size();
    if (n > 1) {
      double[][] pts = new double[n][];
      for (int a = 0; a < n; a++) {
        pts[a] = centroid(lattices.get(seatLattice.get(a)), seatSettlement.get(a));
      }
      for (int[] e : spanningTree(pts, 0.3)) {
        Lattice la = lattices.get(seatLattice.get(e[0]));
        Lattice lb = lattices.get(seatLattice.get(e[1]));
        roads.add(road(la, seatSettlement.get(e[0]), lb, seatSettlement.get(e[1]), "secondary"));
      }
    }
  }

  private void connect(
      Lattice la, List<long[]> a, Lattice lb, List<long[]> b, String highway, List<Way> roads) {
    int n = a.size();
    double[][] pts = new double[n][];
    for (int i = 0; i < n; i++) {
      pts[i] = centroid(la, a.get(i));
    }
    for (int[] e : spanningTree(pts, 0.25)) {
      roads.add(road(la, a.get(e[0]), lb, b.get(e[1]), highway));
    }
  }

  private double[] centroid(Lattice l, long[] settlement) {
    double x = 0, y = 0;
    for (long c : settlement) {
      x += l.baseX(ci(c) + 0.5, cj(c) + 0.5) / settlement.length;
      y += l.baseY(ci(c) + 0.5, cj(c) + 0.5) / settlement.length;
    }
    return new double[] {x, y};
  }

  /**
   * Prim's minimum spanning tree over points, plus an edge to the second-nearest point with
   * probability {@code extra}.
   */
  private List<int[]> spanningTree(double[][] pts, double extra) {
    int n = pts.length;
    List<int[]> edges = new ArrayList<>();
    if (n < 2) {
      return edges;
    }
    boolean[] in = new boolean[n];
    double[] best = new double[n];
    int[] from = new int[n];
    Arrays.fill(best, Double.POSITIVE_INFINITY);
    best[0] = 0;
    Set<Long> have = new HashSet<>();
    for (int step = 0; step < n; step++) {
      int u = -1;
      for (int i = 0; i < n; i++) {
        if (!in[i] && (u < 0 || best[i] < best[u])) {
          u = i;
        }
      }
      in[u] = true;
      if (step > 0) {
        edges.add(new int[] {from[u], u});
        have.add(Math.min(u, from[u]) * (long) n + Math.max(u, from[u]));
      }
      for (int i = 0; i < n; i++) {
        double d = Math.hypot(pts[i][0] - pts[u][0], pts[i][1] - pts[u][1]);
        if (!in[i] && d < best[i]) {
          best[i] = d;
          from[i] = u;
        }
      }
    }
    for (int a = 0; a < n && n > 2; a++) {
      int first = -1, second = -1;
      for (int b = 0; b < n; b++) {
        if (b == a) {
          continue;
        }
        double d = Math.hypot(pts[b][0] - pts[a][0], pts[b][1] - pts[a][1]);
        if (first < 0 || d < Math.hypot(pts[first][0] - pts[a][0], pts[first][1] - pts[a][1])) {
          second = first;
          first = b;
        } else if (second < 0
            || d < Math.hypot(pts[second][0] - pts[a][0], pts[second][1] - pts[a][1])) {
          second = b;
        }
      }
      long k = Math.min(a, second) * (long) n + Math.max(a, second);
      if (rng.nextDouble() < extra && have.add(k)) {
        edges.add(new int[] {a, second});
      }
    }
    return edges;
  }

  private Way road(Lattice la, long[] a, Lattice lb, long[] b, String highway) {
    double[] cb = centroid(lb, b);
    int from = la.nearestVertex(a, cb[0], cb[1]);
    int to = lb.nearestVertex(b, canvas.x(from), canvas.y(from));
    return path(from, to, tags("highway", highway, "source", SOURCE), Kind.ROAD, 250, 0.05);
  }

  private Way path(
      int from, int to, Map<String, String> wayTags, Kind kind, double stepM, double meander) {
    return path(rng, from, to, wayTags, kind, stepM, meander);
  }

  /** A meandering way between two existing nodes, with a node every {@code stepM} metres. */
  private Way path(
      SplittableRandom rng,
      int from,
      int to,
      Map<String, String> wayTags,
      Kind kind,
      double stepM,
      double meander) {
    double ax = canvas.x(from), ay = canvas.y(from);
    double dx = canvas.x(to) - ax, dy = canvas.y(to) - ay;
    double len = Math.hypot(dx, dy);
    int n = Math.max(1, (int) Math.round(len / stepM));
    double a1 = clamp(SampleLayout.gaussian(rng) * meander, 0.12) * len;
    double a2 = clamp(SampleLayout.gaussian(rng) * meander / 2, 0.06) * len;
    IntList nodes = new IntList(n + 1);
    nodes.add(from);
    for (int k = 1; k < n; k++) {
      double t = (double) k / n;
      double off = a1 * Math.sin(Math.PI * t) + a2 * Math.sin(2 * Math.PI * t);
      nodes.add(canvas.node(ax + t * dx - off * dy / len, ay + t * dy + off * dx / len));
    }
    nodes.add(to);
    return canvas.way(nodes, wayTags, kind);
  }

  private static double clamp(double v, double limit) {
    return Math.max(-limit, Math.min(limit, v));
  }

  /** Marks the lattice cells a road or village road passes through (no compound there). */
  private void markCrossedCells(Way road) {
    for (int i = 0; i + 1 < road.nodes.size(); i++) {
      int a = road.nodes.get(i), b = road.nodes.get(i + 1);
      double len = canvas.distance(a, b);
      for (double d = 0; d <= len; d += 20) {
        double x = canvas.x(a) + (canvas.x(b) - canvas.x(a)) * d / len;
        double y = canvas.y(a) + (canvas.y(b) - canvas.y(a)) * d / len;
        for (Lattice l : lattices) {
          long c = l.cellAt(x, y);
          if (l.active.contains(c)) {
            for (int dj = -1; dj <= 1; dj++) {
              for (int di = -1; di <= 1; di++) {
                l.crossed.add(key(ci(c) + di, cj(c) + dj));
              }
            }
          }
        }
      }
    }
  }

  /** Hilly land without villages: smooth value noise on a 15 km lattice. */
  private double terrain(double x, double y) {
    double cell = 15_000;
    double u = x / cell, v = y / cell;
    int i = (int) Math.floor(u), j = (int) Math.floor(v);
    double fu = smooth(u - i), fv = smooth(v - j);
    double a = hash01(91, i, j),
        b = hash01(91, i + 1, j),
        c = hash01(91, i, j + 1),
        d = hash01(91, i + 1, j + 1);
    return (a * (1 - fu) + b * fu) * (1 - fv) + (c * (1 - fu) + d * fu) * fv;
  }

  private static double smooth(double t) {
    return t * t * (3 - 2 * t);
  }

  private void drawVillages(List<Way> roads) {
    Map<Long, IntList> grid = new HashMap<>();
    double gridM = 1_000;
    for (Way r : roads) {
      for (int i = 0; i < r.nodes.size(); i++) {
        addToGrid(grid, gridM, r.nodes.get(i));
      }
    }
    for (Lattice l : lattices) {
      long[] vs = l.vertex.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
      for (long vk : vs) {
        addToGrid(grid, gridM, l.vertex.get(vk));
      }
    }
    double[] p = new double[2];
    for (Lattice l : lattices) {
      SampleLayout layout = layouts.get(l.county);
      int attempts = (int) Math.round(layout.county.shape().approxAreaKm2() * VILLAGES_PER_KM2);
      List<int[]> placed = new ArrayList<>();
      List<double[]> centres = new ArrayList<>();
      for (int a = 0; a < attempts; a++) {
        layout.county.shape().randomInterior(rng, p);
        double x = localX(p[0]), y = localY(p[1]);
        if (terrain(x, y) < 0.3 || l.nearSettlement(x, y, 1_200)) {
          continue;
        }
        placed.add(village(x, y));
        centres.add(new double[] {x, y});
      }
      double sx = localX(layout.seatLng), sy = localY(layout.seatLat);
      Integer[] order = new Integer[placed.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(
          order,
          (u, w) ->
              Double.compare(
                  Math.hypot(centres.get(u)[0] - sx, centres.get(u)[1] - sy),
                  Math.hypot(centres.get(w)[0] - sx, centres.get(w)[1] - sy)));
      for (int idx : order) {
        int[] vs = placed.get(idx);
        double[] c = centres.get(idx);
        int target = nearestInGrid(grid, gridM, c[0], c[1], VILLAGE_LINK_MAX_M);
        if (target >= 0) {
          int from = vs[0];
          for (int v : vs) {
            if (canvas.distance(v, target) < canvas.distance(from, target)) {
              from = v;
            }
          }
          Way w =
              path(
                  from,
                  target,
                  tags(
                      "highway",
                      rng.nextDouble() < 0.2 ? "track" : "unclassified",
                      "source",
                      SOURCE),
                  Kind.ROAD,
                  250,
                  0.08);
          roads.add(w);
          for (int i = 1; i + 1 < w.nodes.size(); i++) {
            addToGrid(grid, gridM, w.nodes.get(i));
          }
        }
        for (int v : vs) {
          addToGrid(grid, gridM, v);
        }
      }
    }
  }

  /** A village: a small jittered grid of 1–3 × 1–2 blocks of 90–130 m; returns its vertices. */
  private int[] village(double x, double y) {
    int nx = 1 + rng.nextInt(3), ny = 1 + rng.nextInt(2);
    double s = 90 + 40 * rng.nextDouble();
    double angle = Math.PI * rng.nextDouble();
    double c = Math.cos(angle), sn = Math.sin(angle);
    int[] vs = new int[(nx + 1) * (ny + 1)];
    for (int j = 0; j <= ny; j++) {
      for (int i = 0; i <= nx; i++) {
        double u = (i - nx / 2.0) * s + (rng.nextDouble() - 0.5) * 0.3 * s;
        double v = (j - ny / 2.0) * s + (rng.nextDouble() - 0.5) * 0.3 * s;
        vs[j * (nx + 1) + i] = canvas.node(x + u * c - v * sn, y + u * sn + v * c);
      }
    }
    Map<String, String> street = tags("highway", "residential", "source", SOURCE);
    for (int j = 0; j <= ny; j++) {
      IntList row = new IntList(nx + 1);
      for (int i = 0; i <= nx; i++) {
        row.add(vs[j * (nx + 1) + i]);
      }
      canvas.way(row, street, Kind.STREET);
    }
    for (int i = 0; i <= nx; i++) {
      IntList col = new IntList(ny + 1);
      for (int j = 0; j <= ny; j++) {
        col.add(vs[j * (nx + 1) + i]);
      }
      canvas.way(col, street, Kind.STREET);
    }
    villages++;
    return vs;
  }

  private void addToGrid(Map<Long, IntList> grid, double gridM, int node) {
    grid.computeIfAbsent(
            key((int) Math.floor(canvas.x(node) / gridM), (int) Math.floor(canvas.y(node) / gridM)),
            k -> new IntList(8))
        .add(node);
  }

  private int nearestInGrid(
      Map<Long, IntList> grid, double gridM, double x, double y, double maxM) {
    int cx = (int) Math.floor(x / gridM), cy = (int) Math.floor(y / gridM);
    int best = -1;
    double bestD = maxM;
    int reach = (int) Math.ceil(maxM / gridM);
    for (int r = 0; r <= reach; r++) {
      if (best >= 0 && (r - 1) * gridM > bestD) {
        break;
      }
      for (int dj = -r; dj <= r; dj++) {
        for (int di = -r; di <= r; di++) {
          if (Math.max(Math.abs(di), Math.abs(dj)) != r) {
            continue;
          }
          IntList l = grid.get(key(cx + di, cy + dj));
          for (int k = 0; l != null && k < l.size(); k++) {
            int n = l.get(k);
            double d = Math.hypot(canvas.x(n) - x, canvas.y(n) - y);
            if (d < bestD || (d == bestD && n < best)) {
              bestD = d;
              best = n;
            }
          }
        }
      }
    }
    return best;
  }

  static final String FILE = "streets.osm.pbf";

  /** Writes networks (one per city; ids do not overlap) as one PBF: every node, then every way. */
  static SampleFile write(Path outDir, List<Network> networks) {
    Path file = outDir.resolve(FILE);
    long nodes = 0;
    long ways = 0;
    Map<String, Long> counts = new java.util.TreeMap<>();
    try {
      Files.createDirectories(outDir);
      try (OsmPbfWriter w =
          new OsmPbfWriter(
              new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), WRITING_PROGRAM)) {
        for (Network n : networks) {
          n.nodes().forEach(w::node);
          nodes += n.nodes().size();
        }
        for (Network n : networks) {
          n.ways().forEach(w::way);
          ways += n.ways().size();
          n.counts().forEach((k, v) -> counts.merge(k, v, Long::sum));
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new InputException("Cannot write " + file + ": " + e.getMessage(), e);
    }
    return new SampleFile(FILE, nodes + ways, "osm pbf (SYNTHETIC)", counts);
  }

  /**
   * Copies the networks of several sample files (cities with different codes) into one PBF: all
   * nodes, then all ways.
   */
  static void merge(List<Path> pbfs, Path out) {
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      try (OsmPbfWriter w =
          new OsmPbfWriter(
              new BufferedOutputStream(Files.newOutputStream(out), 1 << 16), WRITING_PROGRAM)) {
        for (Path p : pbfs) {
          OsmPbfReader.read(
              p,
              new OsmPbfReader.Handler() {
                @Override
                public boolean wantsWays() {
                  return false;
                }

                @Override
                public void node(long id, double lon, double lat, Map<String, String> t) {
                  w.node(new OsmNode(id, lon, lat, t));
                }
              });
        }
        for (Path p : pbfs) {
          OsmPbfReader.read(
              p,
              new OsmPbfReader.Handler() {
                @Override
                public boolean wantsNodes() {
                  return false;
                }

                @Override
                public void way(long id, long[] refs, Map<String, String> t) {
                  w.way(new OsmWay(id, refs, t));
                }
              });
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new InputException("Cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  // ---- output -----------------------------------------------------------------------------------

  private static Network toOsm(
      StreetCanvas canvas, List<SampleStreets> group, long crossBorderRoads) {
    long[] osmId = new long[canvas.nodes()];
    long[] nodesOf = new long[group.size()];
    long[] waysOf = new long[group.size()];
    List<OsmWay> ways = new ArrayList<>();
    List<OsmNode> nodes = new ArrayList<>();
    long walkable = 0;
    for (Way w : canvas.ways) {
      if (w.nodes.size() < 2) {
        continue;
      }
      SampleStreets city = group.get(w.owner);
      long[] refs = new long[w.nodes.size()];
      for (int i = 0; i < refs.length; i++) {
        int n = w.nodes.get(i);
        if (osmId[n] == 0) {
          osmId[n] = city.idBase + ++nodesOf[w.owner];
          nodes.add(
              new OsmNode(
                  osmId[n],
                  city.lon(canvas.x(n)),
                  city.lat(canvas.y(n)),
                  canvas.nodeTags.getOrDefault(n, Map.of())));
        }
        refs[i] = osmId[n];
      }
      ways.add(
          new OsmWay(
              city.idBase + ++waysOf[w.owner],
              refs,
              w.tags.containsKey("source") ? w.tags : with(w.tags, "source", SOURCE)));
      walkable += w.kind.walkable ? 1 : 0;
    }
    nodes.sort(java.util.Comparator.comparingLong(OsmNode::id));
    ways.sort(java.util.Comparator.comparingLong(OsmWay::id));
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    counts.put("nodes", (long) nodes.size());
    counts.put("ways", (long) ways.size());
    counts.put("walkable_ways", walkable);
    counts.put("compounds", group.stream().mapToLong(s -> s.compounds).sum());
    counts.put("villages", group.stream().mapToLong(s -> s.villages).sum());
    counts.put("bridges", group.stream().mapToLong(s -> s.bridges).sum());
    if (crossBorderRoads >= 0) {
      counts.put("cities", (long) group.size());
      counts.put("cross_border_roads", crossBorderRoads);
    }
    return new Network(List.copyOf(nodes), List.copyOf(ways), counts);
  }

  // ---- across city borders ----------------------------------------------------------------------

  /**
   * Roads joining the nearest towns across one border (at least two where the cities' counties
   * touch).
   */
  static final int CROSS_BORDER_ROADS = 3;

  /** Fewest roads across a border of touching cities. */
  static final int CROSS_BORDER_ROADS_MIN = 2;

  /**
   * A second road from an already joined town starts and ends this far from the other roads' ends.
   */
  private static final double CROSS_BORDER_SPACING_M = 1_500;

  /** Counties this close (bounding boxes, metres) count as sharing a border. */
  private static final double BORDER_GAP_M = 2_000;

  static final String CROSS_BORDER_NOTE = "synthetic cross-border road";

  /**
   * Neighbour pairs as indices into the code-sorted parts, each (lower, higher), without repeats,
   * sorted.
   */
  private static List<int[]> orderedPairs(
      List<int[]> pairs, List<CityPart> parts, List<CityPart> sorted) {
    java.util.TreeSet<Long> keys = new java.util.TreeSet<>();
    for (int[] p : pairs) {
      int a = sorted.indexOf(parts.get(p[0]));
      int b = sorted.indexOf(parts.get(p[1]));
      if (a != b) {
        keys.add((long) Math.min(a, b) * 1_000_000 + Math.max(a, b));
      }
    }
    List<int[]> out = new ArrayList<>();
    keys.forEach(k -> out.add(new int[] {(int) (k / 1_000_000), (int) (k % 1_000_000)}));
    return out;
  }

  private boolean touches(SampleStreets other) {
    for (SampleLayout a : layouts) {
      CountyShape s = a.county.shape();
      for (SampleLayout b : other.layouts) {
        CountyShape t = b.county.shape();
        double gapX =
            Math.max(
                0,
                Math.max(
                    localX(s.minLng()) - localX(t.maxLng()),
                    localX(t.minLng()) - localX(s.maxLng())));
        double gapY =
            Math.max(
                0,
                Math.max(
                    localY(s.minLat()) - localY(t.maxLat()),
                    localY(t.minLat()) - localY(s.maxLat())));
        if (Math.hypot(gapX, gapY) <= BORDER_GAP_M) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Draws {@link #CROSS_BORDER_ROADS} roads between the nearest pairs of towns (settlement
   * centroids) of {@code a} and {@code b}, no town used twice; the nearest pair gets a secondary
   * road, the others tertiary ones. Returns the count.
   */
  private static int drawCrossBorderRoads(SampleStreets a, SampleStreets b, List<Way> roads) {
    if (!a.touches(b)) {
      return 0;
    }
    List<Lattice> la = new ArrayList<>();
    List<long[]> sa = new ArrayList<>();
    List<Lattice> lb = new ArrayList<>();
    List<long[]> sb = new ArrayList<>();
    for (Lattice l : a.lattices) {
      l.settlements.forEach(
          s -> {
            la.add(l);
            sa.add(s);
          });
    }
    for (Lattice l : b.lattices) {
      l.settlements.forEach(
          s -> {
            lb.add(l);
            sb.add(s);
          });
    }
    double[][] ca = new double[sa.size()][];
    double[][] cb = new double[sb.size()][];
    for (int i = 0; i < ca.length; i++) {
      ca[i] = a.centroid(la.get(i), sa.get(i));
    }
    for (int j = 0; j < cb.length; j++) {
      cb[j] = b.centroid(lb.get(j), sb.get(j));
    }
    List<double[]> pairs = new ArrayList<>();
    for (int i = 0; i < ca.length; i++) {
      for (int j = 0; j < cb.length; j++) {
        pairs.add(new double[] {Math.hypot(ca[i][0] - cb[j][0], ca[i][1] - cb[j][1]), i, j});
      }
    }
    pairs.sort(
        (p, q) ->
            p[0] != q[0]
                ? Double.compare(p[0], q[0])
                : p[1] != q[1] ? Double.compare(p[1], q[1]) : Double.compare(p[2], q[2]));
    SplittableRandom rng =
        new SplittableRandom(
            mix(a.idBase * 31 + b.idBase) ^ mix(a.seed * 0x9E3779B97F4A7C15L + b.seed));
    Set<Integer> usedA = new HashSet<>();
    Set<Integer> usedB = new HashSet<>();
    StreetCanvas canvas = a.canvas;
    canvas.owner = a.index;
    int drawn = 0;
    List<Integer> ends = new ArrayList<>();
    // first towns not joined yet on either side; then (too few towns near the border) other streets
    // of joined towns
    for (int round = 0; round < 2 && drawn < CROSS_BORDER_ROADS_MIN; round++) {
      for (double[] p : pairs) {
        int i = (int) p[1], j = (int) p[2];
        if (drawn == CROSS_BORDER_ROADS) {
          break;
        }
        if (round == 0 && (usedA.contains(i) || usedB.contains(j))) {
          continue;
        }
        int from =
            la.get(i)
                .nearestVertexAway(
                    sa.get(i), cb[j][0], cb[j][1], ends, round == 0 ? 0 : CROSS_BORDER_SPACING_M);
        int to =
            from < 0
                ? -1
                : lb.get(j)
                    .nearestVertexAway(
                        sb.get(j),
                        canvas.x(from),
                        canvas.y(from),
                        ends,
                        round == 0 ? 0 : CROSS_BORDER_SPACING_M);
        if (to < 0) {
          continue;
        }
        usedA.add(i);
        usedB.add(j);
        ends.add(from);
        ends.add(to);
        drawn++;
        String note =
            CROSS_BORDER_NOTE
                + " "
                + drawn
                + " of "
                + a.idBase / 100_000_000L
                + "-"
                + b.idBase / 100_000_000L;
        roads.add(
            a.path(
                rng,
                from,
                to,
                tags(
                    "highway",
                    drawn == 1 ? "secondary" : "tertiary",
                    "note",
                    note,
                    "source",
                    SOURCE),
                Kind.ROAD,
                250,
                0.05));
      }
    }
    return drawn;
  }
}
