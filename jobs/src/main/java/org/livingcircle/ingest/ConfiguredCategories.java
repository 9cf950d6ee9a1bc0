package org.livingcircle.ingest;

import java.util.Map;
import java.util.Set;
import org.livingcircle.config.Categories;
import org.livingcircle.config.TypecodeMapper;

/** {@link CategoryLookup} over {@code conf/categories.yaml}; serializable for Spark tasks. */
public final class ConfiguredCategories implements CategoryLookup {
  private static final long serialVersionUID = 1L;

  private final TypecodeMapper mapper;
  private final Set<String> ids;

  public ConfiguredCategories(Categories categories) {
    this.mapper = TypecodeMapper.of(categories);
    this.ids = Set.copyOf(categories.ids());
  }

  @Override
  public String byTypecode(String typecode) {
    return mapper.categoryOfTypecodes(typecode).orElse(null);
  }

  @Override
  public String byOsmTags(Map<String, String> tags) {
    return mapper.categoryOfOsmTags(tags).orElse(null);
  }

  @Override
  public boolean isCategory(String id) {
    return ids.contains(id);
  }
}
