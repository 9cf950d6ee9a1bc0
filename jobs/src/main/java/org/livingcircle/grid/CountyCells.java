package org.livingcircle.grid;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import org.livingcircle.geo.GridSpec;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The grid cell kernel: which square cells of {@code sizeM} metres, aligned on multiples of the
 * size in the city's metric CRS, belong to a county. A cell belongs to every county its centre
 * {@code ((col + 0.5) * sizeM, (row + 0.5) * sizeM)} intersects (JTS {@code intersects}, the same
 * predicate as {@code ST_Intersects}: the boundary is included, a hole is not). A centre exactly on
 * a border shared by two counties is therefore a candidate of both; the smaller county code wins
 * ({@link #assign}; {@code GridJob} applies the same rule at scale as {@code min(county_code)}).
 */
final class CountyCells {
  private static final GeometryFactory FACTORY = new GeometryFactory();

  /** Inclusive column and row ranges of cells. */
  record Box(long col0, long col1, long row0, long row1) {}

  /** One cell in column/row indices. */
  record Cell(long col, long row) {}

  /**
   * Receives the cells of a county in order: row by row from the south, west to east within a row.
   */
  interface Sink {
    void cell(long col, long row);
  }

  private CountyCells() {}

  /**
   * The cells whose squares touch {@code envelope}: {@code floor(min / size)} to {@code floor(max /
   * size)}.
   */
  static Box box(Envelope envelope, int sizeM) {
    return new Box(
        GridSpec.index(envelope.getMinX(), sizeM),
        GridSpec.index(envelope.getMaxX(), sizeM),
        GridSpec.index(envelope.getMinY(), sizeM),
        GridSpec.index(envelope.getMaxY(), sizeM));
  }

  /** The centre coordinate of column (or row) {@code index}: {@code (index + 0.5) * sizeM}. */
  static double centre(long index, int sizeM) {
    return GridSpec.centre(index, sizeM);
  }

  /** Sends to {@code sink} every cell of {@code box} whose centre intersects {@code county}. */
  static void centresIn(PreparedGeometry county, int sizeM, Box box, Sink sink) {
    for (long row = box.row0(); row <= box.row1(); row++) {
      for (long col = box.col0(); col <= box.col1(); col++) {
        if (county.intersects(
            FACTORY.createPoint(new Coordinate(centre(col, sizeM), centre(row, sizeM))))) {
          sink.cell(col, row);
        }
      }
    }
  }

  /**
   * Every cell of every county in {@code countiesByCode} (metric CRS) with the county it belongs
   * to: the cells of each county's bounding box whose centre intersects it, a centre in several
   * counties going to the smallest code.
   */
  static Map<Cell, String> assign(SortedMap<String, Geometry> countiesByCode, int sizeM) {
    Map<Cell, String> owners = new LinkedHashMap<>();
    countiesByCode.forEach(
        (code, geometry) ->
            centresIn(
                PreparedGeometryFactory.prepare(geometry),
                sizeM,
                box(geometry.getEnvelopeInternal(), sizeM),
                (col, row) -> owners.putIfAbsent(new Cell(col, row), code)));
    return owners;
  }
}
