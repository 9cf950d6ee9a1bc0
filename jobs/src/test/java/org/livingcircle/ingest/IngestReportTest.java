package org.livingcircle.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestReportTest {
  @TempDir Path tmp;

  /**
   * poi a.csv: 1,234 read = 1,200 accepted + 30 missing names + 4 duplicates; poi b.json: 2 = 2.
   */
  private static IngestReport balanced() {
    IngestReport report = new IngestReport();
    IngestReport.FileCounts a = report.file("poi", "a.csv");
    a.read = 1234;
    a.accepted = 1200;
    report.quarantine("poi", "a.csv", Reason.MISSING_NAME, 20);
    report.quarantine("poi", "a.csv", Reason.DUPLICATE, 4);
    report.quarantine("poi", "a.csv", Reason.MISSING_NAME, 10);
    IngestReport.FileCounts b = report.file("poi", "b.json");
    b.read = 2;
    b.accepted = 2;
    return report;
  }

  @Test
  void quarantineCountsAddUpByReasonCode() {
    IngestReport.FileCounts a = balanced().file("poi", "a.csv");
    assertThat(a.quarantined).isEqualTo(Map.of("duplicate", 4L, "missing_name", 30L));
    assertThat(a.quarantinedTotal()).isEqualTo(34);
    assertThat(a.reconciles()).isTrue();
  }

  @Test
  void theSameFileNameInTwoTablesIsCountedApart() {
    IngestReport report = new IngestReport();
    report.file("census", "x.csv").read = 3;
    report.file("statistics", "x.csv").read = 5;
    assertThat(report.files())
        .extracting(f -> f.table + " " + f.file + " " + f.read)
        .containsExactly("census x.csv 3", "statistics x.csv 5");
    assertThat(report.file("census", "x.csv").read).isEqualTo(3);
  }

  @Test
  void reconcilePassesWhenEveryRowIsAccountedFor() {
    balanced().reconcile();
    new IngestReport().reconcile();
  }

  @Test
  void reconcileNamesTheFileThatDoesNotAddUp() {
    IngestReport report = balanced();
    IngestReport.FileCounts c = report.file("census", "census.csv");
    c.read = 5;
    c.accepted = 3;
    report.quarantine("census", "census.csv", Reason.SCHEMA_VIOLATION, 1);
    assertThat(c.reconciles()).isFalse();
    assertThatThrownBy(report::reconcile)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot reconcile census.csv: 5 read but 3 accepted + 1 quarantined");
  }

  @Test
  void moreAccountedForThanReadAlsoFails() {
    IngestReport report = new IngestReport();
    report.file("poi", "a.csv").read = 1;
    report.file("poi", "a.csv").accepted = 1;
    report.quarantine("poi", "a.csv", Reason.DUPLICATE, 1);
    assertThatThrownBy(report::reconcile)
        .hasMessage("Cannot reconcile a.csv: 1 read but 1 accepted + 1 quarantined");
  }

  @Test
  void printsOneLinePerFileWithReasons() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    balanced().print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String nl = System.lineSeparator();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "[ingest] poi a.csv: 1,234 read, 1,200 accepted, 34 quarantined (duplicate 4, missing_name 30)"
                + nl
                + "[ingest] poi b.json: 2 read, 2 accepted, 0 quarantined"
                + nl);
  }

  @Test
  void writesFilesTotalsAndWhetherAllReconciled() throws IOException {
    IngestReport report = balanced();
    report.file("census", "census.csv").read = 5;
    report.file("census", "census.csv").accepted = 3;
    Path json = tmp.resolve("report.json");
    report.write(json);
    ObjectMapper mapper = new ObjectMapper();
    assertThat(mapper.readTree(json.toFile()))
        .isEqualTo(
            mapper.readTree(
                """
                {"files": [
                  {"table": "census", "file": "census.csv", "read": 5, "accepted": 3, "quarantined": 0,
                   "quarantined_by_reason": {}, "reconciled": false},
                  {"table": "poi", "file": "a.csv", "read": 1234, "accepted": 1200, "quarantined": 34,
                   "quarantined_by_reason": {"duplicate": 4, "missing_name": 30}, "reconciled": true},
                  {"table": "poi", "file": "b.json", "read": 2, "accepted": 2, "quarantined": 0,
                   "quarantined_by_reason": {}, "reconciled": true}],
                 "totals": {"census": {"read": 5, "accepted": 3, "quarantined": 0},
                            "poi": {"read": 1236, "accepted": 1202, "quarantined": 34}},
                 "reconciled": false}
                """));
  }
}
