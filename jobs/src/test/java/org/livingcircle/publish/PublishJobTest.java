package org.livingcircle.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.RepoPaths;
import org.livingcircle.common.ConfigException;
import org.livingcircle.config.PublishConfig;
import org.livingcircle.publish.geoserver.SldStyles;
import org.livingcircle.publish.geoserver.StyleClasses;
import org.livingcircle.publish.geoserver.StyleSpec;

/** conf/publish.yaml, its styles, and the PostGIS geometry type chosen from GeoParquet footers. */
class PublishJobTest {
  @TempDir Path tmp;

  @Test
  void shippedConfigurationLoadsWithGeoServerOffAndEveryTableStyled() {
    PublishConfig config = PublishConfig.load(RepoPaths.of("conf/publish.yaml"));

    assertThat(config.geoserver().enabled()).isFalse();
    assertThat(config.postgis().liveSchema("jincheng")).isEqualTo("lcp_jincheng");
    assertThat(config.postgis().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/lcp_test");
    assertThat(config.tables().keySet())
        .containsExactlyInAnyOrder(
            "grid_indicators",
            "compound_indicators",
            "admin_indicators",
            "gap_cells",
            "facilities",
            "suggestions");
    assertThat(config.tables().get("grid_indicators").style()).isEqualTo("walk_time_min");
  }

  @Test
  void stylesBecomeClassesWithTheConfiguredBreaks() {
    PublishConfig config = PublishConfig.load(RepoPaths.of("conf/publish.yaml"));

    StyleSpec walk = PublishJob.style("walk_time_min", config.styles().get("walk_time_min"));
    StyleSpec completeness = PublishJob.style("completeness", config.styles().get("completeness"));

    assertThat(walk.classes())
        .isInstanceOfSatisfying(
            StyleClasses.Graduated.class,
            g -> {
              assertThat(g.property()).isEqualTo("proximity_min");
              assertThat(g.breaks()).containsExactly(5.0, 10.0, 15.0);
            });
    assertThat(SldStyles.sld(walk)).contains("<Title>5–10 min</Title>", "<Title>≥ 15 min</Title>");
    assertThat(SldStyles.sld(completeness))
        .contains(
            "<ogc:PropertyName>basic_complete_10min</ogc:PropertyName>"
                + "<ogc:Literal>true</ogc:Literal>");
  }

  @Test
  void aPasswordKeyIsRefusedWithFileAndPointer() throws IOException {
    Path file = tmp.resolve("publish.yaml");
    Files.writeString(
        file,
        Files.readString(RepoPaths.of("conf/publish.yaml"))
            .replace("  user: lcp\n", "  user: lcp\n  password: secret\n"));

    assertThatThrownBy(() -> PublishConfig.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": /postgis: unknown key password");
  }

  @Test
  void geometryTypeFollowsTheFooters() {
    assertThat(CityRelease.geometryType(Set.of("Polygon"), "Point")).isEqualTo("Polygon");
    assertThat(CityRelease.geometryType(Set.of("Polygon", "MultiPolygon"), "Point"))
        .isEqualTo("MultiPolygon");
    assertThat(CityRelease.geometryType(Set.of("Point", "MultiPoint"), "Polygon"))
        .isEqualTo("MultiPoint");
    assertThat(CityRelease.geometryType(Set.of("Point", "Polygon"), "Point")).isEqualTo("Geometry");
    assertThat(CityRelease.geometryType(Set.of("Polygon Z"), "Polygon")).isEqualTo("Geometry");
    assertThat(CityRelease.geometryType(Set.of(), "MultiPolygon")).isEqualTo("MultiPolygon");
    assertThat(CityRelease.geometryType(Set.of("Polygon"), "MultiPolygon"))
        .isEqualTo("MultiPolygon");
    assertThat(CityRelease.geometryType(Set.of("Point"), "MultiPolygon")).isEqualTo("Point");
  }
}
