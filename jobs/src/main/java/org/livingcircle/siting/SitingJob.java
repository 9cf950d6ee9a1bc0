package org.livingcircle.siting;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.livingcircle.common.CityLayout;
import org.livingcircle.common.InputException;
import org.livingcircle.common.Manifest;
import org.livingcircle.common.StagedOutput;
import org.livingcircle.common.Table;
import org.livingcircle.config.Category;
import org.livingcircle.config.CityConfig;
import org.livingcircle.config.SitingConfig;
import org.livingcircle.config.Targets;
import org.livingcircle.config.Tier;
import org.livingcircle.config.WalkModel;
import org.livingcircle.geo.Epsg;
import org.livingcircle.spark.GeoParquet;
import org.livingcircle.spark.Sessions;
import org.livingcircle.streets.EdgeLinker;
import org.livingcircle.streets.FootGraphBuilder;
import org.livingcircle.streets.FootRules;

/**
 * Siting suggestions that close the gap to each plan target ("缺什么补什么"). Reads {@code
 * <city-out>/grid/cells}, {@code indicators/{grid,compound}_indicators} and {@code
 * aggregate/admin_indicators}; writes into {@code outDir} (replaced atomically):
 *
 * <ul>
 *   <li>{@code suggestions/} — GeoParquet 1.1 in the metric CRS, one point per suggested site,
 *       ranked;
 *   <li>{@code coverage_curve/} — Parquet: share covered after 0, 1, 2, … new sites per unit and
 *       problem;
 *   <li>{@code targets/} — Parquet: per target and unit, how many new sites reach it, or the
 *       shortfall;
 *   <li>{@code manifest.json}.
 * </ul>
 *
 * <p>Problems ({@link SitingProblems}): a coverage curve for every basic-guarantee category and
 * county, and every target of {@code conf/targets.yaml} measured by a coverage share or a capacity
 * per 1,000, for each county and the city in its scope. Each (unit, problem) is one group, solved
 * in one task by {@link MaximalCovering} or {@link CapacitySiting}: a group's demand points and
 * candidates must fit one task (about 60 bytes per point plus 4 bytes per (candidate, demand point)
 * pair within the threshold). Demand and candidates are the unit's own; existing facilities
 * anywhere (neighbours' included) count through the access stage's columns. A county's sites may
 * also serve a neighbouring county; that is not credited to either.
 *
 * <p>Network walking mode (the access manifest's {@code walk_model.model = network}): the street
 * graph is built from the same extract with the same options as the access stage ({@code
 * walk_model.osm_pbf}, {@code link_radius_m}, {@code private_ways}, {@code min_component_edges})
 * and broadcast; a new site covers the demand within the need's walking metres on the network
 * ({@link NetworkCoverageSets}), the E2SFCA catchment of capacity targets weighs network distances,
 * and straight-line radius needs keep the straight-line radius (today's coverage from {@code
 * dist_straight_m_<c>}). The manifest's {@code walk_model} records the graph and the unlinked
 * counts.
 */
public final class SitingJob {
  private SitingJob() {}

  /**
   * What to site.
   *
   * @param categories destination categories in configuration order
   * @param thresholdsMin the thresholds the access stage counted
   * @param catchmentMinByKind E2SFCA catchment per capacity kind id, minutes
   * @param cityOut the city output directory
   * @param outDir where to write (e.g. {@code <city-out>/siting})
   */
  public record Spec(
      String cityId,
      String crs,
      CityConfig.Walking walking,
      List<Category> categories,
      Map<String, Double> catchmentMinByKind,
      Targets targets,
      SitingConfig siting,
      Path cityOut,
      Path outDir,
      Map<String, Object> configuration) {
    public Spec {
      notNull(cityId, "city id");
      notNull(crs, "metric CRS");
      notNull(walking, "walking");
      categories =
          notNull(categories, "categories").stream()
              .filter(c -> c.tier() != Tier.RESIDENTIAL)
              .toList();
      catchmentMinByKind = Map.copyOf(notNull(catchmentMinByKind, "catchments"));
      notNull(targets, "targets");
      notNull(siting, "siting configuration");
      notNull(cityOut, "city output directory");
      notNull(outDir, "output directory");
      configuration =
          configuration == null
              ? Map.of()
              : Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
    }
  }

  /** What was written. */
  public record Result(
      Path outDir,
      int nGroups,
      long nSites,
      int nTargetRows,
      int nReached,
      GeoParquet.Written suggestions) {}

  /** Columns of {@code siting/targets}, read by {@code lcp compare}. */
  public static final StructType TARGET_SCHEMA =
      new StructType()
          .add("target_id", DataTypes.StringType, false)
          .add("admin_code", DataTypes.StringType, false)
          .add("level", DataTypes.StringType, false)
          .add("indicator", DataTypes.StringType, false)
          .add("category", DataTypes.StringType, false)
          .add("initial_share", DataTypes.DoubleType, true)
          .add("final_share", DataTypes.DoubleType, true)
          .add("target_share", DataTypes.DoubleType, true)
          .add("sites_needed", DataTypes.IntegerType, true)
          .add("reachable_within_budget", DataTypes.BooleanType, true)
          .add("sites_suggested", DataTypes.IntegerType, false)
          .add("budget_sites", DataTypes.IntegerType, false)
          .add("shortfall_share", DataTypes.DoubleType, true)
          .add("places_needed", DataTypes.DoubleType, true)
          .add("outcome", DataTypes.StringType, false);

  static final StructType CURVE_SCHEMA =
      new StructType()
          .add("city_code", DataTypes.StringType, false)
          .add("admin_code", DataTypes.StringType, false)
          .add("level", DataTypes.StringType, false)
          .add("indicator", DataTypes.StringType, false)
          .add("target_id", DataTypes.StringType, true)
          .add("category", DataTypes.StringType, false)
          .add("n_sites", DataTypes.IntegerType, false)
          .add("share", DataTypes.DoubleType, true)
          .add("target_share", DataTypes.DoubleType, true)
          .add("reached", DataTypes.BooleanType, true);

  static final StructType SUGGESTION_SCHEMA =
      new StructType()
          .add("site_id", DataTypes.StringType, false)
          .add("city_code", DataTypes.StringType, false)
          .add("admin_code", DataTypes.StringType, false)
          .add("level", DataTypes.StringType, false)
          .add("county_code", DataTypes.StringType, true)
          .add("county_name", DataTypes.StringType, true)
          .add("indicator", DataTypes.StringType, false)
          .add("target_id", DataTypes.StringType, true)
          .add("category", DataTypes.StringType, false)
          .add("demand", DataTypes.StringType, false)
          .add("rank", DataTypes.IntegerType, false)
          .add("marginal_people", DataTypes.DoubleType, true)
          .add("marginal_compounds", DataTypes.DoubleType, true)
          .add("cumulative_share", DataTypes.DoubleType, true)
          .add("target_share", DataTypes.DoubleType, true)
          .add("reached", DataTypes.BooleanType, true)
          .add("places", DataTypes.DoubleType, true)
          .add("e2sfca_gain", DataTypes.DoubleType, true)
          .add("x", DataTypes.DoubleType, false)
          .add("y", DataTypes.DoubleType, false);

  public static Result run(SparkSession spark, Spec spec, PrintStream progress) {
    long start = System.nanoTime();
    Path cellsPath = input(spec, Table.CELLS);
    Path gridPath = input(spec, Table.GRID_INDICATORS);
    Path compoundsPath = input(spec, Table.COMPOUND_INDICATORS);
    Path adminPath = input(spec, Table.ADMIN_INDICATORS);
    WalkModel walk = spec.walking().model();
    Manifest manifest = new Manifest("site", spec.configuration());
    NetworkWalk networkWalk =
        NetworkWalk.of(
            CityLayout.of(spec.cityOut()).manifest(org.livingcircle.common.Stage.ACCESS),
            CityLayout.of(spec.cityOut()).stage(org.livingcircle.common.Stage.INGEST));
    boolean network = networkWalk != null;

    Sessions.describe(spark, "site", spec.cityId() + ": problems per county and target");
    Dataset<Row> admin =
        spark.read().format("geoparquet").load(adminPath.toString()).drop("geometry", "bbox");
    Set<String> adminColumns = new LinkedHashSet<>(List.of(admin.columns()));
    List<Row> units =
        admin.orderBy(admin.col("level").desc(), admin.col("admin_code")).collectAsList();
    if (units.isEmpty()) {
      throw new InputException(
          "Cannot site " + spec.cityId() + ": " + adminPath + " has no rows; rerun lcp aggregate");
    }
    List<SitingRows.Group> groups = new ArrayList<>();
    Map<String, List<Integer>> byUnit = new LinkedHashMap<>();
    Map<String, Row> unitRows = new HashMap<>();
    String cityCode = units.get(0).getString(units.get(0).fieldIndex("city_code"));
    for (Row u : units) {
      String code = u.getString(u.fieldIndex("admin_code"));
      String level = u.getString(u.fieldIndex("level"));
      unitRows.put(code, u);
      if (level.equals("county")) {
        for (Category c : spec.categories()) {
          if (c.tier() == Tier.BASIC) {
            add(
                groups,
                byUnit,
                code,
                level,
                SitingProblems.curve(c, spec.walking().thresholdsMin()),
                null,
                u,
                adminColumns,
                spec);
          }
        }
      }
      for (Targets.Target t : spec.targets().targets()) {
        if (!t.covers(code, cityCode)) {
          continue;
        }
        Optional<SitingProblems.Coverage> cov =
            SitingProblems.coverage(
                t, spec.targets(), spec.categories(), spec.walking().thresholdsMin());
        Optional<SitingProblems.Capacity> cap = SitingProblems.capacity(t);
        if (cov.isPresent()) {
          requireColumns(spark, gridPath, compoundsPath, cov.get(), network);
          add(groups, byUnit, code, level, cov.get(), null, u, adminColumns, spec);
        } else if (cap.isPresent()) {
          add(groups, byUnit, code, level, null, cap.get(), u, adminColumns, spec);
        }
      }
    }
    Map<String, int[]> groupsOfUnit = new HashMap<>();
    byUnit.forEach((k, v) -> groupsOfUnit.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    for (SitingRows.Group g : groups) {
      if (network && g.coverage() != null && g.coverage().targetId() == null) {
        requireColumns(spark, gridPath, compoundsPath, g.coverage(), network);
      }
    }
    Built streets = null;
    if (network) {
      Sessions.describe(spark, "site", spec.cityId() + ": street graph");
      long tg = System.nanoTime();
      FootGraphBuilder.Built built =
          FootGraphBuilder.build(networkWalk.pbf(), spec.crs(), networkWalk.options());
      if (built.graph().edgeCount() == 0) {
        throw new InputException(
            "Cannot site on the street network of "
                + networkWalk.pbf()
                + ": no walkable way"
                + " left after the foot rules and pruning components under "
                + networkWalk.minComponentEdges()
                + " edges");
      }
      EdgeLinker linker = new EdgeLinker(built.graph(), networkWalk.linkRadiusM());
      streets =
          new Built(
              built,
              spark
                  .sparkContext()
                  .broadcast(linker, scala.reflect.ClassTag$.MODULE$.apply(EdgeLinker.class)));
      manifest.timing("street_graph", seconds(tg));
    }
    SitingRows rows =
        new SitingRows(
            groups,
            groupsOfUnit,
            walk,
            spec.siting().candidates().equals("compounds"),
            spec.siting().budgetSites(),
            spec.catchmentMinByKind(),
            streets == null ? null : streets.source());

    Sessions.describe(spark, "site", spec.cityId() + ": greedy per county and problem");
    long t = System.nanoTime();
    Dataset<Row> cells =
        spark.read().format("geoparquet").load(cellsPath.toString()).select("cell_id", "x", "y");
    Dataset<Row> grid =
        spark
            .read()
            .format("geoparquet")
            .load(gridPath.toString())
            .drop("geometry", "bbox")
            .join(cells, "cell_id");
    GeoParquet.registerFunctions(spark);
    Dataset<Row> compounds =
        spark
            .read()
            .format("geoparquet")
            .load(compoundsPath.toString())
            .selectExpr("*", "ST_X(geometry) AS x", "ST_Y(geometry) AS y")
            .drop("geometry", "bbox");
    Dataset<Row> groupRows =
        grid.flatMap(
                (FlatMapFunction<Row, Row>) r -> rows.explode(r, false),
                Encoders.row(SitingRows.GROUP_ROW))
            .union(
                compounds.flatMap(
                    (FlatMapFunction<Row, Row>) r -> rows.explode(r, true),
                    Encoders.row(SitingRows.GROUP_ROW)));
    List<Row> results =
        groupRows
            .groupByKey((MapFunction<Row, Integer>) r -> r.getInt(0), Encoders.INT())
            .flatMapGroups(
                (FlatMapGroupsFunction<Integer, Row, Row>) rows::solve,
                Encoders.row(SitingRows.RESULT_ROW))
            .collectAsList();
    manifest.timing("greedy", seconds(t));

    Tables tables = tables(groups, results, unitRows, cityCode, spec.siting().budgetSites());
    try (StagedOutput out = StagedOutput.begin(spec.outDir())) {
      Dataset<Row> withGeometry =
          spark
              .createDataFrame(tables.suggestions, SUGGESTION_SCHEMA)
              .withColumn(
                  "geometry",
                  org.apache.spark.sql.functions.expr(
                      "ST_SetSRID(ST_Point(x, y), " + Epsg.code(spec.crs()) + ")"))
              .drop("x", "y");
      GeoParquet.Written written =
          GeoParquet.write(
              spark, withGeometry, spec.crs(), Table.SUGGESTIONS.in(out.dir()).toString());
      spark
          .createDataFrame(tables.curve, CURVE_SCHEMA)
          .coalesce(1)
          .write()
          .mode(SaveMode.Overwrite)
          .option("compression", "zstd")
          .parquet(Table.COVERAGE_CURVE.in(out.dir()).toString());
      spark
          .createDataFrame(tables.targets, TARGET_SCHEMA)
          .coalesce(1)
          .write()
          .mode(SaveMode.Overwrite)
          .option("compression", "zstd")
          .parquet(Table.SITING_TARGETS.in(out.dir()).toString());
      manifest.output(
          Table.SUGGESTIONS,
          Map.of(
              "rows",
              written.rows(),
              "files",
              written.files(),
              "geometry_types",
              written.geometryTypes()));
      manifest.output(Table.COVERAGE_CURVE, Map.of("rows", tables.curve.size()));
      manifest.output(
          Table.SITING_TARGETS, Map.of("rows", tables.targets.size(), "reached", tables.nReached));
      manifest.put("groups", groups.size());
      manifest.put("budget_sites", spec.siting().budgetSites());
      manifest.put("candidates", spec.siting().candidates());
      manifest.put(
          Manifest.WALK_MODEL,
          network
              ? networkFacts(networkWalk, streets.built(), results, walk)
              : Map.of(
                  "model",
                  "straight_line",
                  "coverage",
                  "straight-line radius: threshold walking metres ÷ detour_factor"));
      manifest.put(
          "inputs_dirs",
          List.of(
              cellsPath.toString(),
              gridPath.toString(),
              compoundsPath.toString(),
              adminPath.toString()));
      manifest.timing("total", seconds(start));
      manifest.write(out.dir().resolve(CityLayout.MANIFEST_FILE));
      out.commit();
      progress.printf(
          Locale.ROOT,
          "[site] %s: %d units × problems = %d groups, %,d sites suggested, %d of %d target rows reachable within %d sites  %.1f s%n",
          spec.cityId(),
          units.size(),
          groups.size(),
          written.rows(),
          tables.nReached,
          tables.targets.size(),
          spec.siting().budgetSites(),
          seconds(start));
      return new Result(
          spec.outDir(),
          groups.size(),
          written.rows(),
          tables.targets.size(),
          tables.nReached,
          written);
    } catch (IOException e) {
      throw new InputException(
          "Cannot write siting output " + spec.outDir() + ": " + e.getMessage(), e);
    }
  }

  /** The street graph of network mode and its linker, broadcast to the tasks. */
  private record Built(
      FootGraphBuilder.Built built, org.apache.spark.broadcast.Broadcast<EdgeLinker> linker) {
    SitingRows.LinkerSource source() {
      org.apache.spark.broadcast.Broadcast<EdgeLinker> b = linker;
      return b::value;
    }
  }

  /**
   * How the access stage walked, from its manifest's {@code walk_model}: null for straight line (no
   * manifest, no {@code model}, or {@code straight_line}); for {@code network} the extract and the
   * graph options it used, so the siting stage builds the same graph. The extract is {@code
   * osm_pbf.path}, else the ingest output's copy ({@code <city-out>/ingest/streets.osm.pbf}); its
   * SHA-256 must match {@code osm_pbf.sha256} when recorded.
   */
  record NetworkWalk(
      Path pbf,
      String sha256,
      double linkRadiusM,
      String privateWays,
      int minComponentEdges,
      String unlinked) {
    FootRules.Options options() {
      return new FootRules.Options(
          privateWays.equals("blocked")
              ? FootRules.PrivateWays.BLOCKED
              : FootRules.PrivateWays.COMPOUND,
          minComponentEdges);
    }

    static NetworkWalk of(Path accessManifest, Path ingestDir) {
      if (!Files.isRegularFile(accessManifest)) {
        return null;
      }
      com.fasterxml.jackson.databind.JsonNode w;
      try {
        w =
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(accessManifest.toFile())
                .path(Manifest.WALK_MODEL);
      } catch (IOException e) {
        throw new InputException(
            "Cannot read " + accessManifest + ": " + e.getMessage() + "; rerun the access stage",
            e);
      }
      String model = w.path("model").isTextual() ? w.path("model").asText() : "straight_line";
      if (model.equals("straight_line")) {
        return null;
      }
      if (!model.equals("network")) {
        throw new InputException(
            "Cannot site from "
                + accessManifest
                + ": walk_model.model "
                + model
                + " is not straight_line or network; rerun the access stage");
      }
      Path pbf =
          w.path("osm_pbf").path("path").isTextual()
              ? Path.of(w.path("osm_pbf").path("path").asText())
              : ingestDir.resolve(CityLayout.STREETS_PBF_FILE);
      if (!Files.isRegularFile(pbf)) {
        pbf = ingestDir.resolve(CityLayout.STREETS_PBF_FILE);
      }
      if (!Files.isRegularFile(pbf)) {
        throw new InputException(
            "Cannot site on the street network: "
                + accessManifest
                + " says walk_model network but"
                + " its extract "
                + w.path("osm_pbf").path("path").asText(pbf.toString())
                + " is not a file; rerun lcp ingest and lcp access");
      }
      String sha =
          w.path("osm_pbf").path("sha256").isTextual()
              ? w.path("osm_pbf").path("sha256").asText()
              : null;
      String actual = Manifest.sha256(pbf);
      if (sha != null && !sha.equalsIgnoreCase(actual)) {
        throw new InputException(
            "Cannot site on the street network: "
                + pbf
                + " has SHA-256 "
                + actual
                + " but "
                + accessManifest
                + " walked "
                + sha
                + "; rerun lcp access");
      }
      double radius = w.path("link_radius_m").isNumber() ? w.path("link_radius_m").asDouble() : 500;
      String privateWays =
          w.path("private_ways").isTextual() ? w.path("private_ways").asText() : "compound";
      if (!privateWays.equals("compound") && !privateWays.equals("blocked")) {
        throw new InputException(
            "Cannot site from "
                + accessManifest
                + ": walk_model.private_ways "
                + privateWays
                + " is not compound or blocked; rerun the access stage");
      }
      int minEdges =
          w.path("min_component_edges").isInt()
              ? w.path("min_component_edges").asInt()
              : FootRules.Options.DEFAULT_MIN_COMPONENT_EDGES;
      String unlinked = w.path("unlinked").isTextual() ? w.path("unlinked").asText() : null;
      return new NetworkWalk(pbf, actual, radius, privateWays, minEdges, unlinked);
    }
  }

  /**
   * The siting manifest's {@code walk_model} in network mode: the graph it built and who could not
   * be linked.
   */
  private static Map<String, Object> networkFacts(
      NetworkWalk nw, FootGraphBuilder.Built built, List<Row> results, WalkModel walk) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", "network");
    m.put("speed_m_per_min", walk.speedMetersPerMinute());
    m.put("detour_factor", walk.detourFactor());
    m.put(
        "coverage",
        "a new site covers the demand points within the need's walking metres on the street network"
            + " (linked candidate to linked demand point, off-street metres included); straight-line radius needs keep"
            + " the straight-line radius; today's coverage of a straight-line radius reads dist_straight_m_<c> ≤ r");
    m.put(
        "capacity_catchment",
        "network: Gaussian weight on D/d0, D the network walking metres, d0 = catchment_min ×"
            + " speed_m_per_min");
    m.put(
        "unlinked_policy",
        "an unlinked candidate covers nothing; an unlinked demand point is covered by no new site"
            + " (it keeps today's coverage from the access stage)");
    m.put("osm_pbf", Map.of("path", nw.pbf().toString(), "sha256", nw.sha256()));
    m.put("link_radius_m", nw.linkRadiusM());
    m.put("private_ways", nw.privateWays());
    m.put("min_component_edges", nw.minComponentEdges());
    if (nw.unlinked() != null) {
      m.put("access_unlinked", nw.unlinked());
    }
    FootGraphBuilder.Stats st = built.stats();
    Map<String, Object> graph = new LinkedHashMap<>();
    graph.put("ways_read", st.waysRead());
    graph.put("ways_walkable", st.waysWalkable());
    graph.put("nodes_read", st.nodesRead());
    graph.put("vertices", st.vertices());
    graph.put("edges", st.edges());
    graph.put("km", st.kmWalkable());
    graph.put("components_pruned", st.componentsPruned());
    graph.put("edges_pruned", st.edgesPruned());
    graph.put("parse_s", st.parseSeconds());
    graph.put("build_s", st.buildSeconds());
    m.put("graph", graph);
    long candidates = 0;
    long demand = 0;
    double weight = 0;
    int groupsWithUnlinked = 0;
    for (Row r : results) {
      if (r.getInt(1) != 0 || r.isNullAt(13)) {
        continue;
      }
      candidates += r.getInt(12);
      demand += r.getInt(13);
      weight += r.getDouble(14);
      groupsWithUnlinked += r.getInt(13) > 0 ? 1 : 0;
    }
    m.put(
        "counts_note",
        "summed over groups: a cell or compound counts once in every (unit, problem) group it takes"
            + " part in");
    m.put("candidates_unlinked", candidates);
    m.put("demand_points_unlinked", demand);
    m.put("demand_weight_unlinked", weight);
    m.put("groups_with_unlinked_demand", groupsWithUnlinked);
    return m;
  }

  private static void add(
      List<SitingRows.Group> groups,
      Map<String, List<Integer>> byUnit,
      String code,
      String level,
      SitingProblems.Coverage coverage,
      SitingProblems.Capacity capacity,
      Row unit,
      Set<String> adminColumns,
      Spec spec) {
    double placesNeeded = 0;
    double targetAccess = 0;
    double module = 0;
    if (capacity != null) {
      for (String column :
          List.of(capacity.baseColumn(), capacity.demandColumn(), "capacity_" + capacity.kind())) {
        if (!adminColumns.contains(column)) {
          throw new InputException(
              "Cannot site target "
                  + capacity.targetId()
                  + ": admin_indicators has no column "
                  + column
                  + "; rerun lcp aggregate");
        }
      }
      Double m = spec.siting().modulePlaces().get(capacity.kind());
      if (m == null) {
        throw new org.livingcircle.common.ConfigException(
            "Cannot site target "
                + capacity.targetId()
                + ": conf/siting.yaml has no module_places/"
                + capacity.kind());
      }
      if (!spec.catchmentMinByKind().containsKey(capacity.kind())) {
        throw new org.livingcircle.common.ConfigException(
            "Cannot site target "
                + capacity.targetId()
                + ": the city has no E2SFCA catchment for "
                + capacity.kind());
      }
      module = m;
      double base = number(unit, capacity.baseColumn());
      double group = number(unit, capacity.demandColumn());
      double required = capacity.perThousand() * base / 1000;
      placesNeeded = Math.max(0, required - number(unit, "capacity_" + capacity.kind()));
      targetAccess = group > 0 ? required / group : 0;
    }
    int id = groups.size();
    groups.add(
        new SitingRows.Group(
            id, code, level, coverage, capacity, placesNeeded, targetAccess, module));
    byUnit.computeIfAbsent(code, k -> new ArrayList<>()).add(id);
  }

  /** The three output tables as driver-side rows. */
  private record Tables(List<Row> suggestions, List<Row> curve, List<Row> targets, int nReached) {}

  private static Tables tables(
      List<SitingRows.Group> groups,
      List<Row> results,
      Map<String, Row> unitRows,
      String cityCode,
      int budget) {
    Map<Integer, List<Row>> byGroup = new HashMap<>();
    for (Row r : results) {
      byGroup.computeIfAbsent(r.getInt(0), k -> new ArrayList<>()).add(r);
    }
    List<Row> suggestions = new ArrayList<>();
    List<Row> curve = new ArrayList<>();
    List<Row> targets = new ArrayList<>();
    int nReached = 0;
    for (SitingRows.Group g : groups) {
      List<Row> rs = new ArrayList<>(byGroup.getOrDefault(g.id(), List.of()));
      rs.sort(java.util.Comparator.comparingInt(r -> r.getInt(1)));
      Row unit = unitRows.get(g.adminCode());
      String countyCode = g.level().equals("county") ? g.adminCode() : null;
      String countyName = countyCode == null ? null : unit.getString(unit.fieldIndex("name"));
      boolean cov = g.coverage() != null;
      String indicator = cov ? g.coverage().id() : g.capacity().id();
      String targetId = cov ? g.coverage().targetId() : g.capacity().targetId();
      Double targetShare =
          cov
              ? (Double.isNaN(g.coverage().targetShare()) ? null : g.coverage().targetShare())
              : null;
      String demand = cov ? g.coverage().demand().name().toLowerCase(Locale.ROOT) : "capacity";
      String label = cov ? g.coverage().label() : g.capacity().kind();
      Double initial = rs.isEmpty() || rs.get(0).isNullAt(7) ? null : rs.get(0).getDouble(7);
      String outcome = rs.isEmpty() ? "no_demand" : rs.get(0).getString(10);
      boolean noDemand =
          rs.isEmpty() || (cov && (rs.get(0).isNullAt(11) || rs.get(0).getDouble(11) == 0));
      if (noDemand) {
        outcome = "no_demand";
      }
      int nSites = Math.max(0, rs.size() - 1);
      double placed = 0;
      curve.add(
          RowFactory.create(
              cityCode,
              g.adminCode(),
              g.level(),
              indicator,
              targetId,
              label,
              0,
              initial,
              targetShare,
              reached(initial, targetShare)));
      for (int s = 1; s < rs.size(); s++) {
        Row r = rs.get(s);
        String category =
            cov
                ? g.coverage().needs().get(Math.max(0, r.getInt(4))).category()
                : g.capacity().kind();
        Double share = r.isNullAt(7) ? null : r.getDouble(7);
        Boolean reached;
        if (cov) {
          reached = reached(share, targetShare);
        } else {
          placed += r.getDouble(8);
          reached = placed >= g.placesNeeded() - 1e-9;
        }
        String siteId =
            g.adminCode()
                + "-"
                + indicator
                + "-"
                + (targetId == null ? "curve" : targetId)
                + "-"
                + s;
        suggestions.add(
            RowFactory.create(
                siteId,
                cityCode,
                g.adminCode(),
                g.level(),
                countyCode,
                countyName,
                indicator,
                targetId,
                category,
                demand,
                s,
                r.isNullAt(5) ? null : r.getDouble(5),
                r.isNullAt(6) ? null : r.getDouble(6),
                share,
                targetShare,
                targetId == null ? null : reached,
                r.isNullAt(8) ? null : r.getDouble(8),
                r.isNullAt(9) ? null : r.getDouble(9),
                r.getDouble(2),
                r.getDouble(3)));
        curve.add(
            RowFactory.create(
                cityCode,
                g.adminCode(),
                g.level(),
                indicator,
                targetId,
                label,
                s,
                share,
                targetShare,
                targetId == null ? null : reached));
      }
      if (targetId == null) {
        continue;
      }
      Integer sitesNeeded;
      Boolean reachable;
      Double finalShare =
          nSites == 0 ? initial : (rs.get(nSites).isNullAt(7) ? null : rs.get(nSites).getDouble(7));
      Double shortfall = null;
      if (cov) {
        reachable = noDemand ? null : outcome.equals("reached");
        sitesNeeded = Boolean.TRUE.equals(reachable) ? nSites : null;
        if (Boolean.FALSE.equals(reachable) && finalShare != null) {
          shortfall = targetShare - finalShare;
        }
      } else {
        reachable = placed >= g.placesNeeded() - 1e-9;
        sitesNeeded = reachable ? nSites : null;
      }
      nReached += Boolean.TRUE.equals(reachable) ? 1 : 0;
      targets.add(
          RowFactory.create(
              targetId,
              g.adminCode(),
              g.level(),
              indicator,
              label,
              initial,
              finalShare,
              targetShare,
              sitesNeeded,
              reachable,
              nSites,
              budget,
              shortfall,
              cov ? null : g.placesNeeded(),
              outcome));
    }
    return new Tables(suggestions, curve, targets, nReached);
  }

  private static Boolean reached(Double share, Double target) {
    if (share == null || target == null) {
      return null;
    }
    return share >= target - MaximalCovering.TOLERANCE * Math.max(1.0, Math.abs(target));
  }

  /** Fails on the driver when the access stage wrote no column a problem reads. */
  private static void requireColumns(
      SparkSession spark, Path grid, Path compounds, SitingProblems.Coverage c, boolean network) {
    Path table = c.demand() == SitingProblems.Demand.CELLS ? grid : compounds;
    Set<String> columns =
        new LinkedHashSet<>(
            List.of(spark.read().format("geoparquet").load(table.toString()).columns()));
    for (SitingProblems.Need n : c.needs()) {
      if (!columns.contains(n.column(network))) {
        throw new InputException(
            "Cannot site "
                + c.id()
                + ": "
                + table
                + " has no column "
                + n.column(network)
                + "; rerun the access stage with the same conf/categories.yaml and walking thresholds"
                + (network ? " (its manifest says walk_model network)" : ""));
      }
    }
    check(
        c.needs().size() <= SitingRows.MAX_NEEDS,
        "Cannot site %s: %s categories in one basket, at most %s",
        c.id(),
        c.needs().size(),
        SitingRows.MAX_NEEDS);
  }

  private static double number(Row r, String column) {
    int i = r.fieldIndex(column);
    return r.isNullAt(i) ? 0 : ((Number) r.get(i)).doubleValue();
  }

  private static Path input(Spec spec, Table table) {
    Path p = CityLayout.of(spec.cityOut()).table(table);
    if (!Files.isDirectory(p)) {
      throw new InputException(
          "Cannot site "
              + spec.cityId()
              + ": "
              + p
              + " does not exist; run lcp "
              + table.stage().id()
              + " first");
    }
    return p;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
