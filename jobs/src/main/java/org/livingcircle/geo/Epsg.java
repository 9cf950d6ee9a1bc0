package org.livingcircle.geo;

import java.util.List;

/** EPSG codes of CRS names as the configuration writes them ({@code EPSG:32649}). */
public final class Epsg {
  private Epsg() {}

  /** The numeric code of {@code crs}, e.g. 32649 for {@code EPSG:32649}. */
  public static int code(String crs) {
    List<String> parts = List.of(crs.split(":"));
    if (parts.size() != 2
        || !parts.get(0).equalsIgnoreCase("EPSG")
        || !parts.get(1).matches("[0-9]{4,6}")) {
      throw new IllegalArgumentException("Cannot use CRS " + crs + ": expected EPSG:<code>");
    }
    return Integer.parseInt(parts.get(1));
  }
}
