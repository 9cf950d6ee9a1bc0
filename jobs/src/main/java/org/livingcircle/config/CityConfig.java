package org.livingcircle.config;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.livingcircle.geo.GridSpec;

/**
 * One city's configuration ({@code conf/cities/<id>.yaml}, schema {@code
 * schemas/city.schema.json}). The YAML carries a {@code <key>_source} for every number; the record
 * keeps the values only.
 *
 * @param adminCode 6-digit prefecture code, e.g. {@code 140500}
 * @param crs metric CRS of grids and distances, e.g. {@code EPSG:32649}
 * @param cellSizeM grid cell edge in metres, [50, 1000]
 * @param h3Resolution H3 resolution of an extra output, or {@link #H3_OFF}
 * @param neighbours ids of the cities whose facilities serve this city's residents near the border
 *     (their ingest of the same period is read by the access stage); empty when none
 */
public record CityConfig(
    String id,
    String nameZh,
    String nameEn,
    String adminCode,
    List<County> counties,
    String crs,
    int cellSizeM,
    Integer h3Resolution,
    Walking walking,
    E2sfca e2sfca,
    DataPaths data,
    Sample sample,
    List<String> neighbours,
    Integer pilotYear,
    Integer rolloutYear,
    List<ThresholdOverride> categoryThresholds) {
  /** Schema file name under {@code schemas/}. */
  public static final String SCHEMA = "city.schema.json";

  /** Named sentinel for "no H3 output" (YAML {@code h3_resolution: null}). */
  public static final int H3_OFF = -1;

  private static final Pattern CODE = Pattern.compile("[0-9]{6}");

  public CityConfig {
    notNull(id, "city id");
    check(
        CODE.matcher(notNull(adminCode, "admin_code")).matches(),
        "Cannot use admin_code %s: not 6 digits",
        adminCode);
    notNull(counties, "counties");
    check(!counties.isEmpty(), "Cannot use city %s: no counties", id);
    counties = List.copyOf(counties);
    Set<String> codes = new HashSet<>();
    String prefix = adminCode.substring(0, 4);
    for (int i = 0; i < counties.size(); i++) {
      String code = counties.get(i).code();
      if (!codes.add(code)) {
        throw new ConfigProblem(
            "/counties/" + i + "/code", "Cannot use county code " + code + " twice");
      }
      if (!code.startsWith(prefix)) {
        throw new ConfigProblem(
            "/counties/" + i + "/code",
            "Cannot use county code " + code + ": outside city " + adminCode);
      }
    }
    crs = crs == null ? "EPSG:32649" : crs;
    if (cellSizeM < GridSpec.MIN_CELL_SIZE_M
        || cellSizeM > GridSpec.MAX_CELL_SIZE_M
        || cellSizeM % 10 != 0) {
      throw new ConfigProblem(
          "/cell_size_m",
          "Cannot use cell_size_m "
              + cellSizeM
              + ": not a multiple of 10 in ["
              + GridSpec.MIN_CELL_SIZE_M
              + ", "
              + GridSpec.MAX_CELL_SIZE_M
              + "] (cell ids keep the size in units of 10 m)");
    }
    h3Resolution = h3Resolution == null ? H3_OFF : h3Resolution;
    check(
        h3Resolution == H3_OFF || (h3Resolution >= 0 && h3Resolution <= 15),
        "Cannot use h3_resolution %s: outside [0, 15]",
        h3Resolution);
    notNull(walking, "walking");
    notNull(e2sfca, "e2sfca");
    notNull(data, "data");
    if (walking.kind() == null) {
      walking =
          walking.withKind(
              data.hasOsmPbf() ? WalkModel.Kind.NETWORK : WalkModel.Kind.STRAIGHT_LINE);
    }
    checkNetworkInput(walking, data);
    notNull(sample, "sample");
    neighbours = neighbours == null ? List.of() : List.copyOf(neighbours);
    for (int i = 0; i < neighbours.size(); i++) {
      if (neighbours.get(i).equals(id) || neighbours.indexOf(neighbours.get(i)) != i) {
        throw new ConfigProblem(
            "/neighbours/" + i,
            "Cannot use neighbour " + neighbours.get(i) + " of " + id + ": itself or listed twice");
      }
    }
    categoryThresholds = categoryThresholds == null ? List.of() : List.copyOf(categoryThresholds);
    for (int i = 0; i < categoryThresholds.size(); i++) {
      for (String county : categoryThresholds.get(i).counties()) {
        if (!codes.contains(county)) {
          throw new ConfigProblem(
              "/category_thresholds/" + i + "/counties",
              "Cannot override the threshold of "
                  + categoryThresholds.get(i).category()
                  + " for county "
                  + county
                  + ": not a county of "
                  + id);
        }
      }
    }
    double limitMinutes = walking.minutesWithin(walking.searchLimitM());
    for (CapacityKind kind : CapacityKind.values()) {
      if (kind != CapacityKind.NONE && e2sfca.catchmentMin().minutes(kind) > limitMinutes) {
        throw new ConfigProblem(
            "/e2sfca/catchment_min/" + kind.id(),
            "Cannot use catchment "
                + e2sfca.catchmentMin().minutes(kind)
                + " min: beyond search_limit_m "
                + walking.searchLimitM()
                + " ("
                + Math.round(limitMinutes)
                + " min); raise search_limit_m");
      }
    }
  }

  /** A city without neighbours, pilot years and threshold overrides (benchmarks, tests). */
  public CityConfig(
      String id,
      String nameZh,
      String nameEn,
      String adminCode,
      List<County> counties,
      String crs,
      int cellSizeM,
      Integer h3Resolution,
      Walking walking,
      E2sfca e2sfca,
      DataPaths data,
      Sample sample) {
    this(
        id,
        nameZh,
        nameEn,
        adminCode,
        counties,
        crs,
        cellSizeM,
        h3Resolution,
        walking,
        e2sfca,
        data,
        sample,
        List.of(),
        null,
        null,
        List.of());
  }

  /**
   * Threshold overrides by unit code for {@code lcp aggregate}: an override without counties
   * applies to the city code and every county, one with counties to those counties only (a later
   * entry wins over an earlier one).
   */
  public java.util.Map<String, java.util.Map<String, Threshold>> thresholdOverridesByUnit() {
    java.util.Map<String, java.util.Map<String, Threshold>> result = new java.util.TreeMap<>();
    for (ThresholdOverride o : categoryThresholds) {
      List<String> units = new ArrayList<>();
      if (o.counties().isEmpty()) {
        units.add(adminCode);
        counties.forEach(c -> units.add(c.code()));
      } else {
        units.addAll(o.counties());
      }
      for (String unit : units) {
        result
            .computeIfAbsent(unit, k -> new java.util.TreeMap<>())
            .put(o.category(), o.threshold());
      }
    }
    return result;
  }

  /**
   * A threshold replacing a category's own for the whole city or some of its counties, where this
   * city's plan differs (e.g. Yangcheng's 3-minute convenience store, seed 000 L199).
   */
  public record ThresholdOverride(
      String category,
      List<String> counties,
      Double thresholdMin,
      @JsonProperty("threshold_m") Double thresholdM,
      @JsonProperty("threshold_m_distance") Threshold.Distance thresholdMDistance) {
    public ThresholdOverride {
      notNull(category, "category of a threshold override");
      counties = counties == null ? List.of() : List.copyOf(counties);
      check(
          (thresholdMin == null) != (thresholdM == null),
          "Cannot override the threshold of %s: give threshold_min or threshold_m",
          category);
      threshold(thresholdMin, thresholdM, thresholdMDistance);
    }

    public Threshold threshold() {
      return threshold(thresholdMin, thresholdM, thresholdMDistance);
    }

    private static Threshold threshold(Double minutes, Double metres, Threshold.Distance distance) {
      return minutes != null ? Threshold.minutes(minutes) : Threshold.metres(metres, distance);
    }
  }

  private static void checkNetworkInput(Walking walking, DataPaths data) {
    if (walking.isNetwork() && !data.hasOsmPbf()) {
      throw new ConfigProblem(
          "/data/osm_pbf",
          "Cannot use walking model network: no street extract (data.osm_pbf);"
              + " add one or use walking.model straight_line");
    }
  }

  /**
   * This city with walking distance measured by {@code kind} (the {@code --walking-model} flag over
   * the file's {@code walking.model}).
   *
   * @param configFile the city file, named in the error when {@code network} has no {@code
   *     data.osm_pbf}
   */
  public CityConfig withWalkingModel(WalkModel.Kind kind, Path configFile) {
    Walking w = walking.withKind(kind);
    try {
      checkNetworkInput(w, data);
    } catch (ConfigProblem p) {
      throw new org.livingcircle.common.ConfigException(
          configFile + ": " + p.relativePointer() + ": " + p.getMessage(), p);
    }
    return new CityConfig(
        id,
        nameZh,
        nameEn,
        adminCode,
        counties,
        crs,
        cellSizeM,
        h3Resolution,
        w,
        e2sfca,
        data,
        sample,
        neighbours,
        pilotYear,
        rolloutYear,
        categoryThresholds);
  }

  /**
   * Loads and validates a city file; errors are {@link org.livingcircle.common.ConfigException}s.
   */
  public static CityConfig load(Path file) {
    return YamlConfig.load(file, SCHEMA, CityConfig.class);
  }

  /** The city's grid: its metric CRS and cell size, with the cell formulas. */
  public GridSpec gridSpec() {
    return new GridSpec(crs, cellSizeM);
  }

  public boolean h3Enabled() {
    return h3Resolution != H3_OFF;
  }

  public Optional<County> county(String code) {
    for (County c : counties) {
      if (c.code().equals(code)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Counties with a pilot year, in configuration order. */
  public List<County> pilotCounties() {
    List<County> result = new ArrayList<>();
    for (County c : counties) {
      if (c.isPilot()) {
        result.add(c);
      }
    }
    return List.copyOf(result);
  }

  /**
   * A county-level unit.
   *
   * @param code current 6-digit code
   * @param pilotYear year it became a living-circle pilot, or {@link #NOT_A_PILOT}
   */
  public record County(String code, String nameZh, String nameEn, int pilotYear) {
    /** Named sentinel for "not a pilot" (YAML {@code pilot_year: null}). */
    public static final int NOT_A_PILOT = 0;

    public County {
      check(
          CODE.matcher(notNull(code, "county code")).matches(),
          "Cannot use county code %s: not 6 digits",
          code);
      notNull(nameZh, "county name_zh");
      notNull(nameEn, "county name_en");
      check(
          pilotYear == NOT_A_PILOT || pilotYear >= 2020,
          "Cannot use pilot_year %s of %s: before 2020",
          pilotYear,
          code);
    }

    public boolean isPilot() {
      return pilotYear != NOT_A_PILOT;
    }
  }

  /**
   * Walking parameters.
   *
   * @param speedMPerMin walking speed, metres per minute
   * @param detourFactor network distance / straight-line distance, at least 1 (straight-line model;
   *     in the network model only the conversion of {@code search_limit_m} to walking minutes uses
   *     it)
   * @param thresholdsMin reporting thresholds in minutes, strictly ascending
   * @param searchLimitM straight-line search radius in metres; beyond it "none within limit"
   * @param kind how walking distance is measured (YAML {@code model}); {@code null} until {@link
   *     CityConfig} resolves it: {@code network} when {@code data.osm_pbf} is given, else {@code
   *     straight_line}
   * @param linkRadiusM network model: an origin or facility farther than this from every walkable
   *     edge is unlinked
   * @param unlinked network model: how an unlinked origin's values are made
   * @param privateWays network model: whether private roads of residential compounds are walkable
   *     (contracts §1)
   * @param minComponentEdges network model: street components with fewer edges are dropped before
   *     linking
   */
  public record Walking(
      @JsonProperty("speed_m_per_min") double speedMPerMin,
      double detourFactor,
      List<Integer> thresholdsMin,
      double searchLimitM,
      @JsonProperty("model") WalkModel.Kind kind,
      Double linkRadiusM,
      Unlinked unlinked,
      PrivateWays privateWays,
      Integer minComponentEdges) {
    /** Default {@code link_radius_m} (contracts §2, the R5 default link radius). */
    public static final double DEFAULT_LINK_RADIUS_M = 500;

    /** Default {@code min_component_edges} (contracts §1). */
    public static final int DEFAULT_MIN_COMPONENT_EDGES = 40;

    public Walking {
      WalkModel model = new WalkModel(speedMPerMin, detourFactor);
      thresholdsMin = List.copyOf(notNull(thresholdsMin, "thresholds_min"));
      check(!thresholdsMin.isEmpty(), "Cannot use thresholds_min: empty");
      for (int i = 1; i < thresholdsMin.size(); i++) {
        if (thresholdsMin.get(i) <= thresholdsMin.get(i - 1)) {
          throw new ConfigProblem(
              "/thresholds_min/" + i,
              "Cannot use thresholds_min " + thresholdsMin + ": not strictly ascending");
        }
      }
      int largest = thresholdsMin.get(thresholdsMin.size() - 1);
      if (model.euclideanMetersFor(largest) > searchLimitM) {
        throw new ConfigProblem(
            "/search_limit_m",
            "Cannot use search_limit_m "
                + searchLimitM
                + ": shorter than the "
                + largest
                + " min threshold ("
                + Math.round(model.euclideanMetersFor(largest))
                + " m straight line)");
      }
      linkRadiusM = linkRadiusM == null ? DEFAULT_LINK_RADIUS_M : linkRadiusM;
      if (!(linkRadiusM >= 1 && linkRadiusM <= 5000)) {
        throw new ConfigProblem(
            "/link_radius_m", "Cannot use link_radius_m " + linkRadiusM + ": outside [1, 5000]");
      }
      unlinked = unlinked == null ? Unlinked.STRAIGHT_LINE : unlinked;
      privateWays = privateWays == null ? PrivateWays.COMPOUND : privateWays;
      minComponentEdges =
          minComponentEdges == null ? DEFAULT_MIN_COMPONENT_EDGES : minComponentEdges;
      if (minComponentEdges < 1) {
        throw new ConfigProblem(
            "/min_component_edges",
            "Cannot use min_component_edges " + minComponentEdges + ": less than 1");
      }
    }

    /** The straight-line model with the network defaults (benchmarks, tests). */
    public Walking(
        double speedMPerMin,
        double detourFactor,
        List<Integer> thresholdsMin,
        double searchLimitM) {
      this(
          speedMPerMin,
          detourFactor,
          thresholdsMin,
          searchLimitM,
          WalkModel.Kind.STRAIGHT_LINE,
          null,
          null,
          null,
          null);
    }

    /** The same parameters measured with {@code kind}. */
    public Walking withKind(WalkModel.Kind kind) {
      return new Walking(
          speedMPerMin,
          detourFactor,
          thresholdsMin,
          searchLimitM,
          notNull(kind, "walking model"),
          linkRadiusM,
          unlinked,
          privateWays,
          minComponentEdges);
    }

    /** True when walking distance is measured along the street network. */
    public boolean isNetwork() {
      return kind == WalkModel.Kind.NETWORK;
    }

    /** The walking model every stage converts minutes and metres with. */
    public WalkModel model() {
      return new WalkModel(speedMPerMin, detourFactor);
    }

    /** Straight-line metres reachable in {@code minutes}. */
    public double straightLineMeters(double minutes) {
      return model().euclideanMetersFor(minutes);
    }

    /** Walking minutes for a straight-line distance in metres. */
    public double minutesWithin(double straightLineMeters) {
      return model().minutesWithin(straightLineMeters);
    }

    /** The search limit as walking minutes: beyond it, "none within limit". */
    public double searchLimitMin() {
      return minutesWithin(searchLimitM);
    }

    /** The reporting thresholds as an array. */
    public int[] thresholdsArray() {
      return thresholdsMin.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** Network model: the values of an origin with no walkable edge within {@code link_radius_m}. */
  public enum Unlinked {
    /** Straight line × detour factor, as in the straight-line model. */
    @JsonProperty("straight_line")
    STRAIGHT_LINE("straight_line"),
    /** No facility reachable: distances null, counts 0, E2SFCA 0. */
    @JsonProperty("none")
    NONE("none");

    private final String id;

    Unlinked(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /** Network model: private roads of gated residential compounds (小区), contracts §1. */
  public enum PrivateWays {
    /**
     * {@code access=private} service/footway/path/residential/living_street/pedestrian ways are
     * walkable.
     */
    @JsonProperty("compound")
    COMPOUND("compound"),
    /** Every {@code access=private} way is closed. */
    @JsonProperty("blocked")
    BLOCKED("blocked");

    private final String id;

    PrivateWays(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /**
   * Enhanced two-step floating catchment parameters.
   *
   * @param decay distance-decay function; only "gaussian"
   */
  public record E2sfca(String decay, CatchmentMinutes catchmentMin) {
    public E2sfca {
      check("gaussian".equals(decay), "Cannot use decay %s: only gaussian is supported", decay);
      notNull(catchmentMin, "catchment_min");
    }
  }

  /** Catchment in walking minutes per capacity kind, each in [1, 60]. */
  public record CatchmentMinutes(
      double nurseryPlaces,
      double kindergartenPlaces,
      double elderlyBeds,
      double schoolPlaces,
      double hospitalBeds) {
    public CatchmentMinutes {
      for (double m :
          new double[] {
            nurseryPlaces, kindergartenPlaces, elderlyBeds, schoolPlaces, hospitalBeds
          }) {
        check(m >= 1 && m <= 60, "Cannot use catchment %s min: outside [1, 60]", m);
      }
    }

    /** Catchment minutes for {@code kind}; {@link CapacityKind#NONE} has no catchment. */
    public double minutes(CapacityKind kind) {
      return switch (kind) {
        case NURSERY_PLACES -> nurseryPlaces;
        case KINDERGARTEN_PLACES -> kindergartenPlaces;
        case ELDERLY_BEDS -> elderlyBeds;
        case SCHOOL_PLACES -> schoolPlaces;
        case HOSPITAL_BEDS -> hospitalBeds;
        case NONE ->
            throw new IllegalArgumentException("Cannot give a catchment for capacity kind none");
      };
    }
  }

  /**
   * Input paths relative to the input directory.
   *
   * @param populationRaster optional population GeoTIFF; "" when absent (see {@link
   *     #hasPopulationRaster()})
   * @param osmPbf optional OpenStreetMap extract (.osm.pbf) for the network walking model; "" when
   *     absent
   * @param countyOutlines optional GeoJSON of the county outlines (properties as {@code
   *     reference/shanxi_counties.geojson}) for a city outside the reference data; "" = the
   *     reference outlines
   * @param adminCodes optional admin code CSV (columns as {@code reference/admin_codes.csv}); "" =
   *     the reference codes
   */
  public record DataPaths(
      List<PoiSource> poi,
      String facilities,
      String census,
      String statistics,
      String populationRaster,
      double duplicateRadiusM,
      String osmPbf,
      String countyOutlines,
      String adminCodes) {
    public DataPaths {
      countyOutlines = countyOutlines == null ? "" : countyOutlines;
      adminCodes = adminCodes == null ? "" : adminCodes;
      poi = List.copyOf(notNull(poi, "poi"));
      check(duplicateRadiusM >= 0, "Cannot use duplicate_radius_m %s: negative", duplicateRadiusM);
      notNull(facilities, "facilities");
      notNull(census, "census");
      notNull(statistics, "statistics");
      populationRaster = populationRaster == null ? "" : populationRaster;
      osmPbf = osmPbf == null ? "" : osmPbf;
    }

    public boolean hasPopulationRaster() {
      return !populationRaster.isEmpty();
    }

    public boolean hasOsmPbf() {
      return !osmPbf.isEmpty();
    }

    /** A city with the reference outlines and codes. */
    public DataPaths(
        List<PoiSource> poi,
        String facilities,
        String census,
        String statistics,
        String populationRaster,
        double duplicateRadiusM,
        String osmPbf) {
      this(poi, facilities, census, statistics, populationRaster, duplicateRadiusM, osmPbf, "", "");
    }

    /** A city with the reference outlines and codes and no street extract. */
    public DataPaths(
        List<PoiSource> poi,
        String facilities,
        String census,
        String statistics,
        String populationRaster,
        double duplicateRadiusM) {
      this(poi, facilities, census, statistics, populationRaster, duplicateRadiusM, "", "", "");
    }
  }

  /**
   * POI files matching {@code glob} (relative to the input directory) in coordinate system {@code
   * crs} (wgs84, gcj02 or bd09), with {@code encoding} "auto" (UTF-8 or GBK, detected) or a charset
   * name.
   */
  public record PoiSource(String glob, String crs, String encoding) {
    public PoiSource {
      notNull(glob, "poi glob");
      notNull(crs, "poi crs");
      encoding = encoding == null ? "auto" : encoding;
    }
  }

  /**
   * Hints for synthetic sample generation.
   *
   * @param populationDensityPerKm2 residents per km² of built-up area
   */
  public record Sample(long seed, double populationDensityPerKm2) {
    public Sample {
      check(
          populationDensityPerKm2 > 0,
          "Cannot use population_density_per_km2 %s: not positive",
          populationDensityPerKm2);
    }
  }
}
