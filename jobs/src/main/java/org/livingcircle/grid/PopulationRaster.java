package org.livingcircle.grid;

import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.api.referencing.operation.TransformException;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.gce.geotiff.GeoTiffReader;
import org.geotools.referencing.CRS;
import org.geotools.referencing.operation.transform.ConcatenatedTransform;
import org.livingcircle.common.InputException;

/**
 * Sums the pixels of a population GeoTIFF (band 1; people per pixel, e.g. a 100 m grid) into the
 * square cells of a metric CRS: a pixel counts for the cell containing its centre. NaN, infinite
 * and negative values (the usual no-data markers) count as zero. The sums are used as dasymetric
 * weights, so cell populations still add up to each county's census total.
 */
public final class PopulationRaster {
  /** Raster rows between two progress updates. */
  private static final int PROGRESS_ROWS = 256;

  private PopulationRaster() {}

  /**
   * Checks on the driver, before any task, that {@code tiff} is a GeoTIFF with a coordinate system
   * and one band of pixels: one {@link InputException} naming the file otherwise.
   */
  public static void check(Path tiff) {
    if (!Files.isRegularFile(tiff)) {
      throw new InputException("Cannot read population raster " + tiff + ": no such file");
    }
    GeoTiffReader reader = null;
    try {
      reader = new GeoTiffReader(tiff.toFile());
      GridCoverage2D coverage = reader.read(null);
      if (coverage == null || coverage.getCoordinateReferenceSystem2D() == null) {
        throw new InputException(
            "Cannot read population raster " + tiff + ": no coordinate system (GeoTIFF expected)");
      }
      if (coverage.getNumSampleDimensions() < 1) {
        throw new InputException("Cannot read population raster " + tiff + ": no band");
      }
      coverage
          .getRenderedImage()
          .getData(
              new java.awt.Rectangle(
                  coverage.getRenderedImage().getMinX(),
                  coverage.getRenderedImage().getMinY(),
                  1,
                  1));
    } catch (InputException e) {
      throw e;
    } catch (Exception e) {
      // GeoTools answers a file that is no TIFF with assorted exceptions (DataSourceException,
      // IllegalArgumentException, ...)
      throw new InputException(
          "Cannot read population raster "
              + tiff
              + ": not a readable GeoTIFF ("
              + (e.getMessage() == null
                  ? e.getClass().getSimpleName()
                  : e.getMessage().lines().findFirst().orElse(""))
              + ")",
          e);
    } finally {
      if (reader != null) {
        reader.dispose();
      }
    }
  }

  /** Cell id ({@link CellIds}) to summed pixel value, for cells with a positive sum. */
  public static Map<Long, Double> weights(Path tiff, String cellCrs, int cellSizeM) {
    if (!Files.isRegularFile(tiff)) {
      throw new InputException("Cannot read population raster " + tiff + ": no such file");
    }
    GeoTiffReader reader = null;
    try {
      reader = new GeoTiffReader(tiff.toFile());
      GridCoverage2D coverage = reader.read(null);
      CoordinateReferenceSystem source = coverage.getCoordinateReferenceSystem2D();
      CoordinateReferenceSystem target = CRS.decode(cellCrs, true);
      MathTransform pixelToCell =
          ConcatenatedTransform.create(
              coverage
                  .getGridGeometry()
                  .getGridToCRS2D(org.geotools.api.metadata.spatial.PixelOrientation.CENTER),
              CRS.findMathTransform(source, target, true));
      Raster data = coverage.getRenderedImage().getData();
      int x0 = data.getMinX();
      int y0 = data.getMinY();
      int width = data.getWidth();
      double[] pixel = new double[2 * width];
      double[] values = new double[width];
      Map<Long, Double> weights = new HashMap<>();
      org.livingcircle.common.Progress progress = org.livingcircle.common.Progress.stderr();
      String phase = "[grid] population raster " + tiff.getFileName();
      for (int y = y0; y < y0 + data.getHeight(); y++) {
        if ((y - y0) % PROGRESS_ROWS == 0) {
          progress.update(phase, y - y0, data.getHeight(), "pixel rows");
        }
        data.getSamples(x0, y, width, 1, 0, values);
        for (int i = 0; i < width; i++) {
          pixel[2 * i] = x0 + i;
          pixel[2 * i + 1] = y;
        }
        pixelToCell.transform(pixel, 0, pixel, 0, width);
        for (int i = 0; i < width; i++) {
          double v = values[i];
          if (!(v > 0) || Double.isInfinite(v)) {
            continue;
          }
          long id =
              CellIds.id(
                  cellSizeM,
                  CellIds.index(pixel[2 * i], cellSizeM),
                  CellIds.index(pixel[2 * i + 1], cellSizeM));
          weights.merge(id, v, Double::sum);
        }
      }
      progress.update(phase, data.getHeight(), data.getHeight(), "pixel rows");
      progress.end();
      return weights;
    } catch (IOException | TransformException | org.geotools.api.referencing.FactoryException e) {
      throw new InputException("Cannot read population raster " + tiff + ": " + e.getMessage(), e);
    } finally {
      if (reader != null) {
        reader.dispose();
      }
    }
  }
}
