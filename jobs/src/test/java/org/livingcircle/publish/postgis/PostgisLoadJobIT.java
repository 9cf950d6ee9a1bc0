package org.livingcircle.publish.postgis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.livingcircle.publish.postgis.PostgisFixtures.cellsTable;
import static org.livingcircle.publish.postgis.PostgisFixtures.checksumInPostgis;
import static org.livingcircle.publish.postgis.PostgisFixtures.checksumInSpark;
import static org.livingcircle.publish.postgis.PostgisFixtures.columnTypes;
import static org.livingcircle.publish.postgis.PostgisFixtures.facilitiesTable;
import static org.livingcircle.publish.postgis.PostgisFixtures.schemas;
import static org.livingcircle.publish.postgis.PostgisFixtures.spec;
import static org.livingcircle.publish.postgis.PostgisFixtures.string;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.common.PublishException;

/** Loads small GeoParquet releases into the real PostGIS that scripts/ensure-postgis.sh starts. */
class PostgisLoadJobIT {
  private static final int N_CELLS = 500;
  private static final int N_FACILITIES = 300;

  @TempDir static Path dir;
  private static PgCredentials credentials;
  private static SparkSession spark;
  private static Connection db;
  private static String cells;
  private static String facilities;
  private static String cellsChecksum;
  private static String facilitiesChecksum;

  @BeforeAll
  static void setUp() throws Exception {
    credentials = PostgisFixtures.credentials();
    db = credentials.connect();
    spark = PostgisFixtures.spark();
    cells = PostgisFixtures.writeCells(dir.resolve("cells").toString(), N_CELLS, -1);
    facilities =
        PostgisFixtures.writeFacilities(dir.resolve("facilities").toString(), N_FACILITIES, false);
    cellsChecksum = checksumInSpark(cells, 32649);
    facilitiesChecksum = checksumInSpark(facilities, 4326);
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  private PostgisLoadJob.Result load(String live, String releaseId, int nKept) {
    return new PostgisLoadJob(
            spark,
            spec(
                credentials,
                live,
                releaseId,
                nKept,
                cellsTable(cells),
                facilitiesTable(facilities)))
        .commit();
  }

  @Test
  void loadsTypedTablesWithKeysIndexesAndSourceValues() throws Exception {
    PostgisFixtures.dropSchemas(db, "t_basic");

    PostgisLoadJob.Result result = load("t_basic", "r1", 2);

    assertThat(result.tables())
        .extracting(PostgisLoadJob.TableLoad::table, PostgisLoadJob.TableLoad::nRows)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("cells", (long) N_CELLS),
            org.assertj.core.groups.Tuple.tuple("facilities", (long) N_FACILITIES));
    assertThat(result.previousReleaseId()).isEmpty();
    assertThat(string(db, "SELECT count(*) FROM t_basic.cells")).isEqualTo("500");
    assertThat(string(db, "SELECT count(*) FROM t_basic.facilities")).isEqualTo("300");
    assertThat(string(db, "SELECT Find_SRID('t_basic', 'cells', 'geometry')")).isEqualTo("32649");
    assertThat(string(db, "SELECT Find_SRID('t_basic', 'facilities', 'geometry')"))
        .isEqualTo("4326");
    assertThat(
            string(
                db,
                "SELECT string_agg(DISTINCT GeometryType(geometry) || ':' || ST_SRID(geometry), ',')"
                    + " FROM t_basic.cells"))
        .isEqualTo("POLYGON:32649");
    assertThat(
            string(
                db,
                "SELECT string_agg(DISTINCT GeometryType(geometry) || ':' || ST_SRID(geometry), ',')"
                    + " FROM t_basic.facilities"))
        .isEqualTo("POINT:4326");
    assertThat(columnTypes(db, "t_basic", "cells"))
        .containsExactly(
            "cell_id bigint",
            "n_facilities integer",
            "population double precision",
            "ratio real",
            "reachable boolean",
            "name text",
            "computed_at timestamp with time zone",
            "release_date date",
            "geometry geometry(Polygon,32649)");
    assertThat(columnTypes(db, "t_basic", "facilities"))
        .containsExactly(
            "poi_id text",
            "category integer",
            "source_row bigint",
            "n_floors smallint",
            "rating numeric",
            "geometry geometry(Point,4326)");
    assertThat(
            string(
                db,
                "SELECT string_agg(indexname || ' ' || substring(indexdef from 'USING (\\w+ \\(\\w+\\))'),"
                    + " ', ' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 't_basic'"))
        .isEqualTo(
            "cells_geometry_gist gist (geometry), cells_pkey btree (cell_id), "
                + "facilities_geometry_gist gist (geometry), facilities_pkey btree (poi_id)");
    assertThat(
            string(
                db,
                "SELECT string_agg(table_name || '.' || constraint_type, ', ' ORDER BY table_name)"
                    + " FROM information_schema.table_constraints WHERE table_schema = 't_basic' AND constraint_type = 'PRIMARY KEY'"))
        .isEqualTo("cells.PRIMARY KEY, facilities.PRIMARY KEY");
    assertThat(checksumInPostgis(db, "t_basic", "cells")).isEqualTo(cellsChecksum);
    assertThat(checksumInPostgis(db, "t_basic", "facilities")).isEqualTo(facilitiesChecksum);
    assertThat(
            string(
                db,
                "SELECT release_id || ' ' || status || ' ' || array_to_string(tables, ',') || ' '"
                    + " || row_counts::text || ' ' || manifest_sha256 FROM t_basic_meta.releases"))
        .isEqualTo(
            "r1 live cells,facilities {\"cells\": 500, \"facilities\": 300} "
                + PostgisFixtures.MANIFEST_SHA256);
    assertThat(schemas(db, "t_basic")).containsExactly("t_basic", "t_basic_meta");
  }

  @Test
  void loadingTheSameReleaseTwiceLeavesIdenticalContents() throws Exception {
    PostgisFixtures.dropSchemas(db, "t_twice");
    load("t_twice", "r1", 2);
    List<String> shapeBefore = columnTypes(db, "t_twice", "cells");

    PostgisLoadJob.Result again = load("t_twice", "r1", 2);

    assertThat(again.previousReleaseId()).contains("r1");
    assertThat(columnTypes(db, "t_twice", "cells")).isEqualTo(shapeBefore);
    assertThat(checksumInPostgis(db, "t_twice", "cells")).isEqualTo(cellsChecksum);
    assertThat(checksumInPostgis(db, "t_twice", "facilities")).isEqualTo(facilitiesChecksum);
    assertThat(schemas(db, "t_twice")).containsExactly("t_twice", "t_twice_meta");
    assertThat(
            string(
                db,
                "SELECT string_agg(release_id || ' ' || status, ', ') FROM t_twice_meta.releases"))
        .isEqualTo("r1 live");
  }

  @Test
  void failingOnADuplicateKeyKeepsThePreviousReleaseAndDropsStaging() throws Exception {
    PostgisFixtures.dropSchemas(db, "t_dupkey");
    load("t_dupkey", "r1", 2);
    String duplicated =
        PostgisFixtures.writeFacilities(
            dir.resolve("facilities_dup").toString(), N_FACILITIES, true);
    PostgisLoadSpec bad =
        spec(credentials, "t_dupkey", "r2", 2, cellsTable(cells), facilitiesTable(duplicated));

    assertThatThrownBy(() -> new PostgisLoadJob(spark, bad).commit())
        .isInstanceOf(PublishException.class)
        .hasMessage(
            "Cannot add the primary key (poi_id) to t_dupkey_stage_r2.facilities: could not create unique"
                + " index \"facilities_pkey\" (Key (poi_id)=(p0) is duplicated.)");

    assertLiveRelease("t_dupkey", "r1");
  }

  @Test
  void failingOnABadRowInTheFirstTableKeepsThePreviousReleaseAndDropsStaging() throws Exception {
    PostgisFixtures.dropSchemas(db, "t_badrow");
    load("t_badrow", "r1", 2);
    String pointInCells =
        PostgisFixtures.writeCells(dir.resolve("cells_bad").toString(), N_CELLS, 7);
    PostgisLoadSpec bad =
        spec(
            credentials,
            "t_badrow",
            "r2",
            2,
            cellsTable(pointInCells),
            facilitiesTable(facilities));

    assertThatThrownBy(() -> new PostgisLoadJob(spark, bad).commit())
        .isInstanceOf(PublishException.class)
        .hasMessageStartingWith(
            "Cannot load table cells into t_badrow_stage_r2 from "
                + pointInCells
                + ": Geometry type (Point) does not match column type (Polygon) [COPY cells, line ");

    assertLiveRelease("t_badrow", "r1");
  }

  private void assertLiveRelease(String live, String releaseId) throws Exception {
    assertThat(schemas(db, live)).containsExactly(live, live + "_meta");
    assertThat(checksumInPostgis(db, live, "cells")).isEqualTo(cellsChecksum);
    assertThat(checksumInPostgis(db, live, "facilities")).isEqualTo(facilitiesChecksum);
    assertThat(
            string(
                db,
                "SELECT string_agg(release_id || ' ' || status, ', ') FROM "
                    + live
                    + "_meta.releases"))
        .isEqualTo(releaseId + " live");
  }

  @Test
  void dropsStagingSchemasLeftByADeadLoader() throws Exception {
    PostgisFixtures.dropSchemas(db, "t_stale");
    try (java.sql.Statement statement = db.createStatement()) {
      statement.execute("CREATE SCHEMA t_stale_stage_r0");
      statement.execute("CREATE TABLE t_stale_stage_r0.cells (cell_id bigint)");
    }
    PostgisLoadJob loader =
        new PostgisLoadJob(spark, spec(credentials, "t_stale", "r1", 2, cellsTable(cells)));

    assertThat(loader.apply().statements()).contains("DROP SCHEMA t_stale_stage_r0 CASCADE");
    loader.commit();

    assertThat(schemas(db, "t_stale")).containsExactly("t_stale", "t_stale_meta");
  }

  @Test
  void keepsTheConfiguredNumberOfPreviousReleases() throws Exception {
    PostgisFixtures.dropSchemas(db, "t_prune");
    load("t_prune", "r1", 2);
    load("t_prune", "r2", 2);
    load("t_prune", "r3", 2);

    PostgisLoadJob.Result fourth = load("t_prune", "r4", 2);

    assertThat(fourth.previousReleaseId()).contains("r3");
    assertThat(fourth.droppedReleaseIds()).containsExactly("r1");
    assertThat(schemas(db, "t_prune"))
        .containsExactly("t_prune", "t_prune_meta", "t_prune_release_r2", "t_prune_release_r3");
    assertThat(
            string(
                db,
                "SELECT string_agg(release_id || ' ' || status, ', ' ORDER BY release_id)"
                    + " FROM t_prune_meta.releases"))
        .isEqualTo("r1 dropped, r2 kept, r3 kept, r4 live");
    assertThat(checksumInPostgis(db, "t_prune_release_r2", "cells")).isEqualTo(cellsChecksum);
  }

  @Test
  void applyPlansTheSqlWithoutWriting() throws Exception {
    PostgisFixtures.dropSchemas(db, "t_plan");
    PostgisLoadJob loader =
        new PostgisLoadJob(spark, spec(credentials, "t_plan", "r1", 2, cellsTable(cells)));

    PostgisLoadJob.Plan plan = loader.apply();

    assertThat(plan.previousReleaseId()).isEqualTo(Optional.empty());
    assertThat(plan.statements())
        .contains(
            "CREATE TABLE t_plan_stage_r1.cells (cell_id bigint, n_facilities integer, population double precision,"
                + " ratio real, reachable boolean, name text, computed_at timestamp with time zone, release_date date,"
                + " geometry geometry(Polygon, 32649))",
            "COPY t_plan_stage_r1.cells (cell_id, n_facilities, population, ratio, reachable, name, computed_at,"
                + " release_date, geometry) FROM STDIN (FORMAT binary)  -- one per Spark partition",
            "ALTER SCHEMA t_plan_stage_r1 RENAME TO t_plan");
    assertThat(schemas(db, "t_plan")).isEmpty();
  }

  @Test
  void aWrongPasswordNamesUrlAndUserButNotThePassword() {
    String wrong = "not-the-Password-42";
    PostgisLoadJob loader =
        new PostgisLoadJob(
            spark, spec(credentials.withPassword(wrong), "t_auth", "r1", 2, cellsTable(cells)));

    assertThatThrownBy(loader::commit)
        .isInstanceOf(PublishException.class)
        .hasMessage(
            "Cannot connect to PostGIS at "
                + PostgisFixtures.URL
                + " as user "
                + PostgisFixtures.USER
                + ": password authentication failed for user \""
                + PostgisFixtures.USER
                + "\"")
        .message()
        .doesNotContain(wrong);
  }
}
