package org.livingcircle.config;

import java.util.Locale;

/** Category tiers of the living-circle taxonomy (domain brief; seed 000 名词解释, seed 002). */
public enum Tier {
  /** 基本保障类业态: 13 basic-guarantee formats, 5-10 minute walk (seed 002). */
  BASIC,
  /** 品质提升类业态: 12 quality-improvement formats, 15 minute walk (seed 002). */
  QUALITY,
  /**
   * Public services the plans measure (kindergarten, school, health, elderly, nursery, park,
   * fitness, bus).
   */
  PUBLIC,
  /** Residential compounds: origins of trips, not destinations. */
  RESIDENTIAL;

  /** The snake_case id used in YAML and output columns. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
