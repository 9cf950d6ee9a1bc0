package org.livingcircle.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.livingcircle.config.Categories;
import org.livingcircle.config.Category;

/**
 * The generator's view of {@code conf/categories.yaml}, loaded and validated by {@link Categories}.
 */
public final class ConfiguredSampleCategories implements SampleCategorySource {
  private final Categories categories;

  public ConfiguredSampleCategories(Categories categories) {
    this.categories = categories;
  }

  @Override
  public List<SampleCategory> categories() {
    List<SampleCategory> out = new ArrayList<>();
    for (Category c : categories.categories()) {
      out.add(
          new SampleCategory(
              c.id(),
              c.nameZh(),
              c.nameEn(),
              c.tier().id(),
              c.hasCapacity() ? Optional.of(c.capacityKind().id()) : Optional.empty(),
              c.amapTypecodes(),
              c.osmTags(),
              c.per1000()));
    }
    return List.copyOf(out);
  }
}
