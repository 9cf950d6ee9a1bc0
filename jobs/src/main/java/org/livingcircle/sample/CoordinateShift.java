package org.livingcircle.sample;

/**
 * Shifts WGS84 (lng, lat) degrees into a Chinese "encrypted" datum such as GCJ-02, and back.
 *
 * <p>Kept as an interface so that the generator's private transform can be swapped for the
 * project's shared {@code org.livingcircle.geo.ChinaCoordinates} at merge.
 */
public interface CoordinateShift {
  /** Writes the shifted longitude and latitude (degrees) of a WGS84 point into {@code out[0..1]}. */
  void shift(double lng, double lat, double[] out);

  /**
   * Writes the WGS84 point whose shift is ({@code lng}, {@code lat}) into {@code out[0..1]}, by
   * fixed-point iteration on {@link #shift}; converges to better than 1e-9 degrees (≈0.1 mm) in a
   * few steps because the shift varies slowly (≈600 m over hundreds of km).
   */
  default void unshift(double lng, double lat, double[] out) {
    double x = lng;
    double y = lat;
    double[] probe = new double[2];
    for (int i = 0; i < 30; i++) {
      shift(x, y, probe);
      double dx = probe[0] - lng;
      double dy = probe[1] - lat;
      x -= dx;
      y -= dy;
      if (Math.abs(dx) < 1e-10 && Math.abs(dy) < 1e-10) {
        break;
      }
    }
    out[0] = x;
    out[1] = y;
  }

  /** The generator's own WGS84 → GCJ-02 forward transform. */
  static CoordinateShift gcj02() {
    return new Gcj02Shift(); // replace with ChinaCoordinates at merge
  }
}
