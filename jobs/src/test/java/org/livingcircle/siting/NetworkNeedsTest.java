package org.livingcircle.siting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.livingcircle.config.Threshold;
import org.livingcircle.config.WalkModel;

/** Today's coverage of a need in network walking mode versus straight-line mode. */
class NetworkNeedsTest {
  private static final WalkModel WALK = new WalkModel(80, 1.3);

  @Test
  void aStraightLineRadiusReadsTheStraightLineDistanceWithoutDetourInNetworkMode() {
    SitingProblems.Need radius =
        new SitingProblems.Need(
            "park", Threshold.metres(500, Threshold.Distance.STRAIGHT_LINE), false);
    assertThat(radius.column(true)).isEqualTo("dist_straight_m_park");
    assertThat(radius.column(false)).isEqualTo("dist_m_park");
    // network: dist_straight_m 510 > 500 lacks, 500 does not (inclusive), whatever the detour
    // factor
    assertThat(radius.lacks(510.0, true, WALK)).isTrue();
    assertThat(radius.lacks(500.0, true, WALK)).isFalse();
    // straight-line mode: dist_m (straight × 1.3) against 500 × 1.3 = 650
    assertThat(radius.lacks(640.0, false, WALK)).isFalse();
    assertThat(radius.lacks(660.0, false, WALK)).isTrue();
    assertThat(radius.lacks(null, true, WALK)).isTrue();
    assertThatThrownBy(() -> radius.networkMeters(WALK))
        .hasMessageContaining("straight-line radius");
  }

  @Test
  void walkingNeedsKeepDistMAndCountsInNetworkMode() {
    SitingProblems.Need minutes = new SitingProblems.Need("clinic", 15, false);
    assertThat(minutes.column(true)).isEqualTo("dist_m_clinic");
    assertThat(minutes.networkMeters(WALK)).isEqualTo(15 * 80.0);
    assertThat(minutes.lacks(1200.0, true, WALK)).isFalse();
    assertThat(minutes.lacks(1200.5, true, WALK)).isTrue();
    SitingProblems.Need walkingRadius =
        new SitingProblems.Need("shop", Threshold.metres(300, Threshold.Distance.WALKING), false);
    assertThat(walkingRadius.column(true)).isEqualTo("dist_m_shop");
    assertThat(walkingRadius.networkMeters(WALK)).isEqualTo(300.0);
    SitingProblems.Need counted = new SitingProblems.Need("school", 10, true);
    assertThat(counted.column(true)).isEqualTo("n_10min_school");
    assertThat(counted.lacks(0, true, WALK)).isTrue();
    assertThat(counted.lacks(2, true, WALK)).isFalse();
  }
}
