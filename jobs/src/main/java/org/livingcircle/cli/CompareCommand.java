package org.livingcircle.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.livingcircle.aggregate.CompareJob;
import org.livingcircle.config.Targets;
import org.livingcircle.pipeline.ProjectFiles;
import org.livingcircle.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description =
        "Compares the admin_indicators of one or more cities with the plan targets (conf/targets.yaml): writes OUT/comparison.csv and OUT/comparison.parquet and prints the comparison table.")
final class CompareCommand implements Callable<Integer> {
  @ParentCommand Lcp lcp;

  @Option(
      names = "--out",
      required = true,
      description = "Output directory for comparison.csv and comparison.parquet")
  Path out;

  @Option(
      names = "--city-out",
      required = true,
      description = "City output directory holding aggregate/ (repeatable)")
  List<Path> cityOuts;

  @Option(names = "--targets", description = "Targets file (default: conf/targets.yaml)")
  Path targets;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    Targets t = Targets.load(targets == null ? ProjectFiles.targets() : targets);
    SparkSession spark = Sessions.create("lcp compare", sparkOptions.master);
    CompareJob.run(spark, new CompareJob.Spec(cityOuts, out, t), lcp.out);
    return 0;
  }
}
