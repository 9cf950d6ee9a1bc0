package org.livingcircle.ingest;

/** Checks a coordinate pair given as text; shared by every reader so reasons stay the same. */
final class Locations {
  /** Why a coordinate pair cannot be used. */
  record Problem(Reason reason, String detail) {}

  private Locations() {}

  /**
   * Parses (lngText, latText) into {@code out[0..1]} and returns null, or returns the problem:
   * empty, not numbers, the 0,0 placeholder, swapped, or outside {@code region}.
   */
  static Problem parse(String lngText, String latText, Region region, double[] out) {
    if (lngText == null || latText == null || lngText.isBlank() || latText.isBlank()) {
      return new Problem(Reason.MISSING_COORDINATES, "location is empty");
    }
    double lng;
    double lat;
    try {
      lng = Double.parseDouble(lngText.strip());
      lat = Double.parseDouble(latText.strip());
    } catch (NumberFormatException e) {
      return new Problem(Reason.BAD_COORDINATES, "not numbers: " + lngText + "," + latText);
    }
    if (!Double.isFinite(lng) || !Double.isFinite(lat) || (lng == 0 && lat == 0)) {
      return new Problem(Reason.BAD_COORDINATES, "placeholder or not finite: " + lng + "," + lat);
    }
    if (!region.contains(lng, lat)) {
      Reason reason =
          region.contains(lat, lng) ? Reason.SWAPPED_COORDINATES : Reason.OUTSIDE_REGION;
      return new Problem(reason, lng + "," + lat + " is outside " + region);
    }
    out[0] = lng;
    out[1] = lat;
    return null;
  }
}
