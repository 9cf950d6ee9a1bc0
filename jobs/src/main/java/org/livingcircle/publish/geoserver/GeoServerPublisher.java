package org.livingcircle.publish.geoserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.livingcircle.common.Checks;
import org.livingcircle.common.PublishException;

/**
 * Publishes a {@link PublishPlan} to GeoServer idempotently: every resource is looked up first
 * ({@code GET ...?quietOnNotFound=true}) and then created (POST) or updated (PUT), so a run that
 * stopped halfway is resumed by running it again, and a second run changes nothing but refreshes
 * metadata, bounding boxes and tiles.
 *
 * <p>Order (anchors-pipeline §3.3): workspace, PostGIS store, styles, feature types (which create
 * their layers), layer publishing properties, layer groups, then GeoWebCache truncation of every
 * layer and group that existed before the run, so no stale tiles survive a republish (§7 item 17).
 * Requests are sequential: parallel REST writes have failed in GeoServer (GEOS-10526/10671, §7 item
 * 18).
 *
 * <p>{@link #apply()} only reads (GETs) and returns the requests {@link #commit()} would send;
 * {@code commit()} looks again, so the catalog may change in between.
 */
public final class GeoServerPublisher {
  /** JSON media type of GeoServer's REST catalog bodies. */
  public static final String JSON = "application/json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** What a step does to a resource. */
  public enum Action {
    /** POST: the resource does not exist. */
    CREATE,
    /** PUT: the resource exists (or, for layers, was created with its feature type). */
    UPDATE,
    /** Nothing to send: the resource exists and has no updatable properties (workspaces). */
    KEEP,
    /** GeoWebCache mass truncation of a layer's or group's tiles. */
    TRUNCATE
  }

  /**
   * One intended request. {@link #toString()} shows method and target only, never the body (the
   * store body carries the database password).
   *
   * @param resource kind and name, e.g. {@code featuretype lcp/pg/grid_taiyuan}
   */
  public record PlannedStep(String resource, Action action, RestRequest request) {
    @Override
    public String toString() {
      return action + " " + resource + ": " + request;
    }
  }

  /** Counts of a commit, and the steps in the order they were sent. */
  public record PublishResult(
      int nCreated, int nUpdated, int nKept, int nTruncated, List<PlannedStep> steps) {
    public PublishResult {
      steps = List.copyOf(steps);
    }
  }

  private final GeoServerClient client;
  private final PublishPlan plan;

  public GeoServerPublisher(GeoServerClient client, PublishPlan plan) {
    this.client = Checks.notNull(client, "GeoServer client");
    this.plan = Checks.notNull(plan, "publish plan");
  }

  /** The steps {@link #commit()} would take now; sends GET requests only. */
  public List<PlannedStep> apply() {
    List<PlannedStep> steps = new ArrayList<>();
    List<PlannedStep> truncations = new ArrayList<>();
    for (Resource resource : resources()) {
      Action action =
          resource.look == null
              ? Action.UPDATE
              : exists(resource) ? existing(resource) : Action.CREATE;
      steps.add(step(resource, action));
      if (action == Action.UPDATE && !resource.tileLayer.isEmpty()) {
        truncations.add(truncation(resource.tileLayer));
      }
    }
    steps.addAll(truncations);
    return List.copyOf(steps);
  }

  /**
   * Creates or updates every resource of the plan, then truncates the tiles of layers and groups
   * that existed before.
   *
   * @throws PublishException when GeoServer refuses a request or stays unavailable after the
   *     client's retries; the catalog then holds the resources published so far and a second commit
   *     resumes
   */
  public PublishResult commit() {
    List<PlannedStep> done = new ArrayList<>();
    List<PlannedStep> truncations = new ArrayList<>();
    int nCreated = 0;
    int nUpdated = 0;
    int nKept = 0;
    for (Resource resource : resources()) {
      Action action =
          resource.look == null
              ? Action.UPDATE
              : exists(resource) ? existing(resource) : Action.CREATE;
      PlannedStep step = step(resource, action);
      switch (action) {
        case CREATE -> {
          RestResponse created = client.create(resource.create, resource.look);
          expect(resource.create, created, 200, 201);
          nCreated++;
        }
        case UPDATE -> {
          expect(resource.update, client.send(resource.update), 200);
          nUpdated++;
          if (!resource.tileLayer.isEmpty()) {
            truncations.add(truncation(resource.tileLayer));
          }
        }
        case KEEP -> nKept++;
        default ->
            throw new IllegalStateException(
                "Cannot publish " + resource.label + " with action " + action);
      }
      done.add(step);
    }
    for (PlannedStep truncation : truncations) {
      expect(truncation.request(), client.sendRepeatable(truncation.request()), 200);
      done.add(truncation);
    }
    return new PublishResult(nCreated, nUpdated, nKept, truncations.size(), done);
  }

  private boolean exists(Resource resource) {
    RestResponse seen = client.send(resource.look);
    if (seen.ok()) {
      return true;
    }
    if (seen.notFound()) {
      return false;
    }
    throw client.unexpected(resource.look, seen, "200 or 404");
  }

  private static Action existing(Resource resource) {
    return resource.update == null ? Action.KEEP : Action.UPDATE;
  }

  private static PlannedStep step(Resource resource, Action action) {
    RestRequest request =
        switch (action) {
          case CREATE -> resource.create;
          case UPDATE -> resource.update;
          default -> resource.look;
        };
    return new PlannedStep(resource.label, action, request);
  }

  private void expect(RestRequest request, RestResponse response, int... statuses) {
    for (int status : statuses) {
      if (response.status() == status) {
        return;
      }
    }
    StringBuilder expected = new StringBuilder();
    for (int status : statuses) {
      expected.append(expected.length() == 0 ? "" : " or ").append(status);
    }
    throw client.unexpected(request, response, expected.toString());
  }

  /** The catalog resources in publishing order. */
  private List<Resource> resources() {
    String ws = plan.workspace();
    String wsPath = "/rest/workspaces/" + ws;
    String storePath = wsPath + "/datastores/" + plan.store().name();
    List<Resource> resources = new ArrayList<>();
    resources.add(
        new Resource(
            "workspace " + ws,
            look(wsPath),
            RestRequest.post("/rest/workspaces", "", JSON, json(workspaceBody(ws))),
            null,
            ""));
    String storeBody = storeBody();
    resources.add(
        new Resource(
            "datastore " + ws + "/" + plan.store().name(),
            look(storePath),
            RestRequest.post(wsPath + "/datastores", "", JSON, storeBody),
            RestRequest.put(storePath, "", JSON, storeBody),
            ""));
    for (StyleSpec style : plan.styles()) {
      String sld = SldStyles.sld(style);
      String stylePath = wsPath + "/styles/" + style.name();
      resources.add(
          new Resource(
              "style " + ws + "/" + style.name(),
              look(stylePath),
              RestRequest.post(
                  wsPath + "/styles", "name=" + style.name(), SldStyles.CONTENT_TYPE, sld),
              RestRequest.put(stylePath, "", SldStyles.CONTENT_TYPE, sld),
              ""));
    }
    for (LayerSpec layer : plan.layers()) {
      String ftPath = storePath + "/featuretypes/" + layer.name();
      String body = featureTypeBody(layer);
      resources.add(
          new Resource(
              "featuretype " + ws + "/" + plan.store().name() + "/" + layer.name(),
              look(ftPath),
              RestRequest.post(storePath + "/featuretypes", "", JSON, body),
              RestRequest.put(ftPath, "recalculate=nativebbox,latlonbbox", JSON, body),
              ws + ":" + layer.name()));
    }
    for (LayerSpec layer : plan.layers()) {
      resources.add(
          new Resource(
              "layer " + ws + ":" + layer.name(),
              null,
              null,
              RestRequest.put(
                  "/rest/layers/" + ws + ":" + layer.name(), "", JSON, layerBody(layer)),
              ""));
    }
    for (LayerGroupSpec group : plan.groups()) {
      String groupPath = wsPath + "/layergroups/" + group.name();
      String body = layerGroupBody(group);
      // swagger2/layergroups.yaml declares no quietOnNotFound for this GET, so none is sent
      resources.add(
          new Resource(
              "layergroup " + ws + "/" + group.name(),
              RestRequest.get(groupPath + ".json", ""),
              RestRequest.post(wsPath + "/layergroups", "", JSON, body),
              RestRequest.put(groupPath, "", JSON, body),
              ws + ":" + group.name()));
    }
    return resources;
  }

  private static RestRequest look(String path) {
    return RestRequest.get(path + ".json", "quietOnNotFound=true");
  }

  /**
   * GeoWebCache's mass truncation of every gridset, format and parameter permutation of one layer.
   * The XML body form is what GWC's controller reads; its REST page describes query parameters
   * instead (GeoWebCache issue #785).
   */
  private static PlannedStep truncation(String tileLayer) {
    String body = "<truncateLayer><layerName>" + tileLayer + "</layerName></truncateLayer>";
    return new PlannedStep(
        "tiles " + tileLayer,
        Action.TRUNCATE,
        RestRequest.post("/gwc/rest/masstruncate", "", "text/xml", body));
  }

  private String storeBody() {
    PostgisStoreSpec store = plan.store();
    PostgisOptions options = store.options();
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode dataStore = root.putObject("dataStore");
    dataStore.put("name", store.name());
    dataStore.put("enabled", true);
    ArrayNode entries = dataStore.putObject("connectionParameters").putArray("entry");
    entry(entries, "dbtype", "postgis");
    entry(entries, "host", store.host());
    entry(entries, "port", Integer.toString(store.port()));
    entry(entries, "database", store.database());
    entry(entries, "schema", store.schema());
    entry(entries, "user", store.user());
    entry(entries, "passwd", store.password().reveal());
    entry(entries, "Expose primary keys", Boolean.toString(options.exposePrimaryKeys()));
    entry(entries, "Loose bbox", Boolean.toString(options.looseBbox()));
    entry(entries, "Estimated extends", Boolean.toString(options.estimatedExtends()));
    entry(entries, "fetch size", Integer.toString(options.fetchSize()));
    entry(entries, "max connections", Integer.toString(options.maxConnections()));
    entry(entries, "validate connections", Boolean.toString(options.validateConnections()));
    return json(root);
  }

  private static void entry(ArrayNode entries, String key, String value) {
    entries.addObject().put("@key", key).put("$", value);
  }

  private String featureTypeBody(LayerSpec layer) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode ft = root.putObject("featureType");
    ft.put("name", layer.name());
    ft.put("nativeName", layer.table());
    ft.put("title", layer.title().joined());
    ft.put("abstract", layer.description().paragraphs());
    ArrayNode keywords = ft.putObject("keywords").putArray("string");
    layer.keywords().forEach(k -> keywords.add(k.encoded()));
    ArrayNode links = ft.putObject("metadataLinks").putArray("metadataLink");
    for (MetadataLink link : layer.metadataLinks()) {
      links
          .addObject()
          .put("type", link.mimeType())
          .put("metadataType", link.metadataType())
          .put("content", link.url());
    }
    ft.put("srs", layer.srs());
    ft.put("projectionPolicy", "FORCE_DECLARED");
    ft.put("enabled", true);
    return json(root);
  }

  /**
   * Style references use the prefixed name ({@code lcp:walk_time_min}), which GeoServer's reference
   * converter accepts (anchors-pipeline §3.3 step 6) and which both definition sets allow; the
   * {@code "workspace": "lcp"} string form is refused by openapi3/layers.yaml, whose {@code
   * StyleInfo.workspace} is an object.
   */
  private String layerBody(LayerSpec layer) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode body = root.putObject("layer");
    body.putObject("defaultStyle").put("name", plan.workspace() + ":" + layer.style());
    body.putObject("attribution")
        .put("title", layer.attribution().title())
        .put("href", layer.attribution().href());
    return json(root);
  }

  private String layerGroupBody(LayerGroupSpec group) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode body = root.putObject("layerGroup");
    body.put("name", group.name());
    body.put("mode", "SINGLE");
    body.put("title", group.title().joined());
    body.put("abstractTxt", group.description().paragraphs());
    body.putObject("workspace").put("name", plan.workspace());
    ArrayNode published = body.putObject("publishables").putArray("published");
    ArrayNode styles = body.putObject("styles").putArray("style");
    for (String name : group.layers()) {
      published.addObject().put("@type", "layer").put("name", plan.workspace() + ":" + name);
      styles.addObject().put("name", plan.workspace() + ":" + plan.layer(name).style());
    }
    return json(root);
  }

  private static ObjectNode workspaceBody(String workspace) {
    ObjectNode root = MAPPER.createObjectNode();
    root.putObject("workspace").put("name", workspace);
    return root;
  }

  /**
   * Writes a body; GeoServer's XStream JSON wraps each object in its class alias ({@code
   * {"featureType": {...}}}).
   */
  private static String json(ObjectNode root) {
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write JSON body: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * One catalog resource.
   *
   * @param look GET answering 200 or 404, null for layers (they exist once their feature type does)
   * @param create POST, null when {@code look} is null
   * @param update PUT, null when there is nothing to update
   * @param tileLayer GWC layer to truncate when the resource already existed, empty for none
   */
  private record Resource(
      String label, RestRequest look, RestRequest create, RestRequest update, String tileLayer) {}
}
