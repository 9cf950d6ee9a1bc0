package org.livingcircle.geo;

/**
 * Distance-decay weights of accessibility measures, shared by every stage that computes or sites
 * supply.
 */
public final class Decay {
  private static final double EXP_MINUS_HALF = Math.exp(-0.5);

  private Decay() {}

  /**
   * Gaussian weight of Dai (2010) for a squared distance, given the squared catchment radius: 1 at
   * the facility, 0 at and beyond the catchment (the ratio d/d0 is the same for walking and
   * straight-line distances).
   */
  public static double gaussian(double distanceSquared, double catchmentSquared) {
    if (distanceSquared > catchmentSquared) {
      return 0.0;
    }
    return (Math.exp(-0.5 * distanceSquared / catchmentSquared) - EXP_MINUS_HALF)
        / (1.0 - EXP_MINUS_HALF);
  }
}
