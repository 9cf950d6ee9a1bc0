package org.livingcircle.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.livingcircle.config.Tier;
import org.livingcircle.config.WalkModel;

class AccessKernelTest {
  /**
   * 80 m/min and detour 1.25 make every threshold radius a whole number: 5 min → 320 m straight
   * line.
   */
  private static final WalkModel EXACT_WALK = new WalkModel(80, 1.25);

  private static final int[] THRESHOLDS_MIN = {5, 10, 15};
  private static final double LIMIT_MIN = 20;

  /** Straight-line radii of 5, 10, 15 and 20 minutes under {@link #EXACT_WALK}. */
  private static final double[] PLANTED_METERS = {320, 640, 960, 1280};

  private static final Tier[] FIVE_TIERS = {
    Tier.BASIC, Tier.BASIC, Tier.BASIC, Tier.QUALITY, Tier.PUBLIC
  };

  private static AccessParams params(WalkModel walk, Tier[] tiers) {
    return new AccessParams(walk, THRESHOLDS_MIN, LIMIT_MIN, tiers, 10, 15);
  }

  private static AccessIndicators computeChecked(
      SyntheticCity city, AccessParams params, double bucketMeters) {
    AccessKernel kernel = new AccessKernel(city.index(bucketMeters), params);
    AccessIndicators out = kernel.compute(city.originX, city.originY);
    out.checkInvariants();
    return out;
  }

  @Test
  void handDerivedOrigin() {
    SyntheticCity city =
        new SyntheticCity(5)
            .origin(0, 0, 100)
            .origin(10_000, 10_000, 100)
            // category 0: exactly 5 min (320 m straight × 1.25 = 400 m), exactly 10 min, and a
            // duplicate pair at 1000 m
            .facility(192, 256, 0, 1)
            .facility(0, 640, 0, 1)
            .facility(600, 800, 0, 1)
            .facility(600, 800, 0, 1)
            // category 1: exactly on the search limit, 1280 m straight = 1600 m walk = 20 min
            .facility(768, 1024, 1, 1)
            // category 2: 1 cm beyond the search limit
            .facility(0, -1280.01, 2, 1)
            // category 3 (quality): exactly 15 min
            .facility(-576, -768, 3, 1);
    // category 4: no facility at all

    AccessIndicators out = computeChecked(city, params(EXACT_WALK, FIVE_TIERS), 640);

    assertThat(out.nearestWalkMeters(0, 0)).isEqualTo(400f);
    assertThat(new int[] {out.nWithin(0, 0, 0), out.nWithin(1, 0, 0), out.nWithin(2, 0, 0)})
        .containsExactly(1, 2, 2);
    assertThat(out.nearestWalkMeters(1, 0)).isEqualTo(1600f);
    assertThat(new int[] {out.nWithin(0, 1, 0), out.nWithin(1, 1, 0), out.nWithin(2, 1, 0)})
        .containsExactly(0, 0, 0);
    assertThat(out.nearestWalkMeters(2, 0)).isEqualTo(AccessIndicators.NONE_WITHIN_LIMIT);
    assertThat(out.nearestWalkMeters(3, 0)).isEqualTo(1200f);
    assertThat(new int[] {out.nWithin(0, 3, 0), out.nWithin(1, 3, 0), out.nWithin(2, 3, 0)})
        .containsExactly(0, 0, 1);
    assertThat(out.nearestWalkMeters(4, 0)).isEqualTo(AccessIndicators.NONE_WITHIN_LIMIT);
    assertThat(out.nBasicTypes[0]).isEqualTo(1);
    assertThat(out.nQualityTypes[0]).isEqualTo(1);
    assertThat(out.basicComplete(0)).isFalse();
    // basic categories: 5 min, 20 min, none (capped at the 20 min limit) → (5 + 20 + 20) / 3
    assertThat(out.proximityMin[0]).isEqualTo(15f);
    assertThat(out.nProximityCapped[0]).isEqualTo(1);

    for (int c = 0; c < 5; c++) {
      assertThat(out.nearestWalkMeters(c, 1)).isEqualTo(AccessIndicators.NONE_WITHIN_LIMIT);
    }
    assertThat(out.nBasicTypes[1]).isZero();
    assertThat(out.proximityMin[1]).isEqualTo(20f);
    assertThat(out.nProximityCapped[1]).isEqualTo(3);
  }

  @Test
  void completeBasicSet() {
    SyntheticCity city =
        new SyntheticCity(3)
            .origin(-50_000, -20_000, 1)
            .facility(-50_000 + 384, -20_000 + 512, 0, 1) // 640 m straight = 800 m walk = 10 min
            .facility(-50_000, -20_000, 1, 1) // same point: 0 min
            .facility(-50_000 - 192, -20_000 - 256, 2, 1); // 5 min
    Tier[] tiers = {Tier.BASIC, Tier.BASIC, Tier.QUALITY};

    AccessIndicators out = computeChecked(city, params(EXACT_WALK, tiers), 320);

    assertThat(out.basicComplete(0)).isTrue();
    assertThat(out.nBasicTypes[0]).isEqualTo(2);
    assertThat(out.nQualityTypes[0]).isEqualTo(1);
    assertThat(out.proximityMin[0]).isEqualTo(5f); // (10 + 0) / 2
    assertThat(out.nProximityCapped[0]).isZero();
  }

  @Test
  void matchesBruteForceOnRandomCities() {
    double[][] offsets = {
      {0, 0},
      {39_500_000, 4_000_000}, // CGCS2000 3° Gauss-Krüger with zone prefix 39
      {-50_000, -20_000},
      {650_000, 3_950_000}, // UTM 49N
    };
    WalkModel[] walks = {EXACT_WALK, new WalkModel(75, 1.3)};
    for (int seed = 1; seed <= 4; seed++) {
      double[] offset = offsets[seed - 1];
      SyntheticCity city =
          SyntheticCity.random(
              seed, 600, 1500, 6, offset[0], offset[1], 6_000, 2_000, PLANTED_METERS, 1280.01);
      Tier[] tiers = {Tier.BASIC, Tier.BASIC, Tier.QUALITY, Tier.BASIC, Tier.QUALITY, Tier.BASIC};
      for (WalkModel walk : walks) {
        AccessParams params = params(walk, tiers);
        double limitMeters = LIMIT_MIN * walk.speedMetersPerMinute() / walk.detourFactor();
        for (double bucketMeters :
            new double[] {limitMeters / 4, limitMeters / 2, limitMeters * 3, 50_000}) {
          assertMatchesOracle(city, params, computeChecked(city, params, bucketMeters));
        }
      }
    }
  }

  @Test
  void rangesFillOnlyTheirOrigins() {
    SyntheticCity city =
        SyntheticCity.random(7, 200, 500, 4, 0, 0, 4_000, 1_000, PLANTED_METERS, 1280.01);
    AccessParams params =
        params(EXACT_WALK, new Tier[] {Tier.BASIC, Tier.QUALITY, Tier.BASIC, Tier.BASIC});
    AccessKernel kernel = new AccessKernel(city.index(640), params);
    AccessIndicators out = new AccessIndicators(params, city.originX.length);

    kernel.compute(city.originX, city.originY, 0, 120, out);
    kernel.compute(city.originX, city.originY, 120, 200, out);

    out.checkInvariants();
    assertMatchesOracle(city, params, out);
  }

  @Test
  void invariantsCatchFallingCounts() {
    SyntheticCity city = new SyntheticCity(1).origin(0, 0, 1).facility(192, 256, 0, 1);
    AccessIndicators out = computeChecked(city, params(EXACT_WALK, new Tier[] {Tier.BASIC}), 640);
    out.nWithin[2][0] = 0;

    assertThatThrownBy(out::checkInvariants)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Cannot accept access indicators: origin 0 category 0: n_15min = 0 is less than n_10min = 1");
  }

  @Test
  void rejectsBadParameters() {
    Tier[] basic = {Tier.BASIC};
    assertThatThrownBy(() -> new AccessParams(EXACT_WALK, new int[] {5, 5}, 20, basic, 5, 5))
        .hasMessage("Cannot use thresholds_min: [5, 5] is not strictly increasing");
    assertThatThrownBy(() -> new AccessParams(EXACT_WALK, THRESHOLDS_MIN, 12, basic, 10, 15))
        .hasMessage("Cannot use search_limit_min: 12.0 is less than the largest threshold 15 min");
    assertThatThrownBy(() -> new AccessParams(EXACT_WALK, THRESHOLDS_MIN, 20, basic, 8, 15))
        .hasMessage("Cannot use basic_threshold_min: 8 is not one of thresholds_min [5, 10, 15]");
    assertThatThrownBy(
            () ->
                new AccessParams(EXACT_WALK, THRESHOLDS_MIN, 20, new Tier[] {Tier.QUALITY}, 10, 15))
        .hasMessage(
            "Cannot use categories: none has tier BASIC; proximity time and completeness need one");
    assertThatThrownBy(() -> new WalkModel(80, 0.9))
        .hasMessage("Cannot use detour_factor: 0.9 is not a finite number in [1, 3]");
    assertThatThrownBy(
            () ->
                new FacilityIndex(
                    new double[] {0}, new double[] {0}, new int[] {3}, new double[] {1}, 2, 100))
        .hasMessage("Cannot index facility 0: category 3 is outside [0, 2)");
    assertThatThrownBy(
            () ->
                new FacilityIndex(
                    new double[] {0, 1e9},
                    new double[] {0, 1e9},
                    new int[] {0, 0},
                    new double[] {1, 1},
                    1,
                    1))
        .hasMessage(
            "Cannot bucket 2 points: 1000000001 × 1000000001 buckets of 1.0 m exceed 33554432; use larger buckets");
  }

  /** Compares every indicator with an O(origins × facilities) loop written from the definitions. */
  private static void assertMatchesOracle(
      SyntheticCity city, AccessParams params, AccessIndicators out) {
    WalkModel walk = params.walk();
    int nOrigins = city.originX.length;
    int nCategories = params.nCategories();
    for (int o = 0; o < nOrigins; o++) {
      double[] nearestMin = new double[nCategories];
      int[][] counts = new int[THRESHOLDS_MIN.length][nCategories];
      java.util.Arrays.fill(nearestMin, Double.POSITIVE_INFINITY);
      for (int f = 0; f < city.facilityX.length; f++) {
        double walkMeters =
            Math.hypot(city.facilityX[f] - city.originX[o], city.facilityY[f] - city.originY[o])
                * walk.detourFactor();
        double minutes = walkMeters / walk.speedMetersPerMinute();
        int c = city.category[f];
        if (minutes <= LIMIT_MIN) {
          nearestMin[c] = Math.min(nearestMin[c], minutes);
        }
        for (int t = 0; t < THRESHOLDS_MIN.length; t++) {
          counts[t][c] += minutes <= THRESHOLDS_MIN[t] ? 1 : 0;
        }
      }
      int basicTypes = 0;
      int qualityTypes = 0;
      int capped = 0;
      double proximitySum = 0;
      int nBasic = 0;
      for (int c = 0; c < nCategories; c++) {
        String where = "origin " + o + " category " + c;
        double expectedMeters = nearestMin[c] * walk.speedMetersPerMinute();
        if (Double.isInfinite(expectedMeters)) {
          assertThat(out.nearestWalkMeters(c, o))
              .as(where)
              .isEqualTo(AccessIndicators.NONE_WITHIN_LIMIT);
        } else {
          assertThat((double) out.nearestWalkMeters(c, o))
              .as(where)
              .isCloseTo(expectedMeters, within(1e-3));
        }
        for (int t = 0; t < THRESHOLDS_MIN.length; t++) {
          assertThat(out.nWithin(t, c, o))
              .as(where + " n_" + THRESHOLDS_MIN[t] + "min")
              .isEqualTo(counts[t][c]);
        }
        if (params.tier(c) == Tier.BASIC) {
          nBasic++;
          basicTypes += nearestMin[c] <= 10 ? 1 : 0;
          capped += Double.isInfinite(nearestMin[c]) ? 1 : 0;
          proximitySum += Math.min(nearestMin[c], LIMIT_MIN);
        } else if (params.tier(c) == Tier.QUALITY) {
          qualityTypes += nearestMin[c] <= 15 ? 1 : 0;
        }
      }
      assertThat(out.nBasicTypes[o]).as("origin " + o).isEqualTo(basicTypes);
      assertThat(out.nQualityTypes[o]).as("origin " + o).isEqualTo(qualityTypes);
      assertThat(out.nProximityCapped[o]).as("origin " + o).isEqualTo(capped);
      assertThat((double) out.proximityMin[o])
          .as("origin " + o)
          .isCloseTo(proximitySum / nBasic, within(1e-4));
    }
  }
}
