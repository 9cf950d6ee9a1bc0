package org.livingcircle.publish.geoserver;

/**
 * A link to a metadata record, advertised in WMS/WFS capabilities.
 *
 * @param mimeType media type of the record, e.g. {@code text/html} or {@code application/xml}
 * @param metadataType standard name as GeoServer lists it: {@code ISO19115:2003}, {@code FGDC},
 *     {@code TC211}, {@code 19139} or {@code other}
 * @param url http(s) address of the record
 */
public record MetadataLink(String mimeType, String metadataType, String url) {
  public MetadataLink {
    Names.text(mimeType, "metadata link type");
    Names.text(metadataType, "metadata link standard");
    Names.url(url, "metadata link URL");
  }
}
