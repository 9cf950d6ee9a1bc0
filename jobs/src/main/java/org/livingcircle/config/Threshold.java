package org.livingcircle.config;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import java.util.Locale;

/**
 * A threshold of a category or a target, of one of two kinds: a walking time in minutes (measured
 * by the city's walking model, straight line × detour factor ÷ speed) or a service radius in metres
 * (a walking distance, or a straight-line radius as drawn on a plan map). The access stage writes
 * {@code dist_m_<c>}, the walking distance (straight line × detour); {@link #walkingMeters} turns
 * every kind into that unit.
 *
 * @param kind minutes or metres
 * @param value minutes in [1, 60] or metres in [50, 3000]
 * @param distance for {@link Kind#RADIUS_M}: how the radius is measured; {@link Distance#WALKING}
 *     for minutes
 */
public record Threshold(Kind kind, double value, Distance distance)
    implements java.io.Serializable {
  /** What a threshold's number is. */
  public enum Kind {
    /** Walking time in minutes ({@code threshold_min}). */
    WALK_MIN,
    /** Service radius in metres ({@code threshold_m}). */
    RADIUS_M;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How a radius is measured. */
  public enum Distance {
    /** Walking distance: straight line × the city's detour factor. */
    WALKING,
    /** Straight-line distance: no detour. */
    STRAIGHT_LINE;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Threshold {
    notNull(kind, "threshold kind");
    if (kind == Kind.WALK_MIN) {
      check(
          value >= 1 && value <= 60, "Cannot use threshold %s min: outside [1, 60] minutes", value);
      distance = Distance.WALKING;
    } else {
      check(
          value >= 50 && value <= 3000,
          "Cannot use threshold %s m: outside [50, 3000] metres",
          value);
      notNull(distance, "threshold distance (walking or straight_line)");
    }
  }

  public static Threshold minutes(double minutes) {
    return new Threshold(Kind.WALK_MIN, minutes, Distance.WALKING);
  }

  public static Threshold metres(double metres, Distance distance) {
    return new Threshold(Kind.RADIUS_M, metres, distance);
  }

  /**
   * The threshold as a walking distance in metres, the unit of {@code dist_m}: minutes × speed; a
   * walking radius as it is; a straight-line radius × detour factor (so {@code dist_m ≤ it} ⟺
   * straight line ≤ the radius).
   */
  public double walkingMeters(double speedMPerMin, double detourFactor) {
    return switch (kind) {
      case WALK_MIN -> value * speedMPerMin;
      case RADIUS_M -> distance == Distance.WALKING ? value : value * detourFactor;
    };
  }

  /** "10 min walk", "300 m walking distance", "500 m straight line". */
  public String label() {
    String v = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    return kind == Kind.WALK_MIN
        ? v + " min walk"
        : v + " m " + (distance == Distance.WALKING ? "walking distance" : "straight line");
  }
}
