package org.livingcircle.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Provenance of an output directory: inputs with SHA-256, effective configuration, software
 * versions, row counts and stage timings. Written as {@code manifest.json}.
 */
public final class Manifest {
  /**
   * Key of the walking model the access stage records (speed, detour factor, thresholds, search
   * limit); later stages read it.
   */
  public static final String WALK_MODEL = "walk_model";

  private final Map<String, Object> root = new LinkedHashMap<>();
  private final Map<String, Object> inputs = new TreeMap<>();
  private final Map<String, Object> outputs = new TreeMap<>();
  private final Map<String, Object> timings = new LinkedHashMap<>();
  private final List<String> warnings = new java.util.ArrayList<>();

  public Manifest(String stage, Map<String, Object> configuration) {
    root.put("lcp_version", version());
    root.put("stage", stage);
    root.put("created_at", Instant.now().toString());
    root.put("versions", versions());
    root.put("configuration", configuration);
    root.put("inputs", inputs);
    root.put("outputs", outputs);
    root.put("timings_s", timings);
    root.put("warnings", warnings);
  }

  /** Records an input file with its size and SHA-256, under {@code name}. */
  public void input(String name, Path file) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", file.toString());
    try {
      m.put("bytes", Files.size(file));
    } catch (IOException e) {
      throw new InputException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    m.put("sha256", sha256(file));
    inputs.put(name, m);
  }

  public void output(String table, Map<String, Object> facts) {
    outputs.put(table, facts);
  }

  /**
   * Records a table of the catalogue: the written {@code facts} (rows, files, geometry types, bbox)
   * and the catalogue's key, declared geometry type and CRS kind, under the table's name.
   */
  public void output(Table table, Map<String, Object> facts) {
    Map<String, Object> m = new LinkedHashMap<>(facts);
    m.put("key", table.key());
    m.put("declared_geometry_type", table.geometryType());
    m.put("crs_kind", table.crs().name().toLowerCase(java.util.Locale.ROOT));
    outputs.put(table.tableName(), m);
  }

  public void timing(String step, double seconds) {
    timings.put(step, Math.round(seconds * 1000) / 1000.0);
  }

  /**
   * Records a data warning (a result that is technically valid but probably not what the user
   * meant, e.g. a capacity with no register rows) under {@code warnings}; the stage prints it too.
   */
  public void warning(String message) {
    warnings.add(message);
  }

  /** The warnings recorded so far, in order. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  public void put(String key, Object value) {
    root.put(key, value);
  }

  public void write(Path file) throws IOException {
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
  }

  /** Hex SHA-256 of a file. */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new InputException("Cannot read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The project version from the jar manifest, or "dev". */
  public static String version() {
    String v = Manifest.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-dev" : v;
  }

  private static Map<String, Object> versions() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("java", System.getProperty("java.version"));
    v.put("spark", packageVersion("org.apache.spark.SparkContext", "3.5.7"));
    v.put("sedona", packageVersion("org.apache.sedona.spark.SedonaContext", "1.8.0"));
    v.put("schemas", List.of("census_row", "statistics_row", "facility_row"));
    return v;
  }

  private static String packageVersion(String className, String built) {
    try {
      Package p = Class.forName(className).getPackage();
      String v = p == null ? null : p.getImplementationVersion();
      return v == null ? built + " (built against)" : v;
    } catch (ClassNotFoundException e) {
      return "absent";
    }
  }
}
