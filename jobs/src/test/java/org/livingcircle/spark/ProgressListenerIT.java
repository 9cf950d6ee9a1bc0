package org.livingcircle.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.livingcircle.common.Progress;

/** The listener on real local Spark jobs: tasks done of total per job description. */
class ProgressListenerIT {
  @Test
  void tasksOfTheDescribedJobsAreCountedUnderTheirDescription() throws Exception {
    SparkSession spark = SparkTestSession.get();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    // plain lines on every update (interval 0), so each task shows
    ProgressListener listener =
        new ProgressListener(
            new Progress(
                new PrintStream(buffer, true, StandardCharsets.UTF_8),
                Progress.Mode.PLAIN,
                0,
                System::nanoTime));
    spark.sparkContext().addSparkListener(listener);
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Sessions.describe(spark, "test", "listener: two jobs");
      assertThat(jsc.parallelize(List.of(1, 2, 3, 4, 5, 6), 6).count()).isEqualTo(6);
      assertThat(jsc.parallelize(List.of(1, 2, 3, 4), 4).map(i -> i * 2).reduce(Integer::sum))
          .isEqualTo(20);
      Sessions.describe(spark, "test", "listener: shuffle");
      assertThat(
              jsc.parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 4)
                  .mapToPair(i -> new scala.Tuple2<>(i % 2, i))
                  .reduceByKey(Integer::sum, 3)
                  .count())
          .isEqualTo(2);
      spark.sparkContext().listenerBus().waitUntilEmpty(30_000);
    } finally {
      spark.sparkContext().removeSparkListener(listener);
      spark.sparkContext().clearJobGroup();
    }
    List<String> full = buffer.toString(StandardCharsets.UTF_8).lines().toList();
    List<String> lines =
        full.stream().map(l -> l.replaceAll("\\)  .*", ")")).toList(); // without rate and ETA
    // first job: 6 tasks; the second job of the same phase adds 4 to the total
    assertThat(lines)
        .contains(
            "[test] listener: two jobs  1/6 tasks (16%)",
            "[test] listener: two jobs  6/10 tasks (60%)",
            "[test] listener: shuffle  7/7 tasks (100%)");
    assertThat(full)
        .anySatisfy(
            l ->
                assertThat(l)
                    .matches(
                        "\\[test\\] listener: two jobs  10/10 tasks \\(100%\\)  [0-9.,]+/s  0:0[0-9]"));
    assertThat(lines)
        .noneMatch(l -> l.contains("/0 tasks") || l.startsWith(ProgressListener.UNDESCRIBED));
  }
}
