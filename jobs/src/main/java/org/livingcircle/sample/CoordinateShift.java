package org.livingcircle.sample;

import org.livingcircle.geo.ChinaCoordinates;

/**
 * Shifts WGS84 (lng, lat) degrees into a Chinese "encrypted" datum such as GCJ-02, and back.
 *
 * <p>Kept as an interface so that the generator's private transform can be swapped for the
 * project's shared {@code org.livingcircle.geo.ChinaCoordinates} at merge.
 */
public interface CoordinateShift {
  /**
   * Writes the shifted longitude and latitude (degrees) of a WGS84 point into {@code out[0..1]}.
   */
  void shift(double lng, double lat, double[] out);

  /**
   * Writes the WGS84 point whose GCJ-02 image is ({@code lng}, {@code lat}) into {@code out[0..1]}.
   * fixed-point iteration on {@link #shift}; converges to better than 1e-9 degrees (≈0.1 mm) in a
   * few steps because the shift varies slowly (≈600 m over hundreds of km).
   */
  default void unshift(double lng, double lat, double[] out) {
    ChinaCoordinates.gcj02ToWgs84(lng, lat, out);
  }

  /** The generator's own WGS84 → GCJ-02 forward transform. */
  static CoordinateShift gcj02() {
    return ChinaCoordinates::wgs84ToGcj02;
  }
}
