package org.livingcircle.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.common.ConfigException;

class SampleCategorySourceTest {
  @TempDir Path tmp;

  @Test
  void readsOnlyTheFieldsItNeeds() {
    List<SampleCategory> cats =
        new YamlSampleCategorySource(SampleFixture.resource("categories.yaml")).categories();
    assertThat(cats).hasSize(12);
    SampleCategory breakfast = cats.get(2);
    assertThat(breakfast.id()).isEqualTo("breakfast");
    assertThat(breakfast.osmTags()).containsExactly("amenity=fast_food");
    assertThat(cats.get(3).osmTags()).containsExactly("shop=hairdresser");
    assertThat(cats.get(5).capacityKind()).isEqualTo(Optional.of("kindergarten_places"));
    assertThat(cats.get(11).osmTags()).isEmpty();
    assertThat(cats.get(11).residential()).isTrue();
  }

  @Test
  void missingDensityNamesFileAndPointer() throws IOException {
    Path yaml = tmp.resolve("categories.yaml");
    Files.writeString(
        yaml,
        "categories:\n  - {id: pharmacy, name_zh: 药店, name_en: pharmacy, tier: basic, amap_typecodes: [\"0906\"]}\n");
    assertThatThrownBy(() -> new YamlSampleCategorySource(yaml).categories())
        .isInstanceOf(ConfigException.class)
        .hasMessage(yaml + ": /categories/0/per_1000: missing");
  }

  @Test
  void badTierNamesTheValue() throws IOException {
    Path yaml = tmp.resolve("categories.yaml");
    Files.writeString(
        yaml,
        "categories:\n  - {id: pharmacy, name_zh: 药店, name_en: pharmacy, tier: premium, amap_typecodes: [\"0906\"], per_1000: 0.6}\n");
    assertThatThrownBy(() -> new YamlSampleCategorySource(yaml).categories())
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            yaml
                + ": /categories/0: Cannot use category pharmacy: tier premium is not one of [basic, quality, public, residential]");
  }
}
