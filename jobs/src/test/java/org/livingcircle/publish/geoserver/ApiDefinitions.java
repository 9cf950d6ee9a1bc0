package org.livingcircle.publish.geoserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * GeoServer's REST API definitions in {@code jobs/src/test/geoserver-api/} (Swagger 2 in {@code
 * swagger2/}, OpenAPI 3 in {@code openapi3/}), read at run time, and a request checker built from
 * them alone.
 *
 * <p>A request conforms when at least one operation of one definition file accepts it:
 *
 * <ol>
 *   <li>the path matches the file's base path plus a templated path ({@code {x}} matches one
 *       segment); a trailing {@code .json}/{@code .xml}/{@code .html} may be appended to the last
 *       segment, as every GET description says ("append an extension to the endpoint");
 *   <li>the method is defined there and not documented as refused (an operation whose only response
 *       is 405);
 *   <li>every query parameter is declared {@code in: query} for the operation, with its type, enum
 *       and csv items; required ones are present;
 *   <li>a body is sent only where the operation takes one and required bodies are present; its
 *       media type is one the operation consumes (Swagger 2 {@code consumes}, OpenAPI 3 {@code
 *       requestBody.content});
 *   <li>a JSON body validates (networknt, draft 4) against the operation's body schema with every
 *       {@code $ref} resolved, across files too.
 * </ol>
 *
 * <p>Two adaptations, both derived from the files: (a) Swagger 2 body schemas mostly describe the
 * object without XStream's root key, while their own examples and GeoServer send {@code
 * {"featureType": {...}}}; when a body is an object with one key the schema does not declare, that
 * key's value is validated instead; (b) {@link #REF_OVERRIDES}. Anything else the files get wrong
 * makes a request fail, by design.
 */
public final class ApiDefinitions {
  /**
   * {@code openapi3/catalog.yaml}'s {@code ConnectionParameters} is a string map, which rejects the
   * {@code {"entry": [{"@key": .., "$": ..}]}} form shown in {@code openapi3/datastores.yaml}'s own
   * request examples; the same file models that form as its own {@code ConnectionParameters}, which
   * is used instead.
   */
  static final Map<String, String> REF_OVERRIDES =
      Map.of(
          "openapi3/catalog.yaml#/components/schemas/ConnectionParameters",
          "openapi3/datastores.yaml#/components/schemas/ConnectionParameters");

  /** Files holding only shared schemas; their single {@code /fake} path is not an endpoint. */
  private static final Set<String> SCHEMA_ONLY =
      Set.of("openapi3/catalog.yaml", "openapi3/catalogresponses.yaml");

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "head", "patch");
  private static final Set<String> JSON_TYPES = Set.of("application/json", "text/json");
  private static final Pattern EXTENSION = Pattern.compile("^(.*)\\.(json|xml|html)$");

  /**
   * Schema keywords of Swagger/OpenAPI that are not JSON Schema draft 4; dropped before validation.
   */
  private static final Set<String> NON_SCHEMA_KEYWORDS =
      Set.of(
          "example",
          "examples",
          "xml",
          "discriminator",
          "nullable",
          "readOnly",
          "writeOnly",
          "externalDocs",
          "deprecated",
          "collectionFormat");

  private final Map<String, JsonNode> documents;
  private final List<Operation> operations;
  private final JsonSchemaFactory schemas =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

  /**
   * Inlined, compiled body schemas by file and JSON pointer of the schema node (identity of the
   * parsed node).
   */
  private final Map<JsonNode, Compiled> compiled = new java.util.IdentityHashMap<>();

  private ApiDefinitions(Map<String, JsonNode> documents, List<Operation> operations) {
    this.documents = documents;
    this.operations = operations;
  }

  /**
   * The definitions vendored with the tests: {@code <repo root>/jobs/src/test/geoserver-api}
   * (provenance and licences in its README), repo root from {@code lcp.repo.root}.
   */
  public static Path defaultDirectory() {
    String root = System.getProperty("lcp.repo.root", "..");
    return Path.of(root, "jobs", "src", "test", "geoserver-api").toAbsolutePath().normalize();
  }

  public static ApiDefinitions load(Path directory) {
    YAMLMapper yaml = new YAMLMapper();
    Map<String, JsonNode> documents = new TreeMap<>();
    for (String set : List.of("swagger2", "openapi3")) {
      try (Stream<Path> files = Files.list(directory.resolve(set))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
          documents.put(set + "/" + file.getFileName(), yaml.readTree(file.toFile()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot read GeoServer API definitions in " + directory.resolve(set), e);
      }
    }
    if (documents.isEmpty()) {
      throw new IllegalStateException("Cannot find GeoServer API definitions in " + directory);
    }
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> doc : documents.entrySet()) {
      if (SCHEMA_ONLY.contains(doc.getKey())) {
        continue;
      }
      JsonNode root = doc.getValue();
      String basePath = basePath(root);
      Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
      while (paths.hasNext()) {
        Map.Entry<String, JsonNode> path = paths.next();
        Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
        while (ops.hasNext()) {
          Map.Entry<String, JsonNode> op = ops.next();
          if (METHODS.contains(op.getKey())) {
            operations.add(
                new Operation(
                    doc.getKey(),
                    path.getKey(),
                    basePath + path.getKey(),
                    op.getKey().toUpperCase(Locale.ROOT),
                    op.getValue(),
                    path.getValue(),
                    template(basePath + path.getKey())));
          }
        }
      }
    }
    return new ApiDefinitions(documents, List.copyOf(operations));
  }

  /** File names loaded, e.g. {@code swagger2/layergroups.yaml}. */
  Set<String> files() {
    return documents.keySet();
  }

  int nOperations() {
    return operations.size();
  }

  /**
   * Checks one request.
   *
   * @param path full path, e.g. {@code /geoserver/rest/workspaces/acc.json}
   * @param query raw query string, empty for none
   * @param contentType media type without parameters, empty if no body
   */
  Verdict check(String method, String path, String query, String contentType, String body) {
    List<String> reasons = new ArrayList<>();
    List<String> accepted = new ArrayList<>();
    boolean pathKnown = false;
    for (Operation op : operations) {
      if (!matches(op, path)) {
        continue;
      }
      pathKnown = true;
      if (!op.method.equals(method)) {
        continue;
      }
      List<String> problems = problems(op, query, contentType, body);
      if (problems.isEmpty()) {
        accepted.add(op.file + " " + op.method + " " + op.template);
      } else {
        problems.forEach(
            p -> reasons.add(op.file + " " + op.method + " " + op.template + ": " + p));
      }
    }
    if (!pathKnown) {
      reasons.add("no definition has a path matching " + path);
    } else if (accepted.isEmpty() && reasons.isEmpty()) {
      reasons.add("no definition defines " + method + " for " + path);
    }
    return new Verdict(!accepted.isEmpty(), List.copyOf(accepted), List.copyOf(reasons));
  }

  private static boolean matches(Operation op, String path) {
    if (op.pattern.matcher(path).matches()) {
      return true;
    }
    Matcher ext = EXTENSION.matcher(path);
    return ext.matches() && op.pattern.matcher(ext.group(1)).matches();
  }

  private List<String> problems(Operation op, String query, String contentType, String body) {
    List<String> problems = new ArrayList<>();
    Map<String, JsonNode> responses = fieldMap(op.node.path("responses"));
    if (!responses.isEmpty() && responses.keySet().stream().allMatch(code -> code.equals("405"))) {
      problems.add("documented as refused (405 only)");
      return problems;
    }
    List<JsonNode> parameters = new ArrayList<>();
    op.pathItem.path("parameters").forEach(p -> parameters.add(resolve(op.file, p)));
    op.node.path("parameters").forEach(p -> parameters.add(resolve(op.file, p)));
    Map<String, String> given = parseQuery(query);
    for (Map.Entry<String, String> q : given.entrySet()) {
      JsonNode declared = null;
      for (JsonNode p : parameters) {
        if (p.path("in").asText().equals("query") && p.path("name").asText().equals(q.getKey())) {
          declared = p;
        }
      }
      if (declared == null) {
        problems.add("query parameter '" + q.getKey() + "' is not declared");
      } else {
        String problem = queryValueProblem(op.file, declared, q.getValue());
        if (!problem.isEmpty()) {
          problems.add("query parameter '" + q.getKey() + "': " + problem);
        }
      }
    }
    for (JsonNode p : parameters) {
      if (p.path("in").asText().equals("query")
          && p.path("required").asBoolean(false)
          && !given.containsKey(p.path("name").asText())) {
        problems.add("required query parameter '" + p.path("name").asText() + "' is missing");
      }
    }
    JsonNode bodySchema = null;
    boolean bodyRequired = false;
    boolean takesBody;
    List<String> consumes = new ArrayList<>();
    if (op.file.startsWith("swagger2/")) {
      JsonNode bodyParameter = null;
      for (JsonNode p : parameters) {
        if (p.path("in").asText().equals("body")) {
          bodyParameter = p;
        }
      }
      JsonNode declared =
          op.node.has("consumes")
              ? op.node.get("consumes")
              : documents.get(op.file).path("consumes");
      declared.forEach(c -> consumes.add(c.asText()));
      takesBody = bodyParameter != null || !consumes.isEmpty();
      if (bodyParameter != null) {
        bodyRequired = bodyParameter.path("required").asBoolean(false);
        bodySchema = bodyParameter.get("schema");
      }
    } else {
      JsonNode requestBody =
          op.node.has("requestBody") ? resolve(op.file, op.node.get("requestBody")) : null;
      takesBody = requestBody != null;
      if (requestBody != null) {
        bodyRequired = requestBody.path("required").asBoolean(false);
        requestBody.path("content").fieldNames().forEachRemaining(consumes::add);
        JsonNode media = requestBody.path("content").path(contentType);
        bodySchema = media.isObject() ? media.get("schema") : null;
      }
    }
    if (body.isEmpty()) {
      if (bodyRequired) {
        problems.add("a request body is required");
      }
      return problems;
    }
    if (!takesBody) {
      problems.add("the operation takes no request body");
      return problems;
    }
    if (!consumes.contains(contentType)) {
      problems.add("content type '" + contentType + "' is not one of " + consumes);
      return problems;
    }
    if (JSON_TYPES.contains(contentType) && bodySchema != null) {
      problems.addAll(jsonProblems(op.file, bodySchema, body));
    }
    return problems;
  }

  private List<String> jsonProblems(String file, JsonNode schemaNode, String body) {
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(body);
    } catch (IOException e) {
      return List.of("body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    Compiled schema;
    synchronized (compiled) {
      schema =
          compiled.computeIfAbsent(
              schemaNode,
              n -> {
                ObjectNode inlined = inline(file, n, new ArrayDeque<>());
                return new Compiled(inlined, schemas.getSchema(inlined));
              });
    }
    JsonNode target = json;
    if (json.isObject() && json.size() == 1 && schema.inlined.has("properties")) {
      String key = json.fieldNames().next();
      if (!schema.inlined.get("properties").has(key)) {
        target = json.get(key);
      }
    }
    JsonSchema validator = schema.validator;
    List<String> problems = new ArrayList<>();
    for (ValidationMessage message : validator.validate(target)) {
      problems.add("body: " + message.getMessage());
    }
    return problems;
  }

  /**
   * A copy of {@code node} with every {@code $ref} replaced by its target, recursively; cycles
   * become {}.
   */
  private ObjectNode inline(String file, JsonNode node, Deque<String> resolving) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (node.has("$ref")) {
      String ref = qualify(file, node.get("$ref").asText());
      ref = REF_OVERRIDES.getOrDefault(ref, ref);
      if (resolving.contains(ref)) {
        return out;
      }
      resolving.push(ref);
      ObjectNode target = inline(ref.substring(0, ref.indexOf('#')), pointer(ref), resolving);
      resolving.pop();
      return target;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (NON_SCHEMA_KEYWORDS.contains(key)) {
        continue;
      }
      if (key.equals("properties") && value.isObject()) {
        ObjectNode properties = out.putObject("properties");
        value
            .fields()
            .forEachRemaining(
                p -> properties.set(p.getKey(), inline(file, p.getValue(), resolving)));
      } else if ((key.equals("items") || key.equals("additionalProperties") || key.equals("not"))
          && value.isObject()) {
        out.set(key, inline(file, value, resolving));
      } else if ((key.equals("allOf") || key.equals("anyOf") || key.equals("oneOf"))
          && value.isArray()) {
        ArrayNode parts = out.putArray(key);
        value.forEach(part -> parts.add(inline(file, part, resolving)));
      } else {
        out.set(key, value.deepCopy());
      }
    }
    return out;
  }

  /** A parameter or request body, following one {@code $ref} if it is one. */
  private JsonNode resolve(String file, JsonNode node) {
    if (!node.has("$ref")) {
      return node;
    }
    return pointer(qualify(file, node.get("$ref").asText()));
  }

  private static String qualify(String file, String ref) {
    if (ref.startsWith("#")) {
      return file + ref;
    }
    String folder = file.substring(0, file.indexOf('/') + 1);
    return folder + ref;
  }

  private JsonNode pointer(String qualifiedRef) {
    int hash = qualifiedRef.indexOf('#');
    JsonNode doc = documents.get(qualifiedRef.substring(0, hash));
    if (doc == null) {
      throw new IllegalStateException(
          "Cannot resolve $ref " + qualifiedRef + ": no such definition file");
    }
    JsonNode target = doc.at(qualifiedRef.substring(hash + 1));
    if (target.isMissingNode()) {
      throw new IllegalStateException("Cannot resolve $ref " + qualifiedRef);
    }
    return target;
  }

  private String queryValueProblem(String file, JsonNode parameter, String value) {
    JsonNode schema = parameter.has("schema") ? resolve(file, parameter.get("schema")) : parameter;
    String type = schema.path("type").asText("string");
    List<String> values = type.equals("array") ? List.of(value.split(",", -1)) : List.of(value);
    JsonNode itemSchema = type.equals("array") ? schema.path("items") : schema;
    String itemType = type.equals("array") ? itemSchema.path("type").asText("string") : type;
    if (type.equals("array")
        && schema.has("maxItems")
        && values.size() > schema.get("maxItems").asInt()) {
      return "more than " + schema.get("maxItems").asInt() + " items";
    }
    for (String v : values) {
      if (itemType.equals("boolean") && !v.equals("true") && !v.equals("false")) {
        return "'" + v + "' is not a boolean";
      }
      if (itemType.equals("integer") && !v.matches("-?[0-9]+")) {
        return "'" + v + "' is not an integer";
      }
      if (itemSchema.has("enum")) {
        boolean known = false;
        for (JsonNode e : itemSchema.get("enum")) {
          known |= e.asText().equals(v);
        }
        if (!known) {
          return "'" + v + "' is not one of " + itemSchema.get("enum");
        }
      }
    }
    return "";
  }

  private static Map<String, String> parseQuery(String query) {
    Map<String, String> out = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return out;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          java.net.URLDecoder.decode(
              eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
      String value =
          eq < 0
              ? ""
              : java.net.URLDecoder.decode(
                  pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
      out.put(name, value);
    }
    return out;
  }

  private static Map<String, JsonNode> fieldMap(JsonNode node) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /**
   * Base path: Swagger 2 {@code basePath}; OpenAPI 3 the path of the first server URL, or {@code
   * /geoserver/rest} where a file lists no servers (the README states both sets describe the same
   * API).
   */
  private static String basePath(JsonNode root) {
    if (root.has("basePath")) {
      return trimSlash(root.get("basePath").asText());
    }
    JsonNode servers = root.path("servers");
    if (servers.isArray() && !servers.isEmpty()) {
      return trimSlash(java.net.URI.create(servers.get(0).path("url").asText()).getPath());
    }
    return "/geoserver/rest";
  }

  private static String trimSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static Pattern template(String template) {
    StringBuilder regex = new StringBuilder();
    Matcher m = Pattern.compile("\\{[^}]+}").matcher(template);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start()))).append("[^/]+");
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    return Pattern.compile(regex.toString());
  }

  /**
   * The outcome of {@link #check}.
   *
   * @param acceptedBy operations that accept the request ("file METHOD template")
   * @param reasons why each other operation with a matching path and method refused it
   */
  public record Verdict(boolean conforms, List<String> acceptedBy, List<String> reasons) {}

  private record Compiled(ObjectNode inlined, JsonSchema validator) {}

  private record Operation(
      String file,
      String template,
      String fullTemplate,
      String method,
      JsonNode node,
      JsonNode pathItem,
      Pattern pattern) {}
}
