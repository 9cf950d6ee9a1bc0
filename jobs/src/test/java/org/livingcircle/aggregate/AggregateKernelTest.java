package org.livingcircle.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.livingcircle.config.CapacityKind;
import org.livingcircle.config.Category;
import org.livingcircle.config.Targets;
import org.livingcircle.config.Tier;

/**
 * Hand-derived expectations: speed 80 m/min, category a own 5 min (400 m), b own 10 min (800 m).
 */
class AggregateKernelTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  static Category category(String id, Tier tier, double thresholdMin, CapacityKind kind) {
    return Category.walking(id, id, id, tier, thresholdMin, kind, List.of(), List.of(), 0);
  }

  static final AggregateKernel KERNEL =
      new AggregateKernel(
          List.of(
              category("a", Tier.BASIC, 5, null),
              category("b", Tier.PUBLIC, 10, CapacityKind.NURSERY_PLACES)),
          List.of(5, 10),
          80);

  /** Four cells with 100, 300, 0 and 600 residents (1,000 in all). */
  static UnitCells fourCells() {
    double[] pop = {100, 300, 0, 600};
    double[][] dist = {{200, 500, 100, INF}, {800, 900, INF, 1600}};
    boolean[][] within = {
      {true, false, true, false}, // a within 5 min
      {true, true, true, false}, // a within 10 min
      {false, false, false, false}, // b within 5 min
      {true, false, false, false} // b within 10 min
    };
    return new UnitCells(
        4,
        new long[] {1, 2, 3, 4},
        pop,
        new double[] {4, 12, 0, 24},
        new double[4],
        new double[4],
        dist,
        within,
        new boolean[] {true, false, true, false},
        new double[] {2, 5, 1, 10});
  }

  private static double value(List<String> names, double[] values, String name) {
    assertThat(names).contains(name);
    return values[names.indexOf(name)];
  }

  @Test
  void columnsAreNamedByThresholdAndCategory() {
    assertThat(KERNEL.cellColumns())
        .containsExactly(
            "n_cells",
            "n_populated_cells",
            "population",
            "pop_0_2",
            "pop_3_5",
            "pop_60_plus",
            "share_basic_complete_10min",
            "share_5min_a",
            "share_5min_b",
            "share_10min_a",
            "share_10min_b",
            "share_own_a",
            "share_own_b",
            "mean_min_a",
            "mean_min_b",
            "median_min_a",
            "median_min_b",
            "share_none_within_limit_a",
            "share_none_within_limit_b",
            "gini_proximity_min");
    assertThat(KERNEL.compoundColumns())
        .containsExactly(
            "n_compounds",
            "compound_share_basic_complete_10min",
            "compound_share_own_a",
            "compound_share_own_b");
    assertThat(KERNEL.supplyColumns())
        .containsExactly(
            "per_1000_a",
            "per_1000_b",
            "capacity_nursery_places",
            "capacity_kindergarten_places",
            "capacity_elderly_beds",
            "capacity_school_places",
            "capacity_hospital_beds",
            "capacity_per_1000_nursery_places",
            "capacity_per_1000_kindergarten_places",
            "capacity_per_1000_elderly_beds",
            "capacity_per_1000_school_places",
            "capacity_per_1000_hospital_beds",
            "nursery_places_per_1000_aged_0_2",
            "kindergarten_places_per_1000_aged_3_5",
            "elderly_beds_per_1000_aged_60_plus",
            "nursing_bed_share");
  }

  @Test
  void cellStatistics() {
    List<String> n = KERNEL.cellColumns();
    double[] v = KERNEL.cellValues(fourCells());
    assertThat(value(n, v, "n_cells")).isEqualTo(4);
    assertThat(value(n, v, "n_populated_cells")).isEqualTo(3);
    assertThat(value(n, v, "population")).isEqualTo(1000);
    assertThat(value(n, v, "pop_0_2")).isEqualTo(40);
    // basic complete in cells 1 (100 people) and 3 (0 people)
    assertThat(value(n, v, "share_basic_complete_10min")).isEqualTo(0.1);
    assertThat(value(n, v, "share_5min_a")).isEqualTo(0.1);
    assertThat(value(n, v, "share_10min_a")).isEqualTo(0.4);
    assertThat(value(n, v, "share_5min_b")).isEqualTo(0.0);
    assertThat(value(n, v, "share_10min_b")).isEqualTo(0.1);
    // a: 200 m ≤ 400 m (100 people), 100 m (0 people); b: exactly 800 m counts (100 people)
    assertThat(value(n, v, "share_own_a")).isEqualTo(0.1);
    assertThat(value(n, v, "share_own_b")).isEqualTo(0.1);
    // a in minutes: 2.5 (100), 6.25 (300), 1.25 (0), none (600, excluded): (250 + 1875) / 400
    assertThat(value(n, v, "mean_min_a")).isEqualTo(5.3125);
    // b: 10 (100), 11.25 (300), 20 (600): (1000 + 3375 + 12000) / 1000
    assertThat(value(n, v, "mean_min_b")).isEqualTo(16.375);
    // a: half of 400 people first reached at 6.25; b: half of 1,000 first reached at 20
    assertThat(value(n, v, "median_min_a")).isEqualTo(6.25);
    assertThat(value(n, v, "median_min_b")).isEqualTo(20.0);
    assertThat(value(n, v, "share_none_within_limit_a")).isEqualTo(0.6);
    assertThat(value(n, v, "share_none_within_limit_b")).isEqualTo(0.0);
    // 2 (100), 5 (300), 10 (600): Σ_i Σ_j w_i w_j |x_i − x_j| / (2 W² μ) = 2·(300·300 + 600·800 +
    // 1800·500) / (2·10⁶·7.7)
    assertThat(value(n, v, "gini_proximity_min")).isCloseTo(147.0 / 770, within(1e-12));
  }

  @Test
  void compoundsCountOnceEach() {
    UnitCells compounds =
        new UnitCells(
            3,
            new long[] {0, 1, 2},
            new double[3],
            new double[3],
            new double[3],
            new double[3],
            new double[][] {{300, 450, INF}, {100, 100, 100}},
            new boolean[][] {new boolean[3], new boolean[3], new boolean[3], new boolean[3]},
            new boolean[] {true, true, false},
            new double[3]);
    List<String> n = KERNEL.compoundColumns();
    double[] v = KERNEL.compoundValues(compounds);
    assertThat(value(n, v, "n_compounds")).isEqualTo(3);
    assertThat(value(n, v, "compound_share_basic_complete_10min")).isEqualTo(2.0 / 3);
    assertThat(value(n, v, "compound_share_own_a")).isEqualTo(1.0 / 3);
    assertThat(value(n, v, "compound_share_own_b")).isEqualTo(1.0);
  }

  @Test
  void supplyPerThousand() {
    List<String> n = KERNEL.supplyColumns();
    double[] v =
        KERNEL.supplyValues(
            new AggregateKernel.Residents(1000, 40, 50, 200),
            new double[] {3, 2},
            new double[] {4, 8, 16, 0, 32});
    assertThat(value(n, v, "per_1000_a")).isEqualTo(3.0);
    assertThat(value(n, v, "per_1000_b")).isEqualTo(2.0);
    assertThat(value(n, v, "capacity_elderly_beds")).isEqualTo(16.0);
    assertThat(value(n, v, "capacity_per_1000_nursery_places")).isEqualTo(4.0);
    assertThat(value(n, v, "capacity_per_1000_hospital_beds")).isEqualTo(32.0);
    assertThat(value(n, v, "capacity_per_1000_school_places")).isEqualTo(0.0);
    // 4 places for 40 children aged 0-2; 8 for 50 aged 3-5; 16 beds for 200 aged 60+
    assertThat(value(n, v, "nursery_places_per_1000_aged_0_2")).isEqualTo(100.0);
    assertThat(value(n, v, "kindergarten_places_per_1000_aged_3_5")).isEqualTo(160.0);
    assertThat(value(n, v, "elderly_beds_per_1000_aged_60_plus")).isEqualTo(80.0);
  }

  @Test
  void emptyOrUnpopulatedUnitsGiveNaN() {
    UnitCells empty = new AggregateRows(KERNEL).cells(java.util.Collections.emptyIterator());
    double[] v = KERNEL.cellValues(empty);
    List<String> n = KERNEL.cellColumns();
    assertThat(value(n, v, "n_cells")).isEqualTo(0);
    assertThat(value(n, v, "share_own_a")).isNaN();
    assertThat(value(n, v, "median_min_b")).isNaN();
    double[] s =
        KERNEL.supplyValues(
            new AggregateKernel.Residents(0, 0, 0, 0), new double[] {1, 0}, new double[5]);
    assertThat(s[0]).isNaN();
  }

  /**
   * Hand-derived: detour 1.25, speed 80. a: 500 m straight line = 625 m walking; b: 300 m walking
   * distance.
   */
  static final AggregateKernel RADII =
      new AggregateKernel(
          List.of(
              new Category(
                  "a",
                  "a",
                  "a",
                  Tier.PUBLIC,
                  null,
                  500.0,
                  org.livingcircle.config.Threshold.Distance.STRAIGHT_LINE,
                  null,
                  List.of(),
                  List.of(),
                  0),
              new Category(
                  "b",
                  "b",
                  "b",
                  Tier.PUBLIC,
                  null,
                  300.0,
                  org.livingcircle.config.Threshold.Distance.WALKING,
                  null,
                  List.of(),
                  List.of(),
                  0)),
          List.of(5, 10),
          80,
          1.25,
          java.util.Map.of(
              "140522", java.util.Map.of("a", org.livingcircle.config.Threshold.minutes(5))),
          List.of(
              new Targets.Measure(
                  "both",
                  List.of(List.of("a"), List.of("b")),
                  10.0,
                  null,
                  null,
                  Targets.Population.RESIDENTS,
                  ""),
              new Targets.Measure(
                  "either_300m",
                  List.of(List.of("a", "b")),
                  null,
                  300.0,
                  org.livingcircle.config.Threshold.Distance.STRAIGHT_LINE,
                  Targets.Population.AGED_0_2,
                  "")));

  @Test
  void radiusThresholdsAreMeasuredAsTheirKindSays() {
    // dist_m (walking) a: 200, 500, 100, INF; b: 800, 900, INF, 1600 (fourCells)
    List<String> n = RADII.cellColumns();
    double[] v = RADII.cellValues(fourCells());
    // a: straight line ≤ 500 m ⟺ walking ≤ 625 m: cells 1 (100), 2 (300), 3 (0) → 400 / 1000
    assertThat(RADII.ownThresholdM(0)).isEqualTo(625.0);
    assertThat(value(n, v, "share_own_a")).isEqualTo(0.4);
    // b: walking ≤ 300 m: none
    assertThat(RADII.ownThresholdM(1)).isEqualTo(300.0);
    assertThat(value(n, v, "share_own_b")).isEqualTo(0.0);
  }

  @Test
  void unitOverridesReplaceTheOwnThresholdOfThatUnitOnly() {
    List<String> n = RADII.cellColumns();
    // county 140522: a within 5 min = 400 m walking: cells 1 (100), 3 (0) → 0.1; other units keep
    // 625 m
    assertThat(RADII.ownThresholdM("140522", 0)).isEqualTo(400.0);
    assertThat(RADII.ownThresholdM("140500", 0)).isEqualTo(625.0);
    assertThat(value(n, RADII.cellValues("140522", fourCells()), "share_own_a")).isEqualTo(0.1);
    assertThat(value(n, RADII.cellValues("140500", fourCells()), "share_own_a")).isEqualTo(0.4);
  }

  @Test
  void measuresNeedEveryElementOfTheBasketForTheirPopulation() {
    List<String> n = RADII.cellColumns();
    double[] v = RADII.cellValues(fourCells());
    // both within 10 min = 800 m walking: a ≤ 800 in cells 1, 2, 3; b ≤ 800 in cell 1 only → 100 /
    // 1000
    assertThat(value(n, v, "reach_both")).isEqualTo(0.1);
    // either within 300 m straight line = 375 m walking: a in cells 1 (200) and 3 (100); weights
    // are pop_0_2
    // {4, 12, 0, 24}: 4 / 40
    assertThat(value(n, v, "reach_either_300m")).isEqualTo(0.1);
  }

  @Test
  void nursingBedShareIsNursingOverBedsOfInstitutionsThatSayIt() {
    List<String> n = KERNEL.supplyColumns();
    double[] v =
        KERNEL.supplyValues(
            new AggregateKernel.Residents(1000, 40, 50, 200),
            new double[] {3, 2},
            new double[] {4, 8, 16, 0, 32},
            new double[] {120, 242});
    assertThat(value(n, v, "nursing_bed_share")).isEqualTo(120.0 / 242);
    assertThat(
            value(
                n,
                KERNEL.supplyValues(
                    new AggregateKernel.Residents(1000, 40, 50, 200),
                    new double[] {3, 2},
                    new double[] {4, 8, 16, 0, 32}),
                "nursing_bed_share"))
        .isNaN();
  }

  @Test
  void straightLineRadiusNeedsADetourFactor() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new AggregateKernel(
                    List.of(
                        new Category(
                            "a",
                            "a",
                            "a",
                            Tier.PUBLIC,
                            null,
                            500.0,
                            org.livingcircle.config.Threshold.Distance.STRAIGHT_LINE,
                            null,
                            List.of(),
                            List.of(),
                            0)),
                    List.of(5),
                    80))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot use the straight-line radius of a: no detour factor given");
  }
}
