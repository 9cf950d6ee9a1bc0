package org.livingcircle.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps Amap typecodes and OSM tags to category ids.
 *
 * <p>Amap typecodes have 6 digits: 2 for the major class (大类), 2 for the middle class (中类), 2 for the minor class
 * (小类). A category lists prefixes of 2, 4 or 6 digits; a typecode maps to the category with the longest matching
 * prefix, so {@code 080111} (gym) beats {@code 0801} (fitness ground). Amap exports may hold several typecodes
 * separated by {@code |} ("060200|060400"): the first one that maps wins. Anything else maps to nothing and the
 * ingest quarantines the row.
 *
 * <p>OSM features map through {@code key=value} tags; when several tags of one feature match, the category that
 * comes first in the configuration wins. Immutable and thread-safe.
 */
public final class TypecodeMapper implements java.io.Serializable {
  private static final int[] PREFIX_LENGTHS = {6, 4, 2};
  private static final int TYPECODE_LENGTH = 6;

  private final Map<String, String> categoryByPrefix;
  private final Map<String, Integer> categoryIndexByTag;
  private final List<String> ids;

  private TypecodeMapper(Map<String, String> categoryByPrefix, Map<String, Integer> categoryIndexByTag, List<String> ids) {
    this.categoryByPrefix = Map.copyOf(categoryByPrefix);
    this.categoryIndexByTag = Map.copyOf(categoryIndexByTag);
    this.ids = ids;
  }

  /** Builds the mapper; {@code categories} is already checked to be unambiguous. */
  public static TypecodeMapper of(Categories categories) {
    Map<String, String> byPrefix = new HashMap<>();
    Map<String, Integer> byTag = new HashMap<>();
    for (int i = 0; i < categories.size(); i++) {
      Category c = categories.get(i);
      for (String prefix : c.amapTypecodes()) {
        byPrefix.put(prefix, c.id());
      }
      for (String tag : c.osmTags()) {
        byTag.put(tag, i);
      }
    }
    return new TypecodeMapper(byPrefix, byTag, categories.ids());
  }

  /**
   * Category id of an Amap typecode field such as {@code "060200"} or {@code "060200|060400"}; empty when no part
   * is a 6-digit code with a configured prefix.
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

  /** Category id of an OSM feature's tags; empty when no {@code key=value} pair is configured. */
  public Optional<String> categoryOfOsmTags(Map<String, String> tags) {
    int best = Integer.MAX_VALUE;
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      Integer index = categoryIndexByTag.get(tag.getKey() + "=" + tag.getValue());
      if (index != null && index < best) {
        best = index;
      }
    }
    return best == Integer.MAX_VALUE ? Optional.empty() : Optional.of(ids.get(best));
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

  /** Rejects a typecode prefix or OSM tag listed in two categories: the mapping would depend on order. */
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
              "Cannot map Amap typecode prefix " + prefix + " to " + c.id() + ": already mapped to " + owner);
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
