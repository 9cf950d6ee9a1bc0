package org.livingcircle.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.livingcircle.geo.Decay;
import org.livingcircle.streets.FootGraph;
import org.livingcircle.streets.PointLinks;

/**
 * Test oracle, independent of the kernels' formula: walking distances between linked points by
 * Floyd–Warshall on the graph with every split point inserted into its edge as a vertex and every
 * point hung off it by its off-street metres. Also a brute-force E2SFCA over those distances.
 */
final class NetworkOracle {
  private NetworkOracle() {}

  /**
   * {@code d[i][j]}: metres from point {@code i} of {@code a} to point {@code j} of {@code b}; +∞
   * when unlinked or unreachable.
   */
  static double[][] distances(FootGraph g, PointLinks a, PointLinks b) {
    int nV = g.vertexCount();
    int nA = a.size();
    int nP = nA + b.size();
    int n = nV + 2 * nP;
    double[][] d = new double[n][n];
    for (double[] row : d) {
      Arrays.fill(row, Double.POSITIVE_INFINITY);
    }
    for (int v = 0; v < n; v++) {
      d[v][v] = 0;
    }
    List<List<Integer>> onEdge = new ArrayList<>();
    for (int e = 0; e < g.edgeCount(); e++) {
      onEdge.add(new ArrayList<>());
    }
    for (int p = 0; p < nP; p++) {
      PointLinks links = p < nA ? a : b;
      int i = p < nA ? p : p - nA;
      if (links.linked(i)) {
        onEdge.get(links.edge(i)).add(p);
        join(d, nV + p, nV + nP + p, links.offStreet(i));
      }
    }
    for (int e = 0; e < g.edgeCount(); e++) {
      List<Integer> points = onEdge.get(e);
      points.sort((p, q) -> Double.compare(along(a, b, nA, p), along(a, b, nA, q)));
      int previous = g.edgeFrom(e);
      double previousAlong = 0;
      for (int p : points) {
        double at = along(a, b, nA, p);
        join(d, previous, nV + p, at - previousAlong);
        previous = nV + p;
        previousAlong = at;
      }
      join(d, previous, g.edgeTo(e), g.edgeLength(e) - previousAlong);
    }
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < n; i++) {
        if (d[i][k] == Double.POSITIVE_INFINITY) {
          continue;
        }
        for (int j = 0; j < n; j++) {
          if (d[i][k] + d[k][j] < d[i][j]) {
            d[i][j] = d[i][k] + d[k][j];
          }
        }
      }
    }
    double[][] result = new double[nA][b.size()];
    for (int i = 0; i < nA; i++) {
      for (int j = 0; j < b.size(); j++) {
        boolean linked = a.linked(i) && b.linked(j);
        result[i][j] = linked ? d[nV + nP + i][nV + nP + nA + j] : Double.POSITIVE_INFINITY;
      }
    }
    return result;
  }

  private static double along(PointLinks a, PointLinks b, int nA, int p) {
    return p < nA ? a.alongFrom(p) : b.alongFrom(p - nA);
  }

  private static void join(double[][] d, int u, int v, double length) {
    if (length < d[u][v]) {
      d[u][v] = length;
      d[v][u] = length;
    }
  }

  /**
   * Brute-force E2SFCA: {ratio per facility (NaN for other categories and unlinked), access per
   * origin}, with {@code facilityToDemand[j][k]} and {@code facilityToOrigin[j][i]} from {@link
   * #distances}.
   */
  static double[][] e2sfca(
      int category,
      int[] facilityCategory,
      double[] capacity,
      PointLinks facilityLinks,
      double[][] facilityToDemand,
      double[] population,
      double[][] facilityToOrigin,
      int nO,
      double catchmentMeters) {
    int nF = facilityCategory.length;
    double[] ratio = new double[nF];
    double d0Squared = catchmentMeters * catchmentMeters;
    for (int j = 0; j < nF; j++) {
      if (facilityCategory[j] != category || !facilityLinks.linked(j)) {
        ratio[j] = Double.NaN;
        continue;
      }
      double demand = 0;
      for (int k = 0; k < population.length; k++) {
        double dist = facilityToDemand[j][k];
        if (dist <= catchmentMeters) {
          demand += Decay.gaussian(dist * dist, d0Squared) * population[k];
        }
      }
      ratio[j] = demand > 0 ? capacity[j] / demand : 0;
    }
    double[] access = new double[nO];
    for (int i = 0; i < nO; i++) {
      for (int j = 0; j < nF; j++) {
        double dist = facilityToOrigin[j][i];
        if (!Double.isNaN(ratio[j]) && dist <= catchmentMeters) {
          access[i] += Decay.gaussian(dist * dist, d0Squared) * ratio[j];
        }
      }
    }
    return new double[][] {ratio, access};
  }
}
