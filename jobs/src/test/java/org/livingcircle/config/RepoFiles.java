package org.livingcircle.config;

import java.nio.file.Path;

/** Paths of shipped files; surefire sets {@code lcp.repo.root} to the repository root. */
final class RepoFiles {
  private RepoFiles() {}

  static Path root() {
    return Path.of(System.getProperty("lcp.repo.root", "..")).toAbsolutePath().normalize();
  }

  static Path resolve(String relative) {
    return root().resolve(relative);
  }
}
