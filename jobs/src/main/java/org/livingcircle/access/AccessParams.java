package org.livingcircle.access;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import java.util.Arrays;
import org.livingcircle.config.Tier;
import org.livingcircle.config.WalkModel;

/**
 * Validated parameters of {@link AccessKernel}. Every number comes from the city's configuration.
 *
 * @param walk walking model (speed, detour factor)
 * @param thresholdsMin walking-time thresholds in minutes, strictly increasing, each ≥ 1; counts
 *     are inclusive
 * @param searchLimitMin walking time in minutes beyond which no facility is looked for; ≥ the
 *     largest threshold
 * @param tiers tier of each category, indexed by category; at least one {@link Tier#BASIC}
 * @param basicThresholdMin threshold for {@code basic_types_<T>min} and completeness, one of {@code
 *     thresholdsMin}
 * @param qualityThresholdMin threshold for {@code quality_types_<T>min}, one of {@code
 *     thresholdsMin}
 */
record AccessParams(
    WalkModel walk,
    int[] thresholdsMin,
    double searchLimitMin,
    Tier[] tiers,
    int basicThresholdMin,
    int qualityThresholdMin)
    implements java.io.Serializable {

  AccessParams {
    notNull(walk, "walk model");
    notNull(thresholdsMin, "thresholds_min");
    notNull(tiers, "category tiers");
    thresholdsMin = thresholdsMin.clone();
    tiers = tiers.clone();
    check(thresholdsMin.length > 0, "Cannot use thresholds_min: the list is empty");
    for (int t = 0; t < thresholdsMin.length; t++) {
      check(
          thresholdsMin[t] >= 1, "Cannot use thresholds_min: %s is less than 1", thresholdsMin[t]);
      check(
          t == 0 || thresholdsMin[t] > thresholdsMin[t - 1],
          "Cannot use thresholds_min: %s is not strictly increasing",
          Arrays.toString(thresholdsMin));
    }
    int largest = thresholdsMin[thresholdsMin.length - 1];
    check(
        Double.isFinite(searchLimitMin) && searchLimitMin >= largest,
        "Cannot use search_limit_min: %s is less than the largest threshold %s min",
        searchLimitMin,
        largest);
    check(tiers.length > 0, "Cannot use categories: the list is empty");
    boolean anyBasic = false;
    for (int c = 0; c < tiers.length; c++) {
      notNull(tiers[c], "tier of category " + c);
      anyBasic |= tiers[c] == Tier.BASIC;
    }
    check(
        anyBasic,
        "Cannot use categories: none has tier BASIC; proximity time and completeness need one");
    check(
        Arrays.binarySearch(thresholdsMin, basicThresholdMin) >= 0,
        "Cannot use basic_threshold_min: %s is not one of thresholds_min %s",
        basicThresholdMin,
        Arrays.toString(thresholdsMin));
    check(
        Arrays.binarySearch(thresholdsMin, qualityThresholdMin) >= 0,
        "Cannot use quality_threshold_min: %s is not one of thresholds_min %s",
        qualityThresholdMin,
        Arrays.toString(thresholdsMin));
  }

  @Override
  public int[] thresholdsMin() {
    return thresholdsMin.clone();
  }

  @Override
  public Tier[] tiers() {
    return tiers.clone();
  }

  int nCategories() {
    return tiers.length;
  }

  int nThresholds() {
    return thresholdsMin.length;
  }

  int threshold(int thresholdIndex) {
    return thresholdsMin[thresholdIndex];
  }

  int thresholdIndex(int minutes) {
    return Arrays.binarySearch(thresholdsMin, minutes);
  }

  Tier tier(int category) {
    return tiers[category];
  }
}
