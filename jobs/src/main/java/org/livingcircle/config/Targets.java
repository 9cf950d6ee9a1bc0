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

/**
 * Plan targets from {@code conf/targets.yaml} (schema {@code schemas/targets.schema.json}): each
 * compares one column of {@code admin_indicators} with a value. {@link Measure}s define spatial
 * coverage indicators that {@code lcp aggregate} writes as {@code reach_<id>} columns (a basket of
 * categories within one threshold, for a population group); {@link Baseline}s are achieved values
 * shown beside the targets, never judged. Invariants: ids are unique across targets, measures and
 * baselines; a {@code reach_<id>} indicator names a measure.
 */
public record Targets(List<Measure> measures, List<Target> targets, List<Baseline> baselines) {
  /** Schema file name under {@code schemas/}. */
  public static final String SCHEMA = "targets.schema.json";

  /** Column prefix of a measure in {@code admin_indicators}. */
  public static final String REACH_PREFIX = "reach_";

  public Targets {
    measures = measures == null ? List.of() : List.copyOf(measures);
    targets = List.copyOf(notNull(targets, "targets"));
    baselines = baselines == null ? List.of() : List.copyOf(baselines);
    Set<String> ids = new HashSet<>();
    for (Measure m : measures) {
      check(ids.add(m.id()), "Cannot use measure id %s twice", m.id());
    }
    Set<String> measureIds = Set.copyOf(ids);
    for (Target t : targets) {
      check(ids.add(t.id()), "Cannot use target id %s twice", t.id());
      if (t.indicator().startsWith(REACH_PREFIX)) {
        check(
            measureIds.contains(t.indicator().substring(REACH_PREFIX.length())),
            "Cannot use indicator %s of target %s: no measure %s in measures",
            t.indicator(),
            t.id(),
            t.indicator().substring(REACH_PREFIX.length()));
      }
    }
    for (Baseline b : baselines) {
      check(ids.add(b.id()), "Cannot use baseline id %s twice", b.id());
    }
  }

  /** Targets without measures or baselines (tests, older files). */
  public Targets(List<Target> targets) {
    this(List.of(), targets, List.of());
  }

  /** The measure {@code id}, if defined. */
  public java.util.Optional<Measure> measure(String id) {
    return measures.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /** The measure a {@code reach_<id>} indicator names, if any. */
  public java.util.Optional<Measure> measureOf(String indicator) {
    return indicator.startsWith(REACH_PREFIX)
        ? measure(indicator.substring(REACH_PREFIX.length()))
        : java.util.Optional.empty();
  }

  /** Who a measure counts. */
  public enum Population {
    /** All residents (grid population). */
    RESIDENTS,
    /** Children aged 0-2 (census age group, spread like the population). */
    AGED_0_2,
    /** Residents aged 60 and over. */
    AGED_60_PLUS;

    @JsonValue
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A spatial coverage indicator: the share of {@code population} (weighted by grid cell) that
   * reaches every element of {@code allOf} within the threshold; an element is a category id or a
   * list of ids of which any one will do ({@code [elderly_care, elderly_day_care]}). Written by
   * {@code lcp aggregate} as {@code reach_<id>}.
   *
   * @param thresholdMin walking minutes, or null when {@code thresholdM} is given
   * @param thresholdM service radius in metres, or null
   * @param thresholdMDistance how the radius is measured
   */
  public record Measure(
      String id,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<List<String>> allOf,
      Double thresholdMin,
      @com.fasterxml.jackson.annotation.JsonProperty("threshold_m") Double thresholdM,
      @com.fasterxml.jackson.annotation.JsonProperty("threshold_m_distance")
          Threshold.Distance thresholdMDistance,
      Population population,
      String note) {
    public Measure {
      notNull(id, "measure id");
      allOf = notNull(allOf, "all_of of measure " + id).stream().map(List::copyOf).toList();
      check(!allOf.isEmpty(), "Cannot use measure %s: all_of is empty", id);
      for (List<String> anyOf : allOf) {
        check(!anyOf.isEmpty(), "Cannot use measure %s: an empty element in all_of", id);
      }
      check(
          (thresholdMin == null) != (thresholdM == null),
          "Cannot use measure %s: give threshold_min or threshold_m, not %s",
          id,
          thresholdMin == null ? "neither" : "both");
      population = population == null ? Population.RESIDENTS : population;
      note = note == null ? "" : note;
      threshold(thresholdMin, thresholdM, thresholdMDistance);
    }

    public Threshold threshold() {
      return Measure.threshold(thresholdMin, thresholdM, thresholdMDistance);
    }

    private static Threshold threshold(Double minutes, Double metres, Threshold.Distance distance) {
      return minutes != null ? Threshold.minutes(minutes) : Threshold.metres(metres, distance);
    }

    /** Every category id the measure names. */
    public Set<String> categoryIds() {
      Set<String> ids = new java.util.TreeSet<>();
      allOf.forEach(ids::addAll);
      return ids;
    }
  }

  /**
   * An achieved value of a plan (e.g. a 2020 result in a five-year plan), shown beside the targets
   * in the comparison and never judged met or not.
   */
  public record Baseline(
      String id,
      String indicator,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> scope,
      double value,
      String unit,
      int year,
      String document,
      String line,
      String source,
      String note) {
    public Baseline {
      notNull(id, "baseline id");
      notNull(indicator, "indicator of baseline " + id);
      scope = List.copyOf(notNull(scope, "scope of baseline " + id));
      Target.checkScope(scope, id);
      notNull(unit, "unit of baseline " + id);
      notNull(source, "source of baseline " + id);
      document = document == null ? "" : document;
      line = line == null ? "" : line;
      note = note == null ? "" : note;
    }

    public boolean covers(String adminCode, String cityCode) {
      return Target.covers(scope, adminCode, cityCode);
    }
  }

  /**
   * Loads and validates a targets file; errors are one-line {@link
   * org.livingcircle.common.ConfigException}s.
   */
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
     * Shortfall of {@code value} against {@code target}, signed so that a positive gap is short of
     * the target: {@code target − value} for ≥, {@code value − target} for ≤.
     */
    public double gap(double value, double target) {
      return this == AT_LEAST ? target - value : value - target;
    }
  }

  /**
   * One measurable target.
   *
   * @param indicator a column of {@code admin_indicators} ({@code reach_<measure>} for a measure)
   * @param scope {@link #ALL}, or codes: a city code selects the city row and its counties, a
   *     county code that county; a 9-digit township or 12-digit community code is measured on the
   *     row of its county (township and community outlines are not in the reference data), and the
   *     comparison says so
   * @param year the target year
   * @param document the plan (seed file and title)
   * @param line where in the document, e.g. "L199"
   * @param source the quoted wording
   * @param note how the plan's wording was mapped to the indicator
   * @param thresholdMin / thresholdM / thresholdMDistance the threshold the indicator applies when
   *     it is a category's {@code share_own_<c>} (documentation, checked by TargetsTest); measures
   *     carry their own
   */
  public record Target(
      String id,
      String indicator,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> scope,
      Comparator comparator,
      double value,
      String unit,
      int year,
      String document,
      String line,
      String source,
      String note,
      Double thresholdMin,
      @com.fasterxml.jackson.annotation.JsonProperty("threshold_m") Double thresholdM,
      @com.fasterxml.jackson.annotation.JsonProperty("threshold_m_distance")
          Threshold.Distance thresholdMDistance) {
    /** The scope covering every row. */
    public static final String ALL = "all";

    private static final Pattern CODE = Pattern.compile("[0-9]{6}|[0-9]{9}|[0-9]{12}");

    public Target {
      notNull(id, "target id");
      notNull(indicator, "indicator of target " + id);
      scope = List.copyOf(notNull(scope, "scope of target " + id));
      checkScope(scope, id);
      notNull(comparator, "comparator of target " + id);
      check(Double.isFinite(value), "Cannot use value %s of target %s", value, id);
      notNull(unit, "unit of target " + id);
      notNull(source, "source of target " + id);
      document = document == null ? "" : document;
      line = line == null ? "" : line;
      note = note == null ? "" : note;
      check(
          thresholdMin == null || thresholdM == null,
          "Cannot use target %s: threshold_min and threshold_m both given",
          id);
    }

    /** The target with the pre-measure fields only (tests). */
    public Target(
        String id,
        String indicator,
        List<String> scope,
        Comparator comparator,
        double value,
        String unit,
        int year,
        String source,
        String note) {
      this(
          id,
          indicator,
          scope,
          comparator,
          value,
          unit,
          year,
          "",
          "",
          source,
          note,
          null,
          null,
          null);
    }

    /** The stated threshold, or null when the target states none. */
    public Threshold threshold() {
      return thresholdMin != null
          ? Threshold.minutes(thresholdMin)
          : thresholdM != null ? Threshold.metres(thresholdM, thresholdMDistance) : null;
    }

    static void checkScope(List<String> scope, String id) {
      check(!scope.isEmpty(), "Cannot use %s: empty scope", id);
      if (!(scope.size() == 1 && scope.get(0).equals(ALL))) {
        for (String code : scope) {
          check(
              CODE.matcher(code).matches(),
              "Cannot use scope %s of %s: not \"all\" or 6-, 9- or 12-digit codes",
              scope,
              id);
        }
      }
    }

    /**
     * True when the row of {@code adminCode} (a county of {@code cityCode}, or the city itself) is
     * in scope; a township or community code covers the row of its county.
     */
    public boolean covers(String adminCode, String cityCode) {
      return covers(scope, adminCode, cityCode);
    }

    static boolean covers(List<String> scope, String adminCode, String cityCode) {
      if (scope.contains(ALL) || scope.contains(adminCode) || scope.contains(cityCode)) {
        return true;
      }
      for (String code : scope) {
        if (code.length() > 6 && adminCode != null && adminCode.equals(code.substring(0, 6))) {
          return true;
        }
      }
      return false;
    }

    /**
     * Codes finer than a county in the scope (townships, communities), measured on their county's
     * row.
     */
    public List<String> subCountyScope() {
      return scope.stream().filter(c -> c.length() > 6).toList();
    }
  }
}
