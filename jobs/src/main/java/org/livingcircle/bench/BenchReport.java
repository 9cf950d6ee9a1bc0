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

/** Collects the benchmark's figures and writes {@code bench.json} and {@code bench.md}; prints the table. */
final class BenchReport {
  private final BenchSpec spec;
  private final Map<String, Object> root = new LinkedHashMap<>();
  private final Map<String, Object> notes = new LinkedHashMap<>();
  private final List<Bench.Measurement> measurements = new ArrayList<>();
  private final List<String> pgLines = new ArrayList<>();
  private Map<String, Object> pg;

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
    v.put("sedona", jarVersion("sedona-spark-shaded-3.5_2.12", "sedona-spark-3.5_2.12", "sedona-common"));
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
      pgLines.add(String.format(Locale.ROOT, "| %s | %,d | %.2f | %.2f | %,d | %d | %d | %.1e |", c.category(), c.nFacilities(),
          Stats.median(c.nearestS()), Stats.median(c.countsS()), c.nCompared(), c.nDistanceMismatches(),
          c.nCountMismatches(), c.maxAbsDiffM()));
    }
    pg.put("categories", cats);
    int k = r.categories().size();
    double scale = (double) nCategories / k;
    double access = measurements.stream().filter(m -> m.phase().equals("access") && m.size().equals(size))
        .mapToDouble(Bench.Measurement::median).findFirst().orElse(Double.NaN);
    Map<String, Object> ratio = new LinkedHashMap<>();
    ratio.put("postgis_nearest_all_categories_s (extrapolated ×" + nCategories + "/" + k + ")", nearest * scale);
    ratio.put("postgis_counts_all_categories_s (extrapolated)", counts * scale);
    ratio.put("pipeline_access_stage_s (all categories, both operations, E2SFCA, I/O)", access);
    ratio.put("pipeline_over_postgis_nearest", access / (nearest * scale));
    ratio.put("pipeline_over_postgis_counts", access / (counts * scale));
    ratio.put("pipeline_over_postgis_both", access / ((nearest + counts) * scale));
    ratio.put("mismatches_total", bad);
    pg.put("ratios", ratio);
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
      List<Bench.Measurement> ms = measurements.stream().filter(m -> m.phase().equals(phase)).toList();
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
    StringBuilder s = new StringBuilder("# lcp bench\n\nA benchmark: it reports, it never gates.\n\n");
    s.append("- command: `").append(spec.commandLine()).append("`\n");
    s.append("- machine: ").append(root.get("machine")).append('\n');
    s.append("- versions: ").append(root.get("versions")).append('\n');
    s.append("- started ").append(root.get("started")).append(", finished ").append(root.getOrDefault("finished", "(running)")).append("\n\n");
    s.append(table()).append('\n');
    s.append("Growth (least-squares exponent b of seconds ∝ cells^b): ").append(growth()).append("\n\n");
    if (pg != null) {
      s.append("## PostGIS comparison (").append(pg.get("size")).append(", PostgreSQL ").append(pg.get("server_version"))
          .append(", PostGIS ").append(pg.get("postgis_version")).append(")\n\n");
      s.append(String.format(Locale.ROOT, "Load (COPY + GiST + ANALYZE, not in the query times): cells %.2f s, facilities %.2f s.%n%n",
          (Double) pg.get("load_cells_s"), (Double) pg.get("load_facilities_s")));
      s.append("| category | facilities | KNN nearest median s | ST_DWithin counts median s | cells compared | distance mismatches | count mismatches | max abs diff m |\n");
      s.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
      pgLines.forEach(l -> s.append(l).append('\n'));
      s.append('\n');
      @SuppressWarnings("unchecked")
      Map<String, Object> ratio = (Map<String, Object>) pg.get("ratios");
      ratio.forEach((k, v) -> s.append("- ").append(k).append(": ").append(v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : v).append('\n'));
    }
    if (!notes.isEmpty()) {
      s.append("\nNotes: ").append(notes).append('\n');
    }
    return s.toString();
  }

  String table() {
    StringBuilder s = new StringBuilder();
    s.append("| phase | size | items | runs (s) | median s | items/s | median CPU s | peak RSS | peak heap |\n");
    s.append("|---|---|---:|---|---:|---:|---:|---:|---:|\n");
    for (Bench.Measurement m : measurements) {
      s.append(String.format(Locale.ROOT, "| %s | %s | %,d %s | %s | %.1f | %,.0f | %.1f | %s | %s |%n", m.phase(), m.size(),
          m.items(), m.unit(), m.seconds().stream().map(d -> String.format(Locale.ROOT, "%.1f", d)).toList(), m.median(),
          m.perSecond(), Stats.median(m.cpuSeconds()), gb(Stats.max(m.peakRss())), gb(Stats.max(m.peakHeap()))));
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
      String name = Path.of(entry).getFileName() == null ? "" : Path.of(entry).getFileName().toString();
      for (String a : artifacts) {
        if (name.startsWith(a + "-") && name.endsWith(".jar")) {
          return name.substring(a.length() + 1, name.length() - 4);
        }
      }
    }
    return "n/a";
  }
}
