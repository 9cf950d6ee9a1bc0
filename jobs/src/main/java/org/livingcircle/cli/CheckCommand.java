package org.livingcircle.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.livingcircle.quality.QualityJob;
import org.livingcircle.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Data-quality gate of one city output directory, run before publishing: every stage present,",
      "ingest reconciled (read = accepted + quarantined), row counts (manifest = table, none empty),",
      "null shares, population totals (cells = census = city row). Exit 1 with one stderr line per",
      "failed check."
    })
final class CheckCommand implements Callable<Integer> {
  @ParentCommand Lcp lcp;

  @Option(names = "--city-out", required = true, description = "The city's output directory")
  Path cityOut;

  @Option(
      names = "--max-null-share",
      defaultValue = "0.0",
      description =
          "Largest null share allowed in an admin indicator share_* column (default: ${DEFAULT-VALUE})")
  double maxNullShare;

  @Option(
      names = "--warn-unlinked-share",
      defaultValue = "0.05",
      description =
          "Network walking model: warn when more populated cells than this share have no street link (default: ${DEFAULT-VALUE})")
  double warnUnlinkedShare;

  @Option(
      names = "--max-unlinked-share",
      defaultValue = "0.5",
      description =
          "Network walking model: fail when more populated cells than this share have no street link (default: ${DEFAULT-VALUE})")
  double maxUnlinkedShare;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    QualityJob.Spec spec =
        new QualityJob.Spec(cityOut, maxNullShare, warnUnlinkedShare, maxUnlinkedShare);
    QualityJob.Result result =
        QualityJob.run(Sessions.create("lcp check", sparkOptions.master), spec, lcp.out);
    result.failed().forEach(c -> lcp.err.println("lcp check: " + c.line()));
    return result.passed() ? 0 : 1;
  }
}
