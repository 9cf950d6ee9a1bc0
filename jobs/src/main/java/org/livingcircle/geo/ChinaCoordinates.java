package org.livingcircle.geo;

/** TEMPORARY interface stand-in; replaced by the config branch's implementation at merge. */
public final class ChinaCoordinates {
  private ChinaCoordinates() {}

  public static void gcj02ToWgs84(double lng, double lat, double[] out) {
    out[0] = lng;
    out[1] = lat;
  }

  public static void bd09ToWgs84(double lng, double lat, double[] out) {
    out[0] = lng;
    out[1] = lat;
  }
}
