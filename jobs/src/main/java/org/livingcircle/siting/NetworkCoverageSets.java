package org.livingcircle.siting;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;
import static org.livingcircle.common.Checks.positive;

import java.util.Arrays;
import org.livingcircle.streets.EdgePoints;
import org.livingcircle.streets.FootGraph;
import org.livingcircle.streets.NetworkDistance;
import org.livingcircle.streets.PointLinks;
import org.livingcircle.streets.WalkSearch;

/**
 * For every candidate site, the demand points within a walking distance ON THE STREET NETWORK
 * (contract §3: the linked candidate to the linked demand point, off-street metres of both
 * included), in the same CSR shape as {@link CoverageSets} so {@link MaximalCovering} and {@link
 * CapacitySiting} take either. One bounded {@link WalkSearch} per candidate; the demand points
 * reached are found through an {@link EdgePoints} index on the edges incident to the settled
 * vertices, plus the candidate's own edge (points reached along it only). Inclusive ({@code D ≤
 * walkMeters}). An unlinked candidate covers nothing; an unlinked demand point is covered by no
 * candidate. {@link #pairMeters} holds D per pair (for the E2SFCA weight). Not thread-safe while
 * building.
 */
final class NetworkCoverageSets {
  final CoverageSets sets;

  /** D in metres of each pair of {@code sets}, aligned with {@code sets.demand}. */
  final double[] pairMeters;

  final int candidatesUnlinked;
  final int demandUnlinked;

  private NetworkCoverageSets(
      CoverageSets sets, double[] pairMeters, int candidatesUnlinked, int demandUnlinked) {
    this.sets = sets;
    this.pairMeters = pairMeters;
    this.candidatesUnlinked = candidatesUnlinked;
    this.demandUnlinked = demandUnlinked;
  }

  /**
   * @param graph the pruned foot graph both link sets refer to
   * @param candidates links of the candidate sites
   * @param demand links of the demand points
   * @param walkMeters network walking metres a site covers, positive
   */
  static NetworkCoverageSets within(
      FootGraph graph, PointLinks candidates, PointLinks demand, double walkMeters) {
    return within(
        graph,
        new WalkSearch(notNull(graph, "foot graph")),
        candidates,
        demand,
        EdgePoints.of(graph.edgeCount(), notNull(demand, "demand links")),
        walkMeters);
  }

  /**
   * As {@link #within(FootGraph, PointLinks, PointLinks, double)} reusing a search and a demand
   * index.
   */
  static NetworkCoverageSets within(
      FootGraph graph,
      WalkSearch search,
      PointLinks candidates,
      PointLinks demand,
      EdgePoints demandByEdge,
      double walkMeters) {
    notNull(graph, "foot graph");
    notNull(search, "walk search");
    notNull(candidates, "candidate links");
    notNull(demand, "demand links");
    notNull(demandByEdge, "demand index");
    positive(walkMeters, "coverage walking metres");
    check(
        demandByEdge.edgeCount() == graph.edgeCount()
            && demandByEdge.size() == demand.size() - demand.unlinkedCount(),
        "Cannot build network coverage sets: the demand index has %s edges and %s points, the graph %s edges and"
            + " the demand %s linked points",
        demandByEdge.edgeCount(),
        demandByEdge.size(),
        graph.edgeCount(),
        demand.size() - demand.unlinkedCount());
    int nCandidates = candidates.size();
    int nDemand = demand.size();
    int[] start = new int[nCandidates + 1];
    int[] pairs = new int[Math.max(16, nCandidates * 8)];
    double[] meters = new double[pairs.length];
    // seen[j] == k + 1: demand point j was already tested for candidate k
    int[] seen = new int[nDemand];
    int[] seedVertex = new int[2];
    double[] seedDistance = new double[2];
    int n = 0;
    int unlinkedCandidates = 0;
    for (int k = 0; k < nCandidates; k++) {
      int first = n;
      if (!candidates.linked(k)) {
        unlinkedCandidates++;
        start[k + 1] = n;
        continue;
      }
      WalkSearch.seedsOf(graph, candidates, k, seedVertex, seedDistance);
      int nSettled = search.bounded(seedVertex, seedDistance, walkMeters);
      int stamp = k + 1;
      // the candidate's own edge first (points reached along it without passing an end), then every
      // settled
      // vertex's incident edges
      for (int s = -1; s < nSettled; s++) {
        int arcStart;
        int arcEnd;
        if (s < 0) {
          arcStart = -1;
          arcEnd = 0;
        } else {
          int v = search.settledVertex(s);
          arcStart = graph.arcStart(v);
          arcEnd = graph.arcEnd(v);
        }
        for (int a = arcStart; a < arcEnd; a++) {
          int e = a < 0 ? candidates.edge(k) : graph.arcEdge(a);
          for (int q = demandByEdge.start(e), end = demandByEdge.end(e); q < end; q++) {
            int j = demandByEdge.point(q);
            if (seen[j] == stamp) {
              continue;
            }
            seen[j] = stamp;
            double d = NetworkDistance.between(graph, candidates, k, demand, j, search);
            if (d <= walkMeters) {
              if (n == pairs.length) {
                check(
                    n < CoverageSets.MAX_PAIRS,
                    "Cannot build coverage sets: more than %s (candidate, demand) pairs; use fewer candidates",
                    CoverageSets.MAX_PAIRS);
                int grown = (int) Math.min(CoverageSets.MAX_PAIRS, 2L * n);
                pairs = Arrays.copyOf(pairs, grown);
                meters = Arrays.copyOf(meters, grown);
              }
              pairs[n] = j;
              meters[n] = d;
              n++;
            }
          }
        }
      }
      sortPairs(pairs, meters, first, n);
      start[k + 1] = n;
    }
    CoverageSets sets =
        new CoverageSets(nCandidates, nDemand, walkMeters, start, Arrays.copyOf(pairs, n));
    return new NetworkCoverageSets(
        sets, Arrays.copyOf(meters, n), unlinkedCandidates, demand.unlinkedCount());
  }

  /**
   * Sorts {@code pairs[from, to)} ascending, carrying {@code meters} along (demand indices are
   * distinct).
   */
  private static void sortPairs(int[] pairs, double[] meters, int from, int to) {
    int len = to - from;
    if (len < 2) {
      return;
    }
    long[] packed = new long[len];
    for (int i = 0; i < len; i++) {
      packed[i] = ((long) pairs[from + i] << 32) | i;
    }
    Arrays.sort(packed);
    double[] m = Arrays.copyOfRange(meters, from, to);
    for (int i = 0; i < len; i++) {
      pairs[from + i] = (int) (packed[i] >>> 32);
      meters[from + i] = m[(int) packed[i]];
    }
  }
}
