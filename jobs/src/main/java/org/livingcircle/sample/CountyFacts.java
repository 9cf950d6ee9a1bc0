package org.livingcircle.sample;

import java.util.Map;

/**
 * Resident population (2020, 7th census) and approximate county-seat location of the counties of
 * Jincheng and Changzhi, used to size the synthetic sample.
 *
 * <p>City totals are the Shanxi 7th-census bulletin no. 2 (山西省第七次全国人口普查公报(第二号), 2021-05-26):
 * Jincheng 2,194,545; Changzhi 3,180,884. Each county says what its figure is ({@link Basis}): 4
 * are press-reported census roundings (城区 57.47万, 高平市 45.31万, 陵川县 20.48万, 泽州县 ≈41.5万), 1 is a
 * reported figure not confirmed here (潞州区 895,280), 13 are ESTIMATES (shares fitted so the counties
 * of each city sum to the city total), and counties of other cities are area × density estimates;
 * the census file's {@code source} and the sample README say which. None comes from the seeds. Seat
 * coordinates (WGS84) are approximate town centres.
 */
final class CountyFacts {
  private CountyFacts() {}

  record Known(int population, Basis basis, double seatLng, double seatLat) {}

  /** What a county population is: a census figure, or an estimate (and which kind). */
  enum Basis {
    /** 7th-census county figure as press-reported (rounded). */
    CENSUS_REPORTED("census figure (7th census 2020, press-reported, rounded)"),
    /** A reported census figure this project could not confirm. */
    CENSUS_UNCONFIRMED("census figure as reported (7th census 2020; not confirmed)"),
    /**
     * NOT a census figure: a plausible share fitted so the city's counties sum to the 7th-census
     * city total.
     */
    FITTED_ESTIMATE(
        "ESTIMATE, not a census figure: plausible share fitted to the 7th-census city total"),
    /** NOT a census figure: county area × 250 persons/km² (counties without a row here). */
    AREA_ESTIMATE("ESTIMATE, not a census figure: county area × 250 persons/km² (SYNTHETIC)");

    final String label;

    Basis(String label) {
      this.label = label;
    }
  }

  private static final Basis REPORTED = Basis.CENSUS_REPORTED;
  private static final Basis FITTED = Basis.FITTED_ESTIMATE;

  private static final Map<String, Known> KNOWN =
      Map.ofEntries(
          Map.entry("140502", new Known(574_700, REPORTED, 112.851, 35.497)), // 城区
          Map.entry("140521", new Known(186_945, FITTED, 112.187, 35.690)), // 沁水县
          Map.entry("140522", new Known(360_000, FITTED, 112.415, 35.486)), // 阳城县
          Map.entry("140524", new Known(204_800, REPORTED, 113.280, 35.776)), // 陵川县
          Map.entry("140525", new Known(415_000, REPORTED, 112.900, 35.450)), // 泽州县
          Map.entry("140581", new Known(453_100, REPORTED, 112.924, 35.798)), // 高平市
          Map.entry("140403", new Known(895_280, Basis.CENSUS_UNCONFIRMED, 113.117, 36.196)), // 潞州区
          Map.entry("140404", new Known(329_202, FITTED, 113.051, 36.053)), // 上党区
          Map.entry("140405", new Known(244_550, FITTED, 112.892, 36.316)), // 屯留区
          Map.entry("140406", new Known(206_927, FITTED, 113.229, 36.334)), // 潞城区
          Map.entry("140423", new Known(235_144, FITTED, 113.052, 36.535)), // 襄垣县
          Map.entry("140425", new Known(122_275, FITTED, 113.436, 36.200)), // 平顺县
          Map.entry("140426", new Known(131_681, FITTED, 113.387, 36.503)), // 黎城县
          Map.entry("140427", new Known(263_362, FITTED, 113.207, 36.115)), // 壶关县
          Map.entry("140428", new Known(338_608, FITTED, 112.877, 36.122)), // 长子县
          Map.entry("140429", new Known(141_087, FITTED, 112.865, 36.837)), // 武乡县
          Map.entry("140430", new Known(131_681, FITTED, 112.702, 36.757)), // 沁县
          Map.entry("140431", new Known(141_087, FITTED, 112.338, 36.500))); // 沁源县

  /** Persons per km² used for counties not in the table (rural Shanxi is ≈150–300). */
  private static final double FALLBACK_DENSITY_PER_KM2 = 250.0;

  static int population(SampleGeography.County c) {
    Known k = KNOWN.get(c.code());
    return k != null
        ? k.population()
        : (int) Math.max(1_000, Math.round(c.shape().approxAreaKm2() * FALLBACK_DENSITY_PER_KM2));
  }

  static String populationSource(SampleGeography.County c) {
    return basis(c).label;
  }

  /** Whether the county's population is a census figure or an estimate. */
  static Basis basis(SampleGeography.County c) {
    Known k = KNOWN.get(c.code());
    return k != null ? k.basis() : Basis.AREA_ESTIMATE;
  }

  /** Writes the known seat into {@code out} and returns true, if known and inside the outline. */
  static boolean seat(SampleGeography.County c, double[] out) {
    Known k = KNOWN.get(c.code());
    if (k == null || !c.shape().contains(k.seatLng(), k.seatLat())) {
      return false;
    }
    out[0] = k.seatLng();
    out[1] = k.seatLat();
    return true;
  }
}
