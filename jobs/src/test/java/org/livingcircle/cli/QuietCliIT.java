package org.livingcircle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.RepoPaths;

/**
 * Runs {@code lcp ingest} in its own JVM, as bin/lcp does (log4j configured from the classpath at
 * start-up), and reads what an operator sees on stderr: nothing from Spark's loggers.
 */
class QuietCliIT {
  @Test
  void ingestPrintsNoEngineLogLinesByDefault(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("ingest");
    Run run =
        lcp(
            tmp,
            "ingest",
            "--config",
            RepoPaths.testResource("ingest/testcity.yaml").toString(),
            "--input",
            RepoPaths.testResource("ingest/messy").toString(),
            "--out",
            out.toString());
    assertThat(run.exitCode).as(run.stderr).isZero();
    assertThat(run.stdout).contains("[ingest] testcity: admin_units 2, poi 9");
    // the JVM itself may warn (e.g. about options); no line comes from a log4j logger
    assertThat(run.stderr.lines())
        .noneMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d (TRACE|DEBUG|INFO|WARN|ERROR) .*"));
    assertThat(run.stderr)
        .doesNotContain("org.apache.spark", "BlockManager", "Executor", "SparkContext");
    assertThat(out.resolve("manifest.json")).isRegularFile();
  }

  record Run(int exitCode, String stdout, String stderr) {}

  /**
   * {@code java -cp <test classpath> org.livingcircle.cli.Lcp args} with this JVM's module flags.
   */
  static Run lcp(Path tmp, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx2g");
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("--add-opens")
          || flag.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
          || flag.startsWith("-Djdk.reflect")
          || flag.startsWith("-Dio.netty")
          || flag.startsWith("-Dlcp.repo.root")) {
        command.add(flag);
      }
    }
    command.add("-Dlcp.repo.root=" + RepoPaths.root());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Lcp.class.getName());
    command.addAll(List.of(args));
    Path stdout = tmp.resolve("stdout.txt");
    Path stderr = tmp.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("lcp " + String.join(" ", args) + " did not finish in 10 minutes");
    }
    return new Run(
        process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }
}
