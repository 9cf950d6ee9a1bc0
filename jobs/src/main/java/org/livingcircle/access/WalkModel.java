package org.livingcircle.access;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.positive;

/**
 * Straight-line walking model: walking distance = euclidean distance × detour factor, walking time = walking
 * distance / speed. Coordinates must be in a metric CRS (metres); nothing here assumes a zone or an origin.
 *
 * @param speedMetersPerMinute walking speed in m/min, positive (per city in configuration, with its source)
 * @param detourFactor ratio of network to straight-line distance, finite and ≥ 1
 */
public record WalkModel(double speedMetersPerMinute, double detourFactor) implements java.io.Serializable {
  public WalkModel {
    positive(speedMetersPerMinute, "speed_m_per_min");
    check(Double.isFinite(detourFactor) && detourFactor >= 1.0,
        "Cannot use detour_factor: %s is not a finite number ≥ 1", detourFactor);
  }

  /** Straight-line radius in metres that a walk of {@code minutes} reaches. */
  public double euclideanMetersFor(double minutes) {
    return minutes * speedMetersPerMinute / detourFactor;
  }

  /** Walking distance in metres for a straight-line distance in metres. */
  public double walkMetersFor(double euclideanMeters) {
    return euclideanMeters * detourFactor;
  }

  /** Walking time in minutes for a walking distance in metres. */
  public double minutesFor(double walkMeters) {
    return walkMeters / speedMetersPerMinute;
  }
}
