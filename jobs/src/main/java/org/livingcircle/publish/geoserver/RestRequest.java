package org.livingcircle.publish.geoserver;

import java.util.Set;
import org.livingcircle.common.Checks;

/**
 * One REST call relative to the GeoServer base URL (for example {@code /rest/workspaces} under
 * {@code http://host:8080/geoserver}).
 *
 * @param method HTTP method, upper case
 * @param path path starting with {@code /}, segments already percent-encoded
 * @param query raw query string without {@code ?}, empty for none
 * @param contentType media type of {@code body}, empty when there is no body
 * @param body UTF-8 request body, empty for none
 */
public record RestRequest(
    String method, String path, String query, String contentType, String body) {
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE");

  public RestRequest {
    Checks.check(
        METHODS.contains(method), "Cannot use HTTP method %s: expected one of %s", method, METHODS);
    Checks.check(
        path != null && path.startsWith("/"),
        "Cannot use REST path %s: it must start with /",
        path);
    Checks.notNull(query, "query");
    Checks.notNull(contentType, "content type");
    Checks.notNull(body, "body");
    Checks.check(
        body.isEmpty() == contentType.isEmpty(),
        "Cannot send %s %s: a body needs a content type and a content type needs a body",
        method,
        path);
  }

  public static RestRequest get(String path, String query) {
    return new RestRequest("GET", path, query, "", "");
  }

  public static RestRequest post(String path, String query, String contentType, String body) {
    return new RestRequest("POST", path, query, contentType, body);
  }

  public static RestRequest put(String path, String query, String contentType, String body) {
    return new RestRequest("PUT", path, query, contentType, body);
  }

  /** Path plus query, as it appears after the base URL. */
  public String target() {
    return query.isEmpty() ? path : path + "?" + query;
  }

  /**
   * GET, PUT and DELETE may be repeated; a repeated POST may meet "already exists" instead of its
   * first answer.
   */
  public boolean idempotent() {
    return !method.equals("POST");
  }

  @Override
  public String toString() {
    return method + " " + target() + (contentType.isEmpty() ? "" : " (" + contentType + ")");
  }
}
