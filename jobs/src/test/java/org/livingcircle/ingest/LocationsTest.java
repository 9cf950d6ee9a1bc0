package org.livingcircle.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every reason a coordinate pair is refused, against the Shanxi box 110.0-114.8°E, 34.3-40.9°N. */
class LocationsTest {
  private static final String SHANXI =
      "Region[minLng=110.0, minLat=34.3, maxLng=114.8, maxLat=40.9]";

  private final double[] out = {-1, -1};

  private Locations.Problem parse(String lng, String lat) {
    return Locations.parse(lng, lat, Region.SHANXI, out);
  }

  @Test
  void validPairInsideTheRegionIsWrittenOut() {
    assertThat(parse("112.85", "35.49")).isNull();
    assertThat(out).containsExactly(112.85, 35.49);
  }

  @Test
  void surroundingSpaceIsIgnored() {
    assertThat(parse(" 112.85 ", "\t35.49")).isNull();
    assertThat(out).containsExactly(112.85, 35.49);
  }

  @Test
  void theRegionIncludesItsEdges() {
    assertThat(parse("110.0", "34.3")).isNull();
    assertThat(out).containsExactly(110.0, 34.3);
    assertThat(parse("114.8", "40.9")).isNull();
    assertThat(out).containsExactly(114.8, 40.9);
  }

  @Test
  void emptyOrMissingTextIsMissingCoordinates() {
    Locations.Problem empty =
        new Locations.Problem(Reason.MISSING_COORDINATES, "location is empty");
    assertThat(parse(null, "35.49")).isEqualTo(empty);
    assertThat(parse("112.85", null)).isEqualTo(empty);
    assertThat(parse("", "")).isEqualTo(empty);
    assertThat(parse("112.85", "  ")).isEqualTo(empty);
    assertThat(out).containsExactly(-1, -1);
  }

  @Test
  void textThatIsNotANumberIsBadCoordinates() {
    assertThat(parse("abc", "35.49"))
        .isEqualTo(new Locations.Problem(Reason.BAD_COORDINATES, "not numbers: abc,35.49"));
    assertThat(parse("112.85", "35°29′"))
        .isEqualTo(new Locations.Problem(Reason.BAD_COORDINATES, "not numbers: 112.85,35°29′"));
    assertThat(out).containsExactly(-1, -1);
  }

  @Test
  void zeroZeroPlaceholderAndNonFiniteNumbersAreBadCoordinates() {
    assertThat(parse("0", "0"))
        .isEqualTo(
            new Locations.Problem(Reason.BAD_COORDINATES, "placeholder or not finite: 0.0,0.0"));
    assertThat(parse("0.000", "-0.0"))
        .isEqualTo(
            new Locations.Problem(Reason.BAD_COORDINATES, "placeholder or not finite: 0.0,-0.0"));
    assertThat(parse("NaN", "35.49"))
        .isEqualTo(
            new Locations.Problem(Reason.BAD_COORDINATES, "placeholder or not finite: NaN,35.49"));
    assertThat(parse("112.85", "Infinity"))
        .isEqualTo(
            new Locations.Problem(
                Reason.BAD_COORDINATES, "placeholder or not finite: 112.85,Infinity"));
    assertThat(out).containsExactly(-1, -1);
  }

  @Test
  void latitudeFirstIsSwapped() {
    assertThat(parse("35.49", "112.85"))
        .isEqualTo(
            new Locations.Problem(Reason.SWAPPED_COORDINATES, "35.49,112.85 is outside " + SHANXI));
    assertThat(out).containsExactly(-1, -1);
  }

  @Test
  void validPointElsewhereIsOutsideTheRegion() {
    // Beijing, Tiananmen
    assertThat(parse("116.404", "39.915"))
        .isEqualTo(
            new Locations.Problem(Reason.OUTSIDE_REGION, "116.404,39.915 is outside " + SHANXI));
    // a zero longitude alone is no placeholder, just far away; swapped it is still outside
    assertThat(parse("0", "35.49"))
        .isEqualTo(new Locations.Problem(Reason.OUTSIDE_REGION, "0.0,35.49 is outside " + SHANXI));
    // just past the eastern edge
    assertThat(parse("114.81", "36.0"))
        .isEqualTo(
            new Locations.Problem(Reason.OUTSIDE_REGION, "114.81,36.0 is outside " + SHANXI));
    assertThat(out).containsExactly(-1, -1);
  }

  @Test
  void regionMustNotBeEmpty() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Region(114.8, 34.3, 110.0, 40.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot use region 114.8,34.3,110.0,40.9: empty box");
  }
}
