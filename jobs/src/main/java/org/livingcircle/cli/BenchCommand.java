package org.livingcircle.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.livingcircle.bench.Bench;
import org.livingcircle.bench.BenchSpec;
import org.livingcircle.config.Categories;
import org.livingcircle.config.CityConfig;
import org.livingcircle.pipeline.ProjectFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "A benchmark, never a test: ingest throughput on a streamed Amap POI file, grid and access stage",
      "scaling over growing synthetic inputs (<scope>-<cell_size_m>: jincheng-250, both-100, shanxi-250),",
      "and the access indicators recomputed in PostGIS (KNN and ST_DWithin) with values checked;",
      "with --siting-budget, the siting stage (greedy per county × category) timed on each size;",
      "with --walking-models network (default), the access stage also in the network walking model per size",
      "(ratio to straight line, peak RSS, the manifest's time split), and on --pandana-size the same foot graph",
      "and POIs in pandana 0.8 (nearest_pois, aggregate count) against our searches, values checked vertex by vertex.",
      "Writes <out>/bench.json and <out>/bench.md; inputs and stage outputs stay under <out> for reuse.",
      "Run with LCP_DRIVER_MEMORY=6g to hold the large sizes within 6 GB of heap."
    })
final class BenchCommand implements Callable<Integer> {
  @ParentCommand Lcp lcp;

  @Option(
      names = "--out",
      required = true,
      description = "Bench directory (inputs, outputs, bench.json, bench.md)")
  Path out;

  @Option(
      names = "--runs",
      defaultValue = "3",
      description = "Timed runs per measurement (default: ${DEFAULT-VALUE})")
  int runs;

  @Option(
      names = "--ingest-rows",
      defaultValue = "1000000",
      description = "Rows of the ingest bench file, 0 to skip (default: ${DEFAULT-VALUE})")
  long ingestRows;

  @Option(
      names = "--sizes",
      split = ",",
      description = "Scaling sizes, or none (default: jincheng-250,both-100)")
  List<String> sizes = new ArrayList<>(List.of("jincheng-250", "both-100"));

  @Option(
      names = "--pg-url",
      description =
          "PostGIS JDBC URL for the comparison (default: ${DEFAULT-VALUE}); 'none' to skip",
      defaultValue = "jdbc:postgresql://127.0.0.1:5432/lcp_test")
  String pgUrl;

  @Option(
      names = "--pg-user",
      defaultValue = "lcp",
      description =
          "PostGIS role (default: ${DEFAULT-VALUE}); password from LCP_PG_PASSWORD or its file")
  String pgUser;

  @Option(
      names = "--pg-size",
      defaultValue = "jincheng-250",
      description = "Size compared with PostGIS (default: ${DEFAULT-VALUE})")
  String pgSize;

  @Option(
      names = "--pg-categories",
      split = ",",
      description = "Categories compared (default: six evenly spaced)")
  List<String> pgCategories = new ArrayList<>();

  @Option(
      names = "--pg-runs",
      defaultValue = "3",
      description = "Timed runs per PostGIS query (default: ${DEFAULT-VALUE})")
  int pgRuns;

  @Option(
      names = "--city",
      defaultValue = "jincheng",
      description = "Template city configuration (default: ${DEFAULT-VALUE})")
  String city;

  @Option(
      names = "--compare-grids",
      split = ",",
      description = "Only compare two grid outputs BEFORE,AFTER cell by cell, then exit")
  List<Path> compareGrids = new ArrayList<>();

  @Option(
      names = "--siting-budget",
      defaultValue = "0",
      description =
          "Also time lcp site per size with this budget of sites (conf/targets.yaml, every basic category); 0 to skip (default: ${DEFAULT-VALUE})")
  int sitingBudget;

  @Option(
      names = "--walking-models",
      split = ",",
      description =
          "Walking models the access stage is timed in per size: straight_line always, network when listed and the size's inputs have streets.osm.pbf (default: straight_line,network)")
  List<String> walkingModels = new ArrayList<>(List.of("straight_line", "network"));

  @Option(
      names = "--pandana-size",
      defaultValue = "jincheng-250",
      description =
          "Size whose foot graph and POIs are compared with pandana 0.8 (default: ${DEFAULT-VALUE}); 'none' to skip")
  String pandanaSize;

  @Option(
      names = "--pandana-runs",
      defaultValue = "3",
      description = "Alternating runs of ours and pandana's (default: ${DEFAULT-VALUE})")
  int pandanaRuns;

  @Option(
      names = "--pandana-count-categories",
      split = ",",
      description =
          "Categories whose counts are compared with pandana's aggregate (default: six evenly spaced; 'all')")
  List<String> pandanaCountCategories = new ArrayList<>();

  @Option(
      names = "--pandana-python",
      description =
          "Python with pandana 0.8 (default: .venv-bench/bin/python, made by scripts/ensure-bench-venv.sh when missing)")
  Path pandanaPython;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    if (!compareGrids.isEmpty()) {
      if (compareGrids.size() != 2) {
        throw new org.livingcircle.common.UsageException(
            "Cannot use --compare-grids " + compareGrids + ": expected BEFORE,AFTER");
      }
      long diff =
          org.livingcircle.bench.GridDiff.run(
              org.livingcircle.spark.Sessions.create("lcp bench grid diff", sparkOptions.master),
              compareGrids.get(0),
              compareGrids.get(1),
              lcp.out);
      return diff == 0 ? 0 : 1;
    }
    Path config = ProjectFiles.city(city);
    List<String> sizeList = sizes.equals(List.of("none")) ? List.of() : sizes;
    BenchSpec spec =
        new BenchSpec(
            out.toAbsolutePath().normalize(),
            CityConfig.load(config),
            config,
            Categories.load(ProjectFiles.categories()),
            ProjectFiles.categories(),
            ProjectFiles.reference(),
            runs,
            ingestRows,
            sizeList,
            "none".equals(pgUrl) ? null : pgUrl,
            pgUser,
            pgSize,
            pgCategories,
            pgRuns,
            sparkOptions.master,
            "lcp " + String.join(" ", commandLine()),
            sitingBudget,
            walkingModels,
            "none".equals(pandanaSize) ? null : pandanaSize,
            pandanaRuns,
            pandanaCountCategories,
            pandanaPython);
    lcp.out.println("[bench] wrote " + Bench.run(spec, lcp.out));
    return 0;
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  private List<String> commandLine() {
    return commandSpec.commandLine().getParseResult().originalArgs();
  }
}
