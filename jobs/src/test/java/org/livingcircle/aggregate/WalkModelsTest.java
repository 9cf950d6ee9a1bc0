package org.livingcircle.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WalkModelsTest {
  /**
   * A unit of a network-model city: basic shares 10/15 min network and straight, detour quantiles.
   */
  static Comparison.UnitValues networkUnit(
      String code, String county, double[] network, double[] straight) {
    Map<String, Double> v = new HashMap<>();
    v.put("share_basic_complete_10min", network[0]);
    v.put("share_basic_10min_network", network[0]);
    v.put("share_basic_15min_network", network[1]);
    v.put("share_basic_10min_straight", straight[0]);
    v.put("share_basic_15min_straight", straight[1]);
    v.put("detour_p10", 1.125);
    v.put("detour_p50", 1.5);
    v.put("detour_p90", 2.25);
    v.put("share_unlinked", 0.0625);
    v.put("detour_factor_assumed", 1.25);
    return new Comparison.UnitValues(
        code, "140500", "晋城市", county == null ? null : code, county, v);
  }

  @Test
  void oneLinePerNetworkUnitAndWalkingTimeWithTheOverstatement() {
    Map<String, Double> straightOnly = new HashMap<>();
    straightOnly.put("share_basic_complete_10min", 0.5);
    List<WalkModels.Line> lines =
        WalkModels.of(
            List.of(
                networkUnit("140502", "城区", new double[] {0.5, 0.75}, new double[] {0.625, 0.875}),
                new Comparison.UnitValues("140400", "140400", "长治市", null, null, straightOnly),
                networkUnit("140500", null, new double[] {0.25, 0.5}, new double[] {0.25, 0.375})));
    assertThat(lines)
        .extracting(WalkModels.Line::countyCode, WalkModels.Line::thresholdMin)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("140502", 10),
            org.assertj.core.groups.Tuple.tuple("140502", 15),
            org.assertj.core.groups.Tuple.tuple(null, 10),
            org.assertj.core.groups.Tuple.tuple(null, 15));
    // straight − network: 0.625 − 0.5; 0.875 − 0.75; 0; 0.375 − 0.5 (the straight line can also
    // understate)
    assertThat(lines)
        .extracting(WalkModels.Line::shareOverstated)
        .containsExactly(0.125, 0.125, 0.0, -0.125);
    assertThat(lines.get(0).detourP50()).isEqualTo(1.5);
    assertThat(lines.get(0).shareUnlinked()).isEqualTo(0.0625);
  }

  @Test
  void csvAndTable() throws IOException {
    List<WalkModels.Line> lines =
        WalkModels.of(
            List.of(
                networkUnit(
                    "140502", "城区", new double[] {0.5, 0.75}, new double[] {0.625, 0.875})));
    StringWriter w = new StringWriter();
    WalkModels.writeCsv(lines, w);
    assertThat(w.toString().split("\n"))
        .containsExactly(
            String.join(",", WalkModels.COLUMNS),
            "140500,晋城市,140502,城区,10,0.5,0.625,0.125,1.25,1.125,1.5,2.25,0.0625",
            "140500,晋城市,140502,城区,15,0.75,0.875,0.125,1.25,1.125,1.5,2.25,0.0625");
    String table = WalkModels.table(lines);
    assertThat(table).contains("street network vs straight line × detour");
    assertThat(table.split("\n")[2])
        .contains("城区")
        .contains("50.0%")
        .contains("62.5%")
        .contains("+12.5 pt")
        .contains("1.13 / 1.50 / 2.25")
        .contains("6.3%");
    assertThat(WalkModels.of(List.of())).isEmpty();
    assertThat(lines.get(0).shareNetwork()).isCloseTo(0.5, within(0.0));
  }
}
