package org.livingcircle.publish.geoserver;

import java.net.URI;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.livingcircle.common.Checks;

/** Shared checks for catalog names, colours and URLs used by the publish records. */
final class Names {
  /**
   * ASCII names keep REST paths free of percent-encoding and are valid XML names and SQL
   * identifiers.
   */
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,62}");

  private static final Pattern COLOUR = Pattern.compile("#[0-9A-Fa-f]{6}");

  private Names() {}

  static String name(String value, String what) {
    Checks.check(
        value != null && NAME.matcher(value).matches(),
        "Cannot use %s name '%s': expected 1-63 ASCII letters, digits, '_' or '-', starting with a letter or '_'",
        what,
        value);
    return value;
  }

  static String colour(String value, String what) {
    Checks.check(
        value != null && COLOUR.matcher(value).matches(),
        "Cannot use %s colour '%s': expected #RRGGBB",
        what,
        value);
    return value;
  }

  static String text(String value, String what) {
    Checks.check(value != null && !value.isBlank(), "Cannot use %s: it is blank", what);
    return value;
  }

  static String url(String value, String what) {
    Checks.notNull(value, what);
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Cannot use " + what + " '" + value + "': not a URL", e);
    }
    Checks.check(
        ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            && uri.getHost() != null,
        "Cannot use %s '%s': expected an http(s) URL",
        what,
        value);
    return value;
  }

  static <T> List<T> unique(List<T> values, Function<T, String> key, String what) {
    Checks.notNull(values, what + " list");
    Set<String> seen = new HashSet<>();
    for (T value : values) {
      Checks.notNull(value, what);
      Checks.check(seen.add(key.apply(value)), "Cannot use %s '%s' twice", what, key.apply(value));
    }
    return List.copyOf(values);
  }

  static void contains(Collection<String> known, String name, String what, String where) {
    Checks.check(known.contains(name), "Cannot find %s '%s' in %s %s", what, name, where, known);
  }
}
