package org.livingcircle.geo;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;
import static org.livingcircle.common.Checks.positive;

/**
 * A uniform square bucket grid over a set of points in a metric CRS, built once by counting sort.
 *
 * <p>Bucket {@code row * nCols + col} holds the points with {@code col = floor((x - minX) /
 * bucketMeters)} and {@code row = floor((y - minY) / bucketMeters)}, where {@code minX, minY} are
 * the smallest input coordinates, so any coordinate range works (large false eastings such as
 * 39,500,000 m, negative values). Points of one bucket are contiguous in sorted order, and so are
 * the buckets of one row, so a radius query reads one contiguous span per row ({@link #rowSpan}).
 * Coordinates are kept as {@code double}: a {@code float} has a 4 m step at 4×10⁷ m.
 *
 * <p>Immutable after construction and safe to read from many threads.
 */
public final class BucketGrid implements java.io.Serializable {
  /**
   * Most buckets allowed (2^25, a 128 MiB offsets table); more means the bucket size is far too
   * small for the extent of the points.
   */
  static final long MAX_BUCKETS = 1L << 25;

  /** Span returned when a row has no bucket within the radius: start = end = 0. */
  static final long EMPTY_SPAN = 0L;

  /**
   * Metres added to query envelopes so that rounding in bucket arithmetic never drops a point; it
   * only widens the set of buckets read, every point is still tested against the exact squared
   * radius.
   */
  private static final double PAD_METERS = 1e-3;

  final double minX;
  final double minY;
  final double bucketMeters;
  final int nCols;
  final int nRows;

  /** {@code order[sorted]} is the input index of the point at sorted position {@code sorted}. */
  private final int[] order;

  /** Sorted position of the first point of each bucket; length {@code nCols * nRows + 1}. */
  private final int[] bucketStart;

  /**
   * @param x point x in metres, finite
   * @param y point y in metres, finite, same length as {@code x}
   * @param bucketMeters bucket side in metres, positive; about half the query radius works well
   */
  public BucketGrid(double[] x, double[] y, double bucketMeters) {
    notNull(x, "x coordinates");
    notNull(y, "y coordinates");
    check(
        x.length == y.length,
        "Cannot bucket points: %s x values but %s y values",
        x.length,
        y.length);
    this.bucketMeters = positive(bucketMeters, "bucket_m");
    int n = x.length;
    double loX = Double.POSITIVE_INFINITY;
    double loY = Double.POSITIVE_INFINITY;
    double hiX = Double.NEGATIVE_INFINITY;
    double hiY = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      check(
          Double.isFinite(x[i]) && Double.isFinite(y[i]),
          "Cannot bucket point %s: coordinate (%s, %s) is not finite",
          i,
          x[i],
          y[i]);
      loX = Math.min(loX, x[i]);
      loY = Math.min(loY, y[i]);
      hiX = Math.max(hiX, x[i]);
      hiY = Math.max(hiY, y[i]);
    }
    if (n == 0) {
      loX = loY = hiX = hiY = 0.0;
    }
    this.minX = loX;
    this.minY = loY;
    long cols = (long) Math.floor((hiX - loX) / bucketMeters) + 1;
    long rows = (long) Math.floor((hiY - loY) / bucketMeters) + 1;
    check(
        cols * rows <= MAX_BUCKETS,
        "Cannot bucket %s points: %s × %s buckets of %s m exceed %s; use larger buckets",
        n,
        cols,
        rows,
        bucketMeters,
        MAX_BUCKETS);
    this.nCols = (int) cols;
    this.nRows = (int) rows;

    int nBuckets = nCols * nRows;
    int[] bucketOf = new int[n];
    int[] start = new int[nBuckets + 1];
    for (int i = 0; i < n; i++) {
      int b = row(y[i]) * nCols + col(x[i]);
      bucketOf[i] = b;
      start[b + 1]++;
    }
    for (int b = 0; b < nBuckets; b++) {
      start[b + 1] += start[b];
    }
    int[] next = new int[nBuckets];
    System.arraycopy(start, 0, next, 0, nBuckets);
    int[] sortedOrder = new int[n];
    for (int i = 0; i < n; i++) {
      sortedOrder[next[bucketOf[i]]++] = i;
    }
    this.order = sortedOrder;
    this.bucketStart = start;
  }

  public int size() {
    return order.length;
  }

  /** Input index of the point at sorted position {@code sorted}. */
  public int inputIndex(int sorted) {
    return order[sorted];
  }

  /**
   * First row that may hold a point within {@code radius} metres of ordinate {@code y}; may exceed
   * {@link #rowHi}.
   */
  public int rowLo(double y, double radius) {
    return Math.max(0, (int) Math.floor((y - radius - PAD_METERS - minY) / bucketMeters));
  }

  /**
   * Last row that may hold a point within {@code radius} metres of ordinate {@code y}; may be below
   * {@link #rowLo}.
   */
  public int rowHi(double y, double radius) {
    return Math.min(nRows - 1, (int) Math.floor((y + radius + PAD_METERS - minY) / bucketMeters));
  }

  /**
   * The contiguous sorted positions of row {@code row} whose buckets intersect the disc of {@code
   * radius} metres around (x, y), packed as {@code start << 32 | end} (end exclusive); read with
   * {@link #spanStart} and {@link #spanEnd}. Allocates nothing.
   */
  public long rowSpan(int row, double x, double y, double radius) {
    double rowMinY = minY + row * bucketMeters;
    double rowMaxY = rowMinY + bucketMeters;
    double dy = y < rowMinY ? rowMinY - y : (y > rowMaxY ? y - rowMaxY : 0.0);
    dy = Math.max(0.0, dy - PAD_METERS);
    double rest = radius * radius - dy * dy;
    if (rest < 0.0) {
      return EMPTY_SPAN;
    }
    double half = Math.sqrt(rest) + PAD_METERS;
    int colLo = Math.max(0, (int) Math.floor((x - half - minX) / bucketMeters));
    int colHi = Math.min(nCols - 1, (int) Math.floor((x + half - minX) / bucketMeters));
    if (colLo > colHi) {
      return EMPTY_SPAN;
    }
    int base = row * nCols;
    return ((long) bucketStart[base + colLo] << 32) | bucketStart[base + colHi + 1];
  }

  public static int spanStart(long span) {
    return (int) (span >>> 32);
  }

  public static int spanEnd(long span) {
    return (int) span;
  }

  private int col(double x) {
    return Math.min(nCols - 1, (int) Math.floor((x - minX) / bucketMeters));
  }

  private int row(double y) {
    return Math.min(nRows - 1, (int) Math.floor((y - minY) / bucketMeters));
  }
}
