package org.livingcircle.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livingcircle.config.WalkModel;

class MapDataTest {
  /**
   * 80 m/min, no detour: 400 m is 5 min, 1,000 m is 12.5 min (rounds to 13), 30,000 m is 375 min.
   */
  private static final WalkModel WALK = new WalkModel(80, 1.0);

  @Test
  void windowSpansTheCellsInclusive() {
    MapData.Window w = MapData.window("x", new int[] {10, 12, 11}, new int[] {-3, 4, 0});

    assertThat(w).isEqualTo(new MapData.Window(10, -3, 12, 4));
    assertThat(w.nCols()).isEqualTo(3);
    assertThat(w.nRows()).isEqualTo(8);
  }

  @Test
  void cellsAreLittleEndianOffsetsFromTheWindowCorner() {
    int[] col = {10, 12, 300};
    int[] row = {-3, 4, -3};
    MapData.Window w = MapData.window("x", col, row);

    // (0,0), (2,7), (290,0) as unsigned 16-bit little-endian pairs; 290 = 0x0122
    assertThat(MapData.cells(w, col, row))
        .containsExactly(0, 0, 0, 0, 2, 0, 7, 0, 0x22, 0x01, 0, 0);
  }

  @Test
  void minutesAreRoundedCappedAndNoneIs255() {
    byte[] layer = MapData.minutesLayer(new double[] {400, 1000, 30_000, Double.NaN, 0}, WALK);

    assertThat(layer).containsExactly(5, 13, (byte) 254, (byte) 255, 0);
  }

  @Test
  void countsKeepTheirValueAndNoneIs255() {
    assertThat(MapData.countLayer(new int[] {0, 13, -1})).containsExactly(0, 13, (byte) 255);
    assertThatThrownBy(() -> MapData.countLayer(new int[] {255}))
        .hasMessage("Cannot store count 255 in a map layer: not in [0, 254]");
  }

  @Test
  void layerScriptCarriesTheBytesInBase64() {
    String script = MapData.layerScript("jincheng", "school", new byte[] {5, (byte) 255});

    assertThat(script).isEqualTo("LCP.layer(\"jincheng\",\"school\",\"Bf8=\");\n");
    assertThat(Base64.getDecoder().decode("Bf8=")).containsExactly(5, (byte) 255);
  }

  @Test
  void ringsAreInCellUnitsOfTheWindowToTheHundredth() {
    MapData.Window w = new MapData.Window(100, 200, 110, 210);
    // 250 m cells: x 25,125 m is column 100.5 (0.5 from col0); y 50,062.5 m is row 200.25 (0.25
    // from row0)
    String square =
        "{\"type\":\"Polygon\",\"coordinates\":[[[25125,50062.5],[25250,50062.5],[25001,50001]]]}";

    assertThat(MapData.rings(square, 250, w))
        .isEqualTo(List.of(List.of(List.of(0.5, 0.25), List.of(1.0, 0.25), List.of(0.0, 0.0))));
    String multi =
        "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[25000,50000]]],[[[25500,50500]],[[25750,50750]]]]}";
    assertThat(MapData.rings(multi, 250, w))
        .isEqualTo(
            List.of(
                List.of(List.of(0.0, 0.0)),
                List.of(List.of(2.0, 2.0)),
                List.of(List.of(3.0, 3.0))));
  }

  @Test
  void cellsScriptHoldsTheWindowAndTheCellCount() {
    MapData.Window w = new MapData.Window(1, 2, 3, 5);

    String script =
        MapData.cellsScript(
            "c", 250, "EPSG:32649", w, new byte[] {0, 0, 0, 0, 2, 0, 3, 0}, List.of());

    assertThat(script)
        .isEqualTo(
            "LCP.cells({\"city\":\"c\",\"cell_size_m\":250,\"crs\":\"EPSG:32649\",\"col0\":1,\"row0\":2,"
                + "\"n_cols\":3,\"n_rows\":4,\"n\":2,\"cells\":\"AAAAAAIAAwA=\",\"counties\":[]});\n");
    assertThat(Base64.getDecoder().decode("AAAAAAIAAwA=")).containsExactly(0, 0, 0, 0, 2, 0, 3, 0);
  }

  @Test
  void windowRefusesNoCellsAndOffsetsBeyond16Bits() {
    assertThatThrownBy(() -> MapData.window("x", new int[0], new int[0]))
        .hasMessage("Cannot draw x: 0 cells");
    assertThatThrownBy(() -> MapData.window("x", new int[] {0, 70_000}, new int[] {0, 0}))
        .hasMessage("Cannot draw x: grid wider than 65,535 cells");
  }
}
