package org.livingcircle.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.livingcircle.RepoPaths;
import org.livingcircle.config.Categories;
import org.livingcircle.config.Tier;

class PortalCatalogTest {
  private static final ReleaseConfig CONFIG = ReleaseConfig.load(RepoPaths.of("conf/release.yaml"));
  private static final Categories CATEGORIES =
      Categories.load(RepoPaths.of("conf/categories.yaml"));
  private static final String PREFIX = "window.LCP_CATALOG = ";

  /**
   * Synthetic rows, one with a quoted name and a null, as the release holds them before writing the
   * CSV.
   */
  private static final Extracts ADMIN =
      new Extracts(
          List.of(
              "admin_code",
              "name",
              "share_15min_school",
              "share_own_school",
              "median_min_school",
              "per_1000_school"),
          List.of(
              Arrays.asList("140502", "城区, 晋城", 0.5, 0.75, 3.0, 1.25),
              Arrays.asList("140581", "高平", null, Double.NaN, 1.0, 2.0)));

  private static final Extracts COMPARISON =
      new Extracts(
          List.of("county_code", "target_id", "gap"),
          List.of(Arrays.asList(null, "t1", -0.125), Arrays.asList("140502", "t2", 2L)));

  private static JsonNode catalog(List<Metadata.Distribution> distributions) throws Exception {
    String script =
        PortalCatalog.script(
            CONFIG,
            "v1",
            "2026-01-01",
            distributions,
            CATEGORIES,
            List.of(Map.of("id", "jincheng")),
            COMPARISON,
            ADMIN);
    assertThat(script).startsWith(PREFIX).endsWith(";\n");
    return new ObjectMapper().readTree(script.substring(PREFIX.length(), script.length() - 2));
  }

  @Test
  void chartDataAreTheRowsAsCsvTextWithoutTheLeftOutColumns() throws Exception {
    JsonNode c = catalog(List.of());

    assertThat(c.path("comparison").toString())
        .isEqualTo(
            "[{\"county_code\":\"\",\"target_id\":\"t1\",\"gap\":\"-0.125\"},{\"county_code\":\"140502\",\"target_id\":\"t2\",\"gap\":\"2\"}]");
    assertThat(c.path("admin").toString())
        .isEqualTo(
            "[{\"admin_code\":\"140502\",\"name\":\"城区, 晋城\",\"share_own_school\":\"0.75\"},"
                + "{\"admin_code\":\"140581\",\"name\":\"高平\",\"share_own_school\":\"\"}]");
  }

  @Test
  void datasetsSumTheirFilesAndHeaderComesFromTheConfig() throws Exception {
    Metadata.Distribution d =
        new Metadata.Distribution(
            "x-csv",
            "X",
            "X rows",
            "text/csv",
            "CSV",
            "extracts/x.csv",
            List.of(
                new Metadata.FileFact("extracts/x.csv", 10, "aa"),
                new Metadata.FileFact("extracts/y.csv", 5, "bb")));

    JsonNode c = catalog(List.of(d));

    JsonNode ds = c.path("datasets").get(0);
    assertThat(ds.path("bytes").asLong()).isEqualTo(15);
    assertThat(ds.path("href").asText()).isEqualTo("extracts/x.csv");
    assertThat(ds.path("files").toString()).isEqualTo("[\"extracts/x.csv\",\"extracts/y.csv\"]");
    assertThat(c.path("version").asText()).isEqualTo("v1");
    assertThat(c.path("title_en").asText()).isEqualTo(CONFIG.titleEn());
    assertThat(c.path("default_category").asText()).isEqualTo(CONFIG.portalCategory());
    assertThat(c.path("cities").get(0).path("id").asText()).isEqualTo("jincheng");
  }

  @Test
  void categoriesAreEveryTierButResidentialInConfigurationOrder() throws Exception {
    JsonNode cats = catalog(List.of()).path("categories");

    List<String> expected =
        CATEGORIES.categories().stream()
            .filter(k -> k.tier() != Tier.RESIDENTIAL)
            .map(k -> k.id())
            .toList();
    assertThat(expected).isNotEmpty().hasSizeLessThan(CATEGORIES.categories().size());
    assertThat(cats.findValuesAsText("id")).isEqualTo(expected);
    for (JsonNode k : cats) {
      assertThat(k.has("threshold_kind") && k.has("threshold_value") && k.has("threshold_label"))
          .isTrue();
    }
  }
}
