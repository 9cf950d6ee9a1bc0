package org.livingcircle.siting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.livingcircle.config.WalkModel;
import org.livingcircle.streets.EdgeLinker;
import org.livingcircle.streets.FootGraph;

/**
 * One county's coverage curve solved by {@link SitingRows} in both walking modes on a SYNTHETIC
 * street network: two streets 100 m apart (y = 0 and y = 100, x 0…1000 m) joined only by a bridge
 * at x = 1000, so points facing each other across the river are 80 m apart in a straight line but
 * 1,920 m apart on foot.
 */
class SitingRowsNetworkTest {
  private static final WalkModel WALK = new WalkModel(80, 1.3);

  private static FootGraph riverStreets() {
    // vertices A(0,0) B(1000,0) C(1000,100) D(0,100); edges AB, BC (bridge), CD
    return new FootGraph(
        "EPSG:32649",
        new double[] {0, 1000, 1000, 0},
        new double[] {0, 0, 100, 100},
        new int[] {0, 1, 2},
        new int[] {1, 2, 3},
        new double[] {1000, 100, 1000},
        new int[] {0, 2, 4, 6},
        new double[] {0, 1000, 1000, 1000, 1000, 0},
        new double[] {0, 0, 0, 100, 100, 100},
        new long[] {1, 2, 3});
  }

  private static List<Row> solve(SitingRows.LinkerSource network) {
    SitingProblems.Coverage curve =
        new SitingProblems.Coverage(
            "share_own_clinic",
            null,
            SitingProblems.Demand.CELLS,
            List.of(new SitingProblems.Need("clinic", 10, false)),
            Double.NaN);
    SitingRows.Group group = new SitingRows.Group(0, "140502", "county", curve, null, 0, 0, 0);
    SitingRows rows =
        new SitingRows(
            List.of(group), Map.of("140502", new int[] {0}), WALK, false, 3, Map.of(), network);
    int role = SitingRows.DEMAND | SitingRows.CANDIDATE;
    // south bank (100 people), north bank (50), mid-river island cell 40 m from both streets (10;
    // unlinked at 30 m)
    List<Row> in =
        List.of(
            RowFactory.create(0, role, 100.0, 10.0, 100.0, 100.0, 0.0, 1L, 0.0),
            RowFactory.create(0, role, 100.0, 90.0, 50.0, 50.0, 0.0, 1L, 0.0),
            RowFactory.create(0, role, 100.0, 50.0, 10.0, 10.0, 0.0, 1L, 0.0));
    List<Row> out = new ArrayList<>();
    Iterator<Row> it = rows.solve(0, in.iterator());
    it.forEachRemaining(out::add);
    out.sort(java.util.Comparator.comparingInt(r -> r.getInt(1)));
    return out;
  }

  @Test
  void aNewSiteCoversOnlyWhatItReachesOnFoot() {
    EdgeLinker linker = new EdgeLinker(riverStreets(), 30);
    List<Row> out = solve(() -> linker);
    // 10 min × 80 m/min = 800 m: the south site reaches the south cell (20 m) only, the north cell
    // is 1,920 m away
    // on foot; the island cell is unlinked: it is never covered and as a candidate covers nothing
    assertThat(out).hasSize(3);
    assertThat(out.get(0).getInt(12)).isEqualTo(1);
    assertThat(out.get(0).getInt(13)).isEqualTo(1);
    assertThat(out.get(0).getDouble(14)).isEqualTo(10.0);
    assertThat(out.get(1).getDouble(3)).isEqualTo(10.0);
    assertThat(out.get(1).getDouble(5)).isEqualTo(100.0);
    assertThat(out.get(1).getDouble(7)).isCloseTo(100 / 160.0, within(1e-12));
    assertThat(out.get(2).getDouble(3)).isEqualTo(90.0);
    assertThat(out.get(2).getDouble(7)).isCloseTo(150 / 160.0, within(1e-12));
  }

  @Test
  void straightLineModeCoversAcrossTheRiver() {
    List<Row> out = solve(null);
    // straight-line radius 800 / 1.3 = 615 m: one site covers all three cells
    assertThat(out).hasSize(2);
    assertThat(out.get(0).isNullAt(12)).isTrue();
    assertThat(out.get(1).getDouble(7)).isCloseTo(1.0, within(1e-12));
    assertThat(out.get(1).getDouble(5)).isEqualTo(160.0);
  }
}
