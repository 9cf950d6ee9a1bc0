package org.livingcircle.sample;

import java.util.List;
import java.util.SplittableRandom;
import org.livingcircle.common.InputException;

/**
 * The WGS84 outline of one county (all rings of all its polygons), with an even-odd ray-casting
 * containment test accelerated by a coarse grid of cells that are wholly inside, wholly outside, or
 * crossed by an edge. Immutable after construction; thread-safe.
 */
final class CountyShape {
  private static final int GRID = 128;
  private static final byte OUTSIDE = 0;
  private static final byte INSIDE = 1;
  private static final byte MIXED = 2;

  /** Metres per degree of latitude (spherical approximation, good to 0.5 % for sampling). */
  static final double METERS_PER_DEGREE = 111_320.0;

  private final double[][] ringLngs;
  private final double[][] ringLats;
  private final double minLng;
  private final double minLat;
  private final double maxLng;
  private final double maxLat;
  private final double cellLng;
  private final double cellLat;
  private final byte[] cells = new byte[GRID * GRID];

  /**
   * @param rings closed or open rings as {@code [lng, lat]} pairs; outer rings and holes alike
   */
  CountyShape(List<double[][]> rings, String label) {
    if (rings.isEmpty()) {
      throw new InputException("Cannot use county " + label + ": it has no polygon rings");
    }
    ringLngs = new double[rings.size()][];
    ringLats = new double[rings.size()][];
    double x0 = Double.POSITIVE_INFINITY, y0 = Double.POSITIVE_INFINITY;
    double x1 = Double.NEGATIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < rings.size(); r++) {
      double[][] ring = rings.get(r);
      if (ring.length < 3) {
        throw new InputException(
            "Cannot use county "
                + label
                + ": ring "
                + r
                + " has "
                + ring.length
                + " points, fewer than 3");
      }
      ringLngs[r] = new double[ring.length];
      ringLats[r] = new double[ring.length];
      for (int i = 0; i < ring.length; i++) {
        ringLngs[r][i] = ring[i][0];
        ringLats[r][i] = ring[i][1];
        x0 = Math.min(x0, ring[i][0]);
        x1 = Math.max(x1, ring[i][0]);
        y0 = Math.min(y0, ring[i][1]);
        y1 = Math.max(y1, ring[i][1]);
      }
    }
    minLng = x0;
    minLat = y0;
    maxLng = x1;
    maxLat = y1;
    cellLng = (x1 - x0) / GRID;
    cellLat = (y1 - y0) / GRID;
    buildGrid();
  }

  private void buildGrid() {
    for (int r = 0; r < ringLngs.length; r++) {
      double[] xs = ringLngs[r];
      double[] ys = ringLats[r];
      for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
        int cx0 = cellX(Math.min(xs[i], xs[j]));
        int cx1 = cellX(Math.max(xs[i], xs[j]));
        int cy0 = cellY(Math.min(ys[i], ys[j]));
        int cy1 = cellY(Math.max(ys[i], ys[j]));
        for (int cy = cy0; cy <= cy1; cy++) {
          for (int cx = cx0; cx <= cx1; cx++) {
            cells[cy * GRID + cx] = MIXED;
          }
        }
      }
    }
    for (int cy = 0; cy < GRID; cy++) {
      for (int cx = 0; cx < GRID; cx++) {
        int c = cy * GRID + cx;
        if (cells[c] != MIXED) {
          boolean in = containsExact(minLng + (cx + 0.5) * cellLng, minLat + (cy + 0.5) * cellLat);
          cells[c] = in ? INSIDE : OUTSIDE;
        }
      }
    }
  }

  private int cellX(double lng) {
    int c = cellLng > 0 ? (int) ((lng - minLng) / cellLng) : 0;
    return Math.max(0, Math.min(GRID - 1, c));
  }

  private int cellY(double lat) {
    int c = cellLat > 0 ? (int) ((lat - minLat) / cellLat) : 0;
    return Math.max(0, Math.min(GRID - 1, c));
  }

  /** True if the WGS84 point lies inside the county (even-odd rule over all rings). */
  boolean contains(double lng, double lat) {
    if (!(lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat)) {
      return false;
    }
    byte state = cells[cellY(lat) * GRID + cellX(lng)];
    return state == MIXED ? containsExact(lng, lat) : state == INSIDE;
  }

  private boolean containsExact(double lng, double lat) {
    boolean inside = false;
    for (int r = 0; r < ringLngs.length; r++) {
      double[] xs = ringLngs[r];
      double[] ys = ringLats[r];
      for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
        if ((ys[i] > lat) != (ys[j] > lat)
            && lng < (xs[j] - xs[i]) * (lat - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
          inside = !inside;
        }
      }
    }
    return inside;
  }

  /** A uniformly random point inside the county, written to {@code out[0..1]}. */
  void randomInterior(SplittableRandom rng, double[] out) {
    for (int attempt = 0; attempt < 100_000; attempt++) {
      double lng = minLng + rng.nextDouble() * (maxLng - minLng);
      double lat = minLat + rng.nextDouble() * (maxLat - minLat);
      if (contains(lng, lat)) {
        out[0] = lng;
        out[1] = lat;
        return;
      }
    }
    throw new InputException(
        "Cannot place a point in county outline: no interior point found in 100,000 tries");
  }

  /** Approximate area in km², from the fraction of grid cells inside (±1 cell row). */
  double approxAreaKm2() {
    int n = 0;
    for (byte c : cells) {
      n += c == INSIDE ? 2 : c == MIXED ? 1 : 0;
    }
    double midLat = Math.toRadians((minLat + maxLat) / 2);
    double cellKm2 =
        cellLng
            * METERS_PER_DEGREE
            * Math.cos(midLat)
            / 1000.0
            * cellLat
            * METERS_PER_DEGREE
            / 1000.0;
    return n / 2.0 * cellKm2;
  }

  double minLng() {
    return minLng;
  }

  double minLat() {
    return minLat;
  }

  double maxLng() {
    return maxLng;
  }

  double maxLat() {
    return maxLat;
  }
}
