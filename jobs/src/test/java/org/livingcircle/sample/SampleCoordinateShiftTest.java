package org.livingcircle.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SampleCoordinateShiftTest {
  private final CoordinateShift shift = CoordinateShift.gcj02();

  @Test
  void shiftNearJinchengIsAbout600MetresMostlyEast() {
    // domain brief: near Jincheng/Changzhi the GCJ-02 offset is ≈550–600 m, mostly east
    for (double[] p : new double[][] {{112.851, 35.497}, {113.117, 36.196}, {112.415, 35.486}}) {
      double[] out = new double[2];
      shift.shift(p[0], p[1], out);
      double eastM = (out[0] - p[0]) * 111_320 * Math.cos(Math.toRadians(p[1]));
      double northM = (out[1] - p[1]) * 111_320;
      assertThat(Math.hypot(eastM, northM)).isBetween(500.0, 650.0);
      assertThat(eastM).isGreaterThan(3 * Math.abs(northM));
    }
  }

  @Test
  void unshiftInvertsShiftToWithinAMillimetre() {
    double[] shifted = new double[2];
    double[] back = new double[2];
    for (double lng = 110.5; lng <= 114.5; lng += 0.37) {
      for (double lat = 34.7; lat <= 40.6; lat += 0.41) {
        shift.shift(lng, lat, shifted);
        shift.unshift(shifted[0], shifted[1], back);
        assertThat(Math.abs(back[0] - lng)).isLessThan(1e-8);
        assertThat(Math.abs(back[1] - lat)).isLessThan(1e-8);
      }
    }
  }
}
