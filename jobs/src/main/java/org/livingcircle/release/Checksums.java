package org.livingcircle.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.livingcircle.common.Manifest;

/** File facts (path, size, SHA-256) and the {@code SHA256SUMS} file of a release folder. */
final class Checksums {
  /** File name of the checksum list. */
  static final String FILE = "SHA256SUMS";

  private Checksums() {}

  /** The files directly in {@code dir}, sorted by name, with paths relative to {@code release}. */
  static List<Metadata.FileFact> files(Path release, Path dir) throws IOException {
    List<Metadata.FileFact> facts = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.sorted().toList()) {
        facts.add(fact(release, p));
      }
    }
    return facts;
  }

  /** One file's facts, its path relative to {@code release}. */
  static Metadata.FileFact fact(Path release, Path file) throws IOException {
    return new Metadata.FileFact(
        release.relativize(file).toString(), Files.size(file), Manifest.sha256(file));
  }

  /**
   * {@code sha256sum} text over every file under {@code dir}: {@code <hex> <relative path>} lines,
   * sorted by path.
   */
  static String sha256sums(Path dir) throws IOException {
    StringBuilder s = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).map(dir::relativize).sorted().toList()) {
        s.append(Manifest.sha256(dir.resolve(p))).append("  ").append(p).append('\n');
      }
    }
    return s.toString();
  }

  /**
   * Writes {@link #FILE} over every other file under {@code dir}; returns the file count, itself
   * included.
   */
  static int write(Path dir) throws IOException {
    String sums = sha256sums(dir);
    Files.writeString(dir.resolve(FILE), sums);
    return (int) sums.chars().filter(c -> c == '\n').count() + 1;
  }

  /** Total bytes of the files under {@code dir}. */
  static long bytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
