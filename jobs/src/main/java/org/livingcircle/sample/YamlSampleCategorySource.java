package org.livingcircle.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.livingcircle.common.ConfigException;
import org.livingcircle.common.InputException;

/**
 * Reads {@code categories:} from a categories YAML file as a Jackson tree, taking only {@code id,
 * name_zh, name_en, tier, capacity_kind, amap_typecodes, osm_tags, per_1000}; other keys are
 * ignored. {@code osm_tags} may be a list of {@code "key=value"} strings, a list of one-entry maps,
 * or a map.
 */
public final class YamlSampleCategorySource implements SampleCategorySource {
  private final Path file;

  public YamlSampleCategorySource(Path file) {
    this.file = file;
  }

  @Override
  public List<SampleCategory> categories() {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new InputException("Cannot read categories file " + file + ": " + e.getMessage(), e);
    }
    JsonNode list = root == null ? null : root.get("categories");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new ConfigException(
          file + ": /categories: missing or empty; expected a list of categories");
    }
    List<SampleCategory> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode c = list.get(i);
      String pointer = "/categories/" + i;
      try {
        out.add(
            new SampleCategory(
                text(c, pointer, "id"),
                text(c, pointer, "name_zh"),
                text(c, pointer, "name_en"),
                text(c, pointer, "tier"),
                Optional.ofNullable(c.get("capacity_kind"))
                    .filter(n -> !n.isNull())
                    .map(JsonNode::asText),
                strings(c.get("amap_typecodes")),
                osmTags(c.get("osm_tags")),
                number(c, pointer, "per_1000")));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(file + ": " + pointer + ": " + e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  private String text(JsonNode c, String pointer, String key) {
    JsonNode n = c.get(key);
    if (n == null || !n.isValueNode() || n.asText().isBlank()) {
      throw new ConfigException(file + ": " + pointer + "/" + key + ": missing");
    }
    return n.asText();
  }

  private double number(JsonNode c, String pointer, String key) {
    JsonNode n = c.get(key);
    if (n == null || !n.isNumber()) {
      throw new ConfigException(
          file
              + ": "
              + pointer
              + "/"
              + key
              + ": "
              + (n == null ? "missing" : n.asText() + " is not a number"));
    }
    return n.asDouble();
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      n.forEach(e -> out.add(e.asText()));
    } else if (n != null && n.isValueNode()) {
      out.add(n.asText());
    }
    return out;
  }

  private static List<String> osmTags(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (n.isObject()) {
      addEntries(n, out);
    } else if (n.isArray()) {
      for (JsonNode e : n) {
        if (e.isObject()) {
          addEntries(e, out);
        } else {
          out.add(e.asText());
        }
      }
    }
    return out;
  }

  private static void addEntries(JsonNode object, List<String> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.add(e.getKey() + "=" + e.getValue().asText());
    }
  }
}
