package org.livingcircle.bench;

import java.nio.file.Path;
import java.util.List;
import org.livingcircle.common.Checks;
import org.livingcircle.config.Categories;
import org.livingcircle.config.CityConfig;

/**
 * What {@code lcp bench} measures.
 *
 * @param template city configuration whose walking, E2SFCA and data settings every size uses (Jincheng)
 * @param runs timed runs per measurement; medians are reported
 * @param ingestRows rows of the streamed POI file of the ingest benchmark, 0 for none
 * @param sizes indicator-stage sizes, e.g. jincheng-250, both-100, shanxi-250
 * @param pgUrl PostGIS JDBC URL, or null for no comparison
 * @param pgSize the size compared with PostGIS (must be in {@code sizes})
 * @param pgCategories categories compared; empty for an evenly spaced default of six
 * @param sitingBudget budget of the siting measurement (aggregate untimed, then {@code lcp site} timed with every
 *     basic-guarantee category and conf/targets.yaml), 0 for none
 */
public record BenchSpec(Path outDir, CityConfig template, Path templateFile, Categories categories, Path categoriesYaml,
    Path referenceDir, int runs, long ingestRows, List<String> sizes, String pgUrl, String pgUser, String pgSize,
    List<String> pgCategories, int pgRuns, String master, String commandLine, int sitingBudget) {
  public BenchSpec {
    Checks.notNull(outDir, "--out");
    Checks.check(runs >= 1, "Cannot use --runs %s: must be at least 1", runs);
    Checks.check(pgRuns >= 1, "Cannot use --pg-runs %s: must be at least 1", pgRuns);
    Checks.check(ingestRows >= 0, "Cannot use --ingest-rows %s: must not be negative", ingestRows);
    Checks.check(sitingBudget >= 0, "Cannot use --siting-budget %s: must not be negative", sitingBudget);
    sizes = List.copyOf(sizes);
    pgCategories = List.copyOf(pgCategories);
  }
}
