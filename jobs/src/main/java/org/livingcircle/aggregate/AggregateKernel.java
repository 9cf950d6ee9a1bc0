package org.livingcircle.aggregate;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.livingcircle.config.CapacityKind;
import org.livingcircle.config.Category;
import org.livingcircle.config.Targets;
import org.livingcircle.config.Threshold;
import org.livingcircle.config.Tier;

/**
 * Per-unit (county or city) indicators of {@code admin_indicators}, computed from the unit's
 * origins with {@link WeightedStats}. Three independent blocks, each a fixed list of column names
 * with one value per column (NaN where undefined, written as null):
 *
 * <ul>
 *   <li>{@link #cellColumns()}: population and population-weighted statistics of grid cells;
 *   <li>{@link #compoundColumns()}: shares of residential compounds (unit weights; compounds carry
 *       no population);
 *   <li>{@link #supplyColumns()}: facilities and capacity per 1,000 residents or per 1,000 of a
 *       target group.
 * </ul>
 *
 * <p>Walking times are {@code dist_m / speed} in minutes ({@code dist_m} is already a walking
 * distance, detour included). A category's own threshold ({@link Threshold}) becomes walking
 * metres: {@code threshold_min × speed} for a walking time, {@code threshold_m} for a
 * walking-distance radius, {@code threshold_m × detour} for a straight-line radius (so the test
 * {@code dist_m ≤ it} is "straight line ≤ threshold_m"). A unit (county or city) may have its own
 * thresholds (conf/cities/&lt;id&gt;.yaml category_thresholds); {@code share_own_<c>} and {@code
 * compound_share_own_<c>} of a unit use that unit's. {@code reach_<m>} columns come from the target
 * measures: the share of the measure's population group that has every element of the basket within
 * the measure's threshold. Cells with no facility of a category within the search limit are
 * excluded from its mean and median and counted in {@code share_none_within_limit_<c>}.
 *
 * <p>Under the network model ({@link Model#NETWORK}: the access manifest's {@code walk_model.model
 * = network}), {@code dist_m} is the walking distance along streets and the access stage also
 * writes {@code dist_straight_m} (straight line, no detour). A straight-line radius then tests
 * {@code dist_straight_m ≤ threshold_m} directly, and {@link #modelColumns()} set the two models
 * side by side (see there). Immutable and thread-safe; serialisable so Spark can ship it.
 */
final class AggregateKernel implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Columns holding counts, written as long. */
  static final Set<String> COUNT_COLUMNS = Set.of("n_cells", "n_populated_cells", "n_compounds");

  /** Capacity kinds with columns, in enum order (all but {@link CapacityKind#NONE}). */
  static final List<CapacityKind> CAPACITY_KINDS =
      List.of(
          CapacityKind.NURSERY_PLACES,
          CapacityKind.KINDERGARTEN_PLACES,
          CapacityKind.ELDERLY_BEDS,
          CapacityKind.SCHOOL_PLACES,
          CapacityKind.HOSPITAL_BEDS);

  private final String[] categoryIds;
  private final double[] ownThresholdM;

  /** Own thresholds in walking metres of units with overrides, by admin code. */
  private final Map<String, double[]> ownThresholdMByUnit;

  private final int[] thresholdsMin;
  private final double speedMPerMin;
  private final MeasureK[] measures;
  private final Model model;
  private final double detourFactor;

  /** Kernel indexes of the BASIC categories. */
  private final int[] basicCategories;

  /**
   * Per category: the own threshold is a straight-line radius compared with {@code dist_straight_m}
   * (network model).
   */
  private final boolean[] ownStraight;

  private final Map<String, boolean[]> ownStraightByUnit;

  /** How the access stage measured {@code dist_m}: its manifest's {@code walk_model.model}. */
  enum Model {
    /** Straight line × detour factor; no {@code dist_straight_m} columns. */
    STRAIGHT_LINE,
    /**
     * Shortest walk on the street network; {@code dist_straight_m_<c>} and {@code linked} written
     * beside it.
     */
    NETWORK;

    String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The model named {@code id} ({@code straight_line} or {@code network}). */
    static Model of(String id) {
      for (Model m : values()) {
        if (m.id().equals(id)) {
          return m;
        }
      }
      throw new IllegalArgumentException(
          "Cannot use walk model " + id + ": not straight_line or network");
    }
  }

  /**
   * Walking times of the model comparison ({@link #modelColumns()}): every BASIC category within 10
   * minutes (the "家门口" 5–10 minutes) and within 15 minutes (the "家周边" circle), seed 002.
   */
  static final List<Integer> MODEL_THRESHOLDS_MIN = List.of(10, 15);

  /** Orders of the detour-ratio quantiles {@code detour_p10/p50/p90}. */
  static final double[] DETOUR_QUANTILES = {0.1, 0.5, 0.9};

  /**
   * A target measure in kernel terms: groups of category indexes (any of each, all groups), metres;
   * {@code straight} when the metres are a straight-line radius compared with {@code
   * dist_straight_m} (network model).
   */
  record MeasureK(
      String id, int[][] groups, double walkingM, Targets.Population population, boolean straight)
      implements Serializable {}

  /**
   * Kernel for categories whose thresholds are walking times or walking-distance radii only, no
   * overrides and no measures (a straight-line radius needs the detour factor: use the other
   * constructor).
   */
  AggregateKernel(List<Category> categories, List<Integer> thresholdsMin, double speedMPerMin) {
    this(categories, thresholdsMin, speedMPerMin, Double.NaN, Map.of(), List.of());
  }

  /**
   * @param categories destination categories (no residential tier), in configuration order: the
   *     kernel index
   * @param thresholdsMin reporting thresholds in minutes, ascending (the city's {@code
   *     walking.thresholds_min})
   * @param speedMPerMin walking speed in metres per minute
   * @param detourFactor the city's detour factor (walking / straight-line distance); NaN when no
   *     threshold is a straight-line radius
   * @param overrides per unit code (county or city), category id → threshold replacing the
   *     category's own
   * @param measures target measures, written as {@code reach_<id>}
   */
  AggregateKernel(
      List<Category> categories,
      List<Integer> thresholdsMin,
      double speedMPerMin,
      double detourFactor,
      Map<String, Map<String, Threshold>> overrides,
      List<Targets.Measure> measures) {
    this(
        categories,
        thresholdsMin,
        speedMPerMin,
        detourFactor,
        overrides,
        measures,
        Model.STRAIGHT_LINE);
  }

  /**
   * As above, for origins measured by {@code model}; the network model needs the detour factor (≥
   * 1) for the straight-line side of {@link #modelColumns()}.
   */
  AggregateKernel(
      List<Category> categories,
      List<Integer> thresholdsMin,
      double speedMPerMin,
      double detourFactor,
      Map<String, Map<String, Threshold>> overrides,
      List<Targets.Measure> measures,
      Model model) {
    notNull(categories, "categories");
    this.model = notNull(model, "walk model");
    check(
        model == Model.STRAIGHT_LINE || detourFactor >= 1 && Double.isFinite(detourFactor),
        "Cannot compare the network with the straight-line model: detour factor %s is not a finite number ≥ 1",
        detourFactor);
    this.detourFactor = detourFactor;
    check(!categories.isEmpty(), "Cannot aggregate without categories");
    check(
        speedMPerMin > 0 && Double.isFinite(speedMPerMin),
        "Cannot use walking speed %s m/min",
        speedMPerMin);
    this.categoryIds = new String[categories.size()];
    this.ownThresholdM = new double[categories.size()];
    this.ownStraight = new boolean[categories.size()];
    Map<String, Integer> index = new HashMap<>();
    int nBasic = 0;
    for (int c = 0; c < categories.size(); c++) {
      categoryIds[c] = categories.get(c).id();
      index.put(categoryIds[c], c);
      ownThresholdM[c] =
          metres(categories.get(c).threshold(), speedMPerMin, detourFactor, categoryIds[c]);
      ownStraight[c] = comparesStraight(categories.get(c).threshold());
      nBasic += categories.get(c).tier() == Tier.BASIC ? 1 : 0;
    }
    this.basicCategories = new int[nBasic];
    for (int c = 0, b = 0; c < categories.size(); c++) {
      if (categories.get(c).tier() == Tier.BASIC) {
        basicCategories[b++] = c;
      }
    }
    this.ownThresholdMByUnit = new HashMap<>();
    this.ownStraightByUnit = new HashMap<>();
    for (Map.Entry<String, Map<String, Threshold>> unit :
        notNull(overrides, "overrides").entrySet()) {
      double[] own = ownThresholdM.clone();
      boolean[] straight = ownStraight.clone();
      for (Map.Entry<String, Threshold> o : unit.getValue().entrySet()) {
        Integer c = index.get(o.getKey());
        check(
            c != null,
            "Cannot override the threshold of %s for %s: not a destination category",
            o.getKey(),
            unit.getKey());
        own[c] = metres(o.getValue(), speedMPerMin, detourFactor, o.getKey());
        straight[c] = comparesStraight(o.getValue());
      }
      ownThresholdMByUnit.put(unit.getKey(), own);
      ownStraightByUnit.put(unit.getKey(), straight);
    }
    this.thresholdsMin =
        notNull(thresholdsMin, "thresholdsMin").stream().mapToInt(Integer::intValue).toArray();
    check(this.thresholdsMin.length > 0, "Cannot aggregate without walking thresholds");
    this.speedMPerMin = speedMPerMin;
    this.measures = new MeasureK[notNull(measures, "measures").size()];
    for (int m = 0; m < measures.size(); m++) {
      Targets.Measure measure = measures.get(m);
      int[][] groups = new int[measure.allOf().size()][];
      for (int g = 0; g < groups.length; g++) {
        List<String> anyOf = measure.allOf().get(g);
        groups[g] = new int[anyOf.size()];
        for (int i = 0; i < anyOf.size(); i++) {
          Integer c = index.get(anyOf.get(i));
          check(
              c != null,
              "Cannot measure %s: %s is not a destination category of conf/categories.yaml",
              measure.id(),
              anyOf.get(i));
          groups[g][i] = c;
        }
      }
      this.measures[m] =
          new MeasureK(
              measure.id(),
              groups,
              metres(measure.threshold(), speedMPerMin, detourFactor, "measure " + measure.id()),
              measure.population(),
              comparesStraight(measure.threshold()));
    }
  }

  private static boolean isStraightRadius(Threshold t) {
    return t.kind() == Threshold.Kind.RADIUS_M && t.distance() == Threshold.Distance.STRAIGHT_LINE;
  }

  /**
   * A straight-line radius under the network model is compared with {@code dist_straight_m}, not
   * {@code dist_m}.
   */
  private boolean comparesStraight(Threshold t) {
    return model == Model.NETWORK && isStraightRadius(t);
  }

  /**
   * The threshold in the metres it is compared with: {@code dist_straight_m} metres (the radius
   * itself) for a straight-line radius under the network model, else walking metres of {@code
   * dist_m} ({@link Threshold#walkingMeters}).
   */
  private double metres(Threshold t, double speed, double detour, String what) {
    if (comparesStraight(t)) {
      return t.value();
    }
    check(
        !(isStraightRadius(t) && !(detour >= 1)),
        "Cannot use the straight-line radius of %s: no detour factor given",
        what);
    return t.walkingMeters(speed, detour);
  }

  int nCategories() {
    return categoryIds.length;
  }

  int nThresholds() {
    return thresholdsMin.length;
  }

  String categoryId(int c) {
    return categoryIds[c];
  }

  int thresholdMin(int t) {
    return thresholdsMin[t];
  }

  Model model() {
    return model;
  }

  /**
   * True when category {@code c}'s own threshold for unit {@code unitCode} is a straight-line
   * radius compared with {@code dist_straight_m} (network model); {@link #ownThresholdM(String,
   * int)} is then straight-line metres.
   */
  boolean ownIsStraight(String unitCode, int c) {
    boolean[] own = unitCode == null ? null : ownStraightByUnit.get(unitCode);
    return own == null ? ownStraight[c] : own[c];
  }

  /**
   * The distances of category {@code c} that its own threshold for unit {@code unitCode} is
   * compared with.
   */
  double[] ownDistances(String unitCode, int c, UnitCells origins) {
    if (ownIsStraight(unitCode, c)) {
      check(
          origins.network(),
          "Cannot compare %s with its straight-line radius: no dist_straight_m_%s",
          categoryIds[c],
          categoryIds[c]);
      return origins.distStraightM()[c];
    }
    return origins.distM()[c];
  }

  /**
   * Own threshold of category {@code c} in the metres of {@link #ownDistances}: walking metres (see
   * the class comment), or straight-line metres when {@link #ownIsStraight}; without unit
   * overrides.
   */
  double ownThresholdM(int c) {
    return ownThresholdM[c];
  }

  /**
   * Own threshold of category {@code c} in walking metres for the unit {@code unitCode} (county or
   * city).
   */
  double ownThresholdM(String unitCode, int c) {
    double[] own = unitCode == null ? null : ownThresholdMByUnit.get(unitCode);
    return own == null ? ownThresholdM[c] : own[c];
  }

  int nMeasures() {
    return measures.length;
  }

  List<String> cellColumns() {
    List<String> names =
        new ArrayList<>(
            List.of(
                "n_cells",
                "n_populated_cells",
                "population",
                "pop_0_2",
                "pop_3_5",
                "pop_60_plus",
                "share_basic_complete_10min"));
    for (int t : thresholdsMin) {
      for (String c : categoryIds) {
        names.add("share_" + t + "min_" + c);
      }
    }
    addPerCategory(names, "share_own_");
    addPerCategory(names, "mean_min_");
    addPerCategory(names, "median_min_");
    addPerCategory(names, "share_none_within_limit_");
    names.add("gini_proximity_min");
    for (MeasureK m : measures) {
      names.add(Targets.REACH_PREFIX + m.id());
    }
    names.addAll(modelColumns());
    return List.copyOf(names);
  }

  /**
   * The two walking models side by side, written under the network model only (empty list, no
   * columns, under the straight-line model), population-weighted over the unit's cells:
   *
   * <ul>
   *   <li>{@code share_basic_<T>min_network}: every BASIC category has {@code dist_m ≤ T × speed}
   *       (T in {@link #MODEL_THRESHOLDS_MIN}; at 10 min it equals {@code
   *       share_basic_complete_10min});
   *   <li>{@code share_basic_<T>min_straight}: the same by the straight-line model, {@code
   *       dist_straight_m × detour factor ≤ T × speed};
   *   <li>{@code detour_p10/p50/p90}: weighted quantiles ({@link WeightedStats#quantile}) of the
   *       measured detour {@code dist_m / dist_straight_m} over (linked cell, BASIC category) pairs
   *       with both distances finite and {@code dist_straight_m > 0}, each pair weighted by the
   *       cell's population;
   *   <li>{@code share_unlinked}: residents of cells that linked to no street (their values are the
   *       access stage's {@code walk_fallback});
   *   <li>{@code detour_factor_assumed}: the configured detour factor of the straight-line side.
   * </ul>
   */
  List<String> modelColumns() {
    if (model != Model.NETWORK) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (int t : MODEL_THRESHOLDS_MIN) {
      names.add("share_basic_" + t + "min_network");
      names.add("share_basic_" + t + "min_straight");
    }
    for (double p : DETOUR_QUANTILES) {
      names.add(String.format(java.util.Locale.ROOT, "detour_p%02d", Math.round(p * 100)));
    }
    names.add("share_unlinked");
    names.add("detour_factor_assumed");
    return List.copyOf(names);
  }

  /** Values of {@link #modelColumns()} for one unit's cells (network model). */
  private double[] modelValues(UnitCells cells) {
    check(
        cells.network(),
        "Cannot compare walking models: the cells carry no dist_straight_m or linked columns");
    double[] w = cells.population();
    double[] out = new double[modelColumns().size()];
    int k = 0;
    for (int t : MODEL_THRESHOLDS_MIN) {
      double walkM = t * speedMPerMin;
      boolean[] network = new boolean[cells.n()];
      boolean[] straight = new boolean[cells.n()];
      for (int i = 0; i < cells.n(); i++) {
        boolean n = true;
        boolean s = true;
        for (int c : basicCategories) {
          n &= cells.distM()[c][i] <= walkM;
          s &= cells.distStraightM()[c][i] * detourFactor <= walkM;
        }
        network[i] = n;
        straight[i] = s;
      }
      out[k++] = WeightedStats.share(network, w);
      out[k++] = WeightedStats.share(straight, w);
    }
    int nPairs = 0;
    for (int i = 0; i < cells.n(); i++) {
      for (int c : basicCategories) {
        nPairs += detourPair(cells, c, i) ? 1 : 0;
      }
    }
    double[] ratio = new double[nPairs];
    double[] pairWeight = new double[nPairs];
    int j = 0;
    for (int i = 0; i < cells.n(); i++) {
      for (int c : basicCategories) {
        if (detourPair(cells, c, i)) {
          ratio[j] = cells.distM()[c][i] / cells.distStraightM()[c][i];
          pairWeight[j++] = w[i];
        }
      }
    }
    for (double p : DETOUR_QUANTILES) {
      out[k++] = WeightedStats.quantile(ratio, pairWeight, p);
    }
    boolean[] unlinked = new boolean[cells.n()];
    for (int i = 0; i < cells.n(); i++) {
      unlinked[i] = !cells.linked()[i];
    }
    out[k++] = WeightedStats.share(unlinked, w);
    out[k++] = detourFactor;
    return out;
  }

  private static boolean detourPair(UnitCells cells, int c, int i) {
    double walk = cells.distM()[c][i];
    double straight = cells.distStraightM()[c][i];
    return cells.linked()[i] && Double.isFinite(walk) && Double.isFinite(straight) && straight > 0;
  }

  /** Values of {@link #cellColumns()} for one unit's grid cells, with the default thresholds. */
  double[] cellValues(UnitCells cells) {
    return cellValues(null, cells);
  }

  /**
   * Values of {@link #cellColumns()} for the grid cells of unit {@code unitCode} (its overrides
   * apply).
   */
  double[] cellValues(String unitCode, UnitCells cells) {
    double[] w = cells.population();
    double[] out = new double[cellColumns().size()];
    int k = 0;
    out[k++] = cells.n();
    out[k++] = populated(w);
    out[k++] = UnitCells.sum(w);
    out[k++] = UnitCells.sum(cells.pop02());
    out[k++] = UnitCells.sum(cells.pop35());
    out[k++] = UnitCells.sum(cells.pop60());
    out[k++] = WeightedStats.share(cells.basicComplete(), w);
    for (int t = 0; t < thresholdsMin.length; t++) {
      for (int c = 0; c < categoryIds.length; c++) {
        out[k++] = WeightedStats.share(cells.within()[c * thresholdsMin.length + t], w);
      }
    }
    for (int c = 0; c < categoryIds.length; c++) {
      out[k++] =
          WeightedStats.shareAtMost(
              ownDistances(unitCode, c, cells), w, ownThresholdM(unitCode, c));
    }
    double[][] minutes = new double[categoryIds.length][];
    for (int c = 0; c < categoryIds.length; c++) {
      minutes[c] = minutes(cells.distM()[c]);
      out[k++] = WeightedStats.mean(minutes[c], w);
    }
    for (int c = 0; c < categoryIds.length; c++) {
      out[k++] = WeightedStats.median(minutes[c], w);
    }
    for (int c = 0; c < categoryIds.length; c++) {
      out[k++] = WeightedStats.share(none(cells.distM()[c]), w);
    }
    out[k++] = WeightedStats.gini(cells.proximityMin(), w);
    for (MeasureK m : measures) {
      double[] weights =
          switch (m.population()) {
            case RESIDENTS -> w;
            case AGED_0_2 -> cells.pop02();
            case AGED_60_PLUS -> cells.pop60();
          };
      out[k++] = WeightedStats.share(reached(m, cells), weights);
    }
    if (model == Model.NETWORK) {
      for (double v : modelValues(cells)) {
        out[k++] = v;
      }
    }
    return out;
  }

  /**
   * Per origin: every group of {@code m} has a category with a facility within the measure's
   * walking metres.
   */
  private static boolean[] reached(MeasureK m, UnitCells cells) {
    check(
        !m.straight() || cells.network(),
        "Cannot measure %s by its straight-line radius: no dist_straight_m columns",
        m.id());
    double[][] dist = m.straight() ? cells.distStraightM() : cells.distM();
    boolean[] ok = new boolean[cells.n()];
    for (int i = 0; i < cells.n(); i++) {
      boolean all = true;
      for (int[] group : m.groups()) {
        boolean any = false;
        for (int c : group) {
          any |= dist[c][i] <= m.walkingM();
        }
        all &= any;
      }
      ok[i] = all;
    }
    return ok;
  }

  List<String> compoundColumns() {
    List<String> names =
        new ArrayList<>(List.of("n_compounds", "compound_share_basic_complete_10min"));
    addPerCategory(names, "compound_share_own_");
    return List.copyOf(names);
  }

  /**
   * Values of {@link #compoundColumns()}: every compound counts once (population arrays are
   * ignored).
   */
  double[] compoundValues(UnitCells compounds) {
    return compoundValues(null, compounds);
  }

  /**
   * Values of {@link #compoundColumns()} for the compounds of unit {@code unitCode} (its overrides
   * apply).
   */
  double[] compoundValues(String unitCode, UnitCells compounds) {
    double[] ones = new double[compounds.n()];
    java.util.Arrays.fill(ones, 1.0);
    double[] out = new double[compoundColumns().size()];
    int k = 0;
    out[k++] = compounds.n();
    out[k++] = WeightedStats.share(compounds.basicComplete(), ones);
    for (int c = 0; c < categoryIds.length; c++) {
      out[k++] =
          WeightedStats.shareAtMost(
              ownDistances(unitCode, c, compounds), ones, ownThresholdM(unitCode, c));
    }
    return out;
  }

  List<String> supplyColumns() {
    List<String> names = new ArrayList<>();
    addPerCategory(names, "per_1000_");
    for (CapacityKind kind : CAPACITY_KINDS) {
      names.add("capacity_" + kind.id());
    }
    for (CapacityKind kind : CAPACITY_KINDS) {
      names.add("capacity_per_1000_" + kind.id());
    }
    names.addAll(
        List.of(
            "nursery_places_per_1000_aged_0_2",
            "kindergarten_places_per_1000_aged_3_5",
            "elderly_beds_per_1000_aged_60_plus",
            "nursing_bed_share"));
    return List.copyOf(names);
  }

  /**
   * The category whose facilities are elderly-care institutions (养老机构) for {@code
   * nursing_bed_share}.
   */
  static final String ELDERLY_INSTITUTION_CATEGORY = "elderly_care";

  /**
   * Values of {@link #supplyColumns()}.
   *
   * @param residents population, pop_0_2, pop_3_5, pop_60_plus of the unit (people)
   * @param countPerCategory POIs plus capacity facilities per category, in kernel order
   * @param capacityPerKind summed capacity per {@link #CAPACITY_KINDS} entry (places or beds)
   */
  double[] supplyValues(Residents residents, double[] countPerCategory, double[] capacityPerKind) {
    return supplyValues(residents, countPerCategory, capacityPerKind, new double[2]);
  }

  /**
   * As above, with {@code nursing} = {nursing beds, all beds} of the elderly-care institutions
   * whose register row gives nursing beds: {@code nursing_bed_share} is their ratio, NaN when there
   * are no such beds.
   */
  double[] supplyValues(
      Residents residents, double[] countPerCategory, double[] capacityPerKind, double[] nursing) {
    check(
        countPerCategory.length == categoryIds.length,
        "Cannot use %s counts for %s categories",
        countPerCategory.length,
        categoryIds.length);
    check(
        capacityPerKind.length == CAPACITY_KINDS.size(),
        "Cannot use %s capacities for %s kinds",
        capacityPerKind.length,
        CAPACITY_KINDS.size());
    double[] out = new double[supplyColumns().size()];
    int k = 0;
    for (double count : countPerCategory) {
      out[k++] = WeightedStats.perThousand(count, residents.total());
    }
    for (double capacity : capacityPerKind) {
      out[k++] = capacity;
    }
    for (double capacity : capacityPerKind) {
      out[k++] = WeightedStats.perThousand(capacity, residents.total());
    }
    out[k++] =
        WeightedStats.perThousand(
            capacityPerKind[CAPACITY_KINDS.indexOf(CapacityKind.NURSERY_PLACES)],
            residents.aged0to2());
    out[k++] =
        WeightedStats.perThousand(
            capacityPerKind[CAPACITY_KINDS.indexOf(CapacityKind.KINDERGARTEN_PLACES)],
            residents.aged3to5());
    out[k++] =
        WeightedStats.perThousand(
            capacityPerKind[CAPACITY_KINDS.indexOf(CapacityKind.ELDERLY_BEDS)],
            residents.aged60plus());
    out[k++] = nursing[1] > 0 ? nursing[0] / nursing[1] : Double.NaN;
    return out;
  }

  /** Residents of a unit by group, people. */
  record Residents(double total, double aged0to2, double aged3to5, double aged60plus) {}

  private void addPerCategory(List<String> names, String prefix) {
    for (String c : categoryIds) {
      names.add(prefix + c);
    }
  }

  private double[] minutes(double[] distM) {
    double[] m = new double[distM.length];
    for (int i = 0; i < distM.length; i++) {
      m[i] = distM[i] / speedMPerMin;
    }
    return m;
  }

  private static boolean[] none(double[] distM) {
    boolean[] flags = new boolean[distM.length];
    for (int i = 0; i < distM.length; i++) {
      flags[i] = distM[i] == Double.POSITIVE_INFINITY;
    }
    return flags;
  }

  private static double populated(double[] population) {
    int n = 0;
    for (double p : population) {
      n += p > 0 ? 1 : 0;
    }
    return n;
  }
}
