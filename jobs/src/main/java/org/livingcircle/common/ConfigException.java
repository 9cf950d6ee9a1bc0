package org.livingcircle.common;

/**
 * Configuration values are missing, invalid or conflict. Messages are single lines that never
 * contain secrets.
 */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
