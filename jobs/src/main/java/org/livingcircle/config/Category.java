package org.livingcircle.config;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One living-circle category from {@code conf/categories.yaml}.
 *
 * @param id snake_case ASCII id, used in column names such as {@code dist_m_<id>}
 * @param thresholdMin walking-time threshold in minutes, in [1, 60]; null when the category has a
 *     radius
 * @param thresholdM service-radius threshold in metres; null when the category has a walking time
 * @param thresholdMDistance how {@code thresholdM} is measured (walking or straight line)
 * @param capacityKind what the capacity counts; {@link CapacityKind#NONE} when absent
 * @param amapTypecodes 2-, 4- or 6-digit prefixes of Amap typecodes
 * @param osmTags OSM tags as {@code key=value}
 * @param per1000 calibration density for synthetic samples, facilities per 1,000 residents
 */
public record Category(
    String id,
    String nameZh,
    String nameEn,
    Tier tier,
    Double thresholdMin,
    @JsonProperty("threshold_m") Double thresholdM,
    @JsonProperty("threshold_m_distance") Threshold.Distance thresholdMDistance,
    CapacityKind capacityKind,
    List<String> amapTypecodes,
    List<String> osmTags,
    @JsonProperty("per_1000") double per1000) {
  /** snake_case ASCII: lower-case words of letters and digits joined by single underscores. */
  public static final Pattern ID_PATTERN = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

  private static final Pattern TYPECODE_PREFIX = Pattern.compile("[0-9]{2}|[0-9]{4}|[0-9]{6}");
  private static final Pattern OSM_TAG =
      Pattern.compile("[a-z_:]+=[a-z0-9_;:]+(&[a-z_:]+=[a-z0-9_;:]+)*");

  public Category {
    notNull(id, "category id");
    check(ID_PATTERN.matcher(id).matches(), "Cannot use category id %s: not snake_case ASCII", id);
    notNull(nameZh, "name_zh of " + id);
    notNull(nameEn, "name_en of " + id);
    notNull(tier, "tier of " + id);
    check(
        (thresholdMin == null) != (thresholdM == null),
        "Cannot use the thresholds of %s: give threshold_min (walking minutes) or threshold_m (metres), not %s",
        id,
        thresholdMin == null ? "neither" : "both");
    if (thresholdMin != null) {
      check(
          thresholdMin >= 1 && thresholdMin <= 60,
          "Cannot use threshold_min %s of %s: outside [1, 60] minutes",
          thresholdMin,
          id);
      check(
          thresholdMDistance == null,
          "Cannot use threshold_m_distance of %s: it has threshold_min, not threshold_m",
          id);
    } else {
      check(
          thresholdM >= 50 && thresholdM <= 3000,
          "Cannot use threshold_m %s of %s: outside [50, 3000] metres",
          thresholdM,
          id);
      notNull(thresholdMDistance, "threshold_m_distance of " + id);
    }
    capacityKind = capacityKind == null ? CapacityKind.NONE : capacityKind;
    amapTypecodes = amapTypecodes == null ? List.of() : List.copyOf(amapTypecodes);
    osmTags = osmTags == null ? List.of() : List.copyOf(osmTags);
    for (String prefix : amapTypecodes) {
      check(
          TYPECODE_PREFIX.matcher(prefix).matches(),
          "Cannot use Amap typecode prefix %s of %s: not 2, 4 or 6 digits",
          prefix,
          id);
    }
    for (String tag : osmTags) {
      check(OSM_TAG.matcher(tag).matches(), "Cannot use OSM tag %s of %s: not key=value", tag, id);
    }
    check(
        per1000 >= 0 && Double.isFinite(per1000),
        "Cannot use per_1000 %s of %s: not a non-negative number",
        per1000,
        id);
  }

  /**
   * The category's own threshold (a walking time or a service radius), before any city override.
   */
  public Threshold threshold() {
    return thresholdMin != null
        ? Threshold.minutes(thresholdMin)
        : Threshold.metres(thresholdM, thresholdMDistance);
  }

  /** Convenience for tests and samples: a category with a walking-time threshold. */
  public static Category walking(
      String id,
      String nameZh,
      String nameEn,
      Tier tier,
      double minutes,
      CapacityKind capacityKind,
      List<String> amapTypecodes,
      List<String> osmTags,
      double per1000) {
    return new Category(
        id,
        nameZh,
        nameEn,
        tier,
        minutes,
        null,
        null,
        capacityKind,
        amapTypecodes,
        osmTags,
        per1000);
  }

  /** True when facilities of this category carry a capacity. */
  public boolean hasCapacity() {
    return capacityKind != CapacityKind.NONE;
  }
}
