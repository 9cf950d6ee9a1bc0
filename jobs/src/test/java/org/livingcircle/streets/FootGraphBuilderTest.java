package org.livingcircle.streets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.geotools.referencing.GeodeticCalculator;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.common.InputException;
import org.livingcircle.streets.FootGraphBuilder.Built;
import org.livingcircle.streets.FootRules.Options;
import org.livingcircle.streets.FootRules.PrivateWays;

/**
 * Hand-drawn SYNTHETIC networks near Taiyuan (a lattice of 0.001° steps): counts of vertices, edges
 * and components derived by hand from the drawing, lengths from the spherical Web Mercator formula
 * written out here.
 */
class FootGraphBuilderTest {
  private static final String MERCATOR = "EPSG:3857";
  private static final String UTM_49N = "EPSG:32649";
  private static final double EARTH_RADIUS_M = 6_378_137;
  private static final Options KEEP_ALL = new Options(PrivateWays.COMPOUND, 0);
  private static final Map<String, String> FOOTWAY = Map.of("highway", "footway");
  private static final Map<String, String> WALL = Map.of("barrier", "wall");

  @TempDir Path tmp;
  private final List<OsmNode> nodes = new ArrayList<>();
  private final List<OsmWay> ways = new ArrayList<>();
  private final Map<Long, OsmNode> byId = new HashMap<>();

  /** A node at lattice point (i, j): lon 112.5 + 0.001 i, lat 37.8 + 0.001 j. */
  private long node(double i, double j, Map<String, String> tags) {
    OsmNode n = new OsmNode(nodes.size() + 1, 112.5 + 0.001 * i, 37.8 + 0.001 * j, tags);
    nodes.add(n);
    byId.put(n.id(), n);
    return n.id();
  }

  private long node(double i, double j) {
    return node(i, j, Map.of());
  }

  private long way(Map<String, String> tags, long... nodeIds) {
    long id = 100 + ways.size();
    ways.add(new OsmWay(id, nodeIds, tags));
    return id;
  }

  private Built build(Options options) {
    return FootGraphBuilder.build(nodes, ways, MERCATOR, options);
  }

  /** Spherical Web Mercator metres, by hand. */
  private static double[] mercator(OsmNode n) {
    double x = EARTH_RADIUS_M * Math.toRadians(n.lon());
    double y = EARTH_RADIUS_M * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(n.lat()) / 2));
    return new double[] {x, y};
  }

  private double mercatorLength(long... nodeIds) {
    double sum = 0;
    for (int k = 1; k < nodeIds.length; k++) {
      double[] a = mercator(byId.get(nodeIds[k - 1]));
      double[] b = mercator(byId.get(nodeIds[k]));
      sum += Math.hypot(b[0] - a[0], b[1] - a[1]);
    }
    return sum;
  }

  /** Edge lengths of one way, in edge order. */
  private static double[] lengthsOf(FootGraph g, long wayId) {
    return java.util.stream.IntStream.range(0, g.edgeCount())
        .filter(e -> g.edgeWay(e) == wayId)
        .mapToDouble(g::edgeLength)
        .toArray();
  }

  @Test
  void straightWayIsOneEdgeMeasuredAlongItsBends() {
    long a = node(0, 0);
    long b = node(1, 0);
    long c = node(1, 2);
    long d = node(3, 3);
    long w = way(FOOTWAY, a, b, c, d);

    FootGraph g = build(KEEP_ALL).graph();

    assertThat(g.vertexCount()).isEqualTo(2);
    assertThat(g.edgeCount()).isEqualTo(1);
    assertThat(g.edgeWay(0)).isEqualTo(w);
    assertThat(g.edgeLength(0)).isCloseTo(mercatorLength(a, b, c, d), within(1e-6));
    assertThat(g.edgeLength(0)).isGreaterThan(mercatorLength(a, d));
    assertThat(g.geometryEnd(0) - g.geometryStart(0)).isEqualTo(4);
    double[] first = mercator(byId.get(a));
    double[] last = mercator(byId.get(d));
    assertThat(g.x(g.edgeFrom(0))).isCloseTo(first[0], within(1e-6));
    assertThat(g.y(g.edgeFrom(0))).isCloseTo(first[1], within(1e-6));
    assertThat(g.x(g.edgeTo(0))).isCloseTo(last[0], within(1e-6));
    assertThat(g.y(g.edgeTo(0))).isCloseTo(last[1], within(1e-6));
    assertThat(g.geometryX(g.geometryStart(0) + 2))
        .isCloseTo(mercator(byId.get(c))[0], within(1e-6));
  }

  @Test
  void sharedNodeSplitsBothWays() {
    long a = node(0, 0);
    long b = node(1, 0);
    long c = node(2, 0);
    long d = node(1, 1);
    long e = node(1, 2);
    long main = way(FOOTWAY, a, b, c);
    long branch = way(Map.of("highway", "residential"), b, d, e);

    FootGraph g = build(KEEP_ALL).graph();

    // A-B, B-C from the main way; B-D-E from the branch (D is used once: not a vertex).
    assertThat(g.vertexCount()).isEqualTo(4);
    assertThat(g.edgeCount()).isEqualTo(3);
    assertThat(g.componentCount()).isEqualTo(1);
    assertThat(lengthsOf(g, main))
        .containsExactly(new double[] {mercatorLength(a, b), mercatorLength(b, c)}, within(1e-6));
    assertThat(lengthsOf(g, branch))
        .containsExactly(new double[] {mercatorLength(b, d, e)}, within(1e-6));
    int junction = g.edgeTo(0);
    assertThat(g.arcEnd(junction) - g.arcStart(junction)).isEqualTo(3);
  }

  @Test
  void wayUsingANodeTwiceIsSplitThere() {
    // A lollipop: A-B, then the loop B-C-D-B.
    long a = node(0, 0);
    long b = node(1, 0);
    long c = node(2, 0);
    long d = node(2, 1);
    way(FOOTWAY, a, b, c, d, b);

    FootGraph g = build(KEEP_ALL).graph();

    assertThat(g.vertexCount()).isEqualTo(2);
    assertThat(g.edgeCount()).isEqualTo(2);
    assertThat(g.edgeLength(0)).isCloseTo(mercatorLength(a, b), within(1e-6));
    assertThat(g.edgeLength(1)).isCloseTo(mercatorLength(b, c, d, b), within(1e-6));
    assertThat(g.edgeFrom(1)).isEqualTo(g.edgeTo(1));
  }

  @Test
  void closedWayWithoutJunctionsIsOneLoop() {
    long a = node(0, 0);
    long b = node(1, 0);
    long c = node(1, 1);
    way(Map.of("highway", "pedestrian", "area", "yes"), a, b, c, a);

    FootGraph g = build(KEEP_ALL).graph();

    assertThat(g.vertexCount()).isEqualTo(1);
    assertThat(g.edgeCount()).isEqualTo(1);
    assertThat(g.edgeLength(0)).isCloseTo(mercatorLength(a, b, c, a), within(1e-6));
  }

  @Test
  void footNoMotorwayAndRailwayWaysAreDroppedAndDoNotSplit() {
    long a = node(0, 0);
    long b = node(1, 0);
    long c = node(2, 0);
    long d = node(1, 1);
    long e = node(1, -1);
    long f = node(1, -2);
    way(FOOTWAY, a, b, c);
    way(Map.of("highway", "footway", "foot", "no"), b, d);
    way(Map.of("highway", "motorway", "sidewalk", "both"), b, e);
    way(Map.of("railway", "rail"), b, f);

    Built built = build(KEEP_ALL);

    // None of the three other ways is kept, so B is not a junction of kept ways.
    assertThat(built.graph().edgeCount()).isEqualTo(1);
    assertThat(built.graph().vertexCount()).isEqualTo(2);
    assertThat(built.stats().waysRead()).isEqualTo(4);
    assertThat(built.stats().waysWalkable()).isEqualTo(1);
    assertThat(built.stats().nodesRead()).isEqualTo(6);
  }

  @Test
  void privateServiceRoadIsKeptForCompoundsAndDroppedWhenBlocked() {
    long a = node(0, 0);
    long b = node(1, 0);
    long c = node(1, 1);
    way(Map.of("highway", "residential"), a, b);
    long inside = way(Map.of("highway", "service", "access", "private"), b, c);

    FootGraph compound = build(KEEP_ALL).graph();
    FootGraph blocked = build(new Options(PrivateWays.BLOCKED, 0)).graph();

    assertThat(compound.edgeCount()).isEqualTo(2);
    assertThat(lengthsOf(compound, inside)).hasSize(1);
    assertThat(blocked.edgeCount()).isEqualTo(1);
    assertThat(lengthsOf(blocked, inside)).isEmpty();
  }

  @Test
  void wallNodeCutsTheWayAndGateDoesNot() {
    long a = node(0, 0);
    long wall = node(1, 0, WALL);
    long c = node(2, 0);
    way(FOOTWAY, a, wall, c);
    long d = node(0, 5);
    long gate = node(1, 5, Map.of("barrier", "gate"));
    long f = node(2, 5);
    long gated = way(FOOTWAY, d, gate, f);

    FootGraph g = build(KEEP_ALL).graph();

    // Walled way: A-W and W'-C, two vertices at the wall. Gated way: one edge D-G-F.
    assertThat(g.edgeCount()).isEqualTo(3);
    assertThat(g.vertexCount()).isEqualTo(6);
    assertThat(g.componentCount()).isEqualTo(3);
    assertThat(g.component(g.edgeFrom(0))).isNotEqualTo(g.component(g.edgeTo(1)));
    assertThat(g.x(g.edgeTo(0))).isEqualTo(g.x(g.edgeFrom(1)));
    assertThat(g.edgeLength(0)).isCloseTo(mercatorLength(a, wall), within(1e-6));
    assertThat(g.edgeLength(1)).isCloseTo(mercatorLength(wall, c), within(1e-6));
    assertThat(lengthsOf(g, gated))
        .containsExactly(new double[] {mercatorLength(d, gate, f)}, within(1e-6));
  }

  @Test
  void blockingJunctionSeparatesEveryWayMeetingThere() {
    long a = node(0, 0);
    long x = node(1, 0, Map.of("barrier", "gate", "access", "no"));
    long c = node(2, 0);
    long d = node(1, 1);
    way(FOOTWAY, a, x, c);
    way(FOOTWAY, x, d);

    FootGraph g = build(KEEP_ALL).graph();

    assertThat(g.edgeCount()).isEqualTo(3);
    assertThat(g.vertexCount()).isEqualTo(6);
    assertThat(g.componentCount()).isEqualTo(3);
  }

  @Test
  void onewayStreetIsWalkableFromBothEnds() {
    long a = node(0, 0);
    long b = node(1, 0);
    way(Map.of("highway", "residential", "oneway", "yes"), a, b);

    FootGraph g = build(KEEP_ALL).graph();

    assertThat(g.edgeCount()).isEqualTo(1);
    int from = g.edgeFrom(0);
    int to = g.edgeTo(0);
    assertThat(g.arcHead(g.arcStart(from))).isEqualTo(to);
    assertThat(g.arcHead(g.arcStart(to))).isEqualTo(from);
  }

  /** A 40-edge grid component (a chain of 40 two-node ways) and a 3-edge island far away. */
  private void chainAndIsland() {
    long previous = node(0, 0);
    for (int k = 1; k <= 40; k++) {
      long next = node(k, 0);
      way(FOOTWAY, previous, next);
      previous = next;
    }
    long p = node(100, 100);
    long q = node(101, 100);
    long r = node(101, 101);
    way(FOOTWAY, p, q);
    way(FOOTWAY, q, r);
    way(FOOTWAY, r, p);
  }

  @Test
  void componentsBelowTheMinimumArePruned() {
    chainAndIsland();

    Built defaults = build(Options.defaults());
    Built tighter = build(new Options(PrivateWays.COMPOUND, 41));

    assertThat(defaults.graph().edgeCount()).isEqualTo(40);
    assertThat(defaults.graph().vertexCount()).isEqualTo(41);
    assertThat(defaults.graph().componentCount()).isEqualTo(1);
    assertThat(defaults.graph().componentEdges(0)).isEqualTo(40);
    assertThat(defaults.stats().componentsPruned()).isEqualTo(1);
    assertThat(defaults.stats().edgesPruned()).isEqualTo(3);
    assertThat(defaults.stats().edges()).isEqualTo(40);
    assertThat(defaults.stats().vertices()).isEqualTo(41);
    double[] chain = new double[41];
    for (int k = 0; k <= 40; k++) {
      chain[k] = k + 1;
    }
    assertThat(defaults.stats().kmWalkable())
        .isCloseTo(
            mercatorLength(Arrays.stream(chain).mapToLong(v -> (long) v).toArray()) / 1000,
            within(1e-9));
    assertThat(tighter.graph().edgeCount()).isZero();
    assertThat(tighter.graph().vertexCount()).isZero();
    assertThat(tighter.stats().componentsPruned()).isEqualTo(2);
    assertThat(tighter.stats().edgesPruned()).isEqualTo(43);
  }

  @Test
  void missingNodeBreaksTheWayAndZeroLengthPiecesAreDropped() {
    long a = node(0, 0);
    long b = node(1, 0);
    long c = node(3, 0);
    long d = node(4, 0);
    long e = node(4, 0);
    long gap = way(FOOTWAY, a, b, 9_999, c, d);
    long zero = way(FOOTWAY, d, e);
    long repeated = way(FOOTWAY, a, a, a);

    FootGraph g = build(KEEP_ALL).graph();

    assertThat(lengthsOf(g, gap))
        .containsExactly(new double[] {mercatorLength(a, b), mercatorLength(c, d)}, within(1e-6));
    assertThat(lengthsOf(g, zero)).isEmpty();
    assertThat(lengthsOf(g, repeated)).isEmpty();
    assertThat(g.vertexCount()).isEqualTo(4);
  }

  @Test
  void projectsToUtmWithLengthsCloseToTheGeodesic() {
    long a = node(0, 0);
    long b = node(7, 4);
    way(FOOTWAY, a, b);
    // A reference to a node outside the extract must not be projected (lon/lat unknown, far outside
    // the zone).
    way(FOOTWAY, b, 9_999);

    FootGraph g = FootGraphBuilder.build(nodes, ways, UTM_49N, KEEP_ALL).graph();

    assertThat(g.edgeCount()).isEqualTo(1);

    GeodeticCalculator geodesic = new GeodeticCalculator(DefaultGeographicCRS.WGS84);
    geodesic.setStartingGeographicPoint(byId.get(a).lon(), byId.get(a).lat());
    geodesic.setDestinationGeographicPoint(byId.get(b).lon(), byId.get(b).lat());
    // UTM point scale k ≈ k0 (1 + (Δλ cos φ)² / 2), Δλ from the central meridian 111°E, at the
    // segment's middle.
    double midLon = (byId.get(a).lon() + byId.get(b).lon()) / 2;
    double midLat = (byId.get(a).lat() + byId.get(b).lat()) / 2;
    double t = Math.toRadians(midLon - 111) * Math.cos(Math.toRadians(midLat));
    double scale = 0.9996 * (1 + t * t / 2);
    assertThat(g.edgeLength(0) / geodesic.getOrthodromicDistance()).isCloseTo(scale, within(5e-6));
    assertThat(g.crs()).isEqualTo(UTM_49N);
    assertThat(g.x(0)).isBetween(600_000.0, 700_000.0);
    assertThat(g.y(0)).isBetween(4_100_000.0, 4_300_000.0);
  }

  @Test
  void pbfGivesTheSameGraphAsTheEntities() throws IOException {
    chainAndIsland();
    long spur = node(20, 3, Map.of("barrier", "fence"));
    way(Map.of("highway", "service", "access", "private"), 21, spur);
    Path pbf = tmp.resolve("synthetic.osm.pbf");
    try (OsmPbfWriter writer =
        new OsmPbfWriter(Files.newOutputStream(pbf), "lcp test — SYNTHETIC street network")) {
      nodes.forEach(writer::node);
      ways.forEach(writer::way);
    }

    Built fromFile = FootGraphBuilder.build(pbf, MERCATOR, Options.defaults());
    Built fromLists = build(Options.defaults());

    FootGraph f = fromFile.graph();
    FootGraph l = fromLists.graph();
    assertThat(f.edgeCount()).isEqualTo(41).isEqualTo(l.edgeCount());
    assertThat(f.vertexCount()).isEqualTo(42).isEqualTo(l.vertexCount());
    for (int e = 0; e < f.edgeCount(); e++) {
      assertThat(f.edgeFrom(e)).isEqualTo(l.edgeFrom(e));
      assertThat(f.edgeTo(e)).isEqualTo(l.edgeTo(e));
      assertThat(f.edgeWay(e)).isEqualTo(l.edgeWay(e));
      // The file rounds coordinates to 1e-7° (about 1 cm here).
      assertThat(f.edgeLength(e)).isCloseTo(l.edgeLength(e), within(0.05));
    }
    assertThat(fromFile.stats().waysRead()).isEqualTo(44);
    assertThat(fromFile.stats().nodesRead()).isEqualTo(nodes.size());
    assertThat(fromFile.stats().componentsPruned()).isEqualTo(1);
  }

  @Test
  void badFilesAndCrsAreRefused() throws IOException {
    chainAndIsland();
    Path pbf = tmp.resolve("cut.osm.pbf");
    try (OsmPbfWriter writer =
        new OsmPbfWriter(Files.newOutputStream(pbf), "lcp test — SYNTHETIC street network")) {
      nodes.forEach(writer::node);
      ways.forEach(writer::way);
    }
    byte[] bytes = Files.readAllBytes(pbf);
    Files.write(pbf, Arrays.copyOf(bytes, bytes.length - 10));

    assertThatThrownBy(() -> FootGraphBuilder.build(pbf, MERCATOR, Options.defaults()))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(
            "Cannot read OSM extract " + pbf + ": block 3: the file ends inside a blob");
    assertThatThrownBy(() -> FootGraphBuilder.build(nodes, ways, "EPSG:999999", KEEP_ALL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot use CRS EPSG:999999 for the foot graph: ");
  }
}
