package org.livingcircle.publish.geoserver;

/**
 * A text in Simplified Chinese and English. GeoServer's {@code title} and {@code abstract} are
 * single strings, so {@link #joined()} writes both, Chinese first: the portal's audience reads
 * Chinese, the metadata harvesters English.
 */
public record Bilingual(String zh, String en) {
  public Bilingual {
    Names.text(zh, "Chinese text");
    Names.text(en, "English text");
  }

  /** {@code "zh / en"} for titles; {@link #paragraphs()} for abstracts. */
  public String joined() {
    return zh + " / " + en;
  }

  /** Chinese paragraph, blank line, English paragraph. */
  public String paragraphs() {
    return zh + "\n\n" + en;
  }
}
