package org.livingcircle.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.livingcircle.common.InputException;

/**
 * Collects the benchmark's figures and writes {@code bench.json} and {@code bench.md}; prints the
 * table.
 */
final class BenchReport {
  private final BenchSpec spec;
  private final Map<String, Object> root = new LinkedHashMap<>();
  private final Map<String, Object> notes = new LinkedHashMap<>();
  private final List<Bench.Measurement> measurements = new ArrayList<>();
  private final List<String> pgLines = new ArrayList<>();
  private Map<String, Object> pg;
  private final Map<String, Object> network = new LinkedHashMap<>();
  private Map<String, Object> pandana;

  BenchReport(BenchSpec spec) {
    this.spec = spec;
    root.put("benchmark", "lcp bench (reports only; never gates)");
    root.put("command_line", spec.commandLine());
    root.put("started", Instant.now().toString());
  }

  void machineStart() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nproc", Runtime.getRuntime().availableProcessors());
    m.put("mem_total", meminfo("MemTotal:"));
    m.put("load_average_start", loadavg());
    m.put("jvm_max_heap_gb", Memory.maxHeapBytes() / 1e9);
    m.put("vmhwm_reset", "echo 5 > /proc/self/clear_refs");
    root.put("machine", m);
  }

  @SuppressWarnings("unchecked")
  void machineEnd() {
    Map<String, Object> m = (Map<String, Object>) root.get("machine");
    m.put("load_average_end", loadavg());
    m.put("vmhwm_resettable", Memory.rssResettable);
    root.put("finished", Instant.now().toString());
  }

  void versions(SparkSession spark) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    v.put("spark", spark.version());
    v.put(
        "sedona",
        jarVersion("sedona-spark-shaded-3.5_2.12", "sedona-spark-3.5_2.12", "sedona-common"));
    v.put("postgresql_jdbc", jarVersion("postgresql"));
    v.put("lcp", org.livingcircle.common.Manifest.version());
    root.put("versions", v);
  }

  void note(String key, Object value) {
    notes.put(key, value);
  }

  void add(Bench.Measurement m) {
    measurements.removeIf(x -> x.phase().equals(m.phase()) && x.size().equals(m.size()));
    measurements.add(m);
  }

  void postgis(String size, PostgisCompare.Result r, long nCategories) {
    pg = new LinkedHashMap<>();
    pg.put("size", size);
    pg.put("server_version", r.serverVersion());
    pg.put("postgis_version", r.postgisVersion());
    pg.put("cells", r.nCells());
    pg.put("load_cells_s", r.loadCellsS());
    pg.put("load_facilities_s", r.loadFacilitiesS());
    pg.put("pipeline_categories", nCategories);
    List<Map<String, Object>> cats = new ArrayList<>();
    double nearest = 0;
    double counts = 0;
    long bad = 0;
    for (PostgisCompare.CategoryResult c : r.categories()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("category", c.category());
      m.put("facilities", c.nFacilities());
      m.put("nearest_s", c.nearestS());
      m.put("nearest_median_s", Stats.median(c.nearestS()));
      m.put("counts_s", c.countsS());
      m.put("counts_median_s", Stats.median(c.countsS()));
      m.put("cells_compared", c.nCompared());
      m.put("distance_mismatches", c.nDistanceMismatches());
      m.put("count_mismatches", c.nCountMismatches());
      m.put("max_abs_distance_diff_m", c.maxAbsDiffM());
      m.put("first_mismatch", c.firstMismatch());
      cats.add(m);
      nearest += Stats.median(c.nearestS());
      counts += Stats.median(c.countsS());
      bad += c.nDistanceMismatches() + c.nCountMismatches();
      pgLines.add(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %.2f | %.2f | %,d | %d | %d | %.1e |",
              c.category(),
              c.nFacilities(),
              Stats.median(c.nearestS()),
              Stats.median(c.countsS()),
              c.nCompared(),
              c.nDistanceMismatches(),
              c.nCountMismatches(),
              c.maxAbsDiffM()));
    }
    pg.put("categories", cats);
    int k = r.categories().size();
    double scale = (double) nCategories / k;
    double access =
        measurements.stream()
            .filter(m -> m.phase().equals("access") && m.size().equals(size))
            .mapToDouble(Bench.Measurement::median)
            .findFirst()
            .orElse(Double.NaN);
    Map<String, Object> ratio = new LinkedHashMap<>();
    ratio.put(
        "postgis_nearest_all_categories_s (extrapolated ×" + nCategories + "/" + k + ")",
        nearest * scale);
    ratio.put("postgis_counts_all_categories_s (extrapolated)", counts * scale);
    ratio.put("pipeline_access_stage_s (all categories, both operations, E2SFCA, I/O)", access);
    ratio.put("pipeline_over_postgis_nearest", access / (nearest * scale));
    ratio.put("pipeline_over_postgis_counts", access / (counts * scale));
    ratio.put("pipeline_over_postgis_both", access / ((nearest + counts) * scale));
    ratio.put("mismatches_total", bad);
    pg.put("ratios", ratio);
  }

  /** Median seconds of a phase at a size, NaN when not measured. */
  double median(String phase, String size) {
    return measurements.stream()
        .filter(m -> m.phase().equals(phase) && m.size().equals(size))
        .mapToDouble(Bench.Measurement::median)
        .findFirst()
        .orElse(Double.NaN);
  }

  /**
   * The network-model access measurement of one size beside its straight-line one: the stage ratio
   * (target ≤ 2×), peak RSS (target ≤ 6 GB), the median time split from the access manifest's
   * timings and its walk_model facts.
   */
  void network(String size, Bench.Measurement m, Map<String, Double> split, Object walkModel) {
    Map<String, Object> n = new LinkedHashMap<>();
    double straight = median("access", size);
    n.put("cells", m.items());
    n.put("straight_line_access_median_s", straight);
    n.put("network_access_median_s", m.median());
    n.put("network_cells_per_s", m.perSecond());
    n.put("network_over_straight_line", m.median() / straight);
    n.put("target_network_over_straight_line", "<= 2");
    n.put("network_max_peak_rss_gb", Stats.max(m.peakRss()) / 1e9);
    n.put("target_peak_rss_gb", "<= 6");
    n.put("split_median_s (access manifest timings_s)", split);
    n.put("walk_model", walkModel);
    network.put(size, n);
  }

  /**
   * The pandana comparison: medians, the two ratios against their targets, the value check, the
   * graph.
   */
  void pandana(String size, PandanaCompare.Result r, Map<String, Object> graph) {
    pandana = new LinkedHashMap<>();
    pandana.put("size", size);
    pandana.put("graph", graph);
    pandana.put("vertices", r.vertices());
    pandana.put("edges", r.edges());
    pandana.put("pois", r.pois());
    pandana.put("threads_ours", r.threads());
    pandana.put("nearest_categories", r.nearestCategories());
    pandana.put("count_categories", r.countCategories());
    pandana.put("thresholds_m", r.thresholdsM());
    pandana.put("nearest_limit_m", r.nearestLimitM());
    pandana.put("ours_nearest_s", r.oursNearestS());
    pandana.put("pandana_nearest_s (set_pois + nearest_pois, all categories)", r.theirsNearestS());
    pandana.put("ours_counts_s (one pass per category, all thresholds)", r.oursCountsS());
    pandana.put("pandana_counts_s (set + aggregate per threshold)", r.theirsCountsS());
    pandana.put(
        "pandana_network_build_s (contraction hierarchies, not compared)", r.theirsBuildS());
    Map<String, Object> ratio = new LinkedHashMap<>();
    ratio.put("nearest_pandana_over_ours", r.nearestRatio());
    ratio.put("nearest_target", ">= 10");
    ratio.put("counts_pandana_over_ours", r.countsRatio());
    ratio.put("counts_target", ">= 3");
    pandana.put("ratios", ratio);
    pandana.put("nearest_check", r.nearestCheck());
    pandana.put("counts_check", r.countsCheck());
    pandana.put(
        "snap_disagreements (pandana's KD-tree chose another vertex)", r.snapDisagreements());
  }

  Path write() {
    Map<String, Object> out = new LinkedHashMap<>(root);
    List<Map<String, Object>> ms = new ArrayList<>();
    for (Bench.Measurement m : measurements) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("phase", m.phase());
      x.put("size", m.size());
      x.put(m.unit(), m.items());
      x.put("runs_s", m.seconds());
      x.put("median_s", m.median());
      x.put(m.unit() + "_per_s", m.perSecond());
      x.put("cpu_s", m.cpuSeconds());
      x.put("median_cpu_s", Stats.median(m.cpuSeconds()));
      x.put("peak_rss_bytes", m.peakRss());
      x.put("peak_heap_bytes", m.peakHeap());
      x.put("max_peak_rss_gb", Stats.max(m.peakRss()) / 1e9);
      ms.add(x);
    }
    out.put("measurements", ms);
    out.put("growth", growth());
    if (pg != null) {
      out.put("postgis", pg);
    }
    if (!network.isEmpty()) {
      out.put("network", network);
    }
    if (pandana != null) {
      out.put("pandana", pandana);
    }
    out.put("notes", notes);
    Path json = spec.outDir().resolve("bench.json");
    try {
      Files.createDirectories(spec.outDir());
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), out);
      Files.writeString(spec.outDir().resolve("bench.md"), markdown(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("Cannot write " + json + ": " + e.getMessage(), e);
    }
    return json;
  }

  /** Exponent b of seconds ∝ cells^b per phase, over the sizes measured. */
  private Map<String, Object> growth() {
    Map<String, Object> g = new LinkedHashMap<>();
    for (String phase : List.of("grid", "access")) {
      List<Bench.Measurement> ms =
          measurements.stream().filter(m -> m.phase().equals(phase)).toList();
      double[] x = ms.stream().mapToDouble(m -> m.items()).toArray();
      double[] y = ms.stream().mapToDouble(Bench.Measurement::median).toArray();
      double[] cpu = ms.stream().mapToDouble(m -> Stats.median(m.cpuSeconds())).toArray();
      g.put(phase + "_exponent", Stats.exponent(x, y));
      g.put(phase + "_cpu_exponent", Stats.exponent(x, cpu));
      g.put(phase + "_points", ms.size());
    }
    return g;
  }

  String markdown() {
    StringBuilder s =
        new StringBuilder("# lcp bench\n\nA benchmark: it reports, it never gates.\n\n");
    s.append("- command: `").append(spec.commandLine()).append("`\n");
    s.append("- machine: ").append(root.get("machine")).append('\n');
    s.append("- versions: ").append(root.get("versions")).append('\n');
    s.append("- started ")
        .append(root.get("started"))
        .append(", finished ")
        .append(root.getOrDefault("finished", "(running)"))
        .append("\n\n");
    s.append(table()).append('\n');
    s.append("Growth (least-squares exponent b of seconds ∝ cells^b): ")
        .append(growth())
        .append("\n\n");
    if (pg != null) {
      s.append("## PostGIS comparison (")
          .append(pg.get("size"))
          .append(", PostgreSQL ")
          .append(pg.get("server_version"))
          .append(", PostGIS ")
          .append(pg.get("postgis_version"))
          .append(")\n\n");
      s.append(
          String.format(
              Locale.ROOT,
              "Load (COPY + GiST + ANALYZE, not in the query times): cells %.2f s, facilities %.2f s.%n%n",
              (Double) pg.get("load_cells_s"),
              (Double) pg.get("load_facilities_s")));
      s.append(
          "| category | facilities | KNN nearest median s | ST_DWithin counts median s | cells compared | distance mismatches | count mismatches | max abs diff m |\n");
      s.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
      pgLines.forEach(l -> s.append(l).append('\n'));
      s.append('\n');
      @SuppressWarnings("unchecked")
      Map<String, Object> ratio = (Map<String, Object>) pg.get("ratios");
      ratio.forEach(
          (k, v) ->
              s.append("- ")
                  .append(k)
                  .append(": ")
                  .append(v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : v)
                  .append('\n'));
    }
    if (!network.isEmpty()) {
      s.append("## Network walking vs straight line (access stage, same inputs)\n\n");
      s.append(
          "| size | cells | straight-line s | network s | cells/s | network / straight (≤ 2) | peak RSS GB (≤ 6) | split (median s) |\n");
      s.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
      network.forEach(
          (size, v) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> n = (Map<String, Object>) v;
            s.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %,d | %.1f | %.1f | %,.0f | %.2f | %.2f | %s |%n",
                    size,
                    (Long) n.get("cells"),
                    (Double) n.get("straight_line_access_median_s"),
                    (Double) n.get("network_access_median_s"),
                    (Double) n.get("network_cells_per_s"),
                    (Double) n.get("network_over_straight_line"),
                    (Double) n.get("network_max_peak_rss_gb"),
                    n.get("split_median_s (access manifest timings_s)")));
          });
      s.append('\n');
    }
    if (pandana != null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> ratio = (Map<String, Object>) pandana.get("ratios");
      s.append("## pandana 0.8, same graph and POIs (").append(pandana.get("size")).append(")\n\n");
      s.append(
          String.format(
              Locale.ROOT,
              "%,d vertices, %,d edges, %,d POIs snapped to vertices; thresholds %s m, nearest limit %.0f m."
                  + " pandana's network build (not compared): %s s.%n%n",
              (Integer) pandana.get("vertices"),
              (Integer) pandana.get("edges"),
              (Integer) pandana.get("pois"),
              java.util.Arrays.toString((double[]) pandana.get("thresholds_m")),
              (Double) pandana.get("nearest_limit_m"),
              pandana.get("pandana_network_build_s (contraction hierarchies, not compared)")));
      s.append(
          "| work | ours runs s | pandana runs s | pandana / ours (median) | target |\n|---|---|---|---:|---|\n");
      s.append(
          String.format(
              Locale.ROOT,
              "| nearest, %d categories | %s | %s | %.1f | ≥ 10 |%n",
              ((List<?>) pandana.get("nearest_categories")).size(),
              pandana.get("ours_nearest_s"),
              pandana.get("pandana_nearest_s (set_pois + nearest_pois, all categories)"),
              (Double) ratio.get("nearest_pandana_over_ours")));
      s.append(
          String.format(
              Locale.ROOT,
              "| counts, %s × 3 thresholds | %s | %s | %.1f | ≥ 3 |%n%n",
              pandana.get("count_categories"),
              pandana.get("ours_counts_s (one pass per category, all thresholds)"),
              pandana.get("pandana_counts_s (set + aggregate per threshold)"),
              (Double) ratio.get("counts_pandana_over_ours")));
      s.append("Value check: nearest ")
          .append(pandana.get("nearest_check"))
          .append("; counts ")
          .append(pandana.get("counts_check"))
          .append("; snap disagreements ")
          .append(pandana.get("snap_disagreements (pandana's KD-tree chose another vertex)"))
          .append("\n");
    }
    if (!notes.isEmpty()) {
      s.append("\nNotes: ").append(notes).append('\n');
    }
    return s.toString();
  }

  String table() {
    StringBuilder s = new StringBuilder();
    s.append(
        "| phase | size | items | runs (s) | median s | items/s | median CPU s | peak RSS | peak heap |\n");
    s.append("|---|---|---:|---|---:|---:|---:|---:|---:|\n");
    for (Bench.Measurement m : measurements) {
      s.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %,d %s | %s | %.1f | %,.0f | %.1f | %s | %s |%n",
              m.phase(),
              m.size(),
              m.items(),
              m.unit(),
              m.seconds().stream().map(d -> String.format(Locale.ROOT, "%.1f", d)).toList(),
              m.median(),
              m.perSecond(),
              Stats.median(m.cpuSeconds()),
              gb(Stats.max(m.peakRss())),
              gb(Stats.max(m.peakHeap()))));
    }
    return s.toString();
  }

  void print(PrintStream out) {
    out.print(markdown());
  }

  static String gb(long bytes) {
    return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
  }

  private static String meminfo(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith(key)) {
          return line.substring(key.length()).strip();
        }
      }
    } catch (IOException e) {
      return "n/a";
    }
    return "n/a";
  }

  private static String loadavg() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "n/a";
    }
  }

  private static String jarVersion(String... artifacts) {
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      String name =
          Path.of(entry).getFileName() == null ? "" : Path.of(entry).getFileName().toString();
      for (String a : artifacts) {
        if (name.startsWith(a + "-") && name.endsWith(".jar")) {
          return name.substring(a.length() + 1, name.length() - 4);
        }
      }
    }
    return "n/a";
  }
}
