package org.livingcircle.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleGeneratorTest {
  private static final long SEED = 42;
  private static final Charset GBK = Charset.forName("GBK");

  /** Fixture categories.yaml: typecode prefix → category id, and per_1000. */
  private static final Map<String, String> PREFIX_TO_CATEGORY = new LinkedHashMap<>();

  private static final Map<String, Double> PER_1000 = new LinkedHashMap<>();

  static {
    category("convenience_store", 1.33, "060200");
    category("supermarket", 0.40, "0604");
    category("breakfast", 0.54, "050300");
    category("hair_salon", 0.92, "0711");
    category("pharmacy", 0.62, "090601");
    category("kindergarten", 0.15, "141204");
    category("primary_school", 0.07, "141203");
    category("hospital", 0.05, "0901", "0903");
    category("elderly_care", 0.02, "0710");
    category("elderly_day_care", 0.03, "071800");
    category("nursery", 0.05, "141205");
    category("residential_compound", 0.30, "120302");
  }

  private static void category(String id, double per1000, String... prefixes) {
    PER_1000.put(id, per1000);
    for (String p : prefixes) {
      PREFIX_TO_CATEGORY.put(p, id);
    }
  }

  @TempDir static Path tmp;
  private static Path out;
  private static SampleResult result;
  private static JsonNode manifest;

  @BeforeAll
  static void generate() throws IOException {
    out = tmp.resolve("a");
    result = new SampleGenerator(SampleFixture.spec(out, SEED, 5_000)).run();
    manifest = new ObjectMapper().readTree(out.resolve("sample_manifest.json").toFile());
  }

  @Test
  void sameSeedGivesIdenticalBytes() throws IOException {
    Path again = tmp.resolve("b");
    new SampleGenerator(SampleFixture.spec(again, SEED, 5_000)).run();
    List<Path> files = files(out);
    assertThat(files).hasSize(12);
    for (Path f : files) {
      assertThat(Files.readAllBytes(again.resolve(out.relativize(f))))
          .as(f.toString())
          .isEqualTo(Files.readAllBytes(f));
    }
  }

  @Test
  void differentSeedGivesDifferentFiles() throws IOException {
    Path other = tmp.resolve("c");
    new SampleGenerator(SampleFixture.spec(other, SEED + 1, 5_000)).run();
    for (Path f : files(out)) {
      if (!f.getFileName().toString().equals("README.md")) {
        assertThat(Files.readAllBytes(other.resolve(out.relativize(f))))
            .as(f.toString())
            .isNotEqualTo(Files.readAllBytes(f));
      }
    }
  }

  @Test
  void gbkFileIsGbkAndNotUtf8() throws IOException {
    byte[] bytes = Files.readAllBytes(out.resolve("poi/amap_jincheng_gbk.csv"));
    assertThat(bytes[0]).isNotEqualTo((byte) 0xEF);
    assertThatThrownBy(
            () ->
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)))
        .isInstanceOf(CharacterCodingException.class);
    String text =
        GBK.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
    assertThat(text)
        .startsWith(
            "id,name,type,typecode,address,location,pname,cityname,adname,adcode,data_note\r\n")
        .contains("山西省,晋城市,阳城县,140522");
  }

  @Test
  void utf8FileStartsWithBom() throws IOException {
    byte[] bytes = Files.readAllBytes(out.resolve("poi/amap_jincheng_utf8.csv"));
    assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).containsExactly(0xEF, 0xBB, 0xBF);
    assertThat(Files.readAllBytes(out.resolve("poi/amap_jincheng_lnglat.csv"))[0])
        .isEqualTo((byte) 'i');
  }

  @Test
  void validPoisLieInTheirCountyAfterRemovingTheShift() {
    List<Valid> valid = validPois();
    assertThat(valid).hasSizeGreaterThan(1_000);
    for (Valid v : valid) {
      assertThat(SampleFixture.inCounty(v.county, v.lng, v.lat))
          .as("%s %s %.6f,%.6f", v.county, v.name, v.lng, v.lat)
          .isTrue();
    }
  }

  @Test
  void poisClusterInSettlements() {
    // the seat of 阳城县 in CountyFacts is 112.415,35.486; about a third of its POIs lie within 3 km
    List<Valid> yangcheng = validPois().stream().filter(v -> v.county.equals("140522")).toList();
    long nearSeat =
        yangcheng.stream().filter(v -> distanceM(v.lng, v.lat, 112.415, 35.486) < 3_000).count();
    double squareKm2 = 0.35 * 0.27 * 111.32 * 111.32 * Math.cos(Math.toRadians(35.485)); // ≈950 km²
    double uniformShare = Math.PI * 9 / squareKm2; // ≈3 %
    assertThat((double) nearSeat / yangcheng.size()).isGreaterThan(5 * uniformShare);
  }

  @Test
  void countsPerCategoryFollowDensity() throws IOException {
    Map<String, Long> population = new TreeMap<>();
    for (List<String> r :
        SampleFixture.records(out.resolve("census.csv"), StandardCharsets.UTF_8, "\n")) {
      if (r.get(2).equals("county")) {
        population.put(r.get(0), Long.parseLong(r.get(3)));
      }
    }
    assertThat(population)
        .containsExactlyEntriesOf(new TreeMap<>(Map.of("140522", 360_000L, "140525", 415_000L)));
    Map<String, Long> actual = new TreeMap<>();
    for (Valid v : validPois()) {
      actual.merge(v.category, 1L, Long::sum);
    }
    for (Map.Entry<String, Double> e : PER_1000.entrySet()) {
      double expected = e.getValue() * 775_000 / 1000.0 * 0.5;
      assertThat((double) actual.getOrDefault(e.getKey(), 0L))
          .as(e.getKey())
          .isCloseTo(expected, within(expected * 0.02 + 1.0));
    }
    assertThat(manifest.get("valid_pois_by_category").get("convenience_store").asLong())
        .isEqualTo(actual.get("convenience_store"));
  }

  @Test
  void townshipCensusSumsToCountyTotal() {
    List<List<String>> rows =
        SampleFixture.records(out.resolve("census.csv"), StandardCharsets.UTF_8, "\n");
    Map<String, long[]> countyTotals = new HashMap<>();
    Map<String, long[]> townshipSums = new HashMap<>();
    for (List<String> r : rows) {
      long[] v = {
        Long.parseLong(r.get(3)),
        Long.parseLong(r.get(4)),
        Long.parseLong(r.get(7)),
        Long.parseLong(r.get(8))
      };
      assertThat(v[3]).as("65+ within 60+").isLessThanOrEqualTo(v[2]);
      assertThat(v[2]).as("60+ share").isBetween(v[0] / 10, v[0] / 3);
      if (r.get(2).equals("county")) {
        countyTotals.put(r.get(0), v);
      } else {
        long[] s = townshipSums.computeIfAbsent(r.get(0).substring(0, 6), k -> new long[4]);
        for (int i = 0; i < 4; i++) {
          s[i] += v[i];
        }
      }
    }
    assertThat(townshipSums.keySet()).containsExactlyInAnyOrder("140522", "140525");
    for (String county : countyTotals.keySet()) {
      assertThat(townshipSums.get(county)).as(county).containsExactly(countyTotals.get(county));
    }
    assertThat(rows).hasSize(2 + 5 + 4);
  }

  @Test
  void manifestMessCountsEqualWhatIsInTheFiles() {
    for (String name : List.of("utf8", "gbk")) {
      String rel = "poi/amap_jincheng_" + name + ".csv";
      Path file = out.resolve(rel);
      List<List<String>> records =
          name.equals("gbk")
              ? SampleFixture.records(file, GBK, "\r\n")
              : SampleFixture.records(file, StandardCharsets.UTF_8, "\n");
      Map<String, Long> recount = new TreeMap<>();
      classify(records, recount, new ArrayList<>());
      JsonNode counts = fileEntry(rel).get("counts");
      for (MessKind k : MessKind.values()) {
        assertThat(recount.getOrDefault(k.key, 0L))
            .as(rel + " " + k.key)
            .isEqualTo(counts.get(k.key).asLong())
            .isPositive();
      }
      assertThat(recount.get("valid")).isEqualTo(counts.get("valid_rows").asLong());
      assertThat(fileEntry(rel).get("rows").asLong()).isEqualTo(records.size());
      assertThat(fileEntry(rel).get("expected_quarantine").get("bad_coordinate").asLong())
          .isEqualTo(
              Stream.of("empty", "zero", "swapped", "non_numeric", "outside_shanxi")
                  .mapToLong(s -> recount.get("bad_coordinate_" + s))
                  .sum());
    }
  }

  @Test
  void manifestChecksumsMatch() {
    for (JsonNode f : manifest.get("files")) {
      assertThat(sha256(out.resolve(f.get("path").asText()))).isEqualTo(f.get("sha256").asText());
    }
    assertThat(manifest.get("synthetic").asBoolean()).isTrue();
    assertThat(manifest.get("seed").asLong()).isEqualTo(SEED);
  }

  @Test
  void everyFileIsLabelledSynthetic() throws IOException {
    String note = "SYNTHETIC sample data (lcp sample, seed 42) — not real";
    assertThat(Files.readString(out.resolve("README.md"))).startsWith("SYNTHETIC SAMPLE DATA");
    for (String json :
        List.of(
            "poi/amap_jincheng_place_api.json",
            "poi/osm_jincheng.geojson",
            "sample_manifest.json")) {
      assertThat(new ObjectMapper().readTree(out.resolve(json).toFile()).get("lcp_note").asText())
          .startsWith(note);
    }
    for (String csv :
        List.of(
            "poi/amap_jincheng_utf8.csv",
            "poi/amap_jincheng_lnglat.csv",
            "poi/amap_jincheng_bench.csv",
            "facilities.csv",
            "census.csv",
            "statistics.csv")) {
      assertThat(SampleFixture.header(out.resolve(csv), StandardCharsets.UTF_8))
          .as(csv)
          .last()
          .isEqualTo("data_note");
      for (List<String> r : SampleFixture.records(out.resolve(csv), StandardCharsets.UTF_8, "\n")) {
        assertThat(r.get(r.size() - 1)).as(csv).matches("\\Q" + note + "\\E|real figure from .+");
      }
    }
  }

  @Test
  void yangchengRealFacilitiesKeepNamesAndCapacities() {
    List<List<String>> rows =
        SampleFixture.records(out.resolve("facilities.csv"), StandardCharsets.UTF_8, "\n");
    List<List<String>> real =
        rows.stream().filter(r -> r.get(13).startsWith("real figure")).toList();
    assertThat(real).hasSize(19 + 9 + 11 + 3 + 4);
    assertThat(real)
        .anySatisfy(
            r -> assertThat(r.subList(1, 5)).containsExactly("阳城县人民医院", "hospital", "560", "beds"));
    assertThat(real)
        .anySatisfy(
            r ->
                assertThat(r.subList(1, 5))
                    .containsExactly("实验小学", "primary_school", "2853", "pupils"));
    assertThat(real)
        .anySatisfy(
            r ->
                assertThat(r.subList(1, 5))
                    .containsExactly("上芹村老年人日间照料中心", "elderly_day_care", "32", "beds"));
    assertThat(real)
        .anySatisfy(
            r ->
                assertThat(r.subList(1, 5))
                    .containsExactly("阳城县凤城镇西关村社区老年服务中心", "elderly_care", "222", "beds"));
    for (List<String> r : real) {
      assertThat(r.get(10)).isEqualTo("140522");
      assertThat(r.get(12))
          .isEqualTo("synthetic placement in county seat; plan gives address only");
      assertThat(r.get(11)).startsWith("seed 000 附表");
      assertThat(
              distanceM(
                  Double.parseDouble(r.get(7)), Double.parseDouble(r.get(8)), 112.415, 35.486))
          .isLessThan(6_000);
    }
    assertThat(rows.stream().filter(r -> r.get(3).isEmpty()).map(r -> r.get(1)))
        .containsExactly("阳城惠泽口腔医院");
    // 附表4's 护理型床位数: 100 of 222 and 20 of 20; 岳庄老年公寓 leaves it empty; day-care centres have none
    assertThat(real)
        .anySatisfy(
            r ->
                assertThat(r.subList(1, 6))
                    .containsExactly("阳城县凤城镇西关村社区老年服务中心", "elderly_care", "222", "beds", "100"));
    assertThat(real)
        .anySatisfy(
            r ->
                assertThat(r.subList(1, 6))
                    .containsExactly("阳城县岳庄老年公寓", "elderly_care", "102", "beds", ""));
    assertThat(real)
        .filteredOn(r -> r.get(2).equals("elderly_day_care"))
        .allSatisfy(r -> assertThat(r.get(5)).isEmpty());
    // the plan's address is prefixed once: 阳城县滨河西路1509号, not 阳城县阳城县
    assertThat(real).anySatisfy(r -> assertThat(r.get(6)).isEqualTo("山西省晋城市阳城县滨河西路1509号"));
    assertThat(real).noneSatisfy(r -> assertThat(r.get(6)).contains("阳城县阳城县"));
    // synthetic elderly-care rows carry synthetic nursing beds within their capacity
    assertThat(rows)
        .filteredOn(r -> r.get(2).equals("elderly_care") && !r.get(13).startsWith("real figure"))
        .isNotEmpty()
        .allSatisfy(
            r -> assertThat(Integer.parseInt(r.get(5))).isBetween(0, Integer.parseInt(r.get(3))));
  }

  @Test
  void benchFileHasTheRequestedRowsAndCountedMess() {
    List<List<String>> rows =
        SampleFixture.records(
            out.resolve("poi/amap_jincheng_bench.csv"), StandardCharsets.UTF_8, "\n");
    assertThat(rows).hasSize(5_000);
    Map<String, Long> recount = new TreeMap<>();
    classify(rows, recount, new ArrayList<>());
    JsonNode counts = fileEntry("poi/amap_jincheng_bench.csv").get("counts");
    for (MessKind k : MessKind.values()) {
      assertThat(recount.getOrDefault(k.key, 0L)).as(k.key).isEqualTo(counts.get(k.key).asLong());
    }
  }

  private static JsonNode fileEntry(String rel) {
    for (JsonNode f : manifest.get("files")) {
      if (f.get("path").asText().equals(rel)) {
        return f;
      }
    }
    throw new AssertionError("no manifest entry for " + rel);
  }

  private record Valid(String name, String category, String county, double lng, double lat) {}

  /** Valid, de-duplicated POIs of all Amap files (CSV, lng/lat CSV, place-API JSON), WGS84. */
  private static List<Valid> validPois() {
    List<Valid> valid = new ArrayList<>();
    classify(
        SampleFixture.records(
            out.resolve("poi/amap_jincheng_utf8.csv"), StandardCharsets.UTF_8, "\n"),
        new TreeMap<>(),
        valid);
    classify(
        SampleFixture.records(out.resolve("poi/amap_jincheng_gbk.csv"), GBK, "\r\n"),
        new TreeMap<>(),
        valid);
    List<List<String>> lnglat = new ArrayList<>();
    for (List<String> r :
        SampleFixture.records(
            out.resolve("poi/amap_jincheng_lnglat.csv"), StandardCharsets.UTF_8, "\n")) {
      List<String> asAmap = new ArrayList<>(r.subList(0, 5));
      asAmap.add(r.get(5) + "," + r.get(6));
      asAmap.addAll(r.subList(7, 12));
      lnglat.add(asAmap);
    }
    try {
      for (JsonNode p :
          new ObjectMapper()
              .readTree(out.resolve("poi/amap_jincheng_place_api.json").toFile())
              .get("pois")) {
        lnglat.add(
            List.of(
                p.get("id").asText(),
                p.get("name").asText(),
                p.get("type").asText(),
                p.get("typecode").asText(),
                p.get("address").asText(),
                p.get("location").asText(),
                p.get("pname").asText(),
                p.get("cityname").asText(),
                p.get("adname").asText(),
                p.get("adcode").asText(),
                "json"));
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    Map<String, Long> counts = new TreeMap<>();
    classify(lnglat, counts, valid);
    assertThat(counts.keySet()).containsExactly("valid");
    return valid;
  }

  /**
   * Independent quarantine rules: wrong column count, blank name, unknown typecode, bad coordinate
   * (empty, non-numeric, 0,0, latitude first, outside Shanxi's bounding box), then duplicates (same
   * name and typecode within 10 m of an earlier row).
   */
  private static void classify(
      List<List<String>> rows, Map<String, Long> counts, List<Valid> valid) {
    Map<String, List<double[]>> seen = new HashMap<>();
    CoordinateShift shift = CoordinateShift.gcj02();
    double[] wgs = new double[2];
    for (List<String> r : rows) {
      String reason = null;
      String category = null;
      double lng = 0;
      double lat = 0;
      if (r.size() != 11) {
        reason = "wrong_column_count";
      } else if (r.get(1).isBlank()) {
        reason = "blank_name";
      } else {
        String first = r.get(3).split("\\|")[0];
        category =
            PREFIX_TO_CATEGORY.entrySet().stream()
                .filter(e -> first.startsWith(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
        String loc = r.get(5);
        String[] parts = loc.split(",");
        if (category == null) {
          reason = "unknown_typecode";
        } else if (loc.isEmpty()) {
          reason = "bad_coordinate_empty";
        } else if (parts.length != 2
            || !parts[0].matches("-?\\d+(\\.\\d+)?")
            || !parts[1].matches("-?\\d+(\\.\\d+)?")) {
          reason = "bad_coordinate_non_numeric";
        } else {
          lng = Double.parseDouble(parts[0]);
          lat = Double.parseDouble(parts[1]);
          if (lng == 0 && lat == 0) {
            reason = "bad_coordinate_zero";
          } else if (lng < 90 && lat > 90) {
            reason = "bad_coordinate_swapped";
          } else if (lng < 110.2 || lng > 114.6 || lat < 34.5 || lat > 40.8) {
            reason = "bad_coordinate_outside_shanxi";
          }
        }
      }
      if (reason == null) {
        shift.unshift(lng, lat, wgs);
        List<double[]> same =
            seen.computeIfAbsent(r.get(1) + "|" + r.get(3), k -> new ArrayList<>());
        for (double[] s : same) {
          if (distanceM(s[0], s[1], wgs[0], wgs[1]) < 10) {
            reason = "duplicate";
          }
        }
        if (reason == null) {
          same.add(new double[] {wgs[0], wgs[1]});
          valid.add(new Valid(r.get(1), category, r.get(9), wgs[0], wgs[1]));
          reason = "valid";
        }
      }
      counts.merge(reason, 1L, Long::sum);
    }
  }

  private static double distanceM(double lng1, double lat1, double lng2, double lat2) {
    double dx = (lng2 - lng1) * 111_320 * Math.cos(Math.toRadians((lat1 + lat2) / 2));
    double dy = (lat2 - lat1) * 111_320;
    return Math.hypot(dx, dy);
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** SHA-256 computed here, independently of the generator's own helper. */
  private static String sha256(java.nio.file.Path file) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(java.nio.file.Files.readAllBytes(file)));
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
