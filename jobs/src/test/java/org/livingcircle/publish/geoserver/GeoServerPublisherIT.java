package org.livingcircle.publish.geoserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livingcircle.common.PublishException;
import org.livingcircle.publish.geoserver.GeoServerPublisher.Action;
import org.livingcircle.publish.geoserver.GeoServerPublisher.PlannedStep;
import org.livingcircle.publish.geoserver.GeoServerPublisher.PublishResult;

/**
 * The publisher against {@link GeoServerStandIn}: first publish, republish, resume, retries, auth.
 */
class GeoServerPublisherIT {
  /** 2 cities × 5 layers. */
  private static final int N_LAYERS = 10;

  /** workspace + store + 5 styles + 10 feature types + 2 groups. */
  private static final int N_CREATED = 1 + 1 + 5 + N_LAYERS + 2;

  private static ApiDefinitions definitions;
  private GeoServerStandIn standIn;
  private final List<Duration> slept = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void loadDefinitions() {
    definitions = ApiDefinitions.load(ApiDefinitions.defaultDirectory());
  }

  @BeforeEach
  void startStandIn() {
    standIn = GeoServerStandIn.start(definitions);
    ShanxiPlans.addTables(standIn);
  }

  @AfterEach
  void stopStandIn() {
    standIn.close();
  }

  private GeoServerPublisher publisher(GeoServerStandIn target) {
    return new GeoServerPublisher(
        new GeoServerClient(ShanxiPlans.settings(target), slept::add), ShanxiPlans.plan());
  }

  @Test
  void firstPublishCreatesTheCatalog() throws Exception {
    PublishResult result = publisher(standIn).commit();

    assertThat(result.nCreated()).isEqualTo(N_CREATED);
    assertThat(result.nUpdated()).isEqualTo(N_LAYERS); // layer publishing properties
    assertThat(result.nKept()).isZero();
    assertThat(result.nTruncated()).isZero(); // nothing was cached yet
    JsonNode catalog = new ObjectMapper().readTree(standIn.dump());
    assertThat(catalog.path("workspaces").fieldNames()).toIterable().containsExactly("lcp");
    JsonNode entries =
        catalog.path("dataStores").path("lcp/pg").path("connectionParameters").path("entry");
    // the dump sorts keys, so "$" comes before "@key"
    assertThat(entries.toString())
        .contains(
            "{\"$\":\"postgis\",\"@key\":\"dbtype\"}",
            "{\"$\":\"lcp_out\",\"@key\":\"schema\"}",
            "{\"$\":\"pg-secret-0d1e\",\"@key\":\"passwd\"}",
            "{\"$\":\"true\",\"@key\":\"Expose primary keys\"}",
            "{\"$\":\"true\",\"@key\":\"Loose bbox\"}",
            "{\"$\":\"false\",\"@key\":\"Estimated extends\"}");
    assertThat(catalog.path("featureTypes").size()).isEqualTo(N_LAYERS);
    JsonNode ft = catalog.path("featureTypes").path("lcp/pg/walk_time_taiyuan");
    assertThat(ft.path("title").asText())
        .isEqualTo("taiyuan walk_time 指标 / walk_time indicator, taiyuan");
    assertThat(ft.path("keywords").path("string").toString())
        .isEqualTo(
            "[\"15分钟生活圈\\\\@language=zh\\\\;\",\"15-minute living circle\\\\@language=en\\\\;\","
                + "\"taiyuan\\\\@language=zh\\\\;\",\"taiyuan\\\\@language=en\\\\;\"]");
    assertThat(ft.path("metadataLinks").path("metadataLink").get(0).path("content").asText())
        .isEqualTo("https://data.example.org/lcp/walk_time_taiyuan");
    assertThat(ft.path("latLonBoundingBox").path("minx").asDouble()).isEqualTo(112.3);
    assertThat(ft.path("srs").asText()).isEqualTo("EPSG:4490");
    JsonNode layer = catalog.path("layers").path("lcp:walk_time_taiyuan");
    assertThat(layer.path("defaultStyle").toString()).isEqualTo("{\"name\":\"lcp:walk_time_min\"}");
    assertThat(layer.path("attribution").path("href").asText())
        .isEqualTo("https://data.example.org/lcp");
    assertThat(catalog.path("styles").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "lcp/walk_time_min",
            "lcp/walk_distance_m",
            "lcp/completeness",
            "lcp/grid_cells",
            "lcp/facilities");
    assertThat(catalog.path("styleBodies").path("lcp/walk_time_min").asText())
        .isEqualTo(SldStyles.sld(ShanxiPlans.styles().get(0)));
    JsonNode group = catalog.path("layerGroups").path("lcp/lcp_datong");
    assertThat(group.path("publishables").path("published")).hasSize(5);
    assertThat(group.path("publishables").path("published").get(4).path("name").asText())
        .isEqualTo("lcp:facilities_datong");
    assertEveryRequestConformed();
  }

  @Test
  void republishLeavesTheCatalogIdenticalAndTruncatesTiles() {
    publisher(standIn).commit();
    String first = standIn.dump();
    standIn.clearRequests();

    PublishResult again = publisher(standIn).commit();

    assertThat(standIn.dump()).isEqualTo(first);
    assertThat(again.nCreated()).isZero();
    assertThat(again.nKept()).isEqualTo(1); // the workspace has nothing to update
    assertThat(again.nUpdated()).isEqualTo(1 + 5 + N_LAYERS + N_LAYERS + 2);
    assertThat(again.nTruncated()).isEqualTo(N_LAYERS + 2);
    assertThat(standIn.truncatedLayers())
        .contains("lcp:walk_time_taiyuan", "lcp:lcp_datong")
        .hasSize(12);
    assertThat(standIn.requests()).allSatisfy(r -> assertThat(r.status()).isLessThan(300));
    assertThat(standIn.requests())
        .filteredOn(r -> r.method().equals("POST"))
        .allSatisfy(r -> assertThat(r.path()).isEqualTo("/geoserver/gwc/rest/masstruncate"));
    assertThat(standIn.requests())
        .filteredOn(r -> r.path().contains("/featuretypes/") && r.method().equals("PUT"))
        .allSatisfy(r -> assertThat(r.query()).isEqualTo("recalculate=nativebbox,latlonbbox"));
    assertEveryRequestConformed();
  }

  @Test
  void applyOnlyReadsAndPredictsCommit() {
    List<PlannedStep> planned = publisher(standIn).apply();

    assertThat(standIn.requests()).allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
    assertThat(standIn.dump()).isEqualTo(emptyCatalog());
    assertThat(planned).filteredOn(s -> s.action() == Action.CREATE).hasSize(N_CREATED);
    assertThat(planned.get(0).toString())
        .isEqualTo("CREATE workspace lcp: POST /rest/workspaces (application/json)");
    assertThat(planned).allSatisfy(s -> assertThat(s.toString()).doesNotContain("pg-secret-0d1e"));

    PublishResult result = publisher(standIn).commit();
    assertThat(result.steps())
        .extracting(PlannedStep::toString)
        .containsExactlyElementsOf(planned.stream().map(PlannedStep::toString).toList());

    List<PlannedStep> next = publisher(standIn).apply();
    assertThat(next).filteredOn(s -> s.action() == Action.CREATE).isEmpty();
    assertThat(next).filteredOn(s -> s.action() == Action.TRUNCATE).hasSize(N_LAYERS + 2);
  }

  @Test
  void interruptedPublishResumesToTheCleanState() {
    String clean;
    try (GeoServerStandIn reference = GeoServerStandIn.start(definitions)) {
      ShanxiPlans.addTables(reference);
      publisher(reference).commit();
      clean = reference.dump();
    }
    standIn.failFrom(
        25, 503); // in the feature types; every later attempt fails, so retries run out

    assertThatThrownBy(() -> publisher(standIn).commit())
        .isInstanceOf(PublishException.class)
        .hasMessageContaining("HTTP 503: Stand-in: injected fault");
    assertThat(standIn.dump()).isNotEqualTo(clean);
    standIn.clearFaults();

    publisher(standIn).commit();

    assertThat(standIn.dump()).isEqualTo(clean);
    assertEveryRequestConformed();
  }

  @Test
  void lostCreateAnswerIsDetectedByLookingAgain() {
    // the store POST is applied but answered 500, as GeoServer answers a repeated create of a store
    standIn.failAfterApplying("POST", ".*/workspaces/lcp/datastores", 1, 500);
    standIn.failAfterApplying("POST", ".*/datastores/pg/featuretypes", 1, 500);

    PublishResult result = publisher(standIn).commit();

    assertThat(result.nCreated()).isEqualTo(N_CREATED);
    List<String> storeCalls =
        lines(r -> r.path().contains("/datastores/pg.json") || r.path().endsWith("/datastores"));
    assertThat(storeCalls)
        .containsExactly(
            "GET /rest/workspaces/lcp/datastores/pg.json?quietOnNotFound=true 404",
            "POST /rest/workspaces/lcp/datastores 500",
            "GET /rest/workspaces/lcp/datastores/pg.json?quietOnNotFound=true 200");
    assertThat(standIn.requests()).filteredOn(r -> r.status() == 500 && !r.faulted()).isEmpty();
    assertEveryRequestConformed();
  }

  @Test
  void transientErrorsAndTimeoutsAreRetriedWithBackoff() {
    standIn.fail("PUT", ".*/rest/layers/lcp:grid_taiyuan", 2, 500);
    standIn.hang("GET", ".*/rest/workspaces/lcp\\.json", 1, Duration.ofSeconds(2));

    PublishResult result = publisher(standIn).commit();

    assertThat(result.nCreated()).isEqualTo(N_CREATED);
    assertThat(lines(r -> r.path().endsWith("/layers/lcp:grid_taiyuan")))
        .containsExactly(
            "PUT /rest/layers/lcp:grid_taiyuan 500",
            "PUT /rest/layers/lcp:grid_taiyuan 500",
            "PUT /rest/layers/lcp:grid_taiyuan 200");
    // timeout: 1 wait of 100 ms; two 500s: 100 ms then 200 ms
    assertThat(slept)
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(200));
    assertEveryRequestConformed();
  }

  @Test
  void failureOfTheNthRequestIsRetried() {
    standIn.failNth(2, 502); // request 1 looks for the workspace, request 2 creates it

    PublishResult result = publisher(standIn).commit();

    assertThat(result.nCreated()).isEqualTo(N_CREATED);
    assertThat(lines(r -> r.sequence() <= 5))
        .containsExactly(
            "GET /rest/workspaces/lcp.json?quietOnNotFound=true 404",
            "POST /rest/workspaces 502",
            "GET /rest/workspaces/lcp.json?quietOnNotFound=true 404", // looks again before
            // repeating the POST
            "POST /rest/workspaces 201",
            "GET /rest/workspaces/lcp/datastores/pg.json?quietOnNotFound=true 404");
    assertThat(slept).containsExactly(Duration.ofMillis(100));
  }

  @Test
  void exhaustedRetriesNameTheRequestAndAttempts() {
    standIn.fail("PUT", ".*/rest/layers/lcp:grid_taiyuan", 3, 500);
    String url = standIn.baseUrl() + "/rest/layers/lcp:grid_taiyuan";

    assertThatThrownBy(() -> publisher(standIn).commit())
        .isInstanceOf(PublishException.class)
        .hasMessage("Cannot PUT " + url + ": HTTP 500: Stand-in: injected fault after 3 attempts");
    assertThat(slept).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void wrongPasswordFailsAtOnceNamingUrlAndUserOnly() {
    String wrong = "wrong-pw-81c2";
    GeoServerSettings settings =
        new GeoServerSettings(
            standIn.baseUrl(),
            GeoServerStandIn.USER,
            Secret.of(wrong),
            Duration.ofSeconds(2),
            3,
            Duration.ofMillis(100),
            Duration.ofMillis(400));
    GeoServerPublisher publisher =
        new GeoServerPublisher(new GeoServerClient(settings, slept::add), ShanxiPlans.plan());

    assertThatThrownBy(publisher::commit)
        .isInstanceOf(PublishException.class)
        .hasMessage(
            "Cannot GET "
                + standIn.baseUrl()
                + "/rest/workspaces/lcp.json?quietOnNotFound=true: "
                + "HTTP 401 Unauthorized for user 'lcp_publisher'; check GEOSERVER_USER and GEOSERVER_PASSWORD")
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain(wrong)
                    .doesNotContain(GeoServerStandIn.PASSWORD));
    assertThat(standIn.requests()).hasSize(1);
    assertThat(slept).isEmpty();
  }

  @Test
  void missingTableFailsWithGeoServersReason() {
    try (GeoServerStandIn empty = GeoServerStandIn.start(definitions)) {
      assertThatThrownBy(() -> publisher(empty).commit())
          .isInstanceOf(PublishException.class)
          .hasMessage(
              "Cannot POST "
                  + empty.baseUrl()
                  + "/rest/workspaces/lcp/datastores/pg/featuretypes: HTTP 400: "
                  + "Trying to create new feature type inside the store, but no attributes were specified"
                  + " (expected 200 or 201)");
    }
  }

  private void assertEveryRequestConformed() {
    assertThat(standIn.requests())
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.verdict().conforms())
                  .as("%s: %s", r.line(), r.verdict().reasons())
                  .isTrue();
              if (!r.path().startsWith("/geoserver/gwc/")) {
                assertThat(r.verdict().acceptedBy()).as(r.line()).isNotEmpty();
              }
            });
  }

  private List<String> lines(java.util.function.Predicate<GeoServerStandIn.Recorded> filter) {
    List<String> out = new ArrayList<>();
    for (GeoServerStandIn.Recorded r : standIn.requests()) {
      if (filter.test(r)) {
        out.add(r.line() + " " + r.status());
      }
    }
    return out;
  }

  private static String emptyCatalog() {
    try (GeoServerStandIn fresh = GeoServerStandIn.start(definitions)) {
      return fresh.dump();
    }
  }
}
