package org.livingcircle.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.livingcircle.common.InputException;

/**
 * A reference directory for the province-wide size: the county outlines with every feature made
 * valid ({@code ST_MakeValid}), because some outlines outside Jincheng and Changzhi are invalid and
 * the ingest's union of a county's parts then fails (JTS "side location conflict"). The admin codes
 * are linked unchanged. Used only by the bench; the pipeline's reference files are not touched.
 */
final class ValidOutlines {
  private ValidOutlines() {}

  static Path prepare(SparkSession spark, Path reference, Path outDir) {
    Path geojson = outDir.resolve("shanxi_counties.geojson");
    if (Files.isRegularFile(geojson)) {
      linkOthers(reference, outDir);
      return outDir;
    }
    ObjectMapper json = new ObjectMapper();
    try {
      Files.createDirectories(outDir);
      JsonNode root = json.readTree(reference.resolve("shanxi_counties.geojson").toFile());
      List<Row> rows = new ArrayList<>();
      int i = 0;
      for (JsonNode f : root.path("features")) {
        rows.add(RowFactory.create(i++, f.path("geometry").toString()));
      }
      spark
          .createDataFrame(
              rows, new StructType().add("i", DataTypes.IntegerType).add("g", DataTypes.StringType))
          .createOrReplaceTempView("lcp_bench_outlines");
      List<Row> fixed =
          spark
              .sql(
                  "SELECT i, ST_AsGeoJSON(ST_MakeValid(ST_GeomFromGeoJSON(g))) FROM lcp_bench_outlines ORDER BY i")
              .collectAsList();
      ArrayNode features = (ArrayNode) root.path("features");
      for (Row r : fixed) {
        ((ObjectNode) features.get(r.getInt(0))).set("geometry", json.readTree(r.getString(1)));
      }
      json.writeValue(geojson.toFile(), root);
      linkOthers(reference, outDir);
    } catch (IOException e) {
      throw new InputException(
          "Cannot prepare valid county outlines in " + outDir + ": " + e.getMessage(), e);
    }
    return outDir;
  }

  /**
   * Every other reference file (admin codes, the Amap code table, licences) as a link beside the
   * outlines.
   */
  private static void linkOthers(Path reference, Path outDir) {
    try (var files = Files.list(reference)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path link = outDir.resolve(f.getFileName());
        if (!f.getFileName().toString().equals("shanxi_counties.geojson") && !Files.exists(link)) {
          Files.deleteIfExists(link);
          Files.createSymbolicLink(link, f.toAbsolutePath());
        }
      }
    } catch (IOException e) {
      throw new InputException(
          "Cannot link the reference files into " + outDir + ": " + e.getMessage(), e);
    }
  }
}
