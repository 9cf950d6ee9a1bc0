package org.livingcircle.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.RepoPaths;
import org.livingcircle.common.CityLayout;
import org.livingcircle.common.InputException;
import org.livingcircle.config.CityConfig;

class NeighboursTest {
  private static final CityConfig JINCHENG =
      CityConfig.load(RepoPaths.of("conf/cities/jincheng.yaml"));

  @Test
  void neighbourOutputIsTheSamePathWithItsId() {
    assertThat(Neighbours.cityOutOf("jincheng", Path.of("/o/demo/jincheng"), "changzhi"))
        .isEqualTo(Path.of("/o/demo/changzhi"));
    // Airflow partitions: the id is not the last element
    assertThat(
            Neighbours.cityOutOf("jincheng", Path.of("/data/jincheng/dt=2026-01-01"), "changzhi"))
        .isEqualTo(Path.of("/data/changzhi/dt=2026-01-01"));
    // the last element equal to the id is replaced, not an earlier one
    assertThat(Neighbours.cityOutOf("jincheng", Path.of("/jincheng/runs/jincheng"), "changzhi"))
        .isEqualTo(Path.of("/jincheng/runs/changzhi"));
  }

  @Test
  void outputWithoutTheCityIdNeedsAnExplicitNeighbour() {
    assertThatThrownBy(() -> Neighbours.cityOutOf("jincheng", Path.of("/o/run1"), "changzhi"))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "Cannot find neighbour changzhi of jincheng: output directory /o/run1 has no path element 'jincheng' to"
                + " replace; pass --neighbour-out DIR or --no-neighbours");
  }

  @Test
  void configuredNeighboursAreFoundByTheRuleAndMustHoldAnIngest(@TempDir Path tmp)
      throws IOException {
    assertThat(JINCHENG.neighbours()).containsExactly("changzhi");
    CityLayout layout = CityLayout.of(tmp.resolve("jincheng"));

    assertThatThrownBy(() -> Neighbours.ingestDirs(JINCHENG, layout, List.of()))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "Cannot read neighbour facilities of jincheng: no ingest output in "
                + tmp.resolve("changzhi/ingest")
                + "; ingest that city first (same period), pass --neighbour-out DIR, or --no-neighbours");

    Files.createDirectories(tmp.resolve("changzhi/ingest"));
    Files.writeString(tmp.resolve("changzhi/ingest/manifest.json"), "{}");
    assertThat(Neighbours.ingestDirs(JINCHENG, layout, List.of()))
        .containsExactly(tmp.resolve("changzhi/ingest"));
  }

  @Test
  void explicitOutputsReplaceTheConfiguredOnes(@TempDir Path tmp) throws IOException {
    Files.createDirectories(tmp.resolve("elsewhere/ingest"));
    Files.writeString(tmp.resolve("elsewhere/ingest/manifest.json"), "{}");

    assertThat(
            Neighbours.ingestDirs(
                JINCHENG,
                CityLayout.of(tmp.resolve("jincheng")),
                List.of(tmp.resolve("elsewhere"))))
        .containsExactly(tmp.resolve("elsewhere/ingest"));
  }
}
