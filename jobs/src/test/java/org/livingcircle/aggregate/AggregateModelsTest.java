package org.livingcircle.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.livingcircle.config.Category;
import org.livingcircle.config.Targets;
import org.livingcircle.config.Threshold;
import org.livingcircle.config.Tier;

/**
 * The network model's columns, hand-derived. Speed 80 m/min (10 min = 800 m, 15 min = 1,200 m),
 * detour factor 1.25 (straight-line side: straight × 1.25 ≤ 800 ⟺ straight ≤ 640; ≤ 1,200 ⟺
 * straight ≤ 960). Categories: a, b BASIC; s PUBLIC with a 500 m straight-line radius; q QUALITY
 * (never in the basic shares).
 */
class AggregateModelsTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  private static final List<Category> CATEGORIES =
      List.of(
          AggregateKernelTest.category("a", Tier.BASIC, 5, null),
          AggregateKernelTest.category("b", Tier.BASIC, 10, null),
          new Category(
              "s",
              "s",
              "s",
              Tier.PUBLIC,
              null,
              500.0,
              Threshold.Distance.STRAIGHT_LINE,
              null,
              List.of(),
              List.of(),
              0),
          AggregateKernelTest.category("q", Tier.QUALITY, 15, null));

  private static final List<Targets.Measure> MEASURES =
      List.of(
          new Targets.Measure(
              "s_300m",
              List.of(List.of("s")),
              null,
              300.0,
              Threshold.Distance.STRAIGHT_LINE,
              Targets.Population.RESIDENTS,
              ""));

  private static final Map<String, Map<String, Threshold>> OVERRIDES =
      Map.of("140522", Map.of("s", Threshold.minutes(5)));

  private static AggregateKernel kernel(AggregateKernel.Model model) {
    return new AggregateKernel(
        CATEGORIES, List.of(5, 10, 15), 80, 1.25, OVERRIDES, MEASURES, model);
  }

  private static final AggregateKernel NETWORK = kernel(AggregateKernel.Model.NETWORK);
  private static final AggregateKernel STRAIGHT = kernel(AggregateKernel.Model.STRAIGHT_LINE);

  /** Four cells with 100, 300, 0 and 600 residents; the last one did not link to a street. */
  static UnitCells fourCells() {
    double[][] walk = {
      {700, 900, 100, 1000}, // a
      {800, 1200, 50, INF}, // b
      {900, 400, 100, 700}, // s
      {INF, INF, INF, INF} // q
    };
    double[][] straight = {
      {400, 800, 0, 800},
      {500, 600, 40, 700},
      {450, 510, 80, 300},
      {2000, 2000, 2000, 2000}
    };
    boolean[][] within = new boolean[4 * 3][4];
    return new UnitCells(
        4,
        new long[] {1, 2, 3, 4},
        new double[] {100, 300, 0, 600},
        new double[4],
        new double[4],
        new double[4],
        walk,
        within,
        new boolean[4],
        new double[4],
        straight,
        new boolean[] {true, true, true, false});
  }

  private static double value(AggregateKernel k, double[] values, String name) {
    List<String> names = k.cellColumns();
    assertThat(names).contains(name);
    return values[names.indexOf(name)];
  }

  @Test
  void modelColumnsExistOnlyUnderTheNetworkModel() {
    assertThat(NETWORK.modelColumns())
        .containsExactly(
            "share_basic_10min_network",
            "share_basic_10min_straight",
            "share_basic_15min_network",
            "share_basic_15min_straight",
            "detour_p10",
            "detour_p50",
            "detour_p90",
            "share_unlinked",
            "detour_factor_assumed");
    assertThat(NETWORK.cellColumns()).endsWith(NETWORK.modelColumns().toArray(String[]::new));
    assertThat(STRAIGHT.modelColumns()).isEmpty();
    assertThat(STRAIGHT.cellColumns())
        .noneMatch(c -> c.startsWith("detour_") || c.endsWith("_network"));
  }

  @Test
  void basicSharesUnderBothModels() {
    double[] v = NETWORK.cellValues(fourCells());
    // network ≤ 800: cell 1 (a 700, b 800 inclusive) and cell 3 (0 people); cell 2 a 900, cell 4 a
    // 1000
    assertThat(value(NETWORK, v, "share_basic_10min_network")).isEqualTo(0.1);
    // network ≤ 1,200: cells 1 and 2 (b exactly 1,200); cell 4 has no b on the network
    assertThat(value(NETWORK, v, "share_basic_15min_network")).isEqualTo(0.4);
    // straight ≤ 640: cell 1 (400, 500); cell 2 a 800 and cell 4 a 800 fail
    assertThat(value(NETWORK, v, "share_basic_10min_straight")).isEqualTo(0.1);
    // straight ≤ 960: every cell, q (quality) does not count
    assertThat(value(NETWORK, v, "share_basic_15min_straight")).isEqualTo(1.0);
    assertThat(value(NETWORK, v, "share_unlinked")).isEqualTo(0.6);
    assertThat(value(NETWORK, v, "detour_factor_assumed")).isEqualTo(1.25);
  }

  @Test
  void detourQuantilesWeighPairsOfLinkedCellsByPopulation() {
    double[] v = NETWORK.cellValues(fourCells());
    // pairs: cell 1 a 700/400 = 1.75, b 800/500 = 1.6 (100 each); cell 2 a 900/800 = 1.125, b
    // 1200/600 = 2 (300
    // each); cell 3 a has straight 0 (left out), b 1.25 with weight 0; cell 4 unlinked (left out).
    // sorted 1.125 (300), 1.6 (100), 1.75 (100), 2 (300), total 800: 80 → 1.125, 400 → 1.6, 720 → 2
    assertThat(value(NETWORK, v, "detour_p10")).isEqualTo(1.125);
    assertThat(value(NETWORK, v, "detour_p50")).isEqualTo(1.6);
    assertThat(value(NETWORK, v, "detour_p90")).isEqualTo(2.0);
  }

  @Test
  void straightLineRadiiCompareStraightLineMetresUnderTheNetworkModel() {
    // network: dist_straight_m ≤ 500: cells 1 (450), 3 (80) and 4 (300) → 700 / 1000
    assertThat(NETWORK.ownIsStraight(null, 2)).isTrue();
    assertThat(NETWORK.ownThresholdM(2)).isEqualTo(500.0);
    assertThat(value(NETWORK, NETWORK.cellValues(fourCells()), "share_own_s")).isEqualTo(0.7);
    assertThat(NETWORK.ownDistances(null, 2, fourCells())).containsExactly(450, 510, 80, 300);
    // straight-line model: dist_m ≤ 500 × 1.25 = 625: cells 2 (400) and 3 → 300 / 1000
    assertThat(STRAIGHT.ownIsStraight(null, 2)).isFalse();
    assertThat(STRAIGHT.ownThresholdM(2)).isEqualTo(625.0);
    assertThat(value(STRAIGHT, STRAIGHT.cellValues(fourCells()), "share_own_s")).isEqualTo(0.3);
    // walking thresholds keep dist_m: a within 5 min = 400 m on the network: cell 3 only (0 people)
    assertThat(value(NETWORK, NETWORK.cellValues(fourCells()), "share_own_a")).isEqualTo(0.0);
  }

  @Test
  void aCountyOverrideWithAWalkingTimeUsesTheNetworkDistance() {
    // 140522: s within 5 min = 400 m of dist_m: cells 2 (400) and 3 → 0.3
    assertThat(NETWORK.ownIsStraight("140522", 2)).isFalse();
    assertThat(NETWORK.ownThresholdM("140522", 2)).isEqualTo(400.0);
    assertThat(value(NETWORK, NETWORK.cellValues("140522", fourCells()), "share_own_s"))
        .isEqualTo(0.3);
  }

  @Test
  void straightLineMeasuresAndCompoundsUseStraightLineMetres() {
    // s within 300 m straight line: cells 3 (80) and 4 (300, inclusive) → 600 / 1000
    assertThat(value(NETWORK, NETWORK.cellValues(fourCells()), "reach_s_300m")).isEqualTo(0.6);
    // compounds count once: 3 of 4 have s within 500 m straight line
    List<String> names = NETWORK.compoundColumns();
    double[] v = NETWORK.compoundValues(fourCells());
    assertThat(v[names.indexOf("compound_share_own_s")]).isEqualTo(0.75);
  }

  @Test
  void theNetworkModelNeedsStraightLineColumnsAndADetourFactor() {
    UnitCells straightOnly =
        new UnitCells(
            1,
            new long[] {1},
            new double[] {1},
            new double[1],
            new double[1],
            new double[1],
            new double[][] {{1}, {1}, {1}, {1}},
            new boolean[12][1],
            new boolean[1],
            new double[1]);
    assertThatThrownBy(() -> NETWORK.cellValues(straightOnly))
        .hasMessage("Cannot compare s with its straight-line radius: no dist_straight_m_s");
    assertThatThrownBy(
            () ->
                new AggregateKernel(
                    CATEGORIES,
                    List.of(10),
                    80,
                    Double.NaN,
                    Map.of(),
                    List.of(),
                    AggregateKernel.Model.NETWORK))
        .hasMessage(
            "Cannot compare the network with the straight-line model: detour factor NaN is not a finite number ≥ 1");
    assertThatThrownBy(() -> AggregateKernel.Model.of("bus"))
        .hasMessage("Cannot use walk model bus: not straight_line or network");
  }
}
