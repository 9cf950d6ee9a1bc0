package org.livingcircle.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livingcircle.common.Checks;
import org.livingcircle.config.WalkModel;

/**
 * The portal's binary map layers of one city. Cells are addressed relative to the grid window's
 * lower-left cell ({@code col0}, {@code row0}); {@link #cells} packs each cell as two little-endian
 * unsigned 16-bit offsets, and each layer is one byte per cell in the same order: walking minutes
 * (rounded, at most {@link #MAX_MINUTES}) or a count, {@link #NONE} for "none within the search
 * limit". Outlines and sites are in cell units, {@code metres / cell size - col0}, to 0.01.
 */
final class MapData {
  /** Layer byte for "none within the search limit". */
  static final int NONE = 255;

  /** Largest minute value stored in a layer; longer walks are stored as this. */
  static final int MAX_MINUTES = 254;

  /** Most cells a city's map data may hold. */
  static final int MAX_CELLS = 65_536 * 16;

  private static final ObjectMapper JSON = new ObjectMapper();

  private MapData() {}

  /** The bounding window of the cells, in grid columns and rows (inclusive). */
  record Window(int col0, int row0, int col1, int row1) {
    int nCols() {
      return col1 - col0 + 1;
    }

    int nRows() {
      return row1 - row0 + 1;
    }

    /**
     * A metric x (or y with {@link #row0}) in cell units relative to the window, rounded to 0.01.
     */
    static double cellUnits(double metres, int cellSizeM, int origin) {
      return Math.round((metres / cellSizeM - origin) * 100) / 100.0;
    }
  }

  /** The window of {@code col}/{@code row}; checks the cell count and that offsets fit 16 bits. */
  static Window window(String city, int[] col, int[] row) {
    int n = col.length;
    Checks.check(row.length == n, "Cannot draw %s: %s columns and %s rows", city, n, row.length);
    Checks.check(n > 0 && n < MAX_CELLS, "Cannot draw %s: %s cells", city, n);
    int col0 = Integer.MAX_VALUE;
    int row0 = Integer.MAX_VALUE;
    int col1 = Integer.MIN_VALUE;
    int row1 = Integer.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      col0 = Math.min(col0, col[i]);
      row0 = Math.min(row0, row[i]);
      col1 = Math.max(col1, col[i]);
      row1 = Math.max(row1, row[i]);
    }
    Checks.check(
        col1 - col0 < 65_535 && row1 - row0 < 65_535,
        "Cannot draw %s: grid wider than 65,535 cells",
        city);
    return new Window(col0, row0, col1, row1);
  }

  /** Each cell as (column − col0, row − row0), two little-endian 16-bit values. */
  static byte[] cells(Window w, int[] col, int[] row) {
    ByteBuffer cells = ByteBuffer.allocate(4 * col.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < col.length; i++) {
      cells.putShort((short) (col[i] - w.col0())).putShort((short) (row[i] - w.row0()));
    }
    return cells.array();
  }

  /**
   * Walking minutes of each nearest walking distance (metres; NaN = none within the limit) as layer
   * bytes.
   */
  static byte[] minutesLayer(double[] walkMeters, WalkModel walk) {
    byte[] layer = new byte[walkMeters.length];
    for (int i = 0; i < walkMeters.length; i++) {
      layer[i] =
          (byte)
              (Double.isNaN(walkMeters[i])
                  ? NONE
                  : Math.min(MAX_MINUTES, Math.round(walk.minutesFor(walkMeters[i]))));
    }
    return layer;
  }

  /** Counts in [0, 254] (−1 = none) as layer bytes. */
  static byte[] countLayer(int[] counts) {
    byte[] layer = new byte[counts.length];
    for (int i = 0; i < counts.length; i++) {
      Checks.check(
          counts[i] >= -1 && counts[i] <= MAX_MINUTES,
          "Cannot store count %s in a map layer: not in [0, 254]",
          counts[i]);
      layer[i] = (byte) (counts[i] < 0 ? NONE : counts[i]);
    }
    return layer;
  }

  /** The script {@code data/<city>/<layer>.js}. */
  static String layerScript(String city, String layer, byte[] bytes) {
    return "LCP.layer("
        + json(city)
        + ","
        + json(layer)
        + ","
        + json(Base64.getEncoder().encodeToString(bytes))
        + ");\n";
  }

  /**
   * The rings of a GeoJSON Polygon or MultiPolygon (metric coordinates) in cell units of {@code w},
   * each ring a list of [x, y].
   */
  static List<Object> rings(String geojson, int cellSizeM, Window w) {
    JsonNode g;
    try {
      g = JSON.readTree(geojson);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode polygons =
        g.path("type").asText().equals("Polygon")
            ? JSON.createArrayNode().add(g.path("coordinates"))
            : g.path("coordinates");
    List<Object> rings = new ArrayList<>();
    for (JsonNode polygon : polygons) {
      for (JsonNode ring : polygon) {
        List<Object> pts = new ArrayList<>();
        for (JsonNode p : ring) {
          pts.add(
              List.of(
                  Window.cellUnits(p.get(0).asDouble(), cellSizeM, w.col0()),
                  Window.cellUnits(p.get(1).asDouble(), cellSizeM, w.row0())));
        }
        rings.add(pts);
      }
    }
    return rings;
  }

  /** A county outline for {@code cells.js}. */
  static Map<String, Object> county(String code, String name, List<Object> rings) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("code", code);
    c.put("name", name);
    c.put("rings", rings);
    return c;
  }

  /**
   * The script {@code data/<city>/cells.js}: the window, the packed cells and the county outlines.
   */
  static String cellsScript(
      String city, int cellSizeM, String crs, Window w, byte[] cells, List<Object> counties) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("city", city);
    header.put("cell_size_m", cellSizeM);
    header.put("crs", crs);
    header.put("col0", w.col0());
    header.put("row0", w.row0());
    header.put("n_cols", w.nCols());
    header.put("n_rows", w.nRows());
    header.put("n", cells.length / 4);
    header.put("cells", Base64.getEncoder().encodeToString(cells));
    header.put("counties", counties);
    return "LCP.cells(" + json(header) + ");\n";
  }

  /** The script {@code data/<city>/siting.js}. */
  static String sitingScript(String city, List<Map<String, Object>> groups) {
    return "LCP.siting(" + json(city) + "," + json(groups) + ");\n";
  }

  private static String json(Object v) {
    try {
      return JSON.writeValueAsString(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
