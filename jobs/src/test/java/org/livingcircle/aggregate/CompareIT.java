package org.livingcircle.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.cli.Lcp;
import org.livingcircle.spark.GeoParquet;
import org.livingcircle.spark.SparkTestSession;

/** lcp compare on hand-made admin_indicators of two cities. */
class CompareIT {
  @TempDir static Path tmp;
  static SparkSession spark;
  static Path targets;

  @BeforeAll
  static void write() throws IOException {
    spark = SparkTestSession.get();
    StructType s =
        new StructType()
            .add("admin_code", DataTypes.StringType)
            .add("level", DataTypes.StringType)
            .add("name", DataTypes.StringType)
            .add("city_code", DataTypes.StringType)
            .add("city_name", DataTypes.StringType)
            .add("county_code", DataTypes.StringType)
            .add("county_name", DataTypes.StringType)
            .add("share_basic_complete_10min", DataTypes.DoubleType)
            .add("capacity_per_1000_nursery_places", DataTypes.DoubleType)
            .add("wkt", DataTypes.StringType);
    String box = "POLYGON ((112 35, 113 35, 113 36, 112 36, 112 35))";
    admin(
        tmp.resolve("jincheng"),
        s,
        List.of(
            RowFactory.create(
                "140502", "county", "城区", "140500", "晋城市", "140502", "城区", 0.9, 5.5, box),
            RowFactory.create(
                "140522", "county", "阳城县", "140500", "晋城市", "140522", "阳城县", 0.6, 4.0, box),
            RowFactory.create(
                "140500", "city", "晋城市", "140500", "晋城市", null, null, 0.75, null, box)));
    admin(
        tmp.resolve("changzhi"),
        s,
        List.of(
            RowFactory.create(
                "140403", "county", "潞州区", "140400", "长治市", "140403", "潞州区", 0.85, 4.5, box),
            RowFactory.create(
                "140400", "city", "长治市", "140400", "长治市", null, null, 0.85, 3.0, box)));
    targets = tmp.resolve("targets.yaml");
    Files.writeString(
        targets,
        """
        targets:
          - {id: jc_cover, indicator: share_basic_complete_10min, scope: "140500", comparator: ">=", value: 0.8,
             unit: share of residents, year: 2025, document: "seed 001 plan", line: L375, source: "seed 001 L375", note: "proxy"}
          - {id: nursery, indicator: capacity_per_1000_nursery_places, scope: ["140522", "140400"], comparator: ">=",
             value: 4.5, unit: "places per 1,000", year: 2025, document: "seed 000 plan", line: L238, source: "seed 000; seed 003", note: n}
        """);
  }

  static void admin(Path city, StructType s, List<Row> rows) {
    spark.createDataFrame(rows, s).createOrReplaceTempView("lcp_compare_it");
    GeoParquet.write(
        spark,
        spark.sql("SELECT *, ST_GeomFromWKT(wkt) AS geometry FROM lcp_compare_it").drop("wkt"),
        "OGC:CRS84",
        city.resolve("aggregate/admin_indicators").toString());
  }

  static int lcp(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
    return Lcp.run(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        args);
  }

  @Test
  void writesCsvParquetAndTable() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream console = System.out;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code =
          lcp(
              out,
              err,
              "compare",
              "--out",
              tmp.resolve("cmp").toString(),
              "--city-out",
              tmp.resolve("jincheng").toString(),
              "--city-out",
              tmp.resolve("changzhi").toString(),
              "--targets",
              targets.toString());
    } finally {
      System.setOut(console);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(code).isZero();
    List<String> csv =
        Files.readAllLines(tmp.resolve("cmp/comparison.csv"), StandardCharsets.UTF_8);
    // jc_cover: Jincheng's county rows then its city row; nursery: Yangcheng, then Changzhi's
    // county and city
    assertThat(csv)
        .containsExactly(
            "target_id,city_code,city_name,county_code,county_name,indicator,value,target,comparator,met,gap,unit,year,source,kind,threshold,document,line,measured_on,sites_needed,reachable_within_budget",
            "jc_cover,140500,晋城市,140502,城区,share_basic_complete_10min,0.9,0.8,>=,true,-0.09999999999999998,share of residents,2025,seed 001 L375,target,10 min walk,seed 001 plan,L375,,,",
            "jc_cover,140500,晋城市,140522,阳城县,share_basic_complete_10min,0.6,0.8,>=,false,0.20000000000000007,share of residents,2025,seed 001 L375,target,10 min walk,seed 001 plan,L375,,,",
            "jc_cover,140500,晋城市,,,share_basic_complete_10min,0.75,0.8,>=,false,0.050000000000000044,share of residents,2025,seed 001 L375,target,10 min walk,seed 001 plan,L375,,,",
            "nursery,140500,晋城市,140522,阳城县,capacity_per_1000_nursery_places,4.0,4.5,>=,false,0.5,\"places per 1,000\",2025,seed 000; seed 003,target,,seed 000 plan,L238,,,",
            "nursery,140400,长治市,140403,潞州区,capacity_per_1000_nursery_places,4.5,4.5,>=,true,0.0,\"places per 1,000\",2025,seed 000; seed 003,target,,seed 000 plan,L238,,,",
            "nursery,140400,长治市,,,capacity_per_1000_nursery_places,3.0,4.5,>=,false,1.5,\"places per 1,000\",2025,seed 000; seed 003,target,,seed 000 plan,L238,,,");
    List<Row> parquet =
        spark.read().parquet(tmp.resolve("cmp/comparison.parquet").toString()).collectAsList();
    assertThat(spark.read().parquet(tmp.resolve("cmp/comparison.parquet").toString()).columns())
        .containsExactlyElementsOf(Comparison.COLUMNS);
    assertThat(parquet).hasSize(6);
    String console1 = out.toString(StandardCharsets.UTF_8);
    assertThat(console1)
        .contains("阳城县")
        .contains(
            "[compare] 2 cities, 2 targets, 0 baselines: 6 rows, 2 met, 4 not met, 0 unknown, 0 baseline rows");
  }

  @Test
  void missingColumnIsOneLineConfigError() throws IOException {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(
        bad,
        """
        targets:
          - {id: docs, indicator: physicians_per_1000, scope: all, comparator: ">=", value: 3, unit: u, year: 2025, document: doc, line: L1, source: s, note: n}
        """);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        lcp(
            out,
            err,
            "compare",
            "--out",
            tmp.resolve("cmp2").toString(),
            "--city-out",
            tmp.resolve("jincheng").toString(),
            "--targets",
            bad.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "lcp: Cannot evaluate target docs: "
                + tmp.resolve("jincheng/aggregate/admin_indicators")
                + " has no column physicians_per_1000;"
                + " fix conf/targets.yaml or rerun lcp aggregate"
                + System.lineSeparator());
    assertThat(tmp.resolve("cmp2/comparison.csv")).doesNotExist();
  }
}
