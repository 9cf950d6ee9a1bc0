package org.livingcircle.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test fixtures (two square counties of Jincheng) and an independent CSV reader for the checks. */
final class SampleFixture {
  private SampleFixture() {}

  static Path resource(String name) {
    try {
      return Path.of(SampleFixture.class.getResource("/sample/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static SampleSpec spec(Path out, long seed, long benchRows) {
    return new SampleSpec(
        "jincheng",
        List.of(),
        resource("counties.geojson"),
        resource("admin_codes.csv"),
        resource("categories.yaml"),
        seed,
        0.5,
        benchRows,
        out);
  }

  /**
   * Fixture outlines as {minLng, minLat, maxLng, maxLat} rectangles per county (see
   * counties.geojson).
   */
  static double[][] rectangles(String countyCode) {
    return switch (countyCode) {
      case "140522" -> new double[][] {{112.25, 35.35, 112.60, 35.62}};
      case "140525" ->
          new double[][] {{112.60, 35.35, 112.85, 35.62}, {112.85, 35.38, 113.00, 35.50}};
      default -> new double[0][];
    };
  }

  static boolean inCounty(String countyCode, double lng, double lat) {
    return Arrays.stream(rectangles(countyCode))
        .anyMatch(r -> lng >= r[0] && lng <= r[2] && lat >= r[1] && lat <= r[3]);
  }

  /** Data records (header dropped) of a CSV file, split on the given line ending; BOM removed. */
  static List<List<String>> records(Path file, Charset charset, String eol) {
    try {
      String text = new String(Files.readAllBytes(file), charset);
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      List<List<String>> out = new ArrayList<>();
      String[] lines = text.split(eol, -1);
      for (int i = 1; i < lines.length; i++) {
        if (!lines[i].isEmpty()) {
          out.add(split(lines[i]));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> header(Path file, Charset charset) {
    try {
      String text = new String(Files.readAllBytes(file), charset).replace("\uFEFF", "");
      return split(text.substring(0, text.indexOf('\n')).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Quote-aware CSV split, written independently of the generator's writer. */
  static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inQuotes = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (inQuotes && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        cur.append('"');
        i++;
      } else if (ch == '"') {
        inQuotes = !inQuotes;
      } else if (ch == ',' && !inQuotes) {
        fields.add(cur.toString());
        cur = new StringBuilder();
      } else {
        cur.append(ch);
      }
    }
    fields.add(cur.toString());
    return fields;
  }
}
