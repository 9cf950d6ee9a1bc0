package org.livingcircle.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps Amap typecodes and OSM tags to category ids.
 *
 * <p>Amap typecodes have 6 digits: 2 for the major class (大类), 2 for the middle class (中类), 2 for
 * the minor class (小类). A category lists prefixes of 2, 4 or 6 digits; a typecode maps to the
 * category with the longest matching prefix, so {@code 080111} (gym) beats {@code 0801} (fitness
 * ground). Amap exports may hold several typecodes separated by {@code |} ("060200|060400"): the
 * first one that maps wins. Anything else maps to nothing and the ingest quarantines the row.
 *
 * <p>OSM features map through rules of one or more {@code key=value} conditions joined by {@code &}
 * (all must hold); a condition holds when the feature's value of the key equals the value or one
 * element of its {@code ;}-separated list. When rules of several categories match, the category
 * that comes first in the configuration wins. Immutable and thread-safe.
 */
public final class TypecodeMapper implements java.io.Serializable {
  private static final int[] PREFIX_LENGTHS = {6, 4, 2};
  private static final int TYPECODE_LENGTH = 6;

  private final Map<String, String> categoryByPrefix;

  /** Per rule: its conditions as {key, value} pairs. */
  private final List<String[][]> rules;

  /** Category index per rule. */
  private final int[] ruleCategory;

  private final List<String> ids;

  private TypecodeMapper(
      Map<String, String> categoryByPrefix,
      List<String[][]> rules,
      int[] ruleCategory,
      List<String> ids) {
    this.categoryByPrefix = Map.copyOf(categoryByPrefix);
    this.rules = List.copyOf(rules);
    this.ruleCategory = ruleCategory;
    this.ids = ids;
  }

  /** Builds the mapper; {@code categories} is already checked to be unambiguous. */
  public static TypecodeMapper of(Categories categories) {
    Map<String, String> byPrefix = new HashMap<>();
    List<String[][]> rules = new java.util.ArrayList<>();
    List<Integer> ruleCategory = new java.util.ArrayList<>();
    for (int i = 0; i < categories.size(); i++) {
      Category c = categories.get(i);
      for (String prefix : c.amapTypecodes()) {
        byPrefix.put(prefix, c.id());
      }
      for (String tag : c.osmTags()) {
        String[] parts = tag.split("&");
        String[][] conditions = new String[parts.length][];
        for (int j = 0; j < parts.length; j++) {
          int eq = parts[j].indexOf('=');
          conditions[j] = new String[] {parts[j].substring(0, eq), parts[j].substring(eq + 1)};
        }
        rules.add(conditions);
        ruleCategory.add(i);
      }
    }
    return new TypecodeMapper(
        byPrefix,
        rules,
        ruleCategory.stream().mapToInt(Integer::intValue).toArray(),
        categories.ids());
  }

  /**
   * Category id of an Amap typecode field such as {@code "060200"} or {@code "060200|060400"};
   * empty when no part is a 6-digit code with a configured prefix.
   */
  public Optional<String> categoryOfTypecodes(String typecodes) {
    if (typecodes == null) {
      return Optional.empty();
    }
    int start = 0;
    while (start <= typecodes.length()) {
      int end = typecodes.indexOf('|', start);
      if (end < 0) {
        end = typecodes.length();
      }
      String id = categoryOfOne(typecodes.substring(start, end).strip());
      if (id != null) {
        return Optional.of(id);
      }
      start = end + 1;
    }
    return Optional.empty();
  }

  /** Category id of an OSM feature's tags; empty when no configured rule holds. */
  public Optional<String> categoryOfOsmTags(Map<String, String> tags) {
    int best = Integer.MAX_VALUE;
    for (int r = 0; r < rules.size(); r++) {
      if (ruleCategory[r] < best && holds(rules.get(r), tags)) {
        best = ruleCategory[r];
      }
    }
    return best == Integer.MAX_VALUE ? Optional.empty() : Optional.of(ids.get(best));
  }

  private static boolean holds(String[][] conditions, Map<String, String> tags) {
    for (String[] kv : conditions) {
      String value = tags.get(kv[0]);
      if (value == null || !(value.equals(kv[1]) || listHolds(value, kv[1]))) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when {@code wanted} is one element of the OSM list {@code value}
   * ("breakfast;coffee_shop").
   */
  private static boolean listHolds(String value, String wanted) {
    if (value.indexOf(';') < 0) {
      return false;
    }
    for (String part : value.split(";")) {
      if (part.strip().equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  private String categoryOfOne(String typecode) {
    if (typecode.length() != TYPECODE_LENGTH || !isDigits(typecode)) {
      return null;
    }
    for (int length : PREFIX_LENGTHS) {
      String id = categoryByPrefix.get(typecode.substring(0, length));
      if (id != null) {
        return id;
      }
    }
    return null;
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Rejects a typecode prefix or OSM tag listed in two categories: the mapping would depend on
   * order.
   */
  static void checkUnambiguous(List<Category> categories) {
    Map<String, String> prefixOwner = new HashMap<>();
    Map<String, String> tagOwner = new HashMap<>();
    for (int i = 0; i < categories.size(); i++) {
      Category c = categories.get(i);
      for (int j = 0; j < c.amapTypecodes().size(); j++) {
        String prefix = c.amapTypecodes().get(j);
        String owner = prefixOwner.putIfAbsent(prefix, c.id());
        if (owner != null && !owner.equals(c.id())) {
          throw new ConfigProblem(
              "/categories/" + i + "/amap_typecodes/" + j,
              "Cannot map Amap typecode prefix "
                  + prefix
                  + " to "
                  + c.id()
                  + ": already mapped to "
                  + owner);
        }
      }
      for (int j = 0; j < c.osmTags().size(); j++) {
        String tag = c.osmTags().get(j);
        String owner = tagOwner.putIfAbsent(tag, c.id());
        if (owner != null && !owner.equals(c.id())) {
          throw new ConfigProblem(
              "/categories/" + i + "/osm_tags/" + j,
              "Cannot map OSM tag " + tag + " to " + c.id() + ": already mapped to " + owner);
        }
      }
    }
  }
}
