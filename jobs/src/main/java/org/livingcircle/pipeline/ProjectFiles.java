package org.livingcircle.pipeline;

import java.nio.file.Path;

/**
 * The project's own files (configuration, reference data, portal), under the repository root:
 * system property {@code lcp.repo.root}, set by bin/lcp.
 */
public final class ProjectFiles {
  private ProjectFiles() {}

  public static Path root() {
    String root = System.getProperty("lcp.repo.root");
    return (root == null ? Path.of("") : Path.of(root)).toAbsolutePath().normalize();
  }

  public static Path categories() {
    return root().resolve("conf/categories.yaml");
  }

  public static Path targets() {
    return root().resolve("conf/targets.yaml");
  }

  /** The stage order of a city run. */
  public static Path pipeline() {
    return root().resolve("conf/pipeline.yaml");
  }

  public static Path siting() {
    return root().resolve("conf/siting.yaml");
  }

  public static Path publish() {
    return root().resolve("conf/publish.yaml");
  }

  public static Path release() {
    return root().resolve("conf/release.yaml");
  }

  /** Markdown template of a release's LICENSE.md. */
  public static Path releaseLicence() {
    return root().resolve("conf/release-licence.md");
  }

  public static Path dataDictionary() {
    return root().resolve("schemas/data-dictionary.yaml");
  }

  public static Path portal() {
    return root().resolve("portal");
  }

  public static Path reference() {
    return root().resolve("reference");
  }

  public static Path city(String id) {
    return root().resolve("conf/cities/" + id + ".yaml");
  }
}
