package org.livingcircle.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ChinaCoordinatesTest {
  /** Mean Earth radius (IUGG), metres; enough for centimetre-level differences over metres. */
  private static final double EARTH_RADIUS_M = 6_371_008.8;

  private final double[] out = new double[2];

  /** Local equirectangular distance in metres between two nearby points. */
  private static double meters(double lon1, double lat1, double lon2, double lat2) {
    double dx = Math.toRadians(lon2 - lon1) * Math.cos(Math.toRadians((lat1 + lat2) / 2));
    double dy = Math.toRadians(lat2 - lat1);
    return EARTH_RADIUS_M * Math.hypot(dx, dy);
  }

  @Test
  void roundTripsOverStudyAreaWithinOneCentimetre() {
    double worstGcj = 0;
    double worstBd = 0;
    double worstBdGcj = 0;
    // 112-114°E, 35-37°N on a 0.01° lattice: 201 × 201 points
    for (int i = 0; i <= 200; i++) {
      for (int j = 0; j <= 200; j++) {
        double lon = 112.0 + i * 0.01;
        double lat = 35.0 + j * 0.01;
        ChinaCoordinates.wgs84ToGcj02(lon, lat, out);
        ChinaCoordinates.gcj02ToWgs84(out[0], out[1], out);
        worstGcj = Math.max(worstGcj, meters(lon, lat, out[0], out[1]));

        ChinaCoordinates.wgs84ToBd09(lon, lat, out);
        ChinaCoordinates.bd09ToWgs84(out[0], out[1], out);
        worstBd = Math.max(worstBd, meters(lon, lat, out[0], out[1]));

        ChinaCoordinates.gcj02ToBd09(lon, lat, out);
        ChinaCoordinates.bd09ToGcj02(out[0], out[1], out);
        worstBdGcj = Math.max(worstBdGcj, meters(lon, lat, out[0], out[1]));
      }
    }
    assertThat(worstGcj).isLessThan(0.01);
    assertThat(worstBd).isLessThan(0.01);
    assertThat(worstBdGcj).isLessThan(0.01);
  }

  @Test
  void offsetNearJinchengIsAbout550To600MetresMostlyEast() {
    // domain brief: near Jincheng/Changzhi the GCJ-02 offset is ≈ 550-600 m, mostly east
    double[][] points = {{112.85, 35.49}, {113.12, 36.20}, {112.40, 35.50}};
    for (double[] p : points) {
      ChinaCoordinates.wgs84ToGcj02(p[0], p[1], out);
      double east = meters(p[0], p[1], out[0], p[1]) * Math.signum(out[0] - p[0]);
      double north = meters(p[0], p[1], p[0], out[1]) * Math.signum(out[1] - p[1]);
      assertThat(Math.hypot(east, north)).as("offset at %s", (Object) p).isBetween(540.0, 610.0);
      assertThat(east).as("east at %s", (Object) p).isGreaterThan(10 * Math.abs(north));
    }
  }

  @Test
  void publishedWgs84Gcj02PairsFromEviltransform() {
    // googollee/eviltransform go/transform_test.go: {wgsLat, wgsLng, gcjLat, gcjLng} for Shanghai,
    // Shenzhen,
    // Beijing; that test compares to 5 decimals and requires its exact inverse within 0.5 m.
    double[][] pairs = {
      {31.1774276, 121.5272106, 31.17530398364597, 121.531541859215},
      {22.543847, 113.912316, 22.540796131694766, 113.9171764808363},
      {39.911954, 116.377817, 39.91334545536069, 116.38404722455657},
    };
    for (double[] p : pairs) {
      ChinaCoordinates.wgs84ToGcj02(p[1], p[0], out);
      assertThat(meters(out[0], out[1], p[3], p[2])).isLessThan(0.01);
      ChinaCoordinates.gcj02ToWgs84(p[3], p[2], out);
      assertThat(meters(out[0], out[1], p[1], p[0])).isLessThan(0.01);
    }
  }

  @Test
  void publishedVectorsFromCoordtransform() {
    // wandergis/coordtransform test/app.js, input (116.404, 39.915) for each function.
    ChinaCoordinates.wgs84ToGcj02(116.404, 39.915, out);
    assertThat(out[0]).isCloseTo(116.41024449916938, within(1e-9));
    assertThat(out[1]).isCloseTo(39.91640428150164, within(1e-9));

    ChinaCoordinates.gcj02ToBd09(116.404, 39.915, out);
    assertThat(out[0]).isCloseTo(116.41036949371029, within(1e-9));
    assertThat(out[1]).isCloseTo(39.92133699351021, within(1e-9));

    // coordtransform's inverses are one-step approximations: ours iterate, so agree to about a
    // metre only
    ChinaCoordinates.bd09ToGcj02(116.404, 39.915, out);
    assertThat(meters(out[0], out[1], 116.39762729119315, 39.90865673957631)).isLessThan(1.0);
    ChinaCoordinates.gcj02ToWgs84(116.404, 39.915, out);
    assertThat(meters(out[0], out[1], 116.39775550083061, 39.91359571849836)).isLessThan(2.0);
  }

  @Test
  void pointsOutsideChinaAreNotShifted() {
    double[][] points = {{2.3522, 48.8566}, {-74.006, 40.7128}, {139.6917, 35.6895}, {100.0, 60.0}};
    for (double[] p : points) {
      ChinaCoordinates.wgs84ToGcj02(p[0], p[1], out);
      assertThat(out).containsExactly(p[0], p[1]);
      ChinaCoordinates.gcj02ToWgs84(p[0], p[1], out);
      assertThat(out).containsExactly(p[0], p[1]);
      ChinaCoordinates.wgs84ToBd09(p[0], p[1], out);
      assertThat(out).containsExactly(p[0], p[1]);
      ChinaCoordinates.bd09ToWgs84(p[0], p[1], out);
      assertThat(out).containsExactly(p[0], p[1]);
    }
    assertThat(ChinaCoordinates.insideChina(112.85, 35.49)).isTrue();
    assertThat(ChinaCoordinates.insideChina(139.69, 35.69)).isFalse();
  }

  @Test
  void outputArrayCanBeReusedAsInput() {
    ChinaCoordinates.wgs84ToBd09(112.85, 35.49, out);
    double bdLon = out[0];
    double bdLat = out[1];
    ChinaCoordinates.wgs84ToGcj02(112.85, 35.49, out);
    ChinaCoordinates.gcj02ToBd09(out[0], out[1], out);
    assertThat(out).containsExactly(bdLon, bdLat);
  }
}
