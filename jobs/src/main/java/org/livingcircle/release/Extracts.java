package org.livingcircle.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.livingcircle.common.Checks;
import org.livingcircle.common.Csv;

/**
 * A released table held in memory (the county and city indicators, the comparison) and its CSV and
 * GeoJSON extracts. Values are the engine's Java values ({@code String}, {@code Long}, {@code
 * Double}…); {@code null} and non-finite doubles are empty in CSV and {@code null} in GeoJSON.
 *
 * @param columns column names, in order
 * @param rows one list of values per row, as long as {@code columns}
 */
record Extracts(List<String> columns, List<List<Object>> rows) {
  private static final ObjectMapper JSON = new ObjectMapper();

  Extracts {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<Object> r : rows) {
      Checks.check(
          r.size() == columns.size(),
          "Cannot hold extract row %s: %s values for %s columns",
          copy.size(),
          r.size(),
          columns.size());
      copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(r)));
    }
    rows = List.copyOf(copy);
  }

  /** Index of {@code column}. */
  int column(String column) {
    int i = columns.indexOf(column);
    Checks.check(i >= 0, "Cannot find column %s in the extract: %s", column, columns);
    return i;
  }

  /** The CSV: header and one line per row, fields quoted only where needed ({@link Csv#line}). */
  String csv() {
    StringBuilder s = new StringBuilder(Csv.line(columns));
    for (List<Object> r : rows) {
      List<String> fields = new ArrayList<>(r.size());
      for (Object v : r) {
        fields.add(v == null ? null : text(v));
      }
      s.append(Csv.line(fields));
    }
    return s.toString();
  }

  /** Each row as column to CSV text ({@code ""} for null), the portal catalogue's chart data. */
  List<Map<String, String>> texts() {
    List<Map<String, String>> out = new ArrayList<>(rows.size());
    for (List<Object> r : rows) {
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        m.put(columns.get(i), r.get(i) == null ? "" : text(r.get(i)));
      }
      out.add(m);
    }
    return out;
  }

  /**
   * A GeoJSON FeatureCollection, one feature per row with every column as a property.
   *
   * @param geometry GeoJSON geometry text of row {@code i}, or null for a feature without geometry
   */
  String geojson(IntFunction<String> geometry) {
    List<Object> features = new ArrayList<>(rows.size());
    try {
      for (int k = 0; k < rows.size(); k++) {
        List<Object> r = rows.get(k);
        Map<String, Object> props = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
          Object v = r.get(i);
          props.put(columns.get(i), v instanceof Double dv && !Double.isFinite(dv) ? null : v);
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "Feature");
        String g = geometry.apply(k);
        f.put("geometry", g == null ? null : JSON.readTree(g));
        f.put("properties", props);
        features.add(f);
      }
      Map<String, Object> fc = new LinkedHashMap<>();
      fc.put("type", "FeatureCollection");
      fc.put("features", features);
      return JSON.writeValueAsString(fc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * CSV text of a value: doubles as {@link Double#toString} and empty when not finite, the rest as
   * {@code String.valueOf}.
   */
  static String text(Object v) {
    if (v instanceof Double dv) {
      return Double.isFinite(dv) ? Double.toString(dv) : "";
    }
    return String.valueOf(v);
  }
}
