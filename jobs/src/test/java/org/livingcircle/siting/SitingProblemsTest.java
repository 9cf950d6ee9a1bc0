package org.livingcircle.siting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.livingcircle.config.CapacityKind;
import org.livingcircle.config.Category;
import org.livingcircle.config.Targets;
import org.livingcircle.config.Threshold;
import org.livingcircle.config.Tier;

class SitingProblemsTest {
  private static final List<Category> CATEGORIES =
      List.of(
          new Category(
              "nursery",
              "托育",
              "nursery",
              Tier.PUBLIC,
              10.0,
              null,
              null,
              CapacityKind.NONE,
              List.of(),
              List.of(),
              0),
          new Category(
              "green_space",
              "绿地",
              "green space",
              Tier.PUBLIC,
              null,
              300.0,
              Threshold.Distance.STRAIGHT_LINE,
              CapacityKind.NONE,
              List.of(),
              List.of(),
              0),
          new Category(
              "elderly_care",
              "养老",
              "elderly care",
              Tier.QUALITY,
              15.0,
              null,
              null,
              CapacityKind.NONE,
              List.of(),
              List.of(),
              0),
          new Category(
              "elderly_day_care",
              "日间照料",
              "day care",
              Tier.PUBLIC,
              15.0,
              null,
              null,
              CapacityKind.NONE,
              List.of(),
              List.of(),
              0));

  private static Targets.Target target(String indicator) {
    return new Targets.Target(
        "t",
        indicator,
        List.of("140522"),
        Targets.Comparator.AT_LEAST,
        1.0,
        "share",
        2025,
        "seed 000 plan",
        "L1",
        "s",
        "n",
        null,
        null,
        null);
  }

  @Test
  void aMeasureTargetIsSitedForItsCategoriesThresholdAndPopulation() {
    Targets all =
        new Targets(
            List.of(
                new Targets.Measure(
                    "nursery_10min_aged_0_2",
                    List.of(List.of("nursery")),
                    10.0,
                    null,
                    null,
                    Targets.Population.AGED_0_2,
                    ""),
                new Targets.Measure(
                    "green_300m",
                    List.of(List.of("green_space")),
                    null,
                    300.0,
                    Threshold.Distance.STRAIGHT_LINE,
                    Targets.Population.RESIDENTS,
                    ""),
                new Targets.Measure(
                    "care_either",
                    List.of(List.of("elderly_care", "elderly_day_care")),
                    15.0,
                    null,
                    null,
                    Targets.Population.AGED_60_PLUS,
                    "")),
            List.of(),
            List.of());

    SitingProblems.Coverage nursery =
        SitingProblems.coverage(
                target("reach_nursery_10min_aged_0_2"), all, CATEGORIES, List.of(5, 10, 15))
            .orElseThrow();
    assertThat(nursery.weightColumn()).isEqualTo("pop_0_2");
    assertThat(nursery.needs())
        .extracting(SitingProblems.Need::category)
        .containsExactly("nursery");
    assertThat(nursery.needs().get(0).column()).isEqualTo("dist_m_nursery");

    SitingProblems.Coverage green =
        SitingProblems.coverage(target("reach_green_300m"), all, CATEGORIES, List.of(5, 10, 15))
            .orElseThrow();
    assertThat(green.weightColumn()).isEqualTo("population");
    // a 300 m straight-line radius: a new site covers 300 m around it, whatever the detour factor
    assertThat(
            green.needs().get(0).straightLineMeters(new org.livingcircle.config.WalkModel(80, 1.3)))
        .isCloseTo(300.0, org.assertj.core.api.Assertions.within(1e-9));

    // "any of" two kinds of elderly care: which to add is the plan's choice, not sited
    assertThat(
            SitingProblems.coverage(
                target("reach_care_either"), all, CATEGORIES, List.of(5, 10, 15)))
        .isEmpty();
  }
}
