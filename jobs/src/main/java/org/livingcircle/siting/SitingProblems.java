package org.livingcircle.siting;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.livingcircle.config.CapacityKind;
import org.livingcircle.config.Category;
import org.livingcircle.config.Targets;
import org.livingcircle.config.Threshold;
import org.livingcircle.config.Tier;
import org.livingcircle.config.WalkModel;

/**
 * The one place that maps a plan target to a siting problem (adapt it here when {@code
 * conf/targets.yaml} gains indicators or threshold kinds). A target is sited when its comparator is
 * {@code >=} and its indicator is one of:
 *
 * <ul>
 *   <li>{@code share_own_<c>}, {@code compound_share_own_<c>}: category c within its own threshold,
 *       of residents (cells weighted by population) or of residential compounds (each counts once);
 *   <li>{@code share_<T>min_<c>}: category c within T minutes, of residents;
 *   <li>{@code share_basic_complete_<T>min}, {@code compound_share_basic_complete_<T>min}: the
 *       basket of every basic-guarantee category within T minutes (see {@link MaximalCovering} for
 *       how a basket is sited);
 *   <li>{@code capacity_per_1000_<kind>} and {@code <kind>_per_1000_aged_<group>}: capacity (places
 *       or beds) per 1,000 residents or per 1,000 of an age group, sited by {@link CapacitySiting}.
 * </ul>
 *
 * Today's coverage is read from the access stage's output, the same columns the aggregate stage
 * reduces, so the starting share equals the comparison's value: {@code n_<T>min_<c> > 0} for a
 * T-minute threshold that the access stage counted, else {@code dist_m_<c> ≤ T × speed} (walking
 * metres, as {@code share_own_<c>}). When the access stage walked the street network (its
 * manifest's {@code walk_model.model = network}), a straight-line radius reads {@code
 * dist_straight_m_<c> ≤ r} instead, as the aggregate stage does.
 */
final class SitingProblems {
  private SitingProblems() {}

  /** The weight column of residents' demand. */
  static final String POPULATION = "population";

  /** Who the demand is. */
  enum Demand {
    CELLS,
    COMPOUNDS
  }

  /**
   * One category a demand point must have.
   *
   * @param threshold the category's threshold: walking minutes or a service radius (walking or
   *     straight line)
   * @param countColumn true when today's coverage is {@code n_<T>min_<c> > 0} (minutes only), false
   *     for {@code dist_m_<c> ≤ the threshold as walking metres} (as AggregateKernel reads {@code
   *     share_own_<c>})
   */
  record Need(String category, Threshold threshold, boolean countColumn) implements Serializable {
    Need {
      notNull(category, "category");
      notNull(threshold, "threshold of " + category);
      check(
          !countColumn || threshold.kind() == Threshold.Kind.WALK_MIN,
          "Cannot site category %s: counts are by minutes",
          category);
    }

    /** A walking-time need, {@code minutes} of walk. */
    Need(String category, double minutes, boolean countColumn) {
      this(category, Threshold.minutes(minutes), countColumn);
    }

    /** The access-stage column telling who has the category today. */
    String column() {
      return countColumn
          ? "n_" + thresholdLabel(threshold.value()) + "min_" + category
          : "dist_m_" + category;
    }

    /**
     * The access-stage column telling who has the category today, by how the access stage measured
     * {@code dist_m}: in network walking mode a straight-line radius reads {@code
     * dist_straight_m_<c>} (no detour), every other need the same column as in straight-line mode.
     */
    String column(boolean network) {
      return network && straightLineRadius() ? "dist_straight_m_" + category : column();
    }

    /**
     * True for a radius drawn as a straight line on a plan map ({@code threshold_m} with {@code
     * straight_line}).
     */
    boolean straightLineRadius() {
      return threshold.kind() == Threshold.Kind.RADIUS_M
          && threshold.distance() == Threshold.Distance.STRAIGHT_LINE;
    }

    /**
     * Whether a demand point with the value {@code v} of {@link #column(boolean)} (null: nothing
     * within the search limit) lacks the category today: a count of 0, or a distance beyond the
     * threshold — walking metres ({@code dist_m}), or in network mode the straight-line radius
     * itself for {@code dist_straight_m}.
     */
    boolean lacks(Number v, boolean network, WalkModel walk) {
      if (v == null) {
        return true;
      }
      if (countColumn) {
        return v.intValue() == 0;
      }
      double limit = network && straightLineRadius() ? threshold.value() : walkingMeters(walk);
      return v.doubleValue() > limit;
    }

    /** The threshold as a walking distance in metres (the unit of {@code dist_m}). */
    double walkingMeters(WalkModel walk) {
      return threshold.walkingMeters(walk.speedMetersPerMinute(), walk.detourFactor());
    }

    /** The straight-line radius a new site at a candidate covers. */
    double straightLineMeters(WalkModel walk) {
      return walkingMeters(walk) / walk.detourFactor();
    }

    /**
     * Network walking mode: the walking metres on the street network a new site covers (minutes ×
     * speed, or a walking radius as it is); not defined for a straight-line radius, which keeps
     * {@link #straightLineMeters}.
     */
    double networkMeters(WalkModel walk) {
      check(
          !straightLineRadius(),
          "Cannot site category %s on the network: its threshold is a straight-line radius",
          category);
      return walkingMeters(walk);
    }
  }

  /**
   * A coverage problem: reach {@code targetShare} of the demand with every need met; NaN share for
   * a curve.
   *
   * @param id the indicator it measures, e.g. {@code share_own_nursery}
   * @param targetId the target, or null for a curve
   */
  record Coverage(
      String id,
      String targetId,
      Demand demand,
      List<Need> needs,
      double targetShare,
      String weightColumn)
      implements Serializable {
    Coverage {
      notNull(id, "problem id");
      notNull(demand, "demand");
      notNull(weightColumn, "weight column");
      needs = List.copyOf(notNull(needs, "needs"));
      check(!needs.isEmpty(), "Cannot site %s: no category", id);
    }

    /** Cells weighted by their residents (or compounds counting once). */
    Coverage(String id, String targetId, Demand demand, List<Need> needs, double targetShare) {
      this(id, targetId, demand, needs, targetShare, POPULATION);
    }

    /** The category label of the suggestions: the category, or {@code basic_basket} for several. */
    String label() {
      return needs.size() == 1 ? needs.get(0).category() : "basic_basket";
    }
  }

  /**
   * A capacity problem.
   *
   * @param kind capacity kind id, e.g. {@code nursery_places}
   * @param baseColumn the {@code admin_indicators} column the target is "per 1,000" of ({@code
   *     population}, {@code pop_0_2}, …)
   * @param demandColumn the age-group column E2SFCA serves ({@link CapacityKind#demandColumn()})
   */
  record Capacity(
      String id,
      String targetId,
      String kind,
      String baseColumn,
      String demandColumn,
      double perThousand)
      implements Serializable {}

  private static final Pattern OWN = Pattern.compile("(compound_)?share_own_([a-z0-9_]+)");
  private static final Pattern WITHIN = Pattern.compile("share_([0-9]+)min_([a-z0-9_]+)");
  private static final Pattern BASKET =
      Pattern.compile("(compound_)?share_basic_complete_([0-9]+)min");
  private static final Pattern PER_TOTAL = Pattern.compile("capacity_per_1000_([a-z_]+)");
  private static final Pattern PER_GROUP = Pattern.compile("([a-z_]+)_per_1000_aged_([0-9a-z_]+)");

  /**
   * The coverage problem of a target, if it is one.
   *
   * @param categories destination categories of the city (residential excluded)
   * @param countedThresholdsMin the thresholds the access stage counted ({@code
   *     walking.thresholds_min})
   */
  static Optional<Coverage> coverage(
      Targets.Target t, List<Category> categories, List<Integer> countedThresholdsMin) {
    return coverage(t, new Targets(List.of()), categories, countedThresholdsMin);
  }

  /**
   * As {@link #coverage(Targets.Target, List, List)}, also for the measures of {@code all} ({@code
   * reach_<id>}: every category of the measure within its threshold, for its population group). A
   * measure with an "any of" element is not sited (which of the alternatives to add is a choice the
   * plan leaves open).
   */
  static Optional<Coverage> coverage(
      Targets.Target t,
      Targets all,
      List<Category> categories,
      List<Integer> countedThresholdsMin) {
    if (t.comparator() != Targets.Comparator.AT_LEAST) {
      return Optional.empty();
    }
    String ind = t.indicator();
    Optional<Targets.Measure> measure = all.measureOf(ind);
    if (measure.isPresent()) {
      Targets.Measure ms = measure.get();
      List<Need> needs = new ArrayList<>();
      for (List<String> anyOf : ms.allOf()) {
        if (anyOf.size() != 1 || find(categories, anyOf.get(0)).isEmpty()) {
          return Optional.empty();
        }
        needs.add(new Need(anyOf.get(0), ms.threshold(), false));
      }
      String weight =
          switch (ms.population()) {
            case RESIDENTS -> POPULATION;
            case AGED_0_2 -> "pop_0_2";
            case AGED_60_PLUS -> "pop_60_plus";
          };
      return Optional.of(new Coverage(ind, t.id(), Demand.CELLS, needs, t.value(), weight));
    }
    Matcher m = OWN.matcher(ind);
    if (m.matches()) {
      Optional<Category> c = find(categories, m.group(2));
      return c.map(
          cat ->
              new Coverage(
                  ind,
                  t.id(),
                  m.group(1) == null ? Demand.CELLS : Demand.COMPOUNDS,
                  List.of(own(cat, countedThresholdsMin)),
                  t.value()));
    }
    Matcher w = WITHIN.matcher(ind);
    if (w.matches()) {
      int minutes = Integer.parseInt(w.group(1));
      return find(categories, w.group(2))
          .map(
              cat ->
                  new Coverage(
                      ind,
                      t.id(),
                      Demand.CELLS,
                      List.of(new Need(cat.id(), minutes, countedThresholdsMin.contains(minutes))),
                      t.value()));
    }
    Matcher b = BASKET.matcher(ind);
    if (b.matches()) {
      int minutes = Integer.parseInt(b.group(2));
      List<Need> needs = new ArrayList<>();
      for (Category c : categories) {
        if (c.tier() == Tier.BASIC) {
          needs.add(new Need(c.id(), minutes, countedThresholdsMin.contains(minutes)));
        }
      }
      return needs.isEmpty()
          ? Optional.empty()
          : Optional.of(
              new Coverage(
                  ind,
                  t.id(),
                  b.group(1) == null ? Demand.CELLS : Demand.COMPOUNDS,
                  needs,
                  t.value()));
    }
    return Optional.empty();
  }

  /** The capacity problem of a target, if it is one. */
  static Optional<Capacity> capacity(Targets.Target t) {
    if (t.comparator() != Targets.Comparator.AT_LEAST) {
      return Optional.empty();
    }
    Matcher m = PER_TOTAL.matcher(t.indicator());
    if (m.matches()) {
      return kind(m.group(1))
          .map(
              k ->
                  new Capacity(
                      t.indicator(), t.id(), k.id(), "population", k.demandColumn(), t.value()));
    }
    Matcher g = PER_GROUP.matcher(t.indicator());
    if (g.matches()) {
      String base = "pop_" + g.group(2);
      return kind(g.group(1))
          .filter(k -> k.demandColumn().equals(base))
          .map(k -> new Capacity(t.indicator(), t.id(), k.id(), base, k.demandColumn(), t.value()));
    }
    return Optional.empty();
  }

  /**
   * The coverage curve of one category within its own threshold, for residents, without a target.
   */
  static Coverage curve(Category c, List<Integer> countedThresholdsMin) {
    return new Coverage(
        "share_own_" + c.id(),
        null,
        Demand.CELLS,
        List.of(own(c, countedThresholdsMin)),
        Double.NaN);
  }

  private static Need own(Category c, List<Integer> counted) {
    // share_own_<c> reduces dist_m_<c> ≤ threshold_min × speed (AggregateKernel): read the same
    // column
    return new Need(c.id(), c.threshold(), false);
  }

  private static Optional<Category> find(List<Category> categories, String id) {
    return categories.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  private static Optional<CapacityKind> kind(String id) {
    for (CapacityKind k : CapacityKind.values()) {
      if (k != CapacityKind.NONE && k.id().equals(id)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** Minutes as the access stage writes them in column names ({@code 10} for 10.0). */
  static String thresholdLabel(double minutes) {
    return minutes == Math.rint(minutes)
        ? Long.toString((long) minutes)
        : String.format(Locale.ROOT, "%s", minutes);
  }
}
