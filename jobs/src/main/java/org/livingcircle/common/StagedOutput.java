package org.livingcircle.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * An output directory written in a hidden sibling and renamed into place on {@link #commit()}, so
 * a failed run leaves the previous output (or nothing) and never a partial one.
 */
public final class StagedOutput implements AutoCloseable {
  private final Path target;
  private final Path staging;
  private boolean committed;

  private StagedOutput(Path target, Path staging) {
    this.target = target;
    this.staging = staging;
  }

  /** Creates the staging directory beside {@code target}. */
  public static StagedOutput begin(Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    try {
      Files.createDirectories(absolute.getParent());
      Path staging =
          Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".staging-");
      return new StagedOutput(absolute, staging);
    } catch (IOException e) {
      throw new InputException("Cannot create output directory beside " + absolute + ": " + e.getMessage(), e);
    }
  }

  /** Where to write. */
  public Path dir() {
    return staging;
  }

  public Path target() {
    return target;
  }

  /** Replaces {@code target} with the staging directory. */
  public void commit() {
    try {
      Path old = null;
      if (Files.exists(target)) {
        old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
        move(target, old);
      }
      move(staging, target);
      committed = true;
      if (old != null) {
        deleteTree(old);
      }
    } catch (IOException e) {
      throw new InputException("Cannot move output into " + target + ": " + e.getMessage(), e);
    }
  }

  /** Deletes the staging directory unless committed. */
  @Override
  public void close() {
    if (!committed) {
      try {
        deleteTree(staging);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Deletes a directory tree if it exists. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
