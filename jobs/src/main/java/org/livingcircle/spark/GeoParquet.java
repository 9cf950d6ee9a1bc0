package org.livingcircle.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF6;
import org.apache.spark.sql.types.DataTypes;
import org.livingcircle.common.InputException;
import org.livingcircle.geo.Hilbert;

/**
 * Writes and checks GeoParquet 1.1 tables: {@code geo} version 1.1.0, a PROJJSON CRS (never null),
 * a {@code bbox} covering column, exact geometry types, rows sorted along a Hilbert curve, zstd,
 * and no empty part files. Sedona 1.8.0 gets version, CRS and covering wrong by default.
 */
public final class GeoParquet {
  /** Target rows per part file; a row group is at most one file. */
  public static final long ROWS_PER_FILE = 1_000_000L;

  /** Parquet block size: 1 GiB, above any part file, so a part file is one row group. */
  static final long ROW_GROUP_BYTES = 1L << 30;

  private static final ObjectMapper JSON = new ObjectMapper();

  private GeoParquet() {}

  /** Summary of a written table, as recorded in manifests. */
  public record Written(
      String path, long rows, int files, List<String> geometryTypes, double[] bbox) {
    /** What a manifest records of a written table: rows, files, geometry types and bbox. */
    public java.util.Map<String, Object> facts() {
      java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("rows", rows);
      m.put("files", files);
      m.put("geometry_types", geometryTypes);
      m.put("bbox", bbox);
      return m;
    }
  }

  /**
   * Writes {@code table} (with a Sedona geometry column {@code geometry} in {@code crs}) to {@code
   * path}, replacing it.
   *
   * @param crs "OGC:CRS84" for longitude/latitude, or "EPSG:nnnn"
   */
  public static Written write(SparkSession spark, Dataset<Row> table, String crs, String path) {
    return write(spark, table, crs, path, ROWS_PER_FILE);
  }

  /**
   * As {@link #write(SparkSession, Dataset, String, String)} with {@code rowsPerFile} rows per part
   * file at most (about; range partitioning is approximate). Each part file is one row group: the
   * Parquet block size is set far above any part's size, so the row-group size is the file size.
   */
  public static Written write(
      SparkSession spark, Dataset<Row> table, String crs, String path, long rowsPerFile) {
    org.livingcircle.common.Checks.check(
        rowsPerFile > 0, "Cannot write %s with %s rows per file: not positive", path, rowsPerFile);
    registerFunctions(spark);
    String view = "lcp_gp_" + Integer.toHexString(System.identityHashCode(table));
    table.createOrReplaceTempView(view);
    Row extent =
        spark
            .sql(
                "SELECT count(*) AS n, min(ST_XMin(geometry)), min(ST_YMin(geometry)),"
                    + " max(ST_XMax(geometry)), max(ST_YMax(geometry)) FROM "
                    + view)
            .first();
    long rows = extent.getLong(0);
    Dataset<Row> withBbox =
        spark.sql(
            "SELECT *, CASE WHEN geometry IS NULL THEN NULL ELSE named_struct('xmin', ST_XMin(geometry),"
                + " 'ymin', ST_YMin(geometry), 'xmax', ST_XMax(geometry), 'ymax', ST_YMax(geometry)) END AS bbox FROM "
                + view);
    Dataset<Row> sorted;
    if (rows == 0) {
      sorted = withBbox.coalesce(1);
    } else {
      int files = (int) Math.max(1, (rows + rowsPerFile - 1) / rowsPerFile);
      String key =
          String.format(
              java.util.Locale.ROOT,
              "lcp_hilbert((bbox.xmin + bbox.xmax) / 2, (bbox.ymin + bbox.ymax) / 2, double(%s), double(%s), double(%s), double(%s))",
              extent.get(1),
              extent.get(2),
              extent.get(3),
              extent.get(4));
      Dataset<Row> keyed =
          withBbox.withColumn("lcp_sort_key", org.apache.spark.sql.functions.expr(key));
      sorted =
          (files == 1
                  ? keyed.coalesce(1)
                  : keyed.repartitionByRange(files, keyed.col("lcp_sort_key")))
              .sortWithinPartitions("lcp_sort_key")
              .drop("lcp_sort_key");
    }
    sorted
        .write()
        .format("geoparquet")
        .mode(SaveMode.Overwrite)
        .option("geoparquet.version", "1.1.0")
        .option("geoparquet.crs", projjson(crs))
        .option("geoparquet.covering.geometry", "bbox")
        .option("compression", "zstd")
        .option("parquet.block.size", Long.toString(ROW_GROUP_BYTES))
        .save(path);
    spark.catalog().dropTempView(view);
    return check(spark.sparkContext().hadoopConfiguration(), path);
  }

  /** Returns the PROJJSON text for a CRS shipped as a resource. */
  public static String projjson(String crs) {
    String resource = "/projjson/" + crs.replace(':', '_') + ".json";
    try (InputStream in = GeoParquet.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "Cannot write GeoParquet in "
                + crs
                + ": no PROJJSON definition shipped; add "
                + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + resource + ": " + e.getMessage(), e);
    }
  }

  /** Registers the SQL function {@code lcp_hilbert(x, y, xmin, ymin, xmax, ymax)}. */
  public static void registerFunctions(SparkSession spark) {
    spark
        .udf()
        .register(
            "lcp_hilbert",
            (UDF6<Double, Double, Double, Double, Double, Double, Long>)
                (x, y, x0, y0, x1, y1) ->
                    x == null || y == null ? 0L : Hilbert.index(x, y, x0, y0, x1, y1),
            DataTypes.LongType);
  }

  /**
   * Deletes empty part files and checks every footer's {@code geo} metadata: version 1.1.0, a
   * PROJJSON CRS, non-empty geometry types unless the table is empty, and the bbox covering.
   */
  public static Written check(Configuration conf, String path) {
    try {
      Path dir = new Path(path);
      FileSystem fs = dir.getFileSystem(conf);
      List<String> types = new ArrayList<>();
      double[] bbox = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
      long rows = 0;
      int files = 0;
      List<FileStatus> parts = new ArrayList<>();
      for (FileStatus status : fs.listStatus(dir)) {
        if (status.getPath().getName().endsWith(".parquet")) {
          parts.add(status);
        }
      }
      for (FileStatus part : parts) {
        ParquetMetadata footer;
        try (ParquetFileReader reader =
            ParquetFileReader.open(HadoopInputFile.fromPath(part.getPath(), conf))) {
          footer = reader.getFooter();
        }
        long partRows = footer.getBlocks().stream().mapToLong(b -> b.getRowCount()).sum();
        if (partRows == 0 && parts.size() > 1) {
          fs.delete(part.getPath(), false);
          continue;
        }
        files++;
        rows += partRows;
        String geo = footer.getFileMetaData().getKeyValueMetaData().get("geo");
        JsonNode column = checkGeo(part.getPath().toString(), geo);
        for (JsonNode t : column.path("geometry_types")) {
          if (!types.contains(t.asText())) {
            types.add(t.asText());
          }
        }
        JsonNode b = column.path("bbox");
        if (partRows > 0 && b.size() == 4) {
          bbox[0] =
              Double.isNaN(bbox[0]) ? b.get(0).asDouble() : Math.min(bbox[0], b.get(0).asDouble());
          bbox[1] =
              Double.isNaN(bbox[1]) ? b.get(1).asDouble() : Math.min(bbox[1], b.get(1).asDouble());
          bbox[2] =
              Double.isNaN(bbox[2]) ? b.get(2).asDouble() : Math.max(bbox[2], b.get(2).asDouble());
          bbox[3] =
              Double.isNaN(bbox[3]) ? b.get(3).asDouble() : Math.max(bbox[3], b.get(3).asDouble());
        }
      }
      java.util.Collections.sort(types);
      return new Written(path, rows, files, types, bbox);
    } catch (IOException e) {
      throw new InputException("Cannot check GeoParquet table " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * The CRS of a GeoParquet table as "OGC:CRS84" or "EPSG:nnnn", from the PROJJSON {@code id} of
   * its first part file.
   */
  public static String crs(Configuration conf, String path) {
    try {
      Path dir = new Path(path);
      FileSystem fs = dir.getFileSystem(conf);
      for (FileStatus status : fs.listStatus(dir)) {
        if (status.getPath().getName().endsWith(".parquet")) {
          try (ParquetFileReader reader =
              ParquetFileReader.open(HadoopInputFile.fromPath(status.getPath(), conf))) {
            String geo = reader.getFooter().getFileMetaData().getKeyValueMetaData().get("geo");
            JsonNode id = checkGeo(status.getPath().toString(), geo).path("crs").path("id");
            return id.path("authority").asText() + ":" + id.path("code").asText();
          }
        }
      }
      throw new InputException(
          "Cannot read the CRS of GeoParquet table " + path + ": no part file");
    } catch (IOException e) {
      throw new InputException("Cannot read GeoParquet table " + path + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode checkGeo(String file, String geo) throws IOException {
    if (geo == null) {
      throw new IllegalStateException(
          "Cannot accept GeoParquet file " + file + ": no geo metadata");
    }
    JsonNode root = JSON.readTree(geo);
    JsonNode column = root.path("columns").path("geometry");
    String problem = null;
    if (!"1.1.0".equals(root.path("version").asText())) {
      problem = "version is " + root.path("version");
    } else if (!column.path("crs").isObject()) {
      problem = "crs is " + column.path("crs") + ", not PROJJSON";
    } else if (!column.path("covering").path("bbox").isObject()) {
      problem = "no bbox covering";
    }
    if (problem != null) {
      throw new IllegalStateException("Cannot accept GeoParquet file " + file + ": " + problem);
    }
    return column;
  }
}
