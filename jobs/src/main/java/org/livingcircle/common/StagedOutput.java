package org.livingcircle.common;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An output directory written in a hidden sibling and switched into place on {@link #commit()}, so
 * a failed run leaves the previous output (or nothing) and never a partial one, and a reader sees
 * at every instant either the old complete output or the new one.
 *
 * <p><b>Layout.</b> {@code target} is a relative symbolic link to a hidden version directory beside
 * it: {@code ingest -> .ingest.v-<pid>@<host>-<random>}. A run writes into {@code
 * .ingest.staging-<pid>@<host>-<random>}; commit renames that to its version name, makes a new link
 * {@code .ingest.link-…} and renames the link over {@code target} ({@code rename(2)} replaces a
 * symbolic link atomically), then deletes the versions before the previous one. The target is never
 * missing and never partial. (A target that is still a real directory, from before this layout, is
 * moved to a version name first: only that one upgrade leaves the target missing for the time of
 * one rename.) The version a commit replaces is kept until the next commit, so a reader that
 * followed the old link is never cut off mid-read. Readers that follow links (Spark, pyarrow,
 * GeoServer, {@code ls}, {@code cp -r}) see a directory; copy a release with {@code cp -rL} or
 * {@code rsync -L}.
 *
 * <p><b>Permissions.</b> Directories are created with the process umask (usually {@code
 * rwxr-xr-x}), not the {@code rwx------} of a temporary directory, so the Airflow worker, GeoServer
 * and colleagues can read the output.
 *
 * <p><b>Dead runs.</b> The owner's PID and host are part of the staging (and version) name. The
 * next {@link #begin} of the same target deletes hidden siblings whose owner ran on this host and
 * no longer runs, and says so on its log stream; folders of other hosts are left alone, as are
 * folders of the layout before owners were recorded unless untouched for {@link #LEGACY_AGE}.
 */
public final class StagedOutput implements AutoCloseable {
  /** Age after which a hidden sibling without a recorded owner (an older layout) counts as dead. */
  public static final Duration LEGACY_AGE = Duration.ofHours(24);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern OWNED = Pattern.compile("(\\d+)@([A-Za-z0-9.-]+)-[0-9a-z]+");

  private final Path target;
  private final String owner;
  private Path staging;
  private boolean committed;

  private StagedOutput(Path target, String owner, Path staging) {
    this.target = target;
    this.owner = owner;
    this.staging = staging;
  }

  /**
   * Creates the staging directory beside {@code target}; removal of dead runs' folders is logged on
   * stdout.
   */
  public static StagedOutput begin(Path target) {
    return begin(target, System.out);
  }

  /**
   * Creates the staging directory beside {@code target}, after removing dead runs' folders (said on
   * {@code log}).
   */
  public static StagedOutput begin(Path target, PrintStream log) {
    Path absolute = target.toAbsolutePath().normalize();
    try {
      Files.createDirectories(absolute.getParent());
      removeDeadRuns(absolute, log);
      while (true) {
        String owner =
            ProcessHandle.current().pid()
                + "@"
                + host()
                + "-"
                + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        try {
          // createDirectory applies the umask (createTempDirectory would make it rwx------)
          Path staging =
              Files.createDirectory(absolute.resolveSibling(prefix(absolute, "staging") + owner));
          return new StagedOutput(absolute, owner, staging);
        } catch (FileAlreadyExistsException e) {
          // another random suffix
        }
      }
    } catch (IOException e) {
      throw new InputException(
          "Cannot create output directory beside " + absolute + ": " + e.getMessage(), e);
    }
  }

  /** Where to write. */
  public Path dir() {
    return staging;
  }

  public Path target() {
    return target;
  }

  /** Switches {@code target} to the staging directory's content (see the class comment). */
  public void commit() {
    try {
      Path version = target.resolveSibling(prefix(target, "v") + owner);
      Files.move(staging, version, StandardCopyOption.ATOMIC_MOVE);
      staging = version;
      Path link = target.resolveSibling(prefix(target, "link") + owner);
      Files.createSymbolicLink(link, version.getFileName());
      Path previous = null;
      if (Files.isSymbolicLink(target)) {
        previous = target.resolveSibling(Files.readSymbolicLink(target));
      } else if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        previous = target.resolveSibling(prefix(target, "v") + "previous-" + owner);
        Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(link, target, StandardCopyOption.ATOMIC_MOVE);
      committed = true;
      // the version just replaced stays until the next commit: a reader that resolved the old link
      // mid-read keeps
      // finding its files; every older version goes now
      Path keep = previous == null ? null : previous.normalize();
      try (DirectoryStream<Path> siblings =
          Files.newDirectoryStream(target.getParent(), prefix(target, "v") + "*")) {
        for (Path p : siblings) {
          Path n = p.normalize();
          if (!n.equals(version.normalize()) && !n.equals(keep)) {
            deleteTree(p);
          }
        }
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
        Files.deleteIfExists(target.resolveSibling(prefix(target, "link") + owner));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** {@code .<name>.<kind>-}: the hidden siblings of {@code target}. */
  private static String prefix(Path target, String kind) {
    return "." + target.getFileName() + "." + kind + "-";
  }

  /**
   * Deletes the hidden siblings of {@code target} (staging, version, link and pre-owner "old"
   * folders) that belong to no running process and are not what {@code target} points to.
   */
  static List<Path> removeDeadRuns(Path target, PrintStream log) throws IOException {
    Path current =
        Files.isSymbolicLink(target)
            ? target.resolveSibling(Files.readSymbolicLink(target)).normalize()
            : null;
    String label = target.getFileName().toString();
    List<Path> removed = new ArrayList<>();
    try (DirectoryStream<Path> siblings = Files.newDirectoryStream(target.getParent())) {
      for (Path p : siblings) {
        String name = p.getFileName().toString();
        String rest = null;
        for (String kind : List.of("staging", "v", "link", "old")) {
          if (name.startsWith(prefix(target, kind))) {
            rest = name.substring(prefix(target, kind).length());
          }
        }
        if (rest == null || p.normalize().equals(current)) {
          continue;
        }
        String why = deadOwner(p, rest);
        if (why != null) {
          deleteTree(p);
          removed.add(p);
          log.println("[" + label + "] removed " + p + ", left by a run that " + why);
        }
      }
    }
    return removed;
  }

  /**
   * Why the folder's owner is dead ("no longer runs (pid 12 on host)"), or null if it may be alive.
   */
  private static String deadOwner(Path folder, String rest) throws IOException {
    Matcher m =
        OWNED.matcher(rest.startsWith("previous-") ? rest.substring("previous-".length()) : rest);
    if (m.matches()) {
      long pid = Long.parseLong(m.group(1));
      if (!m.group(2).equals(host()) || ProcessHandle.current().pid() == pid) {
        return null; // another host's process cannot be checked from here
      }
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
          ? null
          : "no longer runs (pid " + pid + " on " + m.group(2) + ")";
    }
    Instant modified = Files.getLastModifiedTime(folder, LinkOption.NOFOLLOW_LINKS).toInstant();
    return modified.isBefore(Instant.now().minus(LEGACY_AGE))
        ? "recorded no owner and stopped more than " + LEGACY_AGE.toHours() + " h ago"
        : null;
  }

  /** This host's name as it appears in folder names (letters, digits, '.', '-'). */
  static String host() {
    return Host.NAME;
  }

  /** Looked up once: the local host name can cost a DNS query. */
  private static final class Host {
    static final String NAME = lookUp();
  }

  private static String lookUp() {
    String name;
    try {
      name = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      name = System.getenv().getOrDefault("HOSTNAME", "localhost");
    }
    String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    return cleaned.isEmpty() ? "localhost" : cleaned;
  }

  /** Deletes a directory tree, or a symbolic link (not what it points to), if it exists. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
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
