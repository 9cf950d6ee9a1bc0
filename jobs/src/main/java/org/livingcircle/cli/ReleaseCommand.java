package org.livingcircle.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.livingcircle.access.AccessJob;
import org.livingcircle.common.RunLayout;
import org.livingcircle.config.Categories;
import org.livingcircle.config.CityConfig;
import org.livingcircle.pipeline.ProjectFiles;
import org.livingcircle.release.DataDictionary;
import org.livingcircle.release.ReleaseConfig;
import org.livingcircle.release.ReleaseJob;
import org.livingcircle.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    description = {
      "Builds a versioned release OUT/release/<version>/ from OUT/<city>/ and OUT/comparison/: GeoParquet",
      "tables, CSV and GeoJSON extracts, data dictionary, licence, provenance, DCAT-AP 3 (JSON-LD) and STAC",
      "metadata, a static portal (index.html) and SHA256SUMS. Needs portal/node_modules (scripts/ensure-portal.sh)."
    })
final class ReleaseCommand implements Callable<Integer> {
  @ParentCommand Lcp lcp;

  @Option(
      names = "--out",
      required = true,
      description = "Output directory holding <city>/ and comparison/")
  Path out;

  @Option(
      names = "--cities",
      split = ",",
      defaultValue = "jincheng,changzhi",
      description = "Cities (default: ${DEFAULT-VALUE})")
  List<String> cities;

  @Option(
      names = "--release-version",
      description = "Version name (default: UTC date and a hash of the inputs)")
  String version;

  @Option(names = "--release-config", description = "Release metadata (default: conf/release.yaml)")
  Path releaseConfig;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    SparkSession spark = Sessions.create("lcp release", sparkOptions.master);
    run(
        spark,
        out,
        cities,
        Optional.ofNullable(version),
        releaseConfig == null ? ProjectFiles.release() : releaseConfig,
        lcp.out);
    return 0;
  }

  /** Builds the release of {@code out}; also the last stage of {@code lcp demo}. */
  static ReleaseJob.Result run(
      SparkSession spark,
      Path out,
      List<String> cityIds,
      Optional<String> version,
      Path releaseConfig,
      java.io.PrintStream progress) {
    Categories categories = Categories.load(ProjectFiles.categories());
    List<ReleaseJob.City> cities = new ArrayList<>();
    for (String id : cityIds) {
      CityConfig city = CityConfig.load(ProjectFiles.city(id));
      cities.add(
          new ReleaseJob.City(
              id,
              city.nameZh(),
              city.nameEn(),
              AccessJob.BASIC_THRESHOLD_MIN,
              RunLayout.of(out).city(id).dir()));
    }
    Path dictionary = ProjectFiles.dataDictionary();
    List<Path> configFiles =
        new ArrayList<>(
            List.of(
                ProjectFiles.categories(),
                ProjectFiles.targets(),
                ProjectFiles.siting(),
                releaseConfig,
                dictionary));
    cityIds.forEach(id -> configFiles.add(ProjectFiles.city(id)));
    ReleaseJob.Spec spec =
        new ReleaseJob.Spec(
            out,
            cities,
            RunLayout.of(out).comparison(),
            ReleaseConfig.load(releaseConfig),
            DataDictionary.load(dictionary, categories),
            categories,
            ProjectFiles.portal(),
            ProjectFiles.reference(),
            ProjectFiles.releaseLicence(),
            configFiles,
            version);
    return ReleaseJob.run(spark, spec, progress);
  }
}
