package org.livingcircle.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridCoverageFactory;
import org.geotools.gce.geotiff.GeoTiffWriter;
import org.geotools.geometry.jts.ReferencedEnvelope;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.common.InputException;

/** Pixel sums per cell on small GeoTIFFs written here, with values chosen so sums are exact. */
class PopulationRasterTest {
  @TempDir Path tmp;

  /** A 4 × 4 raster of 250 m pixels in EPSG:32649 whose lower-left corner is (600000, 3900000). */
  Path raster(float[][] rowsFromTop) throws Exception {
    ReferencedEnvelope envelope =
        new ReferencedEnvelope(
            600_000, 601_000, 3_900_000, 3_901_000, CRS.decode("EPSG:32649", true));
    GridCoverage2D coverage = new GridCoverageFactory().create("population", rowsFromTop, envelope);
    Path file = tmp.resolve("pop.tif");
    GeoTiffWriter writer = new GeoTiffWriter(file.toFile());
    writer.write(coverage, null);
    writer.dispose();
    return file;
  }

  static final float[][] PEOPLE = {
    {1, 2, 4, 8},
    {16, 32, 64, 128},
    {256, 512, Float.NaN, -9999},
    {1024, 2048, 4096, 0}
  };

  @Test
  void pixelsOfTheCellSizeMapOneToOne() throws Exception {
    Map<Long, Double> w = PopulationRaster.weights(raster(PEOPLE), "EPSG:32649", 250);
    long col0 = 600_000 / 250;
    long row0 = 3_900_000 / 250;
    // the top row of the image is the northernmost row of cells
    assertThat(w.get(CellIds.id(250, col0, row0 + 3))).isCloseTo(1, within(1e-9));
    assertThat(w.get(CellIds.id(250, col0 + 3, row0 + 2))).isCloseTo(128, within(1e-9));
    assertThat(w.get(CellIds.id(250, col0 + 2, row0))).isCloseTo(4096, within(1e-9));
    // NaN, -9999 and 0 are no people: those cells have no weight at all
    assertThat(w)
        .doesNotContainKey(CellIds.id(250, col0 + 2, row0 + 1))
        .doesNotContainKey(CellIds.id(250, col0 + 3, row0 + 1))
        .doesNotContainKey(CellIds.id(250, col0 + 3, row0));
    assertThat(w).hasSize(13);
  }

  @Test
  void largerCellsSumTheirPixels() throws Exception {
    Map<Long, Double> w = PopulationRaster.weights(raster(PEOPLE), "EPSG:32649", 500);
    long col0 = 600_000 / 500;
    long row0 = 3_900_000 / 500;
    assertThat(w.get(CellIds.id(500, col0, row0 + 1))).isCloseTo(1 + 2 + 16 + 32, within(1e-9));
    assertThat(w.get(CellIds.id(500, col0 + 1, row0 + 1)))
        .isCloseTo(4 + 8 + 64 + 128, within(1e-9));
    assertThat(w.get(CellIds.id(500, col0, row0))).isCloseTo(256 + 512 + 1024 + 2048, within(1e-9));
    assertThat(w.get(CellIds.id(500, col0 + 1, row0))).isCloseTo(4096, within(1e-9));
  }

  @Test
  void missingFileIsOneLine() {
    assertThatThrownBy(() -> PopulationRaster.weights(tmp.resolve("none.tif"), "EPSG:32649", 250))
        .isInstanceOf(InputException.class)
        .hasMessage("Cannot read population raster " + tmp.resolve("none.tif") + ": no such file");
  }
}
