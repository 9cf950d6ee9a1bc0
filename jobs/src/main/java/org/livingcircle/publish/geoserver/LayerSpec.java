package org.livingcircle.publish.geoserver;

import java.util.List;
import java.util.regex.Pattern;
import org.livingcircle.common.Checks;

/**
 * A PostGIS table published as a feature type and WMS/WFS layer.
 *
 * @param name layer name in the workspace
 * @param table table name in the store's schema (GeoServer's {@code nativeName})
 * @param srs declared CRS as {@code EPSG:code}
 * @param title layer title
 * @param description layer abstract
 * @param keywords keywords, usually in both languages
 * @param metadataLinks links to metadata records
 * @param style name of the default style, one of the plan's styles
 * @param attribution data provider credit
 */
public record LayerSpec(
    String name,
    String table,
    String srs,
    Bilingual title,
    Bilingual description,
    List<Keyword> keywords,
    List<MetadataLink> metadataLinks,
    String style,
    Attribution attribution) {
  private static final Pattern SRS = Pattern.compile("EPSG:[0-9]{4,6}");

  public LayerSpec {
    Names.name(name, "layer");
    Names.name(table, "table");
    Checks.check(
        srs != null && SRS.matcher(srs).matches(),
        "Cannot use SRS '%s' for layer %s: expected EPSG:code",
        srs,
        name);
    Checks.notNull(title, "layer title");
    Checks.notNull(description, "layer abstract");
    keywords = Names.unique(keywords, Keyword::encoded, "keyword");
    metadataLinks = Names.unique(metadataLinks, MetadataLink::url, "metadata link");
    Names.name(style, "style");
    Checks.notNull(attribution, "attribution");
  }
}
