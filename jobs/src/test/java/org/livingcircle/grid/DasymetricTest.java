package org.livingcircle.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DasymetricTest {
  @Test
  void sharesFollowTheWeights() {
    // a county of four cells with 1, 3, 0 and 4 compounds: 8 in all
    assertThat(Dasymetric.share(1, 8, 4)).isEqualTo(0.125);
    assertThat(Dasymetric.share(3, 8, 4)).isEqualTo(0.375);
    assertThat(Dasymetric.share(0, 8, 4)).isEqualTo(0.0);
    assertThat(Dasymetric.share(4, 8, 4)).isEqualTo(0.5);
    assertThat(Dasymetric.method(8)).isEqualTo(Dasymetric.Method.COMPOUNDS);
  }

  @Test
  void weightedSharesSumToOne() {
    double[] weights = {1, 3, 0, 4};
    double sum = 0;
    for (double w : weights) {
      sum += Dasymetric.share(w, 8, weights.length);
    }
    assertThat(sum).isEqualTo(1.0);
  }

  @Test
  void unitWithoutWeightIsSpreadEvenly() {
    assertThat(Dasymetric.method(0)).isEqualTo(Dasymetric.Method.UNIFORM);
    assertThat(Dasymetric.share(0, 0, 4)).isEqualTo(0.25);
    assertThat(Dasymetric.share(0, 0, 1)).isEqualTo(1.0);
    double sum = 0;
    for (int i = 0; i < 3; i++) {
      sum += Dasymetric.share(0, 0, 3);
    }
    assertThat(sum).isCloseTo(1.0, within(1e-15));
  }

  @Test
  void fractionalRasterWeightsWork() {
    // raster weights are people per cell, not whole numbers: 0.5 of 2.0
    assertThat(Dasymetric.share(0.5, 2.0, 7)).isEqualTo(0.25);
    assertThat(Dasymetric.method(0.5)).isEqualTo(Dasymetric.Method.COMPOUNDS);
  }

  @Test
  void negativeOrMissingInputsAreRefused() {
    assertThatThrownBy(() -> Dasymetric.share(-1, 8, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot share population: weight -1.0 of 8.0 over 4 cells");
    assertThatThrownBy(() -> Dasymetric.share(1, -8, 4))
        .hasMessage("Cannot share population: weight 1.0 of -8.0 over 4 cells");
    assertThatThrownBy(() -> Dasymetric.share(0, 0, 0))
        .hasMessage("Cannot share population: weight 0.0 of 0.0 over 0 cells");
    assertThatThrownBy(() -> Dasymetric.share(Double.NaN, 8, 4))
        .hasMessage("Cannot share population: weight NaN of 8.0 over 4 cells");
  }
}
