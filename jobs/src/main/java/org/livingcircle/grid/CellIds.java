package org.livingcircle.grid;

import org.livingcircle.geo.GridSpec;

/**
 * Stable square-cell ids (the formula lives in {@link GridSpec}): cells are aligned on multiples of
 * the cell size in the city's metric CRS, so a cell keeps its id across runs, counties and cities
 * that share CRS and size.
 */
public final class CellIds {
  private CellIds() {}

  /** Column (or row) of coordinate {@code v} metres for cells of {@code sizeM} metres. */
  public static long index(double v, int sizeM) {
    return GridSpec.index(v, sizeM);
  }

  /** Id of the cell at (col, row) of size {@code sizeM} (a multiple of 10 m, 10..1270). */
  public static long id(int sizeM, long col, long row) {
    return GridSpec.id(sizeM, col, row);
  }

  public static int sizeM(long id) {
    return GridSpec.sizeOf(id);
  }

  public static long col(long id) {
    return GridSpec.colOf(id);
  }

  public static long row(long id) {
    return GridSpec.rowOf(id);
  }
}
