package org.livingcircle.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.livingcircle.access.AccessJob;
import org.livingcircle.common.CityLayout;
import org.livingcircle.common.InputException;
import org.livingcircle.common.Table;
import org.livingcircle.config.CityConfig;
import org.livingcircle.config.Tier;
import org.livingcircle.pipeline.ProjectFiles;
import org.livingcircle.pipeline.StageSpecs;
import org.livingcircle.streets.FootGraph;
import org.livingcircle.streets.FootGraphBuilder;
import org.livingcircle.streets.FootRules;

/**
 * The network-walking part of {@code lcp bench}: the access stage in the network model beside the
 * straight-line one on the same inputs (time, peak RSS, the manifest's time split, their ratio),
 * and the pandana 0.8 comparison on one size's foot graph ({@link PandanaCompare}).
 *
 * <p>The two models come from the template city file rewritten with {@code walking.model} set (and
 * {@code data.osm_pbf: streets.osm.pbf} for the network model), so the bench follows the
 * configuration the pipeline reads. A size whose inputs have no street extract is measured in the
 * straight-line model only, and the report says so.
 */
final class NetworkBench {
  static final String STRAIGHT_LINE = "straight_line";
  static final String NETWORK = "network";

  /** The street extract the sample writes beside its other inputs, and the scope inputs hold. */
  static final String STREETS_PBF = "streets.osm.pbf";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final BenchSpec spec;
  private final BenchReport report;
  private final PrintStream progress;
  private final CityConfig straightTemplate;
  private final CityConfig networkTemplate;

  NetworkBench(BenchSpec spec, BenchReport report, PrintStream progress) {
    this.spec = spec;
    this.report = report;
    this.progress = progress;
    Path configs = spec.outDir().resolve("inputs/config");
    this.straightTemplate = straightLine(spec, configs);
    CityConfig network = null;
    if (spec.walkingModels().contains(NETWORK)) {
      try {
        network = CityConfig.load(variant(spec.templateFile(), NETWORK, configs));
      } catch (RuntimeException e) {
        report.note(
            "network_model",
            "not measured: the city configuration does not accept walking.model network ("
                + e.getMessage()
                + ")");
        progress.println("[bench] network model not measured: " + e.getMessage());
      }
    }
    this.networkTemplate = network;
    if (spec.pandanaSize() != null
        && spec.sizes().stream().noneMatch(z -> z.strip().equalsIgnoreCase(spec.pandanaSize()))) {
      report.note(
          "pandana",
          "not measured: --pandana-size "
              + spec.pandanaSize()
              + " is not one of --sizes "
              + spec.sizes());
    }
  }

  /**
   * The template in the straight-line model (the file as it is when it predates the network keys).
   */
  private static CityConfig straightLine(BenchSpec spec, Path configs) {
    try {
      JsonNode t = new YAMLMapper().readTree(spec.templateFile().toFile());
      if (t.path("walking").has("model") || t.path("data").has("osm_pbf")) {
        return CityConfig.load(variant(spec.templateFile(), STRAIGHT_LINE, configs));
      }
    } catch (IOException e) {
      throw new InputException("Cannot read " + spec.templateFile() + ": " + e.getMessage(), e);
    }
    return spec.template();
  }

  /**
   * The city file with {@code walking.model: model} (and, for network, a street extract), written
   * under {@code dir}.
   */
  static Path variant(Path templateFile, String model, Path dir) {
    try {
      YAMLMapper yaml = new YAMLMapper();
      ObjectNode root = (ObjectNode) yaml.readTree(templateFile.toFile());
      ((ObjectNode) root.path("walking")).put("model", model);
      if (model.equals(NETWORK) && !root.path("data").hasNonNull("osm_pbf")) {
        ((ObjectNode) root.path("data")).put("osm_pbf", STREETS_PBF);
      }
      Files.createDirectories(dir);
      String name = templateFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
      Path out = dir.resolve(name + "-" + model + ".yaml");
      yaml.writeValue(out.toFile(), root);
      return out;
    } catch (IOException | ClassCastException e) {
      throw new InputException(
          "Cannot write a " + model + " variant of " + templateFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * The template the scope ingest runs with: the network one when measured (its ingest keeps the
   * street extract).
   */
  CityConfig ingestTemplate() {
    return networkTemplate != null ? networkTemplate : straightTemplate;
  }

  /** The template of the straight-line access measurement. */
  CityConfig straightTemplate() {
    return straightTemplate;
  }

  /** {@code t} at one bench size (id = the size label, its cell size). */
  static CityConfig sized(CityConfig t, BenchSize size) {
    return new CityConfig(
        size.label(),
        t.nameZh(),
        t.nameEn(),
        t.adminCode(),
        t.counties(),
        t.crs(),
        size.cellSizeM(),
        t.h3Resolution(),
        t.walking(),
        t.e2sfca(),
        t.data(),
        t.sample());
  }

  /**
   * After the straight-line measurement of {@code size}: the access stage in the network model on
   * the same grid and ingest, timed {@code runs} times, then (for the pandana size) the comparison
   * with pandana. Failures are reported, not thrown, so one missing piece does not lose the rest of
   * the bench.
   */
  void afterSize(
      SparkSession spark,
      BenchSize size,
      Path scopeInput,
      Path ingestDir,
      Path gridDir,
      Path sizeDir,
      long cells) {
    Path pbf = scopeInput.resolve(STREETS_PBF);
    boolean hasStreets = Files.isRegularFile(pbf);
    if (networkTemplate != null) {
      if (!hasStreets) {
        report.note(
            "network_" + size.label(), "not measured: no " + STREETS_PBF + " in " + scopeInput);
      } else {
        try {
          accessNetwork(spark, size, ingestDir, gridDir, sizeDir, cells);
        } catch (RuntimeException e) {
          report.note("network_" + size.label(), "failed: " + e.getMessage());
          progress.println("[bench] " + size.label() + " network access failed: " + e.getMessage());
        }
      }
    }
    if (size.label().equals(spec.pandanaSize())) {
      if (!hasStreets) {
        report.note("pandana", "not measured: no " + STREETS_PBF + " in " + scopeInput);
        return;
      }
      try {
        pandana(spark, size, pbf, ingestDir, sizeDir);
      } catch (RuntimeException e) {
        report.note("pandana", "failed: " + e.getMessage());
        progress.println("[bench] pandana comparison failed: " + e.getMessage());
      }
    }
    report.write();
  }

  private void accessNetwork(
      SparkSession spark, BenchSize size, Path ingestDir, Path gridDir, Path sizeDir, long cells) {
    CityConfig sized = sized(networkTemplate, size);
    Path out = CityLayout.of(sizeDir.resolveSibling(size.label() + "-network")).indicators();
    AccessJob.Spec access =
        StageSpecs.access(
            sized,
            spec.categories(),
            spec.templateFile(),
            gridDir,
            ingestDir,
            List.of(ingestDir),
            out);
    Bench.Measurement m =
        new Bench.Measurement(
            "access_network",
            size.label(),
            cells,
            "cells",
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>());
    List<Map<String, Double>> timings = new ArrayList<>();
    JsonNode walkModel = null;
    for (int r = 0; r < spec.runs(); r++) {
      Memory.resetPeaks();
      double cpu0 = Memory.cpuSeconds();
      long t0 = System.nanoTime();
      AccessJob.run(spark, access, progress);
      m.seconds().add((System.nanoTime() - t0) / 1e9);
      m.cpuSeconds().add(Memory.cpuSeconds() - cpu0);
      m.peakRss().add(Memory.peakRssBytes());
      m.peakHeap().add(Memory.peakHeapBytes());
      JsonNode manifest = readJson(out.resolve(CityLayout.MANIFEST_FILE));
      Map<String, Double> t = new LinkedHashMap<>();
      manifest
          .path("timings_s")
          .fields()
          .forEachRemaining(f -> t.put(f.getKey(), f.getValue().asDouble()));
      timings.add(t);
      walkModel = manifest.path("walk_model");
      progress.printf(
          Locale.ROOT,
          "[bench] %s network run %d/%d: %,d cells, access %.1f s (%.1f CPU s), peak RSS %s, split %s%n",
          size.label(),
          r + 1,
          spec.runs(),
          cells,
          last(m.seconds()),
          last(m.cpuSeconds()),
          BenchReport.gb(last(m.peakRss())),
          t);
      report.add(m);
      report.write();
    }
    report.network(size.label(), m, medians(timings), walkModel);
  }

  /** Median of each timing key over the runs. */
  static Map<String, Double> medians(List<Map<String, Double>> runs) {
    Map<String, List<Double>> byKey = new LinkedHashMap<>();
    for (Map<String, Double> r : runs) {
      r.forEach((k, v) -> byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }
    Map<String, Double> out = new LinkedHashMap<>();
    byKey.forEach((k, v) -> out.put(k, Stats.median(v)));
    return out;
  }

  private void pandana(SparkSession spark, BenchSize size, Path pbf, Path ingestDir, Path sizeDir) {
    CityConfig t = ingestTemplate();
    FootGraphBuilder.Built built =
        FootGraphBuilder.build(pbf, t.crs(), FootRules.Options.defaults());
    FootGraph g = built.graph();
    progress.printf(
        Locale.ROOT,
        "[bench] pandana graph %s: %,d vertices, %,d edges, %.0f km (parse %.1f s, build %.1f s)%n",
        pbf,
        g.vertexCount(),
        g.edgeCount(),
        built.stats().kmWalkable(),
        built.stats().parseSeconds(),
        built.stats().buildSeconds());

    List<String> categories = new ArrayList<>();
    for (AccessJob.CategorySpec c :
        StageSpecs.access(
                sized(t, size),
                spec.categories(),
                spec.templateFile(),
                sizeDir,
                ingestDir,
                List.of(ingestDir),
                sizeDir)
            .categories()) {
      if (c.tier() != Tier.RESIDENTIAL) {
        categories.add(c.id());
      }
    }
    Facilities f = facilities(spark, ingestDir, t.crs(), categories);
    VertexSnap snap = new VertexSnap(g);
    int[] vertex = snap.nearest(f.x, f.y);
    double maxSnap = 0;
    long beyondLinkRadius = 0;
    for (int i = 0; i < vertex.length; i++) {
      double d = Math.hypot(g.x(vertex[i]) - f.x[i], g.y(vertex[i]) - f.y[i]);
      maxSnap = Math.max(maxSnap, d);
      beyondLinkRadius += d > 500 ? 1 : 0;
    }
    List<String> countCategories = countCategories(categories, f.category);
    double speed = t.walking().speedMPerMin();
    List<Integer> minutes = t.walking().thresholdsMin();
    double[] thresholds = new double[minutes.size()];
    for (int k = 0; k < thresholds.length; k++) {
      thresholds[k] = minutes.get(k) * speed;
    }
    GraphExport.Pois pois =
        new GraphExport.Pois(
            categories,
            vertex,
            f.category,
            thresholds,
            thresholds[thresholds.length - 1],
            countCategories);
    Path dir = sizeDir.resolveSibling("pandana-" + size.scope());
    PandanaCompare.Result r =
        PandanaCompare.run(
            spark,
            g,
            pois,
            dir,
            pythonCommand(),
            spec.pandanaRuns(),
            Runtime.getRuntime().availableProcessors(),
            ValueCheck.defaults(),
            progress);
    Map<String, Object> graph = new LinkedHashMap<>();
    graph.put("osm_pbf", pbf.toString());
    graph.put("stats", built.stats());
    graph.put("foot_rules", "defaults (private_ways compound, min_component_edges 40)");
    graph.put("pois", vertex.length);
    graph.put("max_snap_m", maxSnap);
    graph.put("pois_snapped_beyond_500_m", beyondLinkRadius);
    report.pandana(size.label(), r, graph);
  }

  /** The count categories: the option's, or six evenly spaced among those with POIs. */
  private List<String> countCategories(List<String> categories, int[] poiCategory) {
    if (!spec.pandanaCountCategories().isEmpty()) {
      if (spec.pandanaCountCategories().equals(List.of("all"))) {
        return withPois(categories, poiCategory);
      }
      for (String c : spec.pandanaCountCategories()) {
        if (!categories.contains(c)) {
          throw new org.livingcircle.common.UsageException(
              "Cannot use --pandana-count-categories "
                  + c
                  + ": not a non-residential category of conf/categories.yaml");
        }
      }
      return spec.pandanaCountCategories();
    }
    List<String> with = withPois(categories, poiCategory);
    List<String> picked = new ArrayList<>();
    int k = Math.min(6, with.size());
    for (int i = 0; i < k; i++) {
      picked.add(with.get(i * with.size() / k));
    }
    return picked;
  }

  private static List<String> withPois(List<String> categories, int[] poiCategory) {
    boolean[] has = new boolean[categories.size()];
    for (int c : poiCategory) {
      has[c] = true;
    }
    List<String> out = new ArrayList<>();
    for (int c = 0; c < has.length; c++) {
      if (has[c]) {
        out.add(categories.get(c));
      }
    }
    return out;
  }

  /** The interpreter (making the bench venv when it is missing) and the pandana script. */
  private List<String> pythonCommand() {
    Path root = ProjectFiles.root();
    Path python =
        spec.pandanaPython() != null
            ? spec.pandanaPython()
            : root.resolve(".venv-bench/bin/python");
    if (spec.pandanaPython() == null && !Files.isExecutable(python)) {
      progress.println("[bench] making the pandana venv: scripts/ensure-bench-venv.sh");
      try {
        Process p =
            new ProcessBuilder("bash", root.resolve("scripts/ensure-bench-venv.sh").toString())
                .inheritIO()
                .start();
        if (p.waitFor() != 0) {
          throw new InputException(
              "Cannot make the pandana venv: scripts/ensure-bench-venv.sh exited " + p.exitValue());
        }
      } catch (IOException e) {
        throw new InputException("Cannot make the pandana venv: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Cannot make the pandana venv: interrupted", e);
      }
    }
    return List.of(python.toString(), root.resolve("python/bench/pandana_bench.py").toString());
  }

  /** Facilities of the given categories (POIs and register rows) in metres of {@code crs}. */
  private record Facilities(double[] x, double[] y, int[] category) {}

  private static Facilities facilities(
      SparkSession spark, Path ingestDir, String crs, List<String> categories) {
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < categories.size(); c++) {
      index.put(categories.get(c), c);
    }
    spark
        .read()
        .format("geoparquet")
        .load(Table.POI.in(ingestDir).toString())
        .selectExpr("category", "geometry")
        .unionByName(
            spark
                .read()
                .format("geoparquet")
                .load(Table.FACILITIES.in(ingestDir).toString())
                .selectExpr("category", "geometry"))
        .createOrReplaceTempView("lcp_bench_facilities");
    List<Row> rows =
        spark
            .sql(
                "SELECT category, ST_X(m), ST_Y(m) FROM (SELECT category,"
                    + " ST_Transform(ST_SetSRID(geometry, 4326), 'EPSG:4326', '"
                    + crs
                    + "') AS m FROM lcp_bench_facilities)")
            .collectAsList();
    double[] x = new double[rows.size()];
    double[] y = new double[rows.size()];
    int[] category = new int[rows.size()];
    int n = 0;
    for (Row r : rows) {
      Integer c = index.get(r.getString(0));
      if (c != null) {
        x[n] = r.getDouble(1);
        y[n] = r.getDouble(2);
        category[n++] = c;
      }
    }
    return new Facilities(
        java.util.Arrays.copyOf(x, n),
        java.util.Arrays.copyOf(y, n),
        java.util.Arrays.copyOf(category, n));
  }

  private static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new InputException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }
}
