package org.livingcircle.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.livingcircle.common.ConfigException;
import org.livingcircle.config.Targets;

class CompareTest {
  static Targets.Target target(
      String id, String indicator, List<String> scope, Targets.Comparator cmp, double value) {
    return new Targets.Target(
        id, indicator, scope, cmp, value, "share", 2025, "seed 00x §y", "note");
  }

  static Comparison.UnitValues unit(
      String code, String cityCode, String county, double share, Double beds) {
    Map<String, Double> v = new HashMap<>();
    v.put("share_basic_complete_10min", share);
    v.put("beds", beds);
    return new Comparison.UnitValues(
        code, cityCode, "晋城市", county == null ? null : code, county, v);
  }

  static final List<Comparison.UnitValues> UNITS =
      List.of(
          unit("140502", "140500", "城区", 0.9, 40.0),
          unit("140522", "140500", "阳城县", 0.75, null),
          unit("140500", "140500", null, 0.7999999999999999, 30.0));

  @Test
  void metAndSignedGap() {
    List<Comparison.Line> lines =
        Comparison.evaluate(
            List.of(
                target(
                    "cover",
                    "share_basic_complete_10min",
                    List.of("140500"),
                    Targets.Comparator.AT_LEAST,
                    0.8),
                target(
                    "beds_max",
                    "beds",
                    List.of("140502", "140522"),
                    Targets.Comparator.AT_MOST,
                    35)),
            Set.of("share_basic_complete_10min", "beds"),
            UNITS,
            "t");
    assertThat(lines)
        .extracting(Comparison.Line::targetId)
        .containsExactly("cover", "cover", "cover", "beds_max", "beds_max");
    // ≥ 0.8: 0.9 met with gap −0.1; 0.75 short by 0.05; 0.7999999999999999 is 0.8 within the
    // tolerance
    assertThat(lines.get(0).met()).isTrue();
    assertThat(lines.get(0).gap()).isCloseTo(-0.1, within(1e-12));
    assertThat(lines.get(1).met()).isFalse();
    assertThat(lines.get(1).gap()).isCloseTo(0.05, within(1e-12));
    assertThat(lines.get(2).met()).isTrue();
    assertThat(lines.get(2).countyCode()).isNull();
    // ≤ 35: 40 is 5 over (positive = short of the target); a null value is unknown
    assertThat(lines.get(3).met()).isFalse();
    assertThat(lines.get(3).gap()).isEqualTo(5.0);
    assertThat(lines.get(4).met()).isNull();
    assertThat(lines.get(4).gap()).isNull();
    assertThat(lines.get(4).value()).isNull();
  }

  @Test
  void missingColumnNamesTargetAndColumn() {
    assertThatThrownBy(
            () ->
                Comparison.evaluate(
                    List.of(
                        target(
                            "docs",
                            "physicians_per_1000",
                            List.of("all"),
                            Targets.Comparator.AT_LEAST,
                            3)),
                    Set.of("share_basic_complete_10min"),
                    UNITS,
                    "out/x/aggregate/admin_indicators"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Cannot evaluate target docs: out/x/aggregate/admin_indicators has no column physicians_per_1000;"
                + " fix conf/targets.yaml or rerun lcp aggregate");
  }

  @Test
  void csvQuotesAndLeavesNullsEmpty() throws IOException {
    Comparison.Line line =
        new Comparison.Line(
            "t",
            "140500",
            "晋城市",
            null,
            null,
            "beds",
            null,
            35.4,
            ">=",
            null,
            null,
            "beds per 1,000",
            2020,
            "seed 004 \"Box 1\"",
            Comparison.TARGET,
            "",
            "",
            "",
            "",
            null,
            false);
    StringWriter w = new StringWriter();
    Comparison.writeCsv(List.of(line), w);
    assertThat(w.toString())
        .isEqualTo(
            "target_id,city_code,city_name,county_code,county_name,indicator,value,target,comparator,met,gap,unit,year,source,"
                + "kind,threshold,document,line,measured_on,sites_needed,reachable_within_budget\n"
                + "t,140500,晋城市,,,beds,,35.4,>=,,,\"beds per 1,000\",2020,\"seed 004 \"\"Box 1\"\"\",target,,,,,,false\n");
  }

  @Test
  void tableAlignsWideCharacters() {
    String table =
        Comparison.table(
            Comparison.evaluate(
                List.of(
                    target(
                        "cover",
                        "share_basic_complete_10min",
                        List.of("all"),
                        Targets.Comparator.AT_LEAST,
                        0.8)),
                Set.of("share_basic_complete_10min"),
                UNITS,
                "t"));
    String[] lines = table.split("\n");
    assertThat(lines).hasSize(4);
    // numbers are right-aligned: the value column ends at the same display column in every row (CJK
    // = 2 columns)
    int end = columns(lines[0].substring(0, lines[0].indexOf("value") + "value".length()));
    for (String l : lines) {
      int offset =
          l.indexOf(l.contains("share_basic") ? "share_basic_complete_10min" : "indicator");
      String head = l.substring(0, offset);
      assertThat(columns(head))
          .as(l)
          .isEqualTo(columns(lines[0].substring(0, lines[0].indexOf("indicator"))));
    }
    assertThat(lines[2])
        .contains("阳城县")
        .contains("0.7500")
        .contains("  NO  ")
        .contains("10 min walk");
    assertThat(Comparison.displayWidth("阳城县 ab"))
        .isEqualTo(9); // hand-counted: 3 ideographs × 2 + space + 2
    assertThat(columns(lines[2].substring(0, lines[2].indexOf("0.7500") + 6))).isEqualTo(end);
  }

  /**
   * Terminal columns by an independent rule: a Han ideograph takes 2, anything else 1 (the test's
   * text is ASCII + Han).
   */
  private static int columns(String s) {
    return s.codePoints()
        .map(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN ? 2 : 1)
        .sum();
  }

  @Test
  void baselinesAreListedButNotJudgedAndTownshipsMeasuredOnTheirCounty() {
    Targets all =
        new Targets(
            List.of(),
            List.of(
                new Targets.Target(
                    "seat",
                    "share_basic_complete_10min",
                    List.of("140522100"),
                    Targets.Comparator.AT_LEAST,
                    1.0,
                    "share",
                    2025,
                    "seed 000 plan",
                    "L185",
                    "所有社区",
                    "n",
                    10.0,
                    null,
                    null)),
            List.of(
                new Targets.Baseline(
                    "beds_2020",
                    "share_basic_complete_10min",
                    List.of("140502"),
                    0.5,
                    "share",
                    2020,
                    "seed 004 outline",
                    "专栏1 #32",
                    "35.4",
                    "a 2020 result")));
    List<Comparison.Line> lines =
        Comparison.evaluate(all, Set.of("share_basic_complete_10min"), UNITS, "t");

    assertThat(lines).extracting(Comparison.Line::targetId).containsExactly("seat", "beds_2020");
    Comparison.Line seat = lines.get(0);
    assertThat(seat.countyCode()).isEqualTo("140522");
    assertThat(seat.met()).isFalse();
    assertThat(seat.threshold()).isEqualTo("10 min walk");
    assertThat(seat.measuredOn()).startsWith("scope 140522100 measured on county 140522");
    Comparison.Line base = lines.get(1);
    assertThat(base.kind()).isEqualTo(Comparison.BASELINE);
    assertThat(base.met()).isNull();
    assertThat(base.gap()).isNull();
    assertThat(base.value()).isNotNull();
    assertThat(Comparison.table(lines)).contains("baseline 2020");
  }
}
