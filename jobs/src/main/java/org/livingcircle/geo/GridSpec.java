package org.livingcircle.geo;

import org.livingcircle.common.Checks;

/**
 * The square grid of a city: cells of {@code cellSizeM} metres aligned on multiples of the size in
 * the metric CRS {@code crs}. The only place the cell formulas live: column/row of a coordinate
 * ({@code floor(v / size)}), centre of a column/row ({@code (index + 0.5) × size}), and the stable
 * cell id ({@code size/10 << 56 | col << 28 | row}, 28-bit two's complement col and row) — as Java
 * for the kernels and as SQL fragments for Spark.
 *
 * @param crs metric CRS, {@code EPSG:<code>}
 * @param cellSizeM cell edge in metres: a multiple of 10 in [50, 1000] (the id keeps the size in
 *     units of 10 m)
 */
public record GridSpec(String crs, int cellSizeM) implements java.io.Serializable {
  public static final int MIN_CELL_SIZE_M = 50;
  public static final int MAX_CELL_SIZE_M = 1000;
  private static final long MASK_28 = (1L << 28) - 1;

  public GridSpec {
    Epsg.code(Checks.notNull(crs, "grid crs"));
    Checks.check(
        cellSizeM >= MIN_CELL_SIZE_M && cellSizeM <= MAX_CELL_SIZE_M && cellSizeM % 10 == 0,
        "Cannot use cell_size_m %s: not a multiple of 10 in [%s, %s]",
        cellSizeM,
        MIN_CELL_SIZE_M,
        MAX_CELL_SIZE_M);
  }

  /** Column (or row) of coordinate {@code v} metres. */
  public long index(double v) {
    return index(v, cellSizeM);
  }

  /** Centre coordinate of column (or row) {@code index}. */
  public double centre(long index) {
    return centre(index, cellSizeM);
  }

  /**
   * Column (or row) of coordinate {@code v} metres for cells of {@code sizeM} metres: {@code
   * floor(v / size)}.
   */
  public static long index(double v, int sizeM) {
    return (long) Math.floor(v / sizeM);
  }

  /**
   * Centre coordinate of column (or row) {@code index} for cells of {@code sizeM} metres: {@code
   * (index + 0.5) × size}.
   */
  public static double centre(long index, int sizeM) {
    return (index + 0.5D) * sizeM;
  }

  /** Stable id of the cell at ({@code col}, {@code row}). */
  public long id(long col, long row) {
    return id(cellSizeM, col, row);
  }

  /**
   * Stable id of the cell at ({@code col}, {@code row}) of size {@code sizeM} (a multiple of 10 in
   * [10, 1270]).
   */
  public static long id(int sizeM, long col, long row) {
    Checks.check(
        sizeM % 10 == 0 && sizeM >= 10 && sizeM <= 1270,
        "Cannot make cell ids for size %s m: not a multiple of 10 in [10, 1270]",
        sizeM);
    Checks.check(
        col >= -(1L << 27) && col < (1L << 27) && row >= -(1L << 27) && row < (1L << 27),
        "Cannot make a cell id for column %s, row %s: outside ±2^27",
        col,
        row);
    return ((long) (sizeM / 10) << 56) | ((col & MASK_28) << 28) | (row & MASK_28);
  }

  public static int sizeOf(long id) {
    return (int) (id >>> 56) * 10;
  }

  public static long colOf(long id) {
    return signExtend((id >>> 28) & MASK_28);
  }

  public static long rowOf(long id) {
    return signExtend(id & MASK_28);
  }

  private static long signExtend(long v28) {
    return (v28 << 36) >> 36;
  }

  /** SQL: the column (or row) of coordinate expression {@code v}, as BIGINT. */
  public String sqlIndex(String v) {
    return "CAST(floor(" + v + " / " + cellSizeM + ") AS BIGINT)";
  }

  /** SQL: the centre coordinate of column (or row) expression {@code index}, as DOUBLE. */
  public String sqlCentre(String index) {
    return "(" + index + " + 0.5D) * " + cellSizeM;
  }

  /** SQL: half the cell edge, as DOUBLE. */
  public String sqlHalfSize() {
    return cellSizeM + " / 2.0D";
  }
}
