package org.livingcircle.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Progress lines with a hand-driven clock. */
class ProgressTest {
  private long now;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  private Progress progress(Progress.Mode mode, long intervalSeconds) {
    return new Progress(
        new PrintStream(buffer, true, StandardCharsets.UTF_8),
        mode,
        intervalSeconds * 1_000_000_000L,
        () -> now);
  }

  private String printed() {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void lineHasPhaseCountsPercentRateAndEta() {
    // 120 of 480 in 10 s: 12 per second, 360 left = 30 s
    assertThat(Progress.line("[access] jincheng: indicators", 120, 480, "tasks", 10_000_000_000L))
        .isEqualTo("[access] jincheng: indicators  120/480 tasks (25%)  12/s  ETA 0:30");
    assertThat(Progress.line("[grid] x: cells", 3, 40_000, "cells", 4_000_000_000L))
        .isEqualTo("[grid] x: cells  3/40,000 cells (0%)  0.8/s  ETA 14:48:50");
    assertThat(Progress.line("[ingest] x: parse POI files", 0, 4, "tasks", 1_000_000_000L))
        .isEqualTo("[ingest] x: parse POI files  0/4 tasks (0%)");
    assertThat(Progress.line("[ingest] x: parse POI files", 4, 4, "tasks", 65_000_000_000L))
        .isEqualTo("[ingest] x: parse POI files  4/4 tasks (100%)  0.1/s  1:05");
  }

  @Test
  void plainLinesComeEveryIntervalAndAPhaseThatPrintedGetsItsLastLine() {
    Progress p = progress(Progress.Mode.PLAIN, 10);
    p.update("[a] short", 1, 2, "tasks");
    now += 3_000_000_000L;
    p.update("[a] short", 2, 2, "tasks");
    p.end();
    assertThat(printed()).isEmpty(); // 3 s: too short to mention

    p.update("[b] long", 0, 100, "tasks");
    for (int i = 1; i <= 100; i++) {
      now += 500_000_000L; // a task every 0.5 s: 50 s in all
      p.update("[b] long", i, 100, "tasks");
    }
    p.end();
    assertThat(printed().lines())
        .containsExactly(
            "[b] long  20/100 tasks (20%)  2.0/s  ETA 0:40",
            "[b] long  40/100 tasks (40%)  2.0/s  ETA 0:30",
            "[b] long  60/100 tasks (60%)  2.0/s  ETA 0:20",
            "[b] long  80/100 tasks (80%)  2.0/s  ETA 0:10",
            "[b] long  100/100 tasks (100%)  2.0/s  0:50");
    assertThat(printed()).doesNotContain("\r");
  }

  @Test
  void aPlainPhaseEndingBetweenLinesGetsItsLastLine() {
    Progress p = progress(Progress.Mode.PLAIN, 10);
    p.update("[e] x", 0, 30, "tasks");
    now += 12_000_000_000L;
    p.update("[e] x", 10, 30, "tasks");
    now += 3_000_000_000L;
    p.update("[e] x", 30, 30, "tasks");
    p.end();
    assertThat(printed().lines())
        .containsExactly(
            "[e] x  10/30 tasks (33%)  0.8/s  ETA 0:24", "[e] x  30/30 tasks (100%)  2.0/s  0:15");
  }

  @Test
  void terminalLineIsRedrawnInPlaceAtMostFiveTimesASecondAndClearedAtTheEnd() {
    Progress p = progress(Progress.Mode.TTY, 10);
    p.update("[c] x", 0, 10, "tasks");
    for (int i = 1; i <= 10; i++) {
      now += 100_000_000L; // 0.1 s per task: every other update is redrawn
      p.update("[c] x", i, 10, "tasks");
    }
    p.end();
    String out = printed();
    assertThat(out).doesNotContain("\n").endsWith("\r\u001b[K");
    assertThat(out.split("\r\u001b\\[K", -1))
        .hasSize(1 + 7) // first, i = 2, 4, 6, 8, 10, then the clear
        .contains(
            "[c] x  4/10 tasks (40%)  10/s  ETA 0:01", "[c] x  10/10 tasks (100%)  10/s  0:01");
  }

  @Test
  void offPrintsNothing() {
    Progress p = progress(Progress.Mode.OFF, 0);
    p.update("[d] x", 1, 1, "tasks");
    p.end();
    assertThat(printed()).isEmpty();
  }
}
