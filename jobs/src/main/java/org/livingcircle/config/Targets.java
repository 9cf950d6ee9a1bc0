package org.livingcircle.config;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.livingcircle.config.YamlConfig;

/**
 * Plan targets from {@code conf/targets.yaml} (schema {@code schemas/targets.schema.json}): each compares one
 * column of {@code admin_indicators} with a value. Invariant: ids are unique.
 */
public record Targets(List<Target> targets) {
  /** Schema file name under {@code schemas/}. */
  public static final String SCHEMA = "targets.schema.json";

  public Targets {
    targets = List.copyOf(notNull(targets, "targets"));
    Set<String> ids = new HashSet<>();
    for (Target t : targets) {
      check(ids.add(t.id()), "Cannot use target id %s twice", t.id());
    }
  }

  /** Loads and validates a targets file; errors are one-line {@link org.livingcircle.common.ConfigException}s. */
  public static Targets load(Path file) {
    return YamlConfig.load(file, SCHEMA, Targets.class);
  }

  /** How a value meets a target. */
  public enum Comparator {
    AT_LEAST(">="),
    AT_MOST("<=");

    private final String symbol;

    Comparator(String symbol) {
      this.symbol = symbol;
    }

    @JsonValue
    public String symbol() {
      return symbol;
    }

    /**
     * Shortfall of {@code value} against {@code target}, signed so that a positive gap is short of the target:
     * {@code target − value} for ≥, {@code value − target} for ≤.
     */
    public double gap(double value, double target) {
      return this == AT_LEAST ? target - value : value - target;
    }
  }

  /**
   * One measurable target.
   *
   * @param indicator a column of {@code admin_indicators}
   * @param scope {@link #ALL}, or 6-digit codes: a city code selects the city row and its counties, a county code
   *     that county
   * @param year the target year (or the baseline year for a baseline)
   * @param source document and section
   * @param note how the plan's wording was mapped to the indicator
   */
  public record Target(
      String id,
      String indicator,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> scope,
      Comparator comparator,
      double value,
      String unit,
      int year,
      String source,
      String note) {
    /** The scope covering every row. */
    public static final String ALL = "all";

    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    public Target {
      notNull(id, "target id");
      notNull(indicator, "indicator of target " + id);
      scope = List.copyOf(notNull(scope, "scope of target " + id));
      check(!scope.isEmpty(), "Cannot use target %s: empty scope", id);
      if (!(scope.size() == 1 && scope.get(0).equals(ALL))) {
        for (String code : scope) {
          check(CODE.matcher(code).matches(), "Cannot use scope %s of target %s: not \"all\" or 6-digit codes", scope, id);
        }
      }
      notNull(comparator, "comparator of target " + id);
      check(Double.isFinite(value), "Cannot use value %s of target %s", value, id);
      notNull(unit, "unit of target " + id);
      notNull(source, "source of target " + id);
      note = note == null ? "" : note;
    }

    /** True when the row of {@code adminCode} (a county of {@code cityCode}, or the city itself) is in scope. */
    public boolean covers(String adminCode, String cityCode) {
      return scope.contains(ALL) || scope.contains(adminCode) || scope.contains(cityCode);
    }
  }
}
