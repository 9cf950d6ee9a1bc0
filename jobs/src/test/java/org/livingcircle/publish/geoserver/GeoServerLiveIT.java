package org.livingcircle.publish.geoserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livingcircle.publish.geoserver.GeoServerPublisher.Action;
import org.livingcircle.publish.geoserver.GeoServerPublisher.PublishResult;

/**
 * The publish scenario against a real GeoServer. Runs only when {@code GEOSERVER_URL} (web
 * application root, e.g. {@code http://localhost:8080/geoserver}), {@code GEOSERVER_USER} and
 * {@code GEOSERVER_PASSWORD} (or {@code GEOSERVER_PASSWORD_FILE}) are set, plus the PostGIS
 * database GeoServer connects to: {@code LCP_PG_HOST} (as seen from GeoServer), {@code
 * LCP_PG_PASSWORD} for user {@code gs_reader}, database {@code lcp}, with the tables of {@link
 * ShanxiPlans} in schema {@code lcp_out}. Publishes into workspace {@code lcp_live_test}.
 */
class GeoServerLiveIT {
  private static final List<String> REQUIRED =
      List.of("GEOSERVER_URL", "GEOSERVER_USER", "LCP_PG_HOST");

  private Map<String, String> env;

  @BeforeEach
  void requireGeoServer() {
    env = System.getenv();
    List<String> missing =
        REQUIRED.stream().filter(v -> env.getOrDefault(v, "").isEmpty()).toList();
    boolean hasPassword =
        !env.getOrDefault("GEOSERVER_PASSWORD", "").isEmpty()
            || !env.getOrDefault("GEOSERVER_PASSWORD_FILE", "").isEmpty();
    assumeTrue(
        missing.isEmpty() && hasPassword,
        () ->
            "Skipping live GeoServer test: set "
                + String.join(", ", missing)
                + (hasPassword
                    ? ""
                    : (missing.isEmpty() ? "" : ", ")
                        + "GEOSERVER_PASSWORD or GEOSERVER_PASSWORD_FILE")
                + " to run it against a real GeoServer");
  }

  @Test
  void publishesAndRepublishesIdempotently() {
    GeoServerSettings settings =
        GeoServerSettings.of(
            URI.create(env.get("GEOSERVER_URL")),
            env.get("GEOSERVER_USER"),
            Credentials.geoServerPassword(env));
    GeoServerClient client = new GeoServerClient(settings, Sleeper.jittered());
    PublishPlan plan =
        ShanxiPlans.plan(
            "lcp_live_test", env.get("LCP_PG_HOST"), Credentials.password(env, "LCP_PG_PASSWORD"));

    new GeoServerPublisher(client, plan).commit();
    PublishResult again = new GeoServerPublisher(client, plan).commit();

    assertThat(again.nCreated()).isZero();
    assertThat(new GeoServerPublisher(client, plan).apply())
        .noneMatch(step -> step.action() == Action.CREATE);
  }
}
