package org.livingcircle.ingest;

import java.io.Serializable;
import java.util.Map;

/** Maps source classifications to configured category ids; null when nothing matches. */
public interface CategoryLookup extends Serializable {
  /** Category of an Amap typecode (6 digits, or several joined by '|'), or null. */
  String byTypecode(String typecode);

  /** Category of an OSM tag set, or null. */
  String byOsmTags(Map<String, String> tags);

  /** True if {@code id} is a configured category id. */
  boolean isCategory(String id);
}
