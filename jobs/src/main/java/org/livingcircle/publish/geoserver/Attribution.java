package org.livingcircle.publish.geoserver;

/** WMS layer attribution: the data provider's name and web page. */
public record Attribution(String title, String href) {
  public Attribution {
    Names.text(title, "attribution title");
    Names.url(href, "attribution URL");
  }
}
