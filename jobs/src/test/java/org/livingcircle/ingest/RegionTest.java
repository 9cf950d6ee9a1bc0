package org.livingcircle.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The box of a city outside Shanxi: its own outlines widened by half a degree. */
class RegionTest {
  @Test
  void aroundWidensTheOutlinesByTheMargin() {
    // Helsinki's centre (test fixture outline)
    Region r = Region.around(24.92, 60.15, 24.97, 60.19);
    assertThat(r.minLng()).isCloseTo(24.42, within(1e-9));
    assertThat(r.minLat()).isCloseTo(59.65, within(1e-9));
    assertThat(r.maxLng()).isCloseTo(25.47, within(1e-9));
    assertThat(r.maxLat()).isCloseTo(60.69, within(1e-9));
    assertThat(r.contains(24.94, 60.17)).isTrue();
    assertThat(r.contains(112.85, 35.49)).as("a Jincheng point").isFalse();
  }

  @Test
  void aroundStaysOnTheGlobe() {
    Region r = Region.around(179.9, 89.8, 179.95, 89.9);
    assertThat(r.maxLng()).isEqualTo(180.0);
    assertThat(r.maxLat()).isEqualTo(90.0);
  }
}
