package org.livingcircle.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.livingcircle.RepoPaths;
import org.livingcircle.config.Categories;

class ReleaseDictionaryTest {
  private static final Categories CATEGORIES =
      Categories.load(RepoPaths.of("conf/categories.yaml"));
  private static final DataDictionary SHIPPED =
      DataDictionary.load(RepoPaths.of("schemas/data-dictionary.yaml"), CATEGORIES);

  @Test
  void expandsCategoryAndThresholdPatternsWithBothNames() {
    DataDictionary.Column c = SHIPPED.describe("grid_indicators", "n_10min_kindergarten", "int");

    assertThat(c.unit()).isEqualTo("count");
    assertThat(c.zh()).isEqualTo("10 分钟步行范围内的幼儿园数量");
    assertThat(c.en()).isEqualTo("number of kindergarten within a 10-minute walk");
  }

  @Test
  void distanceColumnsAreMetres() {
    DataDictionary.Column c =
        SHIPPED.describe("compound_indicators", "dist_m_convenience_store", "double");

    assertThat(c.unit()).isEqualTo("m");
    assertThat(c.zh()).startsWith("到最近便利店的步行距离");
  }

  @Test
  void tableSpecificEntryWinsOverTheGeneralOne() {
    assertThat(SHIPPED.describe("admin_indicators", "name", "string").en())
        .isEqualTo("administrative unit name");
    assertThat(SHIPPED.describe("poi", "name", "string").en()).isEqualTo("name");
  }

  @Test
  void theWalkingModelColumnsOfTheAggregateAreDescribedAsSyntheticEstimatesOnTheSample() {
    for (String column :
        List.of(
            "share_basic_10min_network",
            "share_basic_15min_straight",
            "detour_p10",
            "detour_p50",
            "detour_p90",
            "share_unlinked")) {
      DataDictionary.Column c = SHIPPED.describe("admin_indicators", column, "double");
      assertThat(c.method()).as(column).contains("SYNTHETIC street network");
    }
    assertThat(SHIPPED.describe("admin_indicators", "detour_p90", "double").en())
        .isEqualTo(
            "population-weighted 90th percentile of the measured detour ratio (network walking metres / straight-line metres)");
    assertThat(SHIPPED.describe("admin_indicators", "share_basic_15min_network", "double").zh())
        .isEqualTo("沿街道网络步行 15 分钟内基本保障类业态齐全的人口比例");
    assertThat(SHIPPED.describe("admin_indicators", "detour_factor_assumed", "double").unit())
        .isEqualTo("ratio");
  }

  @Test
  void unknownCategoryInAPatternIsNotDescribed() {
    assertThatThrownBy(() -> SHIPPED.describe("grid_indicators", "dist_m_casino", "double"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot describe column dist_m_casino of table grid_indicators: no entry of"
                + " schemas/data-dictionary.yaml matches; add one");
  }

  @Test
  void csvQuotesCommasAndMarkdownEscapesPipes() {
    List<DataDictionary.Column> columns =
        List.of(new DataDictionary.Column("t", "c", "double", "m", "甲,乙", "a | b", "x"));

    assertThat(DataDictionary.csv(columns))
        .isEqualTo(
            "table,column,type,unit,meaning_zh,meaning_en,method\nt,c,double,m,\"甲,乙\",a | b,x\n");
    assertThat(DataDictionary.markdown(columns))
        .contains("| `c` | double | m | 甲,乙 | a \\| b | x |");
  }
}
