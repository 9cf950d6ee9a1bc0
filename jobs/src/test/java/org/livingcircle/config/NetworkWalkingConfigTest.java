package org.livingcircle.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.RepoPaths;
import org.livingcircle.common.ConfigException;

/**
 * The network-walking keys of a city file (contracts §5), on copies of conf/cities/jincheng.yaml.
 */
class NetworkWalkingConfigTest {
  @TempDir Path dir;

  /**
   * jincheng.yaml without its street extract, with {@code walkingLines} added under {@code
   * walking:} and {@code dataLines} under {@code data:}.
   */
  private Path city(String walkingLines, String dataLines) throws IOException {
    String yaml = Files.readString(RepoPaths.of("conf/cities/jincheng.yaml"));
    assertThat(yaml).contains("\nwalking:\n").contains("\ndata:\n").contains("\n  osm_pbf: ");
    yaml = yaml.replaceAll("\n  osm_pbf(_source)?: [^\n]*", "");
    yaml =
        yaml.replace("\nwalking:\n", "\nwalking:\n" + walkingLines)
            .replace("\ndata:\n", "\ndata:\n" + dataLines);
    Path file = dir.resolve("jincheng.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void withoutAnExtractTheModelIsStraightLineWithNetworkDefaults() throws IOException {
    CityConfig.Walking w = CityConfig.load(city("", "")).walking();

    assertThat(w.kind()).isEqualTo(WalkModel.Kind.STRAIGHT_LINE);
    assertThat(w.isNetwork()).isFalse();
    assertThat(w.linkRadiusM()).isEqualTo(500.0);
    assertThat(w.unlinked()).isEqualTo(CityConfig.Unlinked.STRAIGHT_LINE);
    assertThat(w.privateWays()).isEqualTo(CityConfig.PrivateWays.COMPOUND);
    assertThat(w.minComponentEdges()).isEqualTo(40);
  }

  @Test
  void anExtractMakesTheNetworkTheDefault() throws IOException {
    CityConfig city = CityConfig.load(city("", "  osm_pbf: streets.osm.pbf\n"));

    assertThat(city.walking().kind()).isEqualTo(WalkModel.Kind.NETWORK);
    assertThat(city.data().osmPbf()).isEqualTo("streets.osm.pbf");
    assertThat(city.data().hasOsmPbf()).isTrue();
  }

  @Test
  void explicitValuesAreKept() throws IOException {
    CityConfig city =
        CityConfig.load(
            city(
                """
          model: straight_line
          model_source: "test"
          link_radius_m: 250
          link_radius_m_source: "test"
          unlinked: none
          unlinked_source: "test"
          private_ways: blocked
          private_ways_source: "test"
          min_component_edges: 7
          min_component_edges_source: "test"
        """,
                "  osm_pbf: streets.osm.pbf\n"));

    CityConfig.Walking w = city.walking();
    assertThat(w.kind()).isEqualTo(WalkModel.Kind.STRAIGHT_LINE);
    assertThat(w.linkRadiusM()).isEqualTo(250.0);
    assertThat(w.unlinked()).isEqualTo(CityConfig.Unlinked.NONE);
    assertThat(w.privateWays()).isEqualTo(CityConfig.PrivateWays.BLOCKED);
    assertThat(w.minComponentEdges()).isEqualTo(7);
    assertThat(city.withWalkingModel(WalkModel.Kind.NETWORK, Path.of("x.yaml")).walking().kind())
        .isEqualTo(WalkModel.Kind.NETWORK);
  }

  @Test
  void networkWithoutAnExtractNamesTheFileAndKey() throws IOException {
    Path file = city("  model: network\n", "");

    assertThatThrownBy(() -> CityConfig.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            file + ": /data/osm_pbf: Cannot use walking model network: no street extract")
        .hasMessageNotContaining("\n");
  }

  @Test
  void theFlagCannotAskForTheNetworkWithoutAnExtract() throws IOException {
    Path file = city("", "");
    CityConfig city = CityConfig.load(file);

    assertThatThrownBy(() -> city.withWalkingModel(WalkModel.Kind.NETWORK, file))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ": /data/osm_pbf: Cannot use walking model network");
    assertThat(city.withWalkingModel(WalkModel.Kind.STRAIGHT_LINE, file).walking().kind())
        .isEqualTo(WalkModel.Kind.STRAIGHT_LINE);
  }

  @Test
  void badValuesAreRefusedWithTheirPointer() throws IOException {
    Path model = city("  model: streets\n", "");
    assertThatThrownBy(() -> CityConfig.load(model))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("/walking/model");
    Path radius = city("  link_radius_m: 0\n", "");
    assertThatThrownBy(() -> CityConfig.load(radius))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("/walking/link_radius_m");
    Path unlinked = city("  unlinked: nearest\n", "");
    assertThatThrownBy(() -> CityConfig.load(unlinked))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("/walking/unlinked");
    Path privateWays = city("  private_ways: open\n", "");
    assertThatThrownBy(() -> CityConfig.load(privateWays))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("/walking/private_ways");
    Path edges = city("  min_component_edges: 0\n", "");
    assertThatThrownBy(() -> CityConfig.load(edges))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("/walking/min_component_edges");
    Path pbf = city("", "  osm_pbf: \"\"\n");
    assertThatThrownBy(() -> CityConfig.load(pbf))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("/data/osm_pbf");
  }
}
