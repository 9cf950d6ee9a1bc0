package org.livingcircle.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.livingcircle.streets.FootGraph;

class VertexSearchesTest {
  private static final double[] THRESHOLDS_M = {200, 400, 600};

  /**
   * Each nominal threshold moved down to the nearest distance some POI really has, so pairs lie
   * exactly on it.
   */
  private static double[] thresholdsOnRealDistances(double[][] all, int[][] categories) {
    double[] out = new double[THRESHOLDS_M.length];
    for (int t = 0; t < out.length; t++) {
      for (int[] pois : categories) {
        for (int p : pois) {
          for (double d : all[p]) {
            if (d <= THRESHOLDS_M[t] && d > out[t]) {
              out[t] = d;
            }
          }
        }
      }
    }
    return out;
  }

  @Test
  void nearestAndCountsEqualBruteForceOverAllPairs() {
    FootGraph g = SyntheticGraphs.grid(11, 7);
    double[][] all = SyntheticGraphs.allPairs(g);
    Random r = new Random(3);
    int[][] categories = new int[3][];
    for (int c = 0; c < categories.length; c++) {
      categories[c] = new int[2 + 3 * c];
      for (int i = 0; i < categories[c].length; i++) {
        categories[c][i] = r.nextInt(g.vertexCount());
      }
    }
    categories[2][1] = categories[2][0]; // two POIs at one vertex count twice
    double[] thresholds = thresholdsOnRealDistances(all, categories);
    double limit = thresholds[1];
    double[][] nearest = VertexSearches.nearest(g, categories, limit, 2);
    long exactlyAtThreshold = 0;
    for (int c = 0; c < categories.length; c++) {
      int[][] counts = VertexSearches.counts(g, categories[c], thresholds, 2);
      for (int v = 0; v < g.vertexCount(); v++) {
        double best = Double.POSITIVE_INFINITY;
        int[] expected = new int[thresholds.length];
        for (int p : categories[c]) {
          best = Math.min(best, all[p][v]);
          for (int t = 0; t < thresholds.length; t++) {
            expected[t] += all[p][v] <= thresholds[t] ? 1 : 0;
            exactlyAtThreshold += all[p][v] == thresholds[t] ? 1 : 0;
          }
        }
        assertThat(nearest[c][v])
            .as("nearest of category %s at vertex %s", c, v)
            .isEqualTo(best <= limit ? best : Double.POSITIVE_INFINITY);
        for (int t = 0; t < thresholds.length; t++) {
          assertThat(counts[t][v])
              .as("count of category %s within %s m of vertex %s", c, thresholds[t], v)
              .isEqualTo(expected[t]);
        }
      }
    }
    assertThat(exactlyAtThreshold)
        .as("pairs exactly at a threshold (inclusive counting is exercised)")
        .isPositive();
  }

  @Test
  void islandIsNeverReachedFromTheGrid() {
    FootGraph g = SyntheticGraphs.grid(5, 1);
    int islandVertex = g.vertexCount() - 1;
    double[][] nearest = VertexSearches.nearest(g, new int[][] {{0}}, 1e9, 1);
    int[][] counts = VertexSearches.counts(g, new int[] {0, 0, 0}, THRESHOLDS_M, 1);
    assertThat(nearest[0][islandVertex]).isInfinite();
    assertThat(counts[2][islandVertex]).isZero();
    assertThat(counts[0][0]).isEqualTo(3);
  }

  @Test
  void nearThresholdCountsPairsOnEitherSideWithinTheTolerance() {
    FootGraph g = SyntheticGraphs.grid(9, 5);
    double[][] all = SyntheticGraphs.allPairs(g);
    int[] pois = {4, 40, 40, 77};
    ValueCheck tolerance = new ValueCheck(0.5, 0);
    double[] thresholds = {all[4][5], 500};
    int[][] near = VertexSearches.nearThreshold(g, pois, thresholds, tolerance);
    for (int v = 0; v < g.vertexCount(); v++) {
      for (int t = 0; t < thresholds.length; t++) {
        int expected = 0;
        for (int p : pois) {
          expected += Math.abs(all[p][v] - thresholds[t]) <= 0.5 ? 1 : 0;
        }
        assertThat(near[t][v])
            .as("pairs near %s m at vertex %s", thresholds[t], v)
            .isEqualTo(expected);
      }
    }
    assertThat(near[0][5])
        .as("the POI at vertex 4 lies exactly at the first threshold of vertex 5")
        .isPositive();
  }
}
