package org.livingcircle.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.RepoPaths;
import org.livingcircle.common.ConfigException;

class CategoriesTest {
  private static final Path SHIPPED = RepoPaths.of("conf/categories.yaml");

  @TempDir Path dir;

  @Test
  void shippedFileLoadsWithEveryTierCounted() {
    Categories categories = Categories.load(SHIPPED);

    // domain brief: 13 basic-guarantee and 12 quality-improvement formats (seed 000 名词解释);
    // public services: kindergarten, primary school, health station, hospital, elderly day care,
    // nursery,
    // park, green space (seed 000 L254 300米见绿), fitness ground, bus stop; one residential category.
    assertThat(categories.inTier(Tier.BASIC)).hasSize(13);
    assertThat(categories.inTier(Tier.QUALITY)).hasSize(12);
    assertThat(categories.inTier(Tier.PUBLIC)).hasSize(10);
    assertThat(categories.inTier(Tier.RESIDENTIAL)).hasSize(1);
    assertThat(categories.size()).isEqualTo(36);
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

    // seed 002 L95-97: basic formats within 5-10 min; Yangcheng's 3/5 min (seed 000 L199) are
    // county overrides
    assertThat(categories.require("convenience_store").threshold())
        .isEqualTo(Threshold.minutes(10));
    assertThat(categories.require("supermarket").threshold()).isEqualTo(Threshold.minutes(10));
    assertThat(categories.require("wet_market").threshold()).isEqualTo(Threshold.minutes(10));
    // seed 000 L254: 300米见绿、500米见园, service radii (straight line)
    assertThat(categories.require("park").threshold())
        .isEqualTo(Threshold.metres(500, Threshold.Distance.STRAIGHT_LINE));
    assertThat(categories.require("green_space").threshold())
        .isEqualTo(Threshold.metres(300, Threshold.Distance.STRAIGHT_LINE));
    // GB 50180-2018: kindergarten 300 m, primary school 500 m walking distance; seed 000 L313:
    // 10-minute health circle
    assertThat(categories.require("kindergarten").threshold())
        .isEqualTo(Threshold.metres(300, Threshold.Distance.WALKING));
    assertThat(categories.require("primary_school").threshold())
        .isEqualTo(Threshold.metres(500, Threshold.Distance.WALKING));
    assertThat(categories.require("health_station").threshold()).isEqualTo(Threshold.minutes(10));
    // seed 002: quality formats within 15 min
    assertThat(categories.inTier(Tier.QUALITY))
        .allMatch(c -> c.threshold().equals(Threshold.minutes(15)));
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

    assertThat(categories.require("kindergarten").capacityKind())
        .isEqualTo(CapacityKind.KINDERGARTEN_PLACES);
    assertThat(categories.require("nursery").capacityKind()).isEqualTo(CapacityKind.NURSERY_PLACES);
    assertThat(categories.require("bus_stop").capacityKind()).isEqualTo(CapacityKind.NONE);
    assertThat(categories.require("bus_stop").hasCapacity()).isFalse();
  }

  @Test
  void perThousandFromYangchengCounts() {
    Categories categories = Categories.load(SHIPPED);

    // seed 000: 173 convenience stores and 80 pharmacies for about 130,000 people
    assertThat(categories.require("convenience_store").per1000())
        .isCloseTo(173 / 130.0, org.assertj.core.data.Offset.offset(0.001));
    assertThat(categories.require("pharmacy").per1000())
        .isCloseTo(80 / 130.0, org.assertj.core.data.Offset.offset(0.001));
  }

  @Test
  void duplicateIdRejectedWithPointer() throws IOException {
    Path file =
        write(
            "categories:\n"
                + category("a", "[\"0602\"]", "[]")
                + category("a", "[\"0604\"]", "[]"));

    assertThatThrownBy(() -> Categories.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file + ": /categories/1/id: Cannot use category id a twice: also /categories/0/id");
  }

  @Test
  void samePrefixInTwoCategoriesRejected() throws IOException {
    Path file =
        write(
            "categories:\n"
                + category("shop_a", "[\"0602\"]", "[]")
                + category("shop_b", "[\"0604\", \"0602\"]", "[]"));

    assertThatThrownBy(() -> Categories.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file
                + ": /categories/1/amap_typecodes/1: Cannot map Amap typecode prefix 0602 to shop_b: already mapped to shop_a");
  }

  @Test
  void sameOsmTagInTwoCategoriesRejected() throws IOException {
    Path file =
        write(
            "categories:\n"
                + category("shop_a", "[]", "[\"shop=convenience\"]")
                + category("shop_b", "[]", "[\"shop=convenience\"]"));

    assertThatThrownBy(() -> Categories.load(file))
        .hasMessage(
            file
                + ": /categories/1/osm_tags/0: Cannot map OSM tag shop=convenience to shop_b: already mapped to shop_a");
  }

  @Test
  void nonSnakeCaseIdRejectedBySchema() throws IOException {
    Path file = write("categories:\n" + category("ConvenienceStore", "[]", "[]"));

    assertThatThrownBy(() -> Categories.load(file))
        .hasMessage(
            file
                + ": /categories/0/id: \"ConvenienceStore\" does not match ^[a-z][a-z0-9]*(_[a-z0-9]+)*$");
  }

  @Test
  void nestedPrefixesAreNotAmbiguous() throws IOException {
    Path file =
        write(
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
    return "  - id: "
        + id
        + "\n"
        + "    name_zh: 名\n"
        + "    name_en: name\n"
        + "    tier: basic\n"
        + "    threshold_min: 10\n"
        + "    threshold_min_source: \"test\"\n"
        + "    amap_typecodes: "
        + typecodes
        + "\n"
        + "    osm_tags: "
        + osmTags
        + "\n"
        + "    per_1000: 1\n"
        + "    per_1000_source: \"test\"\n";
  }
}
