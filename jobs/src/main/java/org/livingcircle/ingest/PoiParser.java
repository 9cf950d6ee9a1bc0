package org.livingcircle.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.livingcircle.common.InputException;
import org.livingcircle.geo.SourceCrs;

/**
 * Parses one POI file (Amap CSV export, Amap place-API JSON, or GeoJSON points) into accepted rows
 * in WGS84 and quarantined rows with a reason. Whole-file problems (missing file, missing columns,
 * undecodable text, invalid JSON) throw {@link InputException}. Not thread-safe.
 */
public final class PoiParser {
  /** File formats the ingest reads. */
  public enum Format {
    AMAP_CSV,
    AMAP_JSON,
    GEOJSON;

    /** Guesses the format from a file name; null if the extension is unknown. */
    public static Format of(String fileName) {
      String lower = fileName.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
        return AMAP_CSV;
      }
      if (lower.endsWith(".geojson")) {
        return GEOJSON;
      }
      if (lower.endsWith(".json")) {
        return AMAP_JSON;
      }
      return null;
    }
  }

  /** A file to read, with its coordinate system and encoding ("auto" detects UTF-8 or GBK). */
  public record Source(String file, Format format, SourceCrs crs, String encoding)
      implements Serializable {
    /** A tab-separated form for shipping to Spark tasks (Kryo cannot serialize records). */
    public String encode() {
      return String.join(
          "\t", file, format.name(), crs.name(), encoding == null ? "auto" : encoding);
    }

    public static Source decode(String text) {
      String[] f = text.split("\t", -1);
      return new Source(f[0], Format.valueOf(f[1]), SourceCrs.valueOf(f[2]), f[3]);
    }
  }

  /** An accepted POI, coordinates converted to WGS84. */
  public record PoiRow(
      String file,
      long row,
      String poiId,
      String name,
      String category,
      String typecode,
      String typeName,
      String address,
      String amapAdcode,
      String sourceCrs,
      double sourceLng,
      double sourceLat,
      double lng,
      double lat)
      implements Serializable {}

  /** Receives the rows of a file in order. */
  public interface Sink {
    void accept(PoiRow row);

    void quarantine(Quarantined row);
  }

  /** Header names users' exports carry, mapped to the Amap field names. */
  private static final Map<String, String> HEADER_ALIASES =
      Map.ofEntries(
          Map.entry("名称", "name"),
          Map.entry("地址", "address"),
          Map.entry("类型", "type"),
          Map.entry("类型编码", "typecode"),
          Map.entry("坐标", "location"),
          Map.entry("经度", "lng"),
          Map.entry("纬度", "lat"),
          Map.entry("lon", "lng"),
          Map.entry("longitude", "lng"),
          Map.entry("latitude", "lat"),
          Map.entry("省份", "pname"),
          Map.entry("城市", "cityname"),
          Map.entry("区县", "adname"),
          Map.entry("区域编码", "adcode"));

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CategoryLookup categories;
  private final Region region;
  private final double[] src = new double[2];
  private final double[] wgs = new double[2];

  public PoiParser(CategoryLookup categories, Region region) {
    this.categories = categories;
    this.region = region;
  }

  /** Parses {@code source} and returns the number of rows read (accepted + quarantined). */
  public long parse(Source source, Sink sink) {
    Path path = Path.of(source.file());
    Charset charset = TextFiles.detect(path, source.encoding());
    try (BufferedReader reader = TextFiles.open(path, charset)) {
      return switch (source.format()) {
        case AMAP_CSV -> parseCsv(source, reader, sink);
        case AMAP_JSON -> parseAmapJson(source, reader, sink);
        case GEOJSON -> parseGeoJson(source, reader, sink);
      };
    } catch (IOException e) {
      throw new InputException("Cannot read " + source.file() + ": " + e.getMessage(), e);
    }
  }

  private long parseCsv(Source source, BufferedReader reader, Sink sink) {
    CsvRecords records = new CsvRecords(reader);
    CsvRecords.Record header = records.next();
    Map<String, Integer> columns = columns(source, header);
    boolean hasLocation = columns.containsKey("location");
    int width = header.fields().size();
    long read = 0;
    for (CsvRecords.Record r = records.next(); r != null; r = records.next()) {
      read++;
      if (r.unterminatedQuote() || r.fields().size() != width) {
        String detail =
            r.unterminatedQuote()
                ? "unterminated quote"
                : r.fields().size() + " fields, header has " + width;
        sink.quarantine(
            new Quarantined(source.file(), r.line(), Reason.MALFORMED_ROW, detail, r.raw()));
        continue;
      }
      List<String> f = r.fields();
      String lng;
      String lat;
      if (hasLocation) {
        String location = f.get(columns.get("location"));
        int comma = location.indexOf(',');
        lng = comma < 0 ? location : location.substring(0, comma);
        lat = comma < 0 ? "" : location.substring(comma + 1);
      } else {
        lng = f.get(columns.get("lng"));
        lat = f.get(columns.get("lat"));
      }
      emit(
          source,
          sink,
          r.line(),
          r.raw(),
          field(f, columns, "id"),
          field(f, columns, "name"),
          field(f, columns, "typecode"),
          field(f, columns, "type"),
          field(f, columns, "address"),
          field(f, columns, "adcode"),
          null,
          lng,
          lat);
    }
    return read;
  }

  /** Checks a CSV file's header on the driver, before any task starts: one line per problem. */
  public static void checkHeader(Source source) {
    if (source.format() != Format.AMAP_CSV) {
      return;
    }
    Path path = Path.of(source.file());
    try (BufferedReader reader = TextFiles.open(path, TextFiles.detect(path, source.encoding()))) {
      columns(source, new CsvRecords(reader).next());
    } catch (IOException e) {
      throw new InputException("Cannot read " + source.file() + ": " + e.getMessage(), e);
    }
  }

  /** Column index by Amap field name (aliases applied); throws if required columns are missing. */
  private static Map<String, Integer> columns(Source source, CsvRecords.Record header) {
    if (header == null) {
      throw new InputException(
          "Cannot read POI file " + source.file() + ": it is empty (no header line)");
    }
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.fields().size(); i++) {
      String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
      columns.putIfAbsent(HEADER_ALIASES.getOrDefault(name, name), i);
    }
    for (String required : List.of("name", "typecode")) {
      if (!columns.containsKey(required)) {
        throw new InputException(
            "Cannot read POI file "
                + source.file()
                + ": header has no '"
                + required
                + "' column (line "
                + header.line()
                + ")");
      }
    }
    if (!columns.containsKey("location")
        && !(columns.containsKey("lng") && columns.containsKey("lat"))) {
      throw new InputException(
          "Cannot read POI file "
              + source.file()
              + ": header has neither 'location' nor 'lng' and 'lat' columns (line "
              + header.line()
              + ")");
    }
    return columns;
  }

  private long parseAmapJson(Source source, BufferedReader reader, Sink sink) {
    JsonNode root = readJson(source, reader);
    JsonNode pois = root.path("pois");
    if (!pois.isArray()) {
      throw new InputException(
          "Cannot read POI file "
              + source.file()
              + ": no 'pois' array (Amap place-API response expected)");
    }
    long read = 0;
    for (JsonNode poi : pois) {
      read++;
      String location = text(poi, "location");
      int comma = location.indexOf(',');
      emit(
          source,
          sink,
          read,
          poi.toString(),
          text(poi, "id"),
          text(poi, "name"),
          text(poi, "typecode"),
          text(poi, "type"),
          text(poi, "address"),
          text(poi, "adcode"),
          null,
          comma < 0 ? location : location.substring(0, comma),
          comma < 0 ? "" : location.substring(comma + 1));
    }
    return read;
  }

  private long parseGeoJson(Source source, BufferedReader reader, Sink sink) {
    JsonNode root = readJson(source, reader);
    JsonNode features = root.path("features");
    if (!"FeatureCollection".equals(root.path("type").asText()) || !features.isArray()) {
      throw new InputException(
          "Cannot read POI file " + source.file() + ": not a GeoJSON FeatureCollection");
    }
    long read = 0;
    for (JsonNode feature : features) {
      read++;
      JsonNode props = feature.path("properties");
      JsonNode geometry = feature.path("geometry");
      String lng = "";
      String lat = "";
      if ("Point".equals(geometry.path("type").asText())
          && geometry.path("coordinates").size() >= 2) {
        lng = geometry.path("coordinates").get(0).asText();
        lat = geometry.path("coordinates").get(1).asText();
      }
      Map<String, String> tags = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isValueNode()) {
          tags.put(e.getKey(), e.getValue().asText());
        }
      }
      String id = text(props, "id");
      if (id.isEmpty()) {
        id = text(props, "osm_id");
      }
      emit(
          source,
          sink,
          read,
          feature.toString(),
          id,
          text(props, "name"),
          text(props, "typecode"),
          text(props, "type"),
          text(props, "address"),
          text(props, "adcode"),
          tags,
          lng,
          lat);
    }
    return read;
  }

  private void emit(
      Source source,
      Sink sink,
      long row,
      String raw,
      String id,
      String name,
      String typecode,
      String typeName,
      String address,
      String adcode,
      Map<String, String> osmTags,
      String lngText,
      String latText) {
    String file = source.file();
    if (name.isBlank()) {
      sink.quarantine(new Quarantined(file, row, Reason.MISSING_NAME, "name is empty", raw));
      return;
    }
    Locations.Problem problem = Locations.parse(lngText, latText, region, src);
    if (problem != null) {
      sink.quarantine(new Quarantined(file, row, problem.reason(), problem.detail(), raw));
      return;
    }
    double lng = src[0];
    double lat = src[1];
    String category = null;
    if (!typecode.isBlank()) {
      category = categories.byTypecode(typecode);
    }
    if (category == null && osmTags != null) {
      category = categories.byOsmTags(osmTags);
    }
    if (category == null) {
      String what = typecode.isBlank() ? "no typecode or known OSM tag" : "typecode " + typecode;
      sink.quarantine(new Quarantined(file, row, Reason.UNKNOWN_CATEGORY, what, raw));
      return;
    }
    source.crs().toWgs84(lng, lat, wgs);
    String poiId = id.isBlank() ? Path.of(file).getFileName() + "#" + row : id;
    sink.accept(
        new PoiRow(
            file,
            row,
            poiId,
            name.strip(),
            category,
            typecode,
            typeName,
            address,
            adcode,
            source.crs().code(),
            lng,
            lat,
            wgs[0],
            wgs[1]));
  }

  private static String field(List<String> fields, Map<String, Integer> columns, String name) {
    Integer i = columns.get(name);
    return i == null ? "" : fields.get(i);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    // Amap's place API answers [] for absent string fields
    return value.isValueNode() && !value.isNull() ? value.asText() : "";
  }

  private static JsonNode readJson(Source source, BufferedReader reader) {
    try {
      return JSON.readTree(reader);
    } catch (JsonProcessingException e) {
      throw new InputException(
          "Cannot read POI file "
              + source.file()
              + ": invalid JSON (line "
              + e.getLocation().getLineNr()
              + ")");
    } catch (IOException e) {
      throw new InputException("Cannot read POI file " + source.file() + ": " + e.getMessage(), e);
    }
  }
}
