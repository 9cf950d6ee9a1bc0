package org.livingcircle.bench;

import java.util.List;
import java.util.Locale;
import org.livingcircle.common.Checks;

/**
 * One input size of the indicator-stage scaling benchmark: the counties of some cities, gridded at
 * one cell size. Written {@code <scope>-<cell_size_m>}: {@code jincheng-250}, {@code both-100}
 * (Jincheng and Changzhi), {@code shanxi-250} (every city of the province), or a 6-digit city code.
 */
record BenchSize(String label, String scope, List<String> cityCodes, int cellSizeM) {
  static final String JINCHENG = "140500";
  static final String CHANGZHI = "140400";

  BenchSize {
    Checks.checkUsage(
        cellSizeM % 10 == 0 && cellSizeM >= 50 && cellSizeM <= 1000,
        "Cannot use --sizes %s: cell size outside [50, 1000] or not a multiple of 10",
        label);
    cityCodes = List.copyOf(cityCodes);
  }

  /**
   * Parses {@code <scope>-<cell_size_m>}; {@code shanxiCities} are the city codes of the reference
   * outlines.
   */
  static BenchSize parse(String text, List<String> shanxiCities) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    int dash = t.lastIndexOf('-');
    Checks.checkUsage(
        dash > 0, "Cannot use --sizes %s: expected <scope>-<cell_size_m>, e.g. jincheng-250", text);
    String scope = t.substring(0, dash);
    int cell;
    try {
      cell = Integer.parseInt(t.substring(dash + 1));
    } catch (NumberFormatException e) {
      throw new org.livingcircle.common.UsageException(
          "Cannot use --sizes " + text + ": cell size is not a number");
    }
    List<String> cities =
        switch (scope) {
          case "jincheng" -> List.of(JINCHENG);
          case "changzhi" -> List.of(CHANGZHI);
          case "both" -> List.of(JINCHENG, CHANGZHI);
          case "shanxi" -> shanxiCities;
          default -> {
            Checks.check(
                scope.matches("14\\d{4}") && shanxiCities.contains(scope),
                "Cannot use --sizes %s: scope is not jincheng, changzhi, both, shanxi or a Shanxi city code",
                text);
            yield List.of(scope);
          }
        };
    return new BenchSize(t, scope, cities, cell);
  }
}
