package org.livingcircle.quality;

import org.livingcircle.common.CityLayout;
import org.livingcircle.common.Stage;
import org.livingcircle.common.Table;
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
import org.livingcircle.common.InputException;

/**
 * The checks of the data-quality gate that need only the JSON files a city run leaves: every stage
 * present, ingest reconciled (read = accepted + quarantined per file), manifest row counts, and
 * the grid's population per county equal to the census. Plain Java; {@link QualityJob} adds the
 * checks that read tables.
 */
final class QualityChecks {
  /** Tables that must not be empty. */
  static final List<Table> NON_EMPTY = List.of(Table.ADMIN_UNITS, Table.POI, Table.FACILITIES, Table.CENSUS,
      Table.CELLS, Table.GRID_INDICATORS, Table.ADMIN_INDICATORS);

  private static final String GRID_MANIFEST = Stage.GRID.dirName() + "/" + CityLayout.MANIFEST_FILE;

  /**
   * Population may differ from the census by rounding only: at most this many people, or this
   * share of the total if larger (dasymetric weights are doubles).
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
      checks.add(new QualityJob.Check("stage_present", stage, present,
          present ? "manifest.json present" : "no " + stage + "/manifest.json; run the stage first"));
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
      checks.add(new QualityJob.Check("ingest_reconciled", f.path("table").asText() + " " + f.path("file").asText(), ok,
          String.format(Locale.ROOT, "%d read, %d accepted + %d quarantined", read, accepted, quarantined)));
    }
    if (checks.isEmpty()) {
      checks.add(new QualityJob.Check("ingest_reconciled", "ingest_report.json", false, "lists no input file"));
    }
    return checks;
  }

  /** Rows recorded in its stage's manifest.json for {@code table}, or -1 if not recorded. */
  static long manifestRows(Path cityOut, Table table) {
    return read(CityLayout.of(cityOut).manifest(table.stage())).path("outputs").path(table.tableName()).path("rows").asLong(-1);
  }

  /** Every table of {@link #NON_EMPTY} has rows in its manifest. */
  static List<QualityJob.Check> nonEmpty(Path cityOut) {
    List<QualityJob.Check> checks = new ArrayList<>();
    for (Table t : NON_EMPTY) {
      long rows = manifestRows(cityOut, t);
      checks.add(new QualityJob.Check("rows", t.relativePath(), rows > 0, String.format(Locale.ROOT, "%,d rows in manifest", rows)));
    }
    return checks;
  }

  /** Per county in grid/manifest.json: people on cells equal the census count. */
  static List<QualityJob.Check> populationByCounty(Path cityOut) {
    JsonNode byCounty = read(CityLayout.of(cityOut).manifest(Stage.GRID)).path("population_by_county");
    List<QualityJob.Check> checks = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = byCounty.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      double cells = e.getValue().path("population_cells").asDouble();
      double census = e.getValue().path("population_census").asDouble();
      checks.add(new QualityJob.Check("population", "county " + e.getKey(), close(cells, census),
          String.format(Locale.ROOT, "%,.1f on cells vs %,.0f in census", cells, census)));
    }
    if (checks.isEmpty()) {
      checks.add(new QualityJob.Check("population", GRID_MANIFEST, false, "no population_by_county"));
    }
    return checks;
  }

  /** Census population of all counties, from grid/manifest.json. */
  static double censusTotal(Path cityOut) {
    double total = 0;
    for (JsonNode c : read(CityLayout.of(cityOut).manifest(Stage.GRID)).path("population_by_county")) {
      total += c.path("population_census").asDouble();
    }
    return total;
  }

  /** True if two population totals agree within the tolerance. */
  static boolean close(double a, double b) {
    double tolerance = Math.max(POPULATION_TOLERANCE_PEOPLE, POPULATION_TOLERANCE_SHARE * Math.max(Math.abs(a), Math.abs(b)));
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
