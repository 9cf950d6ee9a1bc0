package org.livingcircle.bench;

import static org.livingcircle.common.Checks.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livingcircle.common.InputException;
import org.livingcircle.streets.FootGraph;

/**
 * The foot graph and the POIs snapped to its vertices, written for {@code
 * python/bench/pandana_bench.py}: plain little-endian arrays (numpy reads them with {@code
 * fromfile}) and {@code export.json} naming their sizes, the categories, the thresholds and the
 * nearest-search limit in metres.
 *
 * <p>Files: {@code vertex_x.f64 vertex_y.f64} (metres), {@code edge_from.i32 edge_to.i32
 * edge_length.f64}, {@code poi_vertex.i32 poi_category.i32} (category = index into {@code
 * categories}).
 */
final class GraphExport {
  static final String META_FILE = "export.json";

  /**
   * What is exported besides the graph.
   *
   * @param categories category ids; a POI's category is an index into it
   * @param poiVertex each POI's vertex
   * @param poiCategory each POI's category index
   * @param thresholdsM count thresholds in metres, ascending
   * @param nearestLimitM the limit of the nearest search in metres
   * @param countCategories the categories whose counts are compared (a subset of {@code
   *     categories})
   */
  record Pois(
      List<String> categories,
      int[] poiVertex,
      int[] poiCategory,
      double[] thresholdsM,
      double nearestLimitM,
      List<String> countCategories) {
    Pois {
      categories = List.copyOf(categories);
      countCategories = List.copyOf(countCategories);
      check(
          poiVertex.length == poiCategory.length,
          "Cannot export POIs: %s vertices but %s categories",
          poiVertex.length,
          poiCategory.length);
      for (int i = 0; i < poiCategory.length; i++) {
        check(
            poiCategory[i] >= 0 && poiCategory[i] < categories.size(),
            "Cannot export POI %s: category %s outside [0, %s)",
            i,
            poiCategory[i],
            categories.size());
      }
      for (String c : countCategories) {
        check(
            categories.contains(c),
            "Cannot compare counts of category %s: not among the exported categories",
            c);
      }
      for (int t = 1; t < thresholdsM.length; t++) {
        check(
            thresholdsM[t] > thresholdsM[t - 1],
            "Cannot use thresholds %s m: not ascending",
            java.util.Arrays.toString(thresholdsM));
      }
    }

    /** POIs of category index {@code c}. */
    int count(int c) {
      int n = 0;
      for (int k : poiCategory) {
        n += k == c ? 1 : 0;
      }
      return n;
    }

    /** The vertices of the POIs of category {@code c} (one per POI, repeats kept). */
    int[] verticesOf(int c) {
      int[] out = new int[count(c)];
      int n = 0;
      for (int i = 0; i < poiCategory.length; i++) {
        if (poiCategory[i] == c) {
          out[n++] = poiVertex[i];
        }
      }
      return out;
    }
  }

  private GraphExport() {}

  static void write(Path dir, FootGraph g, Pois pois) {
    int nV = g.vertexCount();
    int nE = g.edgeCount();
    for (int v : pois.poiVertex()) {
      check(v >= 0 && v < nV, "Cannot export POI at vertex %s: outside [0, %s)", v, nV);
    }
    try {
      Files.createDirectories(dir);
      double[] x = new double[nV];
      double[] y = new double[nV];
      for (int v = 0; v < nV; v++) {
        x[v] = g.x(v);
        y[v] = g.y(v);
      }
      int[] from = new int[nE];
      int[] to = new int[nE];
      double[] length = new double[nE];
      for (int e = 0; e < nE; e++) {
        from[e] = g.edgeFrom(e);
        to[e] = g.edgeTo(e);
        length[e] = g.edgeLength(e);
      }
      writeDoubles(dir.resolve("vertex_x.f64"), x);
      writeDoubles(dir.resolve("vertex_y.f64"), y);
      writeInts(dir.resolve("edge_from.i32"), from);
      writeInts(dir.resolve("edge_to.i32"), to);
      writeDoubles(dir.resolve("edge_length.f64"), length);
      writeInts(dir.resolve("poi_vertex.i32"), pois.poiVertex());
      writeInts(dir.resolve("poi_category.i32"), pois.poiCategory());
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put(
          "note", "written by lcp bench for python/bench/pandana_bench.py; metres of " + g.crs());
      meta.put("crs", g.crs());
      meta.put("vertices", nV);
      meta.put("edges", nE);
      List<Map<String, Object>> cats = new ArrayList<>();
      for (int c = 0; c < pois.categories().size(); c++) {
        cats.add(Map.of("id", pois.categories().get(c), "pois", pois.count(c)));
      }
      meta.put("categories", cats);
      meta.put("thresholds_m", pois.thresholdsM());
      meta.put("nearest_limit_m", pois.nearestLimitM());
      meta.put("count_categories", pois.countCategories());
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(dir.resolve(META_FILE).toFile(), meta);
    } catch (IOException e) {
      throw new InputException("Cannot write the pandana export " + dir + ": " + e.getMessage(), e);
    }
  }

  static void writeDoubles(Path file, double[] values) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8 * 8192).order(ByteOrder.LITTLE_ENDIAN);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (int i = 0; i < values.length; i++) {
        b.putDouble(values[i]);
        if (!b.hasRemaining()) {
          out.write(b.array(), 0, b.position());
          b.clear();
        }
      }
      out.write(b.array(), 0, b.position());
    }
  }

  static void writeInts(Path file, int[] values) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4 * 8192).order(ByteOrder.LITTLE_ENDIAN);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (int i = 0; i < values.length; i++) {
        b.putInt(values[i]);
        if (!b.hasRemaining()) {
          out.write(b.array(), 0, b.position());
          b.clear();
        }
      }
      out.write(b.array(), 0, b.position());
    }
  }

  /** Reads back a little-endian float64 file (tests). */
  static double[] readDoubles(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    double[] out = new double[bytes.length / 8];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
    return out;
  }

  /** Reads back a little-endian int32 file (tests). */
  static int[] readInts(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int[] out = new int[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
    return out;
  }
}
