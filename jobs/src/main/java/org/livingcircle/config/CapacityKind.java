package org.livingcircle.config;

import java.util.Locale;

/**
 * What a facility's capacity counts, for E2SFCA supply. {@link #NONE} marks categories without
 * capacity.
 */
public enum CapacityKind {
  /** Named sentinel: the category has no capacity (accessibility counts and distances only). */
  NONE,
  NURSERY_PLACES,
  KINDERGARTEN_PLACES,
  ELDERLY_BEDS,
  SCHOOL_PLACES,
  HOSPITAL_BEDS;

  /**
   * The census column of the people each kind serves, the demand of E2SFCA (issue 3: nursery places
   * per child under 3, kindergarten places per child 3–5, elderly-care beds per person 60+).
   */
  public String demandColumn() {
    return switch (this) {
      case NURSERY_PLACES -> "pop_0_2";
      case KINDERGARTEN_PLACES -> "pop_3_5";
      case SCHOOL_PLACES -> "pop_6_14";
      case ELDERLY_BEDS -> "pop_60_plus";
      case HOSPITAL_BEDS -> "population";
      case NONE ->
          throw new IllegalArgumentException("Cannot give the demand of capacity kind none");
    };
  }

  /** The snake_case id used in YAML and output columns. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
