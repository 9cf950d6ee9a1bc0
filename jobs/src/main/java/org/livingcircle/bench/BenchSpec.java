package org.livingcircle.bench;

import java.nio.file.Path;
import java.util.List;
import org.livingcircle.common.Checks;
import org.livingcircle.config.Categories;
import org.livingcircle.config.CityConfig;

/**
 * What {@code lcp bench} measures.
 *
 * @param template city configuration whose walking, E2SFCA and data settings every size uses
 *     (Jincheng)
 * @param runs timed runs per measurement; medians are reported
 * @param ingestRows rows of the streamed POI file of the ingest benchmark, 0 for none
 * @param sizes indicator-stage sizes, e.g. jincheng-250, both-100, shanxi-250
 * @param pgUrl PostGIS JDBC URL, or null for no comparison
 * @param pgSize the size compared with PostGIS (must be in {@code sizes})
 * @param pgCategories categories compared; empty for an evenly spaced default of six
 * @param sitingBudget budget of the siting measurement (aggregate untimed, then {@code lcp site}
 *     timed with every basic-guarantee category and conf/targets.yaml), 0 for none
 * @param walkingModels walking models the access stage is timed in per size ({@code straight_line},
 *     {@code network})
 * @param pandanaSize the size whose foot graph and POIs are compared with pandana, or null for none
 * @param pandanaRuns alternating runs of ours and pandana's
 * @param pandanaCountCategories categories whose counts are compared; empty for six evenly spaced,
 *     [all] for all
 * @param pandanaPython the Python with pandana 0.8, or null for .venv-bench (made when missing)
 */
public record BenchSpec(
    Path outDir,
    CityConfig template,
    Path templateFile,
    Categories categories,
    Path categoriesYaml,
    Path referenceDir,
    int runs,
    long ingestRows,
    List<String> sizes,
    String pgUrl,
    String pgUser,
    String pgSize,
    List<String> pgCategories,
    int pgRuns,
    String master,
    String commandLine,
    int sitingBudget,
    List<String> walkingModels,
    String pandanaSize,
    int pandanaRuns,
    List<String> pandanaCountCategories,
    Path pandanaPython) {
  public BenchSpec {
    Checks.notNull(outDir, "--out");
    Checks.check(runs >= 1, "Cannot use --runs %s: must be at least 1", runs);
    Checks.check(pgRuns >= 1, "Cannot use --pg-runs %s: must be at least 1", pgRuns);
    Checks.check(ingestRows >= 0, "Cannot use --ingest-rows %s: must not be negative", ingestRows);
    Checks.check(
        sitingBudget >= 0, "Cannot use --siting-budget %s: must not be negative", sitingBudget);
    Checks.check(pandanaRuns >= 1, "Cannot use --pandana-runs %s: must be at least 1", pandanaRuns);
    walkingModels = List.copyOf(walkingModels);
    for (String m : walkingModels) {
      Checks.check(
          m.equals("straight_line") || m.equals("network"),
          "Cannot use --walking-models %s: not straight_line or network",
          m);
    }
    pandanaCountCategories = List.copyOf(pandanaCountCategories);
    sizes = List.copyOf(sizes);
    pgCategories = List.copyOf(pgCategories);
  }
}
