package org.livingcircle.publish.geoserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.livingcircle.common.ConfigException;

/**
 * Reads passwords from the environment: variable {@code NAME} holds the password itself, or {@code NAME_FILE} names a
 * file holding it (Docker/Kubernetes secrets convention; one trailing newline is dropped). Messages name the variables
 * and the file, never the password.
 */
public final class Credentials {
  /** Environment variable holding the GeoServer REST password. */
  public static final String GEOSERVER_PASSWORD = "GEOSERVER_PASSWORD";

  private Credentials() {}

  /** The GeoServer password from {@code GEOSERVER_PASSWORD} or {@code GEOSERVER_PASSWORD_FILE} in {@code env}. */
  public static Secret geoServerPassword(Map<String, String> env) {
    return password(env, GEOSERVER_PASSWORD);
  }

  /**
   * The password from {@code variable} or, if that is unset or empty, from the file named by {@code variable + "_FILE"}.
   *
   * @throws ConfigException if neither is set, both are set, or the file cannot be read or is empty
   */
  public static Secret password(Map<String, String> env, String variable) {
    String fileVariable = variable + "_FILE";
    String direct = env.get(variable);
    String file = env.get(fileVariable);
    boolean hasDirect = direct != null && !direct.isEmpty();
    boolean hasFile = file != null && !file.isEmpty();
    if (hasDirect && hasFile) {
      throw new ConfigException(
          "Cannot choose a password: both " + variable + " and " + fileVariable + " are set; unset one of them");
    }
    if (hasDirect) {
      return Secret.of(direct);
    }
    if (!hasFile) {
      throw new ConfigException(
          "Cannot find a password: neither " + variable + " nor " + fileVariable + " is set");
    }
    String content;
    try {
      content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          "Cannot read password file " + file + " (from " + fileVariable + "): " + e.getClass().getSimpleName(), e);
    }
    String password = content.endsWith("\r\n")
        ? content.substring(0, content.length() - 2)
        : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    if (password.isEmpty()) {
      throw new ConfigException("Cannot use password file " + file + " (from " + fileVariable + "): it is empty");
    }
    return Secret.of(password);
  }
}
