package org.livingcircle.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Ids worked out by hand from {@code id = size/10 << 56 | col << 28 | row} (28-bit two's
 * complement).
 */
class CellIdsTest {
  @Test
  void packsSizeColumnAndRow() {
    // 25 · 2^56 + 2400 · 2^28 + 15600 = 1 801 439 850 948 198 400 + 644 245 094 400 + 15 600
    assertThat(CellIds.id(250, 2400, 15600)).isEqualTo(1_801_440_495_193_308_400L);
    assertThat(CellIds.id(10, 0, 0)).isEqualTo(1L << 56);
    assertThat(CellIds.id(10, 0, 1)).isEqualTo((1L << 56) + 1);
    assertThat(CellIds.id(10, 1, 0)).isEqualTo((1L << 56) + (1L << 28));
  }

  @Test
  void unpacksWhatItPacked() {
    long id = 1_801_440_495_193_308_400L;
    assertThat(CellIds.sizeM(id)).isEqualTo(250);
    assertThat(CellIds.col(id)).isEqualTo(2400);
    assertThat(CellIds.row(id)).isEqualTo(15600);
  }

  @Test
  void negativeIndicesAreTwentyEightBitTwosComplement() {
    // col = row = -1: both 28-bit fields all ones, 2^56 + 2^56 - 1 = 2^57 - 1
    assertThat(CellIds.id(10, -1, -1)).isEqualTo((1L << 57) - 1);
    assertThat(CellIds.col((1L << 57) - 1)).isEqualTo(-1);
    assertThat(CellIds.row((1L << 57) - 1)).isEqualTo(-1);
    // col -5 is 2^28 - 5 in its field: 2^56 + (2^28 - 5) · 2^28 + 7
    assertThat(CellIds.id(10, -5, 7)).isEqualTo(144_115_186_733_678_599L);
    assertThat(CellIds.col(144_115_186_733_678_599L)).isEqualTo(-5);
    assertThat(CellIds.row(144_115_186_733_678_599L)).isEqualTo(7);
  }

  @Test
  void extremesOfSizeAndIndexRoundTrip() {
    // 127 · 2^56 = 9 151 314 442 816 847 872, still a positive long
    assertThat(CellIds.id(1270, 0, 0)).isEqualTo(9_151_314_442_816_847_872L);
    assertThat(CellIds.sizeM(9_151_314_442_816_847_872L)).isEqualTo(1270);
    long max = (1L << 27) - 1;
    long min = -(1L << 27);
    long id = CellIds.id(1270, max, min);
    assertThat(CellIds.col(id)).isEqualTo(134_217_727L);
    assertThat(CellIds.row(id)).isEqualTo(-134_217_728L);
    assertThat(CellIds.sizeM(id)).isEqualTo(1270);
  }

  @Test
  void sizeMustBeAMultipleOfTenFromTenTo1270() {
    assertThatThrownBy(() -> CellIds.id(125, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot make cell ids for size 125 m: not a multiple of 10 in [10, 1270]");
    assertThatThrownBy(() -> CellIds.id(0, 0, 0))
        .hasMessage("Cannot make cell ids for size 0 m: not a multiple of 10 in [10, 1270]");
    assertThatThrownBy(() -> CellIds.id(1280, 0, 0))
        .hasMessage("Cannot make cell ids for size 1280 m: not a multiple of 10 in [10, 1270]");
    assertThatThrownBy(() -> CellIds.id(-10, 0, 0))
        .hasMessage("Cannot make cell ids for size -10 m: not a multiple of 10 in [10, 1270]");
  }

  @Test
  void indicesMustFitTwentyEightBits() {
    assertThatThrownBy(() -> CellIds.id(250, 134_217_728L, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot make a cell id for column 134217728, row 0: outside ±2^27");
    assertThatThrownBy(() -> CellIds.id(250, 0, -134_217_729L))
        .hasMessage("Cannot make a cell id for column 0, row -134217729: outside ±2^27");
  }

  @Test
  void indexIsTheFloorOfCoordinateOverSize() {
    assertThat(CellIds.index(0, 250)).isZero();
    assertThat(CellIds.index(249.999, 250)).isZero();
    assertThat(CellIds.index(250, 250)).isEqualTo(1);
    assertThat(CellIds.index(600_125, 250)).isEqualTo(2400);
    assertThat(CellIds.index(-0.001, 250)).isEqualTo(-1);
    assertThat(CellIds.index(-250, 250)).isEqualTo(-1);
    assertThat(CellIds.index(-250.001, 250)).isEqualTo(-2);
  }
}
