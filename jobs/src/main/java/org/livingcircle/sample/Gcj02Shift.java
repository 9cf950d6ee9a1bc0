package org.livingcircle.sample;

/**
 * WGS84 → GCJ-02 forward transform (the published "Mars coordinates" polynomial on the
 * Krasovsky 1940 ellipsoid). Near Jincheng/Changzhi it moves points ≈550–600 m, mostly east
 * (domain brief). Private to the sample generator.
 */
// replace with ChinaCoordinates at merge
final class Gcj02Shift implements CoordinateShift {
  /** Krasovsky 1940 semi-major axis, metres. */
  private static final double SEMI_MAJOR_M = 6378245.0;
  /** Krasovsky 1940 first eccentricity squared. */
  private static final double ECCENTRICITY_SQ = 0.00669342162296594323;

  @Override
  public void shift(double lng, double lat, double[] out) {
    double x = lng - 105.0;
    double y = lat - 35.0;
    double dLat = latOffset(x, y);
    double dLng = lngOffset(x, y);
    double radLat = lat / 180.0 * Math.PI;
    double magic = Math.sin(radLat);
    magic = 1 - ECCENTRICITY_SQ * magic * magic;
    double sqrtMagic = Math.sqrt(magic);
    dLat = (dLat * 180.0) / ((SEMI_MAJOR_M * (1 - ECCENTRICITY_SQ)) / (magic * sqrtMagic) * Math.PI);
    dLng = (dLng * 180.0) / (SEMI_MAJOR_M / sqrtMagic * Math.cos(radLat) * Math.PI);
    out[0] = lng + dLng;
    out[1] = lat + dLat;
  }

  private static double latOffset(double x, double y) {
    double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
    r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
    r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
    return r;
  }

  private static double lngOffset(double x, double y) {
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
    r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
    r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
    return r;
  }
}
