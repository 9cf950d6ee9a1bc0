package org.livingcircle.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.RepoPaths;
import org.livingcircle.common.ConfigException;
import org.livingcircle.config.Categories;
import org.livingcircle.config.Targets;
import org.livingcircle.config.Tier;

class TargetsTest {
  @TempDir Path tmp;

  @Test
  void confTargetsLoadAndNameAdminIndicatorColumns() {
    Targets targets = Targets.load(RepoPaths.of("conf/targets.yaml"));
    assertThat(targets.targets()).hasSizeGreaterThanOrEqualTo(8);
    Targets.Target first = targets.targets().get(0);
    assertThat(first.id()).isEqualTo("jincheng_communities_basic_complete_2025");
    assertThat(first.indicator()).isEqualTo("compound_share_basic_complete_10min");
    assertThat(first.scope()).containsExactly("140500");
    assertThat(first.comparator()).isEqualTo(Targets.Comparator.AT_LEAST);
    assertThat(first.value()).isEqualTo(1.0);
    // every indicator is a column that lcp aggregate writes with the shipped categories and 5/10/15
    // min
    Categories categories = Categories.load(RepoPaths.of("conf/categories.yaml"));
    AggregateKernel kernel =
        new AggregateKernel(
            categories.categories().stream().filter(c -> c.tier() != Tier.RESIDENTIAL).toList(),
            List.of(5, 10, 15),
            80,
            1.3,
            java.util.Map.of(),
            targets.measures());
    Set<String> columns = new HashSet<>(List.of(AggregateJob.adminSchema(kernel).fieldNames()));
    for (Targets.Target t : targets.targets()) {
      assertThat(columns).as(t.id()).contains(t.indicator());
    }
    for (Targets.Baseline b : targets.baselines()) {
      assertThat(columns).as(b.id()).contains(b.indicator());
    }
  }

  @Test
  void reviewSection42TargetsArePresentWithDocumentLineAndYear() {
    Targets targets = Targets.load(RepoPaths.of("conf/targets.yaml"));
    Set<String> ids = new HashSet<>();
    targets.targets().forEach(t -> ids.add(t.id()));
    // review-domain §4.2 #1-#12 (13 and 14 are listed as not measurable in the file's header)
    assertThat(ids)
        .contains(
            "yangcheng_convenience_store_3min_2025",
            "yangcheng_supermarket_5min_2025",
            "yangcheng_farmers_market_10min_2025",
            "yangcheng_green_space_300m_2025",
            "yangcheng_park_500m_2025",
            "changzhi_community_centre_15min_2025",
            "jincheng_elderly_care_15min_2025",
            "jincheng_fitness_15min_2025",
            "yangcheng_health_10min_2025",
            "yangcheng_nursery_10min_aged_0_2_2025",
            "yangcheng_fitness_10min_2025",
            "jincheng_nursing_bed_share_2025",
            "changzhi_nursing_bed_share_2025");
    for (Targets.Target t : targets.targets()) {
      assertThat(t.document()).as(t.id()).startsWith("seed 00");
      assertThat(t.line()).as(t.id()).isNotBlank();
      assertThat(t.year()).as(t.id()).isBetween(2020, 2035);
    }
    // Chengqu's 35.4 beds per 1,000 elderly is a 2020 result: a baseline, not a target
    assertThat(ids).doesNotContain("chengqu_elderly_beds_baseline_2020");
    assertThat(targets.baselines())
        .extracting(Targets.Baseline::id)
        .containsExactly("chengqu_elderly_beds_2020");
    // the Changzhi basket: six elements, elderly care either kind
    Targets.Measure basket = targets.measure("changzhi_community_centre_15min").orElseThrow();
    assertThat(basket.allOf()).hasSize(6).contains(List.of("elderly_care", "elderly_day_care"));
    assertThat(basket.threshold()).isEqualTo(org.livingcircle.config.Threshold.minutes(15));
    assertThat(targets.measure("yangcheng_nursery_10min_aged_0_2").orElseThrow().population())
        .isEqualTo(Targets.Population.AGED_0_2);
    assertThat(targets.measure("yangcheng_green_space_300m").orElseThrow().threshold())
        .isEqualTo(
            org.livingcircle.config.Threshold.metres(
                300, org.livingcircle.config.Threshold.Distance.STRAIGHT_LINE));
    // Yangcheng's county-seat targets are scoped to 凤城镇 and measured on county 140522
    Targets.Target seat =
        targets.targets().stream()
            .filter(t -> t.id().equals("yangcheng_convenience_store_3min_2025"))
            .findFirst()
            .orElseThrow();
    assertThat(seat.scope()).containsExactly("140522100");
    assertThat(seat.covers("140522", "140500")).isTrue();
    assertThat(seat.covers("140500", "140500")).isFalse();
    assertThat(seat.covers("140502", "140500")).isFalse();
  }

  @Test
  void reachIndicatorMustNameAMeasure() throws IOException {
    Path file = tmp.resolve("targets.yaml");
    Files.writeString(
        file,
        """
        targets:
          - {id: x, indicator: reach_nothing, scope: all, comparator: ">=", value: 1, unit: u, year: 2025, document: doc, line: L1, source: s, note: n}
        """);
    assertThatThrownBy(() -> Targets.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "Cannot use indicator reach_nothing of target x: no measure nothing in measures");
  }

  @Test
  void badComparatorIsOneLine() throws IOException {
    Path file = tmp.resolve("targets.yaml");
    Files.writeString(
        file,
        """
        targets:
          - {id: x, indicator: population, scope: all, comparator: "=>", value: 1, unit: u, year: 2025, document: doc, line: L1, source: s, note: n}
        """);
    assertThatThrownBy(() -> Targets.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": /targets/0/comparator: \"=>\" is not one of [>=, <=]");
  }

  @Test
  void scopeIsAllOrCodes() throws IOException {
    Path file = tmp.resolve("targets.yaml");
    Files.writeString(
        file,
        """
        targets:
          - {id: x, indicator: population, scope: ["140502", "140522"], comparator: "<=", value: 1, unit: u, year: 2025, document: doc, line: L1, source: s, note: n}
          - {id: y, indicator: population, scope: all, comparator: ">=", value: 1, unit: u, year: 2025, document: doc, line: L1, source: s, note: n}
        """);
    List<Targets.Target> t = Targets.load(file).targets();
    assertThat(t.get(0).covers("140502", "140500")).isTrue();
    assertThat(t.get(0).covers("140500", "140500")).isFalse();
    assertThat(t.get(0).comparator()).isEqualTo(Targets.Comparator.AT_MOST);
    assertThat(t.get(1).covers("140400", "140400")).isTrue();
  }
}
