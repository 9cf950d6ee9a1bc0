package org.livingcircle.common;

/**
 * Argument checks that throw {@link IllegalArgumentException} with "Cannot ...: value" messages.
 */
public final class Checks {
  private Checks() {}

  public static void check(boolean condition, String messageFormat, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(messageFormat, args));
    }
  }

  /** As {@link #check} for a command-line flag's value: a {@link UsageException} (exit code 2). */
  public static void checkUsage(boolean condition, String messageFormat, Object... args) {
    if (!condition) {
      throw new UsageException(String.format(messageFormat, args));
    }
  }

  public static <T> T notNull(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException("Cannot use null " + name);
    }
    return value;
  }

  public static double finite(double value, String name) {
    check(Double.isFinite(value), "Cannot use %s: %s is not a finite number", name, value);
    return value;
  }

  public static double positive(double value, String name) {
    check(
        value > 0 && Double.isFinite(value),
        "Cannot use %s: %s is not a positive number",
        name,
        value);
    return value;
  }

  public static int positive(int value, String name) {
    check(value > 0, "Cannot use %s: %s is not positive", name, value);
    return value;
  }
}
