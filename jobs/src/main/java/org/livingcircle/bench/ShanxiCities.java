package org.livingcircle.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.livingcircle.common.InputException;

/** The city codes of the reference county outlines (every prefecture of Shanxi). */
final class ShanxiCities {
  private ShanxiCities() {}

  static List<String> codes(Path countiesGeojson) {
    TreeSet<String> codes = new TreeSet<>();
    try {
      for (JsonNode f : new ObjectMapper().readTree(countiesGeojson.toFile()).path("features")) {
        codes.add(f.path("properties").path("city_code").asText());
      }
    } catch (IOException e) {
      throw new InputException("Cannot read " + countiesGeojson + ": " + e.getMessage(), e);
    }
    return List.copyOf(codes);
  }
}
