package org.livingcircle.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.RepoPaths;

class TypecodeMapperTest {
  @TempDir Path dir;

  private TypecodeMapper mapper;

  @BeforeEach
  void setUp() throws IOException {
    Path file = dir.resolve("categories.yaml");
    Files.writeString(
        file,
        "categories:\n"
            + CategoriesTest.category("sports", "[\"08\"]", "[\"leisure=pitch\"]")
            + CategoriesTest.category(
                "fitness_ground", "[\"0801\"]", "[\"leisure=fitness_station\"]")
            + CategoriesTest.category("gym", "[\"080111\"]", "[\"leisure=fitness_centre\"]")
            + CategoriesTest.category("convenience_store", "[\"0602\"]", "[\"shop=convenience\"]"));
    mapper = TypecodeMapper.of(Categories.load(file));
  }

  @Test
  void longestPrefixWins() {
    assertThat(mapper.categoryOfTypecodes("080111")).contains("gym");
    assertThat(mapper.categoryOfTypecodes("080112")).contains("fitness_ground");
    assertThat(mapper.categoryOfTypecodes("080100")).contains("fitness_ground");
    assertThat(mapper.categoryOfTypecodes("080300")).contains("sports");
    assertThat(mapper.categoryOfTypecodes("060200")).contains("convenience_store");
  }

  @Test
  void unknownOrMalformedIsEmpty() {
    assertThat(mapper.categoryOfTypecodes("990000")).isEmpty();
    assertThat(mapper.categoryOfTypecodes("0602")).isEmpty();
    assertThat(mapper.categoryOfTypecodes("06020a")).isEmpty();
    assertThat(mapper.categoryOfTypecodes("")).isEmpty();
    assertThat(mapper.categoryOfTypecodes(null)).isEmpty();
  }

  @Test
  void firstMappableOfPipeListWins() {
    assertThat(mapper.categoryOfTypecodes("060200|080111")).contains("convenience_store");
    assertThat(mapper.categoryOfTypecodes("990000|080111")).contains("gym");
    assertThat(mapper.categoryOfTypecodes("990000| 080111 |060200")).contains("gym");
    assertThat(mapper.categoryOfTypecodes("990000|990001")).isEmpty();
    assertThat(mapper.categoryOfTypecodes("|")).isEmpty();
  }

  @Test
  void osmTagsMapToFirstConfiguredCategory() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("name", "乐刻健身");
    tags.put("leisure", "fitness_centre");
    assertThat(mapper.categoryOfOsmTags(tags)).contains("gym");

    tags.put("shop", "convenience");
    assertThat(mapper.categoryOfOsmTags(tags)).contains("gym");
    assertThat(mapper.categoryOfOsmTags(Map.of("shop", "convenience")))
        .contains("convenience_store");
    assertThat(mapper.categoryOfOsmTags(Map.of("shop", "bakery"))).isEmpty();
  }

  @Test
  void shippedTaxonomyMapsRealAmapCodes() {
    TypecodeMapper shipped =
        TypecodeMapper.of(Categories.load(RepoPaths.of("conf/categories.yaml")));

    // typecodes as published in Amap POI search results
    assertThat(shipped.categoryOfTypecodes("060200")).contains("convenience_store"); // 便民商店/便利店
    assertThat(shipped.categoryOfTypecodes("071500")).contains("laundry"); // 洗衣店
    assertThat(shipped.categoryOfTypecodes("071100")).contains("hair_beauty"); // 美容美发店
    assertThat(shipped.categoryOfTypecodes("090601")).contains("pharmacy"); // 药房
    assertThat(shipped.categoryOfTypecodes("070500")).contains("post_parcel"); // 物流速递
    assertThat(shipped.categoryOfTypecodes("080111")).contains("gym"); // 健身中心
    assertThat(shipped.categoryOfTypecodes("120302")).contains("residential"); // 住宅小区
    assertThat(shipped.categoryOfTypecodes("141204")).contains("kindergarten"); // 幼儿园
    assertThat(shipped.categoryOfTypecodes("090102"))
        .contains("health_station"); // 卫生院, over 0901 hospital
    assertThat(shipped.categoryOfTypecodes("090101")).contains("hospital");
    assertThat(shipped.categoryOfTypecodes("150904")).isEmpty(); // 停车场
  }

  @Test
  void shippedOsmRulesNeedEveryConditionAndReadLists() {
    TypecodeMapper shipped =
        TypecodeMapper.of(Categories.load(RepoPaths.of("conf/categories.yaml")));

    // review-domain §2.2: amenity=school alone is every school; primary schools need isced:level=1
    // or school=primary
    assertThat(shipped.categoryOfOsmTags(Map.of("amenity", "school"))).isEmpty();
    assertThat(shipped.categoryOfOsmTags(Map.of("amenity", "school", "isced:level", "1")))
        .contains("primary_school");
    assertThat(shipped.categoryOfOsmTags(Map.of("amenity", "school", "isced:level", "1;2")))
        .contains("primary_school");
    assertThat(shipped.categoryOfOsmTags(Map.of("amenity", "school", "school", "primary")))
        .contains("primary_school");
    // social_facility=day_care is also child day care: only social_facility:for=senior is elderly
    // day care
    assertThat(shipped.categoryOfOsmTags(Map.of("social_facility", "day_care"))).isEmpty();
    assertThat(
            shipped.categoryOfOsmTags(
                Map.of("social_facility", "day_care", "social_facility:for", "senior")))
        .contains("elderly_day_care");
    assertThat(shipped.categoryOfOsmTags(Map.of("cuisine", "breakfast;coffee_shop")))
        .contains("breakfast");
    assertThat(shipped.categoryOfOsmTags(Map.of("cuisine", "breakfastclub"))).isEmpty();
    assertThat(shipped.categoryOfOsmTags(Map.of("shop", "tea"))).isEmpty();
    assertThat(shipped.categoryOfOsmTags(Map.of("amenity", "recycling"))).isEmpty();
    assertThat(
            shipped.categoryOfOsmTags(Map.of("amenity", "recycling", "recycling_type", "centre")))
        .contains("recycling");
    assertThat(shipped.categoryOfOsmTags(Map.of("craft", "key_cutter"))).contains("repair");
  }
}
