package org.livingcircle.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ordered category list from {@code conf/categories.yaml}. The order is the category index used
 * by the indicator kernels ({@code [category * nCells + cell]}).
 *
 * <p>Invariants (checked on construction): at least one category; ids unique; no Amap typecode
 * prefix and no OSM tag in two categories (see {@link TypecodeMapper}).
 */
public record Categories(List<Category> categories) {
  /** Schema file name under {@code schemas/}. */
  public static final String SCHEMA = "categories.schema.json";

  /** Returned by {@link #indexOf} for an unknown id. */
  public static final int NOT_FOUND = -1;

  public Categories {
    if (categories == null || categories.isEmpty()) {
      throw new ConfigProblem("/categories", "Cannot use an empty category list");
    }
    categories = List.copyOf(categories);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < categories.size(); i++) {
      Integer previous = seen.putIfAbsent(categories.get(i).id(), i);
      if (previous != null) {
        throw new ConfigProblem(
            "/categories/" + i + "/id",
            "Cannot use category id "
                + categories.get(i).id()
                + " twice: also /categories/"
                + previous
                + "/id");
      }
    }
    TypecodeMapper.checkUnambiguous(categories);
  }

  /**
   * Loads and validates a categories file; errors are {@link
   * org.livingcircle.common.ConfigException}s.
   */
  public static Categories load(Path file) {
    return YamlConfig.load(file, SCHEMA, Categories.class);
  }

  public int size() {
    return categories.size();
  }

  /** The category at kernel index {@code index}. */
  public Category get(int index) {
    return categories.get(index);
  }

  /** Kernel index of {@code id}, or {@link #NOT_FOUND}. */
  public int indexOf(String id) {
    for (int i = 0; i < categories.size(); i++) {
      if (categories.get(i).id().equals(id)) {
        return i;
      }
    }
    return NOT_FOUND;
  }

  public Optional<Category> find(String id) {
    int i = indexOf(id);
    return i == NOT_FOUND ? Optional.empty() : Optional.of(categories.get(i));
  }

  /** The category {@code id}; throws {@link IllegalArgumentException} when it is not configured. */
  public Category require(String id) {
    return find(id)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Cannot find category " + id + ": not in the configuration"));
  }

  /** Categories of {@code tier}, in configuration order. */
  public List<Category> inTier(Tier tier) {
    List<Category> result = new ArrayList<>();
    for (Category c : categories) {
      if (c.tier() == tier) {
        result.add(c);
      }
    }
    return List.copyOf(result);
  }

  /** All ids in configuration order. */
  public List<String> ids() {
    List<String> result = new ArrayList<>(categories.size());
    for (Category c : categories) {
      result.add(c.id());
    }
    return List.copyOf(result);
  }
}
