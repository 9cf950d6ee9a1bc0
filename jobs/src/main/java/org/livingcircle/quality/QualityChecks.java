package org.livingcircle.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.livingcircle.common.CityLayout;
import org.livingcircle.common.InputException;
import org.livingcircle.common.Stage;
import org.livingcircle.common.Table;

/**
 * The checks of the data-quality gate that need only the JSON files a city run leaves: every stage
 * present, ingest reconciled (read = accepted + quarantined per file), manifest row counts, and the
 * grid's population per county equal to the census. Plain Java; {@link QualityJob} adds the checks
 * that read tables.
 */
final class QualityChecks {
  /** Tables that must not be empty. */
  static final List<Table> NON_EMPTY =
      List.of(
          Table.ADMIN_UNITS,
          Table.POI,
          Table.FACILITIES,
          Table.CENSUS,
          Table.CELLS,
          Table.GRID_INDICATORS,
          Table.ADMIN_INDICATORS);

  private static final String GRID_MANIFEST = Stage.GRID.dirName() + "/" + CityLayout.MANIFEST_FILE;

  /**
   * Population may differ from the census by rounding only: at most this many people, or this share
   * of the total if larger (dasymetric weights are doubles).
   */
  static final double POPULATION_TOLERANCE_PEOPLE = 1.0;

  static final double POPULATION_TOLERANCE_SHARE = 1e-6;

  private static final ObjectMapper JSON = new ObjectMapper();

  private QualityChecks() {}

  /** Stages whose manifest.json is missing under {@code cityOut}; each one a failed check. */
  static List<QualityJob.Check> stages(Path cityOut) {
    List<QualityJob.Check> checks = new ArrayList<>();
    for (Stage s : Stage.values()) {
      String stage = s.dirName();
      boolean present = Files.isRegularFile(CityLayout.of(cityOut).manifest(s));
      checks.add(
          new QualityJob.Check(
              "stage_present",
              stage,
              present,
              present
                  ? "manifest.json present"
                  : "no " + stage + "/manifest.json; run the stage first"));
    }
    return checks;
  }

  /** One check per file of ingest_report.json: read = accepted + quarantined. */
  static List<QualityJob.Check> reconciliation(Path cityOut) {
    JsonNode report = read(CityLayout.of(cityOut).ingestReport());
    List<QualityJob.Check> checks = new ArrayList<>();
    for (JsonNode f : report.path("files")) {
      long read = f.path("read").asLong();
      long accepted = f.path("accepted").asLong();
      long quarantined = 0;
      for (Iterator<JsonNode> it = f.path("quarantined_by_reason").elements(); it.hasNext(); ) {
        quarantined += it.next().asLong();
      }
      boolean ok = read == accepted + quarantined && quarantined == f.path("quarantined").asLong();
      checks.add(
          new QualityJob.Check(
              "ingest_reconciled",
              f.path("table").asText() + " " + f.path("file").asText(),
              ok,
              String.format(
                  Locale.ROOT,
                  "%d read, %d accepted + %d quarantined",
                  read,
                  accepted,
                  quarantined)));
    }
    if (checks.isEmpty()) {
      checks.add(
          new QualityJob.Check(
              "ingest_reconciled", "ingest_report.json", false, "lists no input file"));
    }
    return checks;
  }

  /** Rows recorded in its stage's manifest.json for {@code table}, or -1 if not recorded. */
  static long manifestRows(Path cityOut, Table table) {
    return read(CityLayout.of(cityOut).manifest(table.stage()))
        .path("outputs")
        .path(table.tableName())
        .path("rows")
        .asLong(-1);
  }

  /** Every table of {@link #NON_EMPTY} has rows in its manifest. */
  static List<QualityJob.Check> nonEmpty(Path cityOut) {
    List<QualityJob.Check> checks = new ArrayList<>();
    for (Table t : NON_EMPTY) {
      long rows = manifestRows(cityOut, t);
      checks.add(
          new QualityJob.Check(
              "rows",
              t.relativePath(),
              rows > 0,
              String.format(Locale.ROOT, "%,d rows in manifest", rows)));
    }
    return checks;
  }

  /** Per county in grid/manifest.json: people on cells equal the census count. */
  static List<QualityJob.Check> populationByCounty(Path cityOut) {
    JsonNode byCounty =
        read(CityLayout.of(cityOut).manifest(Stage.GRID)).path("population_by_county");
    List<QualityJob.Check> checks = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = byCounty.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      double cells = e.getValue().path("population_cells").asDouble();
      double census = e.getValue().path("population_census").asDouble();
      checks.add(
          new QualityJob.Check(
              "population",
              "county " + e.getKey(),
              close(cells, census),
              String.format(Locale.ROOT, "%,.1f on cells vs %,.0f in census", cells, census)));
    }
    if (checks.isEmpty()) {
      checks.add(
          new QualityJob.Check("population", GRID_MANIFEST, false, "no population_by_county"));
    }
    return checks;
  }

  /**
   * Prefix of the detail of a passed check that still deserves attention (printed by {@link
   * QualityJob}).
   */
  static final String WARNING = "warning: ";

  /**
   * Network walking model only (indicators manifest {@code walk_model.model = network}): the share
   * of populated cells with no walkable street within {@code link_radius_m} warns above {@code
   * warnShare} and fails above {@code failShare}; linked + unlinked reconcile with the cells and
   * compounds written. No check in the straight-line model.
   */
  static List<QualityJob.Check> streetLinks(Path cityOut, double warnShare, double failShare) {
    JsonNode walk = read(CityLayout.of(cityOut).manifest(Stage.ACCESS)).path("walk_model");
    List<QualityJob.Check> checks = new ArrayList<>();
    if (!"network".equals(walk.path("model").asText())) {
      return checks;
    }
    String subject = Table.GRID_INDICATORS.relativePath();
    long cells = walk.path("cells").asLong(-1);
    long linked = walk.path("cells_linked").asLong(-1);
    long unlinked = walk.path("cells_unlinked").asLong(-1);
    long written = manifestRows(cityOut, Table.GRID_INDICATORS);
    checks.add(
        new QualityJob.Check(
            "street_links_reconciled",
            subject,
            cells >= 0
                && linked >= 0
                && unlinked >= 0
                && linked + unlinked == cells
                && cells == written,
            String.format(
                Locale.ROOT,
                "%,d linked + %,d unlinked = %,d cells; %,d rows written",
                linked,
                unlinked,
                cells,
                written)));
    long compounds = walk.path("compounds").asLong(-1);
    long compoundsLinked = walk.path("compounds_linked").asLong(-1);
    long compoundsUnlinked = walk.path("compounds_unlinked").asLong(-1);
    long compoundsWritten = manifestRows(cityOut, Table.COMPOUND_INDICATORS);
    checks.add(
        new QualityJob.Check(
            "street_links_reconciled",
            Table.COMPOUND_INDICATORS.relativePath(),
            compounds >= 0
                && compoundsLinked >= 0
                && compoundsUnlinked >= 0
                && compoundsLinked + compoundsUnlinked == compounds
                && compounds == compoundsWritten,
            String.format(
                Locale.ROOT,
                "%,d linked + %,d unlinked = %,d compounds; %,d rows written",
                compoundsLinked,
                compoundsUnlinked,
                compounds,
                compoundsWritten)));
    long populated = walk.path("cells_populated").asLong(-1);
    long populatedUnlinked = walk.path("cells_populated_unlinked").asLong(-1);
    if (populated < 0 || populatedUnlinked < 0) {
      checks.add(
          new QualityJob.Check(
              "street_links", subject, false, "walk_model records no populated cell counts"));
      return checks;
    }
    double share = populated == 0 ? 0 : (double) populatedUnlinked / populated;
    String detail =
        String.format(
            Locale.ROOT,
            "%,d of %,d populated cells (%.1f %%) have no walkable street within %s m",
            populatedUnlinked,
            populated,
            100 * share,
            walk.path("link_radius_m").asText());
    boolean passed = share <= failShare;
    if (!passed) {
      detail +=
          String.format(
              Locale.ROOT,
              "; above the allowed %.1f %% (--max-unlinked-share): is the extract complete?",
              100 * failShare);
    } else if (share > warnShare) {
      detail =
          WARNING
              + detail
              + String.format(
                  Locale.ROOT, "; above %.1f %% (--warn-unlinked-share)", 100 * warnShare);
    }
    checks.add(new QualityJob.Check("street_links", subject, passed, detail));
    return checks;
  }

  /** Census population of all counties, from grid/manifest.json. */
  static double censusTotal(Path cityOut) {
    double total = 0;
    for (JsonNode c :
        read(CityLayout.of(cityOut).manifest(Stage.GRID)).path("population_by_county")) {
      total += c.path("population_census").asDouble();
    }
    return total;
  }

  /** True if two population totals agree within the tolerance. */
  static boolean close(double a, double b) {
    double tolerance =
        Math.max(
            POPULATION_TOLERANCE_PEOPLE,
            POPULATION_TOLERANCE_SHARE * Math.max(Math.abs(a), Math.abs(b)));
    return Math.abs(a - b) <= tolerance;
  }

  static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new InputException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
