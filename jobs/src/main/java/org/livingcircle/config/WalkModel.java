package org.livingcircle.config;

import static org.livingcircle.common.Checks.check;

/**
 * The straight-line walking model, the one place every minute and metre conversion goes through:
 * walking distance = straight-line distance in the metric CRS × detour factor, walking time =
 * walking distance / speed. Built from a city's configuration ({@link CityConfig.Walking#model()});
 * the kernels of every stage receive it.
 *
 * @param speedMetersPerMinute walking speed in m/min, in (0, 200]
 * @param detourFactor ratio of network to straight-line distance, in [1, 3]
 */
public record WalkModel(double speedMetersPerMinute, double detourFactor)
    implements java.io.Serializable {
  /**
   * How walking distance is measured: {@code straight_line} (straight line × detour factor) or
   * {@code network} (shortest path along the walkable streets of an OSM extract, no detour factor;
   * contracts §3). In network mode the detour factor still converts the straight-line search limit
   * ({@code search_limit_m}) to walking minutes.
   */
  public enum Kind {
    @com.fasterxml.jackson.annotation.JsonProperty("straight_line")
    STRAIGHT_LINE("straight_line"),
    @com.fasterxml.jackson.annotation.JsonProperty("network")
    NETWORK("network");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    /** The configuration and manifest value, e.g. {@code straight_line}. */
    public String id() {
      return id;
    }

    /** The kind named {@code id}, or {@code null} for an unknown name. */
    public static Kind of(String id) {
      for (Kind k : values()) {
        if (k.id.equals(id)) {
          return k;
        }
      }
      return null;
    }
  }

  public WalkModel {
    check(
        speedMetersPerMinute > 0 && speedMetersPerMinute <= 200,
        "Cannot use speed_m_per_min %s: outside (0, 200]",
        speedMetersPerMinute);
    check(
        Double.isFinite(detourFactor) && detourFactor >= 1.0 && detourFactor <= 3.0,
        "Cannot use detour_factor: %s is not a finite number in [1, 3]",
        detourFactor);
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

  /** Walking distance in metres of a walk of {@code minutes}. */
  public double walkMetersIn(double minutes) {
    return minutes * speedMetersPerMinute;
  }

  /** Walking minutes for a straight-line distance in metres. */
  public double minutesWithin(double euclideanMeters) {
    return minutesFor(walkMetersFor(euclideanMeters));
  }
}
