package org.livingcircle.bench;

import static org.livingcircle.common.Checks.check;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.livingcircle.streets.FootGraph;
import org.livingcircle.streets.WalkSearch;

/**
 * Our side of the pandana comparison: the vertex-level work pandana does, with {@link WalkSearch}
 * on the same graph and the same POI vertices (distances in metres from vertex to vertex, no
 * linking).
 *
 * <ul>
 *   <li>nearest: one multi-source search per category from its POI vertices, bounded by the limit;
 *       +∞ beyond it;
 *   <li>counts: one bounded search per distinct POI vertex (weighted by its POIs) out to the
 *       largest threshold; each settled vertex gains the weight in every threshold bucket its
 *       distance falls in — all thresholds in one pass, inclusive ({@code d ≤ T}).
 * </ul>
 *
 * Work is spread over {@code threads} threads, each with its own search scratch.
 */
final class VertexSearches {
  private VertexSearches() {}

  /**
   * {@code out[c][v]}: metres from vertex v to the nearest POI vertex of category c, +∞ beyond
   * {@code limitM}.
   */
  static double[][] nearest(FootGraph g, int[][] categoryVertices, double limitM, int threads) {
    int nC = categoryVertices.length;
    double[][] out = new double[nC][];
    AtomicInteger next = new AtomicInteger();
    parallel(
        threads,
        () -> {
          WalkSearch search = new WalkSearch(g);
          for (int c = next.getAndIncrement(); c < nC; c = next.getAndIncrement()) {
            int[] seeds = categoryVertices[c];
            double[] d = new double[g.vertexCount()];
            search.multiSource(seeds, new double[seeds.length], limitM, d);
            out[c] = d;
          }
        });
    return out;
  }

  /**
   * {@code out[t][v]}: POIs (of one category, given by their vertices, repeats = several POIs)
   * within {@code thresholdsM[t]} metres of vertex v.
   */
  static int[][] counts(FootGraph g, int[] poiVertices, double[] thresholdsM, int threads) {
    int nT = thresholdsM.length;
    check(nT > 0, "Cannot count: no threshold");
    int[] sorted = poiVertices.clone();
    Arrays.sort(sorted);
    int nDistinct = 0;
    int[] vertex = new int[sorted.length];
    int[] weight = new int[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        vertex[nDistinct++] = sorted[i];
      }
      weight[nDistinct - 1]++;
    }
    int n = nDistinct;
    int nV = g.vertexCount();
    double largest = thresholdsM[nT - 1];
    int[][][] partial = new int[Math.max(1, threads)][][];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger worker = new AtomicInteger();
    parallel(
        threads,
        () -> {
          int[][] acc = new int[nT][nV];
          partial[worker.getAndIncrement()] = acc;
          WalkSearch search = new WalkSearch(g);
          int[] seed = new int[1];
          double[] zero = new double[1];
          for (int s = next.getAndIncrement(); s < n; s = next.getAndIncrement()) {
            seed[0] = vertex[s];
            int w = weight[s];
            int settled = search.bounded(seed, zero, largest);
            int t = 0;
            for (int k = 0; k < settled; k++) {
              int u = search.settledVertex(k);
              double d = search.distance(u);
              while (t < nT && d > thresholdsM[t]) {
                t++; // settled in non-decreasing distance: the first bucket only moves outwards
              }
              for (int j = t; j < nT; j++) {
                acc[j][u] += w;
              }
            }
          }
        });
    int[][] out = partial[0];
    for (int p = 1; p < partial.length; p++) {
      if (partial[p] == null) {
        continue;
      }
      for (int t = 0; t < nT; t++) {
        for (int v = 0; v < nV; v++) {
          out[t][v] += partial[p][t][v];
        }
      }
    }
    return out;
  }

  /**
   * {@code out[t][v]}: POI–vertex pairs whose distance lies within {@code tolerance(T)} metres of
   * threshold {@code thresholdsM[t]} — the pairs a float32 or millimetre-rounded distance may put
   * on either side of it.
   */
  static int[][] nearThreshold(
      FootGraph g, int[] poiVertices, double[] thresholdsM, ValueCheck tolerance) {
    int nT = thresholdsM.length;
    int[][] out = new int[nT][g.vertexCount()];
    WalkSearch search = new WalkSearch(g);
    int[] seed = new int[1];
    double[] zero = new double[1];
    double reach = thresholdsM[nT - 1] + tolerance.tolerance(thresholdsM[nT - 1]);
    for (int s : poiVertices) {
      seed[0] = s;
      int settled = search.bounded(seed, zero, reach);
      for (int k = 0; k < settled; k++) {
        int u = search.settledVertex(k);
        double d = search.distance(u);
        for (int t = 0; t < nT; t++) {
          if (Math.abs(d - thresholdsM[t]) <= tolerance.tolerance(thresholdsM[t])) {
            out[t][u]++;
          }
        }
      }
    }
    return out;
  }

  private static void parallel(int threads, Runnable body) {
    int n = Math.max(1, threads);
    Thread[] pool = new Thread[n];
    Throwable[] failure = new Throwable[1];
    for (int i = 0; i < n; i++) {
      pool[i] = new Thread(body, "lcp-bench-walk-" + i);
      pool[i].setUncaughtExceptionHandler(
          (t, e) -> {
            synchronized (failure) {
              failure[0] = e;
            }
          });
      pool[i].start();
    }
    for (Thread t : pool) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Cannot finish the walking searches: interrupted", e);
      }
    }
    if (failure[0] != null) {
      throw failure[0] instanceof RuntimeException r ? r : new IllegalStateException(failure[0]);
    }
  }
}
