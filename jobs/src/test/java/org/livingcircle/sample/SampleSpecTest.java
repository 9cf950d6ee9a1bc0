package org.livingcircle.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livingcircle.common.InputException;

class SampleSpecTest {
  private static SampleSpec spec(String city, List<String> counties, double scale) {
    return new SampleSpec(
        city,
        counties,
        SampleFixture.resource("counties.geojson"),
        SampleFixture.resource("admin_codes.csv"),
        SampleFixture.resource("categories.yaml"),
        1,
        scale,
        SampleSpec.NO_BENCH_ROWS,
        Path.of("unused"));
  }

  @Test
  void citySlugAndCodeAreInterchangeable() {
    assertThat(spec("140500", List.of(), 1).citySlug()).isEqualTo("jincheng");
    assertThat(spec("changzhi", List.of(), 1).cityCode()).isEqualTo("140400");
  }

  @Test
  void rejectsBadValuesNamingTheFlag() {
    assertThatThrownBy(() -> spec("jincheng", List.of(), 0))
        .hasMessage("Cannot use --scale: 0.0 is not a positive number");
    assertThatThrownBy(() -> spec("jincheng", List.of("14052"), 1))
        .hasMessage("Cannot use county code 14052: expected 6 digits");
    assertThatThrownBy(() -> spec("taiyuan", List.of(), 1).cityCode())
        .hasMessage("Cannot use --city taiyuan: unknown slug; pass the 6-digit city code");
  }

  @Test
  void unknownCountyIsAnInputError() {
    assertThatThrownBy(() -> SampleGeography.read(spec("jincheng", List.of("140581"), 1)))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "Cannot find county 140581 of city 140500 in "
                + SampleFixture.resource("counties.geojson"));
  }

  @Test
  void featuresSharingACodeBecomeOneCounty() {
    List<SampleGeography.County> counties = SampleGeography.read(spec("changzhi", List.of(), 1));
    assertThat(counties).hasSize(1);
    SampleGeography.County luzhou = counties.get(0);
    assertThat(luzhou.shape().contains(113.10, 36.20)).isTrue();
    assertThat(luzhou.shape().contains(113.20, 36.20)).isTrue();
    assertThat(luzhou.shape().contains(113.30, 36.20)).isFalse();
    assertThat(luzhou.townships())
        .extracting(SampleGeography.Township::code)
        .containsExactly("140403001", "140403002", "140403100");
  }
}
