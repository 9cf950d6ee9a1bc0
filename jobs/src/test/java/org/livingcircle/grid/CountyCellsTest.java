package org.livingcircle.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.livingcircle.grid.CountyCells.Box;
import org.livingcircle.grid.CountyCells.Cell;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Hand-made counties whose cells are known by drawing them: with 10 m cells the centres sit at 5,
 * 15, 25, … metres, so a shape's edges at multiples of 5 decide each cell by inspection.
 */
class CountyCellsTest {
  private static Geometry wkt(String text) {
    try {
      return new WKTReader().read(text);
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The cells of {@code county} over its own bounding box, in the kernel's order. */
  private static List<Cell> cells(String county, int sizeM) {
    Geometry g = wkt(county);
    List<Cell> out = new ArrayList<>();
    CountyCells.centresIn(
        PreparedGeometryFactory.prepare(g),
        sizeM,
        CountyCells.box(g.getEnvelopeInternal(), sizeM),
        (col, row) -> out.add(new Cell(col, row)));
    return out;
  }

  private static Cell c(long col, long row) {
    return new Cell(col, row);
  }

  @Test
  void boxRunsFromTheFloorOfTheMinimumToTheFloorOfTheMaximum() {
    assertThat(CountyCells.box(new Envelope(0, 30, 0, 20), 10)).isEqualTo(new Box(0, 3, 0, 2));
    assertThat(CountyCells.box(new Envelope(-0.1, 9.99, 10, 19.99), 10))
        .isEqualTo(new Box(-1, 0, 1, 1));
    // 600 000 / 250 = 2400, 600 499 / 250 = 2401.996, 3 900 000 / 250 = 15 600
    assertThat(CountyCells.box(new Envelope(600_000, 600_499, 3_900_000, 3_900_250), 250))
        .isEqualTo(new Box(2400, 2401, 15600, 15601));
  }

  @Test
  void centreIsHalfACellPastTheIndex() {
    assertThat(CountyCells.centre(0, 250)).isEqualTo(125.0);
    assertThat(CountyCells.centre(2400, 250)).isEqualTo(600_125.0);
    assertThat(CountyCells.centre(-1, 250)).isEqualTo(-125.0);
  }

  @Test
  void rectangleHasTheCellsItCoversRowByRowFromTheSouth() {
    // 30 × 20 m: centres x 5, 15, 25 (35 is outside) and y 5, 15 (25 is outside)
    assertThat(cells("POLYGON ((0 0, 30 0, 30 20, 0 20, 0 0))", 10))
        .containsExactly(c(0, 0), c(1, 0), c(2, 0), c(0, 1), c(1, 1), c(2, 1));
  }

  @Test
  void lShapeLeavesOutTheCellsOfItsNotch() {
    // ███ row 0 (y 0-10), █ rows 1 and 2 at x 0-10; the notch 10-30 × 10-30 holds 4 centres
    assertThat(cells("POLYGON ((0 0, 30 0, 30 10, 10 10, 10 30, 0 30, 0 0))", 10))
        .containsExactly(c(0, 0), c(1, 0), c(2, 0), c(0, 1), c(0, 2));
  }

  @Test
  void cellWhoseSquareOverlapsButWhoseCentreIsOutsideIsNotTheCounty() {
    // 0-14 × 0-14 covers most of cells (1,0), (0,1) and (1,1) but not their centres at 15
    assertThat(cells("POLYGON ((0 0, 14 0, 14 14, 0 14, 0 0))", 10)).containsExactly(c(0, 0));
  }

  @Test
  void centreOnTheOutlineBelongsToTheCounty() {
    // 0-15 × 0-15: centres (15, 5), (5, 15) and (15, 15) lie on the outline, and intersects
    // includes it
    assertThat(cells("POLYGON ((0 0, 15 0, 15 15, 0 15, 0 0))", 10))
        .containsExactly(c(0, 0), c(1, 0), c(0, 1), c(1, 1));
  }

  @Test
  void holeRemovesTheCellsWhoseCentreIsInsideIt() {
    // 3 × 3 cells with the middle cell's square cut out: its centre (15, 15) is in the hole
    assertThat(
            cells(
                "POLYGON ((0 0, 30 0, 30 30, 0 30, 0 0), (10 10, 20 10, 20 20, 10 20, 10 10))", 10))
        .containsExactly(c(0, 0), c(1, 0), c(2, 0), c(0, 1), c(2, 1), c(0, 2), c(1, 2), c(2, 2));
  }

  @Test
  void centreOnTheEdgeOfAHoleBelongsToTheCounty() {
    // hole 5-25 × 5-25: only (15, 15) is strictly inside it; the 8 other centres are on its edge
    assertThat(cells("POLYGON ((0 0, 30 0, 30 30, 0 30, 0 0), (5 5, 25 5, 25 25, 5 25, 5 5))", 10))
        .containsExactly(c(0, 0), c(1, 0), c(2, 0), c(0, 1), c(2, 1), c(0, 2), c(1, 2), c(2, 2));
  }

  @Test
  void negativeCoordinatesFloorTowardsMinusInfinity() {
    // -20-0 × -10-0: centres x -15 and -5 are columns -2 and -1, y -5 is row -1
    assertThat(cells("POLYGON ((-20 -10, 0 -10, 0 0, -20 0, -20 -10))", 10))
        .containsExactly(c(-2, -1), c(-1, -1));
  }

  @Test
  void multiPolygonCountyHasTheCellsOfEachPart() {
    // two 10 × 10 squares 20 m apart; the bounding box cells between them are not the county
    assertThat(
            cells(
                "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((30 0, 40 0, 40 10, 30 10, 30 0)))",
                10))
        .containsExactly(c(0, 0), c(3, 0));
  }

  @Test
  void metricCrsCoordinatesAt250Metres() {
    // 600 000-600 500 × 3 900 000-3 900 250: centres 600 125 and 600 375 (600 625 outside), 3 900
    // 125
    assertThat(
            cells(
                "POLYGON ((600000 3900000, 600500 3900000, 600500 3900250, 600000 3900250, 600000 3900000))",
                250))
        .containsExactly(c(2400, 15600), c(2401, 15600));
  }

  @Test
  void centreOnASharedBorderGoesToTheSmallerCountyCode() {
    // west 0-15 × 0-10 and east 15-30 × 0-10 share x = 15, where the centre of cell (1, 0) lies
    String west = "POLYGON ((0 0, 15 0, 15 10, 0 10, 0 0))";
    String east = "POLYGON ((15 0, 30 0, 30 10, 15 10, 15 0))";
    assertThat(cells(west, 10)).containsExactly(c(0, 0), c(1, 0));
    assertThat(cells(east, 10)).containsExactly(c(1, 0), c(2, 0));

    TreeMap<String, Geometry> eastSmaller = new TreeMap<>();
    eastSmaller.put("140525", wkt(west));
    eastSmaller.put("140502", wkt(east));
    assertThat(CountyCells.assign(eastSmaller, 10))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(c(0, 0), "140525", c(1, 0), "140502", c(2, 0), "140502"));

    TreeMap<String, Geometry> westSmaller = new TreeMap<>();
    westSmaller.put("140502", wkt(west));
    westSmaller.put("140525", wkt(east));
    assertThat(CountyCells.assign(westSmaller, 10))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(c(0, 0), "140502", c(1, 0), "140502", c(2, 0), "140525"));
  }

  @Test
  void centreOnACornerSharedByFourCountiesGoesToTheSmallestCode() {
    // four 15 × 15 squares meet at (15, 15), the centre of cell (1, 1)
    TreeMap<String, Geometry> counties = new TreeMap<>();
    counties.put("140581", wkt("POLYGON ((15 15, 30 15, 30 30, 15 30, 15 15))"));
    counties.put("140524", wkt("POLYGON ((0 15, 15 15, 15 30, 0 30, 0 15))"));
    counties.put("140522", wkt("POLYGON ((15 0, 30 0, 30 15, 15 15, 15 0))"));
    counties.put("140525", wkt("POLYGON ((0 0, 15 0, 15 15, 0 15, 0 0))"));
    // off the shared lines each centre has one county; on a line the smaller of the two codes wins
    Map<Cell, String> expected =
        new TreeMap<>(java.util.Comparator.comparing(Cell::row).thenComparing(Cell::col));
    expected.put(c(0, 0), "140525");
    expected.put(c(1, 0), "140522"); // x = 15 between 140525 and 140522
    expected.put(c(2, 0), "140522");
    expected.put(c(0, 1), "140524"); // y = 15 between 140525 and 140524
    expected.put(c(1, 1), "140522"); // the corner of all four
    expected.put(c(2, 1), "140522"); // y = 15 between 140522 and 140581
    expected.put(c(0, 2), "140524");
    expected.put(c(1, 2), "140524"); // x = 15 between 140524 and 140581
    expected.put(c(2, 2), "140581");
    assertThat(CountyCells.assign(counties, 10)).containsExactlyInAnyOrderEntriesOf(expected);
  }
}
