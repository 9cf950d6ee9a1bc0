package org.livingcircle.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.RepoPaths;
import org.livingcircle.common.InputException;
import org.livingcircle.config.Categories;
import org.livingcircle.config.CityConfig;
import org.livingcircle.pipeline.StageSpecs;
import org.livingcircle.spark.SparkTestSession;

/** End-to-end ingest of the hand-made messy fixture: one row per quarantine reason. */
class IngestIT {
  static final Path FIXTURE = RepoPaths.testResource("ingest/messy");
  static final Path CITY = RepoPaths.testResource("ingest/testcity.yaml");

  @TempDir static Path tmp;
  static IngestJob.Result result;
  static SparkSession spark;

  @BeforeAll
  static void ingest() {
    spark = SparkTestSession.get();
    result =
        IngestJob.run(
            spark, spec(FIXTURE, tmp.resolve("out")), new PrintStream(new ByteArrayOutputStream()));
  }

  static IngestJob.Spec spec(Path input, Path out) {
    return StageSpecs.ingest(
        CityConfig.load(CITY),
        Categories.load(RepoPaths.of("conf/categories.yaml")),
        CITY,
        input,
        out);
  }

  private static Map<String, Long> reasons(String table, String file) {
    for (IngestReport.FileCounts f : result.report().files()) {
      if (f.table.equals(table) && f.file.equals(file)) {
        return new TreeMap<>(f.quarantined);
      }
    }
    throw new AssertionError("no counts for " + table + " " + file);
  }

  private static IngestReport.FileCounts counts(String table, String file) {
    return result.report().files().stream()
        .filter(f -> f.table.equals(table) && f.file.equals(file))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void utf8FileWithBomHasOneRowPerReason() {
    IngestReport.FileCounts c = counts("poi", "poi/amap_test_utf8.csv");
    assertThat(c.read).isEqualTo(15);
    assertThat(c.accepted).isEqualTo(5);
    assertThat(reasons("poi", "poi/amap_test_utf8.csv"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "duplicate",
                1L,
                "missing_name",
                1L,
                "missing_coordinates",
                1L,
                "bad_coordinates",
                2L,
                "swapped_coordinates",
                1L,
                "outside_region",
                1L,
                "unknown_category",
                1L,
                "malformed_row",
                1L,
                "outside_study_area",
                1L));
  }

  @Test
  void typecodesNotInTheOfficialTableAreCounted() throws IOException {
    // B011 carries 999999, which the Amap table V1.06 does not have (quarantined:
    // unknown_category); B015's
    // "999999|060200" holds a real code and is not counted; the OSM and GBK rows carry known codes
    // or none
    assertThat(result.report().unknownTypecodeRows()).isEqualTo(1);
    com.fasterxml.jackson.databind.JsonNode json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(result.outDir().resolve("ingest_report.json").toFile())
            .path("typecodes_not_in_amap_table");
    assertThat(json.path("table").asText()).isEqualTo("amap_poi_codes_v1.06.csv");
    assertThat(json.path("rows").asLong()).isEqualTo(1);
    assertThat(json.path("by_file").path("poi/amap_test_utf8.csv").path("999999").asLong())
        .isEqualTo(1);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    result.report().print(new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains(
            "[ingest] poi: 1 rows carry a typecode not in the Amap code table amap_poi_codes_v1.06.csv (999999 \u00d71)");
  }

  @Test
  void gbkFileWithChineseHeadersAndLngLatColumns() {
    IngestReport.FileCounts c = counts("poi", "poi/amap_test_gbk.csv");
    assertThat(c.read).isEqualTo(3);
    assertThat(c.accepted).isEqualTo(2);
    assertThat(reasons("poi", "poi/amap_test_gbk.csv"))
        .containsExactlyEntriesOf(Map.of("bad_coordinates", 1L));
  }

  @Test
  void placeApiJsonAndGeoJson() {
    assertThat(counts("poi", "poi/amap_test_place_api.json").accepted).isEqualTo(1);
    assertThat(reasons("poi", "poi/amap_test_place_api.json"))
        .containsExactlyEntriesOf(Map.of("missing_coordinates", 1L));
    assertThat(counts("poi", "poi/osm_test.geojson").accepted).isEqualTo(1);
    assertThat(reasons("poi", "poi/osm_test.geojson"))
        .containsExactlyEntriesOf(Map.of("unknown_category", 1L));
  }

  @Test
  void facilitiesCensusAndStatistics() {
    assertThat(counts("facilities", "facilities.csv").accepted).isEqualTo(2);
    assertThat(reasons("facilities", "facilities.csv"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("schema_violation", 1L, "unknown_category", 1L));
    assertThat(counts("census", "census.csv").accepted).isEqualTo(4);
    assertThat(reasons("census", "census.csv"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("unknown_admin_code", 1L, "schema_violation", 1L, "duplicate_key", 1L));
    assertThat(counts("statistics", "statistics.csv").accepted).isEqualTo(2);
  }

  @Test
  void everyFileReconciles() {
    assertThat(result.report().files())
        .allSatisfy(f -> assertThat(f.read).isEqualTo(f.accepted + f.quarantinedTotal()));
  }

  @Test
  void acceptedRowsAreWrittenWithCountyCodesInWgs84() {
    Path out = result.outDir();
    List<Row> poi =
        spark
            .read()
            .format("geoparquet")
            .load(out.resolve("poi").toString())
            .selectExpr(
                "poi_id",
                "category",
                "county_code",
                "ST_X(geometry)",
                "ST_Y(geometry)",
                "source_lng")
            .orderBy("poi_id")
            .collectAsList();
    assertThat(poi)
        .extracting(r -> r.getString(0))
        .containsExactly(
            "B001",
            "B003",
            "B004",
            "B014",
            "B015",
            "B0FF000001",
            "amap_test_gbk.csv#2",
            "amap_test_gbk.csv#3",
            "n1001");
    Row b001 = poi.get(0);
    assertThat(b001.getString(1)).isEqualTo("convenience_store");
    assertThat(b001.getString(2)).isEqualTo("140502");
    // GCJ-02 near Jincheng lies 0.005-0.007 degrees east of WGS84
    assertThat(b001.getDouble(5) - b001.getDouble(3)).isBetween(0.004, 0.008);
    assertThat(poi.get(7).getString(1)).isEqualTo("park");
    assertThat(poi.get(7).getString(2)).isEqualTo("140522");
    assertThat(poi.get(8).getString(1)).isEqualTo("pharmacy");
    // OSM GeoJSON is WGS84 already: no shift
    assertThat(poi.get(8).getDouble(3)).isEqualTo(poi.get(8).getDouble(5));
  }

  @Test
  void quarantineFileKeepsTheOriginalLineAndReason() throws IOException {
    List<String> lines =
        Files.readAllLines(result.outDir().resolve("quarantine/poi.csv"), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(1 + 13);
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("\"poi/amap_test_utf8.csv\",13,malformed_row,")
                    .contains("B012,字段太少"));
    assertThat(lines)
        .anySatisfy(l -> assertThat(l).contains(",3,duplicate,\"same name and category as B001"));
  }

  @Test
  void outputCarriesManifestWithInputHashes() throws IOException {
    String manifest = Files.readString(result.outDir().resolve("manifest.json"));
    assertThat(manifest).contains("\"sha256\"", "poi:poi/amap_test_gbk.csv", "\"geometry_types\"");
  }

  @Test
  void missingFileStopsWithOneLineAndLeavesNoOutput(@TempDir Path dir) throws IOException {
    Path input = dir.resolve("in");
    RepoPaths.copyTree(FIXTURE, input);
    Files.delete(input.resolve("census.csv"));
    Path out = dir.resolve("out");
    assertThatThrownBy(() -> IngestJob.run(spark, spec(input, out), System.out))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "Cannot read "
                + input.toAbsolutePath().normalize().resolve("census.csv")
                + ": no such file");
    assertThat(out).doesNotExist();
    try (var siblings = Files.list(dir)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("in");
    }
  }

  @Test
  void wrongColumnsStopTheRun(@TempDir Path dir) throws IOException {
    Path input = dir.resolve("in");
    RepoPaths.copyTree(FIXTURE, input);
    Files.writeString(
        input.resolve("poi/amap_test_utf8.csv"), "id,title,location\n1,x,\"112.8,35.5\"\n");
    assertThatThrownBy(() -> IngestJob.run(spark, spec(input, dir.resolve("out")), System.out))
        .hasMessageContaining("amap_test_utf8.csv: header has no 'name' column (line 1)");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void undecodableFileStopsWithLineNumber(@TempDir Path dir) throws IOException {
    Path input = dir.resolve("in");
    RepoPaths.copyTree(FIXTURE, input);
    byte[] bad =
        "id,name,typecode,location\n1,ok,060200,\"112.8,35.5\"\n2,"
            .getBytes(StandardCharsets.UTF_8);
    byte[] withInvalid = new byte[bad.length + 2];
    System.arraycopy(bad, 0, withInvalid, 0, bad.length);
    withInvalid[bad.length] = (byte) 0xFF;
    withInvalid[bad.length + 1] = (byte) 0xFF;
    Files.write(input.resolve("poi/amap_test_utf8.csv"), withInvalid);
    assertThatThrownBy(() -> IngestJob.run(spark, spec(input, dir.resolve("out")), System.out))
        .hasMessageEndingWith(
            "amap_test_utf8.csv: neither UTF-8 nor GBK (line 3); set the file's encoding in the city configuration");
  }
}
