package org.livingcircle.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.livingcircle.aggregate.CompareJob;
import org.livingcircle.common.CityLayout;
import org.livingcircle.common.RunLayout;
import org.livingcircle.config.Categories;
import org.livingcircle.config.CityConfig;
import org.livingcircle.config.Targets;
import org.livingcircle.ingest.IngestJob;
import org.livingcircle.pipeline.CityPipeline;
import org.livingcircle.pipeline.Neighbours;
import org.livingcircle.pipeline.ProjectFiles;
import org.livingcircle.release.ReleaseJob;
import org.livingcircle.sample.SampleResult;
import org.livingcircle.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Generates SYNTHETIC sample inputs for Jincheng and Changzhi and runs every stage on them, compares them with the plan targets, builds the release (portal included), then prints where the outputs are and a summary table. With --publish, also loads each city into PostGIS (conf/publish.yaml; GeoServer too when it is on).")
final class DemoCommand implements Callable<Integer> {
  @ParentCommand Lcp lcp;

  @Option(
      names = "--out",
      defaultValue = "out/demo",
      description = "Output directory (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(
      names = "--cities",
      split = ",",
      defaultValue = "jincheng,changzhi",
      description = "Cities (default: ${DEFAULT-VALUE})")
  List<String> cities;

  @Option(
      names = "--seed",
      defaultValue = "20231229",
      description = "Sample seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--scale",
      defaultValue = "1.0",
      description = "Multiplier on sample POI counts (default: ${DEFAULT-VALUE})")
  double scale;

  @Option(
      names = "--publish",
      description =
          "Also load every city into PostGIS (and GeoServer when on) with conf/publish.yaml; needs a running PostGIS (scripts/ensure-postgis.sh)")
  boolean publish;

  @Mixin WalkingOptions walkingOptions;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    Categories categories = Categories.load(ProjectFiles.categories());
    if (publish) {
      org.livingcircle.config.PublishConfig.load(
          ProjectFiles.publish()); // a bad publish file fails before the stages run
    }
    SparkSession spark = Sessions.create("lcp demo", sparkOptions.master);
    List<String[]> rows = new ArrayList<>();
    List<IngestJob.Result> ingests = new ArrayList<>();
    for (String id : cities) {
      Path config = ProjectFiles.city(id);
      CityConfig city = walkingOptions.apply(CityConfig.load(config), config);
      Path base = RunLayout.of(out).city(id).dir();
      SampleResult sample =
          SampleCommand.generate(city, seed, scale, 0, CityLayout.of(base).input());
      lcp.out.println(sample.progressLine(id));
      CityPipeline.City c = new CityPipeline.City(city, config, categories, CityLayout.of(base));
      IngestJob.Result ingest = CityPipeline.ingest(spark, c, c.layout().input(), lcp.out);
      ingests.add(ingest);
      rows.add(
          new String[] {
            id,
            String.format(Locale.ROOT, "%,d", ingest.tables().get("poi").rows()),
            String.format(
                Locale.ROOT,
                "%,d",
                ingest.report().files().stream()
                    .filter(f -> f.table.equals("poi"))
                    .mapToLong(f -> f.quarantinedTotal())
                    .sum()),
            String.format(Locale.ROOT, "%,d", ingest.tables().get("facilities").rows()),
            ingest.outDir().toString()
          });
    }
    for (String id : cities) {
      CityPipeline.City c =
          new CityPipeline.City(
              walkingOptions.apply(CityConfig.load(ProjectFiles.city(id)), ProjectFiles.city(id)),
              ProjectFiles.city(id),
              categories,
              RunLayout.of(out).city(id));
      // the configured neighbours that this demo also runs, by the same rule as lcp run and Airflow
      // (Neighbours)
      List<Path> neighbourOuts =
          c.config().neighbours().stream()
              .filter(cities::contains)
              .map(n -> RunLayout.of(out).city(n).dir())
              .toList();
      List<Path> neighbours =
          neighbourOuts.isEmpty()
              ? List.of()
              : Neighbours.ingestDirs(c.config(), c.layout(), neighbourOuts);
      CityPipeline.afterIngest(spark, c, neighbours, lcp.out);
    }
    List<Path> cityOuts = new ArrayList<>();
    cities.forEach(id -> cityOuts.add(RunLayout.of(out).city(id).dir()));
    CompareJob.run(
        spark,
        new CompareJob.Spec(
            cityOuts, RunLayout.of(out).comparison(), Targets.load(ProjectFiles.targets())),
        lcp.out);
    if (publish) {
      for (String id : cities) {
        CityPipeline.publish(
            spark,
            new CityPipeline.City(
                CityConfig.load(ProjectFiles.city(id)),
                ProjectFiles.city(id),
                categories,
                RunLayout.of(out).city(id)),
            lcp.out);
      }
    }
    ReleaseJob.Result release =
        ReleaseCommand.run(
            spark, out, cities, java.util.Optional.empty(), ProjectFiles.release(), lcp.out);
    lcp.out.println();
    lcp.out.println("SYNTHETIC demo data — outputs under " + out.toAbsolutePath().normalize());
    lcp.out.printf(
        Locale.ROOT,
        "%-10s %12s %12s %12s  %s%n",
        "city",
        "poi",
        "quarantined",
        "facilities",
        "ingest output");
    for (String[] r : rows) {
      lcp.out.printf(Locale.ROOT, "%-10s %12s %12s %12s  %s%n", (Object[]) r);
    }
    lcp.out.println("Release " + release.version() + ": " + release.dir().resolve("index.html"));
    return 0;
  }
}
