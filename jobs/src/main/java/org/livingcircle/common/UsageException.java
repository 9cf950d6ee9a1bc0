package org.livingcircle.common;

/**
 * A command-line flag whose value cannot be used; the CLI exits with 2 (usage), as for
 * configuration errors.
 */
public final class UsageException extends IllegalArgumentException {
  public UsageException(String message) {
    super(message);
  }
}
