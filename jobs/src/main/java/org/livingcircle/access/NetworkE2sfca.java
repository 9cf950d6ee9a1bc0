package org.livingcircle.access;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;
import static org.livingcircle.common.Checks.positive;

import java.util.Arrays;
import org.livingcircle.config.WalkModel;
import org.livingcircle.geo.Decay;
import org.livingcircle.streets.EdgePoints;
import org.livingcircle.streets.FootGraph;
import org.livingcircle.streets.PointLinks;

/**
 * {@link E2sfca} on the street network: the same two steps and Gaussian weight of Dai (2010), with
 * d the network walking distance D of contract §3 and d0 = catchment minutes × speed in walking
 * metres.
 *
 * <ol>
 *   <li>{@link #ratios}: R_j = S_j / Σ_k W(D_kj) P_k over the linked demand points k (one bounded
 *       search to d0 from each facility location of the category); a facility with no weighted
 *       demand has R_j = 0 and is counted in {@link Ratios#nWithoutDemand()}.
 *   <li>{@link #access}: A_i = Σ_j W(D_ij) R_j for linked origins, from the facility locations
 *       within d0 straight line of the origins' bounding box.
 * </ol>
 *
 * Unlinked demand points carry no demand and unlinked facilities no supply (neither is on the
 * network); with every facility reaching some demand, Σ_i A_i P_i over the linked demand points =
 * Σ_j S_j of the linked facilities.
 *
 * <p>Not thread-safe: owns search scratch sized to the graph. Use one per thread.
 */
final class NetworkE2sfca {
  private final FootGraph graph;
  private final NetworkFacilities facilities;
  private final double catchmentMeters;
  private final double catchmentSquared;
  private final NetworkReach reach;

  /**
   * Step-1 result of one category.
   *
   * @param category the category
   * @param catchmentMeters d0 in walking metres
   * @param byFacility R_j per linked facility in {@link NetworkFacilities} location order; 0 for
   *     other categories and for facilities without demand
   * @param nWithoutDemand facilities of the category whose catchment holds no weighted demand
   */
  record Ratios(int category, double catchmentMeters, double[] byFacility, int nWithoutDemand)
      implements java.io.Serializable {}

  /**
   * @param walk walking model (speed)
   * @param catchmentMin catchment d0 in walking minutes, positive
   */
  NetworkE2sfca(
      FootGraph graph, NetworkFacilities facilities, WalkModel walk, double catchmentMin) {
    this.graph = notNull(graph, "foot graph");
    this.facilities = notNull(facilities, "network facilities");
    check(
        facilities.fits(graph),
        "Cannot compute network E2SFCA: facilities were linked to another graph");
    notNull(walk, "walk model");
    this.catchmentMeters = walk.walkMetersIn(positive(catchmentMin, "catchment_min"));
    this.catchmentSquared = catchmentMeters * catchmentMeters;
    this.reach = new NetworkReach(graph);
  }

  /**
   * Step 1 for {@code category}.
   *
   * @param demandLinks links of the demand points (every cell of the city)
   * @param population people of the relevant age group at each demand point, finite and ≥ 0
   */
  Ratios ratios(int category, PointLinks demandLinks, double[] population) {
    check(
        category >= 0 && category < facilities.nCategories,
        "Cannot compute E2SFCA: category %s is outside [0, %s)",
        category,
        facilities.nCategories);
    notNull(demandLinks, "demand links");
    notNull(population, "population");
    int nDemand = demandLinks.size();
    check(
        population.length == nDemand,
        "Cannot compute E2SFCA: %s demand points but %s populations",
        nDemand,
        population.length);
    for (int k = 0; k < nDemand; k++) {
      check(
          Double.isFinite(population[k]) && population[k] >= 0,
          "Cannot compute E2SFCA: population %s at demand point %s is not a finite number ≥ 0",
          population[k],
          k);
      check(
          demandLinks.edge(k) < graph.edgeCount(),
          "Cannot compute E2SFCA: demand point %s links to edge %s of %s",
          k,
          demandLinks.edge(k),
          graph.edgeCount());
    }
    EdgePoints demandOnEdge = EdgePoints.of(graph.edgeCount(), demandLinks);
    PointLinks fl = facilities.links;
    int[] fc = facilities.category;
    int[] starts = facilities.locationStart;
    double[] weightedDemand = new double[facilities.size()];
    for (int g = 0, nLocations = facilities.nLocations(); g < nLocations; g++) {
      int first = firstOf(category, starts[g], starts[g + 1], fc);
      if (first < 0) {
        continue;
      }
      int last = starts[g + 1];
      double limit = catchmentMeters - fl.offStreet(first);
      if (limit < 0) {
        continue;
      }
      int nEdges = reach.search(fl.edge(first), fl.alongFrom(first), fl.alongTo(first), limit);
      for (int k = 0; k < nEdges; k++) {
        int e = reach.edge(k);
        for (int p = demandOnEdge.start(e), end = demandOnEdge.end(e); p < end; p++) {
          int d = demandOnEdge.point(p);
          double base = reach.to(demandLinks, d);
          if (base > limit) {
            continue;
          }
          for (int f = first; f < last; f++) {
            double walk = fl.offStreet(f) + base;
            if (walk > catchmentMeters) {
              break;
            }
            if (fc[f] == category) {
              weightedDemand[f] += Decay.gaussian(walk * walk, catchmentSquared) * population[d];
            }
          }
        }
      }
    }
    double[] ratio = new double[facilities.size()];
    int withoutDemand = 0;
    for (int f = 0; f < ratio.length; f++) {
      if (fc[f] != category) {
        continue;
      }
      if (weightedDemand[f] > 0) {
        ratio[f] = facilities.capacity[f] / weightedDemand[f];
      } else {
        withoutDemand++;
      }
    }
    return new Ratios(category, catchmentMeters, ratio, withoutDemand);
  }

  /**
   * Step 2: A_i = Σ_j W(D_ij) R_j, written to {@code out[i]} for every linked origin (unlinked ones
   * are left as they are). Origins need not be the demand points of step 1.
   */
  void access(
      Ratios ratios, double[] originX, double[] originY, PointLinks originLinks, double[] out) {
    notNull(ratios, "ratios");
    check(
        ratios.catchmentMeters() == catchmentMeters
            && ratios.byFacility().length == facilities.size(),
        "Cannot use ratios of a %s m catchment over %s facilities here (%s m, %s facilities)",
        ratios.catchmentMeters(),
        ratios.byFacility().length,
        catchmentMeters,
        facilities.size());
    notNull(originX, "origin x coordinates");
    notNull(originY, "origin y coordinates");
    notNull(originLinks, "origin links");
    notNull(out, "access output");
    int n = originX.length;
    check(
        originY.length == n && originLinks.size() == n && out.length == n,
        "Cannot compute E2SFCA access: %s x values, %s y values, %s links, %s outputs",
        n,
        originY.length,
        originLinks.size(),
        out.length);
    double[] box = LinkedBox.of(originX, originY, originLinks, graph.edgeCount());
    if (box == null) {
      return;
    }
    for (int o = 0; o < n; o++) {
      if (originLinks.linked(o)) {
        out[o] = 0;
      }
    }
    EdgePoints originsOnEdge = EdgePoints.of(graph.edgeCount(), originLinks);
    int category = ratios.category();
    double[] ratio = ratios.byFacility();
    PointLinks fl = facilities.links;
    int[] fc = facilities.category;
    double[] fx = facilities.x;
    double[] fy = facilities.y;
    int[] starts = facilities.locationStart;
    for (int g = 0, nLocations = facilities.nLocations(); g < nLocations; g++) {
      int last = starts[g + 1];
      int first = -1;
      for (int f = starts[g]; f < last && first < 0; f++) {
        if (fc[f] == category
            && ratio[f] > 0
            && LinkedBox.distance(box, fx[f], fy[f]) <= catchmentMeters) {
          first = f;
        }
      }
      if (first < 0) {
        continue;
      }
      double limit = catchmentMeters - fl.offStreet(first);
      if (limit < 0) {
        continue;
      }
      int nEdges = reach.search(fl.edge(first), fl.alongFrom(first), fl.alongTo(first), limit);
      for (int k = 0; k < nEdges; k++) {
        int e = reach.edge(k);
        for (int p = originsOnEdge.start(e), end = originsOnEdge.end(e); p < end; p++) {
          int o = originsOnEdge.point(p);
          double base = reach.to(originLinks, o);
          if (base > limit) {
            continue;
          }
          double sum = 0;
          for (int f = first; f < last; f++) {
            double walk = fl.offStreet(f) + base;
            if (walk > catchmentMeters) {
              break;
            }
            if (fc[f] == category && ratio[f] > 0) {
              sum += Decay.gaussian(walk * walk, catchmentSquared) * ratio[f];
            }
          }
          out[o] += sum;
        }
      }
    }
  }

  /**
   * R_j per facility in the input order of {@link NetworkFacilities#prepare}; NaN for other
   * categories and unlinked ones.
   */
  double[] byInputFacility(Ratios ratios) {
    double[] byInput = new double[facilities.nInput];
    Arrays.fill(byInput, Double.NaN);
    for (int f = 0; f < facilities.size(); f++) {
      if (facilities.category[f] == ratios.category()) {
        byInput[facilities.inputIndex[f]] = ratios.byFacility()[f];
      }
    }
    return byInput;
  }

  /**
   * First facility of {@code category} in {@code from..to-1} (sorted by off-street metres), or −1.
   */
  private static int firstOf(int category, int from, int to, int[] fc) {
    for (int f = from; f < to; f++) {
      if (fc[f] == category) {
        return f;
      }
    }
    return -1;
  }
}
