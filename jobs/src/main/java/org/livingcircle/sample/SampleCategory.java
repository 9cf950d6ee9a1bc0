package org.livingcircle.sample;

import java.util.List;
import java.util.Optional;
import org.livingcircle.common.Checks;

/**
 * The few facts the sample generator needs about one facility category.
 *
 * @param id snake_case id, e.g. {@code convenience_store}
 * @param nameZh Chinese name, used in synthetic POI names, e.g. 便利店
 * @param nameEn English name
 * @param tier basic | quality | public | residential
 * @param capacityKind nursery_places | kindergarten_places | elderly_beds | school_places |
 *     hospital_beds, for categories that appear in {@code facilities.csv}
 * @param amapTypecodes Amap typecode prefixes (2, 4 or 6 digits)
 * @param osmTags OSM rules as {@code key=value}, or conditions joined by {@code &} (a sample
 *     feature gets them all)
 * @param per1000 calibration density, POIs per 1,000 residents (≥ 0)
 */
public record SampleCategory(
    String id,
    String nameZh,
    String nameEn,
    String tier,
    Optional<String> capacityKind,
    List<String> amapTypecodes,
    List<String> osmTags,
    double per1000) {

  public static final List<String> TIERS = List.of("basic", "quality", "public", "residential");
  public static final List<String> CAPACITY_KINDS =
      List.of(
          "nursery_places",
          "kindergarten_places",
          "elderly_beds",
          "school_places",
          "hospital_beds");

  public SampleCategory {
    Checks.check(
        id != null && id.matches("[a-z][a-z0-9_]*"),
        "Cannot use category id: %s is not snake_case",
        id);
    Checks.notNull(nameZh, "name_zh");
    Checks.notNull(nameEn, "name_en");
    Checks.check(
        TIERS.contains(tier), "Cannot use category %s: tier %s is not one of %s", id, tier, TIERS);
    Checks.check(
        capacityKind.isEmpty() || CAPACITY_KINDS.contains(capacityKind.get()),
        "Cannot use category %s: capacity_kind %s is not one of %s",
        id,
        capacityKind.orElse(""),
        CAPACITY_KINDS);
    for (String code : amapTypecodes) {
      Checks.check(
          code.matches("\\d{2}|\\d{4}|\\d{6}"),
          "Cannot use category %s: amap typecode %s is not 2, 4 or 6 digits",
          id,
          code);
    }
    for (String tag : osmTags) {
      Checks.check(
          tag.matches("[^=&]+=[^=&]+(&[^=&]+=[^=&]+)*"),
          "Cannot use category %s: OSM tag %s is not key=value (or conditions joined by &)",
          id,
          tag);
    }
    Checks.check(
        per1000 >= 0 && Double.isFinite(per1000),
        "Cannot use category %s: per_1000 %s is negative",
        id,
        per1000);
    amapTypecodes = List.copyOf(amapTypecodes);
    osmTags = List.copyOf(osmTags);
  }

  boolean residential() {
    return tier.equals("residential");
  }
}
