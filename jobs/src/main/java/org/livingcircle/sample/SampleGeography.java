package org.livingcircle.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.livingcircle.common.InputException;

/** Reads the counties of one city (outlines and townships) from the reference files. */
final class SampleGeography {
  private SampleGeography() {}

  /** A township (乡镇/街道) with its 9-digit code. */
  record Township(String code, String name) {}

  /** One county: current code, names, outline and townships sorted by code. */
  record County(
      String code, String name, String cityName, CountyShape shape, List<Township> townships) {}

  /** Counties of {@code spec}'s city, sorted by code; features sharing a code are merged. */
  static List<County> read(SampleSpec spec) {
    String cityCode = spec.cityCode();
    Map<String, List<double[][]>> rings = new TreeMap<>();
    Map<String, String[]> names = new TreeMap<>();
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(spec.countiesGeojson().toFile());
    } catch (IOException e) {
      throw new InputException(
          "Cannot read counties file " + spec.countiesGeojson() + ": " + e.getMessage(), e);
    }
    JsonNode features = root.get("features");
    if (features == null || !features.isArray()) {
      throw new InputException(
          "Cannot read counties file " + spec.countiesGeojson() + ": no features array");
    }
    for (JsonNode f : features) {
      JsonNode p = f.get("properties");
      if (p == null || !cityCode.equals(p.path("city_code").asText())) {
        continue;
      }
      String code = p.path("county_code").asText();
      if (!spec.countyCodes().isEmpty() && !spec.countyCodes().contains(code)) {
        continue;
      }
      names.putIfAbsent(
          code, new String[] {p.path("county_name").asText(), p.path("city_name").asText()});
      addRings(
          f.get("geometry"),
          rings.computeIfAbsent(code, k -> new ArrayList<>()),
          spec.countiesGeojson());
    }
    for (String code : spec.countyCodes()) {
      if (!rings.containsKey(code)) {
        throw new InputException(
            "Cannot find county "
                + code
                + " of city "
                + cityCode
                + " in "
                + spec.countiesGeojson());
      }
    }
    if (rings.isEmpty()) {
      throw new InputException(
          "Cannot find any county of city " + cityCode + " in " + spec.countiesGeojson());
    }
    Map<String, List<Township>> townships = readTownships(spec.adminCodesCsv());
    List<County> out = new ArrayList<>();
    for (Map.Entry<String, List<double[][]>> e : rings.entrySet()) {
      String[] n = names.get(e.getKey());
      out.add(
          new County(
              e.getKey(),
              n[0],
              n[1],
              new CountyShape(e.getValue(), e.getKey()),
              List.copyOf(townships.getOrDefault(e.getKey(), List.of()))));
    }
    return List.copyOf(out);
  }

  private static void addRings(JsonNode geometry, List<double[][]> out, Path file) {
    String type = geometry == null ? "" : geometry.path("type").asText();
    JsonNode coords = geometry == null ? null : geometry.get("coordinates");
    switch (type) {
      case "Polygon" -> coords.forEach(ring -> out.add(ring(ring)));
      case "MultiPolygon" -> coords.forEach(poly -> poly.forEach(ring -> out.add(ring(ring))));
      default ->
          throw new InputException(
              "Cannot read counties file "
                  + file
                  + ": geometry type '"
                  + type
                  + "' is not Polygon or MultiPolygon");
    }
  }

  private static double[][] ring(JsonNode ring) {
    double[][] pts = new double[ring.size()][];
    for (int i = 0; i < pts.length; i++) {
      pts[i] = new double[] {ring.get(i).get(0).asDouble(), ring.get(i).get(1).asDouble()};
    }
    return pts;
  }

  /** Township rows of {@code admin_codes.csv}, grouped by county code, sorted by code. */
  private static Map<String, List<Township>> readTownships(Path file) {
    Map<String, List<Township>> out = new TreeMap<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      if (header == null) {
        throw new InputException("Cannot read admin codes file " + file + ": it is empty");
      }
      List<String> cols = SampleCsv.parseLine(header.replace("\uFEFF", ""));
      int iCode = column(cols, "code", file);
      int iName = column(cols, "name", file);
      int iLevel = column(cols, "level", file);
      int iCounty = column(cols, "county_code", file);
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        List<String> v = SampleCsv.parseLine(line);
        if (v.size() == cols.size() && v.get(iLevel).equals("township")) {
          out.computeIfAbsent(v.get(iCounty), k -> new ArrayList<>())
              .add(new Township(v.get(iCode), v.get(iName)));
        }
      }
    } catch (IOException e) {
      throw new InputException("Cannot read admin codes file " + file + ": " + e.getMessage(), e);
    }
    out.values().forEach(l -> l.sort((a, b) -> a.code().compareTo(b.code())));
    return out;
  }

  private static int column(List<String> cols, String name, Path file) {
    int i = cols.indexOf(name);
    if (i < 0) {
      throw new InputException(
          "Cannot read admin codes file " + file + ": no column '" + name + "' in header " + cols);
    }
    return i;
  }
}
