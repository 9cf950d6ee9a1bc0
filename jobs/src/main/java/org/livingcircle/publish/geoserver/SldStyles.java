package org.livingcircle.publish.geoserver;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Generates SLD 1.0.0 documents (OGC 02-070, namespace {@value #SLD_NS}) from {@link StyleSpec}s.
 * GeoServer stores an SLD 1.0 upload as is when sent as {@value #CONTENT_TYPE}; SLD 1.1 sent under
 * that type gets rewritten (anchors-pipeline §7 item 16), so we only ever write 1.0.
 */
public final class SldStyles {
  /** SLD 1.0 media type for GeoServer's styles endpoint. */
  public static final String CONTENT_TYPE = "application/vnd.ogc.sld+xml";

  public static final String SLD_NS = "http://www.opengis.net/sld";
  public static final String OGC_NS = "http://www.opengis.net/ogc";
  private static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
  private static final String SCHEMA_LOCATION =
      SLD_NS + " http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd";

  private SldStyles() {}

  /** The SLD document for {@code style}, UTF-8, with {@link StyleClasses#nRules()} rules. */
  public static String sld(StyleSpec style) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.setDefaultNamespace(SLD_NS);
      xml.setPrefix("ogc", OGC_NS);
      xml.setPrefix("xsi", XSI_NS);
      xml.writeStartElement(SLD_NS, "StyledLayerDescriptor");
      xml.writeDefaultNamespace(SLD_NS);
      xml.writeNamespace("ogc", OGC_NS);
      xml.writeNamespace("xsi", XSI_NS);
      xml.writeAttribute("version", "1.0.0");
      xml.writeAttribute(XSI_NS, "schemaLocation", SCHEMA_LOCATION);
      xml.writeStartElement(SLD_NS, "NamedLayer");
      text(xml, "Name", style.name());
      xml.writeStartElement(SLD_NS, "UserStyle");
      text(xml, "Name", style.name());
      text(xml, "Title", style.title().joined());
      xml.writeStartElement(SLD_NS, "FeatureTypeStyle");
      rules(xml, style.classes());
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(
          "Cannot write SLD for style " + style.name() + ": " + e.getMessage(), e);
    }
    return out.toString();
  }

  private static void rules(XMLStreamWriter xml, StyleClasses classes) throws XMLStreamException {
    if (classes instanceof StyleClasses.Graduated g) {
      graduated(xml, g);
    } else if (classes instanceof StyleClasses.Categorical c) {
      categorical(xml, c);
    } else if (classes instanceof StyleClasses.PolygonFill p) {
      startRule(xml, "all", "all");
      polygon(xml, p.fillColour(), p.fillOpacity(), p.strokeColour(), p.strokeWidthPx());
      xml.writeEndElement();
    } else if (classes instanceof StyleClasses.PointMark m) {
      startRule(xml, "all", "all");
      point(xml, m);
      xml.writeEndElement();
    } else {
      throw new IllegalStateException(
          "Cannot write rules for " + classes.getClass().getSimpleName());
    }
  }

  private static void graduated(XMLStreamWriter xml, StyleClasses.Graduated g)
      throws XMLStreamException {
    List<Double> breaks = g.breaks();
    int nClasses = g.colours().size();
    for (int i = 0; i < nClasses; i++) {
      String lower = i == 0 ? "" : number(breaks.get(i - 1));
      String upper = i == nClasses - 1 ? "" : number(breaks.get(i));
      String title =
          lower.isEmpty()
              ? "< " + upper + " " + g.unit()
              : upper.isEmpty()
                  ? "≥ " + lower + " " + g.unit()
                  : lower + "–" + upper + " " + g.unit();
      startRule(xml, "class_" + i, title);
      xml.writeStartElement(OGC_NS, "Filter");
      if (!lower.isEmpty() && !upper.isEmpty()) {
        xml.writeStartElement(OGC_NS, "And");
      }
      if (!lower.isEmpty()) {
        comparison(xml, "PropertyIsGreaterThanOrEqualTo", g.property(), lower);
      }
      if (!upper.isEmpty()) {
        comparison(xml, "PropertyIsLessThan", g.property(), upper);
      }
      if (!lower.isEmpty() && !upper.isEmpty()) {
        xml.writeEndElement();
      }
      xml.writeEndElement();
      polygon(xml, g.colours().get(i), 1.0, g.strokeColour(), 0.5);
      xml.writeEndElement();
    }
    noData(xml, g.property(), g.noDataColour(), g.strokeColour());
  }

  private static void categorical(XMLStreamWriter xml, StyleClasses.Categorical c)
      throws XMLStreamException {
    for (StyleClasses.Category category : c.categories()) {
      startRule(xml, "value_" + category.value(), category.label());
      xml.writeStartElement(OGC_NS, "Filter");
      comparison(xml, "PropertyIsEqualTo", c.property(), category.value());
      xml.writeEndElement();
      polygon(xml, category.colour(), 1.0, c.strokeColour(), 0.5);
      xml.writeEndElement();
    }
    noData(xml, c.property(), c.noDataColour(), c.strokeColour());
  }

  private static void noData(XMLStreamWriter xml, String property, String colour, String stroke)
      throws XMLStreamException {
    startRule(xml, "no_data", "无数据 / no data");
    xml.writeStartElement(OGC_NS, "Filter");
    xml.writeStartElement(OGC_NS, "PropertyIsNull");
    text(xml, OGC_NS, "PropertyName", property);
    xml.writeEndElement();
    xml.writeEndElement();
    polygon(xml, colour, 1.0, stroke, 0.5);
    xml.writeEndElement();
  }

  private static void startRule(XMLStreamWriter xml, String name, String title)
      throws XMLStreamException {
    xml.writeStartElement(SLD_NS, "Rule");
    text(xml, "Name", name);
    text(xml, "Title", title);
  }

  private static void comparison(
      XMLStreamWriter xml, String operator, String property, String literal)
      throws XMLStreamException {
    xml.writeStartElement(OGC_NS, operator);
    text(xml, OGC_NS, "PropertyName", property);
    text(xml, OGC_NS, "Literal", literal);
    xml.writeEndElement();
  }

  private static void polygon(
      XMLStreamWriter xml, String fill, double opacity, String stroke, double strokeWidthPx)
      throws XMLStreamException {
    xml.writeStartElement(SLD_NS, "PolygonSymbolizer");
    xml.writeStartElement(SLD_NS, "Fill");
    css(xml, "fill", fill);
    css(xml, "fill-opacity", number(opacity));
    xml.writeEndElement();
    xml.writeStartElement(SLD_NS, "Stroke");
    css(xml, "stroke", stroke);
    css(xml, "stroke-width", number(strokeWidthPx));
    xml.writeEndElement();
    xml.writeEndElement();
  }

  private static void point(XMLStreamWriter xml, StyleClasses.PointMark m)
      throws XMLStreamException {
    xml.writeStartElement(SLD_NS, "PointSymbolizer");
    xml.writeStartElement(SLD_NS, "Graphic");
    xml.writeStartElement(SLD_NS, "Mark");
    text(xml, "WellKnownName", m.wellKnownName());
    xml.writeStartElement(SLD_NS, "Fill");
    css(xml, "fill", m.fillColour());
    xml.writeEndElement();
    xml.writeStartElement(SLD_NS, "Stroke");
    css(xml, "stroke", m.strokeColour());
    xml.writeEndElement();
    xml.writeEndElement();
    text(xml, "Size", number(m.sizePx()));
    xml.writeEndElement();
    xml.writeEndElement();
  }

  private static void css(XMLStreamWriter xml, String name, String value)
      throws XMLStreamException {
    xml.writeStartElement(SLD_NS, "CssParameter");
    xml.writeAttribute("name", name);
    xml.writeCharacters(value);
    xml.writeEndElement();
  }

  private static void text(XMLStreamWriter xml, String element, String value)
      throws XMLStreamException {
    text(xml, SLD_NS, element, value);
  }

  private static void text(XMLStreamWriter xml, String ns, String element, String value)
      throws XMLStreamException {
    xml.writeStartElement(ns, element);
    xml.writeCharacters(value);
    xml.writeEndElement();
  }

  /** Shortest plain decimal: 15.0 → "15", 0.5 → "0.5". */
  private static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
