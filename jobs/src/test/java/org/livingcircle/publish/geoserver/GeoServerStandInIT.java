package org.livingcircle.publish.geoserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stand-in itself: it must refuse requests the shared definitions do not allow (so the
 * conformance checks in {@link GeoServerPublisherIT} can fail), and answer duplicates with
 * GeoServer's uneven status codes.
 */
class GeoServerStandInIT {
  private static ApiDefinitions definitions;
  private GeoServerStandIn standIn;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void loadDefinitions() {
    definitions = ApiDefinitions.load(ApiDefinitions.defaultDirectory());
  }

  @BeforeEach
  void start() {
    standIn = GeoServerStandIn.start(definitions);
  }

  @AfterEach
  void stop() {
    standIn.close();
  }

  @Test
  void loadsBothDefinitionSets() {
    assertThat(definitions.files())
        .contains(
            "swagger2/layergroups.yaml", "openapi3/catalog.yaml", "openapi3/featuretypes.yaml");
    assertThat(definitions.nOperations()).isGreaterThan(100);
  }

  @Test
  void rejectsAWrongPropertyType() throws Exception {
    HttpResponse<String> answer =
        send("POST", "/rest/workspaces", "application/json", "{\"workspace\":{\"name\":5}}");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body())
        .startsWith("Stand-in: request does not conform to the GeoServer REST definitions: ")
        .contains(
            "swagger2/workspaces.yaml POST /workspaces: body: $.workspace.name: integer found, string expected")
        .contains(
            "openapi3/workspaces.yaml POST /workspaces: body: $.workspace.name: integer found, string expected");
    assertThat(standIn.dump()).doesNotContain("\"5\"");
  }

  @Test
  void rejectsAMissingRequiredProperty() throws Exception {
    // swagger2 requires workspace.name; openapi3's WorkspaceInfo requires nothing, so the envelope
    // itself is broken
    HttpResponse<String> answer =
        send("POST", "/rest/workspaces", "application/json", "{\"workspace\":\"lcp\"}");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("$.workspace: string found, object expected");
  }

  @Test
  void rejectsUnknownPathsRefusedMethodsAndWrongMediaTypes() throws Exception {
    assertThat(send("GET", "/rest/workspace/lcp.json", "", "").body())
        .endsWith("no definition has a path matching /geoserver/rest/workspace/lcp.json");
    assertThat(
            send("PUT", "/rest/workspaces", "application/json", "{\"workspace\":{\"name\":\"x\"}}")
                .body())
        .contains("swagger2/workspaces.yaml PUT /workspaces: documented as refused (405 only)");
    assertThat(send("POST", "/rest/workspaces", "text/plain", "lcp").body())
        .contains("content type 'text/plain' is not one of [application/json, application/xml]");
    assertThat(send("POST", "/rest/workspaces", "", "").body())
        .contains("a request body is required");
  }

  @Test
  void rejectsUndeclaredAndInvalidQueryParameters() throws Exception {
    // swagger2/layergroups.yaml declares no quietOnNotFound for this GET (and openapi3 has no layer
    // groups)
    assertThat(
            send("GET", "/rest/workspaces/lcp/layergroups/g.json?quietOnNotFound=true", "", "")
                .body())
        .contains("query parameter 'quietOnNotFound' is not declared");
    assertThat(send("GET", "/rest/workspaces/lcp.json?quietOnNotFound=yes", "", "").body())
        .contains("query parameter 'quietOnNotFound': 'yes' is not a boolean");
    assertThat(
            send(
                    "PUT",
                    "/rest/workspaces/lcp/datastores/pg/featuretypes/f?recalculate=nativebbox,bogus",
                    "application/json",
                    "{\"featureType\":{\"name\":\"f\"}}")
                .body())
        .contains(
            "query parameter 'recalculate': 'bogus' is not one of [\"nativebbox\",\"latlonbbox\"]");
  }

  @Test
  void rejectsMalformedGeoWebCacheCalls() throws Exception {
    assertThat(
            send("POST", "/gwc/rest/masstruncate?requestType=truncateLayer&layer=lcp:x", "", "")
                .body())
        .contains("masstruncate takes no query")
        .contains("masstruncate takes text/xml");
  }

  @Test
  void answersDuplicatesWithGeoServersStatusCodes() throws Exception {
    standIn.addTable("public", "t", 0, 0, 1, 1);
    HttpResponse<String> created =
        send("POST", "/rest/workspaces", "application/json", "{\"workspace\":{\"name\":\"w\"}}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).isEqualTo("w");
    assertThat(created.headers().firstValue("Location"))
        .hasValue(standIn.baseUrl() + "/rest/workspaces/w");
    assertThat(
            send(
                "POST", "/rest/workspaces", "application/json", "{\"workspace\":{\"name\":\"w\"}}"))
        .satisfies(r -> assertThat(r.statusCode()).isEqualTo(409))
        .satisfies(r -> assertThat(r.body()).isEqualTo("Workspace 'w' already exists"));

    String store =
        "{\"dataStore\":{\"name\":\"s\",\"connectionParameters\":{\"entry\":[{\"@key\":\"schema\",\"$\":\"public\"}]}}}";
    assertThat(
            send("POST", "/rest/workspaces/w/datastores", "application/json", store).statusCode())
        .isEqualTo(201);
    assertThat(send("POST", "/rest/workspaces/w/datastores", "application/json", store))
        .satisfies(r -> assertThat(r.statusCode()).isEqualTo(500))
        .satisfies(
            r -> assertThat(r.body()).isEqualTo("Store 's' already exists in workspace 'w'"));

    String ft = "{\"featureType\":{\"name\":\"t\",\"nativeName\":\"t\"}}";
    assertThat(
            send("POST", "/rest/workspaces/w/datastores/s/featuretypes", "application/json", ft)
                .statusCode())
        .isEqualTo(201);
    assertThat(
            send("POST", "/rest/workspaces/w/datastores/s/featuretypes", "application/json", ft)
                .statusCode())
        .isEqualTo(500);

    String sld = SldStyles.sld(ShanxiPlans.styles().get(3));
    assertThat(
            send("POST", "/rest/workspaces/w/styles?name=st", SldStyles.CONTENT_TYPE, sld)
                .statusCode())
        .isEqualTo(201);
    assertThat(send("POST", "/rest/workspaces/w/styles?name=st", SldStyles.CONTENT_TYPE, sld))
        .satisfies(r -> assertThat(r.statusCode()).isEqualTo(403))
        .satisfies(r -> assertThat(r.body()).isEqualTo("Style st already exists."));
    assertThat(send("PUT", "/rest/workspaces/w/styles/st", SldStyles.CONTENT_TYPE, "<sld/>").body())
        .startsWith("Invalid style:");

    assertThat(send("GET", "/rest/workspaces/nope.json?quietOnNotFound=true", "", "").statusCode())
        .isEqualTo(404);
    assertThat(
            send(
                    "POST",
                    "/rest/workspaces/w/layergroups",
                    "application/json",
                    "{\"layerGroup\":{\"name\":\"g\",\"publishables\":{\"published\":[]}}}")
                .body())
        .isEqualTo("layer group must not be empty");
  }

  @Test
  void refusesMissingCredentials() throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/rest/workspaces.json"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.headers().firstValue("WWW-Authenticate"))
        .hasValue("Basic realm=\"GeoServer Realm\"");
  }

  private HttpResponse<String> send(String method, String target, String contentType, String body)
      throws Exception {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(standIn.baseUrl() + target))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (GeoServerStandIn.USER + ":" + GeoServerStandIn.PASSWORD)
                                .getBytes(StandardCharsets.UTF_8)));
    if (!contentType.isEmpty()) {
      builder.header("Content-Type", contentType);
    }
    builder.method(
        method,
        body.isEmpty()
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
