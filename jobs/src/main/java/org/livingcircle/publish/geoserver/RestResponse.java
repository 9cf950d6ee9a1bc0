package org.livingcircle.publish.geoserver;

/**
 * A GeoServer answer.
 *
 * @param status HTTP status code
 * @param body response body as text (GeoServer answers 201 with the bare new name, not JSON)
 * @param location the {@code Location} header, empty if absent
 */
public record RestResponse(int status, String body, String location) {
  public boolean ok() {
    return status >= 200 && status < 300;
  }

  public boolean notFound() {
    return status == 404;
  }
}
