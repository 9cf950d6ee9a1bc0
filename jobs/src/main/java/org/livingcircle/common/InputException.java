package org.livingcircle.common;

/**
 * An input file cannot be read or has the wrong shape (whole-file problem). Messages are single
 * lines that never contain secrets.
 */
public class InputException extends RuntimeException {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
