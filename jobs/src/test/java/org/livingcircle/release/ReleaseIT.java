package org.livingcircle.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.cli.Lcp;
import org.livingcircle.spark.GeoParquet;
import org.livingcircle.spark.SparkTestSession;

class ReleaseIT {
  @TempDir static Path tmp;
  static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = SparkTestSession.get();
  }

  @Test
  void rowsPerFileGivesPartFilesOfOneRowGroupEach() throws IOException {
    // 2,500 points along a diagonal, at most 1,000 rows per file: ceil(2500 / 1000) = 3 files
    spark
        .range(2500)
        .selectExpr("id", "ST_Point(112.0 + id * 1e-4, 35.0 + id * 1e-4) AS geometry")
        .createOrReplaceTempView("lcp_release_it");
    Path table = tmp.resolve("points");
    GeoParquet.Written w =
        GeoParquet.write(spark, spark.table("lcp_release_it"), "OGC:CRS84", table.toString(), 1000);

    assertThat(w.rows()).isEqualTo(2500);
    assertThat(w.files()).isEqualTo(3);
    List<Path> parts;
    try (Stream<Path> files = Files.list(table)) {
      parts = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
    }
    long total = 0;
    for (Path part : parts) {
      try (ParquetFileReader r =
          ParquetFileReader.open(
              HadoopInputFile.fromPath(
                  new org.apache.hadoop.fs.Path(part.toString()), new Configuration()))) {
        assertThat(r.getFooter().getBlocks()).hasSize(1);
        long rows = r.getFooter().getBlocks().get(0).getRowCount();
        assertThat(rows).isBetween(500L, 1500L);
        total += rows;
      }
    }
    assertThat(total).isEqualTo(2500);
    assertThat(GeoParquet.crs(new Configuration(), table.toString())).isEqualTo("OGC:CRS84");
  }

  @Test
  void cliNamesTheMissingStageAndLeavesNoRelease() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path out = tmp.resolve("empty-out");

    int code =
        Lcp.run(
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            "release",
            "--out",
            out.toString(),
            "--cities",
            "jincheng",
            "--release-version",
            "v1");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "lcp: Cannot release "
                + out.resolve("jincheng/ingest/poi")
                + ": not found; run the ingest stage first"
                + System.lineSeparator());
    assertThat(out.resolve("release/v1")).doesNotExist();
  }
}
