package org.livingcircle.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The street-link checks of the network walking model, on hand-written manifests. */
class StreetLinkChecksTest {
  @TempDir Path dir;

  private void manifest(
      long cells, long linked, long populated, long populatedUnlinked, long rowsWritten)
      throws IOException {
    Path file = dir.resolve("indicators/manifest.json");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        String.format(
            Locale.ROOT,
            """
        {"walk_model": {"model": "network", "link_radius_m": 500.0, "cells": %d, "cells_linked": %d, "cells_unlinked": %d,
          "cells_populated": %d, "cells_populated_unlinked": %d, "compounds": 10, "compounds_linked": 9,
          "compounds_unlinked": 1},
         "outputs": {"grid_indicators": {"rows": %d}, "compound_indicators": {"rows": 10}}}
        """,
            cells,
            linked,
            cells - linked,
            populated,
            populatedUnlinked,
            rowsWritten));
  }

  private List<QualityJob.Check> checks() {
    return QualityChecks.streetLinks(dir, 0.05, 0.5);
  }

  @Test
  void aFewUnlinkedPopulatedCellsPassQuietly() throws IOException {
    manifest(1000, 990, 400, 8, 1000);

    assertThat(checks()).extracting(QualityJob.Check::passed).containsExactly(true, true, true);
    assertThat(checks().get(2).detail())
        .isEqualTo("8 of 400 populated cells (2.0 %) have no walkable street within 500.0 m");
  }

  @Test
  void aboveTheWarningShareItPassesWithAWarning() throws IOException {
    manifest(1000, 900, 400, 40, 1000);

    QualityJob.Check c = checks().get(2);
    assertThat(c.passed()).isTrue();
    assertThat(c.detail())
        .startsWith(QualityChecks.WARNING)
        .contains("40 of 400 populated cells (10.0 %)");
  }

  @Test
  void aboveTheFailingShareItFails() throws IOException {
    manifest(1000, 500, 400, 202, 1000);

    QualityJob.Check c = checks().get(2);
    assertThat(c.passed()).isFalse();
    assertThat(c.line())
        .contains("202 of 400 populated cells (50.5 %)")
        .contains("--max-unlinked-share");
  }

  @Test
  void countsThatDoNotReconcileWithTheRowsWrittenFail() throws IOException {
    manifest(1000, 990, 400, 0, 999);

    assertThat(checks().get(0).passed()).isFalse();
    assertThat(checks().get(1).passed()).isTrue();
  }

  @Test
  void theStraightLineModelHasNoStreetLinkCheck() throws IOException {
    Path file = dir.resolve("indicators/manifest.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"walk_model\": {\"model\": \"straight_line\"}}");

    assertThat(checks()).isEmpty();
  }
}
