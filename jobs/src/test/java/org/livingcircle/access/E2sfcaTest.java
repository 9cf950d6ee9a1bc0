package org.livingcircle.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.livingcircle.config.WalkModel;

class E2sfcaTest {
  /** 80 m/min, detour 1.25, 10 min catchment: d0 = 800 m walking = 640 m straight line. */
  private static final WalkModel WALK = new WalkModel(80, 1.25);

  private static final double CATCHMENT_MIN = 10;

  /** Dai's Gaussian at d/d0 = 0.5, (e^−0.125 − e^−0.5) / (1 − e^−0.5), evaluated independently. */
  private static final double WEIGHT_AT_HALF = 0.7013665732390044;

  @Test
  void handDerivedCatchments() {
    SyntheticCity city =
        new SyntheticCity(2)
            .origin(0, 0, 4) // k0: on the facilities, W = 1
            .origin(384, 512, 100) // k1: 640 m straight = d0, W = 0
            .origin(192, 256, 0) // k2: d0 / 2, no population
            .origin(10_000, 0, 50) // k3: far from A and D
            .facility(0, 0, 0, 8) // A
            .facility(0, 0, 0, 8) // D: duplicate of A
            .facility(10_000 + 384, 512, 0, 4) // B: only k3 at exactly d0, so no weighted demand
            .facility(0, 0, 1, 16); // C: another category, ignored

    E2sfca.Result result =
        new E2sfca(city.index(320), WALK, CATCHMENT_MIN)
            .compute(0, city.originX, city.originY, city.population);

    // R_A = R_D = 8 / (4 × 1 + 100 × 0 + 0 × W(d0/2)) = 2; R_B = 0 (no demand); C is not in the
    // category
    assertThat(result.ratioByFacility())
        .containsExactly(new double[] {2, 2, 0, Double.NaN}, within(1e-12));
    assertThat(result.nFacilitiesWithoutDemand()).isEqualTo(1);
    // A_k0 = 2 + 2; A_k1 = 0 (on the catchment edge); A_k2 = 2 W(d0/2) × 2; A_k3 = W(d0) × R_B = 0
    assertThat(result.access())
        .containsExactly(new double[] {4, 0, 4 * WEIGHT_AT_HALF, 0}, within(1e-12));
  }

  @Test
  void weightIsDaiGaussian() {
    assertThat(E2sfca.weight(0, 1)).isEqualTo(1.0);
    assertThat(E2sfca.weight(0.25, 1)).isCloseTo(WEIGHT_AT_HALF, within(1e-15));
    assertThat(E2sfca.weight(1, 1)).isCloseTo(0.0, within(1e-15));
    assertThat(E2sfca.weight(1.0000001, 1)).isEqualTo(0.0);
  }

  @Test
  void matchesBruteForceOnRandomCities() {
    double[][] offsets = {{0, 0}, {39_500_000, 4_000_000}, {-50_000, -20_000}};
    for (int seed = 1; seed <= 3; seed++) {
      SyntheticCity city =
          SyntheticCity.random(
              seed,
              500,
              800,
              4,
              offsets[seed - 1][0],
              offsets[seed - 1][1],
              5_000,
              1_500,
              new double[] {320, 640},
              640.01);
      for (int category = 0; category < city.nCategories; category++) {
        E2sfca.Result result =
            new E2sfca(city.index(500), WALK, CATCHMENT_MIN)
                .compute(category, city.originX, city.originY, city.population);
        double[][] expected = bruteForce(city, category);
        for (int f = 0; f < city.facilityX.length; f++) {
          double want = expected[1][f];
          double got = result.ratioByFacility()[f];
          if (Double.isNaN(want)) {
            assertThat(got).as("facility " + f).isNaN();
          } else {
            assertThat(got).as("facility " + f).isCloseTo(want, within(1e-9 * Math.max(1, want)));
          }
        }
        for (int i = 0; i < city.originX.length; i++) {
          assertThat(result.access()[i])
              .as("seed " + seed + " category " + category + " origin " + i)
              .isCloseTo(expected[0][i], within(1e-9 * Math.max(1, expected[0][i])));
        }
      }
    }
  }

  @Test
  void conservesSupplyWhenEveryFacilityHasDemand() {
    // dense demand in 2 km × 2 km; every facility inside it sees demand within its 640 m
    // straight-line catchment
    SyntheticCity city =
        SyntheticCity.random(11, 800, 300, 3, 39_500_000, 4_000_000, 2_000, 0, new double[0], 0);
    for (int category = 0; category < city.nCategories - 1; category++) {
      E2sfca.Result result =
          new E2sfca(city.index(320), WALK, CATCHMENT_MIN)
              .compute(category, city.originX, city.originY, city.population);
      assertThat(result.nFacilitiesWithoutDemand()).isZero();
      double supply = 0;
      for (int f = 0; f < city.facilityX.length; f++) {
        supply += city.category[f] == category ? city.capacity[f] : 0;
      }
      double served = 0;
      for (int i = 0; i < city.originX.length; i++) {
        served += result.access()[i] * city.population[i];
      }
      assertThat(supply).isPositive();
      assertThat(served).isCloseTo(supply, within(1e-9 * supply));
    }
  }

  @Test
  void rejectsNegativePopulation() {
    SyntheticCity city = new SyntheticCity(1).origin(0, 0, -1).facility(0, 0, 0, 1);
    E2sfca e2sfca = new E2sfca(city.index(100), WALK, CATCHMENT_MIN);

    assertThatThrownBy(() -> e2sfca.compute(0, city.originX, city.originY, city.population))
        .hasMessage(
            "Cannot compute E2SFCA: population -1.0 at demand point 0 is not a finite number ≥ 0");
  }

  /**
   * {access per origin, ratio per facility} from the definitions, O(origins × facilities), walking
   * metres.
   */
  private static double[][] bruteForce(SyntheticCity city, int category) {
    double d0 = CATCHMENT_MIN * WALK.speedMetersPerMinute();
    double floor = Math.exp(-0.5);
    int nO = city.originX.length;
    int nF = city.facilityX.length;
    double[][] w = new double[nO][nF];
    for (int i = 0; i < nO; i++) {
      for (int f = 0; f < nF; f++) {
        double d =
            Math.hypot(city.facilityX[f] - city.originX[i], city.facilityY[f] - city.originY[i])
                * WALK.detourFactor();
        w[i][f] = d <= d0 ? (Math.exp(-0.5 * (d / d0) * (d / d0)) - floor) / (1 - floor) : 0;
      }
    }
    double[] ratio = new double[nF];
    for (int f = 0; f < nF; f++) {
      if (city.category[f] != category) {
        ratio[f] = Double.NaN;
        continue;
      }
      double demand = 0;
      for (int i = 0; i < nO; i++) {
        demand += w[i][f] * city.population[i];
      }
      ratio[f] = demand > 0 ? city.capacity[f] / demand : 0;
    }
    double[] access = new double[nO];
    for (int i = 0; i < nO; i++) {
      for (int f = 0; f < nF; f++) {
        access[i] += city.category[f] == category ? w[i][f] * ratio[f] : 0;
      }
    }
    return new double[][] {access, ratio};
  }
}
