package org.livingcircle.sample;

/** The synthetic-data labels written into every generated file. */
final class SampleNotes {
  private SampleNotes() {}

  static String synthetic(long seed) {
    return "SYNTHETIC sample data (lcp sample, seed " + seed + ") — not real";
  }

  static String realFigure(String source) {
    return "real figure from " + source + ", synthetic location";
  }
}
