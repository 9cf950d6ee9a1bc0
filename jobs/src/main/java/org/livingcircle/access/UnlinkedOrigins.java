package org.livingcircle.access;

import static org.livingcircle.common.Checks.check;

import org.livingcircle.config.CityConfig;
import org.livingcircle.config.Tier;
import org.livingcircle.streets.PointLinks;

/**
 * The values of origins with no walkable street within the link radius, in the network walking
 * model (contracts §5 {@code walking.unlinked}): {@code straight_line} copies the straight-line
 * kernel's values, {@code none} writes "nothing reachable" (no nearest facility, zero counts,
 * proximity at the search limit with every basic category capped, as for an origin with nothing in
 * reach).
 */
final class UnlinkedOrigins {
  private UnlinkedOrigins() {}

  /**
   * Overwrites every unlinked origin of {@code network}.
   *
   * @param network network indicators, filled for the linked origins
   * @param straight straight-line indicators of the same origins and parameters
   */
  static void fill(
      AccessIndicators network,
      AccessIndicators straight,
      PointLinks links,
      CityConfig.Unlinked mode) {
    check(
        network.params == straight.params
            && network.nOrigins == straight.nOrigins
            && links.size() == network.nOrigins,
        "Cannot fill unlinked origins: %s network, %s straight-line and %s linked origins differ",
        network.nOrigins,
        straight.nOrigins,
        links.size());
    for (int o = 0; o < network.nOrigins; o++) {
      if (!links.linked(o)) {
        if (mode == CityConfig.Unlinked.STRAIGHT_LINE) {
          copy(straight, network, o);
        } else {
          nothingReachable(network, o);
        }
      }
    }
  }

  /**
   * Adds {@code values} into {@code column} for the linked origins ({@code linked}) or for the
   * unlinked ones.
   */
  static void add(double[] column, double[] values, PointLinks links, boolean linked) {
    for (int o = 0; o < column.length; o++) {
      if (links.linked(o) == linked) {
        column[o] += values[o];
      }
    }
  }

  private static void copy(AccessIndicators from, AccessIndicators to, int o) {
    for (int c = 0; c < from.nCategories(); c++) {
      int cell = c * from.nOrigins + o;
      to.nearestWalkMeters[cell] = from.nearestWalkMeters[cell];
      for (int t = 0; t < from.nWithin.length; t++) {
        to.nWithin[t][cell] = from.nWithin[t][cell];
      }
    }
    to.nBasicTypes[o] = from.nBasicTypes[o];
    to.nQualityTypes[o] = from.nQualityTypes[o];
    to.proximityMin[o] = from.proximityMin[o];
    to.nProximityCapped[o] = from.nProximityCapped[o];
  }

  private static void nothingReachable(AccessIndicators out, int o) {
    int basic = 0;
    for (int c = 0; c < out.nCategories(); c++) {
      int cell = c * out.nOrigins + o;
      out.nearestWalkMeters[cell] = AccessIndicators.NONE_WITHIN_LIMIT;
      for (int t = 0; t < out.nWithin.length; t++) {
        out.nWithin[t][cell] = 0;
      }
      basic += out.params.tier(c) == Tier.BASIC ? 1 : 0;
    }
    out.nBasicTypes[o] = 0;
    out.nQualityTypes[o] = 0;
    out.proximityMin[o] = (float) out.params.searchLimitMin();
    out.nProximityCapped[o] = basic;
  }
}
