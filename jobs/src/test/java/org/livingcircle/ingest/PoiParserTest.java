package org.livingcircle.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.common.InputException;
import org.livingcircle.geo.SourceCrs;
import org.livingcircle.ingest.PoiParser.Format;
import org.livingcircle.ingest.PoiParser.PoiRow;
import org.livingcircle.ingest.PoiParser.Source;

/** Hand-written Amap CSV, Amap place-API JSON and GeoJSON files, one row per outcome. */
class PoiParserTest {
  private static final String SHANXI =
      "Region[minLng=110.0, minLat=34.3, maxLng=114.8, maxLat=40.9]";

  /** Shanxi and Beijing, for the published GCJ-02 and BD-09 vectors (all near Beijing). */
  private static final Region NORTH_CHINA = new Region(110.0, 34.3, 117.0, 41.0);

  @TempDir Path tmp;

  /** Two typecodes and two OSM tags; remembers the tag sets it was asked about. */
  static final class Categories implements CategoryLookup {
    final List<Map<String, String>> tagsAsked = new ArrayList<>();

    @Override
    public String byTypecode(String typecode) {
      return switch (typecode) {
        case "141203" -> "primary_school";
        case "090100" -> "clinic";
        default -> null;
      };
    }

    @Override
    public String byOsmTags(Map<String, String> tags) {
      tagsAsked.add(Map.copyOf(tags));
      return switch (tags.getOrDefault("amenity", "")) {
        case "school" -> "primary_school";
        case "clinic" -> "clinic";
        default -> null;
      };
    }

    @Override
    public boolean isCategory(String id) {
      return id.equals("primary_school") || id.equals("clinic");
    }
  }

  /** Collects what the parser sends. */
  static final class Rows implements PoiParser.Sink {
    final List<PoiRow> accepted = new ArrayList<>();
    final List<Quarantined> quarantined = new ArrayList<>();

    @Override
    public void accept(PoiRow row) {
      accepted.add(row);
    }

    @Override
    public void quarantine(Quarantined row) {
      quarantined.add(row);
    }
  }

  private final Categories categories = new Categories();

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = tmp.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  private Path write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private Rows parse(Path file, Format format, SourceCrs crs, Region region, long expectedRead) {
    Rows rows = new Rows();
    long read =
        new PoiParser(categories, region)
            .parse(new Source(file.toString(), format, crs, "auto"), rows);
    assertThat(read).isEqualTo(expectedRead);
    assertThat(rows.accepted.size() + rows.quarantined.size()).isEqualTo(expectedRead);
    return rows;
  }

  private static final String AMAP_CSV =
      String.join(
          "\n",
          "id,name,type,typecode,address,location,adcode",
          "B0FFG1,实验小学,科教文化服务;学校;小学,141203,\"城区, 新市东街\",\"112.851,35.491\",140502",
          "B0FFG2,,科教文化服务;学校;小学,141203,城区,\"112.85,35.49\",140502",
          "B0FFG3,诊所,,090100,,,140502",
          "B0FFG4,诊所二,,090100,,\"abc,def\",140502",
          "B0FFG5,诊所三,,090100,,\"0,0\",140502",
          "B0FFG6,诊所四,,090100,,\"35.49,112.85\",140502",
          "B0FFG7,天安门诊所,,090100,,\"116.404,39.915\",110101",
          "B0FFG8,公园,风景名胜,999999,,\"112.85,35.49\",140502",
          "B0FFG9,无类型,,,,\"112.85,35.49\",140502",
          "B0FFH0,短行",
          "B0FFH1,社区卫生站,,090100,\"一号楼",
          "二单元\",\"112.86,35.50\",140502",
          ",幼儿园小学部,,141203,,\"112.87,35.51\",",
          "B0FFH3,\"未闭合,,141203",
          "");

  @Test
  void amapCsvRowsAreAcceptedOrQuarantinedWithTheirReason() throws IOException {
    Path file = write("amap.csv", AMAP_CSV);
    Rows rows = parse(file, Format.AMAP_CSV, SourceCrs.WGS84, Region.SHANXI, 13);
    String f = file.toString();

    assertThat(rows.accepted)
        .containsExactly(
            new PoiRow(
                f,
                2,
                "B0FFG1",
                "实验小学",
                "primary_school",
                "141203",
                "科教文化服务;学校;小学",
                "城区, 新市东街",
                "140502",
                "wgs84",
                112.851,
                35.491,
                112.851,
                35.491),
            new PoiRow(
                f,
                12,
                "B0FFH1",
                "社区卫生站",
                "clinic",
                "090100",
                "",
                "一号楼\n二单元",
                "140502",
                "wgs84",
                112.86,
                35.50,
                112.86,
                35.50),
            // no id: the file name and line stand in
            new PoiRow(
                f,
                14,
                "amap.csv#14",
                "幼儿园小学部",
                "primary_school",
                "141203",
                "",
                "",
                "",
                "wgs84",
                112.87,
                35.51,
                112.87,
                35.51));

    assertThat(rows.quarantined)
        .extracting(Quarantined::file, Quarantined::row, Quarantined::reason, Quarantined::detail)
        .containsExactly(
            tuple(f, 3L, Reason.MISSING_NAME, "name is empty"),
            tuple(f, 4L, Reason.MISSING_COORDINATES, "location is empty"),
            tuple(f, 5L, Reason.BAD_COORDINATES, "not numbers: abc,def"),
            tuple(f, 6L, Reason.BAD_COORDINATES, "placeholder or not finite: 0.0,0.0"),
            tuple(f, 7L, Reason.SWAPPED_COORDINATES, "35.49,112.85 is outside " + SHANXI),
            tuple(f, 8L, Reason.OUTSIDE_REGION, "116.404,39.915 is outside " + SHANXI),
            tuple(f, 9L, Reason.UNKNOWN_CATEGORY, "typecode 999999"),
            tuple(f, 10L, Reason.UNKNOWN_CATEGORY, "no typecode or known OSM tag"),
            tuple(f, 11L, Reason.MALFORMED_ROW, "2 fields, header has 7"),
            tuple(f, 15L, Reason.MALFORMED_ROW, "unterminated quote"));
    // the original text travels with the quarantined row
    assertThat(rows.quarantined.get(1).raw()).isEqualTo("B0FFG3,诊所,,090100,,,140502");
    assertThat(rows.quarantined.get(9).raw()).isEqualTo("B0FFH3,\"未闭合,,141203");
    // a CSV row has no OSM tags to fall back on
    assertThat(categories.tagsAsked).isEmpty();
  }

  @Test
  void gbkCsvWithChineseHeadersAndSeparateLongitudeAndLatitude() throws IOException {
    String text =
        "名称,类型编码,地址,经度,纬度,区域编码\n"
            + "晋城市人民医院,090100,城区,112.8500,35.4900,140502\n"
            + "卫生所,090100,,112.85,,140502\n"
            + "卫生院,090100,,35.49,112.85,140502\n";
    Path file = write("pois-gbk.csv", text.getBytes(Charset.forName("GBK")));
    Rows rows = parse(file, Format.AMAP_CSV, SourceCrs.WGS84, Region.SHANXI, 3);
    String f = file.toString();
    assertThat(rows.accepted)
        .containsExactly(
            new PoiRow(
                f,
                2,
                "pois-gbk.csv#2",
                "晋城市人民医院",
                "clinic",
                "090100",
                "",
                "城区",
                "140502",
                "wgs84",
                112.85,
                35.49,
                112.85,
                35.49));
    assertThat(rows.quarantined)
        .extracting(Quarantined::row, Quarantined::reason, Quarantined::detail)
        .containsExactly(
            tuple(3L, Reason.MISSING_COORDINATES, "location is empty"),
            tuple(4L, Reason.SWAPPED_COORDINATES, "35.49,112.85 is outside " + SHANXI));
  }

  @Test
  void utf8BomAndEnglishAliasesInAnyCase() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body =
        "Name,TypeCode,Lon,Latitude\n泽州县医院,090100,112.84,35.62\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, bytes, 0, bom.length);
    System.arraycopy(body, 0, bytes, bom.length, body.length);
    Path file = write("bom.csv", bytes);
    Rows rows = parse(file, Format.AMAP_CSV, SourceCrs.WGS84, Region.SHANXI, 1);
    assertThat(rows.accepted)
        .extracting(PoiRow::poiId, PoiRow::name, PoiRow::category, PoiRow::lng, PoiRow::lat)
        .containsExactly(tuple("bom.csv#2", "泽州县医院", "clinic", 112.84, 35.62));
  }

  @Test
  void gcj02LocationsAreConvertedToWgs84() throws IOException {
    // eviltransform's Beijing pair: GCJ-02 (116.38404722455657, 39.91334545536069) is WGS84
    // (116.377817, 39.911954)
    Path file =
        write(
            "gcj.csv",
            "name,typecode,location\n诊所,090100,\"116.38404722455657,39.91334545536069\"\n");
    Rows rows = parse(file, Format.AMAP_CSV, SourceCrs.GCJ02, NORTH_CHINA, 1);
    PoiRow row = rows.accepted.get(0);
    assertThat(row.sourceCrs()).isEqualTo("gcj02");
    assertThat(row.sourceLng()).isEqualTo(116.38404722455657);
    assertThat(row.sourceLat()).isEqualTo(39.91334545536069);
    // 1e-7° is about a centimetre
    assertThat(row.lng()).isCloseTo(116.377817, within(1e-7));
    assertThat(row.lat()).isCloseTo(39.911954, within(1e-7));
  }

  @Test
  void bd09LocationsAreConvertedToWgs84() throws IOException {
    // WGS84 (116.404, 39.915) is GCJ-02 (116.41024449916938, 39.91640428150164) (coordtransform's
    // published
    // vector); Baidu's forward formula (z = √(x²+y²) + 2e-5·sin(y·3000π/180), θ = atan2(y, x) +
    // 3e-6·cos(x·3000π/180),
    // (z·cos θ + 0.0065, z·sin θ + 0.006)) takes that to BD-09 (116.41662724378733,
    // 39.922699552216216).
    Path file =
        write(
            "bd.csv",
            "name,typecode,location\n诊所,090100,\"116.41662724378733,39.922699552216216\"\n");
    Rows rows = parse(file, Format.AMAP_CSV, SourceCrs.BD09, NORTH_CHINA, 1);
    PoiRow row = rows.accepted.get(0);
    assertThat(row.sourceCrs()).isEqualTo("bd09");
    assertThat(row.sourceLng()).isEqualTo(116.41662724378733);
    assertThat(row.lng()).isCloseTo(116.404, within(1e-7));
    assertThat(row.lat()).isCloseTo(39.915, within(1e-7));
  }

  @Test
  void regionIsCheckedOnTheSourceCoordinatesBeforeConversion() throws IOException {
    // 0,0 in GCJ-02 is still the placeholder, not a point shifted to somewhere
    Path file = write("zero.csv", "name,typecode,location\n诊所,090100,\"0,0\"\n");
    Rows rows = parse(file, Format.AMAP_CSV, SourceCrs.GCJ02, Region.SHANXI, 1);
    assertThat(rows.quarantined)
        .extracting(Quarantined::reason)
        .containsExactly(Reason.BAD_COORDINATES);
  }

  @Test
  void amapPlaceApiJson() throws IOException {
    String json =
        "{\"status\":\"1\",\"count\":\"4\",\"pois\":[\n"
            + "{\"id\":\"B0FFJ1\",\"name\":\"晋城市第二中学\",\"type\":\"科教文化服务;学校;中学\",\"typecode\":\"141203\","
            + "\"address\":[],\"location\":\"116.38404722455657,39.91334545536069\",\"adcode\":\"140502\"},\n"
            + "{\"id\":\"B0FFJ2\",\"name\":[],\"typecode\":\"141203\",\"location\":\"112.85,35.49\"},\n"
            + "{\"id\":\"B0FFJ3\",\"name\":\"无坐标\",\"typecode\":\"141203\",\"location\":[]},\n"
            + "{\"name\":\"无编号\",\"typecode\":\"090100\",\"location\":\"112.85,35.49\"}\n"
            + "]}\n";
    Path file = write("place.json", json);
    Rows rows = parse(file, Format.AMAP_JSON, SourceCrs.GCJ02, NORTH_CHINA, 4);
    String f = file.toString();
    assertThat(rows.accepted)
        .extracting(
            PoiRow::row,
            PoiRow::poiId,
            PoiRow::name,
            PoiRow::category,
            PoiRow::typeName,
            PoiRow::address,
            PoiRow::amapAdcode)
        .containsExactly(
            tuple(1L, "B0FFJ1", "晋城市第二中学", "primary_school", "科教文化服务;学校;中学", "", "140502"),
            tuple(4L, "place.json#4", "无编号", "clinic", "", "", ""));
    assertThat(rows.accepted.get(0).lng()).isCloseTo(116.377817, within(1e-7));
    assertThat(rows.accepted.get(0).lat()).isCloseTo(39.911954, within(1e-7));
    assertThat(rows.quarantined)
        .extracting(
            Quarantined::file,
            Quarantined::row,
            Quarantined::reason,
            Quarantined::detail,
            Quarantined::raw)
        .containsExactly(
            tuple(
                f,
                2L,
                Reason.MISSING_NAME,
                "name is empty",
                "{\"id\":\"B0FFJ2\",\"name\":[],\"typecode\":\"141203\",\"location\":\"112.85,35.49\"}"),
            tuple(
                f,
                3L,
                Reason.MISSING_COORDINATES,
                "location is empty",
                "{\"id\":\"B0FFJ3\",\"name\":\"无坐标\",\"typecode\":\"141203\",\"location\":[]}"));
  }

  @Test
  void geoJsonWithOsmTags() throws IOException {
    String geojson =
        "{\"type\":\"FeatureCollection\",\"features\":[\n"
            + "{\"type\":\"Feature\",\"properties\":{\"osm_id\":123,\"name\":\"Jincheng School\",\"amenity\":\"school\","
            + "\"other_tags\":{\"x\":1}},\"geometry\":{\"type\":\"Point\",\"coordinates\":[112.85,35.49]}},\n"
            + "{\"type\":\"Feature\",\"properties\":{\"id\":\"w9\",\"name\":\"Clinic\",\"typecode\":\"090100\"},"
            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[112.86,35.5]}},\n"
            + "{\"type\":\"Feature\",\"properties\":{\"name\":\"Park\",\"leisure\":\"park\"},"
            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[112.86,35.5]}},\n"
            + "{\"type\":\"Feature\",\"properties\":{\"name\":\"Area\",\"amenity\":\"school\"},"
            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[112.8,35.4],[112.9,35.4],[112.9,35.5],[112.8,35.4]]]}},\n"
            + "{\"type\":\"Feature\",\"properties\":{\"name\":\"Nowhere\",\"amenity\":\"clinic\"},\"geometry\":null}\n"
            + "]}\n";
    Path file = write("osm.geojson", geojson);
    Rows rows = parse(file, Format.GEOJSON, SourceCrs.WGS84, Region.SHANXI, 5);
    String f = file.toString();
    assertThat(rows.accepted)
        .containsExactly(
            new PoiRow(
                f,
                1,
                "123",
                "Jincheng School",
                "primary_school",
                "",
                "",
                "",
                "",
                "wgs84",
                112.85,
                35.49,
                112.85,
                35.49),
            new PoiRow(
                f, 2, "w9", "Clinic", "clinic", "090100", "", "", "", "wgs84", 112.86, 35.5, 112.86,
                35.5));
    assertThat(rows.quarantined)
        .extracting(Quarantined::row, Quarantined::reason, Quarantined::detail)
        .containsExactly(
            tuple(3L, Reason.UNKNOWN_CATEGORY, "no typecode or known OSM tag"),
            tuple(4L, Reason.MISSING_COORDINATES, "location is empty"),
            tuple(5L, Reason.MISSING_COORDINATES, "location is empty"));
    // only scalar properties are tags; the typecode decided feature 2 without asking
    assertThat(categories.tagsAsked)
        .containsExactly(
            Map.of("osm_id", "123", "name", "Jincheng School", "amenity", "school"),
            Map.of("name", "Park", "leisure", "park"));
  }

  @Test
  void formatFollowsTheExtension() {
    assertThat(Format.of("pois.CSV")).isEqualTo(Format.AMAP_CSV);
    assertThat(Format.of("pois.txt")).isEqualTo(Format.AMAP_CSV);
    assertThat(Format.of("a.geojson")).isEqualTo(Format.GEOJSON);
    assertThat(Format.of("a.json")).isEqualTo(Format.AMAP_JSON);
    assertThat(Format.of("a.xlsx")).isNull();
  }

  @Test
  void sourceSurvivesItsTaskEncoding() {
    Source s = new Source("/in/pois 1.csv", Format.AMAP_CSV, SourceCrs.BD09, "GBK");
    assertThat(s.encode()).isEqualTo("/in/pois 1.csv\tAMAP_CSV\tBD09\tGBK");
    assertThat(Source.decode(s.encode())).isEqualTo(s);
    assertThat(new Source("x.json", Format.AMAP_JSON, SourceCrs.GCJ02, null).encode())
        .isEqualTo("x.json\tAMAP_JSON\tGCJ02\tauto");
  }

  private void assertHeaderError(String name, String text, String message) throws IOException {
    Path file = write(name, text);
    Source source = new Source(file.toString(), Format.AMAP_CSV, SourceCrs.WGS84, "auto");
    assertThatThrownBy(() -> PoiParser.checkHeader(source))
        .isInstanceOf(InputException.class)
        .hasMessage(message, file);
    assertThatThrownBy(() -> new PoiParser(categories, Region.SHANXI).parse(source, new Rows()))
        .isInstanceOf(InputException.class)
        .hasMessage(message, file);
  }

  @Test
  void headerProblemsStopTheFile() throws IOException {
    assertHeaderError("empty.csv", "", "Cannot read POI file %s: it is empty (no header line)");
    assertHeaderError(
        "noname.csv",
        "typecode,location\n",
        "Cannot read POI file %s: header has no 'name' column (line 1)");
    assertHeaderError(
        "notype.csv",
        "名称,坐标\n",
        "Cannot read POI file %s: header has no 'typecode' column (line 1)");
    assertHeaderError(
        "nolat.csv",
        "name,typecode,lng\n",
        "Cannot read POI file %s: header has neither 'location' nor 'lng' and 'lat' columns (line 1)");
    // blank lines before the header: the message names the header's own line
    assertHeaderError(
        "late.csv",
        "\n\nname,lng,lat\n",
        "Cannot read POI file %s: header has no 'typecode' column (line 3)");
  }

  @Test
  void goodHeaderPassesTheCheck() throws IOException {
    Path file = write("ok.csv", AMAP_CSV);
    PoiParser.checkHeader(new Source(file.toString(), Format.AMAP_CSV, SourceCrs.WGS84, "auto"));
    // JSON files have no header to check, and are not even opened
    PoiParser.checkHeader(
        new Source(
            tmp.resolve("absent.json").toString(), Format.AMAP_JSON, SourceCrs.WGS84, "auto"));
  }

  @Test
  void jsonProblemsStopTheFile() throws IOException {
    Path broken = write("broken.json", "{\"pois\": [\n{\"id\": }\n]}\n");
    assertThatThrownBy(() -> parse(broken, Format.AMAP_JSON, SourceCrs.GCJ02, Region.SHANXI, 0))
        .isInstanceOf(InputException.class)
        .hasMessage("Cannot read POI file " + broken + ": invalid JSON (line 2)");
    Path noPois = write("nopois.json", "{\"status\":\"0\",\"info\":\"INVALID_USER_KEY\"}");
    assertThatThrownBy(() -> parse(noPois, Format.AMAP_JSON, SourceCrs.GCJ02, Region.SHANXI, 0))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "Cannot read POI file "
                + noPois
                + ": no 'pois' array (Amap place-API response expected)");
    Path feature = write("one.geojson", "{\"type\":\"Feature\",\"features\":[]}");
    assertThatThrownBy(() -> parse(feature, Format.GEOJSON, SourceCrs.WGS84, Region.SHANXI, 0))
        .isInstanceOf(InputException.class)
        .hasMessage("Cannot read POI file " + feature + ": not a GeoJSON FeatureCollection");
  }

  @Test
  void missingFileNamesIt() {
    Path file = tmp.resolve("absent.csv");
    assertThatThrownBy(() -> parse(file, Format.AMAP_CSV, SourceCrs.WGS84, Region.SHANXI, 0))
        .isInstanceOf(InputException.class)
        .hasMessage("Cannot read " + file + ": no such file");
  }
}
