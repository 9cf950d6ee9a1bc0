package org.livingcircle.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.RepoPaths;
import org.livingcircle.common.ConfigException;
import org.livingcircle.config.CityConfig;

class GridSpecTest {
  private static final GridSpec G250 = new GridSpec("EPSG:32649", 250);

  @Test
  void indexCentreAndIdByHand() {
    assertThat(G250.index(0)).isZero();
    assertThat(G250.index(249.999)).isZero();
    assertThat(G250.index(250)).isEqualTo(1);
    assertThat(G250.index(-0.001)).isEqualTo(-1);
    assertThat(G250.centre(2400)).isEqualTo(600_125.0);
    assertThat(G250.centre(-1)).isEqualTo(-125.0);
    // 25 << 56 | 3 << 28 | 5
    assertThat(G250.id(3, 5)).isEqualTo(25L * (1L << 56) + 3L * (1L << 28) + 5L);
    long id = G250.id(-7, 11);
    assertThat(GridSpec.sizeOf(id)).isEqualTo(250);
    assertThat(GridSpec.colOf(id)).isEqualTo(-7);
    assertThat(GridSpec.rowOf(id)).isEqualTo(11);
  }

  @Test
  void sqlFragmentsSayTheSameFormulas() {
    assertThat(G250.sqlIndex("ST_X(m)")).isEqualTo("CAST(floor(ST_X(m) / 250) AS BIGINT)");
    assertThat(G250.sqlCentre("c.col")).isEqualTo("(c.col + 0.5D) * 250");
    assertThat(G250.sqlHalfSize()).isEqualTo("250 / 2.0D");
  }

  @Test
  void sizeMustBeAMultipleOfTenInRange() {
    assertThatThrownBy(() -> new GridSpec("EPSG:32649", 125))
        .hasMessage("Cannot use cell_size_m 125: not a multiple of 10 in [50, 1000]");
    assertThatThrownBy(() -> new GridSpec("EPSG:32649", 40)).hasMessageContaining("cell_size_m 40");
    assertThatThrownBy(() -> new GridSpec("WGS84", 250))
        .hasMessage("Cannot use CRS WGS84: expected EPSG:<code>");
  }

  @Test
  void aCityWithCellsOf125MetresFailsAtConfigLoad(@TempDir Path dir) throws Exception {
    String text =
        Files.readString(RepoPaths.of("conf/cities/jincheng.yaml"))
            .replace("\ncell_size_m: 250\n", "\ncell_size_m: 125\n");
    Path file = Files.writeString(dir.resolve("jincheng.yaml"), text);

    assertThatThrownBy(() -> CityConfig.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ": /cell_size_m");
    assertThat(CityConfig.load(RepoPaths.of("conf/cities/jincheng.yaml")).gridSpec())
        .isEqualTo(G250);
  }
}
