package org.livingcircle.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.streets.FootGraph;
import org.livingcircle.streets.FootGraphBuilder;
import org.livingcircle.streets.FootRules;
import org.livingcircle.streets.OsmPbfReader;
import org.livingcircle.streets.OsmWay;

/**
 * The synthetic street network of {@code lcp sample}, read back from the PBF file and checked
 * geometrically. A subclass runs every check on a network that also covers a neighbour city.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleStreetsTest {
  static final long SEED = 42;

  /** This class's temporary directory (for the whole class). */
  Path tmp;

  /** The Jincheng fixture sample directory whose streets file is checked. */
  Path out;

  StreetFile streets;

  @BeforeAll
  void generate(@TempDir Path dir) {
    tmp = dir;
    out = tmp.resolve("a");
    generateSample(out, SEED);
    streets = StreetFile.read(out.resolve("streets.osm.pbf"));
  }

  /**
   * Writes the Jincheng fixture sample (and whatever else the checked network covers) to {@code
   * dir}.
   */
  void generateSample(Path dir, long seed) {
    new SampleGenerator(SampleFixture.spec(dir, seed, SampleSpec.NO_BENCH_ROWS)).run();
  }

  @Test
  void readsBackCompleteAndLabelledSynthetic() throws IOException {
    for (OsmWay w : streets.ways) {
      assertThat(w.nodes().length).as("way %s", w.id()).isGreaterThanOrEqualTo(2);
      for (long ref : w.nodes()) {
        assertThat(streets.lon).as("node %s of way %s", ref, w.id()).containsKey(ref);
      }
      assertThat(w.tags()).as("way %s", w.id()).containsEntry("source", "synthetic (lcp sample)");
    }
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("sample_manifest.json").toFile());
    JsonNode entry = null;
    for (JsonNode f : manifest.get("files")) {
      if (f.get("path").asText().equals("streets.osm.pbf")) {
        entry = f;
      }
    }
    assertThat(entry).isNotNull();
    assertThat(entry.get("counts").get("nodes").asLong()).isEqualTo(streets.lon.size());
    assertThat(entry.get("counts").get("ways").asLong()).isEqualTo(streets.ways.size());
    assertThat(writingProgram(out.resolve("streets.osm.pbf")))
        .contains("SYNTHETIC street network, not OpenStreetMap data");
    assertThat(Files.readString(out.resolve("README.md")))
        .contains("streets.osm.pbf")
        .contains("SYNTHETIC");
    assertThat(streets.ways.stream().filter(w -> StreetFile.walkable(w.tags())).count())
        .isGreaterThan(2_000);
  }

  @Test
  void sameSeedGivesIdenticalBytesAndAnotherSeedAnotherNetwork() throws IOException {
    Path again = tmp.resolve("b");
    Path other = tmp.resolve("c");
    generateSample(again, SEED);
    generateSample(other, SEED + 1);
    byte[] first = Files.readAllBytes(out.resolve("streets.osm.pbf"));
    assertThat(Files.readAllBytes(again.resolve("streets.osm.pbf"))).isEqualTo(first);
    assertThat(Files.readAllBytes(other.resolve("streets.osm.pbf"))).isNotEqualTo(first);
  }

  @Test
  void mergeCopiesEveryNodeAndWay() {
    Path merged = tmp.resolve("merged/streets.osm.pbf");
    SampleGenerator.mergeStreets(List.of(out.resolve("streets.osm.pbf")), merged);
    OsmPbfReader.Contents a = OsmPbfReader.readAll(out.resolve("streets.osm.pbf"));
    OsmPbfReader.Contents b = OsmPbfReader.readAll(merged);
    assertThat(b.nodes()).isEqualTo(a.nodes());
    assertThat(b.ways()).hasSameSizeAs(a.ways());
    for (int i = 0; i < a.ways().size(); i++) {
      assertThat(b.ways().get(i).id()).isEqualTo(a.ways().get(i).id());
      assertThat(b.ways().get(i).nodes()).isEqualTo(a.ways().get(i).nodes());
      assertThat(b.ways().get(i).tags()).isEqualTo(a.ways().get(i).tags());
    }
  }

  @Test
  void buildsAFootGraphWhoseLargestComponentHoldsMostEdges() {
    Path pbf = out.resolve("streets.osm.pbf");
    FootGraphBuilder.Built compound =
        FootGraphBuilder.build(pbf, "EPSG:32649", FootRules.Options.defaults());
    FootGraph g = compound.graph();
    assertThat(g.edgeCount()).isGreaterThan(2_000);
    int largest = 0;
    for (int c = 0; c < g.componentCount(); c++) {
      largest = Math.max(largest, g.componentEdges(c));
    }
    assertThat((double) largest / g.edgeCount())
        .as("share of edges in the largest component")
        .isGreaterThan(0.8);
    // with private ways blocked, the compounds' internal roads leave the graph
    long privateWays =
        streets.ways.stream().filter(w -> "private".equals(w.tags().get("access"))).count();
    FootGraphBuilder.Built blocked =
        FootGraphBuilder.build(
            pbf,
            "EPSG:32649",
            new FootRules.Options(
                FootRules.PrivateWays.BLOCKED, FootRules.Options.DEFAULT_MIN_COMPONENT_EDGES));
    assertThat((double) compound.stats().edges() - blocked.stats().edges())
        .isGreaterThan(0.9 * privateWays);
  }

  @Test
  void riverIsCrossedOnlyByBridgeWays() {
    List<OsmWay> river = streets.ways("waterway", "river");
    assertThat(river).isNotEmpty();
    List<StreetFile.Cross> crossings = streets.crossings(river);
    assertThat(crossings).isNotEmpty();
    for (StreetFile.Cross c : crossings) {
      assertThat(c.walker().tags())
          .as("way %s crosses the river", c.walker().id())
          .containsEntry("bridge", "yes");
    }
    // a bridge touches the rest of the network only at its two ends
    Map<Long, Integer> uses = streets.nodeUses();
    for (StreetFile.Cross c : crossings) {
      long[] n = c.walker().nodes();
      for (int i = 1; i + 1 < n.length; i++) {
        assertThat(uses.get(n[i]))
            .as("inner node %s of bridge %s", n[i], c.walker().id())
            .isEqualTo(1);
      }
    }
  }

  @Test
  void railwayIsCrossedOnlyAtLevelCrossingsAndUnderpasses() {
    List<OsmWay> rail = streets.ways("railway", "rail");
    assertThat(rail).isNotEmpty();
    for (OsmWay r : rail) {
      assertThat(r.tags()).doesNotContainKey("highway");
    }
    for (StreetFile.Cross c : streets.crossings(rail)) {
      assertThat(c.walker().tags())
          .as("way %s crosses the railway", c.walker().id())
          .containsEntry("tunnel", "yes");
    }
    Set<Long> railNodes = StreetFile.nodesOf(rail);
    long levelCrossings =
        streets.ways.stream()
            .filter(w -> StreetFile.walkable(w.tags()))
            .flatMapToLong(w -> java.util.Arrays.stream(w.nodes()))
            .filter(railNodes::contains)
            .distinct()
            .count();
    assertThat(levelCrossings).isGreaterThan(0);
  }

  @Test
  void expresswaySharesNoNodeWithWalkableWaysAndStreetsPassUnderIt() {
    List<OsmWay> motorway = streets.ways("highway", "motorway");
    assertThat(motorway).isNotEmpty();
    Set<Long> motorwayNodes = StreetFile.nodesOf(motorway);
    for (OsmWay w : streets.ways) {
      if (StreetFile.walkable(w.tags())) {
        for (long n : w.nodes()) {
          assertThat(motorwayNodes).as("node %s of walkable way %s", n, w.id()).doesNotContain(n);
        }
      }
    }
    List<StreetFile.Cross> under = streets.crossings(motorway);
    assertThat(under).isNotEmpty();
    for (StreetFile.Cross c : under) {
      assertThat(c.barrier().tags())
          .as("expressway %s over way %s", c.barrier().id(), c.walker().id())
          .containsEntry("bridge", "yes");
    }
  }

  @Test
  void compoundRoadsMeetPublicStreetsOnlyAtGates() {
    List<OsmWay> internal =
        streets.ways.stream().filter(w -> "private".equals(w.tags().get("access"))).toList();
    assertThat(internal).hasSizeGreaterThan(20);
    Set<Long> publicNodes = new HashSet<>();
    for (OsmWay w : streets.ways) {
      if (StreetFile.walkable(w.tags()) && !"private".equals(w.tags().get("access"))) {
        for (long n : w.nodes()) {
          publicNodes.add(n);
        }
      }
    }
    // compounds = groups of private ways joined by shared nodes
    Map<Long, Long> parent = new HashMap<>();
    for (OsmWay w : internal) {
      for (long n : w.nodes()) {
        union(parent, w.nodes()[0], n);
      }
    }
    Map<Long, Set<Long>> gatesOf = new HashMap<>();
    for (OsmWay w : internal) {
      gatesOf.computeIfAbsent(find(parent, w.nodes()[0]), k -> new HashSet<>());
      for (long n : w.nodes()) {
        if (publicNodes.contains(n)) {
          assertThat(streets.nodeTags.getOrDefault(n, Map.of()).get("barrier"))
              .as("node %s where compound road %s meets a street", n, w.id())
              .isIn("gate", "lift_gate");
          gatesOf.get(find(parent, w.nodes()[0])).add(n);
        }
      }
    }
    assertThat(gatesOf).hasSizeGreaterThan(5);
    for (Set<Long> gates : gatesOf.values()) {
      assertThat(gates).hasSizeBetween(1, 2);
    }
    // the compound wall is a barrier way, not a highway, and it holds the gates
    Set<Long> wallNodes = StreetFile.nodesOf(streets.ways("barrier", "wall"));
    gatesOf.values().forEach(g -> assertThat(wallNodes).containsAll(g));
  }

  @Test
  void almostAllPoisLieWithin300MetresOfAWalkableWay() {
    List<double[]> pois = new ArrayList<>();
    CoordinateShift shift = CoordinateShift.gcj02();
    double[] wgs = new double[2];
    List<List<String>> rows =
        new ArrayList<>(
            SampleFixture.records(
                out.resolve("poi/amap_jincheng_utf8.csv"), StandardCharsets.UTF_8, "\n"));
    rows.addAll(
        SampleFixture.records(
            out.resolve("poi/amap_jincheng_gbk.csv"),
            java.nio.charset.Charset.forName("GBK"),
            "\r\n"));
    for (List<String> r : rows) {
      String[] loc = r.size() == 11 ? r.get(5).split(",") : new String[0];
      if (loc.length == 2 && loc[0].matches("1\\d\\d\\.\\d+") && loc[1].matches("3\\d\\.\\d+")) {
        shift.unshift(Double.parseDouble(loc[0]), Double.parseDouble(loc[1]), wgs);
        if (SampleFixture.inCounty(r.get(9), wgs[0], wgs[1])) {
          pois.add(wgs.clone());
        }
      }
    }
    assertThat(pois.size()).isGreaterThan(1_000);
    long near = pois.stream().filter(p -> streets.walkableWithin(p[0], p[1], 300)).count();
    assertThat((double) near / pois.size()).isGreaterThan(0.90);
  }

  /**
   * The header block's writingprogram, decoded here from the first blob (length, BlobHeader, zlib
   * Blob).
   */
  private static String writingProgram(Path pbf) throws IOException {
    try (java.io.DataInputStream in = new java.io.DataInputStream(Files.newInputStream(pbf))) {
      byte[] header = new byte[in.readInt()];
      in.readFully(header);
      org.openstreetmap.osmosis.osmbinary.Fileformat.BlobHeader bh =
          org.openstreetmap.osmosis.osmbinary.Fileformat.BlobHeader.parseFrom(header);
      assertThat(bh.getType()).isEqualTo("OSMHeader");
      byte[] blob = new byte[bh.getDatasize()];
      in.readFully(blob);
      org.openstreetmap.osmosis.osmbinary.Fileformat.Blob b =
          org.openstreetmap.osmosis.osmbinary.Fileformat.Blob.parseFrom(blob);
      byte[] raw = new byte[b.getRawSize()];
      java.util.zip.Inflater inflater = new java.util.zip.Inflater();
      inflater.setInput(b.getZlibData().toByteArray());
      try {
        assertThat(inflater.inflate(raw)).isEqualTo(raw.length);
      } catch (java.util.zip.DataFormatException e) {
        throw new AssertionError(e);
      }
      return org.openstreetmap.osmosis.osmbinary.Osmformat.HeaderBlock.parseFrom(raw)
          .getWritingprogram();
    }
  }

  static long find(Map<Long, Long> parent, long a) {
    long r = a;
    while (parent.getOrDefault(r, r) != r) {
      r = parent.get(r);
    }
    parent.put(a, r);
    return r;
  }

  static void union(Map<Long, Long> parent, long a, long b) {
    long ra = find(parent, a);
    long rb = find(parent, b);
    if (ra != rb) {
      parent.put(Math.max(ra, rb), Math.min(ra, rb));
    }
  }

  /**
   * The file as read by the streets reader, with local metres and the foot rules of contract §1
   * (own code).
   */
  static final class StreetFile {
    final Map<Long, Double> lon = new HashMap<>();
    final Map<Long, Double> lat = new HashMap<>();
    final Map<Long, Map<String, String>> nodeTags = new HashMap<>();
    final List<OsmWay> ways;
    private final double lat0 = 35.5;

    private StreetFile(OsmPbfReader.Contents c) {
      c.nodes()
          .forEach(
              n -> {
                lon.put(n.id(), n.lon());
                lat.put(n.id(), n.lat());
                if (!n.tags().isEmpty()) {
                  nodeTags.put(n.id(), n.tags());
                }
              });
      ways = c.ways();
    }

    static StreetFile read(Path pbf) {
      return new StreetFile(OsmPbfReader.readAll(pbf));
    }

    private static final Set<String> FOOT_HIGHWAYS =
        Set.of(
            "footway",
            "path",
            "pedestrian",
            "steps",
            "living_street",
            "residential",
            "service",
            "track",
            "unclassified",
            "road",
            "tertiary",
            "tertiary_link",
            "secondary",
            "secondary_link",
            "primary",
            "primary_link",
            "trunk",
            "trunk_link",
            "cycleway",
            "bridleway",
            "corridor",
            "platform");
    private static final Set<String> COMPOUND_HIGHWAYS =
        Set.of("service", "footway", "path", "residential", "living_street", "pedestrian");

    /**
     * Contract §1 with private_ways: compound (the sample uses no sidewalk-only or
     * access-restricted roads).
     */
    static boolean walkable(Map<String, String> t) {
      String h = t.get("highway");
      if (h == null
          || !FOOT_HIGHWAYS.contains(h)
          || Set.of("no", "use_sidepath").contains(t.getOrDefault("foot", ""))) {
        return false;
      }
      String access = t.getOrDefault("access", "");
      if (Set.of(
                  "no",
                  "private",
                  "customers",
                  "delivery",
                  "agricultural",
                  "forestry",
                  "discouraged")
              .contains(access)
          && !Set.of("yes", "designated", "permissive").contains(t.getOrDefault("foot", ""))) {
        return access.equals("private") && COMPOUND_HIGHWAYS.contains(h);
      }
      return true;
    }

    List<OsmWay> ways(String key, String value) {
      return ways.stream().filter(w -> value.equals(w.tags().get(key))).toList();
    }

    static Set<Long> nodesOf(List<OsmWay> ways) {
      Set<Long> s = new HashSet<>();
      ways.forEach(w -> java.util.Arrays.stream(w.nodes()).forEach(s::add));
      return s;
    }

    Map<Long, Integer> nodeUses() {
      Map<Long, Integer> uses = new HashMap<>();
      for (OsmWay w : ways) {
        Set<Long> once = new HashSet<>();
        java.util.Arrays.stream(w.nodes()).forEach(once::add);
        once.forEach(n -> uses.merge(n, 1, Integer::sum));
      }
      return uses;
    }

    double x(long node) {
      return lon.get(node) * 111_320 * Math.cos(Math.toRadians(lat0));
    }

    double y(long node) {
      return lat.get(node) * 111_320;
    }

    record Cross(OsmWay walker, OsmWay barrier) {}

    /**
     * Every walkable way segment that properly crosses a segment of the barrier ways (brute force
     * within a bounding box).
     */
    List<Cross> crossings(List<OsmWay> barrier) {
      List<Cross> out = new ArrayList<>();
      for (OsmWay w : ways) {
        if (!walkable(w.tags())) {
          continue;
        }
        long[] a = w.nodes();
        for (int i = 0; i + 1 < a.length; i++) {
          for (OsmWay b : barrier) {
            long[] n = b.nodes();
            for (int k = 0; k + 1 < n.length; k++) {
              if (properCross(a[i], a[i + 1], n[k], n[k + 1])) {
                out.add(new Cross(w, b));
              }
            }
          }
        }
      }
      return out;
    }

    private boolean properCross(long a0, long a1, long b0, long b1) {
      if (a0 == b0 || a0 == b1 || a1 == b0 || a1 == b1) {
        return false;
      }
      double ax = x(a0),
          ay = y(a0),
          bx = x(a1),
          by = y(a1),
          cx = x(b0),
          cy = y(b0),
          dx = x(b1),
          dy = y(b1);
      if (Math.max(ax, bx) < Math.min(cx, dx)
          || Math.max(cx, dx) < Math.min(ax, bx)
          || Math.max(ay, by) < Math.min(cy, dy)
          || Math.max(cy, dy) < Math.min(ay, by)) {
        return false;
      }
      double d1 = orient(cx, cy, dx, dy, ax, ay);
      double d2 = orient(cx, cy, dx, dy, bx, by);
      double d3 = orient(ax, ay, bx, by, cx, cy);
      double d4 = orient(ax, ay, bx, by, dx, dy);
      return d1 * d2 < 0 && d3 * d4 < 0;
    }

    private static double orient(double ax, double ay, double bx, double by, double px, double py) {
      return (bx - ax) * (py - ay) - (by - ay) * (px - ax);
    }

    private List<double[]> walkableSegments;

    /**
     * Whether any walkable way passes within {@code m} metres of a WGS84 point (brute force over
     * segments).
     */
    boolean walkableWithin(double lng, double la, double m) {
      if (walkableSegments == null) {
        walkableSegments = new ArrayList<>();
        for (OsmWay w : ways) {
          if (walkable(w.tags())) {
            long[] n = w.nodes();
            for (int i = 0; i + 1 < n.length; i++) {
              walkableSegments.add(new double[] {x(n[i]), y(n[i]), x(n[i + 1]), y(n[i + 1])});
            }
          }
        }
      }
      double px = lng * 111_320 * Math.cos(Math.toRadians(lat0));
      double py = la * 111_320;
      for (double[] s : walkableSegments) {
        if (Math.min(s[0], s[2]) - m > px
            || Math.max(s[0], s[2]) + m < px
            || Math.min(s[1], s[3]) - m > py
            || Math.max(s[1], s[3]) + m < py) {
          continue;
        }
        double vx = s[2] - s[0], vy = s[3] - s[1];
        double len2 = vx * vx + vy * vy;
        double t =
            len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - s[0]) * vx + (py - s[1]) * vy) / len2));
        if (Math.hypot(px - s[0] - t * vx, py - s[1] - t * vy) <= m) {
          return true;
        }
      }
      return false;
    }
  }
}
