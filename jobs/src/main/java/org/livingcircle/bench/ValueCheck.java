package org.livingcircle.bench;

import static org.livingcircle.common.Checks.check;

/**
 * Vertex-by-vertex comparison of our results with pandana's. Distances agree within {@code
 * max(absoluteM, relative × d)} metres; a vertex with a POI on one side of the limit and none on
 * the other agrees when the distance found lies within that tolerance of the limit (counted as
 * borderline). Counts agree exactly, or differ by no more than the POI–vertex pairs lying within
 * the tolerance of the threshold (borderline).
 */
record ValueCheck(double absoluteM, double relative) {
  ValueCheck {
    check(
        absoluteM >= 0 && relative >= 0,
        "Cannot compare with tolerance %s m, %s relative: negative",
        absoluteM,
        relative);
  }

  /**
   * 0.01 m, or 5e-5 of the distance: pandana 0.8 keeps edge weights as float32 and truncates them
   * to whole millimetres (measured: ten edges of 100.0006 m give 1000.000 m), so its path is short
   * by up to 1 mm per edge, which 5e-5 × d covers for edges of 20 m and longer on average (1,200 m:
   * 0.06 m).
   */
  static ValueCheck defaults() {
    return new ValueCheck(0.01, 5e-5);
  }

  double tolerance(double meters) {
    return Math.max(absoluteM, relative * Math.abs(meters));
  }

  /** Tallies of one comparison. */
  record Tally(
      long compared,
      long equal,
      long borderline,
      long mismatches,
      double maxAbsDiffM,
      String firstMismatch) {
    Tally plus(Tally o) {
      return new Tally(
          compared + o.compared,
          equal + o.equal,
          borderline + o.borderline,
          mismatches + o.mismatches,
          Math.max(maxAbsDiffM, o.maxAbsDiffM),
          firstMismatch != null ? firstMismatch : o.firstMismatch);
    }

    static Tally empty() {
      return new Tally(0, 0, 0, 0, 0, null);
    }
  }

  /**
   * @param ours metres per vertex, +∞ when none within the limit
   * @param theirs metres per vertex, NaN (or +∞) when none within the limit
   */
  Tally nearest(String label, double[] ours, double[] theirs, double limitM) {
    check(
        ours.length == theirs.length,
        "Cannot compare %s: %s vertices against %s",
        label,
        ours.length,
        theirs.length);
    long equal = 0;
    long borderline = 0;
    long bad = 0;
    double maxDiff = 0;
    String first = null;
    for (int v = 0; v < ours.length; v++) {
      boolean oursNone = !(ours[v] <= limitM);
      boolean theirsNone = Double.isNaN(theirs[v]) || theirs[v] > limitM;
      if (oursNone && theirsNone) {
        equal++;
      } else if (!oursNone && !theirsNone) {
        double diff = Math.abs(ours[v] - theirs[v]);
        maxDiff = Math.max(maxDiff, diff);
        if (diff <= tolerance(ours[v])) {
          equal++;
        } else {
          bad++;
          first =
              first != null
                  ? first
                  : label
                      + " vertex "
                      + v
                      + ": ours "
                      + ours[v]
                      + " m, pandana "
                      + theirs[v]
                      + " m";
        }
      } else {
        double found = oursNone ? theirs[v] : ours[v];
        if (Math.abs(found - limitM) <= tolerance(limitM)) {
          borderline++;
        } else {
          bad++;
          first =
              first != null
                  ? first
                  : label
                      + " vertex "
                      + v
                      + ": ours "
                      + ours[v]
                      + " m, pandana "
                      + theirs[v]
                      + " m";
        }
      }
    }
    return new Tally(ours.length, equal, borderline, bad, maxDiff, first);
  }

  /**
   * @param ours POIs within the threshold per vertex
   * @param theirs pandana's count per vertex
   * @param nearPairs POI–vertex pairs within the tolerance of the threshold per vertex
   */
  Tally counts(String label, int[] ours, double[] theirs, int[] nearPairs) {
    check(
        ours.length == theirs.length && ours.length == nearPairs.length,
        "Cannot compare %s: %s, %s and %s vertices",
        label,
        ours.length,
        theirs.length,
        nearPairs.length);
    long equal = 0;
    long borderline = 0;
    long bad = 0;
    double maxDiff = 0;
    String first = null;
    for (int v = 0; v < ours.length; v++) {
      double diff = Math.abs(ours[v] - theirs[v]);
      maxDiff = Math.max(maxDiff, diff);
      if (diff == 0) {
        equal++;
      } else if (diff <= nearPairs[v]) {
        borderline++;
      } else {
        bad++;
        first =
            first != null
                ? first
                : label + " vertex " + v + ": ours " + ours[v] + ", pandana " + theirs[v];
      }
    }
    return new Tally(ours.length, equal, borderline, bad, maxDiff, first);
  }
}
