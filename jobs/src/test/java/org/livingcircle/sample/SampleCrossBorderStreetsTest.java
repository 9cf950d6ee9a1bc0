package org.livingcircle.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.livingcircle.streets.OsmPbfReader;
import org.livingcircle.streets.OsmWay;

/**
 * A sample whose street network also covers a neighbour city (fixture: Jincheng's two counties and
 * a Changzhi county bordering them to the north): every check of {@link SampleStreetsTest} on the
 * two-city file, plus the border.
 */
class SampleCrossBorderStreetsTest extends SampleStreetsTest {
  private static final double[] CHANGZHI = {112.40, 35.62, 112.90, 35.80};

  static SampleSpec spec(String city, Path dir, long seed) {
    return new SampleSpec(
        city,
        List.of(),
        SampleFixture.resource("neighbours.geojson"),
        SampleFixture.resource("admin_codes.csv"),
        SampleFixture.resource("categories.yaml"),
        seed,
        0.5,
        SampleSpec.NO_BENCH_ROWS,
        dir);
  }

  @Override
  void generateSample(Path dir, long seed) {
    new SampleGenerator(spec("jincheng", dir, seed))
        .withNeighbours(List.of(spec("changzhi", dir, seed)))
        .run();
  }

  private Path changzhiSample() {
    Path dir = tmp.resolve("changzhi");
    if (!Files.isRegularFile(dir.resolve("streets.osm.pbf"))) {
      new SampleGenerator(spec("changzhi", dir, SEED))
          .withNeighbours(List.of(spec("jincheng", dir, SEED)))
          .run();
    }
    return dir;
  }

  private static boolean inChangzhi(double lon, double lat) {
    return lon >= CHANGZHI[0] && lon <= CHANGZHI[2] && lat >= CHANGZHI[1] && lat <= CHANGZHI[3];
  }

  private boolean inJincheng(long node) {
    double lon = streets.lon.get(node), lat = streets.lat.get(node);
    return SampleFixture.inCounty("140522", lon, lat) || SampleFixture.inCounty("140525", lon, lat);
  }

  @Test
  void bothCitiesOfTheGroupWriteTheSameFile() throws Exception {
    byte[] fromJincheng = Files.readAllBytes(out.resolve("streets.osm.pbf"));
    assertThat(Files.readAllBytes(changzhiSample().resolve("streets.osm.pbf")))
        .isEqualTo(fromJincheng);
    // and the neighbour part differs from Jincheng's network alone: the file really holds more
    Path alone = tmp.resolve("alone");
    new SampleGenerator(spec("jincheng", alone, SEED)).withNeighbours(List.of()).run();
    OsmPbfReader.Contents a = OsmPbfReader.readAll(alone.resolve("streets.osm.pbf"));
    assertThat(a.ways().stream().allMatch(w -> w.id() / 100_000_000L == 140500)).isTrue();
    assertThat(streets.ways.size()).isGreaterThan(a.ways().size() + 1_000);
  }

  @Test
  void idsAreUniqueAndCarryTheCodeOfEachCity() {
    Set<Long> wayIds = new HashSet<>();
    Map<Long, Long> waysByCity = new TreeMap<>();
    for (OsmWay w : streets.ways) {
      assertThat(wayIds.add(w.id())).as("way id %s", w.id()).isTrue();
      waysByCity.merge(w.id() / 100_000_000L, 1L, Long::sum);
    }
    assertThat(waysByCity.keySet()).containsExactly(140400L, 140500L);
    OsmPbfReader.Contents c = OsmPbfReader.readAll(out.resolve("streets.osm.pbf"));
    Set<Long> nodeIds = new HashSet<>();
    c.nodes().forEach(n -> assertThat(nodeIds.add(n.id())).as("node id %s", n.id()).isTrue());
    assertThat(nodeIds.stream().map(id -> id / 100_000_000L).distinct().sorted().toList())
        .containsExactly(140400L, 140500L);
    // Changzhi's ways lie in Changzhi (plus the reach of its river, railway and expressway)
    long changzhiWalkable =
        streets.ways.stream()
            .filter(w -> w.id() / 100_000_000L == 140400 && StreetFile.walkable(w.tags()))
            .count();
    long inside =
        streets.ways.stream()
            .filter(w -> w.id() / 100_000_000L == 140400 && StreetFile.walkable(w.tags()))
            .filter(w -> inChangzhi(streets.lon.get(w.nodes()[0]), streets.lat.get(w.nodes()[0])))
            .count();
    assertThat((double) inside / changzhiWalkable).isGreaterThan(0.9);
  }

  /**
   * Connected components of the walkable ways (own union-find; the sample's passable barriers do
   * not cut).
   */
  private Map<Long, Long> components() {
    Map<Long, Long> parent = new HashMap<>();
    for (OsmWay w : streets.ways) {
      if (StreetFile.walkable(w.tags())) {
        for (long n : w.nodes()) {
          union(parent, w.nodes()[0], n);
        }
      }
    }
    return parent;
  }

  private long largestComponent(Map<Long, Long> parent) {
    Map<Long, Integer> size = new HashMap<>();
    for (long n : new HashSet<>(parent.keySet())) {
      size.merge(find(parent, n), 1, Integer::sum);
    }
    return size.entrySet().stream()
        .max(Map.Entry.<Long, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .orElseThrow()
        .getKey();
  }

  @Test
  void crossBorderRoadsJoinTownsOnBothSides() {
    Map<String, List<OsmWay>> byNote = new TreeMap<>();
    for (OsmWay w : streets.ways) {
      String note = w.tags().getOrDefault("note", "");
      if (note.startsWith("synthetic cross-border road")) {
        byNote.computeIfAbsent(note, k -> new java.util.ArrayList<>()).add(w);
      }
    }
    assertThat(byNote).hasSizeGreaterThanOrEqualTo(2);
    Map<Long, Long> parent = components();
    long largest = largestComponent(parent);
    for (Map.Entry<String, List<OsmWay>> road : byNote.entrySet()) {
      boolean north = false, south = false;
      for (OsmWay w : road.getValue()) {
        assertThat(w.tags().get("highway")).as(road.getKey()).isIn("secondary", "tertiary");
        for (long n : w.nodes()) {
          north |= inChangzhi(streets.lon.get(n), streets.lat.get(n));
          south |= inJincheng(n);
        }
        assertThat(find(parent, w.nodes()[0]))
            .as("%s in the largest component", road.getKey())
            .isEqualTo(largest);
      }
      assertThat(north && south)
          .as("%s has nodes on both sides of the border", road.getKey())
          .isTrue();
    }
  }

  @Test
  void largestComponentSpansBothCitiesFromSeatToSeat() {
    Map<Long, Long> parent = components();
    long largest = largestComponent(parent);
    for (String city : List.of("jincheng", "changzhi")) {
      Path dir = city.equals("jincheng") ? out : changzhiSample();
      double[] seat = busiestSquareKilometre(dir.resolve("poi/amap_" + city + "_utf8.csv"));
      boolean reached = false;
      for (long n : parent.keySet()) {
        if (find(parent, n) == largest
            && Math.hypot(
                    (streets.lon.get(n) - seat[0]) * 111_320 * Math.cos(Math.toRadians(seat[1])),
                    (streets.lat.get(n) - seat[1]) * 111_320)
                < 500) {
          reached = true;
          break;
        }
      }
      assertThat(reached)
          .as(
              "the largest walkable component reaches %s's busiest square kilometre %s",
              city, java.util.Arrays.toString(seat))
          .isTrue();
    }
    // no river, railway or expressway shortcut: the component's walkable ways reach far into both
    // cities
    long south = 0, north = 0;
    for (long n : parent.keySet()) {
      if (find(parent, n) == largest) {
        south += inJincheng(n) ? 1 : 0;
        north += inChangzhi(streets.lon.get(n), streets.lat.get(n)) ? 1 : 0;
      }
    }
    assertThat(south).isGreaterThan(2_000);
    assertThat(north).isGreaterThan(1_000);
  }

  @Test
  void aScopeOfBothCitiesGetsTheGroupNetworkOnceAndDifferentSeedsStillGiveUniqueIds()
      throws Exception {
    Path scope = tmp.resolve("scope");
    SampleGenerator.writeStreets(
        List.of(spec("changzhi", scope, SEED), spec("jincheng", scope, SEED)),
        new YamlSampleCategorySource(SampleFixture.resource("categories.yaml")),
        CoordinateShift.gcj02(),
        scope);
    assertThat(Files.readAllBytes(scope.resolve("streets.osm.pbf")))
        .isEqualTo(Files.readAllBytes(out.resolve("streets.osm.pbf")));
    // a bench scope samples its cities with different seeds: still one network, ids unique, roads
    // across
    Path mixed = tmp.resolve("mixed");
    SampleGenerator.writeStreets(
        List.of(spec("jincheng", mixed, SEED), spec("changzhi", mixed, SEED + 7)),
        new YamlSampleCategorySource(SampleFixture.resource("categories.yaml")),
        CoordinateShift.gcj02(),
        mixed);
    OsmPbfReader.Contents c = OsmPbfReader.readAll(mixed.resolve("streets.osm.pbf"));
    assertThat(c.ways().stream().map(OsmWay::id).distinct().count()).isEqualTo(c.ways().size());
    assertThat(c.nodes().stream().map(n -> n.id()).distinct().count()).isEqualTo(c.nodes().size());
    assertThat(
            c.ways().stream()
                .filter(
                    w ->
                        w.tags().getOrDefault("note", "").startsWith("synthetic cross-border road"))
                .map(w -> w.tags().get("note"))
                .distinct()
                .count())
        .isGreaterThanOrEqualTo(2);
    assertThat(Files.readAllBytes(mixed.resolve("streets.osm.pbf")))
        .isNotEqualTo(Files.readAllBytes(out.resolve("streets.osm.pbf")));
  }

  /**
   * The centre (WGS84) of the 1 km square with the most POIs of a sample's UTF-8 Amap file: the
   * county seat.
   */
  private static double[] busiestSquareKilometre(Path csv) {
    CoordinateShift shift = CoordinateShift.gcj02();
    double[] wgs = new double[2];
    Map<Long, Integer> counts = new HashMap<>();
    double cell = 0.01;
    for (List<String> r : SampleFixture.records(csv, StandardCharsets.UTF_8, "\n")) {
      String[] loc = r.size() == 11 ? r.get(5).split(",") : new String[0];
      if (loc.length == 2 && loc[0].matches("1\\d\\d\\.\\d+") && loc[1].matches("3\\d\\.\\d+")) {
        shift.unshift(Double.parseDouble(loc[0]), Double.parseDouble(loc[1]), wgs);
        counts.merge(
            (long) Math.floor(wgs[0] / cell) * 100_000 + (long) Math.floor(wgs[1] / cell),
            1,
            Integer::sum);
      }
    }
    long best =
        counts.entrySet().stream()
            .max(
                Map.Entry.<Long, Integer>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey()))
            .orElseThrow()
            .getKey();
    return new double[] {
      (Math.floorDiv(best, 100_000) + 0.5) * cell, (Math.floorMod(best, 100_000) + 0.5) * cell
    };
  }
}
