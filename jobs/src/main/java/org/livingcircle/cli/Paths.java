package org.livingcircle.cli;

import java.nio.file.Path;

/** Default locations, relative to the repository (system property lcp.repo.root, set by bin/lcp). */
final class Paths {
  private Paths() {}

  static Path root() {
    String root = System.getProperty("lcp.repo.root");
    return (root == null ? Path.of("") : Path.of(root)).toAbsolutePath().normalize();
  }

  static Path categories() {
    return root().resolve("conf/categories.yaml");
  }

  static Path targets() {
    return root().resolve("conf/targets.yaml");
  }

  static Path siting() {
    return root().resolve("conf/siting.yaml");
  }

  static Path publish() {
    return root().resolve("conf/publish.yaml");
  }

  static Path reference() {
    return root().resolve("reference");
  }

  static Path city(String id) {
    return root().resolve("conf/cities/" + id + ".yaml");
  }
}
