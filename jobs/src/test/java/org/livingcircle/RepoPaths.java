package org.livingcircle;

import java.nio.file.Path;

/** Paths in the repository for tests (surefire sets lcp.repo.root). */
public final class RepoPaths {
  private RepoPaths() {}

  public static Path root() {
    String root = System.getProperty("lcp.repo.root");
    return (root == null ? Path.of("..") : Path.of(root)).toAbsolutePath().normalize();
  }

  public static Path of(String relative) {
    return root().resolve(relative);
  }

  public static Path testResource(String relative) {
    return root().resolve("jobs/src/test/resources").resolve(relative);
  }

  /** Copies a directory tree (test inputs and outputs are small). */
  public static void copyTree(Path from, Path to) throws java.io.IOException {
    try (var paths = java.nio.file.Files.walk(from, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (java.nio.file.Files.isDirectory(p)) {
          java.nio.file.Files.createDirectories(target);
        } else {
          java.nio.file.Files.copy(p, target);
        }
      }
    }
  }
}
