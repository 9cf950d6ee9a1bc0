package org.livingcircle.ingest;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.geo.SourceCrs;

/** Whole-file checks on small files written here. */
class WholeFilesTest {
  @TempDir Path tmp;

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(tmp.resolve(name), bytes);
  }

  private static PoiParser.Source source(Path file, PoiParser.Format format) {
    return new PoiParser.Source(file.toString(), format, SourceCrs.WGS84, "auto");
  }

  @Test
  void aNulByteMakesAFileBinary() throws IOException {
    Path file = write("a.csv", "id,name\n1,\u0000x\n".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> WholeFiles.checkText(file, "POI file"))
        .hasMessage(
            "Cannot read POI file " + file + ": binary data (NUL byte at offset 10), not text");
  }

  @Test
  void utf16IsNamed() throws IOException {
    Path file = write("a.csv", "\uFEFFid,name\n".getBytes(StandardCharsets.UTF_16LE));
    assertThatThrownBy(() -> WholeFiles.checkText(file, "census file"))
        .hasMessage("Cannot read census file " + file + ": UTF-16 text; save it as UTF-8 or GBK");
  }

  @Test
  void gbkAndUtf8TextPass() throws IOException {
    assertThatCode(
            () ->
                WholeFiles.checkText(
                    write("g.csv", "名称,类型编码\n".getBytes(TextFiles.GBK)), "POI file"))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                WholeFiles.checkText(
                    write("u.csv", "名称,类型编码\n".getBytes(StandardCharsets.UTF_8)), "POI file"))
        .doesNotThrowAnyException();
  }

  @Test
  void amapResponseWithPoisPassesAndTrailingContentDoesNot() throws IOException {
    Path ok =
        write(
            "ok.json",
            "{\"status\":\"1\",\"pois\":[{\"name\":\"x\",\"biz_ext\":{\"a\":[]}}]}"
                .getBytes(StandardCharsets.UTF_8));
    assertThatCode(() -> WholeFiles.checkJson(source(ok, PoiParser.Format.AMAP_JSON)))
        .doesNotThrowAnyException();
    Path two =
        write(
            "two.json",
            "{\"status\":\"1\",\"pois\":[]}\n{\"status\":\"1\"}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> WholeFiles.checkJson(source(two, PoiParser.Format.AMAP_JSON)))
        .hasMessage(
            "Cannot read POI file "
                + two
                + ": unexpected content after the JSON document (line 2)");
  }

  @Test
  void jsonWithoutPoisAndBrokenJson() throws IOException {
    Path none = write("none.json", "{\"count\":\"0\"}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> WholeFiles.checkJson(source(none, PoiParser.Format.AMAP_JSON)))
        .hasMessage(
            "Cannot read POI file "
                + none
                + ": no 'pois' array (Amap place-API response expected)");
    Path broken =
        write("broken.json", "{\"status\":\"1\",\n\"pois\": [}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> WholeFiles.checkJson(source(broken, PoiParser.Format.AMAP_JSON)))
        .hasMessage("Cannot read POI file " + broken + ": invalid JSON (line 2, column 11)");
  }

  @Test
  void featureCollectionWithoutFeatures() throws IOException {
    Path file =
        write("a.geojson", "{\"type\":\"FeatureCollection\"}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> WholeFiles.checkJson(source(file, PoiParser.Format.GEOJSON)))
        .hasMessage(
            "Cannot read POI file "
                + file
                + ": not a GeoJSON FeatureCollection (no 'features' array)");
  }
}
