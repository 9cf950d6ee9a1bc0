package org.livingcircle.publish.geoserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SldStylesTest {
  private static final String OGC = "http://www.opengis.net/ogc";

  @Test
  void graduatedStyleHasOneRulePerClassPlusNoData() throws Exception {
    StyleSpec style =
        new StyleSpec(
            "walk",
            new Bilingual("步行时间", "Walking time"),
            new StyleClasses.Graduated(
                "walk_min",
                "min",
                List.of(5.0, 10.0, 15.0),
                List.of("#000001", "#000002", "#000003", "#000004"),
                "#cccccc",
                "#ffffff"));

    Document sld = parse(SldStyles.sld(style));

    Element root = sld.getDocumentElement();
    assertThat(root.getNamespaceURI()).isEqualTo("http://www.opengis.net/sld");
    assertThat(root.getLocalName()).isEqualTo("StyledLayerDescriptor");
    assertThat(root.getAttribute("version")).isEqualTo("1.0.0");
    assertThat(texts(sld, SldStyles.SLD_NS, "Title"))
        .containsExactly(
            "步行时间 / Walking time", "< 5 min", "5–10 min", "10–15 min", "≥ 15 min", "无数据 / no data");
    assertThat(sld.getElementsByTagNameNS(SldStyles.SLD_NS, "Rule").getLength()).isEqualTo(5);
    assertThat(texts(sld, OGC, "Literal")).containsExactly("5", "5", "10", "10", "15", "15");
    assertThat(texts(sld, SldStyles.SLD_NS, "CssParameter"))
        .contains("#000001", "#000004", "#cccccc");
    assertThat(sld.getElementsByTagNameNS(OGC, "PropertyIsNull").getLength()).isEqualTo(1);
  }

  @Test
  void breaksAndColoursComeFromConfiguration() throws Exception {
    StyleSpec style =
        new StyleSpec(
            "dist",
            new Bilingual("距离", "Distance"),
            new StyleClasses.Graduated(
                "walk_m",
                "m",
                List.of(250.0, 777.5),
                List.of("#111111", "#222222", "#333333"),
                "#cccccc",
                "#ffffff"));

    Document sld = parse(SldStyles.sld(style));

    assertThat(sld.getElementsByTagNameNS(SldStyles.SLD_NS, "Rule").getLength()).isEqualTo(4);
    assertThat(texts(sld, OGC, "Literal")).containsExactly("250", "250", "777.5", "777.5");
    assertThat(texts(sld, OGC, "PropertyName")).containsOnly("walk_m");
  }

  @Test
  void categoricalFillAndPointStyles() throws Exception {
    List<StyleSpec> styles = ShanxiPlans.styles();
    int[] expectedRules = {5, 5, 4, 1, 1};
    for (int i = 0; i < styles.size(); i++) {
      Document sld = parse(SldStyles.sld(styles.get(i)));
      assertThat(sld.getElementsByTagNameNS(SldStyles.SLD_NS, "Rule").getLength())
          .as(styles.get(i).name())
          .isEqualTo(expectedRules[i])
          .isEqualTo(styles.get(i).classes().nRules());
    }
    Document completeness = parse(SldStyles.sld(styles.get(2)));
    assertThat(texts(completeness, OGC, "Literal")).containsExactly("complete", "partial", "none");
    Document points = parse(SldStyles.sld(styles.get(4)));
    assertThat(texts(points, SldStyles.SLD_NS, "WellKnownName")).containsExactly("circle");
    assertThat(texts(points, SldStyles.SLD_NS, "Size")).containsExactly("6");
  }

  @Test
  void escapesTextFromConfiguration() throws Exception {
    StyleSpec style =
        new StyleSpec(
            "esc",
            new Bilingual("<甲&乙>", "a < b & \"c\""),
            new StyleClasses.PolygonFill("#ffffff", 1, "#000000", 1));

    assertThat(texts(parse(SldStyles.sld(style)), SldStyles.SLD_NS, "Title"))
        .containsExactly("<甲&乙> / a < b & \"c\"", "all");
  }

  @Test
  void rejectsInconsistentClasses() {
    assertThatThrownBy(
            () ->
                new StyleClasses.Graduated(
                    "walk_min",
                    "min",
                    List.of(5.0, 10.0),
                    List.of("#000001", "#000002"),
                    "#cccccc",
                    "#ffffff"))
        .hasMessage("Cannot classify walk_min: 2 breaks need 3 colours, got 2");
    assertThatThrownBy(
            () ->
                new StyleClasses.Graduated(
                    "walk_min",
                    "min",
                    List.of(10.0, 5.0),
                    List.of("#000001", "#000002", "#000003"),
                    "#cccccc",
                    "#ffffff"))
        .hasMessage(
            "Cannot classify walk_min: break 5.0 is not greater than the break before it, 10.0");
    assertThatThrownBy(
            () ->
                new StyleClasses.Graduated(
                    "walk_min",
                    "min",
                    List.of(5.0),
                    List.of("#000001", "red"),
                    "#cccccc",
                    "#ffffff"))
        .hasMessage("Cannot use class colour 'red': expected #RRGGBB");
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> texts(Document doc, String ns, String element) {
    NodeList nodes = doc.getElementsByTagNameNS(ns, element);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(nodes.item(i).getTextContent());
    }
    return out;
  }
}
