package org.livingcircle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house rules over the main sources (docs/architecture.md): what each package may refer to,
 * read from the code itself (imports and fully-qualified names; comments and string literals are
 * ignored). Every package that is not one of the named infrastructure packages is a stage.
 */
class ArchitectureTest {
  /** Floors below the stages, and what each may use. */
  private static final java.util.Map<String, Set<String>> FLOORS =
      java.util.Map.of(
          "common", Set.of(),
          "geo", Set.of("common"),
          "config", Set.of("common", "geo"),
          "spark", Set.of("common", "geo", "config"),
          "streets", Set.of("common", "geo", "config"));

  private static final Set<String> ABOVE_STAGES = Set.of("pipeline", "bench", "cli");
  private static final Pattern REFERENCE = Pattern.compile("\\borg\\.livingcircle\\.([a-z0-9_]+)");
  private static final Pattern SPARK = Pattern.compile("\\borg\\.apache\\.spark\\b");

  /**
   * One main source file: its top-level package under org.livingcircle, class name and code without
   * comments or strings.
   */
  record Source(Path file, String pkg, String className, String code) {}

  static List<Source> sources(Path root) {
    List<Source> result = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        Path rel = root.relativize(f);
        String pkg = rel.getNameCount() > 1 ? rel.getName(0).toString() : "";
        String name = f.getFileName().toString().replace(".java", "");
        result.add(new Source(rel, pkg, name, codeOnly(Files.readString(f))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return result;
  }

  /** Java source with comments, string and char literals and text blocks blanked. */
  static String codeOnly(String java) {
    return java.replaceAll("(?s)\"\"\".*?\"\"\"", "\"\"")
        .replaceAll("(?s)/\\*.*?\\*/", " ")
        .replaceAll("//[^\\n]*", " ")
        .replaceAll("\"(\\\\.|[^\"\\\\\\n])*\"", "\"\"")
        .replaceAll("'(\\\\.|[^'\\\\\\n])+'", "' '");
  }

  /** Every rule broken in {@code root}, one line each. */
  static List<String> violations(Path root) {
    List<String> out = new ArrayList<>();
    for (Source s : sources(root)) {
      Set<String> used = new TreeSet<>();
      Matcher m = REFERENCE.matcher(s.code());
      while (m.find()) {
        if (!m.group(1).equals(s.pkg())) {
          used.add(m.group(1));
        }
      }
      boolean stage = !FLOORS.containsKey(s.pkg()) && !ABOVE_STAGES.contains(s.pkg());
      for (String u : used) {
        boolean uStage = !FLOORS.containsKey(u) && !ABOVE_STAGES.contains(u);
        if (u.equals("cli")) {
          out.add(s.file() + ": uses cli (nothing imports the command line)");
        } else if (FLOORS.containsKey(s.pkg()) && !FLOORS.get(s.pkg()).contains(u)) {
          out.add(
              s.file()
                  + ": "
                  + s.pkg()
                  + " uses "
                  + u
                  + " (allowed: "
                  + new TreeSet<>(FLOORS.get(s.pkg()))
                  + ")");
        } else if (stage && (uStage || ABOVE_STAGES.contains(u))) {
          out.add(
              s.file()
                  + ": stage "
                  + s.pkg()
                  + " uses "
                  + u
                  + " (stages share only files, public records and "
                  + FLOORS.keySet().stream().sorted().toList()
                  + ")");
        } else if (s.pkg().equals("pipeline") && u.equals("bench")) {
          out.add(s.file() + ": pipeline uses bench");
        }
      }
      boolean sparkAllowed =
          !stage || s.className().endsWith("Job") || s.className().endsWith("Rows");
      if (FLOORS.containsKey(s.pkg()) && !s.pkg().equals("spark")) {
        sparkAllowed = false;
      }
      if (!sparkAllowed && SPARK.matcher(s.code()).find()) {
        out.add(
            s.file()
                + ": uses Spark outside a *Job/*Rows class of a stage (or spark/, pipeline/, cli/, bench/)");
      }
    }
    return out;
  }

  @Test
  void mainSourcesFollowTheHouseRules() {
    assertThat(violations(RepoPaths.of("jobs/src/main/java/org/livingcircle"))).isEmpty();
  }

  @Test
  void aStageImportingAnotherStageOrSparkLeakingOutOfAJobFails(
      @org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
    Path root = tmp.resolve("org/livingcircle");
    write(
        root.resolve("access/AccessKernel.java"),
        "package org.livingcircle.access;\nimport org.apache.spark.sql.Row;\n"
            + "// org.livingcircle.grid in a comment is fine\nclass AccessKernel { String s = \"org.livingcircle.cli\"; }\n");
    write(
        root.resolve("access/AccessJob.java"),
        "package org.livingcircle.access;\nimport org.apache.spark.sql.Row;\n"
            + "import org.livingcircle.grid.GridJob;\nclass AccessJob { int c = org.livingcircle.ingest.IngestJob.X; }\n");
    write(
        root.resolve("common/Util.java"),
        "package org.livingcircle.common;\nimport org.livingcircle.config.Tier;\nclass Util {}\n");
    write(
        root.resolve("bench/Bench.java"),
        "package org.livingcircle.bench;\nimport org.livingcircle.cli.Lcp;\nclass Bench {}\n");

    assertThat(violations(root))
        .containsExactly(
            "access/AccessJob.java: stage access uses grid (stages share only files, public records and [common, config, geo, spark, streets])",
            "access/AccessJob.java: stage access uses ingest (stages share only files, public records and [common, config, geo, spark, streets])",
            "access/AccessKernel.java: uses Spark outside a *Job/*Rows class of a stage (or spark/, pipeline/, cli/, bench/)",
            "bench/Bench.java: uses cli (nothing imports the command line)",
            "common/Util.java: common uses config (allowed: [])");
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
