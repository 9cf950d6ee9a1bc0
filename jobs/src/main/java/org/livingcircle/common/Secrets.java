package org.livingcircle.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a secret from the environment by one rule, for every service (PostGIS, GeoServer): variable
 * {@code NAME} holds the secret itself, or {@code NAME_FILE} names a file holding it
 * (Docker/Kubernetes secrets convention; one trailing newline is dropped); setting both is an
 * error. Without either, an optional default file is read when it exists. Messages name the
 * variables and files, never the secret.
 */
public final class Secrets {
  private Secrets() {}

  /**
   * The secret of {@code variable} in {@code env}.
   *
   * @param defaultFile read when neither {@code variable} nor {@code variable_FILE} is set and the
   *     file exists; may be null
   * @throws ConfigException if nothing is set (and no default file exists), both are set, or the
   *     file cannot be read or is empty
   */
  public static String read(Map<String, String> env, String variable, Path defaultFile) {
    String fileVariable = variable + "_FILE";
    String direct = env.get(variable);
    String file = env.get(fileVariable);
    boolean hasDirect = direct != null && !direct.isEmpty();
    boolean hasFile = file != null && !file.isEmpty();
    if (hasDirect && hasFile) {
      throw new ConfigException(
          "Cannot choose a password: both "
              + variable
              + " and "
              + fileVariable
              + " are set; unset one of them");
    }
    if (hasDirect) {
      return direct;
    }
    if (hasFile) {
      return readFile(Path.of(file), "from " + fileVariable);
    }
    if (defaultFile != null && Files.isRegularFile(defaultFile)) {
      return readFile(defaultFile, "the default for " + variable);
    }
    throw new ConfigException(
        "Cannot find a password: neither "
            + variable
            + " nor "
            + fileVariable
            + " is set"
            + (defaultFile == null ? "" : " and " + defaultFile + " does not exist"));
  }

  private static String readFile(Path file, String origin) {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          "Cannot read password file "
              + file
              + " ("
              + origin
              + "): "
              + e.getClass().getSimpleName(),
          e);
    }
    String secret =
        content.endsWith("\r\n")
            ? content.substring(0, content.length() - 2)
            : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    if (secret.isEmpty()) {
      throw new ConfigException(
          "Cannot use password file " + file + " (" + origin + "): it is empty");
    }
    return secret;
  }
}
