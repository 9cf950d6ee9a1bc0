package org.livingcircle.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.livingcircle.common.InputException;

/**
 * Reads a CSV table whose rows are described by a JSON Schema in {@code schemas/}: cells are typed
 * by the schema (integer, number, boolean, string), rows that violate it are quarantined with the
 * schema's messages, and a header that lacks a required column stops the run.
 */
public final class SchemaTable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String schemaName;
  private final JsonNode schemaNode;
  private final JsonSchema schema;

  /** Loads {@code schemas/<schemaName>.schema.json} from the classpath. */
  public SchemaTable(String schemaName) {
    this.schemaName = schemaName;
    String resource = "/schemas/" + schemaName + ".schema.json";
    try (InputStream in = SchemaTable.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Cannot find schema " + resource + " on the classpath");
      }
      this.schemaNode = JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read schema " + resource + ": " + e.getMessage(), e);
    }
    this.schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
  }

  /** Receives typed rows (1-based line numbers) and quarantined ones. */
  public interface Sink {
    void accept(long line, ObjectNode row);

    void quarantine(Quarantined row);
  }

  /** Reads {@code file} and returns the number of data rows read. */
  public long read(Path file, String encoding, Sink sink) {
    try (BufferedReader reader = TextFiles.open(file, TextFiles.detect(file, encoding))) {
      CsvRecords records = new CsvRecords(reader);
      List<String> names = headerNames(file, records.next());
      JsonNode properties = schemaNode.path("properties");
      long read = 0;
      for (CsvRecords.Record r = records.next(); r != null; r = records.next()) {
        read++;
        if (r.unterminatedQuote() || r.fields().size() != names.size()) {
          String detail =
              r.unterminatedQuote()
                  ? "unterminated quote"
                  : r.fields().size() + " fields, header has " + names.size();
          sink.quarantine(
              new Quarantined(file.toString(), r.line(), Reason.MALFORMED_ROW, detail, r.raw()));
          continue;
        }
        ObjectNode row = JSON.createObjectNode();
        for (int i = 0; i < names.size(); i++) {
          put(row, names.get(i), r.fields().get(i), properties.path(names.get(i)));
        }
        Set<ValidationMessage> errors = schema.validate(row);
        if (errors.isEmpty()) {
          sink.accept(r.line(), row);
        } else {
          Set<String> messages = new TreeSet<>();
          for (ValidationMessage m : errors) {
            messages.add(m.getMessage());
          }
          sink.quarantine(
              new Quarantined(
                  file.toString(),
                  r.line(),
                  Reason.SCHEMA_VIOLATION,
                  String.join("; ", messages),
                  r.raw()));
        }
      }
      return read;
    } catch (IOException e) {
      throw new InputException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Checks the header of {@code file} on the driver, before any task: one line per problem. */
  public void checkHeader(Path file, String encoding) {
    try (BufferedReader reader = TextFiles.open(file, TextFiles.detect(file, encoding))) {
      headerNames(file, new CsvRecords(reader).next());
    } catch (IOException e) {
      throw new InputException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The header's column names; throws when the file has no header or lacks a required column. */
  private List<String> headerNames(Path file, CsvRecords.Record header) {
    if (header == null) {
      throw new InputException(
          "Cannot read " + schemaName + " file " + file + ": it is empty (no header line)");
    }
    List<String> names = new ArrayList<>();
    for (String h : header.fields()) {
      names.add(h.strip());
    }
    List<String> missing = new ArrayList<>();
    for (JsonNode required : schemaNode.path("required")) {
      if (!names.contains(required.asText())) {
        missing.add(required.asText());
      }
    }
    if (missing.isEmpty()) {
      return names;
    }
    boolean noHeader = missing.size() == schemaNode.path("required").size();
    throw new InputException(
        "Cannot read "
            + schemaName
            + " file "
            + file
            + ": header has no '"
            + missing.get(0)
            + "' column (line "
            + header.line()
            + ")"
            + (noHeader
                ? "; the first line must name the columns (" + String.join(",", columns()) + ")"
                : ""));
  }

  /** Column names the schema declares, in declaration order. */
  public List<String> columns() {
    List<String> names = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = schemaNode.path("properties").fields();
        it.hasNext(); ) {
      names.add(it.next().getKey());
    }
    return names;
  }

  /** Type of a declared column: integer, number, boolean or string. */
  public String type(String column) {
    return primaryType(schemaNode.path("properties").path(column));
  }

  private static void put(ObjectNode row, String name, String cell, JsonNode property) {
    String text = cell.strip();
    if (text.isEmpty()) {
      return; // absent: "required" in the schema decides whether that is allowed
    }
    switch (primaryType(property)) {
      case "integer" -> {
        try {
          row.put(name, Long.parseLong(text));
        } catch (NumberFormatException e) {
          row.put(name, text);
        }
      }
      case "number" -> {
        try {
          row.put(name, Double.parseDouble(text));
        } catch (NumberFormatException e) {
          row.put(name, text);
        }
      }
      case "boolean" -> {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
          row.put(name, Boolean.parseBoolean(text));
        } else {
          row.put(name, text);
        }
      }
      default -> row.put(name, text);
    }
  }

  private static String primaryType(JsonNode property) {
    JsonNode type = property.path("type");
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (!"null".equals(t.asText())) {
          return t.asText();
        }
      }
    }
    return type.isTextual() ? type.asText() : "string";
  }
}
