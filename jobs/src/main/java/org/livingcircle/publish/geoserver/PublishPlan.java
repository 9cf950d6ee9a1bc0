package org.livingcircle.publish.geoserver;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.livingcircle.common.Checks;

/**
 * Everything one publish run puts into GeoServer: one workspace, one PostGIS store, its layers,
 * their styles and the layer groups. Names are unique per kind; every referenced style and layer is
 * part of the plan.
 */
public record PublishPlan(
    String workspace,
    PostgisStoreSpec store,
    List<LayerSpec> layers,
    List<StyleSpec> styles,
    List<LayerGroupSpec> groups) {
  public PublishPlan {
    Names.name(workspace, "workspace");
    Checks.notNull(store, "store");
    layers = Names.unique(layers, LayerSpec::name, "layer");
    styles = Names.unique(styles, StyleSpec::name, "style");
    groups = Names.unique(groups, LayerGroupSpec::name, "layer group");
    Checks.check(
        !layers.isEmpty(), "Cannot publish workspace %s: the plan has no layers", workspace);
    Set<String> styleNames = new HashSet<>();
    styles.forEach(s -> styleNames.add(s.name()));
    Set<String> layerNames = new HashSet<>();
    for (LayerSpec layer : layers) {
      layerNames.add(layer.name());
      Names.contains(
          styleNames, layer.style(), "style", "the styles of layer " + layer.name() + ":");
    }
    for (LayerGroupSpec group : groups) {
      Checks.check(
          !layerNames.contains(group.name()),
          "Cannot use layer group name %s: a layer has the same name",
          group.name());
      for (String layer : group.layers()) {
        Names.contains(layerNames, layer, "layer", "the layers of group " + group.name() + ":");
      }
    }
  }

  /** The layer called {@code name}. */
  public LayerSpec layer(String name) {
    return layers.stream()
        .filter(l -> l.name().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("Cannot find layer " + name + " in the plan"));
  }
}
