package org.livingcircle.common;

/** The stages that write under a city's output directory, each into its own directory. */
public enum Stage {
  INGEST("ingest"),
  GRID("grid"),
  ACCESS("indicators"),
  AGGREGATE("aggregate"),
  SITING("siting");

  private final String dirName;

  Stage(String dirName) {
    this.dirName = dirName;
  }

  /** The stage's directory name under a city's output ({@code indicators} for access). */
  public String dirName() {
    return dirName;
  }

  /** The stage's name as commands, manifests and progress lines say it. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
