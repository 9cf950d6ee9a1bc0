package org.livingcircle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridCoverageFactory;
import org.geotools.gce.geotiff.GeoTiffWriter;
import org.geotools.geometry.jts.ReferencedEnvelope;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.livingcircle.RepoPaths;
import org.livingcircle.spark.SparkTestSession;

/**
 * Every whole-file fault of the "Done when" list, run through {@code lcp ingest} as an
 * operator would: exactly one stderr line naming the file and the problem (and nothing from Spark's
 * loggers, which write to the same stderr), a non-zero exit, and the previous output untouched.
 */
class IngestFaultsIT {
  static final Path FIXTURE = RepoPaths.testResource("ingest/messy");
  static final Path CITY = RepoPaths.testResource("ingest/testcity.yaml");
  static final String PREVIOUS = "{\"previous\": \"output of an earlier run\"}\n";

  /** A fault: how to break a copy of the fixture, and what the line must say. */
  enum Fault {
    ZERO_BYTE_CSV("poi/amap_test_utf8.csv", "the file is empty (0 bytes)"),
    BINARY_FILE(
        "poi/amap_test_utf8.csv",
        "a ZIP archive or Excel workbook (.xlsx), not text; save the sheet as CSV"),
    MISSING_COLUMN("poi/amap_test_utf8.csv", "header has no 'name' column (line 1)"),
    AMAP_ERROR_JSON(
        "poi/amap_test_place_api.json",
        "Amap error response (status 0, info INVALID_USER_KEY), no 'pois' array"),
    TRUNCATED_JSON("poi/amap_test_place_api.json", "JSON ends early at line"),
    NOT_A_FEATURE_COLLECTION(
        "poi/osm_test.geojson", "not a GeoJSON FeatureCollection (type Feature)"),
    MISSING_CENSUS("census.csv", "no such file"),
    CENSUS_WITHOUT_HEADER(
        "census.csv",
        "header has no 'admin_code' column (line 1); the first line must name the columns"),
    UNREADABLE_RASTER("population.tif", "not a readable GeoTIFF");

    final String file;
    final String problem;

    Fault(String file, String problem) {
      this.file = file;
      this.problem = problem;
    }
  }

  @TempDir static Path tmp;
  private static final PrintStream REAL_ERR = System.err;

  @BeforeAll
  static void startSpark() {
    SparkTestSession.get(); // the command reuses it; its start-up is not what is tested
  }

  @AfterAll
  static void restore() {
    System.setErr(REAL_ERR);
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void faultPrintsOneLineExitsNonZeroAndKeepsThePreviousOutput(Fault fault) throws IOException {
    Path dir = Files.createDirectory(tmp.resolve(fault.name().toLowerCase()));
    Path input = dir.resolve("in");
    RepoPaths.copyTree(FIXTURE, input);
    Path config = dir.resolve("city.yaml");
    Files.writeString(
        config,
        Files.readString(CITY)
            .replace("population_raster: null", "population_raster: population.tif"));
    Files.write(input.resolve("population.tif"), validLookingTiffHeaderOnly());
    Path file = input.resolve(fault.file);
    switch (fault) {
      case ZERO_BYTE_CSV -> Files.write(file, new byte[0]);
      case BINARY_FILE ->
          Files.write(
              file, new byte[] {0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00});
      case MISSING_COLUMN -> Files.writeString(file, "id,title,location\n1,x,\"112.8,35.5\"\n");
      case AMAP_ERROR_JSON ->
          Files.writeString(
              file, "{\"status\":\"0\",\"info\":\"INVALID_USER_KEY\",\"infocode\":\"10001\"}");
      case TRUNCATED_JSON -> {
        String json = Files.readString(file);
        Files.writeString(file, json.substring(0, json.length() / 2));
      }
      case NOT_A_FEATURE_COLLECTION ->
          Files.writeString(
              file,
              "{\"type\":\"Feature\",\"properties\":{\"name\":\"城区药店\",\"amenity\":\"pharmacy\"},"
                  + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[112.85,35.49]}}");
      case MISSING_CENSUS -> Files.delete(file);
      case CENSUS_WITHOUT_HEADER -> {
        List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.subList(1, lines.size()));
      }
      case UNREADABLE_RASTER ->
          Files.write(
              file,
              "SYNTHETIC: not a GeoTIFF, a text file named .tif\n"
                  .getBytes(StandardCharsets.UTF_8));
    }
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("manifest.json"), PREVIOUS);

    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
    int exit;
    System.setErr(err); // Spark's loggers write to System.err: the operator sees both on one stream
    try {
      exit =
          Lcp.run(
              new PrintStream(stdout, true, StandardCharsets.UTF_8),
              err,
              "ingest",
              "--config",
              config.toString(),
              "--input",
              input.toString(),
              "--out",
              out.toString());
    } finally {
      System.setErr(REAL_ERR);
    }

    List<String> lines = stderr.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).as(fault.name()).hasSize(1);
    assertThat(lines.get(0))
        .startsWith("lcp: Cannot read ")
        .contains(file.getFileName().toString())
        .contains(fault.problem);
    assertThat(exit).isEqualTo(1);
    assertThat(Files.readString(out.resolve("manifest.json"))).isEqualTo(PREVIOUS);
    try (Stream<Path> files = Files.list(out);
        Stream<Path> siblings = Files.list(dir)) {
      assertThat(files).containsExactly(out.resolve("manifest.json"));
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("in", "out", "city.yaml");
    }
  }

  /**
   * A real GeoTIFF (2 × 2 pixels near Yangcheng, WGS84), so that only the UNREADABLE_RASTER case
   * fails on the raster.
   */
  private static byte[] validLookingTiffHeaderOnly() throws IOException {
    Path tiff = tmp.resolve("population-ok.tif");
    if (!Files.exists(tiff)) {
      try {
        ReferencedEnvelope envelope =
            new ReferencedEnvelope(112.40, 112.42, 35.47, 35.49, CRS.decode("EPSG:4326", true));
        GridCoverage2D coverage =
            new GridCoverageFactory()
                .create("population", new float[][] {{1, 2}, {3, 4}}, envelope);
        GeoTiffWriter writer = new GeoTiffWriter(tiff.toFile());
        writer.write(coverage, null);
        writer.dispose();
      } catch (org.geotools.api.referencing.FactoryException e) {
        throw new IllegalStateException(e);
      }
    }
    return Files.readAllBytes(tiff);
  }
}
