package org.livingcircle.geo;

/** Hilbert-curve index of a point in a bounding box, used to sort rows spatially before writing. */
public final class Hilbert {
  /** Bits per axis: a 65,536 × 65,536 lattice over the box. */
  public static final int ORDER = 16;

  private Hilbert() {}

  /**
   * Returns the Hilbert index (0 .. 2^32-1) of (x, y) on a 2^ORDER lattice spanning the box; points
   * outside the box are clamped to its edge, NaN maps to 0.
   */
  public static long index(double x, double y, double xmin, double ymin, double xmax, double ymax) {
    int side = 1 << ORDER;
    long xi = lattice(x, xmin, xmax, side);
    long yi = lattice(y, ymin, ymax, side);
    long d = 0;
    for (long s = side >>> 1; s > 0; s >>>= 1) {
      long rx = (xi & s) > 0 ? 1 : 0;
      long ry = (yi & s) > 0 ? 1 : 0;
      d += s * s * ((3 * rx) ^ ry);
      if (ry == 0) {
        if (rx == 1) {
          xi = s - 1 - xi;
          yi = s - 1 - yi;
        }
        long t = xi;
        xi = yi;
        yi = t;
      }
    }
    return d;
  }

  private static long lattice(double v, double min, double max, int side) {
    if (!(max > min) || Double.isNaN(v)) {
      return 0;
    }
    double f = (v - min) / (max - min);
    long i = (long) Math.floor(f * side);
    return Math.max(0, Math.min(side - 1, i));
  }
}
