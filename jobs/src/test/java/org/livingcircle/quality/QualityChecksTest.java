package org.livingcircle.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityChecksTest {
  @TempDir Path dir;

  @Test
  void missingStagesFailOneLineEach() throws IOException {
    write("ingest/manifest.json", "{}");
    write("grid/manifest.json", "{}");

    List<QualityJob.Check> failed =
        QualityChecks.stages(dir).stream().filter(c -> !c.passed()).toList();

    assertThat(failed)
        .extracting(QualityJob.Check::line)
        .containsExactly(
            "stage_present indicators: no indicators/manifest.json; run the stage first",
            "stage_present aggregate: no aggregate/manifest.json; run the stage first",
            "stage_present siting: no siting/manifest.json; run the stage first");
  }

  @Test
  void reconciliationFailsForAFileWithRowsUnaccountedFor() throws IOException {
    write(
        "ingest/ingest_report.json",
        """
        {"files": [
          {"table": "poi", "file": "a.csv", "read": 10, "accepted": 7, "quarantined": 3,
           "quarantined_by_reason": {"duplicate": 2, "missing_name": 1}},
          {"table": "poi", "file": "b.csv", "read": 10, "accepted": 7, "quarantined": 2,
           "quarantined_by_reason": {"duplicate": 2}}]}
        """);

    List<QualityJob.Check> checks = QualityChecks.reconciliation(dir);

    assertThat(checks).extracting(QualityJob.Check::passed).containsExactly(true, false);
    assertThat(checks.get(1).line())
        .isEqualTo("ingest_reconciled poi b.csv: 10 read, 7 accepted + 2 quarantined");
  }

  @Test
  void populationPerCountyAllowsRoundingOnly() throws IOException {
    write(
        "grid/manifest.json",
        """
        {"population_by_county": {
          "140502": {"population_cells": 574700.0000001, "population_census": 574700},
          "140521": {"population_cells": 186000.0, "population_census": 186945}}}
        """);

    List<QualityJob.Check> checks = QualityChecks.populationByCounty(dir);

    assertThat(checks).extracting(QualityJob.Check::passed).containsExactly(true, false);
    assertThat(checks.get(1).line())
        .isEqualTo("population county 140521: 186,000.0 on cells vs 186,945 in census");
    assertThat(QualityChecks.censusTotal(dir)).isEqualTo(574700 + 186945);
  }

  @Test
  void emptyTablesInManifestsFail() throws IOException {
    write(
        "ingest/manifest.json",
        """
        {"outputs": {"admin_units": {"rows": 6}, "poi": {"rows": 0}, "facilities": {"rows": 3}, "census": {"rows": 9}}}
        """);
    write("grid/manifest.json", "{\"outputs\": {\"cells\": {\"rows\": 100}}}");
    write("indicators/manifest.json", "{\"outputs\": {\"grid_indicators\": {\"rows\": 100}}}");
    write("aggregate/manifest.json", "{\"outputs\": {}}");

    assertThat(
            QualityChecks.nonEmpty(dir).stream()
                .filter(c -> !c.passed())
                .map(QualityJob.Check::line))
        .containsExactly(
            "rows ingest/poi: 0 rows in manifest",
            "rows aggregate/admin_indicators: -1 rows in manifest");
  }

  private void write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
