package org.livingcircle.publish.geoserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A GeoServer stand-in on 127.0.0.1 (JDK HttpServer, port 0) for tests: HTTP Basic with one fixed
 * user, an in-memory catalog (workspaces, PostGIS stores, feature types with their layers, styles,
 * layer groups) and GeoWebCache mass truncation.
 *
 * <p>Every request is recorded and checked against {@link ApiDefinitions} before anything else
 * (after authentication, as GeoServer's security filter runs first); a non-conforming request gets
 * 400 "Stand-in: request does not conform ..." and changes nothing. GWC requests are not covered by
 * the shared definitions and are checked by hand instead (recorded with an empty {@code
 * acceptedBy}).
 *
 * <p>Status codes and messages follow GeoServer's controllers as summarised in anchors-pipeline
 * §3.2: 201 + Location + plain-text name on create, 200 on update, 409 for an existing workspace,
 * 403 for an existing style, 500 for an existing store or feature type, 400 "no attributes were
 * specified" for a feature type whose table does not exist, 400 for an invalid SLD or an empty
 * layer group, 404 for anything missing, 401 without valid credentials. PUT is a partial update
 * that replaces each given property whole (§7 item 14).
 *
 * <p>Faults ({@link #fail}, {@link #failAfterApplying}, {@link #hang}) apply to requests that
 * passed validation.
 */
public final class GeoServerStandIn implements AutoCloseable {
  public static final String USER = "lcp_publisher";
  public static final String PASSWORD = "stand-in-pw-5f3a9c";
  static final String CONTEXT = "/geoserver";

  /** Styles GeoServer ships globally; new layers get one as default style. */
  private static final Set<String> GLOBAL_STYLES = Set.of("generic", "point", "line", "polygon");

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Pattern TRUNCATE_LAYER =
      Pattern.compile(
          "\\s*<truncateLayer>\\s*<layerName>([^<]+)</layerName>\\s*</truncateLayer>\\s*");

  private final ApiDefinitions definitions;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final AtomicInteger sequence = new AtomicInteger();
  private final List<Recorded> recorded = new ArrayList<>();
  private final List<Fault> faults = new ArrayList<>();

  private final Map<String, ObjectNode> workspaces = new TreeMap<>();
  private final Map<String, ObjectNode> dataStores = new TreeMap<>();
  private final Map<String, ObjectNode> featureTypes = new TreeMap<>();
  private final Map<String, ObjectNode> layers = new TreeMap<>();
  private final Map<String, ObjectNode> styles = new TreeMap<>();
  private final Map<String, String> styleBodies = new TreeMap<>();
  private final Map<String, ObjectNode> layerGroups = new TreeMap<>();
  private final Map<String, double[]> tables = new TreeMap<>();
  private final List<String> truncated = new ArrayList<>();

  private GeoServerStandIn(ApiDefinitions definitions) throws IOException {
    this.definitions = definitions;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
  }

  public static GeoServerStandIn start(ApiDefinitions definitions) {
    try {
      GeoServerStandIn standIn = new GeoServerStandIn(definitions);
      standIn.server.start();
      return standIn;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start GeoServer stand-in: " + e.getMessage(), e);
    }
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + CONTEXT);
  }

  /**
   * Declares a PostGIS table the stores can see, with its extent in lon/lat (the stand-in treats
   * native = lon/lat).
   */
  public synchronized void addTable(
      String schema, String table, double minx, double miny, double maxx, double maxy) {
    tables.put(schema + "." + table, new double[] {minx, miny, maxx, maxy});
  }

  /**
   * The next {@code times} conforming requests matching method and path regex answer {@code
   * status}, unapplied.
   */
  synchronized void fail(String method, String pathRegex, int times, int status) {
    faults.add(
        new Fault(method, Pattern.compile(pathRegex), times, status, false, Duration.ZERO, 0));
  }

  /**
   * Like {@link #fail} but the request is applied first and only its answer is replaced: a lost
   * response.
   */
  synchronized void failAfterApplying(String method, String pathRegex, int times, int status) {
    faults.add(
        new Fault(method, Pattern.compile(pathRegex), times, status, true, Duration.ZERO, 0));
  }

  /** The next {@code times} matching requests wait {@code hang} before answering 503, unapplied. */
  synchronized void hang(String method, String pathRegex, int times, Duration hang) {
    faults.add(new Fault(method, Pattern.compile(pathRegex), times, 503, false, hang, 0));
  }

  /**
   * Every conforming request from the {@code n}-th request on (1-based, counting all) answers
   * {@code status}.
   */
  synchronized void failFrom(int n, int status) {
    faults.add(
        new Fault("*", Pattern.compile(".*"), Integer.MAX_VALUE, status, false, Duration.ZERO, n));
  }

  /**
   * The {@code n}-th request (1-based, counting all) answers {@code status} if it conforms,
   * unapplied.
   */
  synchronized void failNth(int n, int status) {
    faults.add(new Fault("*", Pattern.compile(".*"), 1, status, false, Duration.ZERO, n));
  }

  synchronized void clearFaults() {
    faults.clear();
  }

  public synchronized List<Recorded> requests() {
    return List.copyOf(recorded);
  }

  public synchronized void clearRequests() {
    recorded.clear();
  }

  public synchronized List<String> truncatedLayers() {
    return List.copyOf(truncated);
  }

  /** The whole catalog as indented JSON with sorted keys, for equality checks. */
  public synchronized String dump() {
    ObjectNode root = MAPPER.createObjectNode();
    put(root.putObject("workspaces"), workspaces);
    put(root.putObject("dataStores"), dataStores);
    put(root.putObject("featureTypes"), featureTypes);
    put(root.putObject("layers"), layers);
    put(root.putObject("styles"), styles);
    ObjectNode sld = root.putObject("styleBodies");
    styleBodies.forEach(sld::put);
    put(root.putObject("layerGroups"), layerGroups);
    try {
      return MAPPER.writeValueAsString(sorted(root));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---------------------------------------------------------------------------------------------------------------

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      String query =
          exchange.getRequestURI().getRawQuery() == null
              ? ""
              : exchange.getRequestURI().getRawQuery();
      String contentType = mediaType(exchange.getRequestHeaders().getFirst("Content-Type"));
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int seq = sequence.incrementAndGet();
      Answer answer;
      ApiDefinitions.Verdict verdict =
          new ApiDefinitions.Verdict(false, List.of(), List.of("not checked"));
      Fault fault = null;
      if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"GeoServer Realm\"");
        answer = Answer.text(401, "HTTP Status 401 – Unauthorized");
      } else {
        verdict =
            path.startsWith(CONTEXT + "/gwc/rest/")
                ? gwcVerdict(method, path, query, contentType, body)
                : definitions.check(method, path, query, contentType, body);
        if (!verdict.conforms()) {
          answer =
              Answer.text(
                  400,
                  "Stand-in: request does not conform to the GeoServer REST definitions: "
                      + String.join("; ", verdict.reasons()));
        } else {
          fault = takeFault(seq, method, path);
          if (fault != null && !fault.applyFirst) {
            sleep(fault.hang);
            answer = Answer.text(fault.status, "Stand-in: injected fault");
          } else {
            synchronized (this) {
              answer = route(method, path, query, contentType, body);
            }
            if (fault != null) {
              answer = Answer.text(fault.status, "Stand-in: injected fault after applying");
            }
          }
        }
      }
      synchronized (this) {
        recorded.add(
            new Recorded(
                seq,
                method,
                path,
                query,
                contentType,
                body,
                answer.status,
                verdict,
                fault != null));
      }
      byte[] bytes = answer.body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", answer.contentType);
      if (!answer.location.isEmpty()) {
        exchange.getResponseHeaders().add("Location", answer.location);
      }
      exchange.sendResponseHeaders(answer.status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (RuntimeException e) {
      e.printStackTrace();
      throw e;
    }
  }

  private static boolean authorized(String header) {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    return expected.equals(header);
  }

  private synchronized Fault takeFault(int seq, String method, String path) {
    for (Fault fault : faults) {
      if (fault.remaining > 0
          && seq >= fault.fromSequence
          && (fault.method.equals("*") || fault.method.equals(method))
          && fault.path.matcher(path).matches()) {
        fault.remaining--;
        return fault;
      }
    }
    return null;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * GeoWebCache's REST API is not among the shared definitions; this checks the one call we use by
   * hand: {@code POST /gwc/rest/masstruncate}, {@code text/xml}, body {@code
   * <truncateLayer><layerName>..}.
   */
  private static ApiDefinitions.Verdict gwcVerdict(
      String method, String path, String query, String contentType, String body) {
    List<String> problems = new ArrayList<>();
    if (!path.equals(CONTEXT + "/gwc/rest/masstruncate")) {
      problems.add("only /gwc/rest/masstruncate is known, got " + path);
    }
    if (!method.equals("POST")) {
      problems.add("masstruncate takes POST, got " + method);
    }
    if (!query.isEmpty()) {
      problems.add("masstruncate takes no query, got " + query);
    }
    if (!contentType.equals("text/xml")) {
      problems.add("masstruncate takes text/xml, got '" + contentType + "'");
    }
    if (!TRUNCATE_LAYER.matcher(body).matches()) {
      problems.add(
          "masstruncate body must be <truncateLayer><layerName>..</layerName></truncateLayer>");
    }
    return new ApiDefinitions.Verdict(problems.isEmpty(), List.of(), problems);
  }

  // --- catalog
  // ---------------------------------------------------------------------------------------------------

  private static final Pattern WORKSPACES = rest("/workspaces");
  private static final Pattern WORKSPACE = rest("/workspaces/([^/]+?)");
  private static final Pattern DATASTORES = rest("/workspaces/([^/]+)/datastores");
  private static final Pattern DATASTORE = rest("/workspaces/([^/]+)/datastores/([^/]+?)");
  private static final Pattern FEATURETYPES =
      rest("/workspaces/([^/]+)/datastores/([^/]+)/featuretypes");
  private static final Pattern FEATURETYPE =
      rest("/workspaces/([^/]+)/datastores/([^/]+)/featuretypes/([^/]+?)");
  private static final Pattern STYLES = rest("/workspaces/([^/]+)/styles");
  private static final Pattern STYLE = rest("/workspaces/([^/]+)/styles/([^/]+?)");
  private static final Pattern LAYER = rest("/layers/([^/:]+):([^/]+?)");
  private static final Pattern LAYERGROUPS = rest("/workspaces/([^/]+)/layergroups");
  private static final Pattern LAYERGROUP = rest("/workspaces/([^/]+)/layergroups/([^/]+?)");

  private static Pattern rest(String regex) {
    return Pattern.compile(Pattern.quote(CONTEXT + "/rest") + regex + "(\\.json)?");
  }

  private Answer route(String method, String path, String query, String contentType, String body) {
    if (path.equals(CONTEXT + "/gwc/rest/masstruncate")) {
      Matcher m = TRUNCATE_LAYER.matcher(body);
      m.matches();
      String name = m.group(1);
      if (!layers.containsKey(name) && !layerGroups.containsKey(name.replace(':', '/'))) {
        return Answer.text(400, "Unknown layer: " + name);
      }
      truncated.add(name);
      return Answer.text(200, "");
    }
    Matcher m;
    if ((m = WORKSPACES.matcher(path)).matches() && method.equals("POST")) {
      String name = json(body).path("workspace").path("name").asText();
      if (workspaces.containsKey(name)) {
        return Answer.text(409, "Workspace '" + name + "' already exists");
      }
      workspaces.put(name, (ObjectNode) json(body).get("workspace"));
      return created("/rest/workspaces/" + name, name);
    }
    if ((m = WORKSPACE.matcher(path)).matches() && method.equals("GET")) {
      return found(
          "workspace", workspaces.get(m.group(1)), "No such workspace: '" + m.group(1) + "' found");
    }
    if ((m = DATASTORES.matcher(path)).matches() && method.equals("POST")) {
      String ws = m.group(1);
      if (!workspaces.containsKey(ws)) {
        return Answer.text(404, "No such workspace: '" + ws + "' found");
      }
      ObjectNode store = (ObjectNode) json(body).get("dataStore");
      String name = store.path("name").asText();
      if (dataStores.containsKey(ws + "/" + name)) {
        return Answer.text(500, "Store '" + name + "' already exists in workspace '" + ws + "'");
      }
      String problem = connectionProblem(store);
      if (!problem.isEmpty()) {
        return Answer.text(400, problem);
      }
      store.putObject("workspace").put("name", ws);
      dataStores.put(ws + "/" + name, store);
      return created("/rest/workspaces/" + ws + "/datastores/" + name, name);
    }
    if ((m = DATASTORE.matcher(path)).matches()) {
      String key = m.group(1) + "/" + m.group(2);
      String missing = "No such datastore: " + m.group(1) + "," + m.group(2);
      if (method.equals("GET")) {
        return found("dataStore", dataStores.get(key), missing);
      }
      if (method.equals("PUT")) {
        if (!dataStores.containsKey(key)) {
          return Answer.text(404, missing);
        }
        ObjectNode update = (ObjectNode) json(body).get("dataStore");
        String problem = update.has("connectionParameters") ? connectionProblem(update) : "";
        if (!problem.isEmpty()) {
          return Answer.text(400, problem);
        }
        dataStores.get(key).setAll(update);
        return Answer.text(200, "");
      }
    }
    if ((m = FEATURETYPES.matcher(path)).matches() && method.equals("POST")) {
      String ws = m.group(1);
      String storeKey = ws + "/" + m.group(2);
      if (!dataStores.containsKey(storeKey)) {
        return Answer.text(404, "No such data store: " + ws + "," + m.group(2));
      }
      ObjectNode ft = (ObjectNode) json(body).get("featureType");
      String name = ft.path("name").asText();
      if (featureTypes.keySet().stream()
          .anyMatch(k -> k.startsWith(ws + "/") && k.endsWith("/" + name))) {
        return Answer.text(
            500, "Resource named '" + name + "' already exists in namespace: '" + ws + "'");
      }
      String nativeName = ft.path("nativeName").asText(name);
      double[] extent = tables.get(schema(storeKey) + "." + nativeName);
      if (extent == null) {
        return Answer.text(
            400,
            "Trying to create new feature type inside the store, but no attributes were specified");
      }
      ft.put("nativeName", nativeName);
      ft.set("nativeBoundingBox", box(extent, ft.path("srs").asText("EPSG:4326")));
      ft.set("latLonBoundingBox", box(extent, "EPSG:4326"));
      ft.putObject("store").put("@class", "dataStore").put("name", ws + ":" + m.group(2));
      featureTypes.put(storeKey + "/" + name, ft);
      ObjectNode layer = MAPPER.createObjectNode();
      layer.put("name", name);
      layer.put("type", "VECTOR");
      layer.putObject("defaultStyle").put("name", "generic");
      layer.putObject("resource").put("@class", "featureType").put("name", ws + ":" + name);
      layer.put("enabled", true);
      layers.put(ws + ":" + name, layer);
      return created(
          "/rest/workspaces/" + ws + "/datastores/" + m.group(2) + "/featuretypes/" + name, name);
    }
    if ((m = FEATURETYPE.matcher(path)).matches()) {
      String storeKey = m.group(1) + "/" + m.group(2);
      String key = storeKey + "/" + m.group(3);
      String missing = "No such feature type: " + m.group(1) + "," + m.group(2) + "," + m.group(3);
      if (method.equals("GET")) {
        return found("featureType", featureTypes.get(key), missing);
      }
      if (method.equals("PUT")) {
        ObjectNode ft = featureTypes.get(key);
        if (ft == null) {
          return Answer.text(404, missing);
        }
        ft.setAll((ObjectNode) json(body).get("featureType"));
        List<String> recalculate = queryValues(query, "recalculate");
        double[] extent = tables.get(schema(storeKey) + "." + ft.path("nativeName").asText());
        if (recalculate.contains("nativebbox") && extent != null) {
          ft.set("nativeBoundingBox", box(extent, ft.path("srs").asText("EPSG:4326")));
        }
        if (recalculate.contains("latlonbbox") && extent != null) {
          ft.set("latLonBoundingBox", box(extent, "EPSG:4326"));
        }
        return Answer.text(200, "");
      }
    }
    if ((m = STYLES.matcher(path)).matches() && method.equals("POST")) {
      String ws = m.group(1);
      if (!workspaces.containsKey(ws)) {
        return Answer.text(404, "No such workspace: '" + ws + "' found");
      }
      if (!contentType.equals(SldStyles.CONTENT_TYPE)) {
        return Answer.text(
            501, "Stand-in implements style POST with " + SldStyles.CONTENT_TYPE + " only");
      }
      List<String> names = queryValues(query, "name");
      if (names.isEmpty()) {
        return Answer.text(400, "Stand-in requires ?name= on style POST");
      }
      String name = names.get(0);
      if (styles.containsKey(ws + "/" + name)) {
        return Answer.text(403, "Style " + name + " already exists.");
      }
      String problem = sldProblem(body);
      if (!problem.isEmpty()) {
        return Answer.text(400, "Invalid style:" + problem);
      }
      ObjectNode style = MAPPER.createObjectNode();
      style.put("name", name);
      style.putObject("workspace").put("name", ws);
      style.put("format", "sld");
      style.putObject("languageVersion").put("version", "1.0.0");
      style.put("filename", name + ".sld");
      styles.put(ws + "/" + name, style);
      styleBodies.put(ws + "/" + name, body);
      return created("/rest/workspaces/" + ws + "/styles/" + name, name);
    }
    if ((m = STYLE.matcher(path)).matches()) {
      String key = m.group(1) + "/" + m.group(2);
      String missing = "No such style: " + m.group(2);
      if (method.equals("GET")) {
        return found("style", styles.get(key), missing);
      }
      if (method.equals("PUT") && contentType.equals(SldStyles.CONTENT_TYPE)) {
        if (!styles.containsKey(key)) {
          return Answer.text(404, missing);
        }
        String problem = sldProblem(body);
        if (!problem.isEmpty()) {
          return Answer.text(400, "Invalid style:" + problem);
        }
        styleBodies.put(key, body);
        return Answer.text(200, "");
      }
    }
    if ((m = LAYER.matcher(path)).matches()) {
      String key = m.group(1) + ":" + m.group(2);
      String missing = "No such layer: " + key;
      if (method.equals("GET")) {
        return found("layer", layers.get(key), missing);
      }
      if (method.equals("PUT")) {
        ObjectNode layer = layers.get(key);
        if (layer == null) {
          return Answer.text(404, missing);
        }
        ObjectNode update = (ObjectNode) json(body).get("layer");
        JsonNode style = update.path("defaultStyle");
        if (!style.isMissingNode() && !styleExists(style)) {
          return Answer.text(400, "No such style: " + style);
        }
        layer.setAll(update);
        return Answer.text(200, "");
      }
    }
    if ((m = LAYERGROUPS.matcher(path)).matches() && method.equals("POST")) {
      String ws = m.group(1);
      if (!workspaces.containsKey(ws)) {
        return Answer.text(404, "No such workspace: '" + ws + "' found");
      }
      ObjectNode group = (ObjectNode) json(body).get("layerGroup");
      String name = group.path("name").asText();
      if (layerGroups.containsKey(ws + "/" + name)) {
        return Answer.text(
            500, "Layer group named '" + name + "' already exists in workspace " + ws);
      }
      String problem = groupProblem(group);
      if (!problem.isEmpty()) {
        return Answer.text(400, problem);
      }
      layerGroups.put(ws + "/" + name, group);
      return created("/rest/workspaces/" + ws + "/layergroups/" + name, name);
    }
    if ((m = LAYERGROUP.matcher(path)).matches()) {
      String key = m.group(1) + "/" + m.group(2);
      String missing = "No such layer group " + m.group(2) + " in workspace " + m.group(1);
      if (method.equals("GET")) {
        return found("layerGroup", layerGroups.get(key), missing);
      }
      if (method.equals("PUT")) {
        ObjectNode group = layerGroups.get(key);
        if (group == null) {
          return Answer.text(404, missing);
        }
        ObjectNode update = (ObjectNode) json(body).get("layerGroup");
        ObjectNode merged = group.deepCopy().setAll(update);
        String problem = groupProblem(merged);
        if (!problem.isEmpty()) {
          return Answer.text(400, problem);
        }
        group.setAll(update);
        return Answer.text(200, "");
      }
    }
    return Answer.text(501, "Stand-in does not implement " + method + " " + path);
  }

  private String schema(String storeKey) {
    for (JsonNode entry : dataStores.get(storeKey).path("connectionParameters").path("entry")) {
      if (entry.path("@key").asText().equals("schema")) {
        return entry.path("$").asText();
      }
    }
    return "public";
  }

  /**
   * GeoServer reads connectionParameters as XStream's map: {"entry": [{"@key": k, "$": v}, ...]}.
   */
  private static String connectionProblem(ObjectNode store) {
    JsonNode entries = store.path("connectionParameters").path("entry");
    if (!entries.isArray()) {
      return "Stand-in: connectionParameters must be {\"entry\": [{\"@key\": .., \"$\": ..}]}";
    }
    for (JsonNode entry : entries) {
      if (!entry.path("@key").isTextual() || !entry.path("$").isTextual()) {
        return "Stand-in: connection parameter entries need textual @key and $, got " + entry;
      }
    }
    return "";
  }

  private boolean styleExists(JsonNode reference) {
    String name = reference.path("name").asText();
    String ws = reference.path("workspace").asText("");
    if (name.contains(":")) {
      ws = name.substring(0, name.indexOf(':'));
      name = name.substring(name.indexOf(':') + 1);
    }
    return ws.isEmpty() ? GLOBAL_STYLES.contains(name) : styles.containsKey(ws + "/" + name);
  }

  private String groupProblem(ObjectNode group) {
    JsonNode published = group.path("publishables").path("published");
    if (!published.isArray() || published.isEmpty()) {
      return "layer group must not be empty";
    }
    for (JsonNode p : published) {
      if (!layers.containsKey(p.path("name").asText())) {
        return "No such layer: " + p.path("name").asText();
      }
    }
    JsonNode styleList = group.path("styles").path("style");
    if (styleList.isArray()) {
      if (styleList.size() != published.size()) {
        return "Layer group has different number of styles than layers";
      }
      for (JsonNode s : styleList) {
        if (!styleExists(s)) {
          return "No such style: " + s;
        }
      }
    }
    return "";
  }

  /** "" if {@code body} is a well-formed SLD 1.0.0 document, else the reason. */
  private static String sldProblem(String body) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
      Element root = doc.getDocumentElement();
      if (!SldStyles.SLD_NS.equals(root.getNamespaceURI())
          || !root.getLocalName().equals("StyledLayerDescriptor")) {
        return " root is not sld:StyledLayerDescriptor";
      }
      if (!root.getAttribute("version").equals("1.0.0")) {
        return " version is '" + root.getAttribute("version") + "', expected 1.0.0";
      }
      return "";
    } catch (Exception e) {
      return " " + e.getMessage();
    }
  }

  private static ObjectNode box(double[] extent, String crs) {
    ObjectNode box = MAPPER.createObjectNode();
    box.put("minx", extent[0])
        .put("maxx", extent[2])
        .put("miny", extent[1])
        .put("maxy", extent[3])
        .put("crs", crs);
    return box;
  }

  private Answer created(String restPath, String name) {
    return new Answer(201, name, "text/plain", baseUrl() + restPath);
  }

  private static Answer found(String envelope, ObjectNode value, String missing) {
    if (value == null) {
      return Answer.text(404, missing);
    }
    ObjectNode root = MAPPER.createObjectNode();
    root.set(envelope, value.deepCopy());
    return new Answer(200, root.toString(), "application/json", "");
  }

  private static JsonNode json(String body) {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("validated body is not JSON", e);
    }
  }

  private static List<String> queryValues(String query, String name) {
    List<String> values = new ArrayList<>();
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        for (String v : pair.substring(name.length() + 1).split(",")) {
          values.add(java.net.URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }

  private static String mediaType(String header) {
    if (header == null) {
      return "";
    }
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon))
        .trim()
        .toLowerCase(java.util.Locale.ROOT);
  }

  private static void put(ObjectNode target, Map<String, ObjectNode> source) {
    source.forEach(target::set);
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = MAPPER.createObjectNode();
      Map<String, JsonNode> fields = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        fields.put(e.getKey(), sorted(e.getValue()));
      }
      fields.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = MAPPER.createArrayNode();
      node.forEach(n -> out.add(sorted(n)));
      return out;
    }
    return node;
  }

  /** One request as received, with the definition check and the answer's status. */
  public record Recorded(
      int sequence,
      String method,
      String path,
      String query,
      String contentType,
      String body,
      int status,
      ApiDefinitions.Verdict verdict,
      boolean faulted) {
    /**
     * Method and path relative to the GeoServer context, e.g. {@code GET
     * /rest/workspaces/lcp.json}.
     */
    public String line() {
      return method + " " + path.substring(CONTEXT.length()) + (query.isEmpty() ? "" : "?" + query);
    }
  }

  private static final class Fault {
    final String method;
    final Pattern path;
    int remaining;
    final int status;
    final boolean applyFirst;
    final Duration hang;
    final int fromSequence;

    Fault(
        String method,
        Pattern path,
        int remaining,
        int status,
        boolean applyFirst,
        Duration hang,
        int from) {
      this.method = method;
      this.path = path;
      this.remaining = remaining;
      this.status = status;
      this.applyFirst = applyFirst;
      this.hang = hang;
      this.fromSequence = from;
    }
  }

  private record Answer(int status, String body, String contentType, String location) {
    static Answer text(int status, String body) {
      return new Answer(status, body, "text/plain", "");
    }
  }
}
