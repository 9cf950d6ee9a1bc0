package org.livingcircle.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtractsTest {
  /** Synthetic rows: a quoted name, a null, a NaN, a long and a double. */
  private static final Extracts UNITS =
      new Extracts(
          List.of("admin_code", "name", "n", "share"),
          List.of(
              Arrays.asList("140502", "城区, 晋城", 3L, 0.25),
              Arrays.asList("140581", "高平 \"市\"", null, Double.NaN)));

  @Test
  void csvQuotesOnlyWhereNeededAndLeavesNullsAndNaNEmpty() {
    assertThat(UNITS.csv())
        .isEqualTo(
            "admin_code,name,n,share\n"
                + "140502,\"城区, 晋城\",3,0.25\n"
                + "140581,\"高平 \"\"市\"\"\",,\n");
  }

  @Test
  void textsAreTheCsvFieldsOfEachRow() {
    assertThat(UNITS.texts())
        .containsExactly(
            Map.of("admin_code", "140502", "name", "城区, 晋城", "n", "3", "share", "0.25"),
            Map.of("admin_code", "140581", "name", "高平 \"市\"", "n", "", "share", ""));
  }

  @Test
  void geojsonKeepsTypedPropertiesAndTheGivenGeometry() throws Exception {
    JsonNode fc =
        new ObjectMapper()
            .readTree(
                UNITS.geojson(i -> i == 0 ? "{\"type\":\"Point\",\"coordinates\":[1.5,2]}" : null));

    assertThat(fc.path("type").asText()).isEqualTo("FeatureCollection");
    JsonNode first = fc.path("features").get(0);
    assertThat(first.path("geometry").path("coordinates").get(0).asDouble()).isEqualTo(1.5);
    assertThat(first.path("properties").path("n").isIntegralNumber()).isTrue();
    assertThat(first.path("properties").path("share").asDouble()).isEqualTo(0.25);
    JsonNode second = fc.path("features").get(1);
    assertThat(second.path("geometry").isNull()).isTrue();
    assertThat(second.path("properties").path("share").isNull()).isTrue();
    assertThat(second.path("properties").path("name").asText()).isEqualTo("高平 \"市\"");
  }

  @Test
  void rowsMustMatchTheColumns() {
    assertThatThrownBy(() -> new Extracts(List.of("a", "b"), List.of(List.of("x"))))
        .hasMessage("Cannot hold extract row 0: 1 values for 2 columns");
    assertThatThrownBy(() -> UNITS.column("gap"))
        .hasMessage("Cannot find column gap in the extract: [admin_code, name, n, share]");
  }
}
