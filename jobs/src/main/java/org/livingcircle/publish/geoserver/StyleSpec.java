package org.livingcircle.publish.geoserver;

import org.livingcircle.common.Checks;

/**
 * A style to generate with {@link SldStyles} and upload as SLD 1.0.
 *
 * @param name style name in the workspace
 * @param title title shown in legends
 * @param classes the classification, from configuration
 */
public record StyleSpec(String name, Bilingual title, StyleClasses classes) {
  public StyleSpec {
    Names.name(name, "style");
    Checks.notNull(title, "style title");
    Checks.notNull(classes, "style classes");
  }
}
