package org.livingcircle.config;

/**
 * A value problem found by a record's compact constructor, with the JSON pointer of the offending
 * value relative to the object being built. {@link YamlConfig} prefixes the file name and the
 * object's own pointer.
 */
final class ConfigProblem extends IllegalArgumentException {
  private final String relativePointer;

  ConfigProblem(String relativePointer, String message) {
    super(message);
    this.relativePointer = relativePointer;
  }

  /**
   * Pointer relative to the object whose constructor threw, e.g. {@code /categories/3/id}; "" for
   * the object itself.
   */
  String relativePointer() {
    return relativePointer;
  }
}
