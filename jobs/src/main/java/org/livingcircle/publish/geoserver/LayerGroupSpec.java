package org.livingcircle.publish.geoserver;

import java.util.List;
import org.livingcircle.common.Checks;

/**
 * A layer group (one per city), drawn in list order with each layer's default style. GeoServer
 * refuses empty groups ("layer group must not be empty", anchors-pipeline §3.3 step 7), and so does
 * this record.
 *
 * @param name group name in the workspace
 * @param title group title
 * @param description group abstract (GeoServer's {@code abstractTxt})
 * @param layers names of the plan's layers, bottom first
 */
public record LayerGroupSpec(
    String name, Bilingual title, Bilingual description, List<String> layers) {
  public LayerGroupSpec {
    Names.name(name, "layer group");
    Checks.notNull(title, "layer group title");
    Checks.notNull(description, "layer group abstract");
    layers = Names.unique(layers, s -> s, "layer of group " + name);
    Checks.check(!layers.isEmpty(), "Cannot use layer group %s: it has no layers", name);
  }
}
