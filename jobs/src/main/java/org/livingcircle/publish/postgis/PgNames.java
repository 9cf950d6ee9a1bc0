package org.livingcircle.publish.postgis;

import java.util.regex.Pattern;
import org.livingcircle.common.Checks;

/**
 * Identifier rules: lower-case snake_case, at most 63 bytes (PostgreSQL's NAMEDATALEN - 1), so
 * never quoted.
 */
final class PgNames {
  static final int MAX_IDENTIFIER_CHARS = 63;
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

  private PgNames() {}

  static String checkIdentifier(String value, String what) {
    Checks.check(
        value != null && IDENTIFIER.matcher(value).matches(),
        "Cannot use %s '%s': not a lower-case snake_case identifier",
        what,
        value);
    Checks.check(
        value.length() <= MAX_IDENTIFIER_CHARS,
        "Cannot use %s %s: longer than %d characters",
        what,
        value,
        MAX_IDENTIFIER_CHARS);
    return value;
  }
}
