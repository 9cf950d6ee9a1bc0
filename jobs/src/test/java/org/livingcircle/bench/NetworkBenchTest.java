package org.livingcircle.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkBenchTest {
  @TempDir Path dir;

  @Test
  void variantsSetTheModelAndTheStreetExtractAndKeepEverythingElse() throws Exception {
    Path template = dir.resolve("city.yaml");
    Files.writeString(
        template,
        """
        id: somecity
        walking:
          speed_m_per_min: 80
          thresholds_min: [5, 10, 15]
        data:
          census: census.csv
        """);
    YAMLMapper yaml = new YAMLMapper();
    JsonNode network =
        yaml.readTree(
            NetworkBench.variant(template, NetworkBench.NETWORK, dir.resolve("out")).toFile());
    assertThat(network.path("walking").path("model").asText()).isEqualTo("network");
    assertThat(network.path("data").path("osm_pbf").asText()).isEqualTo(NetworkBench.STREETS_PBF);
    assertThat(network.path("data").path("census").asText()).isEqualTo("census.csv");
    assertThat(network.path("walking").path("thresholds_min").get(2).asInt()).isEqualTo(15);
    assertThat(network.path("id").asText()).isEqualTo("somecity");

    Path straightFile =
        NetworkBench.variant(template, NetworkBench.STRAIGHT_LINE, dir.resolve("out"));
    JsonNode straight = yaml.readTree(straightFile.toFile());
    assertThat(straight.path("walking").path("model").asText()).isEqualTo("straight_line");
    assertThat(straight.path("data").has("osm_pbf"))
        .as("the straight-line variant adds no street extract")
        .isFalse();
    assertThat(straightFile.getFileName().toString()).isEqualTo("city-straight_line.yaml");

    Files.writeString(template, Files.readString(template) + "  osm_pbf: other.osm.pbf\n");
    JsonNode own =
        yaml.readTree(
            NetworkBench.variant(template, NetworkBench.NETWORK, dir.resolve("out")).toFile());
    assertThat(own.path("data").path("osm_pbf").asText())
        .as("a configured extract is kept")
        .isEqualTo("other.osm.pbf");
  }

  @Test
  void splitMediansAreTakenPerTimingKey() {
    Map<String, Double> m =
        NetworkBench.medians(
            List.of(
                Map.of("parse", 1.0, "total", 9.0),
                Map.of("parse", 3.0, "total", 5.0),
                Map.of("parse", 2.0, "total", 7.0, "link", 4.0)));
    assertThat(m)
        .containsEntry("parse", 2.0)
        .containsEntry("total", 7.0)
        .containsEntry("link", 4.0);
  }
}
