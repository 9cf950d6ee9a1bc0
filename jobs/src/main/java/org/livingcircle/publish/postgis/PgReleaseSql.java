package org.livingcircle.publish.postgis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.livingcircle.common.PublishException;

/**
 * The SQL of a release load, as text: shared by {@link PostgisLoadJob#apply()} (the plan) and
 * {@link PostgisLoadJob#commit()} (the run), so the plan is exactly what runs. Every identifier was
 * checked by {@link PgNames} and every release id by {@link PostgisLoadSpec}, so none needs
 * quoting.
 */
final class PgReleaseSql {
  /**
   * A swap waits at most this long for readers of a schema it renames or drops, then fails (live
   * untouched).
   */
  static final String SWAP_LOCK_TIMEOUT = "60s";

  private PgReleaseSql() {}

  static List<String> prepareMeta(PostgisLoadSpec spec) {
    String meta = spec.metaSchema();
    return List.of(
        "CREATE SCHEMA IF NOT EXISTS " + meta,
        "CREATE TABLE IF NOT EXISTS "
            + meta
            + ".releases ("
            + "release_id text PRIMARY KEY, "
            + "loaded_at timestamp with time zone NOT NULL, "
            + "status text NOT NULL CHECK (status IN ('live', 'kept', 'dropped')), "
            + "tables text[] NOT NULL, "
            + "row_counts jsonb NOT NULL, "
            + "manifest_sha256 text NOT NULL)");
  }

  /**
   * Serialises loaders of the same live schema for the whole load (session-level advisory lock,
   * released on close).
   */
  static String lockLoaders(PostgisLoadSpec spec) {
    return "SELECT pg_advisory_lock(hashtext('" + spec.liveSchema() + "'))";
  }

  /**
   * Staging schemas of this live schema left by loaders that died (killed JVM, lost connection).
   * Safe to drop while holding {@link #lockLoaders}: no other loader of this live schema can be
   * running.
   */
  static String readStagingSchemas() {
    return "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, ?) ORDER BY nspname";
  }

  static String stagingPrefix(PostgisLoadSpec spec) {
    return spec.liveSchema() + "_stage_";
  }

  static List<String> dropSchemas(List<String> schemas) {
    return schemas.stream().map(schema -> "DROP SCHEMA " + schema + " CASCADE").toList();
  }

  static List<String> createStaging(PostgisLoadSpec spec) {
    return List.of(dropStaging(spec), "CREATE SCHEMA " + spec.stagingSchema());
  }

  static String dropStaging(PostgisLoadSpec spec) {
    return "DROP SCHEMA IF EXISTS " + spec.stagingSchema() + " CASCADE";
  }

  static String createTable(String schema, PgTableSpec table, List<PgColumn> columns) {
    String body =
        columns.stream()
            .map(
                c ->
                    c.name()
                        + " "
                        + (c.type() == PgType.GEOMETRY
                            ? "geometry(" + table.geometryType() + ", " + table.srid() + ")"
                            : c.type().sql))
            .collect(Collectors.joining(", "));
    return "CREATE TABLE " + schema + "." + table.name() + " (" + body + ")";
  }

  static String copy(String schema, PgTableSpec table, List<PgColumn> columns) {
    return "COPY "
        + schema
        + "."
        + table.name()
        + " ("
        + columns.stream().map(PgColumn::name).collect(Collectors.joining(", "))
        + ") FROM STDIN (FORMAT binary)";
  }

  /**
   * Key, spatial index and statistics are built after the bulk load: one index build instead of
   * row-by-row upkeep.
   */
  static List<String> finishTable(String schema, PgTableSpec table) {
    String qualified = schema + "." + table.name();
    return List.of(
        "ALTER TABLE "
            + qualified
            + " ADD CONSTRAINT "
            + table.name()
            + "_pkey PRIMARY KEY ("
            + String.join(", ", table.primaryKey())
            + ")",
        "CREATE INDEX "
            + table.name()
            + "_"
            + table.geometryColumn()
            + "_gist ON "
            + qualified
            + " USING gist ("
            + table.geometryColumn()
            + ")",
        "ANALYZE " + qualified);
  }

  static String lockReleases(PostgisLoadSpec spec) {
    return "LOCK TABLE " + spec.metaSchema() + ".releases IN SHARE ROW EXCLUSIVE MODE";
  }

  static String readLiveSchemaExists() {
    return "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)";
  }

  static String readReleases(PostgisLoadSpec spec) {
    return "SELECT release_id, status FROM "
        + spec.metaSchema()
        + ".releases"
        + " WHERE status IN ('live', 'kept') ORDER BY loaded_at DESC, release_id DESC";
  }

  /** Upsert of the new release's row; parameters: table names (text[]), row counts (jsonb text). */
  static String recordRelease(PostgisLoadSpec spec) {
    return "INSERT INTO "
        + spec.metaSchema()
        + ".releases"
        + " (release_id, loaded_at, status, tables, row_counts, manifest_sha256)"
        + " VALUES ('"
        + spec.releaseId()
        + "', now(), 'live', ?, ?::jsonb, '"
        + spec.manifestSha256()
        + "')"
        + " ON CONFLICT (release_id) DO UPDATE SET loaded_at = excluded.loaded_at, status = 'live',"
        + " tables = excluded.tables, row_counts = excluded.row_counts, manifest_sha256 = excluded.manifest_sha256";
  }

  /**
   * The statements of the swap transaction (after {@link #lockReleases}, before {@link
   * #recordRelease}).
   *
   * <p>The live schema becomes {@code <live>_release_<previous>} (or is dropped when the previous
   * live release is this same release id: a reload keeps no duplicate), the staging schema becomes
   * the live schema, and kept releases beyond {@code nKeptReleases} are dropped, newest kept first.
   */
  static Swap swap(PostgisLoadSpec spec, ReleaseState state) {
    String newId = spec.releaseId();
    String live = spec.liveSchema();
    String meta = spec.metaSchema() + ".releases";
    List<String> statements = new ArrayList<>();
    statements.add("SET LOCAL lock_timeout = '" + SWAP_LOCK_TIMEOUT + "'");
    List<String> kept = new ArrayList<>();
    Optional<String> previous = Optional.empty();
    if (state.liveSchemaExists()) {
      String previousId =
          state
              .liveReleaseId()
              .orElseThrow(
                  () ->
                      new PublishException(
                          String.format(
                              "Cannot swap release %s into schema %s: the schema exists but %s records no live release; "
                                  + "rename or drop schema %s first",
                              newId, live, meta, live)));
      previous = Optional.of(previousId);
      if (previousId.equals(newId)) {
        statements.add("DROP SCHEMA " + live + " CASCADE");
      } else {
        statements.add("DROP SCHEMA IF EXISTS " + spec.releaseSchema(previousId) + " CASCADE");
        statements.add("ALTER SCHEMA " + live + " RENAME TO " + spec.releaseSchema(previousId));
        statements.add(
            "UPDATE " + meta + " SET status = 'kept' WHERE release_id = '" + previousId + "'");
        kept.add(previousId);
      }
    } else if (state.liveReleaseId().isPresent() && !state.liveReleaseId().get().equals(newId)) {
      // recorded as live but its schema is gone (dropped by hand): record that, so one release
      // stays 'live'
      statements.add(
          "UPDATE "
              + meta
              + " SET status = 'dropped' WHERE release_id = '"
              + state.liveReleaseId().get()
              + "'");
    }
    statements.add("DROP SCHEMA IF EXISTS " + spec.releaseSchema(newId) + " CASCADE");
    statements.add("ALTER SCHEMA " + spec.stagingSchema() + " RENAME TO " + live);
    for (String id : state.keptReleaseIds()) {
      if (!id.equals(newId) && !kept.contains(id)) {
        kept.add(id);
      }
    }
    List<String> dropped =
        List.copyOf(kept.subList(Math.min(spec.nKeptReleases(), kept.size()), kept.size()));
    for (String id : dropped) {
      statements.add("DROP SCHEMA IF EXISTS " + spec.releaseSchema(id) + " CASCADE");
      statements.add("UPDATE " + meta + " SET status = 'dropped' WHERE release_id = '" + id + "'");
    }
    return new Swap(statements, previous, dropped);
  }

  /**
   * @param statements to run in the swap transaction, in order
   * @param previousReleaseId the release that was live, if any
   * @param droppedReleaseIds releases whose schemas the swap drops
   */
  record Swap(
      List<String> statements,
      Optional<String> previousReleaseId,
      List<String> droppedReleaseIds) {}
}
