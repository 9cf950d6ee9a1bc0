package org.livingcircle.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.livingcircle.config.Categories;
import org.livingcircle.config.CityConfig;
import org.livingcircle.pipeline.ProjectFiles;
import org.livingcircle.sample.ConfiguredSampleCategories;
import org.livingcircle.sample.CoordinateShift;
import org.livingcircle.sample.SampleGenerator;
import org.livingcircle.sample.SampleResult;
import org.livingcircle.sample.SampleSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description =
        "Writes a complete SYNTHETIC input directory for one city, deterministic for a seed: Amap-style POI CSVs in GCJ-02 (UTF-8 with BOM, GBK, lng/lat columns), an Amap place-API JSON, OSM GeoJSON, capacity facilities (with Yangcheng's real rows from its plan), census and statistics tables, with known kinds of mess recorded in sample_manifest.json.")
final class SampleCommand implements Callable<Integer> {
  @ParentCommand Lcp lcp;

  @Option(names = "--city", required = true, description = "City id (conf/cities/<id>.yaml)")
  String city;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", required = true, description = "Output directory")
  Path out;

  @Option(
      names = "--scale",
      defaultValue = "1.0",
      description = "Multiplier on POI counts (default: ${DEFAULT-VALUE})")
  double scale;

  @Option(
      names = "--rows",
      defaultValue = "0",
      description = "Also stream a POI file of this many rows for benchmarks")
  long rows;

  @Override
  public Integer call() {
    SampleResult result =
        generate(CityConfig.load(ProjectFiles.city(city)), seed, scale, rows, out);
    lcp.out.println(result.progressLine(city));
    return 0;
  }

  static SampleResult generate(CityConfig config, long seed, double scale, long rows, Path out) {
    List<String> counties = new ArrayList<>();
    config.counties().forEach(c -> counties.add(c.code()));
    SampleSpec spec =
        new SampleSpec(
            SampleSpec.cityArgument(config.id(), config.adminCode()),
            counties,
            ProjectFiles.reference().resolve("shanxi_counties.geojson"),
            ProjectFiles.reference().resolve("admin_codes.csv"),
            ProjectFiles.categories(),
            seed,
            scale,
            rows,
            out);
    return new SampleGenerator(
            spec,
            new ConfiguredSampleCategories(Categories.load(ProjectFiles.categories())),
            CoordinateShift.gcj02())
        .run();
  }
}
