package org.livingcircle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.cli.Lcp;
import org.livingcircle.config.CityConfig;
import org.livingcircle.spark.SparkTestSession;

/**
 * A pilot city other than the demo's two, end to end at a small scale: {@code lcp sample} and
 * {@code lcp run} on Yangquan (阳泉市, 2022 pilot city, seed 000 L61) from its shipped
 * conf/cities/yangquan.yaml, with 1,000 m cells.
 */
class PilotCityIT {
  @TempDir Path tmp;

  @Test
  void yangquanSamplesAndRunsEndToEnd() throws IOException {
    SparkSession spark = SparkTestSession.get();
    Path shipped = RepoPaths.of("conf/cities/yangquan.yaml");
    CityConfig city = CityConfig.load(shipped);
    assertThat(city.pilotYear()).isEqualTo(2022);
    assertThat(city.counties())
        .extracting(CityConfig.County::code)
        .containsExactly("140302", "140303", "140311", "140321", "140322");
    String yaml = Files.readString(shipped, StandardCharsets.UTF_8);
    assertThat(yaml).contains("cell_size_m: 250");
    Path config = tmp.resolve("yangquan.yaml");
    Files.writeString(
        config, yaml.replace("cell_size_m: 250", "cell_size_m: 1000"), StandardCharsets.UTF_8);
    Path input = tmp.resolve("input");
    Path out = tmp.resolve("out");

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream console = System.out;
    int sampled;
    int ran;
    try {
      System.setOut(quiet);
      sampled =
          Lcp.run(
              quiet,
              errors,
              "sample",
              "--city",
              "yangquan",
              "--out",
              input.toString(),
              "--scale",
              "0.05",
              "--seed",
              "20231229");
      ran =
          Lcp.run(
              quiet,
              errors,
              "run",
              "--config",
              config.toString(),
              "--input",
              input.toString(),
              "--out",
              out.toString());
    } finally {
      System.setOut(console);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(sampled).isZero();
    assertThat(ran).isZero();

    // census rows of Yangquan's codes are accepted: the reference codes now cover every city of
    // Shanxi
    JsonNode report =
        new ObjectMapper().readTree(out.resolve("ingest/ingest_report.json").toFile());
    assertThat(report.path("reconciled").asBoolean()).isTrue();
    assertThat(report.path("totals").path("census").path("accepted").asLong()).isPositive();
    assertThat(report.path("totals").path("census").path("quarantined").asLong()).isZero();
    // the sample injects typecode 999999, which the official Amap table does not have
    assertThat(report.path("typecodes_not_in_amap_table").path("rows").asLong()).isPositive();

    Map<String, Row> admin = new HashMap<>();
    for (Row r :
        spark
            .read()
            .format("geoparquet")
            .load(out.resolve("aggregate/admin_indicators").toString())
            .collectAsList()) {
      admin.put(r.getString(r.fieldIndex("admin_code")), r);
    }
    assertThat(admin).containsOnlyKeys("140300", "140302", "140303", "140311", "140321", "140322");
    Row cityRow = admin.get("140300");
    assertThat(cityRow.getDouble(cityRow.fieldIndex("population"))).isPositive();
    for (String column :
        List.of(
            "share_own_park",
            "share_own_kindergarten",
            "reach_changzhi_community_centre_15min",
            "reach_yangcheng_green_space_300m",
            "reach_jincheng_elderly_care_15min_aged_60")) {
      int i = cityRow.fieldIndex(column);
      assertThat(cityRow.isNullAt(i)).as(column).isFalse();
      assertThat(cityRow.getDouble(i)).as(column).isBetween(0.0, 1.0);
    }
  }
}
