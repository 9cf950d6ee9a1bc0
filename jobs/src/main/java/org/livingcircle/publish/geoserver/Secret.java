package org.livingcircle.publish.geoserver;

import org.livingcircle.common.Checks;

/**
 * A password held in memory only. {@link #toString()} never reveals it, so a {@code Secret} inside
 * a record, a log line or an exception message prints as {@code ***}.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps a non-empty password. */
  public static Secret of(String value) {
    Checks.notNull(value, "password");
    Checks.check(!value.isEmpty(), "Cannot use an empty password");
    return new Secret(value);
  }

  /**
   * The password itself: only for an Authorization header or a connection parameter, never for
   * messages.
   */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "***";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
