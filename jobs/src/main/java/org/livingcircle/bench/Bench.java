package org.livingcircle.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.livingcircle.access.AccessJob;
import org.livingcircle.common.CityLayout;
import org.livingcircle.config.CityConfig;
import org.livingcircle.grid.GridJob;
import org.livingcircle.ingest.IngestJob;
import org.livingcircle.pipeline.StageSpecs;
import org.livingcircle.publish.postgis.PgCredentials;
import org.livingcircle.spark.Sessions;

/**
 * {@code lcp bench}: ingest throughput on a streamed POI file, grid and access stage scaling over
 * growing inputs, and the access indicators recomputed in PostGIS. A benchmark, never a test: it
 * reports, it does not gate. Every measurement is the median of several runs in one JVM (the first
 * run includes JIT warm-up); peak memory per phase is VmHWM after a reset and the heap pools' peak.
 */
public final class Bench {
  private Bench() {}

  /** One measurement: a phase at one size, its runs and peaks. */
  record Measurement(
      String phase,
      String size,
      long items,
      String unit,
      List<Double> seconds,
      List<Long> peakRss,
      List<Long> peakHeap,
      List<Double> cpuSeconds) {
    double median() {
      return Stats.median(seconds);
    }

    double perSecond() {
      return items / median();
    }
  }

  public static Path run(BenchSpec spec, PrintStream progress) {
    BenchReport report = new BenchReport(spec);
    report.machineStart();
    Path work = spec.outDir().resolve("work");
    Inputs inputs =
        new Inputs(
            spec.outDir().resolve("inputs"),
            spec.referenceDir(),
            spec.categoriesYaml(),
            spec.categories());
    List<BenchSize> sizes = new ArrayList<>();
    List<String> shanxi =
        ShanxiCities.codes(spec.referenceDir().resolve("shanxi_counties.geojson"));
    for (String s : spec.sizes()) {
      sizes.add(BenchSize.parse(s, shanxi));
    }
    if (spec.pgUrl() != null && sizes.stream().noneMatch(z -> z.label().equals(spec.pgSize()))) {
      throw new IllegalArgumentException(
          "Cannot use --pg-size " + spec.pgSize() + ": not one of --sizes " + spec.sizes());
    }
    SparkSession spark = Sessions.create("lcp bench", spec.master());
    report.versions(spark);
    NetworkBench network = new NetworkBench(spec, report, progress);

    if (spec.ingestRows() > 0) {
      long t = System.nanoTime();
      Path input = inputs.ingestInput(spec.ingestRows(), 1);
      report.note("ingest_input_prep_s", (System.nanoTime() - t) / 1e9);
      IngestJob.Spec ingest =
          StageSpecs.ingest(
              spec.template(),
              spec.categories(),
              spec.templateFile(),
              input,
              CityLayout.of(work.resolve("ingest-" + spec.ingestRows())).ingest());
      Measurement m =
          new Measurement(
              "ingest",
              "jincheng " + String.format(Locale.ROOT, "%,d", spec.ingestRows()) + " rows",
              spec.ingestRows(),
              "rows",
              new ArrayList<>(),
              new ArrayList<>(),
              new ArrayList<>(),
              new ArrayList<>());
      for (int r = 0; r < spec.runs(); r++) {
        Memory.resetPeaks();
        cpu0 = Memory.cpuSeconds();
        long t0 = System.nanoTime();
        IngestJob.run(spark, ingest, progress);
        record(m, t0);
        progress.printf(
            Locale.ROOT,
            "[bench] ingest run %d/%d: %.1f s (%.1f CPU s), peak RSS %s%n",
            r + 1,
            spec.runs(),
            last(m.seconds()),
            last(m.cpuSeconds()),
            BenchReport.gb(last(m.peakRss())));
        report.add(m);
        report.write(); // after every run, so an interrupted bench keeps what it measured
      }
    }

    Map<String, Path> ingested = new LinkedHashMap<>();
    Map<String, AccessJob.Spec> accessSpecs = new LinkedHashMap<>();
    for (BenchSize size : sizes) {
      Path ingestDir = ingested.get(size.scope());
      Path scopeInput = spec.outDir().resolve("inputs/scope-" + size.scope());
      if (ingestDir == null) {
        List<String> counties = new ArrayList<>();
        long t = System.nanoTime();
        Path input = inputs.scopeInput(size.scope(), size.cityCodes(), counties);
        ingestDir = CityLayout.of(work.resolve("scope-" + size.scope())).ingest();
        if (!Files.isRegularFile(ingestDir.resolve(CityLayout.MANIFEST_FILE))) {
          IngestJob.Spec base =
              StageSpecs.ingest(
                  network.ingestTemplate(),
                  spec.categories(),
                  spec.templateFile(),
                  input,
                  ingestDir);
          IngestJob.Spec scoped =
              new IngestJob.Spec(
                  size.scope(),
                  base.cityCode(),
                  size.scope(),
                  counties,
                  base.metricCrs(),
                  base.duplicateRadiusM(),
                  base.poiSources(),
                  base.facilitiesFile(),
                  base.censusFile(),
                  base.statisticsFile(),
                  base.populationRaster(),
                  base.osmPbf(),
                  size.scope().equals("shanxi")
                      ? ValidOutlines.prepare(
                          spark, spec.referenceDir(), spec.outDir().resolve("inputs/reference"))
                      : base.referenceDir(),
                  base.inputDir(),
                  base.outDir(),
                  base.categories(),
                  base.tiers(),
                  base.configuration());
          IngestJob.run(spark, scoped, progress);
        }
        report.note("prep_s_" + size.scope(), (System.nanoTime() - t) / 1e9);
        report.note("counties_" + size.scope(), counties.size());
        ingested.put(size.scope(), ingestDir);
      }
      CityConfig sized = NetworkBench.sized(network.straightTemplate(), size);
      Path sizeDir = work.resolve(size.label());
      GridJob.Spec grid =
          StageSpecs.grid(sized, spec.templateFile(), ingestDir, CityLayout.of(sizeDir).grid());
      AccessJob.Spec access =
          StageSpecs.access(
              sized,
              spec.categories(),
              spec.templateFile(),
              CityLayout.of(sizeDir).grid(),
              ingestDir,
              List.of(ingestDir),
              CityLayout.of(sizeDir).indicators());
      accessSpecs.put(size.label(), access);
      Measurement g =
          new Measurement(
              "grid",
              size.label(),
              0,
              "cells",
              new ArrayList<>(),
              new ArrayList<>(),
              new ArrayList<>(),
              new ArrayList<>());
      Measurement a =
          new Measurement(
              "access",
              size.label(),
              0,
              "cells",
              new ArrayList<>(),
              new ArrayList<>(),
              new ArrayList<>(),
              new ArrayList<>());
      long cells = 0;
      for (int r = 0; r < spec.runs(); r++) {
        Memory.resetPeaks();
        cpu0 = Memory.cpuSeconds();
        long t0 = System.nanoTime();
        cells = GridJob.run(spark, grid, progress).cells().rows();
        record(g, t0);
        Memory.resetPeaks();
        cpu0 = Memory.cpuSeconds();
        t0 = System.nanoTime();
        AccessJob.run(spark, access, progress);
        record(a, t0);
        progress.printf(
            Locale.ROOT,
            "[bench] %s run %d/%d: %,d cells, grid %.1f s (%.1f CPU s), access %.1f s (%.1f CPU s), peak RSS %s / %s%n",
            size.label(),
            r + 1,
            spec.runs(),
            cells,
            last(g.seconds()),
            last(g.cpuSeconds()),
            last(a.seconds()),
            last(a.cpuSeconds()),
            BenchReport.gb(last(g.peakRss())),
            BenchReport.gb(last(a.peakRss())));
        report.add(
            new Measurement(
                "grid",
                size.label(),
                cells,
                "cells",
                g.seconds(),
                g.peakRss(),
                g.peakHeap(),
                g.cpuSeconds()));
        report.add(
            new Measurement(
                "access",
                size.label(),
                cells,
                "cells",
                a.seconds(),
                a.peakRss(),
                a.peakHeap(),
                a.cpuSeconds()));
        report.write();
      }
      report.add(
          new Measurement(
              "grid",
              size.label(),
              cells,
              "cells",
              g.seconds(),
              g.peakRss(),
              g.peakHeap(),
              g.cpuSeconds()));
      report.add(
          new Measurement(
              "access",
              size.label(),
              cells,
              "cells",
              a.seconds(),
              a.peakRss(),
              a.peakHeap(),
              a.cpuSeconds()));
      report.write();
      network.afterSize(
          spark, size, scopeInput, ingestDir, CityLayout.of(sizeDir).grid(), sizeDir, cells);
      if (spec.sitingBudget() > 0) {
        siting(spark, spec, sized, sizeDir, ingestDir, cells, report, progress);
      }
      if (spec.pgUrl() != null && size.label().equals(spec.pgSize())) {
        postgis(spark, spec, access, report, progress);
      }
    }

    report.machineEnd();
    Path written = report.write();
    report.print(progress);
    return written;
  }

  /**
   * The siting stage on one size: aggregate once (untimed; it reads the size's ingest through a
   * link), then {@code lcp site} timed {@code runs} times with conf/targets.yaml and
   * conf/siting.yaml's candidates.
   */
  private static void siting(
      SparkSession spark,
      BenchSpec spec,
      CityConfig sized,
      Path sizeDir,
      Path ingestDir,
      long cells,
      BenchReport report,
      PrintStream progress) {
    Path conf = spec.categoriesYaml().toAbsolutePath().getParent();
    try {
      Path link = CityLayout.of(sizeDir).ingest();
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, ingestDir.toAbsolutePath());
      }
    } catch (java.io.IOException e) {
      throw new org.livingcircle.common.InputException(
          "Cannot link " + ingestDir + " into " + sizeDir + ": " + e.getMessage(), e);
    }
    org.livingcircle.aggregate.AggregateJob.run(
        spark,
        StageSpecs.aggregate(
            sized, spec.categories(), spec.templateFile(), sizeDir, List.of("basic")),
        progress);
    org.livingcircle.config.SitingConfig file =
        org.livingcircle.config.SitingConfig.load(conf.resolve("siting.yaml"));
    org.livingcircle.config.SitingConfig budget =
        new org.livingcircle.config.SitingConfig(
            spec.sitingBudget(), file.candidates(), file.modulePlaces());
    org.livingcircle.siting.SitingJob.Spec site =
        StageSpecs.site(
            sized,
            spec.categories(),
            spec.templateFile(),
            sizeDir,
            org.livingcircle.config.Targets.load(conf.resolve("targets.yaml")),
            conf.resolve("targets.yaml"),
            budget,
            conf.resolve("siting.yaml"));
    Measurement m =
        new Measurement(
            "site",
            sized.id(),
            cells,
            "cells",
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>());
    for (int r = 0; r < spec.runs(); r++) {
      Memory.resetPeaks();
      cpu0 = Memory.cpuSeconds();
      long t0 = System.nanoTime();
      org.livingcircle.siting.SitingJob.Result result =
          org.livingcircle.siting.SitingJob.run(spark, site, progress);
      record(m, t0);
      progress.printf(
          Locale.ROOT,
          "[bench] %s site run %d/%d: %d groups, %,d sites, %.1f s (%.1f CPU s), peak RSS %s%n",
          sized.id(),
          r + 1,
          spec.runs(),
          result.nGroups(),
          result.nSites(),
          last(m.seconds()),
          last(m.cpuSeconds()),
          BenchReport.gb(last(m.peakRss())));
      report.write();
    }
    report.add(m);
    report.write();
  }

  /** Process CPU seconds at the start of the phase being measured. */
  private static double cpu0;

  /**
   * The PostGIS comparison on one measured size (run right after it, so a long larger size cannot
   * starve it).
   */
  private static void postgis(
      SparkSession spark,
      BenchSpec spec,
      AccessJob.Spec access,
      BenchReport report,
      PrintStream progress) {
    List<String> sample = spec.pgCategories();
    if (sample.isEmpty()) {
      List<AccessJob.CategorySpec> cats =
          access.categories().stream().filter(x -> !x.tier().equals("residential")).toList();
      List<String> picked = new ArrayList<>();
      for (int k = 0; k < 6 && k < cats.size(); k++) {
        picked.add(cats.get(k * cats.size() / Math.min(6, cats.size())).id());
      }
      sample = picked;
    }
    PostgisCompare.Result pg =
        PostgisCompare.run(
            spark,
            access,
            sample,
            PgCredentials.fromEnvironment(spec.pgUrl(), spec.pgUser()),
            spec.pgRuns(),
            progress);
    long nCategories =
        access.categories().stream().filter(x -> !x.tier().equals("residential")).count();
    report.postgis(spec.pgSize(), pg, nCategories);
    report.write();
  }

  private static void record(Measurement m, long t0) {
    m.seconds().add((System.nanoTime() - t0) / 1e9);
    m.cpuSeconds().add(Memory.cpuSeconds() - cpu0);
    m.peakRss().add(Memory.peakRssBytes());
    m.peakHeap().add(Memory.peakHeapBytes());
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }
}
