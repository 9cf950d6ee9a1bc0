package org.livingcircle.grid;

import org.livingcircle.common.Checks;

/**
 * Stable square-cell ids: cells are aligned on multiples of the cell size in the city's metric CRS,
 * so a cell keeps its id across runs, counties and cities that share CRS and size. The id packs the
 * size (in units of 10 m, 7 bits), the column and the row (28 bits each, two's complement):
 * {@code id = size/10 << 56 | col << 28 | row}. The CRS is recorded beside the id.
 */
public final class CellIds {
  private static final long MASK_28 = (1L << 28) - 1;

  private CellIds() {}

  /** Column (or row) of coordinate {@code v} metres for cells of {@code sizeM} metres. */
  public static long index(double v, int sizeM) {
    return (long) Math.floor(v / sizeM);
  }

  /** Id of the cell at (col, row) of size {@code sizeM} (a multiple of 10 m, 10..1270). */
  public static long id(int sizeM, long col, long row) {
    Checks.check(sizeM % 10 == 0 && sizeM >= 10 && sizeM <= 1270, "Cannot make cell ids for size %s m: not a multiple of 10 in [10, 1270]", sizeM);
    Checks.check(col >= -(1L << 27) && col < (1L << 27) && row >= -(1L << 27) && row < (1L << 27),
        "Cannot make a cell id for column %s, row %s: outside ±2^27", col, row);
    return ((long) (sizeM / 10) << 56) | ((col & MASK_28) << 28) | (row & MASK_28);
  }

  public static int sizeM(long id) {
    return (int) (id >>> 56) * 10;
  }

  public static long col(long id) {
    return signExtend((id >>> 28) & MASK_28);
  }

  public static long row(long id) {
    return signExtend(id & MASK_28);
  }

  private static long signExtend(long v28) {
    return (v28 << 36) >> 36;
  }
}
