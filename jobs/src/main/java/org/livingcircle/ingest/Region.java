package org.livingcircle.ingest;

import java.io.Serializable;
import org.livingcircle.common.Checks;

/**
 * A longitude/latitude box that valid coordinates must fall in (the city's counties plus a margin).
 * Used to reject placeholders and swapped coordinates before any spatial join.
 */
public record Region(double minLng, double minLat, double maxLng, double maxLat)
    implements Serializable {
  /** Shanxi province with a margin of about half a degree. */
  public static final Region SHANXI = new Region(110.0, 34.3, 114.8, 40.9);

  /** Margin around a city's own outlines, degrees (about 50 km north-south). */
  public static final double MARGIN_DEG = 0.5;

  public Region {
    Checks.check(
        minLng < maxLng && minLat < maxLat,
        "Cannot use region %s,%s,%s,%s: empty box",
        minLng,
        minLat,
        maxLng,
        maxLat);
  }

  /**
   * The box of a city's outlines widened by {@link #MARGIN_DEG}, clamped to valid longitudes and
   * latitudes.
   */
  public static Region around(double minLng, double minLat, double maxLng, double maxLat) {
    return new Region(
        Math.max(-180, minLng - MARGIN_DEG),
        Math.max(-90, minLat - MARGIN_DEG),
        Math.min(180, maxLng + MARGIN_DEG),
        Math.min(90, maxLat + MARGIN_DEG));
  }

  public boolean contains(double lng, double lat) {
    return lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat;
  }
}
