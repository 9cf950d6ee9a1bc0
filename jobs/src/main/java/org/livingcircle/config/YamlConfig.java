package org.livingcircle.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.livingcircle.common.ConfigException;

/**
 * Loads a YAML configuration file, validates it against a JSON Schema (draft 2020-12) and binds it
 * to a record.
 *
 * <p>Schemas live once in the repository's {@code schemas/} folder; the build copies them into the
 * jar as classpath resources {@code schemas/<name>}. Every failure is a {@link ConfigException}
 * with one line: {@code <file>: <json pointer>: <problem>} for invalid values, {@code <file>:
 * cannot parse: <reason> (line N)} for unreadable files and YAML syntax errors. The file is named
 * as the caller gave it.
 *
 * <p>Keys ending in {@code _source} and {@code amap_note} document values for people and metadata;
 * the schema requires them, binding skips them. Any other key unknown to the record is an error
 * (the schema rejects it first). Thread-safe.
 */
public final class YamlConfig {
  /** Classpath folder holding the JSON Schemas. */
  public static final String SCHEMA_RESOURCE_DIR = "schemas/";

  private static final YAMLMapper MAPPER = newMapper();
  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

  private YamlConfig() {}

  /**
   * Reads {@code file}, validates it against {@code schemaName} (e.g. "city.schema.json") and binds
   * it to {@code type}.
   */
  public static <T> T load(Path file, String schemaName, Class<T> type) {
    JsonNode root = readValidated(file, schemaName);
    try {
      return MAPPER.treeToValue(root, type);
    } catch (JsonMappingException e) {
      throw bindingProblem(file, e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(file + ": cannot bind: " + firstLine(e.getOriginalMessage()), e);
    }
  }

  /** Reads {@code file} as a YAML tree and validates it against {@code schemaName}. */
  public static JsonNode readValidated(Path file, String schemaName) {
    JsonNode root = read(file);
    List<ValidationMessage> messages = new ArrayList<>(schema(schemaName).validate(root));
    if (!messages.isEmpty()) {
      messages.sort(
          Comparator.comparing(ValidationMessage::getPath)
              .thenComparing(ValidationMessage::getType));
      ValidationMessage first = messages.get(0);
      String more = messages.size() > 1 ? " (and " + (messages.size() - 1) + " more)" : "";
      throw new ConfigException(file + ": " + describe(first, root) + more);
    }
    return root;
  }

  /** Reads {@code file} as a YAML tree without validation; an empty file is an error. */
  static JsonNode read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      JsonNode root = MAPPER.readTree(in);
      if (root == null || root.isMissingNode() || root.isNull()) {
        throw new ConfigException(file + ": cannot parse: empty file (line 1)");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      String line =
          location == null || location.getLineNr() < 1
              ? ""
              : " (line " + location.getLineNr() + ")";
      throw new ConfigException(
          file + ": cannot parse: " + firstLine(e.getOriginalMessage()) + line, e);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": cannot parse: no such file", e);
    } catch (IOException e) {
      throw new ConfigException(
          file
              + ": cannot parse: "
              + e.getClass().getSimpleName()
              + " "
              + firstLine(e.getMessage()),
          e);
    }
  }

  private static JsonSchema schema(String schemaName) {
    return SCHEMAS.computeIfAbsent(schemaName, YamlConfig::loadSchema);
  }

  private static JsonSchema loadSchema(String schemaName) {
    String resource = SCHEMA_RESOURCE_DIR + schemaName;
    try (InputStream in = YamlConfig.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new ConfigException("Cannot load schema " + resource + ": not on the classpath");
      }
      SchemaValidatorsConfig config = new SchemaValidatorsConfig();
      config.setPathType(PathType.JSON_POINTER);
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read schema " + resource, e);
    }
  }

  /**
   * One validation message as {@code <pointer>: <problem>} with the offending value quoted as JSON.
   */
  static String describe(ValidationMessage m, JsonNode root) {
    String pointer = m.getPath();
    String[] args = m.getArguments() == null ? new String[0] : m.getArguments();
    JsonNode value = pointer.isEmpty() ? root : root.at(pointer);
    String shown = value.isMissingNode() ? "(missing)" : abbreviate(value.toString());
    String problem =
        switch (m.getType()) {
          case "minimum" -> shown + " is less than the minimum " + arg(args, 0);
          case "maximum" -> shown + " is greater than the maximum " + arg(args, 0);
          case "exclusiveMinimum" -> shown + " must be greater than " + arg(args, 0);
          case "exclusiveMaximum" -> shown + " must be less than " + arg(args, 0);
          case "type" -> shown + " is " + article(arg(args, 0)) + ", expected " + arg(args, 1);
          case "required" -> "missing required key " + arg(args, 0);
          case "additionalProperties" -> "unknown key " + arg(args, 0);
          case "pattern" -> shown + " does not match " + arg(args, 0);
          case "enum" -> shown + " is not one of " + arg(args, 0);
          case "minItems" ->
              "has " + value.size() + " items, fewer than the minimum " + arg(args, 0);
          case "maxItems" ->
              "has " + value.size() + " items, more than the maximum " + arg(args, 0);
          case "uniqueItems" -> "contains duplicate items";
          case "minLength" -> shown + " is shorter than " + arg(args, 0) + " characters";
          case "maxLength" -> shown + " is longer than " + arg(args, 0) + " characters";
          default -> stripPath(m.getMessage(), pointer);
        };
    return (pointer.isEmpty() ? "/" : pointer) + ": " + problem;
  }

  private static ConfigException bindingProblem(Path file, JsonMappingException e) {
    StringBuilder pointer = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      pointer
          .append('/')
          .append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
    }
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    String problem = cause == e ? firstLine(e.getOriginalMessage()) : firstLine(cause.getMessage());
    if (cause instanceof ConfigProblem p) {
      pointer.append(p.relativePointer());
    }
    return new ConfigException(
        file + ": " + (pointer.length() == 0 ? "/" : pointer) + ": " + problem, e);
  }

  private static YAMLMapper newMapper() {
    YAMLMapper mapper =
        YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    mapper.addHandler(new SkipDocumentationKeys());
    return mapper;
  }

  /**
   * Skips keys that document a sibling value ({@code *_source}, {@code amap_note}); other unknown
   * keys still fail.
   */
  private static final class SkipDocumentationKeys extends DeserializationProblemHandler {
    @Override
    public boolean handleUnknownProperty(
        DeserializationContext ctxt,
        JsonParser p,
        JsonDeserializer<?> deserializer,
        Object beanOrClass,
        String name)
        throws IOException {
      if (name.endsWith("_source") || name.equals("amap_note")) {
        p.skipChildren();
        return true;
      }
      return false;
    }
  }

  private static String arg(String[] args, int i) {
    return i < args.length ? args[i] : "?";
  }

  private static String article(String type) {
    return (type.startsWith("a") || type.startsWith("i") || type.startsWith("o") ? "an " : "a ")
        + type;
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  private static String stripPath(String message, String pointer) {
    String m = firstLine(message);
    return m.startsWith(pointer + ": ") ? m.substring(pointer.length() + 2) : m;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    String trimmed = s.strip();
    int nl = trimmed.indexOf('\n');
    return nl < 0 ? trimmed : trimmed.substring(0, nl).strip();
  }
}
