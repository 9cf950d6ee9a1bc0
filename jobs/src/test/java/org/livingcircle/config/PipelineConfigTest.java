package org.livingcircle.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.RepoPaths;
import org.livingcircle.common.ConfigException;

class PipelineConfigTest {
  @Test
  void shippedStageOrder() {
    PipelineConfig p = PipelineConfig.load(RepoPaths.of("conf/pipeline.yaml"));

    assertThat(p.cityStages()).containsExactly("ingest", "grid", "access", "aggregate", "site");
    assertThat(p.afterIngest()).containsExactly("grid", "access", "aggregate", "site");
  }

  @Test
  void ingestMustComeFirstAndStagesAreKnown(@TempDir Path dir) throws Exception {
    Path late = Files.writeString(dir.resolve("late.yaml"), "city_stages: [grid, ingest]\n");
    Path unknown = Files.writeString(dir.resolve("unknown.yaml"), "city_stages: [ingest, gird]\n");

    assertThatThrownBy(() -> PipelineConfig.load(late))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(late + ": /city_stages/0");
    assertThatThrownBy(() -> PipelineConfig.load(unknown))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(unknown + ": /city_stages/1");
  }
}
