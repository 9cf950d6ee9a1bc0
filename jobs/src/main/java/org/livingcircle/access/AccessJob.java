package org.livingcircle.access;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.livingcircle.common.CityLayout;
import org.livingcircle.common.InputException;
import org.livingcircle.common.Manifest;
import org.livingcircle.common.StagedOutput;
import org.livingcircle.common.Table;
import org.livingcircle.config.CityConfig;
import org.livingcircle.config.Tier;
import org.livingcircle.config.WalkModel;
import org.livingcircle.geo.Epsg;
import org.livingcircle.spark.GeoParquet;
import org.livingcircle.spark.Sessions;
import org.livingcircle.streets.EdgeLinker;
import org.livingcircle.streets.FootGraph;
import org.livingcircle.streets.FootGraphBuilder;
import org.livingcircle.streets.FootRules;
import org.livingcircle.streets.PointLinks;

/**
 * Walking-access indicators for every grid cell and residential compound of a city: nearest walking
 * distance and counts within each threshold per category, basic/quality completeness, proximity
 * time, and E2SFCA supply per person for capacity facilities. Facilities are collected once,
 * bucketed ({@link FacilityIndex}) and broadcast; origins are processed per partition by the pure
 * kernels. Facilities of every given ingest output count, so neighbours across a county or city
 * border serve the cells near it.
 */
public final class AccessJob {
  /**
   * Threshold of {@code basic_types_10min} and {@code basic_complete_10min}: the "家门口" 5–10 minutes
   * (seed 002).
   */
  public static final int BASIC_THRESHOLD_MIN = 10;

  /** Threshold of {@code quality_types_15min}: the "家周边" 15 minutes (seed 002). */
  public static final int QUALITY_THRESHOLD_MIN = 15;

  /** A broadcast facility index larger than this is refused. */
  static final long MAX_BROADCAST_BYTES = 1L << 30;

  /** One category as the access stage needs it. */
  public record CategorySpec(String id, Tier tier, String capacityKind) {}

  /** One capacity kind: its output column, demand column and E2SFCA catchment. */
  public record CapacitySpec(String kind, String demandColumn, double catchmentMin) {}

  /**
   * What to compute.
   *
   * @param walking the city's walking model, reporting thresholds and search limit (straight-line
   *     metres)
   * @param facilityIngestDirs ingest outputs whose POIs and facilities serve this city's residents
   */
  public record Spec(
      String cityId,
      String crs,
      CityConfig.Walking walking,
      List<CategorySpec> categories,
      List<CapacitySpec> capacities,
      Path gridDir,
      Path ingestDir,
      List<Path> facilityIngestDirs,
      Path outDir,
      Map<String, Object> configuration) {}

  /** What was written. */
  public record Result(
      Path outDir, GeoParquet.Written grid, GeoParquet.Written compounds, long nFacilities) {}

  private AccessJob() {}

  public static Result run(SparkSession spark, Spec spec, PrintStream progress) {
    long start = System.nanoTime();
    Sessions.describe(spark, "access", spec.cityId() + ": facilities");
    List<CategorySpec> categories = new ArrayList<>();
    for (CategorySpec c : spec.categories()) {
      if (c.tier() != Tier.RESIDENTIAL) {
        categories.add(c);
      }
    }
    String[] ids = categories.stream().map(CategorySpec::id).toArray(String[]::new);
    Map<String, Integer> index = new HashMap<>();
    Tier[] tiers = new Tier[ids.length];
    for (int c = 0; c < ids.length; c++) {
      index.put(ids[c], c);
      tiers[c] = categories.get(c).tier();
    }
    WalkModel walk = spec.walking().model();
    AccessParams params =
        new AccessParams(
            walk,
            spec.walking().thresholdsArray(),
            spec.walking().searchLimitMin(),
            tiers,
            BASIC_THRESHOLD_MIN,
            QUALITY_THRESHOLD_MIN);

    FacilityArrays f = facilities(spark, spec, index, categories);
    long bytes = (long) f.x.length * 40 + (1 << 20);
    if (bytes > MAX_BROADCAST_BYTES) {
      throw new InputException(
          String.format(
              Locale.ROOT,
              "Cannot broadcast %,d facilities (≈%,d MB): split the city into tiles or raise the limit",
              f.x.length,
              bytes >> 20));
    }
    double bucketMeters = walk.euclideanMetersFor(params.searchLimitMin()) / 4;
    FacilityIndex facilityIndex =
        new FacilityIndex(f.x, f.y, f.category, f.capacity, ids.length, bucketMeters);
    Network network = spec.walking().isNetwork() ? network(spark, spec, f, params) : null;

    Sessions.describe(spark, "access", spec.cityId() + ": E2SFCA supply ratios");
    Dataset<Row> cells =
        spark.read().format("geoparquet").load(Table.CELLS.in(spec.gridDir()).toString());
    cells.cache();
    cells.createOrReplaceTempView("lcp_a_cells");
    List<String> accessColumns = new ArrayList<>();
    List<E2sfca.Ratios> ratios = new ArrayList<>();
    List<Integer> ratioColumn = new ArrayList<>();
    List<Double> catchments = new ArrayList<>();
    Demand demand = demand(spark, spec.capacities());
    List<NetworkE2sfca.Ratios> networkRatios = new ArrayList<>();
    long ratiosStart = System.nanoTime();
    PointLinks demandLinks = network == null ? null : network.linker.link(demand.x, demand.y);
    if (network != null) {
      network.timings.put("link_demand", seconds(ratiosStart));
    }
    for (int k = 0; k < spec.capacities().size(); k++) {
      CapacitySpec cap = spec.capacities().get(k);
      int column = accessColumns.size();
      accessColumns.add("access_" + cap.kind());
      E2sfca e2sfca = new E2sfca(facilityIndex, walk, cap.catchmentMin());
      for (int c = 0; c < ids.length; c++) {
        if (cap.kind().equals(categories.get(c).capacityKind())) {
          ratios.add(e2sfca.ratios(c, demand.x, demand.y, demand.people[k]));
          if (network != null) {
            networkRatios.add(
                new NetworkE2sfca(network.graph(), network.facilities, walk, cap.catchmentMin())
                    .ratios(c, demandLinks, demand.people[k]));
          }
          ratioColumn.add(column);
          catchments.add(cap.catchmentMin());
        }
      }
    }

    if (network != null) {
      network.timings.put("e2sfca_ratios", seconds(ratiosStart));
    }

    Sessions.describe(spark, "access", spec.cityId() + ": indicators per cell and compound");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<FacilityIndex> broadcast = jsc.broadcast(facilityIndex);
    int[] ratioColumns = ratioColumn.stream().mapToInt(Integer::intValue).toArray();
    double[] catchmentMins = catchments.stream().mapToDouble(Double::doubleValue).toArray();
    AccessRows rows =
        new AccessRows(
            broadcast,
            params,
            ids,
            ratios,
            ratioColumns,
            catchmentMins,
            accessColumns.toArray(String[]::new));
    Broadcast<FootGraph> graphBroadcast = network == null ? null : jsc.broadcast(network.graph());
    Broadcast<NetworkFacilities> networkBroadcast =
        network == null ? null : jsc.broadcast(network.facilities);
    if (network != null) {
      NetworkAccessRows.shareLinker(graphBroadcast, network.linker);
    }
    NetworkAccessRows networkRows =
        network == null
            ? null
            : new NetworkAccessRows(
                broadcast,
                graphBroadcast,
                networkBroadcast,
                params,
                ids,
                spec.walking().linkRadiusM(),
                spec.walking().unlinked(),
                ratios,
                networkRatios,
                ratioColumns,
                catchmentMins,
                accessColumns.toArray(String[]::new),
                network.linkNanos,
                network.networkNanos,
                network.straightNanos);

    Dataset<Row> cellOrigins = spark.sql("SELECT cell_id, x, y FROM lcp_a_cells");
    Dataset<Row> cellIndicators =
        networkRows == null
            ? spark.createDataFrame(
                cellOrigins.javaRDD().mapPartitions(rows::compute), rows.schema(false))
            // cached: the write reads its rows several times (extent, range sample, write) and a
            // search costs more
            : spark
                .createDataFrame(
                    cellOrigins.javaRDD().mapPartitions(networkRows::compute),
                    networkRows.schema(false))
                .cache();
    cellIndicators.createOrReplaceTempView("lcp_a_cell_ind");
    Dataset<Row> grid =
        spark
            .sql(
                "SELECT c.cell_id, c.grid_crs, c.cell_size_m, c.col, c.row, c.city_code, c.county_code, c.n_compounds,"
                    + " c.population, c.pop_0_2, c.pop_3_5, c.pop_6_14, c.pop_60_plus, c.pop_65_plus, c.pop_method, i.*,"
                    + " ST_SetSRID(c.geometry, "
                    + Epsg.code(spec.crs())
                    + ") AS geometry"
                    + " FROM lcp_a_cells c JOIN lcp_a_cell_ind i ON c.cell_id = i.origin_id")
            .drop("origin_id");

    spark
        .read()
        .format("geoparquet")
        .load(Table.POI.in(spec.ingestDir()).toString())
        .createOrReplaceTempView("lcp_a_poi");
    spark
        .sql(
            "SELECT poi_id AS compound_id, name, city_code, county_code,"
                + " ST_Transform(ST_SetSRID(geometry, 4326), 'EPSG:4326', '"
                + spec.crs()
                + "') AS geometry"
                + " FROM lcp_a_poi WHERE tier = 'residential'")
        .createOrReplaceTempView("lcp_a_compounds");
    Dataset<Row> compoundOrigins =
        spark.sql(
            "SELECT compound_id, ST_X(geometry) AS x, ST_Y(geometry) AS y FROM lcp_a_compounds");
    Dataset<Row> compoundIndicators =
        networkRows == null
            ? spark.createDataFrame(
                compoundOrigins.javaRDD().mapPartitions(rows::compute), rows.schema(true))
            : spark
                .createDataFrame(
                    compoundOrigins.javaRDD().mapPartitions(networkRows::compute),
                    networkRows.schema(true))
                .cache();
    compoundIndicators.createOrReplaceTempView("lcp_a_compound_ind");
    Dataset<Row> compounds =
        spark
            .sql(
                "SELECT k.compound_id, k.name, k.city_code, k.county_code, i.*, k.geometry"
                    + " FROM lcp_a_compounds k JOIN lcp_a_compound_ind i ON k.compound_id = i.origin_id")
            .drop("origin_id");

    Manifest manifest = new Manifest("access", spec.configuration());
    for (String w : dataWarnings(categories, spec.capacities(), f)) {
      manifest.warning(w);
    }
    if (network != null && network.nFacilitiesUnlinked > 0) {
      manifest.warning(
          String.format(
              Locale.ROOT,
              "%,d of %,d facilities are farther than link_radius_m %s m from every walkable street: not counted on the network",
              network.nFacilitiesUnlinked,
              f.x.length,
              spec.walking().linkRadiusM()));
    }
    try (StagedOutput out = StagedOutput.begin(spec.outDir())) {
      long writeStart = System.nanoTime();
      GeoParquet.Written g =
          GeoParquet.write(spark, grid, spec.crs(), Table.GRID_INDICATORS.in(out.dir()).toString());
      GeoParquet.Written k =
          GeoParquet.write(
              spark, compounds, spec.crs(), Table.COMPOUND_INDICATORS.in(out.dir()).toString());
      if (network == null) {
        manifest.put(Manifest.WALK_MODEL, walkModelFacts(spec.walking()));
      } else {
        network.timings.put("indicators_and_write", seconds(writeStart));
        manifest.put(
            Manifest.WALK_MODEL,
            networkFacts(spark, spec.walking(), network, f.x.length, manifest));
      }
      manifest.put(
          "facilities",
          Map.of(
              "count",
              f.x.length,
              "by_category",
              f.byCategory,
              "register_categories",
              f.registerCategories));
      if (network == null) {
        manifest.output(Table.GRID_INDICATORS, g.facts());
        manifest.output(Table.COMPOUND_INDICATORS, k.facts());
      } else {
        manifest.output(Table.GRID_INDICATORS, described(g.facts(), "grid cells", spec.walking()));
        manifest.output(
            Table.COMPOUND_INDICATORS,
            described(k.facts(), "residential compounds", spec.walking()));
      }
      manifest.timing("total", (System.nanoTime() - start) / 1e9);
      manifest.write(out.dir().resolve(CityLayout.MANIFEST_FILE));
      out.commit();
      for (String w : manifest.warnings()) {
        progress.println("[access] " + spec.cityId() + ": warning: " + w);
      }
      if (network != null) {
        progress.println("[access] " + spec.cityId() + ": " + network.summary());
      }
      progress.printf(
          Locale.ROOT,
          "[access] %s: %,d cells and %,d compounds × %d categories × %s min, %,d facilities  %.1f s%n",
          spec.cityId(),
          g.rows(),
          k.rows(),
          ids.length,
          spec.walking().thresholdsMin(),
          f.x.length,
          (System.nanoTime() - start) / 1e9);
      return new Result(spec.outDir(), g, k, f.x.length);
    } catch (IOException e) {
      throw new InputException(
          "Cannot write access output " + spec.outDir() + ": " + e.getMessage(), e);
    } finally {
      cells.unpersist();
      broadcast.destroy();
      if (network != null) {
        cellIndicators.unpersist();
        compoundIndicators.unpersist();
        graphBroadcast.destroy();
        networkBroadcast.destroy();
        NetworkAccessRows.releaseLinker();
      }
    }
  }

  /**
   * A network-mode output's facts with a {@code description} saying which model made its numbers.
   */
  private static Map<String, Object> described(
      Map<String, Object> facts, String origins, CityConfig.Walking w) {
    Map<String, Object> m = new LinkedHashMap<>(facts);
    m.put(
        "description",
        "Walking access of "
            + origins
            + " along the street network (OSM extract, walk_model.osm_pbf):"
            + " dist_m, n_<T>min, types, proximity and access_<kind> are network walking values at "
            + w.speedMPerMin()
            + " m/min; dist_straight_m_<c> is the straight line (no detour factor); link_m, linked,"
            + " component_edges and walk_fallback describe each origin's street link (unlinked origins: "
            + w.unlinked().id()
            + ")");
    return m;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /**
   * The street graph of the network walking model and the facilities linked to it, made on the
   * driver: the graph from the ingest output's copy of {@code data.osm_pbf}, facilities linked
   * after their WGS84 → CRS transform. Unlinked facilities are left out of {@link
   * NetworkFacilities} (warned).
   */
  private static final class Network {
    final Path pbf;
    final String pbfSha256;
    final FootGraphBuilder.Built built;
    final EdgeLinker linker;
    final NetworkFacilities facilities;
    final int nFacilitiesUnlinked;

    /** Driver phases in seconds, in order. */
    final Map<String, Double> timings = new LinkedHashMap<>();

    final LongAccumulator linkNanos;
    final LongAccumulator networkNanos;
    final LongAccumulator straightNanos;

    /** Origin counts from the written tables, set by {@link #networkFacts}. */
    final Map<String, Long> counts = new LinkedHashMap<>();

    Network(
        Path pbf,
        String pbfSha256,
        FootGraphBuilder.Built built,
        EdgeLinker linker,
        NetworkFacilities facilities,
        int nFacilitiesUnlinked,
        SparkSession spark) {
      this.pbf = pbf;
      this.pbfSha256 = pbfSha256;
      this.built = built;
      this.linker = linker;
      this.facilities = facilities;
      this.nFacilitiesUnlinked = nFacilitiesUnlinked;
      this.linkNanos = spark.sparkContext().longAccumulator("access link origins ns");
      this.networkNanos = spark.sparkContext().longAccumulator("access network kernel ns");
      this.straightNanos = spark.sparkContext().longAccumulator("access straight-line kernel ns");
    }

    FootGraph graph() {
      return built.graph();
    }

    /** Task seconds of the per-partition steps (summed over tasks). */
    Map<String, Double> taskSeconds() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("link_origins", linkNanos.value() / 1e9);
      m.put("network_kernel", networkNanos.value() / 1e9);
      m.put("straight_line_kernel", straightNanos.value() / 1e9);
      return m;
    }

    String summary() {
      FootGraphBuilder.Stats st = built.stats();
      StringBuilder b =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "network walking on %s: %,d vertices, %,d edges, %,.1f km walkable (%,d small components pruned);",
                  pbf.getFileName(),
                  st.vertices(),
                  st.edges(),
                  st.kmWalkable(),
                  st.componentsPruned()));
      b.append(
          String.format(
              Locale.ROOT,
              " %,d of %,d cells and %,d of %,d compounds unlinked;",
              counts.getOrDefault("cells_unlinked", 0L),
              counts.getOrDefault("cells", 0L),
              counts.getOrDefault("compounds_unlinked", 0L),
              counts.getOrDefault("compounds", 0L)));
      b.append(
          String.format(
              Locale.ROOT, " parse %.1f s, build %.1f s", st.parseSeconds(), st.buildSeconds()));
      timings.forEach(
          (k, v) -> b.append(String.format(Locale.ROOT, ", %s %.1f s", k.replace('_', ' '), v)));
      taskSeconds()
          .forEach(
              (k, v) ->
                  b.append(String.format(Locale.ROOT, ", %s %.1f task-s", k.replace('_', ' '), v)));
      return b.toString();
    }
  }

  private static Network network(
      SparkSession spark, Spec spec, FacilityArrays f, AccessParams params) {
    Sessions.describe(spark, "access", spec.cityId() + ": street graph");
    Path pbf = spec.ingestDir().resolve(CityLayout.STREETS_PBF_FILE);
    if (!Files.isRegularFile(pbf)) {
      throw new InputException(
          "Cannot read street extract "
              + pbf
              + ": no such file; the network walking model needs"
              + " data.osm_pbf in the city file and lcp ingest run with it (or use --walking-model straight_line)");
    }
    CityConfig.Walking w = spec.walking();
    FootRules.Options options =
        new FootRules.Options(
            w.privateWays() == CityConfig.PrivateWays.BLOCKED
                ? FootRules.PrivateWays.BLOCKED
                : FootRules.PrivateWays.COMPOUND,
            w.minComponentEdges());
    FootGraphBuilder.Built built = FootGraphBuilder.build(pbf, spec.crs(), options);
    if (built.graph().edgeCount() == 0) {
      throw new InputException(
          "Cannot use street extract "
              + pbf
              + ": no walkable way left after the foot rules and"
              + " pruning components under "
              + w.minComponentEdges()
              + " edges");
    }
    long t = System.nanoTime();
    EdgeLinker linker = new EdgeLinker(built.graph(), w.linkRadiusM());
    double index = seconds(t);
    t = System.nanoTime();
    PointLinks all = linker.link(f.x, f.y);
    int linked = 0;
    for (int i = 0; i < all.size(); i++) {
      linked += all.linked(i) ? 1 : 0;
    }
    int[] edge = new int[linked];
    double[] alongFrom = new double[linked];
    double[] alongTo = new double[linked];
    double[] off = new double[linked];
    int[] category = new int[linked];
    double[] capacity = new double[linked];
    double[] x = new double[linked];
    double[] y = new double[linked];
    for (int i = 0, j = 0; i < all.size(); i++) {
      if (all.linked(i)) {
        edge[j] = all.edge(i);
        alongFrom[j] = all.alongFrom(i);
        alongTo[j] = all.alongTo(i);
        off[j] = all.offStreet(i);
        category[j] = f.category[i];
        capacity[j] = f.capacity[i];
        x[j] = f.x[i];
        y[j] = f.y[i];
        j++;
      }
    }
    double link = seconds(t);
    t = System.nanoTime();
    NetworkFacilities facilities =
        NetworkFacilities.prepare(
            built.graph(),
            new PointLinks(edge, alongFrom, alongTo, off),
            category,
            capacity,
            x,
            y,
            params);
    Network n =
        new Network(
            pbf, Manifest.sha256(pbf), built, linker, facilities, all.size() - linked, spark);
    n.timings.put("link_index", index);
    n.timings.put("link_facilities", link);
    n.timings.put("facility_searches", seconds(t));
    return n;
  }

  /**
   * The access manifest's {@code walk_model} in network mode (contracts §6), with origin counts
   * from the tables.
   */
  private static Map<String, Object> networkFacts(
      SparkSession spark,
      CityConfig.Walking w,
      Network network,
      int nFacilities,
      Manifest manifest) {
    Row cells =
        spark
            .sql(
                "SELECT count(*), sum(CASE WHEN i.linked THEN 0 ELSE 1 END),"
                    + " sum(CASE WHEN c.population > 0 THEN 1 ELSE 0 END),"
                    + " sum(CASE WHEN c.population > 0 AND NOT i.linked THEN 1 ELSE 0 END)"
                    + " FROM lcp_a_cells c JOIN lcp_a_cell_ind i ON c.cell_id = i.origin_id")
            .first();
    Row compounds =
        spark
            .sql("SELECT count(*), sum(CASE WHEN linked THEN 0 ELSE 1 END) FROM lcp_a_compound_ind")
            .first();
    network.counts.put("cells", cells.getLong(0));
    network.counts.put("cells_unlinked", cells.isNullAt(1) ? 0 : cells.getLong(1));
    network.counts.put("cells_linked", cells.getLong(0) - network.counts.get("cells_unlinked"));
    network.counts.put("cells_populated", cells.isNullAt(2) ? 0 : cells.getLong(2));
    network.counts.put("cells_populated_unlinked", cells.isNullAt(3) ? 0 : cells.getLong(3));
    network.counts.put("compounds", compounds.getLong(0));
    network.counts.put("compounds_unlinked", compounds.isNullAt(1) ? 0 : compounds.getLong(1));
    network.counts.put(
        "compounds_linked", compounds.getLong(0) - network.counts.get("compounds_unlinked"));

    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", WalkModel.Kind.NETWORK.id());
    m.put("speed_m_per_min", w.speedMPerMin());
    m.put("detour_factor", w.detourFactor());
    m.put(
        "detour_factor_use",
        "straight-line values only: dist_straight_m is not multiplied by it; the search limit"
            + " search_limit_m × detour_factor walking metres; unlinked origins with unlinked: straight_line");
    m.put("thresholds_min", w.thresholdsMin());
    m.put("search_limit_straight_m", w.searchLimitM());
    m.put("search_limit_walk_m", w.model().walkMetersIn(w.searchLimitMin()));
    m.put("osm_pbf", Map.of("path", network.pbf.toString(), "sha256", network.pbfSha256));
    m.put("link_radius_m", w.linkRadiusM());
    m.put("unlinked", w.unlinked().id());
    m.put("private_ways", w.privateWays().id());
    m.put("min_component_edges", w.minComponentEdges());
    FootGraphBuilder.Stats st = network.built.stats();
    Map<String, Object> graph = new LinkedHashMap<>();
    graph.put("ways_read", st.waysRead());
    graph.put("ways_walkable", st.waysWalkable());
    graph.put("nodes_read", st.nodesRead());
    graph.put("vertices", st.vertices());
    graph.put("edges", st.edges());
    graph.put("km", st.kmWalkable());
    graph.put("components_pruned", st.componentsPruned());
    graph.put("edges_pruned", st.edgesPruned());
    m.put("graph", graph);
    m.putAll(network.counts);
    m.put(
        "origins_unlinked",
        network.counts.get("cells_unlinked") + network.counts.get("compounds_unlinked"));
    m.put("facilities", nFacilities);
    m.put("facilities_unlinked", network.nFacilitiesUnlinked);
    manifest.timing("parse", st.parseSeconds());
    manifest.timing("build", st.buildSeconds());
    network.timings.forEach(manifest::timing);
    network.taskSeconds().forEach((k, v) -> manifest.timing(k + "_task", v));
    return m;
  }

  /**
   * Results that are valid but probably not meant: a category with no facility at all (no distance,
   * counts 0 everywhere), and a capacity kind none of whose categories has a register row (its POIs
   * carry no capacity, so {@code access_<kind>} is 0 everywhere).
   */
  static List<String> dataWarnings(
      List<CategorySpec> categories, List<CapacitySpec> capacities, FacilityArrays f) {
    List<String> warnings = new ArrayList<>();
    for (CategorySpec c : categories) {
      if (!f.byCategory.containsKey(c.id())) {
        warnings.add(
            "no facility of category "
                + c.id()
                + " (neither POI nor register row): dist_m_"
                + c.id()
                + " is null and its counts are 0 everywhere");
      }
    }
    for (CapacitySpec cap : capacities) {
      List<String> ofKind = new ArrayList<>();
      boolean registered = false;
      for (CategorySpec c : categories) {
        if (cap.kind().equals(c.capacityKind())) {
          ofKind.add(c.id());
          registered |= f.registerCategories.contains(c.id());
        }
      }
      if (!registered) {
        warnings.add(
            "no register row with capacity for "
                + cap.kind()
                + " (categories "
                + String.join(", ", ofKind)
                + "): access_"
                + cap.kind()
                + " is 0 everywhere; add their capacities to the facilities file");
      }
    }
    return warnings;
  }

  private static Map<String, Object> walkModelFacts(CityConfig.Walking w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", "straight_line");
    m.put("speed_m_per_min", w.speedMPerMin());
    m.put("detour_factor", w.detourFactor());
    m.put("thresholds_min", w.thresholdsMin());
    m.put("search_limit_straight_m", w.searchLimitM());
    return m;
  }

  /**
   * Cell centres and the people each capacity kind serves, as primitive arrays (one pass, no rows
   * kept).
   */
  private record Demand(double[] x, double[] y, double[][] people) {}

  private static Demand demand(SparkSession spark, List<CapacitySpec> capacities) {
    StringBuilder columns = new StringBuilder("x, y");
    for (CapacitySpec cap : capacities) {
      columns.append(", ").append(cap.demandColumn());
    }
    Dataset<Row> rows = spark.sql("SELECT " + columns + " FROM lcp_a_cells");
    int n = (int) rows.count();
    double[] x = new double[n];
    double[] y = new double[n];
    double[][] people = new double[capacities.size()][n];
    java.util.Iterator<Row> it = rows.toLocalIterator();
    for (int i = 0; i < n && it.hasNext(); i++) {
      Row r = it.next();
      x[i] = r.getDouble(0);
      y[i] = r.getDouble(1);
      for (int k = 0; k < capacities.size(); k++) {
        people[k][i] = r.getDouble(2 + k);
      }
    }
    return new Demand(x, y, people);
  }

  /** Facilities in metric coordinates with category index and capacity. */
  private record FacilityArrays(
      double[] x,
      double[] y,
      int[] category,
      double[] capacity,
      Map<String, Long> byCategory,
      List<String> registerCategories) {}

  /**
   * POIs of every non-residential category plus register facilities with capacity. For a category
   * with capacity, the register is authoritative when it holds any row of it: its POIs are then
   * left out so one kindergarten is not counted twice.
   */
  private static FacilityArrays facilities(
      SparkSession spark, Spec spec, Map<String, Integer> index, List<CategorySpec> categories) {
    List<Dataset<Row>> parts = new ArrayList<>();
    List<Dataset<Row>> registers = new ArrayList<>();
    for (Path dir : spec.facilityIngestDirs()) {
      if (!Files.isDirectory(Table.POI.in(dir)) || !Files.isDirectory(Table.FACILITIES.in(dir))) {
        throw new InputException(
            "Cannot read ingest output "
                + dir
                + ": no poi/ or facilities/ table; run lcp ingest first");
      }
      parts.add(
          spark
              .read()
              .format("geoparquet")
              .load(Table.POI.in(dir).toString())
              .selectExpr("category", "0D AS capacity", "'poi' AS source", "geometry"));
      registers.add(
          spark
              .read()
              .format("geoparquet")
              .load(Table.FACILITIES.in(dir).toString())
              .selectExpr("category", "capacity", "'register' AS source", "geometry"));
    }
    Dataset<Row> all = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all = all.unionByName(parts.get(i));
    }
    for (Dataset<Row> r : registers) {
      all = all.unionByName(r);
    }
    all.createOrReplaceTempView("lcp_a_facilities_all");
    Set<String> registerCategories = new HashSet<>();
    for (Row r :
        spark
            .sql("SELECT DISTINCT category FROM lcp_a_facilities_all WHERE source = 'register'")
            .collectAsList()) {
      registerCategories.add(r.getString(0));
    }
    Set<String> withCapacity = new HashSet<>();
    for (CategorySpec c : categories) {
      if (c.capacityKind() != null && registerCategories.contains(c.id())) {
        withCapacity.add(c.id());
      }
    }
    List<Row> rows =
        spark
            .sql(
                "SELECT category, capacity, source, ST_X(m), ST_Y(m) FROM (SELECT *,"
                    + " ST_Transform(ST_SetSRID(geometry, 4326), 'EPSG:4326', '"
                    + spec.crs()
                    + "') AS m FROM lcp_a_facilities_all)")
            .collectAsList();
    int n = 0;
    double[] x = new double[rows.size()];
    double[] y = new double[rows.size()];
    int[] category = new int[rows.size()];
    double[] capacity = new double[rows.size()];
    Map<String, Long> byCategory = new java.util.TreeMap<>();
    for (Row r : rows) {
      Integer c = index.get(r.getString(0));
      if (c == null) {
        continue; // residential compounds are origins, not destinations
      }
      boolean register = r.getString(2).equals("register");
      if (!register && withCapacity.contains(r.getString(0))) {
        continue;
      }
      x[n] = r.getDouble(3);
      y[n] = r.getDouble(4);
      category[n] = c;
      capacity[n] = r.isNullAt(1) ? 0 : r.getDouble(1);
      byCategory.merge(r.getString(0), 1L, Long::sum);
      n++;
    }
    return new FacilityArrays(
        java.util.Arrays.copyOf(x, n),
        java.util.Arrays.copyOf(y, n),
        java.util.Arrays.copyOf(category, n),
        java.util.Arrays.copyOf(capacity, n),
        byCategory,
        registerCategories.stream().sorted().toList());
  }
}
