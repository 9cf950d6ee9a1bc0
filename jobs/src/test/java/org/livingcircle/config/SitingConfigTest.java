package org.livingcircle.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.RepoPaths;
import org.livingcircle.common.ConfigException;

class SitingConfigTest {
  @TempDir Path tmp;

  private Path shippedWith(String from, String to) throws IOException {
    String text = Files.readString(RepoPaths.of("conf/siting.yaml"), StandardCharsets.UTF_8);
    assertThat(text).contains(from);
    Path file = tmp.resolve("siting.yaml");
    Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void shippedFileLoads() {
    SitingConfig c = SitingConfig.load(RepoPaths.of("conf/siting.yaml"));
    assertThat(c.budgetSites()).isEqualTo(60);
    assertThat(c.candidates()).isEqualTo("cells");
    assertThat(c.modulePlaces())
        .containsEntry("nursery_places", 30.0)
        .containsKeys("elderly_beds", "kindergarten_places");
  }

  @Test
  void everyNumberNeedsItsSource() throws IOException {
    Path file = shippedWith("budget_sites_source:", "# budget_sites_source:");
    assertThatThrownBy(() -> SitingConfig.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": /: missing required key budget_sites_source");
  }

  @Test
  void badCandidatesAndSizesAreNamed() throws IOException {
    Path candidates = shippedWith("candidates: cells", "candidates: street_nodes");
    assertThatThrownBy(() -> SitingConfig.load(candidates))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(candidates + ": /candidates: ");
    Path size = shippedWith("nursery_places: 30", "nursery_places: 0");
    assertThatThrownBy(() -> SitingConfig.load(size))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(size + ": /module_places/nursery_places: ");
  }
}
