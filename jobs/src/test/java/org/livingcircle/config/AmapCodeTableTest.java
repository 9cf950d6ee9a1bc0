package org.livingcircle.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.RepoPaths;
import org.livingcircle.common.ConfigException;

/** conf/categories.yaml against the official Amap code table V1.06 and the curated allow-list. */
class AmapCodeTableTest {
  private static final Path TABLE = RepoPaths.of("reference/" + AmapCodeTable.TABLE_FILE);
  private static final Path ALLOW = RepoPaths.of("reference/" + AmapCodeTable.ALLOW_LIST_FILE);
  private static final Path SHIPPED = RepoPaths.of("conf/categories.yaml");

  @TempDir Path dir;

  @Test
  void tableIsTheWholeV106Edition() {
    AmapCodeTable table = AmapCodeTable.load(TABLE);

    // 高德POI分类与编码（中英文）_V1.06_20230208.csv has 915 rows (序号 1-915)
    assertThat(table.size()).isEqualTo(915);
    assertThat(table.row("071600").label()).isEqualTo("071600 生活服务;中介机构;中介机构");
    assertThat(table.row("061205").label()).isEqualTo("061205 购物服务;专卖店;书店");
    assertThat(table.row("060800").minor()).isEqualTo("文化用品店");
    assertThat(table.contains("999999")).isFalse();
    assertThat(table.under("0605"))
        .extracting(AmapCodeTable.Row::code)
        .containsExactly("060500", "060501", "060502");
  }

  @Test
  void shippedCategoriesUseOnlyTableCodesOnTheirAllowLists() {
    AmapCodeTable table = AmapCodeTable.load(TABLE);
    Categories categories = Categories.load(SHIPPED);

    assertThat(table.problems(categories, table.loadAllowList(ALLOW))).isEmpty();
  }

  @Test
  void reviewFindingsHoldInTheShippedConfiguration() {
    Categories categories = Categories.load(SHIPPED);
    TypecodeMapper mapper = TypecodeMapper.of(categories);

    // review-domain §2.1: agencies are not print shops; stationers are not bookstores; pet markets
    // are pets
    assertThat(mapper.categoryOfTypecodes("071600")).isEmpty();
    assertThat(mapper.categoryOfTypecodes("060800")).isEmpty();
    assertThat(mapper.categoryOfTypecodes("061205")).contains("bookstore");
    assertThat(mapper.categoryOfTypecodes("061209")).contains("florist_gift");
    assertThat(mapper.categoryOfTypecodes("060502")).contains("pet_service");
    assertThat(mapper.categoryOfTypecodes("061211")).contains("pet_service");
    assertThat(mapper.categoryOfTypecodes("080113")).isEmpty();
    assertThat(mapper.categoryOfTypecodes("120304")).isEmpty();
    assertThat(mapper.categoryOfTypecodes("070501")).isEmpty();
    assertThat(mapper.categoryOfTypecodes("050301")).isEmpty();
  }

  @Test
  void plantedTooBroadPrefixFails() throws IOException {
    AmapCodeTable table = AmapCodeTable.load(TABLE);
    String shipped = Files.readString(SHIPPED, StandardCharsets.UTF_8);
    String planted =
        shipped
            .replace(
                "amap_typecodes: [\"060500\", \"060501\", \"061209\"]",
                "amap_typecodes: [\"0605\", \"061209\"]")
            .replace(
                "amap_typecodes: [\"0907\", \"061211\", \"060502\"]",
                "amap_typecodes: [\"0907\", \"061211\"]");
    assertThat(planted).isNotEqualTo(shipped);
    Path file = dir.resolve("categories.yaml");
    Files.writeString(file, planted, StandardCharsets.UTF_8);

    assertThat(table.problems(Categories.load(file), table.loadAllowList(ALLOW)))
        .containsExactly(
            "Cannot map 060502 购物服务;花鸟鱼虫市场;宠物市场 to florist_gift: not on its allow-list in amap_category_codes.csv"
                + " (narrow the prefix or extend the allow-list)",
            "Cannot find 060502 购物服务;花鸟鱼虫市场;宠物市场 in the typecodes of pet_service: allow-listed but not configured"
                + " (or taken by another category)");
  }

  @Test
  void plantedWrongAndUnknownCodesFail() throws IOException {
    AmapCodeTable table = AmapCodeTable.load(TABLE);
    String shipped = Files.readString(SHIPPED, StandardCharsets.UTF_8);
    String planted =
        shipped
            .replace("amap_typecodes: [\"071300\"]", "amap_typecodes: [\"071300\", \"0716\"]")
            .replace("amap_typecodes: [\"071500\"]", "amap_typecodes: [\"071500\", \"071599\"]");
    Path file = dir.resolve("categories.yaml");
    Files.writeString(file, planted, StandardCharsets.UTF_8);

    assertThat(table.problems(Categories.load(file), table.loadAllowList(ALLOW)))
        .containsExactlyInAnyOrder(
            "Cannot map 071600 生活服务;中介机构;中介机构 to photo_print: not on its allow-list in amap_category_codes.csv"
                + " (narrow the prefix or extend the allow-list)",
            "Cannot use Amap typecode 071599 of laundry: no such code or class in amap_poi_codes_v1.06.csv");
  }

  @Test
  void allowListRowMustMatchTheTable() throws IOException {
    AmapCodeTable table = AmapCodeTable.load(TABLE);
    Path file = dir.resolve("allow.csv");
    Files.writeString(
        file,
        "category,code,subclass_zh,note\nphoto_print,071600,图文快印店,\n",
        StandardCharsets.UTF_8);

    assertThatThrownBy(() -> table.loadAllowList(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Cannot read allow-list "
                + file
                + " row 2: code 071600 is 中介机构 in the table, not 图文快印店");
  }

  @Test
  void typecodeFieldsAreKnownWhenOnePartIsInTheTable() {
    AmapCodeTable table = AmapCodeTable.load(TABLE);

    assertThat(table.knows("060200")).isTrue();
    assertThat(table.knows("999999|060400")).isTrue();
    assertThat(table.knows("999999")).isFalse();
    assertThat(table.knows("060299")).isFalse();
    assertThat(table.knows("")).isFalse();
  }

  @Test
  void allowListCoversEveryCategoryWithCodes() {
    AmapCodeTable table = AmapCodeTable.load(TABLE);
    Map<String, Set<String>> allowed = table.loadAllowList(ALLOW);

    for (Category c : Categories.load(SHIPPED).categories()) {
      assertThat(allowed.containsKey(c.id())).as(c.id()).isEqualTo(!c.amapTypecodes().isEmpty());
    }
  }
}
