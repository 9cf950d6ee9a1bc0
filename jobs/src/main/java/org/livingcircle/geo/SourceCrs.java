package org.livingcircle.geo;

import java.util.Locale;

/** Coordinate systems that Chinese POI sources use, all converted to WGS84 on ingest. */
public enum SourceCrs {
  /** WGS84 longitude/latitude (OSM, GPS). */
  WGS84,
  /** GCJ-02, the obfuscated system of Amap and Tencent maps (≈ 550–600 m off near Jincheng). */
  GCJ02,
  /** BD-09, Baidu's system: GCJ-02 with a further offset. */
  BD09;

  /** Parses "wgs84", "gcj02"/"gcj-02" or "bd09"/"bd-09", case-insensitively; null if unknown. */
  public static SourceCrs parse(String text) {
    if (text == null) {
      return null;
    }
    String key =
        text.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(":", "");
    return switch (key) {
      case "wgs84", "epsg4326", "ogccrs84" -> WGS84;
      case "gcj02" -> GCJ02;
      case "bd09", "bd09ll" -> BD09;
      default -> null;
    };
  }

  /** Writes WGS84 longitude and latitude of (lng, lat) into {@code out[0..1]}. */
  public void toWgs84(double lng, double lat, double[] out) {
    switch (this) {
      case WGS84 -> {
        out[0] = lng;
        out[1] = lat;
      }
      case GCJ02 -> ChinaCoordinates.gcj02ToWgs84(lng, lat, out);
      case BD09 -> ChinaCoordinates.bd09ToWgs84(lng, lat, out);
    }
  }

  /** Returns the lower-case configuration name, e.g. {@code gcj02}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
