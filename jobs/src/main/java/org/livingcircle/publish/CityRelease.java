package org.livingcircle.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.livingcircle.common.Checks;
import org.livingcircle.common.CityLayout;
import org.livingcircle.common.InputException;

/**
 * What one city run publishes, read from its output directory without Spark: the release id, the
 * SHA-256 of the stage manifests, and per table the GeoParquet directory, SRID and PostGIS geometry
 * type taken from the part-file footers ({@code geo} metadata), checked against the row counts the
 * manifests list.
 *
 * @param cityId city id, e.g. {@code jincheng}
 * @param releaseId {@code <city>_<first 12 hex digits of manifestSha256>} unless given
 * @param manifestSha256 SHA-256 over the stage manifests, in {@link PublishedTable#STAGES} order,
 *     each as {@code <stage>/manifest.json\n<bytes>\n}
 * @param tables in {@link PublishedTable} order
 */
public record CityRelease(
    String cityId, String releaseId, String manifestSha256, List<Table> tables) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RELEASE_ID = Pattern.compile("[a-z0-9_]{1,40}");
  private static final int RELEASE_HASH_CHARS = 12;

  public CityRelease {
    Checks.check(
        releaseId != null && RELEASE_ID.matcher(releaseId).matches(),
        "Cannot use release id '%s': expected 1-40 characters a-z, 0-9 or _",
        releaseId);
    tables = List.copyOf(tables);
  }

  /**
   * One table to load and publish.
   *
   * @param srid EPSG code from the footer CRS ({@code OGC:CRS84} becomes 4326: PostGIS stores
   *     lon/lat in either)
   * @param geometryType PostGIS type modifier, see {@link #geometryType(Set, String)}
   * @param nRows rows in the part files (equal to the manifest's count)
   */
  public record Table(
      String name,
      Path sourceDir,
      List<String> primaryKey,
      int srid,
      String geometryType,
      long nRows) {
    public Table {
      primaryKey = List.copyOf(primaryKey);
    }
  }

  /**
   * Reads {@code cityOut}.
   *
   * @param releaseId explicit release id, or empty to derive it from the manifests
   * @throws InputException when a manifest or table is missing or unreadable, or counts disagree
   */
  public static CityRelease read(Path cityOut, String cityId, Optional<String> releaseId) {
    MessageDigest digest = sha256();
    List<JsonNode> manifests = new ArrayList<>();
    for (String stage : PublishedTable.STAGES) {
      Path file = cityOut.resolve(stage).resolve(CityLayout.MANIFEST_FILE);
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
        manifests.add(JSON.readTree(bytes));
      } catch (NoSuchFileException e) {
        throw new InputException(
            "Cannot read manifest "
                + file
                + ": no such file; run the "
                + stage
                + " stage (lcp run) for this city first",
            e);
      } catch (IOException e) {
        throw new InputException(
            "Cannot read manifest " + file + ": " + oneLine(e.getMessage()), e);
      }
      digest.update((stage + "/manifest.json\n").getBytes(StandardCharsets.UTF_8));
      digest.update(bytes);
      digest.update((byte) '\n');
    }
    String sha = HexFormat.of().formatHex(digest.digest());
    String id = releaseId.orElse(cityId + "_" + sha.substring(0, RELEASE_HASH_CHARS));
    Configuration hadoop = new Configuration();
    List<Table> tables = new ArrayList<>();
    for (PublishedTable t : PublishedTable.values()) {
      JsonNode manifest = manifests.get(PublishedTable.STAGES.indexOf(t.stage));
      tables.add(table(cityOut, t, manifest.path("outputs").path(t.tableName), hadoop));
    }
    return new CityRelease(cityId, id, sha, tables);
  }

  private static Table table(
      Path cityOut, PublishedTable t, JsonNode listed, Configuration hadoop) {
    Path dir = cityOut.resolve(t.stage).resolve(t.tableName);
    Path manifest = cityOut.resolve(t.stage).resolve(CityLayout.MANIFEST_FILE);
    if (!listed.path("rows").canConvertToLong()) {
      throw new InputException(
          "Cannot publish table " + t.tableName + ": " + manifest + " lists no rows for it");
    }
    List<Path> parts;
    try (Stream<Path> files = Files.list(dir)) {
      parts = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new InputException(
          "Cannot list GeoParquet table " + dir + ": " + oneLine(String.valueOf(e.getMessage())),
          e);
    }
    if (parts.isEmpty()) {
      throw new InputException(
          "Cannot publish table " + t.tableName + ": " + dir + " holds no .parquet files");
    }
    Set<String> types = new TreeSet<>();
    Set<Integer> srids = new TreeSet<>();
    long nRows = 0;
    for (Path part : parts) {
      ParquetMetadata footer;
      try (ParquetFileReader reader =
          ParquetFileReader.open(
              HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(part.toUri()), hadoop))) {
        footer = reader.getFooter();
      } catch (IOException e) {
        throw new InputException(
            "Cannot read the footer of " + part + ": " + oneLine(String.valueOf(e.getMessage())),
            e);
      }
      nRows += footer.getBlocks().stream().mapToLong(b -> b.getRowCount()).sum();
      JsonNode column = geoColumn(part, footer.getFileMetaData().getKeyValueMetaData().get("geo"));
      column.path("geometry_types").forEach(type -> types.add(type.asText()));
      srids.add(srid(part, column.path("crs")));
    }
    if (srids.size() != 1) {
      throw new InputException(
          "Cannot publish table " + t.tableName + ": its part files disagree on the CRS " + srids);
    }
    long listedRows = listed.path("rows").asLong();
    if (listedRows != nRows) {
      throw new InputException(
          String.format(
              "Cannot publish table %s: %s holds %d rows but %s lists %d; rerun the %s stage",
              t.tableName, dir, nRows, manifest, listedRows, t.stage));
    }
    return new Table(
        t.tableName,
        dir,
        t.primaryKey,
        srids.iterator().next(),
        geometryType(types, t.declaredGeometryType),
        nRows);
  }

  /**
   * The PostGIS type modifier for the GeoParquet {@code geometry_types} of a table: {@code
   * declared} when the footers list none (an empty table) or when it is a Multi type covering every
   * listed type (admin polygons stay MultiPolygon from release to release, so GeoServer's feature
   * type keeps its attribute type); else the one type when there is one; the Multi type when single
   * and Multi forms mix (the loader applies {@code ST_Multi}); generic {@code Geometry} for any
   * other mix or 3D types.
   */
  static String geometryType(Set<String> types, String declared) {
    Set<String> simple =
        Set.of("Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon");
    if (types.isEmpty()) {
      return declared;
    }
    if (declared.startsWith("Multi")
        && Set.of(declared, declared.substring("Multi".length())).containsAll(types)) {
      return declared;
    }
    if (!simple.containsAll(types)) {
      return "Geometry";
    }
    if (types.size() == 1) {
      return types.iterator().next();
    }
    Set<String> multi = new TreeSet<>();
    types.forEach(type -> multi.add(type.startsWith("Multi") ? type : "Multi" + type));
    return multi.size() == 1 ? multi.iterator().next() : "Geometry";
  }

  private static JsonNode geoColumn(Path part, String geo) {
    if (geo == null) {
      throw new InputException(
          "Cannot publish " + part + ": no GeoParquet 'geo' metadata in the footer");
    }
    try {
      JsonNode column = JSON.readTree(geo).path("columns").path("geometry");
      if (column.isMissingNode()) {
        throw new InputException(
            "Cannot publish " + part + ": the 'geo' metadata has no column 'geometry'");
      }
      return column;
    } catch (IOException e) {
      throw new InputException(
          "Cannot parse the 'geo' metadata of " + part + ": " + oneLine(e.getMessage()), e);
    }
  }

  /**
   * EPSG code from a PROJJSON {@code id}; {@code OGC:CRS84} is 4326 (PostGIS stores lon/lat for
   * both).
   */
  static int srid(Path part, JsonNode crs) {
    JsonNode id = crs.path("id");
    String authority = id.path("authority").asText("");
    String code = id.path("code").asText("");
    if (authority.equals("OGC") && code.equals("CRS84")) {
      return 4326;
    }
    if (authority.equals("EPSG") && code.matches("[0-9]{4,6}")) {
      return Integer.parseInt(code);
    }
    throw new InputException(
        "Cannot publish "
            + part
            + ": its CRS id is "
            + (id.isMissingNode() ? "missing" : id)
            + ", expected EPSG:<code> or OGC:CRS84");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String oneLine(String s) {
    return s == null ? "unknown error" : s.replaceAll("\\s*\\R\\s*", "; ");
  }
}
