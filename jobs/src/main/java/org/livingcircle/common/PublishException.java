package org.livingcircle.common;

/**
 * An external service (PostGIS, GeoServer) refused or failed a request. Messages are single lines
 * that never contain secrets.
 */
public class PublishException extends RuntimeException {
  public PublishException(String message) {
    super(message);
  }

  public PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
