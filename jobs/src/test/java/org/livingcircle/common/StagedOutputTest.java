package org.livingcircle.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staged outputs on the local file system: permissions, the atomic switch, and dead runs' folders.
 */
class StagedOutputTest {
  @TempDir Path tmp;

  private static void write(Path target, String value) throws IOException {
    try (StagedOutput out =
        StagedOutput.begin(target, new PrintStream(new ByteArrayOutputStream()))) {
      Files.createDirectories(out.dir().resolve("table"));
      Files.writeString(out.dir().resolve("table/part-0.txt"), value);
      Files.writeString(out.dir().resolve("manifest.json"), value);
      out.commit();
    }
  }

  private List<String> siblings() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void outputHasTheUmasksPermissionsNotATemporaryDirectorysOnes() throws IOException {
    Path reference = Files.createDirectory(tmp.resolve("reference"));
    Path referenceFile = Files.writeString(reference.resolve("f"), "x");
    Path target = tmp.resolve("grid");
    write(target, "one");
    Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(expected);
    assertThat(Files.getPosixFilePermissions(target.resolve("table"))).isEqualTo(expected);
    assertThat(Files.getPosixFilePermissions(target.resolve("manifest.json")))
        .isEqualTo(Files.getPosixFilePermissions(referenceFile));
    if (expected.contains(PosixFilePermission.OTHERS_READ)) { // umask 022, the usual one
      assertThat(Files.getPosixFilePermissions(target))
          .contains(
              PosixFilePermission.GROUP_READ,
              PosixFilePermission.OTHERS_READ,
              PosixFilePermission.OTHERS_EXECUTE);
    }
  }

  @Test
  void commitSwitchesALinkAndKeepsTheCurrentAndThePreviousVersion() throws IOException {
    Path target = tmp.resolve("ingest");
    write(target, "one");
    write(target, "two");
    write(target, "three");
    assertThat(Files.isSymbolicLink(target)).isTrue();
    assertThat(Files.readSymbolicLink(target).isAbsolute()).isFalse();
    assertThat(Files.readString(target.resolve("table/part-0.txt"))).isEqualTo("three");
    // "one" is gone; "two" stays for readers that followed the link before the last commit
    assertThat(siblings())
        .hasSize(3)
        .contains("ingest")
        .allMatch(n -> n.equals("ingest") || n.startsWith(".ingest.v-"));
  }

  @Test
  void aReaderNeverFindsTheTargetMissingWhileRunsCommit() throws Exception {
    Path target = tmp.resolve("access");
    write(target, "run 0");
    AtomicBoolean done = new AtomicBoolean();
    List<String> problems = new ArrayList<>();
    int[] reads = {0};
    Thread reader =
        new Thread(
            () -> {
              while (!done.get()) {
                try {
                  String value = Files.readString(target.resolve("manifest.json"));
                  if (!value.startsWith("run ")) {
                    problems.add("partial: " + value);
                  }
                  reads[0]++;
                } catch (IOException e) {
                  problems.add(e.toString());
                }
              }
            });
    reader.start();
    for (int i = 1; i <= 100; i++) {
      write(target, "run " + i);
    }
    done.set(true);
    reader.join();
    assertThat(problems).isEmpty();
    assertThat(reads[0]).isPositive();
    assertThat(Files.readString(target.resolve("manifest.json"))).isEqualTo("run 100");
  }

  @Test
  void aRealDirectoryFromTheOlderLayoutIsReplaced() throws IOException {
    Path target = Files.createDirectory(tmp.resolve("aggregate"));
    Files.writeString(target.resolve("manifest.json"), "old layout");
    write(target, "new");
    assertThat(Files.readString(target.resolve("manifest.json"))).isEqualTo("new");
    assertThat(siblings())
        .hasSize(
            3); // the link, the new version and the old layout's directory, kept until the next
    // commit
  }

  @Test
  void aFailedRunLeavesThePreviousOutputAndNoFolder() throws IOException {
    Path target = tmp.resolve("grid");
    write(target, "good");
    try (StagedOutput out =
        StagedOutput.begin(target, new PrintStream(new ByteArrayOutputStream()))) {
      Files.writeString(out.dir().resolve("manifest.json"), "half");
    }
    assertThat(Files.readString(target.resolve("manifest.json"))).isEqualTo("good");
    assertThat(siblings()).hasSize(2);
  }

  @Test
  void foldersOfDeadRunsAreRemovedAndSaidInTheLog() throws Exception {
    Path target = tmp.resolve("ingest");
    write(target, "committed");
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor(30, TimeUnit.SECONDS);
    long deadPid = finished.pid();
    assertThat(ProcessHandle.of(deadPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    Process running = new ProcessBuilder("sleep", "60").start();
    try {
      String host = StagedOutput.host();
      Path dead =
          Files.createDirectories(
              tmp.resolve(".ingest.staging-" + deadPid + "@" + host + "-k1lled/poi"));
      Files.writeString(dead.resolve("part-0.parquet"), "half written");
      Path alive =
          Files.createDirectory(
              tmp.resolve(".ingest.staging-" + running.pid() + "@" + host + "-w0rking"));
      Path elsewhere =
          Files.createDirectory(
              tmp.resolve(".ingest.staging-" + deadPid + "@other-host.example-r3mote"));
      Path legacyOld = Files.createDirectory(tmp.resolve(".ingest.staging-8125371620939188811"));
      Files.setLastModifiedTime(
          legacyOld, FileTime.from(Instant.now().minus(StagedOutput.LEGACY_AGE).minusSeconds(60)));
      Path legacyRecent = Files.createDirectory(tmp.resolve(".ingest.staging-4235512277419047326"));
      Path otherStage =
          Files.createDirectory(tmp.resolve(".grid.staging-" + deadPid + "@" + host + "-n0tmine"));

      ByteArrayOutputStream log = new ByteArrayOutputStream();
      try (StagedOutput out =
          StagedOutput.begin(target, new PrintStream(log, true, StandardCharsets.UTF_8))) {
        assertThat(out.dir().getFileName().toString())
            .startsWith(".ingest.staging-" + ProcessHandle.current().pid() + "@" + host + "-");
      }
      assertThat(dead.getParent()).doesNotExist();
      assertThat(legacyOld).doesNotExist();
      assertThat(alive).isDirectory();
      assertThat(elsewhere).isDirectory();
      assertThat(legacyRecent).isDirectory();
      assertThat(otherStage).isDirectory();
      assertThat(Files.readString(target.resolve("manifest.json"))).isEqualTo("committed");
      assertThat(log.toString(StandardCharsets.UTF_8).lines())
          .containsExactlyInAnyOrder(
              "[ingest] removed "
                  + dead.getParent()
                  + ", left by a run that no longer runs (pid "
                  + deadPid
                  + " on "
                  + host
                  + ")",
              "[ingest] removed "
                  + legacyOld
                  + ", left by a run that recorded no owner and stopped more than 24 h ago");
    } finally {
      running.destroyForcibly();
    }
  }
}
