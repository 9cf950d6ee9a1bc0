package org.livingcircle.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.RepoPaths;
import org.livingcircle.common.CityLayout;
import org.livingcircle.common.Table;
import org.livingcircle.config.Categories;
import org.livingcircle.config.Category;
import org.livingcircle.config.CityConfig;
import org.livingcircle.config.WalkModel;
import org.livingcircle.pipeline.CityPipeline;
import org.livingcircle.pipeline.ProjectFiles;
import org.livingcircle.pipeline.StageSpecs;
import org.livingcircle.sample.ConfiguredSampleCategories;
import org.livingcircle.sample.CoordinateShift;
import org.livingcircle.sample.SampleGenerator;
import org.livingcircle.sample.SampleSpec;
import org.livingcircle.spark.SparkTestSession;
import org.livingcircle.streets.OsmNode;
import org.livingcircle.streets.OsmPbfWriter;
import org.livingcircle.streets.OsmWay;

/**
 * The network walking model end to end on one county (Jincheng 城区, 140502): {@code lcp sample}
 * inputs, a SYNTHETIC street grid written here as a PBF (streets over the western part of the
 * county only, an east–west river crossed by one bridge), then ingest → grid → access. Network
 * distances of some cells are recomputed here with an independent brute-force linking and Dijkstra
 * over the street nodes this test wrote (not the pipeline's graph or search).
 */
class NetworkAccessIT {
  static final String CRS_CODE = "EPSG:32649";

  /**
   * Street grid: columns every 0.002° of longitude (≈ 181 m), rows every 0.0018° of latitude (≈ 200
   * m).
   */
  static final double LON0 = 112.75;

  static final double LAT0 = 35.43;
  static final double DLON = 0.002;
  static final double DLAT = 0.0018;
  static final int COLUMNS = 56;
  static final int ROWS = 89;

  /**
   * The river runs between row {@code RIVER_ROW} and the next; only column {@code BRIDGE_COLUMN}
   * crosses it.
   */
  static final int RIVER_ROW = 44;

  static final int BRIDGE_COLUMN = 3;
  static final double LINK_RADIUS_M = 500;
  static final List<String> ADDED = List.of("link_m", "linked", "component_edges", "walk_fallback");

  @TempDir static Path tmp;
  static SparkSession spark;
  static CityConfig city;
  static Categories categories;
  static CityLayout layout;
  static Path straightOut;
  static Path noneOut;
  static final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  /** The test's own street network, projected: node coordinates and adjacency (segment lengths). */
  static double[] nodeX;

  static double[] nodeY;
  static List<int[]> segments = new ArrayList<>();
  static Map<Integer, List<int[]>> adjacency = new HashMap<>();

  @BeforeAll
  static void run() throws Exception {
    spark = SparkTestSession.get();
    categories = Categories.load(ProjectFiles.categories());
    Path configFile = RepoPaths.of("conf/cities/jincheng.yaml");
    CityConfig jincheng = CityConfig.load(configFile);
    CityConfig.DataPaths d = jincheng.data();
    CityConfig.DataPaths data =
        new CityConfig.DataPaths(
            d.poi(),
            d.facilities(),
            d.census(),
            d.statistics(),
            d.populationRaster(),
            d.duplicateRadiusM(),
            "streets.osm.pbf");
    city =
        new CityConfig(
            jincheng.id(),
            jincheng.nameZh(),
            jincheng.nameEn(),
            jincheng.adminCode(),
            List.of(jincheng.county("140502").orElseThrow()),
            jincheng.crs(),
            jincheng.cellSizeM(),
            null,
            jincheng.walking().withKind(WalkModel.Kind.NETWORK),
            jincheng.e2sfca(),
            data,
            jincheng.sample());
    assertThat(city.walking().kind()).isEqualTo(WalkModel.Kind.NETWORK);

    layout = CityLayout.of(tmp.resolve("jincheng"));
    Path input = layout.input();
    new SampleGenerator(
            new SampleSpec(
                "jincheng",
                List.of("140502"),
                ProjectFiles.reference().resolve("shanxi_counties.geojson"),
                ProjectFiles.reference().resolve("admin_codes.csv"),
                ProjectFiles.categories(),
                140500,
                0.3,
                SampleSpec.NO_BENCH_ROWS,
                input),
            new ConfiguredSampleCategories(categories),
            CoordinateShift.gcj02())
        .run();
    writeStreets(input.resolve("streets.osm.pbf"));

    PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8);
    CityPipeline.City c = new CityPipeline.City(city, configFile, categories, layout);
    CityPipeline.ingest(spark, c, input, out);
    CityPipeline.grid(spark, c, out);
    CityPipeline.access(spark, c, List.of(), out);
    noneOut = tmp.resolve("none/indicators");
    CityConfig.Walking w = city.walking();
    CityConfig none =
        new CityConfig(
            city.id(),
            city.nameZh(),
            city.nameEn(),
            city.adminCode(),
            city.counties(),
            city.crs(),
            city.cellSizeM(),
            null,
            new CityConfig.Walking(
                w.speedMPerMin(),
                w.detourFactor(),
                w.thresholdsMin(),
                w.searchLimitM(),
                WalkModel.Kind.NETWORK,
                w.linkRadiusM(),
                CityConfig.Unlinked.NONE,
                w.privateWays(),
                w.minComponentEdges()),
            city.e2sfca(),
            city.data(),
            city.sample());
    AccessJob.run(
        spark,
        StageSpecs.access(
            none,
            categories,
            configFile,
            layout.grid(),
            layout.ingest(),
            List.of(layout.ingest()),
            noneOut),
        out);
    straightOut = tmp.resolve("straight/indicators");
    CityConfig straight = city.withWalkingModel(WalkModel.Kind.STRAIGHT_LINE, configFile);
    AccessJob.run(
        spark,
        StageSpecs.access(
            straight,
            categories,
            configFile,
            layout.grid(),
            layout.ingest(),
            List.of(layout.ingest()),
            straightOut),
        out);
  }

  static long nodeId(int row, int column) {
    return 1 + row * 1000L + column;
  }

  static double lon(int column) {
    return LON0 + column * DLON;
  }

  static double lat(int row) {
    return LAT0 + row * DLAT;
  }

  /** Writes the SYNTHETIC street grid and projects its nodes for the oracle. */
  static void writeStreets(Path file) throws Exception {
    MathTransform toCrs =
        CRS.findMathTransform(CRS.decode("EPSG:4326", true), CRS.decode(CRS_CODE, true), true);
    nodeX = new double[ROWS * COLUMNS];
    nodeY = new double[ROWS * COLUMNS];
    Map<String, String> street =
        new TreeMap<>(Map.of("highway", "residential", "source", "synthetic (NetworkAccessIT)"));
    List<OsmWay> ways = new ArrayList<>();
    long wayId = 1;
    try (OutputStream os = Files.newOutputStream(file);
        OsmPbfWriter w =
            new OsmPbfWriter(
                os, "lcp NetworkAccessIT — SYNTHETIC street network, not OpenStreetMap data")) {
      for (int r = 0; r < ROWS; r++) {
        for (int col = 0; col < COLUMNS; col++) {
          w.node(new OsmNode(nodeId(r, col), lon(col), lat(r), Map.of()));
          double[] p = new double[2];
          toCrs.transform(new double[] {lon(col), lat(r)}, 0, p, 0, 1);
          nodeX[r * COLUMNS + col] = p[0];
          nodeY[r * COLUMNS + col] = p[1];
        }
      }
      long riverWest = 10_000_000L;
      long riverEast = 10_000_001L;
      double riverLat = (lat(RIVER_ROW) + lat(RIVER_ROW + 1)) / 2;
      w.node(new OsmNode(riverWest, LON0 - 0.01, riverLat, Map.of()));
      w.node(new OsmNode(riverEast, lon(COLUMNS - 1) + 0.01, riverLat, Map.of()));
      for (int r = 0; r < ROWS; r++) {
        long[] nodes = new long[COLUMNS];
        for (int col = 0; col < COLUMNS; col++) {
          nodes[col] = nodeId(r, col);
        }
        ways.add(new OsmWay(wayId++, nodes, street));
        for (int col = 0; col + 1 < COLUMNS; col++) {
          segment(r * COLUMNS + col, r * COLUMNS + col + 1);
        }
      }
      for (int col = 0; col < COLUMNS; col++) {
        for (int[] rows : new int[][] {{0, RIVER_ROW}, {RIVER_ROW + 1, ROWS - 1}}) {
          long[] nodes = new long[rows[1] - rows[0] + 1];
          for (int r = rows[0]; r <= rows[1]; r++) {
            nodes[r - rows[0]] = nodeId(r, col);
            if (r < rows[1]) {
              segment(r * COLUMNS + col, (r + 1) * COLUMNS + col);
            }
          }
          ways.add(new OsmWay(wayId++, nodes, street));
        }
      }
      Map<String, String> bridge = new TreeMap<>(street);
      bridge.put("bridge", "yes");
      ways.add(
          new OsmWay(
              wayId++,
              new long[] {nodeId(RIVER_ROW, BRIDGE_COLUMN), nodeId(RIVER_ROW + 1, BRIDGE_COLUMN)},
              bridge));
      segment(RIVER_ROW * COLUMNS + BRIDGE_COLUMN, (RIVER_ROW + 1) * COLUMNS + BRIDGE_COLUMN);
      ways.add(
          new OsmWay(
              wayId++,
              new long[] {riverWest, riverEast},
              Map.of("waterway", "river", "source", "synthetic (NetworkAccessIT)")));
      for (OsmWay way : ways) {
        w.way(way);
      }
    }
  }

  static void segment(int a, int b) {
    segments.add(new int[] {a, b});
    adjacency.computeIfAbsent(a, k -> new ArrayList<>()).add(new int[] {b});
    adjacency.computeIfAbsent(b, k -> new ArrayList<>()).add(new int[] {a});
  }

  static double length(int a, int b) {
    return Math.hypot(nodeX[a] - nodeX[b], nodeY[a] - nodeY[b]);
  }

  /**
   * A brute-force link: the nearest point on any segment, as (segment, fraction along it,
   * off-street metres).
   */
  record Link(int segment, double t, double off) {
    boolean linked() {
      return off <= LINK_RADIUS_M;
    }
  }

  static Link link(double x, double y) {
    int best = -1;
    double bestT = 0;
    double bestD = Double.POSITIVE_INFINITY;
    for (int s = 0; s < segments.size(); s++) {
      int a = segments.get(s)[0];
      int b = segments.get(s)[1];
      double dx = nodeX[b] - nodeX[a];
      double dy = nodeY[b] - nodeY[a];
      double t =
          Math.max(
              0, Math.min(1, ((x - nodeX[a]) * dx + (y - nodeY[a]) * dy) / (dx * dx + dy * dy)));
      double d = Math.hypot(nodeX[a] + t * dx - x, nodeY[a] + t * dy - y);
      if (d < bestD) {
        bestD = d;
        best = s;
        bestT = t;
      }
    }
    return new Link(best, bestT, bestD);
  }

  /**
   * Dijkstra (java.util.PriorityQueue, lazy deletion) from the two ends of a linked point, to every
   * node.
   */
  static double[] distancesFrom(Link p) {
    double[] dist = new double[nodeX.length];
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    int a = segments.get(p.segment())[0];
    int b = segments.get(p.segment())[1];
    double len = length(a, b);
    PriorityQueue<double[]> queue = new PriorityQueue<>((u, v) -> Double.compare(u[0], v[0]));
    queue.add(new double[] {p.off() + p.t() * len, a});
    queue.add(new double[] {p.off() + (1 - p.t()) * len, b});
    while (!queue.isEmpty()) {
      double[] top = queue.poll();
      int v = (int) top[1];
      if (top[0] >= dist[v]) {
        continue;
      }
      dist[v] = top[0];
      for (int[] arc : adjacency.getOrDefault(v, List.of())) {
        double nd = top[0] + length(v, arc[0]);
        if (nd < dist[arc[0]]) {
          queue.add(new double[] {nd, arc[0]});
        }
      }
    }
    return dist;
  }

  /**
   * Contracts §3: walking metres from the point whose node distances are {@code dist} (link {@code
   * from}) to {@code to}.
   */
  static double network(Link from, double[] dist, Link to) {
    int a = segments.get(to.segment())[0];
    int b = segments.get(to.segment())[1];
    double len = length(a, b);
    double d = Math.min(dist[a] + to.t() * len, dist[b] + (1 - to.t()) * len) + to.off();
    if (from.segment() == to.segment()) {
      d = Math.min(d, from.off() + Math.abs(from.t() - to.t()) * len + to.off());
    }
    return d;
  }

  static List<Row> collect(String sql) {
    return spark.sql(sql).collectAsList();
  }

  static JsonNode manifest() throws Exception {
    return new ObjectMapper()
        .readTree(layout.manifest(org.livingcircle.common.Stage.ACCESS).toFile());
  }

  /** Cells with centre x/y and every indicator of the network run. */
  static List<Row> cells(String columns) {
    spark
        .read()
        .format("geoparquet")
        .load(Table.CELLS.in(layout.grid()).toString())
        .createOrReplaceTempView("na_cells");
    spark
        .read()
        .format("geoparquet")
        .load(Table.GRID_INDICATORS.in(layout.indicators()).toString())
        .createOrReplaceTempView("na_grid");
    return collect(
        "SELECT c.x, c.y, g.population, "
            + columns
            + " FROM na_cells c JOIN na_grid g ON c.cell_id = g.cell_id"
            + " ORDER BY g.cell_id");
  }

  /** Categories of the run without a capacity kind: their facilities are exactly their POIs. */
  static List<String> poiOnlyCategories() {
    List<String> ids = new ArrayList<>();
    for (Category c : categories.categories()) {
      if (!c.hasCapacity() && c.tier() != org.livingcircle.config.Tier.RESIDENTIAL) {
        ids.add(c.id());
      }
    }
    return ids;
  }

  /**
   * POIs of {@code category} in the CRS, by the ingest output (the same transform as the stage's
   * input step).
   */
  static List<double[]> facilities(String category) {
    spark
        .read()
        .format("geoparquet")
        .load(Table.POI.in(layout.ingest()).toString())
        .createOrReplaceTempView("na_poi");
    List<double[]> out = new ArrayList<>();
    for (Row r :
        collect(
            "SELECT ST_X(m), ST_Y(m) FROM (SELECT ST_Transform(ST_SetSRID(geometry, 4326), 'EPSG:4326', '"
                + CRS_CODE
                + "') AS m FROM na_poi WHERE category = '"
                + category
                + "')")) {
      out.add(new double[] {r.getDouble(0), r.getDouble(1)});
    }
    return out;
  }

  @Test
  void everyCellWithinTheLinkRadiusOfAStreetIsLinkedAndTheCountsReconcile() throws Exception {
    List<Row> rows = cells("g.linked, g.link_m, g.component_edges, g.walk_fallback");
    long expectedLinked = 0;
    long linked = 0;
    for (Row r : rows) {
      Link l = link(r.getDouble(0), r.getDouble(1));
      boolean isLinked = r.getBoolean(3);
      assertThat(isLinked)
          .as("cell at (%s, %s), %s m from a street", r.getDouble(0), r.getDouble(1), l.off())
          .isEqualTo(l.linked());
      expectedLinked += l.linked() ? 1 : 0;
      linked += isLinked ? 1 : 0;
      if (isLinked) {
        assertThat(r.getDouble(4)).isCloseTo(l.off(), within(0.01));
        assertThat(r.getInt(5)).isEqualTo(segments.size());
        assertThat(r.isNullAt(6)).isTrue();
      } else {
        assertThat(r.isNullAt(4)).isTrue();
        assertThat(r.isNullAt(5)).isTrue();
        assertThat(r.getString(6)).isEqualTo("straight_line");
      }
    }
    // the streets cover the western part only: some cells link, some do not
    assertThat(expectedLinked).isGreaterThan(100).isLessThan(rows.size());
    JsonNode walk = manifest().path("walk_model");
    assertThat(walk.path("model").asText()).isEqualTo("network");
    assertThat(walk.path("cells").asLong()).isEqualTo(rows.size());
    assertThat(walk.path("cells_linked").asLong()).isEqualTo(linked).isEqualTo(expectedLinked);
    assertThat(walk.path("cells_unlinked").asLong()).isEqualTo(rows.size() - expectedLinked);
    assertThat(walk.path("graph").path("edges").asLong()).isEqualTo(segments.size());
    assertThat(walk.path("osm_pbf").path("sha256").asText()).hasSize(64);
    assertThat(walk.path("facilities_unlinked").asLong()).isPositive();
    assertThat(manifest().path("timings_s").has("parse")).isTrue();
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .contains("network walking on streets.osm.pbf");
  }

  @Test
  void networkDistancesMatchABruteForceDijkstraAndNeverBeatTheStraightLine() {
    List<String> ids = poiOnlyCategories();
    StringBuilder columns = new StringBuilder("g.linked");
    for (String c : ids) {
      columns
          .append(", g.dist_m_")
          .append(c)
          .append(", g.dist_straight_m_")
          .append(c)
          .append(", g.n_15min_")
          .append(c);
    }
    List<Row> rows = cells(columns.toString());
    Map<String, List<double[]>> byCategory = new HashMap<>();
    Map<String, List<Link>> links = new HashMap<>();
    for (String c : ids) {
      byCategory.put(c, facilities(c));
      links.put(
          c, byCategory.get(c).stream().map(f -> link(f[0], f[1])).filter(Link::linked).toList());
    }
    double limitWalkM = city.walking().model().walkMetersIn(city.walking().searchLimitMin());
    double threshold15M = city.walking().model().walkMetersIn(15);
    double riverY = (nodeY[RIVER_ROW * COLUMNS] + nodeY[(RIVER_ROW + 1) * COLUMNS]) / 2;
    double bridgeX = nodeX[RIVER_ROW * COLUMNS + BRIDGE_COLUMN];
    int checked = 0;
    int detours = 0;
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      if (!r.getBoolean(3)) {
        continue;
      }
      for (int k = 0; k < ids.size(); k++) {
        int col = 4 + 3 * k;
        if (!r.isNullAt(col) && !r.isNullAt(col + 1)) {
          assertThat(r.getDouble(col))
              .as("dist_m_%s of cell %s", ids.get(k), i)
              .isGreaterThanOrEqualTo(r.getDouble(col + 1) - 1e-3);
        }
      }
      double x = r.getDouble(0);
      double y = r.getDouble(1);
      boolean nearRiverNorth =
          y > riverY
              && y < riverY + 400
              && Math.abs(x - bridgeX) > 600
              && Math.abs(x - bridgeX) < 1500;
      if (i % 97 != 0 && !nearRiverNorth) {
        continue;
      }
      Link origin = link(x, y);
      double[] dist = distancesFrom(origin);
      for (int k = 0; k < ids.size(); k++) {
        double best = Double.POSITIVE_INFINITY;
        boolean bestSouth = false;
        int within15 = 0;
        for (Link f : links.get(ids.get(k))) {
          double d = network(origin, dist, f);
          if (d < best) {
            best = d;
            bestSouth = nodeY[segments.get(f.segment())[0]] < riverY;
          }
          within15 += d <= threshold15M ? 1 : 0;
        }
        int col = 4 + 3 * k;
        String what = "dist_m_" + ids.get(k) + " of the cell at (" + x + ", " + y + ")";
        if (best > limitWalkM) {
          assertThat(r.isNullAt(col)).as(what).isTrue();
        } else {
          assertThat(r.getDouble(col)).as(what).isCloseTo(best, within(0.05));
          if (nearRiverNorth
              && bestSouth
              && !r.isNullAt(col + 1)
              && r.getDouble(col) - r.getDouble(col + 1) > 500) {
            detours++;
          }
        }
        assertThat(r.getInt(col + 2)).as("n_15min_" + ids.get(k)).isEqualTo(within15);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(50);
    // across the river from their nearest facility, cells walk round by the one bridge
    assertThat(detours).isPositive();
  }

  @Test
  void unlinkedCellsFallBackToTheStraightLine() {
    String c = poiOnlyCategories().get(0);
    List<Row> rows = cells("g.linked, g.dist_m_" + c + ", g.dist_straight_m_" + c);
    int unlinked = 0;
    for (Row r : rows) {
      if (!r.getBoolean(3)) {
        unlinked++;
        assertThat(r.isNullAt(4)).isEqualTo(r.isNullAt(5));
        if (!r.isNullAt(4)) {
          assertThat(r.getDouble(4))
              .isCloseTo(r.getDouble(5) * city.walking().detourFactor(), within(0.01));
        }
      }
    }
    assertThat(unlinked).isPositive();
  }

  @Test
  void withUnlinkedNoneUnlinkedCellsReachNothingAndLinkedCellsAreUnchanged() {
    String c = poiOnlyCategories().get(0);
    String columns =
        "g.linked, g.walk_fallback, g.dist_m_"
            + c
            + ", g.n_15min_"
            + c
            + ", g.basic_types_10min, g.proximity_capped";
    List<Row> fallback = cells(columns);
    spark
        .read()
        .format("geoparquet")
        .load(Table.GRID_INDICATORS.in(noneOut).toString())
        .createOrReplaceTempView("na_grid");
    List<Row> none =
        collect(
            "SELECT c.x, c.y, g.population, "
                + columns
                + " FROM na_cells c JOIN na_grid g ON c.cell_id = g.cell_id ORDER BY g.cell_id");
    assertThat(none).hasSameSizeAs(fallback);
    int unlinked = 0;
    for (int i = 0; i < none.size(); i++) {
      Row r = none.get(i);
      if (r.getBoolean(3)) {
        assertThat(r).isEqualTo(fallback.get(i));
      } else {
        unlinked++;
        assertThat(r.getString(4)).isEqualTo("none");
        assertThat(r.isNullAt(5)).isTrue();
        assertThat(r.getInt(6)).isZero();
        assertThat(r.getInt(7)).isZero();
        assertThat(r.getInt(8)).isPositive();
      }
    }
    assertThat(unlinked).isPositive();
  }

  @Test
  void theStraightLineModelWritesTheSameColumnsAsBeforeAndNoAddedOnes() throws Exception {
    List<String> network =
        Arrays.asList(
            spark
                .read()
                .format("geoparquet")
                .load(Table.GRID_INDICATORS.in(layout.indicators()).toString())
                .columns());
    List<String> straight =
        Arrays.asList(
            spark
                .read()
                .format("geoparquet")
                .load(Table.GRID_INDICATORS.in(straightOut).toString())
                .columns());
    List<String> expected = new ArrayList<>();
    for (String col : network) {
      if (!ADDED.contains(col) && !col.startsWith("dist_straight_m_")) {
        expected.add(col);
      }
    }
    assertThat(straight).containsExactlyElementsOf(expected);
    assertThat(network).containsAll(ADDED);
    List<String> compounds =
        Arrays.asList(
            spark
                .read()
                .format("geoparquet")
                .load(Table.COMPOUND_INDICATORS.in(straightOut).toString())
                .columns());
    assertThat(compounds).doesNotContainAnyElementsOf(ADDED);
    JsonNode walk =
        new ObjectMapper()
            .readTree(straightOut.resolve(CityLayout.MANIFEST_FILE).toFile())
            .path("walk_model");
    assertThat(walk.path("model").asText()).isEqualTo("straight_line");
    assertThat(walk.has("graph")).isFalse();
  }
}
