package org.livingcircle.access;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import org.livingcircle.config.Tier;
import org.livingcircle.streets.EdgePoints;
import org.livingcircle.streets.FootGraph;
import org.livingcircle.streets.NetworkDistance;
import org.livingcircle.streets.PointLinks;

/**
 * The indicators of {@link AccessKernel} with walking distances along the street network (contract
 * §3) instead of straight line × detour: D(f, c) = facility off-street + shortest walk between the
 * two split points + origin off-street, in metres; walking time D / speed. Counts are inclusive (D
 * ≤ T × speed).
 *
 * <ul>
 *   <li><b>Nearest</b> per category: from the per-category vertex distances of {@link
 *       NetworkFacilities}, min over the origin's two edge ends plus along and off-street metres,
 *       and over facilities on the origin's own edge; +∞ ({@link
 *       AccessIndicators#NONE_WITHIN_LIMIT}) beyond the search limit.
 *   <li><b>Counts</b> within every threshold: one search bounded by the largest threshold from each
 *       facility location whose straight-line distance to the origins' bounding box is within that
 *       threshold (a walk is never shorter than the straight line), scanning the origins on the
 *       edges it reaches; each facility adds 1 to every threshold its D fits.
 * </ul>
 *
 * <p>Only linked origins are written (every indicator of them); unlinked ones are left to the
 * caller. Not thread-safe: owns search scratch sized to the graph. Use one per thread; graph and
 * facilities are shared.
 */
final class NetworkAccessKernel {
  private final FootGraph graph;
  private final NetworkFacilities facilities;
  private final AccessParams params;
  private final NetworkReach reach;
  private final int nCategories;
  private final int nThresholds;

  /** Walking metres of each threshold, ascending. */
  private final double[] thresholdMeters;

  private final double limitMeters;
  private final double speed;
  private final double searchLimitMin;
  private final int basicThresholdIndex;
  private final int qualityThresholdIndex;
  private final Tier[] tiers;
  private final int nBasicCategories;

  /** Scratch: nearest walking metres per category for the current origin. */
  private final double[] nearest;

  NetworkAccessKernel(FootGraph graph, NetworkFacilities facilities, AccessParams params) {
    this.graph = notNull(graph, "foot graph");
    this.facilities = notNull(facilities, "network facilities");
    this.params = notNull(params, "access parameters");
    check(
        facilities.fits(graph),
        "Cannot compute network access: facilities were linked to another graph (%s vertices, %s edges)",
        facilities.vertexCount,
        facilities.edgeCount);
    check(
        facilities.nCategories == params.nCategories(),
        "Cannot compute network access: the facilities have %s categories but the parameters have %s",
        facilities.nCategories,
        params.nCategories());
    this.nCategories = params.nCategories();
    this.nThresholds = params.nThresholds();
    this.thresholdMeters = new double[nThresholds];
    for (int t = 0; t < nThresholds; t++) {
      thresholdMeters[t] = params.walk().walkMetersIn(params.threshold(t));
    }
    this.limitMeters = params.walk().walkMetersIn(params.searchLimitMin());
    check(
        limitMeters == facilities.searchLimitMeters,
        "Cannot compute network access: facilities were prepared for a %s m search limit, not %s m",
        facilities.searchLimitMeters,
        limitMeters);
    this.speed = params.walk().speedMetersPerMinute();
    this.searchLimitMin = params.searchLimitMin();
    this.basicThresholdIndex = params.thresholdIndex(params.basicThresholdMin());
    this.qualityThresholdIndex = params.thresholdIndex(params.qualityThresholdMin());
    this.tiers = params.tiers();
    int basic = 0;
    for (Tier tier : tiers) {
      basic += tier == Tier.BASIC ? 1 : 0;
    }
    this.nBasicCategories = basic;
    this.reach = new NetworkReach(graph);
    this.nearest = new double[nCategories];
  }

  /**
   * Fills {@code out} for every linked origin.
   *
   * @param originX origin x in metres of the graph's CRS, finite for linked origins
   * @param originY origin y in metres
   * @param originLinks each origin's link to the same graph
   * @param out indicators sized for these origins with the same parameters
   */
  void compute(double[] originX, double[] originY, PointLinks originLinks, AccessIndicators out) {
    notNull(originX, "origin x coordinates");
    notNull(originY, "origin y coordinates");
    notNull(originLinks, "origin links");
    notNull(out, "indicators");
    int nOrigins = originX.length;
    check(
        originY.length == nOrigins && originLinks.size() == nOrigins,
        "Cannot compute network access: %s x values, %s y values and %s links",
        nOrigins,
        originY.length,
        originLinks.size());
    check(
        out.nOrigins == nOrigins && out.params == params,
        "Cannot compute network access: indicators for %s origins do not match %s origins with these parameters",
        out.nOrigins,
        nOrigins);
    double[] box = LinkedBox.of(originX, originY, originLinks, graph.edgeCount());
    if (box == null) {
      return;
    }
    nearest(originLinks, out);
    counts(originLinks, box, out);
    for (int o = 0; o < nOrigins; o++) {
      if (originLinks.linked(o)) {
        summarise(o, out);
      }
    }
  }

  private void nearest(PointLinks origins, AccessIndicators out) {
    int nOrigins = out.nOrigins;
    float[][] vertexMeters = facilities.vertexMeters;
    EdgePoints onEdge = facilities.onEdge;
    PointLinks facilityLinks = facilities.links;
    int[] facilityCategory = facilities.category;
    for (int o = 0; o < nOrigins; o++) {
      int e = origins.edge(o);
      if (e == PointLinks.UNLINKED) {
        continue;
      }
      int from = graph.edgeFrom(e);
      int to = graph.edgeTo(e);
      for (int c = 0; c < nCategories; c++) {
        float[] meters = vertexMeters[c];
        nearest[c] =
            meters == null
                ? Double.POSITIVE_INFINITY
                : NetworkDistance.viaEnds(origins, o, meters[from], meters[to]);
      }
      for (int k = onEdge.start(e), end = onEdge.end(e); k < end; k++) {
        int f = onEdge.point(k);
        int c = facilityCategory[f];
        double d = NetworkDistance.sameEdge(facilityLinks, f, origins, o);
        if (d < nearest[c]) {
          nearest[c] = d;
        }
      }
      for (int c = 0; c < nCategories; c++) {
        int cell = c * nOrigins + o;
        out.nearestWalkMeters[cell] =
            nearest[c] <= limitMeters ? (float) nearest[c] : AccessIndicators.NONE_WITHIN_LIMIT;
        for (int t = 0; t < nThresholds; t++) {
          out.nWithin[t][cell] = 0;
        }
      }
    }
  }

  private void counts(PointLinks origins, double[] box, AccessIndicators out) {
    int nOrigins = out.nOrigins;
    EdgePoints originsOnEdge = EdgePoints.of(graph.edgeCount(), origins);
    double largest = thresholdMeters[nThresholds - 1];
    int lastThreshold = nThresholds - 1;
    PointLinks facilityLinks = facilities.links;
    double[] fx = facilities.x;
    double[] fy = facilities.y;
    int[] fc = facilities.category;
    int[][] nWithin = out.nWithin;
    int[] starts = facilities.locationStart;
    for (int g = 0, nLocations = facilities.nLocations(); g < nLocations; g++) {
      int first = starts[g];
      int last = starts[g + 1];
      boolean near = false;
      for (int f = first; f < last && !near; f++) {
        near = LinkedBox.distance(box, fx[f], fy[f]) <= largest;
      }
      double limit = largest - facilityLinks.offStreet(first);
      if (!near || limit < 0) {
        continue;
      }
      int nEdges =
          reach.search(
              facilityLinks.edge(first),
              facilityLinks.alongFrom(first),
              facilityLinks.alongTo(first),
              limit);
      for (int k = 0; k < nEdges; k++) {
        int e = reach.edge(k);
        for (int p = originsOnEdge.start(e), end = originsOnEdge.end(e); p < end; p++) {
          int o = originsOnEdge.point(p);
          double base = reach.to(origins, o);
          if (base > limit) {
            continue;
          }
          for (int f = first; f < last; f++) {
            double d = facilityLinks.offStreet(f) + base;
            if (d > largest) {
              break;
            }
            int cell = fc[f] * nOrigins + o;
            for (int t = lastThreshold; t >= 0 && d <= thresholdMeters[t]; t--) {
              nWithin[t][cell]++;
            }
          }
        }
      }
    }
  }

  private void summarise(int o, AccessIndicators out) {
    int nOrigins = out.nOrigins;
    int basic = 0;
    int quality = 0;
    int capped = 0;
    double sumMin = 0.0;
    for (int c = 0; c < nCategories; c++) {
      int cell = c * nOrigins + o;
      float walkMeters = out.nearestWalkMeters[cell];
      Tier tier = tiers[c];
      if (tier == Tier.BASIC) {
        basic += out.nWithin[basicThresholdIndex][cell] > 0 ? 1 : 0;
        if (walkMeters == AccessIndicators.NONE_WITHIN_LIMIT) {
          capped++;
          sumMin += searchLimitMin;
        } else {
          sumMin += Math.min(walkMeters / speed, searchLimitMin);
        }
      } else if (tier == Tier.QUALITY) {
        quality += out.nWithin[qualityThresholdIndex][cell] > 0 ? 1 : 0;
      }
    }
    out.nBasicTypes[o] = basic;
    out.nQualityTypes[o] = quality;
    out.nProximityCapped[o] = capped;
    out.proximityMin[o] = (float) (sumMin / nBasicCategories);
  }
}
