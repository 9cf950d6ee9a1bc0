package org.livingcircle.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.livingcircle.common.CityLayout;
import org.livingcircle.common.Manifest;
import org.livingcircle.common.Stage;

/**
 * What a release was built from: its version name and {@code provenance.json} with copies of the
 * stage manifests.
 */
final class Provenance {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Provenance() {}

  /**
   * Release version: {@code date} (yyyyMMdd) and the first 8 hex digits of a SHA-256 over the
   * sorted {@code key=sha256} lines of the stage manifests' inputs ({@code
   * <city>/<stage>/<input>}), the comparison CSV and the configuration files (by file name), so the
   * same inputs give the same suffix.
   *
   * @param cityDirs city id to its output folder
   */
  static String version(
      Map<String, Path> cityDirs, Path comparisonCsv, List<Path> configFiles, LocalDate date)
      throws IOException {
    TreeMap<String, String> facts = new TreeMap<>();
    for (Map.Entry<String, Path> city : cityDirs.entrySet()) {
      for (Stage s : Stage.values()) {
        Path manifest = CityLayout.of(city.getValue()).manifest(s);
        if (Files.isRegularFile(manifest)) {
          JsonNode inputs = JSON.readTree(manifest.toFile()).path("inputs");
          String prefix = city.getKey() + "/" + s.dirName() + "/";
          inputs
              .fields()
              .forEachRemaining(
                  e -> facts.put(prefix + e.getKey(), e.getValue().path("sha256").asText()));
        }
      }
    }
    facts.put("comparison.csv", Manifest.sha256(comparisonCsv));
    for (Path f : configFiles) {
      facts.put(f.getFileName().toString(), Manifest.sha256(f));
    }
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    facts.forEach((k, v) -> digest.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
    return date.format(DateTimeFormatter.BASIC_ISO_DATE)
        + "-"
        + HexFormat.of().formatHex(digest.digest()).substring(0, 8);
  }

  /**
   * Writes {@code provenance.json} (release, time, lcp version, configuration checksums, every
   * stage manifest) and copies each manifest to {@code provenance/<city>/<stage>.manifest.json}.
   */
  static void write(
      Path release, String version, Instant now, Map<String, Path> cityDirs, List<Path> configFiles)
      throws IOException {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("release", version);
    all.put("created_at", now.toString());
    all.put("lcp_version", Manifest.version());
    Map<String, Object> configs = new TreeMap<>();
    for (Path f : configFiles) {
      configs.put(f.getFileName().toString(), Manifest.sha256(f));
    }
    all.put("configuration_sha256", configs);
    Map<String, Object> manifests = new LinkedHashMap<>();
    for (Map.Entry<String, Path> city : cityDirs.entrySet()) {
      for (Stage s : Stage.values()) {
        Path m = CityLayout.of(city.getValue()).manifest(s);
        if (Files.isRegularFile(m)) {
          Path copy =
              release.resolve("provenance/" + city.getKey() + "/" + s.dirName() + ".manifest.json");
          Files.createDirectories(copy.getParent());
          Files.copy(m, copy);
          manifests.put(city.getKey() + "/" + s.dirName(), JSON.readTree(m.toFile()));
        }
      }
    }
    all.put("manifests", manifests);
    PRETTY.writeValue(release.resolve("provenance.json").toFile(), all);
  }
}
