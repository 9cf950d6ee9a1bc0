package org.livingcircle.publish.geoserver;

import java.util.Map;
import org.livingcircle.common.Secrets;

/**
 * GeoServer's password from the environment, by the project's one secret rule ({@link Secrets}).
 */
public final class Credentials {
  /** Environment variable holding the GeoServer REST password. */
  public static final String GEOSERVER_PASSWORD = "GEOSERVER_PASSWORD";

  private Credentials() {}

  /**
   * The GeoServer password from {@code GEOSERVER_PASSWORD} or {@code GEOSERVER_PASSWORD_FILE} in
   * {@code env}.
   */
  public static Secret geoServerPassword(Map<String, String> env) {
    return password(env, GEOSERVER_PASSWORD);
  }

  /**
   * The password of {@code variable} by the one rule of {@link Secrets#read}, without a default
   * file.
   */
  public static Secret password(Map<String, String> env, String variable) {
    return Secret.of(Secrets.read(env, variable, null));
  }
}
