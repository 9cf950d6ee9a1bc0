package org.livingcircle.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.livingcircle.config.CityConfig;
import org.livingcircle.config.SitingConfig;
import org.livingcircle.config.Targets;
import org.livingcircle.pipeline.ProjectFiles;
import org.livingcircle.pipeline.StageSpecs;
import org.livingcircle.siting.SitingJob;
import org.livingcircle.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "site",
    mixinStandardHelpOptions = true,
    description =
        "Siting suggestions that close the gap to each plan target: greedy maximal covering (lazy evaluation) per county and category, how many new sites reach each coverage target of conf/targets.yaml within the budget of conf/siting.yaml, and where to add capacity (nursery places, elderly beds) by E2SFCA gain. Reads <city-out>/grid, indicators and aggregate, writes <city-out>/siting.")
final class SiteCommand implements Callable<Integer> {
  @ParentCommand Lcp lcp;

  @Mixin CityOptions cityOptions;

  @Option(names = "--city-out", required = true, description = "The city's output directory")
  Path cityOut;

  @Option(names = "--targets", description = "Targets file (default: conf/targets.yaml)")
  Path targets;

  @Option(names = "--siting", description = "Siting settings (default: conf/siting.yaml)")
  Path siting;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    CityConfig city = cityOptions.city();
    Path targetsFile = targets == null ? ProjectFiles.targets() : targets;
    Path sitingFile = siting == null ? ProjectFiles.siting() : siting;
    SitingJob.Spec spec =
        StageSpecs.site(
            city,
            cityOptions.categories(),
            cityOptions.config,
            cityOut,
            Targets.load(targetsFile),
            targetsFile,
            SitingConfig.load(sitingFile),
            sitingFile);
    SitingJob.run(Sessions.create("lcp site " + city.id(), sparkOptions.master), spec, lcp.out);
    return 0;
  }
}
