package org.livingcircle.config;

import org.livingcircle.RepoPaths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.common.ConfigException;

class CategoriesTest {
  private static final Path SHIPPED = RepoPaths.of("conf/categories.yaml");

  @TempDir Path dir;

  @Test
  void shippedFileLoadsWithEveryTierCounted() {
    Categories categories = Categories.load(SHIPPED);

    // domain brief: 13 basic-guarantee and 12 quality-improvement formats (seed 000 名词解释);
    // public services: kindergarten, primary school, health station, hospital, elderly day care, nursery,
    // park, fitness ground, bus stop; one residential category.
    assertThat(categories.inTier(Tier.BASIC)).hasSize(13);
    assertThat(categories.inTier(Tier.QUALITY)).hasSize(12);
    assertThat(categories.inTier(Tier.PUBLIC)).hasSize(9);
    assertThat(categories.inTier(Tier.RESIDENTIAL)).hasSize(1);
    assertThat(categories.size()).isEqualTo(35);
  }

  @Test
  void idsAreUniqueSnakeCaseAscii() {
    List<String> ids = Categories.load(SHIPPED).ids();

    assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
    assertThat(ids).allMatch(id -> id.matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"), "snake_case ASCII");
  }

  @Test
  void plannedThresholdsAreConfigured() {
    Categories categories = Categories.load(SHIPPED);

    // seed 000 Ch.4 §1: convenience store 3 min, large supermarket 5, farmers' market 10
    assertThat(categories.require("convenience_store").thresholdMin()).isEqualTo(3.0);
    assertThat(categories.require("supermarket").thresholdMin()).isEqualTo(5.0);
    assertThat(categories.require("wet_market").thresholdMin()).isEqualTo(10.0);
    // seed 000 Ch.4 §3: park within 500 m; 500 m / 80 m/min = 6.25 min
    assertThat(categories.require("park").thresholdMin()).isEqualTo(6.25);
    // seed 002: quality formats within 15 min
    assertThat(categories.inTier(Tier.QUALITY)).allMatch(c -> c.thresholdMin() == 15.0);
  }

  @Test
  void lookupsAgreeWithOrder() {
    Categories categories = Categories.load(SHIPPED);

    assertThat(categories.indexOf("convenience_store")).isZero();
    assertThat(categories.get(categories.indexOf("gym")).id()).isEqualTo("gym");
    assertThat(categories.indexOf("casino")).isEqualTo(Categories.NOT_FOUND);
    assertThat(categories.find("casino")).isEmpty();
    assertThatThrownBy(() -> categories.require("casino"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot find category casino: not in the configuration");
  }

  @Test
  void capacityKindsDefaultToNone() {
    Categories categories = Categories.load(SHIPPED);

    assertThat(categories.require("kindergarten").capacityKind()).isEqualTo(CapacityKind.KINDERGARTEN_PLACES);
    assertThat(categories.require("nursery").capacityKind()).isEqualTo(CapacityKind.NURSERY_PLACES);
    assertThat(categories.require("bus_stop").capacityKind()).isEqualTo(CapacityKind.NONE);
    assertThat(categories.require("bus_stop").hasCapacity()).isFalse();
  }

  @Test
  void perThousandFromYangchengCounts() {
    Categories categories = Categories.load(SHIPPED);

    // seed 000: 173 convenience stores and 80 pharmacies for about 130,000 people
    assertThat(categories.require("convenience_store").per1000()).isCloseTo(173 / 130.0, org.assertj.core.data.Offset.offset(0.001));
    assertThat(categories.require("pharmacy").per1000()).isCloseTo(80 / 130.0, org.assertj.core.data.Offset.offset(0.001));
  }

  @Test
  void duplicateIdRejectedWithPointer() throws IOException {
    Path file = write(
        "categories:\n"
            + category("a", "[\"0602\"]", "[]")
            + category("a", "[\"0604\"]", "[]"));

    assertThatThrownBy(() -> Categories.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": /categories/1/id: Cannot use category id a twice: also /categories/0/id");
  }

  @Test
  void samePrefixInTwoCategoriesRejected() throws IOException {
    Path file = write(
        "categories:\n"
            + category("shop_a", "[\"0602\"]", "[]")
            + category("shop_b", "[\"0604\", \"0602\"]", "[]"));

    assertThatThrownBy(() -> Categories.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": /categories/1/amap_typecodes/1: Cannot map Amap typecode prefix 0602 to shop_b: already mapped to shop_a");
  }

  @Test
  void sameOsmTagInTwoCategoriesRejected() throws IOException {
    Path file = write(
        "categories:\n"
            + category("shop_a", "[]", "[\"shop=convenience\"]")
            + category("shop_b", "[]", "[\"shop=convenience\"]"));

    assertThatThrownBy(() -> Categories.load(file))
        .hasMessage(file + ": /categories/1/osm_tags/0: Cannot map OSM tag shop=convenience to shop_b: already mapped to shop_a");
  }

  @Test
  void nonSnakeCaseIdRejectedBySchema() throws IOException {
    Path file = write("categories:\n" + category("ConvenienceStore", "[]", "[]"));

    assertThatThrownBy(() -> Categories.load(file))
        .hasMessage(file + ": /categories/0/id: \"ConvenienceStore\" does not match ^[a-z][a-z0-9]*(_[a-z0-9]+)*$");
  }

  @Test
  void nestedPrefixesAreNotAmbiguous() throws IOException {
    Path file = write(
        "categories:\n"
            + category("fitness_ground", "[\"0801\"]", "[]")
            + category("gym", "[\"080111\"]", "[]"));

    assertThat(Categories.load(file).size()).isEqualTo(2);
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("categories.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  static String category(String id, String typecodes, String osmTags) {
    return "  - id: " + id + "\n"
        + "    name_zh: 名\n"
        + "    name_en: name\n"
        + "    tier: basic\n"
        + "    threshold_min: 10\n"
        + "    threshold_min_source: \"test\"\n"
        + "    amap_typecodes: " + typecodes + "\n"
        + "    osm_tags: " + osmTags + "\n"
        + "    per_1000: 1\n"
        + "    per_1000_source: \"test\"\n";
  }


}
