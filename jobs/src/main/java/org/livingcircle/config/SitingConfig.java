package org.livingcircle.config;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Siting settings from {@code conf/siting.yaml} (schema {@code schemas/siting.schema.json}).
 *
 * @param budgetSites most new sites per unit (county or city) and problem, ≥ 0
 * @param candidates where new sites may go: {@code cells} (populated cell centres) or {@code
 *     compounds}
 * @param modulePlaces places of one new facility per capacity kind id (e.g. {@code
 *     nursery_places}), each positive
 */
public record SitingConfig(int budgetSites, String candidates, Map<String, Double> modulePlaces) {
  /** Schema file name under {@code schemas/}. */
  public static final String SCHEMA = "siting.schema.json";

  public SitingConfig {
    check(budgetSites >= 0, "Cannot use budget_sites %s: negative", budgetSites);
    notNull(candidates, "candidates");
    check(
        candidates.equals("cells") || candidates.equals("compounds"),
        "Cannot use candidates %s: not cells or compounds",
        candidates);
    modulePlaces = Map.copyOf(new TreeMap<>(notNull(modulePlaces, "module_places")));
    for (Map.Entry<String, Double> e : modulePlaces.entrySet()) {
      check(
          e.getValue() > 0 && Double.isFinite(e.getValue()),
          "Cannot use module_places %s of %s: not positive",
          e.getValue(),
          e.getKey());
    }
  }

  /**
   * Loads and validates a siting file; errors are one-line {@link
   * org.livingcircle.common.ConfigException}s.
   */
  public static SitingConfig load(Path file) {
    return YamlConfig.load(file, SCHEMA, SitingConfig.class);
  }
}
