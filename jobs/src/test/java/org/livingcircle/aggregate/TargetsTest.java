package org.livingcircle.aggregate;

import org.livingcircle.config.Targets;
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
    // every indicator is a column that lcp aggregate writes with the shipped categories and 5/10/15 min
    Categories categories = Categories.load(RepoPaths.of("conf/categories.yaml"));
    AggregateKernel kernel = new AggregateKernel(
        categories.categories().stream().filter(c -> c.tier() != Tier.RESIDENTIAL).toList(), List.of(5, 10, 15), 80);
    Set<String> columns = new HashSet<>(List.of(AggregateJob.adminSchema(kernel).fieldNames()));
    for (Targets.Target t : targets.targets()) {
      assertThat(columns).as(t.id()).contains(t.indicator());
    }
  }

  @Test
  void badComparatorIsOneLine() throws IOException {
    Path file = tmp.resolve("targets.yaml");
    Files.writeString(file, """
        targets:
          - {id: x, indicator: population, scope: all, comparator: "=>", value: 1, unit: u, year: 2025, source: s, note: n}
        """);
    assertThatThrownBy(() -> Targets.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": /targets/0/comparator: \"=>\" is not one of [>=, <=]");
  }

  @Test
  void scopeIsAllOrCodes() throws IOException {
    Path file = tmp.resolve("targets.yaml");
    Files.writeString(file, """
        targets:
          - {id: x, indicator: population, scope: ["140502", "140522"], comparator: "<=", value: 1, unit: u, year: 2025, source: s, note: n}
          - {id: y, indicator: population, scope: all, comparator: ">=", value: 1, unit: u, year: 2025, source: s, note: n}
        """);
    List<Targets.Target> t = Targets.load(file).targets();
    assertThat(t.get(0).covers("140502", "140500")).isTrue();
    assertThat(t.get(0).covers("140500", "140500")).isFalse();
    assertThat(t.get(0).comparator()).isEqualTo(Targets.Comparator.AT_MOST);
    assertThat(t.get(1).covers("140400", "140400")).isTrue();
  }
}
