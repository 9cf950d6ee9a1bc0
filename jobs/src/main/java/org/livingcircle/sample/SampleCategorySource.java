package org.livingcircle.sample;

import java.util.List;

/**
 * Where the generator gets its categories from. At merge, an adapter over the project's categories
 * configuration replaces {@link YamlSampleCategorySource}.
 */
public interface SampleCategorySource {
  /** Categories in configuration order (the order matters for deterministic output). */
  List<SampleCategory> categories();
}
