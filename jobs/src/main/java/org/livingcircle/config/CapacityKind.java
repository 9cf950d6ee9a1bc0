package org.livingcircle.config;

import java.util.Locale;

/** What a facility's capacity counts, for E2SFCA supply. {@link #NONE} marks categories without capacity. */
public enum CapacityKind {
  /** Named sentinel: the category has no capacity (accessibility counts and distances only). */
  NONE,
  NURSERY_PLACES,
  KINDERGARTEN_PLACES,
  ELDERLY_BEDS,
  SCHOOL_PLACES,
  HOSPITAL_BEDS;

  /** The snake_case id used in YAML and output columns. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
