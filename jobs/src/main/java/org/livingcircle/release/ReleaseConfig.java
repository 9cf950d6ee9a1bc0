package org.livingcircle.release;

import java.nio.file.Path;
import java.util.List;
import org.livingcircle.config.YamlConfig;

/**
 * Release metadata from {@code conf/release.yaml}: the one source of the DCAT-AP catalog, the STAC
 * collection and the portal header. Validated against {@code schemas/release.schema.json}.
 */
public record ReleaseConfig(
    String id,
    String titleZh,
    String titleEn,
    String descriptionZh,
    String descriptionEn,
    List<String> keywords,
    Publisher publisher,
    License license,
    String updateFrequency,
    String baseUrl,
    String spatialUri,
    String temporalStart,
    String temporalEnd,
    String portalCategory) {
  /** Schema file name under {@code schemas/}. */
  public static final String SCHEMA = "release.schema.json";

  public ReleaseConfig {
    keywords = List.copyOf(keywords);
  }

  /** Publisher and contact point. */
  public record Publisher(String name, String url, String contactName, String contactEmail) {}

  /** Licence of the results (reference data keep their own). */
  public record License(String id, String url, String name, String attribution) {}

  /**
   * Loads and validates a release file; errors are {@link
   * org.livingcircle.common.ConfigException}s.
   */
  public static ReleaseConfig load(Path file) {
    return YamlConfig.load(file, SCHEMA, ReleaseConfig.class);
  }

  /** EU frequency vocabulary URI of {@link #updateFrequency}. */
  public String frequencyUri() {
    return "http://publications.europa.eu/resource/authority/frequency/" + updateFrequency;
  }
}
