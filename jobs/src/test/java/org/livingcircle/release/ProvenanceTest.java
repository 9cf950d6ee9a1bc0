package org.livingcircle.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.common.CityLayout;
import org.livingcircle.common.Stage;

class ProvenanceTest {
  @TempDir Path tmp;
  Path city;
  Path comparison;
  Path config;

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @BeforeEach
  void files() throws Exception {
    city = tmp.resolve("jincheng");
    Path manifest = CityLayout.of(city).manifest(Stage.INGEST);
    Files.createDirectories(manifest.getParent());
    Files.writeString(
        manifest,
        "{\"stage\":\"ingest\",\"inputs\":{\"poi:a.csv\":{\"sha256\":\"aa\"},\"census\":{\"sha256\":\"cc\"}}}");
    comparison = Files.writeString(tmp.resolve("comparison.csv"), "x\n");
    config = Files.writeString(tmp.resolve("release.yaml"), "id: r\n");
  }

  @Test
  void versionIsTheDateAndAHashOverTheSortedInputFacts() throws Exception {
    String version =
        Provenance.version(
            Map.of("jincheng", city), comparison, List.of(config), LocalDate.of(2026, 1, 31));

    // sorted keys: comparison.csv, jincheng/ingest/census, jincheng/ingest/poi:a.csv, release.yaml
    String lines =
        "comparison.csv="
            + sha256("x\n")
            + "\n"
            + "jincheng/ingest/census=cc\n"
            + "jincheng/ingest/poi:a.csv=aa\n"
            + "release.yaml="
            + sha256("id: r\n")
            + "\n";
    assertThat(version).isEqualTo("20260131-" + sha256(lines).substring(0, 8));
  }

  @Test
  void versionChangesWithAnyInput() throws Exception {
    LocalDate day = LocalDate.of(2026, 1, 31);
    String before = Provenance.version(Map.of("jincheng", city), comparison, List.of(config), day);
    Files.writeString(config, "id: other\n");

    assertThat(Provenance.version(Map.of("jincheng", city), comparison, List.of(config), day))
        .isNotEqualTo(before);
  }

  @Test
  void provenanceHoldsTheManifestsAndTheirCopies() throws Exception {
    Path release = Files.createDirectories(tmp.resolve("release"));

    Provenance.write(
        release,
        "v1",
        Instant.parse("2026-01-31T08:00:00Z"),
        Map.of("jincheng", city),
        List.of(config));

    JsonNode p = new ObjectMapper().readTree(release.resolve("provenance.json").toFile());
    assertThat(p.path("release").asText()).isEqualTo("v1");
    assertThat(p.path("created_at").asText()).isEqualTo("2026-01-31T08:00:00Z");
    assertThat(p.path("configuration_sha256").path("release.yaml").asText())
        .isEqualTo(sha256("id: r\n"));
    assertThat(
            p.path("manifests")
                .path("jincheng/ingest")
                .path("inputs")
                .path("census")
                .path("sha256")
                .asText())
        .isEqualTo("cc");
    assertThat(p.path("manifests").size()).isEqualTo(1);
    assertThat(Files.readString(release.resolve("provenance/jincheng/ingest.manifest.json")))
        .isEqualTo(Files.readString(CityLayout.of(city).manifest(Stage.INGEST)));
  }
}
