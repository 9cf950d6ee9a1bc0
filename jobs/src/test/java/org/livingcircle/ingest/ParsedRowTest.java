package org.livingcircle.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParsedRowTest {
  @Test
  void valuesFollowTheColumnsForEveryKind() {
    PoiParser.PoiRow poi =
        new PoiParser.PoiRow(
            "/in/poi/a.csv",
            7,
            "B0",
            "店",
            "convenience_store",
            "060200",
            "便利店",
            "路 1 号",
            "140502",
            "GCJ02",
            112.1,
            35.2,
            112.09,
            35.19);
    Object[] ok = ParsedRow.poi("poi/a.csv", poi).values();
    Object[] q =
        ParsedRow.quarantined(
                "poi/a.csv",
                new Quarantined("/in/poi/a.csv", 8, Reason.BAD_COORDINATES, "lng x", "raw,x"))
            .values();
    Object[] read = ParsedRow.read("poi/a.csv", 9).values();
    Object[] facility =
        ParsedRow.facility(
                "facilities.csv",
                3,
                "F1",
                "园",
                "kindergarten",
                "",
                "140581",
                "WGS84",
                112.5,
                35.5,
                112.5,
                35.5,
                120,
                "places",
                "register",
                null)
            .values();

    assertThat(ok).hasSize(ParsedRow.COLUMNS.size());
    assertThat(ok)
        .containsExactly(
            "ok",
            "poi/a.csv",
            7L,
            "B0",
            "店",
            "convenience_store",
            "060200",
            "便利店",
            "路 1 号",
            "140502",
            "GCJ02",
            112.1,
            35.2,
            112.09,
            35.19,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThat(q)
        .containsExactly(
            "q",
            "poi/a.csv",
            8L,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            "bad_coordinates",
            "lng x",
            "raw,x",
            null);
    assertThat(read[0]).isEqualTo("read");
    assertThat(read[2]).isEqualTo(9L);
    assertThat(facility[ParsedRow.COLUMNS.indexOf("amap_adcode")]).isEqualTo("140581");
    assertThat(facility[ParsedRow.COLUMNS.indexOf("capacity")]).isEqualTo(120.0);
    assertThat(facility[ParsedRow.COLUMNS.indexOf("capacity_unit")]).isEqualTo("places");
    assertThat(facility[ParsedRow.COLUMNS.indexOf("nursing_beds")]).isNull();
  }
}
