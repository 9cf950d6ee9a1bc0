package org.livingcircle.publish.postgis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.livingcircle.common.PublishException;

class PgReleaseSqlTest {
  private static final PgCredentials CREDENTIALS =
      new PgCredentials("jdbc:postgresql://127.0.0.1:5432/lcp_test", "lcp", "secret");
  private static final PgTableSpec CELLS =
      new PgTableSpec(
          "grid_indicators", "out/grid", List.of("cell_id"), "geometry", 32649, "Polygon");

  private static PostgisLoadSpec spec(String releaseId, int nKept) {
    return new PostgisLoadSpec(
        CREDENTIALS, releaseId, "lcp", List.of(CELLS), nKept, "0".repeat(64));
  }

  @Test
  void firstReleaseOnlyRenamesStaging() {
    PgReleaseSql.Swap swap = PgReleaseSql.swap(spec("r1", 2), ReleaseState.EMPTY);

    assertThat(swap.statements())
        .containsExactly(
            "SET LOCAL lock_timeout = '60s'",
            "DROP SCHEMA IF EXISTS lcp_release_r1 CASCADE",
            "ALTER SCHEMA lcp_stage_r1 RENAME TO lcp");
    assertThat(swap.previousReleaseId()).isEmpty();
    assertThat(swap.droppedReleaseIds()).isEmpty();
  }

  @Test
  void nextReleaseKeepsThePreviousAndDropsBeyondTheCount() {
    ReleaseState state = new ReleaseState(true, Optional.of("r3"), List.of("r2", "r1"));

    PgReleaseSql.Swap swap = PgReleaseSql.swap(spec("r4", 2), state);

    assertThat(swap.statements())
        .containsExactly(
            "SET LOCAL lock_timeout = '60s'",
            "DROP SCHEMA IF EXISTS lcp_release_r3 CASCADE",
            "ALTER SCHEMA lcp RENAME TO lcp_release_r3",
            "UPDATE lcp_meta.releases SET status = 'kept' WHERE release_id = 'r3'",
            "DROP SCHEMA IF EXISTS lcp_release_r4 CASCADE",
            "ALTER SCHEMA lcp_stage_r4 RENAME TO lcp",
            "DROP SCHEMA IF EXISTS lcp_release_r1 CASCADE",
            "UPDATE lcp_meta.releases SET status = 'dropped' WHERE release_id = 'r1'");
    assertThat(swap.previousReleaseId()).contains("r3");
    assertThat(swap.droppedReleaseIds()).containsExactly("r1");
  }

  @Test
  void reloadingTheLiveReleaseDropsItsOldCopyInsteadOfKeepingIt() {
    ReleaseState state = new ReleaseState(true, Optional.of("r2"), List.of("r1"));

    PgReleaseSql.Swap swap = PgReleaseSql.swap(spec("r2", 1), state);

    assertThat(swap.statements())
        .containsExactly(
            "SET LOCAL lock_timeout = '60s'",
            "DROP SCHEMA lcp CASCADE",
            "DROP SCHEMA IF EXISTS lcp_release_r2 CASCADE",
            "ALTER SCHEMA lcp_stage_r2 RENAME TO lcp");
    assertThat(swap.droppedReleaseIds()).isEmpty();
  }

  @Test
  void rollingBackToAKeptReleaseReplacesItsKeptCopy() {
    ReleaseState state = new ReleaseState(true, Optional.of("r2"), List.of("r1"));

    PgReleaseSql.Swap swap = PgReleaseSql.swap(spec("r1", 0), state);

    assertThat(swap.statements())
        .containsExactly(
            "SET LOCAL lock_timeout = '60s'",
            "DROP SCHEMA IF EXISTS lcp_release_r2 CASCADE",
            "ALTER SCHEMA lcp RENAME TO lcp_release_r2",
            "UPDATE lcp_meta.releases SET status = 'kept' WHERE release_id = 'r2'",
            "DROP SCHEMA IF EXISTS lcp_release_r1 CASCADE",
            "ALTER SCHEMA lcp_stage_r1 RENAME TO lcp",
            "DROP SCHEMA IF EXISTS lcp_release_r2 CASCADE",
            "UPDATE lcp_meta.releases SET status = 'dropped' WHERE release_id = 'r2'");
    assertThat(swap.droppedReleaseIds()).containsExactly("r2");
  }

  @Test
  void recordsALiveReleaseWhoseSchemaWasDroppedByHand() {
    ReleaseState state = new ReleaseState(false, Optional.of("r1"), List.of());

    PgReleaseSql.Swap swap = PgReleaseSql.swap(spec("r2", 2), state);

    assertThat(swap.statements())
        .containsExactly(
            "SET LOCAL lock_timeout = '60s'",
            "UPDATE lcp_meta.releases SET status = 'dropped' WHERE release_id = 'r1'",
            "DROP SCHEMA IF EXISTS lcp_release_r2 CASCADE",
            "ALTER SCHEMA lcp_stage_r2 RENAME TO lcp");
    assertThat(swap.previousReleaseId()).isEmpty();
  }

  @Test
  void refusesAnUntrackedLiveSchema() {
    ReleaseState state = new ReleaseState(true, Optional.empty(), List.of());

    assertThatThrownBy(() -> PgReleaseSql.swap(spec("r1", 2), state))
        .isInstanceOf(PublishException.class)
        .hasMessage(
            "Cannot swap release r1 into schema lcp: the schema exists but lcp_meta.releases records no live"
                + " release; rename or drop schema lcp first");
  }

  @Test
  void createsTypedTablesAndBuildsKeyAndIndexAfterTheLoad() {
    List<PgColumn> columns =
        List.of(
            new PgColumn("cell_id", PgType.BIGINT),
            new PgColumn("nearest_m", PgType.DOUBLE),
            new PgColumn("geometry", PgType.GEOMETRY));

    assertThat(PgReleaseSql.createTable("lcp_stage_r1", CELLS, columns))
        .isEqualTo(
            "CREATE TABLE lcp_stage_r1.grid_indicators (cell_id bigint, nearest_m double precision,"
                + " geometry geometry(Polygon, 32649))");
    assertThat(PgReleaseSql.copy("lcp_stage_r1", CELLS, columns))
        .isEqualTo(
            "COPY lcp_stage_r1.grid_indicators (cell_id, nearest_m, geometry) FROM STDIN (FORMAT binary)");
    assertThat(PgReleaseSql.finishTable("lcp_stage_r1", CELLS))
        .containsExactly(
            "ALTER TABLE lcp_stage_r1.grid_indicators ADD CONSTRAINT grid_indicators_pkey PRIMARY KEY (cell_id)",
            "CREATE INDEX grid_indicators_geometry_gist ON lcp_stage_r1.grid_indicators USING gist (geometry)",
            "ANALYZE lcp_stage_r1.grid_indicators");
  }

  @Test
  void rejectsBadNamesInSpecs() {
    assertThatThrownBy(() -> spec("R-1", 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot use release id 'R-1': only a-z, 0-9 and _ are allowed");
    assertThatThrownBy(
            () ->
                new PgTableSpec(
                    "Grid", "out/grid", List.of("cell_id"), "geometry", 32649, "Polygon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot use table name 'Grid': not a lower-case snake_case identifier");
    assertThatThrownBy(
            () ->
                new PgTableSpec(
                    "grid", "out/grid", List.of("cell_id"), "geometry", 32649, "POLYGON"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot load table grid: geometry type POLYGON is not one of ");
    assertThatThrownBy(() -> spec("a".repeat(60), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot use release schema lcp_release_"
                + "a".repeat(60)
                + ": longer than 63 characters");
  }
}
