package org.livingcircle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livingcircle.common.InputException;
import org.livingcircle.spark.SparkTestSession;

/** The engine's log levels per flag, seen on stderr while a real local Spark job runs. */
class LogsIT {
  private final PrintStream realErr = System.err;

  @AfterEach
  void restore() {
    System.setErr(realErr);
    Logs.configure(false, false);
  }

  @Test
  void aFailingTaskLogsNothingByDefaultAndTheCliFindsOurMessage() {
    Logs.configure(false, false);
    Throwable thrown = failTask();
    String logged = captured;
    assertThat(logged).isEmpty();
    assertThat(Lcp.unwrap(thrown))
        .isInstanceOf(InputException.class)
        .hasMessage("Cannot read POI file poi/broken.json: invalid JSON (line 3)");
  }

  @Test
  void stacktraceBringsBackSparksTaskFailureLogging() {
    Logs.configure(false, true);
    failTask();
    assertThat(captured)
        .contains("ERROR Executor: Exception in task", "Cannot read POI file poi/broken.json");
    assertThat(captured).doesNotContain(" INFO ");
  }

  @Test
  void verboseShowsTheEnginesInfoLines() {
    Logs.configure(true, false);
    capture(
        () ->
            JavaSparkContext.fromSparkContext(spark().sparkContext())
                .parallelize(List.of(1, 2, 3), 2)
                .count());
    assertThat(captured).contains(" INFO DAGScheduler: ");
  }

  private String captured = "";

  private static SparkSession spark() {
    return SparkTestSession.get();
  }

  private Throwable failTask() {
    Throwable[] thrown = new Throwable[1];
    capture(
        () ->
            thrown[0] =
                catchThrowable(
                    () ->
                        JavaSparkContext.fromSparkContext(spark().sparkContext())
                            .parallelize(List.of(1, 2), 2)
                            .map(
                                i -> {
                                  if (i == 2) {
                                    throw new InputException(
                                        "Cannot read POI file poi/broken.json: invalid JSON (line 3)");
                                  }
                                  return i;
                                })
                            .collect()));
    assertThat(thrown[0]).isInstanceOf(org.apache.spark.SparkException.class);
    return thrown[0];
  }

  private void capture(Runnable action) {
    SparkSession warm = spark(); // session start-up logs are not what these tests look at
    assertThat(warm).isNotNull();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.err.flush();
      System.setErr(realErr);
    }
    captured = buffer.toString(StandardCharsets.UTF_8);
  }
}
