package org.livingcircle.geo;

/**
 * Conversions between WGS84 (GPS, OSM), GCJ-02 (China's obfuscated datum, used by Amap) and BD-09
 * (Baidu).
 *
 * <p>All methods take longitude and latitude in degrees and write {@code [lon, lat]} into a
 * caller-provided {@code double[2]} (which may be reused); they allocate nothing. GCJ-02 is the
 * widely published closed form (Krasovsky ellipsoid a = 6378245 m, e² = 0.00669342162296594323);
 * near Jincheng and Changzhi it moves points about 550-600 m, mostly east (domain brief). BD-09
 * adds Baidu's further polar shift on top of GCJ-02.
 *
 * <p><b>Outside-China rule:</b> points outside the rough mainland box lon 72.004-137.8347°E, lat
 * 0.8293-55.8271°N (the box used by common open-source converters) are returned unchanged by every
 * method. The box includes neighbouring territory; the study area (112-114°E, 35-37°N) lies well
 * inside.
 *
 * <p>Inverses ({@link #gcj02ToWgs84}, {@link #bd09ToGcj02}) iterate a fixed point until the step is
 * below 1e-9° (about 0.1 mm) or 30 iterations; in the study area they converge in a handful of
 * steps to far below 1 cm. Stateless and thread-safe.
 */
public final class ChinaCoordinates {
  private static final double KRASOVSKY_A = 6378245.0;
  private static final double KRASOVSKY_EE = 0.00669342162296594323;
  private static final double BD_X_PI = Math.PI * 3000.0 / 180.0;
  private static final double BD_OFFSET_LON = 0.0065;
  private static final double BD_OFFSET_LAT = 0.006;

  /** Convergence limit of the iterative inverses, degrees. */
  public static final double INVERSE_TOLERANCE_DEG = 1e-9;

  /** Iteration cap of the iterative inverses. */
  public static final int INVERSE_MAX_ITERATIONS = 30;

  private ChinaCoordinates() {}

  /** True when the point is inside the rough mainland box and gets shifted. */
  public static boolean insideChina(double lon, double lat) {
    return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
  }

  /** WGS84 → GCJ-02. */
  public static void wgs84ToGcj02(double lon, double lat, double[] out) {
    if (!insideChina(lon, lat)) {
      set(out, lon, lat);
      return;
    }
    gcjShift(lon, lat, out);
    set(out, lon + out[0], lat + out[1]);
  }

  /** GCJ-02 → WGS84 by fixed-point iteration of {@link #wgs84ToGcj02}. */
  public static void gcj02ToWgs84(double lon, double lat, double[] out) {
    if (!insideChina(lon, lat)) {
      set(out, lon, lat);
      return;
    }
    double wLon = lon;
    double wLat = lat;
    for (int i = 0; i < INVERSE_MAX_ITERATIONS; i++) {
      gcjShift(wLon, wLat, out);
      double stepLon = lon - (wLon + out[0]);
      double stepLat = lat - (wLat + out[1]);
      wLon += stepLon;
      wLat += stepLat;
      if (Math.abs(stepLon) < INVERSE_TOLERANCE_DEG && Math.abs(stepLat) < INVERSE_TOLERANCE_DEG) {
        break;
      }
    }
    set(out, wLon, wLat);
  }

  /** GCJ-02 → BD-09. */
  public static void gcj02ToBd09(double lon, double lat, double[] out) {
    if (!insideChina(lon, lat)) {
      set(out, lon, lat);
      return;
    }
    double z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * BD_X_PI);
    double theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * BD_X_PI);
    set(out, z * Math.cos(theta) + BD_OFFSET_LON, z * Math.sin(theta) + BD_OFFSET_LAT);
  }

  /**
   * BD-09 → GCJ-02: the published closed-form approximation, refined by fixed-point iteration so
   * that it inverts {@link #gcj02ToBd09} exactly (to {@link #INVERSE_TOLERANCE_DEG}).
   */
  public static void bd09ToGcj02(double lon, double lat, double[] out) {
    if (!insideChina(lon, lat)) {
      set(out, lon, lat);
      return;
    }
    double x = lon - BD_OFFSET_LON;
    double y = lat - BD_OFFSET_LAT;
    double z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * BD_X_PI);
    double theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * BD_X_PI);
    double gLon = z * Math.cos(theta);
    double gLat = z * Math.sin(theta);
    for (int i = 0; i < INVERSE_MAX_ITERATIONS; i++) {
      gcj02ToBd09(gLon, gLat, out);
      double stepLon = lon - out[0];
      double stepLat = lat - out[1];
      gLon += stepLon;
      gLat += stepLat;
      if (Math.abs(stepLon) < INVERSE_TOLERANCE_DEG && Math.abs(stepLat) < INVERSE_TOLERANCE_DEG) {
        break;
      }
    }
    set(out, gLon, gLat);
  }

  /** WGS84 → BD-09 (via GCJ-02). */
  public static void wgs84ToBd09(double lon, double lat, double[] out) {
    wgs84ToGcj02(lon, lat, out);
    gcj02ToBd09(out[0], out[1], out);
  }

  /** BD-09 → WGS84 (via GCJ-02). */
  public static void bd09ToWgs84(double lon, double lat, double[] out) {
    bd09ToGcj02(lon, lat, out);
    gcj02ToWgs84(out[0], out[1], out);
  }

  /** Writes the GCJ-02 shift (dLon, dLat) in degrees at a WGS84 point into {@code out}. */
  private static void gcjShift(double lon, double lat, double[] out) {
    double x = lon - 105.0;
    double y = lat - 35.0;
    double dLat = shiftLat(x, y);
    double dLon = shiftLon(x, y);
    double radLat = lat / 180.0 * Math.PI;
    double magic = Math.sin(radLat);
    magic = 1 - KRASOVSKY_EE * magic * magic;
    double sqrtMagic = Math.sqrt(magic);
    dLat = (dLat * 180.0) / ((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic) * Math.PI);
    dLon = (dLon * 180.0) / (KRASOVSKY_A / sqrtMagic * Math.cos(radLat) * Math.PI);
    out[0] = dLon;
    out[1] = dLat;
  }

  private static double shiftLat(double x, double y) {
    double r =
        -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
    r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
    r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320.0 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
    return r;
  }

  private static double shiftLon(double x, double y) {
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
    r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
    r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
    return r;
  }

  private static void set(double[] out, double lon, double lat) {
    out[0] = lon;
    out[1] = lat;
  }
}
