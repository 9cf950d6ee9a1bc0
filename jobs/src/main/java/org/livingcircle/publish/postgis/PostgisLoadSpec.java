package org.livingcircle.publish.postgis;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.livingcircle.common.Checks;

/**
 * What to publish: the tables of one release, where, and how many previous releases to keep.
 *
 * <p>Schema names derive from {@code liveSchema} (default {@value #DEFAULT_LIVE_SCHEMA}): the
 * release is built in {@code <live>_stage_<releaseId>}, swapped into {@code <live>}, the previous
 * live release is kept as {@code <live>_release_<id>}, and releases are recorded in {@code
 * <live>_meta.releases}.
 *
 * @param credentials where to load
 * @param releaseId lower-case letters, digits and underscores, e.g. {@code 2026_11_29_a}
 * @param liveSchema the schema readers (views, GeoServer) use; its name never changes
 * @param tables tables to load; distinct names
 * @param nKeptReleases previous releases kept after the swap (0 keeps none); older ones are dropped
 * @param manifestSha256 hash of the release manifest the tables come from, recorded in the releases
 *     table
 */
public record PostgisLoadSpec(
    PgCredentials credentials,
    String releaseId,
    String liveSchema,
    List<PgTableSpec> tables,
    int nKeptReleases,
    String manifestSha256) {

  public static final String DEFAULT_LIVE_SCHEMA = "lcp";
  private static final Pattern RELEASE_ID = Pattern.compile("[a-z0-9_]+");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public PostgisLoadSpec {
    Checks.notNull(credentials, "PostGIS credentials");
    Checks.check(
        releaseId != null && RELEASE_ID.matcher(releaseId).matches(),
        "Cannot use release id '%s': only a-z, 0-9 and _ are allowed",
        releaseId);
    PgNames.checkIdentifier(liveSchema, "live schema");
    PgNames.checkIdentifier(liveSchema + "_release_" + releaseId, "release schema");
    Checks.check(
        tables != null && !tables.isEmpty(), "Cannot load release %s: no tables", releaseId);
    tables = List.copyOf(tables);
    Set<String> names = new HashSet<>();
    for (PgTableSpec table : tables) {
      Checks.check(
          names.add(table.name()),
          "Cannot load release %s: table %s appears twice",
          releaseId,
          table.name());
    }
    Checks.check(nKeptReleases >= 0, "Cannot keep %d previous releases: negative", nKeptReleases);
    Checks.check(
        manifestSha256 != null && SHA256_HEX.matcher(manifestSha256).matches(),
        "Cannot use manifest hash '%s': not 64 lower-case hex digits (SHA-256)",
        manifestSha256);
  }

  String stagingSchema() {
    return liveSchema + "_stage_" + releaseId;
  }

  String metaSchema() {
    return liveSchema + "_meta";
  }

  String releaseSchema(String anyReleaseId) {
    return liveSchema + "_release_" + anyReleaseId;
  }
}
