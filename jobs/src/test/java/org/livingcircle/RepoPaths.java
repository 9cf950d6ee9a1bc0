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
}
