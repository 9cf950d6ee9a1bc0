package org.livingcircle.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.livingcircle.common.InputException;

/**
 * Whole-file checks the ingest runs on the driver before any Spark task: a file is not empty, is
 * text (not a workbook, archive or other binary), and a JSON input is complete and has the shape
 * its format needs (an Amap place-API response with a {@code pois} array, a GeoJSON
 * FeatureCollection). Each problem is one {@link InputException} naming the file: "Cannot read
 * &lt;what&gt; &lt;file&gt;: …". JSON is checked by streaming, so a large file costs one pass and
 * no tree in memory.
 */
final class WholeFiles {
  /** Bytes looked at for binary content. */
  static final int SNIFF_BYTES = 8192;

  private static final JsonFactory JSON = new JsonFactory();

  private WholeFiles() {}

  /**
   * Throws unless {@code file} is non-empty text; {@code what} names it ("POI file", "census
   * file").
   */
  static void checkText(Path file, String what) {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(SNIFF_BYTES);
    } catch (IOException e) {
      throw new InputException("Cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }
    if (head.length == 0) {
      throw new InputException(
          "Cannot read " + what + " " + file + ": the file is empty (0 bytes)");
    }
    String kind = binaryKind(head);
    if (kind != null) {
      throw new InputException("Cannot read " + what + " " + file + ": " + kind);
    }
  }

  /** What binary data {@code head} starts with, or null when it looks like text. */
  static String binaryKind(byte[] head) {
    if (startsWith(head, 0x50, 0x4B, 0x03, 0x04)) {
      return "a ZIP archive or Excel workbook (.xlsx), not text; save the sheet as CSV";
    }
    if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0)) {
      return "an Excel 97-2003 workbook (.xls), not text; save the sheet as CSV";
    }
    if (startsWith(head, 0x1F, 0x8B)) {
      return "gzip-compressed data, not text; decompress it first";
    }
    if (startsWith(head, 0x50, 0x41, 0x52, 0x31)) {
      return "a Parquet file, not text";
    }
    if (startsWith(head, 0xFF, 0xFE) || startsWith(head, 0xFE, 0xFF)) {
      return "UTF-16 text; save it as UTF-8 or GBK";
    }
    for (int i = 0; i < head.length; i++) {
      if (head[i] == 0) {
        return "binary data (NUL byte at offset " + i + "), not text";
      }
    }
    return null;
  }

  private static boolean startsWith(byte[] head, int... magic) {
    if (head.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((head[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks a POI source whose format is JSON: complete, and an Amap response or a
   * FeatureCollection.
   */
  static void checkJson(PoiParser.Source source) {
    if (source.format() == PoiParser.Format.AMAP_CSV) {
      return;
    }
    Path path = Path.of(source.file());
    try (BufferedReader reader = TextFiles.open(path, TextFiles.detect(path, source.encoding()));
        JsonParser parser = JSON.createParser(reader)) {
      String problem =
          source.format() == PoiParser.Format.AMAP_JSON
              ? amapProblem(parser)
              : geoJsonProblem(parser);
      if (problem == null && parser.nextToken() != null) {
        problem =
            "unexpected content after the JSON document (line "
                + parser.currentLocation().getLineNr()
                + ")";
      }
      if (problem != null) {
        throw new InputException("Cannot read POI file " + source.file() + ": " + problem);
      }
    } catch (JsonEOFException e) {
      throw new InputException(
          "Cannot read POI file "
              + source.file()
              + ": JSON ends early at line "
              + e.getLocation().getLineNr()
              + " (truncated file?)");
    } catch (JsonParseException e) {
      throw new InputException(
          "Cannot read POI file "
              + source.file()
              + ": invalid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    } catch (IOException e) {
      throw new InputException("Cannot read POI file " + source.file() + ": " + e.getMessage(), e);
    }
  }

  /** Null when the document is an Amap place-API response with a {@code pois} array. */
  private static String amapProblem(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return "not a JSON object (Amap place-API response expected)";
    }
    String status = null;
    String info = null;
    boolean pois = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("status") && value.isScalarValue()) {
        status = parser.getText();
      } else if (field.equals("info") && value.isScalarValue()) {
        info = parser.getText();
      } else if (field.equals("pois")) {
        pois = value == JsonToken.START_ARRAY;
      }
      parser.skipChildren();
    }
    if (status != null && !status.equals("1")) {
      return "Amap error response (status "
          + status
          + (info == null ? "" : ", info " + info)
          + "), no 'pois' array; check the request and its key";
    }
    return pois ? null : "no 'pois' array (Amap place-API response expected)";
  }

  /** Null when the document is a GeoJSON FeatureCollection with a {@code features} array. */
  private static String geoJsonProblem(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return "not a GeoJSON FeatureCollection (not a JSON object)";
    }
    String type = null;
    boolean features = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("type") && value.isScalarValue()) {
        type = parser.getText();
      } else if (field.equals("features")) {
        features = value == JsonToken.START_ARRAY;
      }
      parser.skipChildren();
    }
    if (!"FeatureCollection".equals(type)) {
      return "not a GeoJSON FeatureCollection (type " + (type == null ? "missing" : type) + ")";
    }
    return features ? null : "not a GeoJSON FeatureCollection (no 'features' array)";
  }
}
