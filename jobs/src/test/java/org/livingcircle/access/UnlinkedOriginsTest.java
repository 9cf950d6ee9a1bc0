package org.livingcircle.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.livingcircle.config.CityConfig;
import org.livingcircle.config.Tier;
import org.livingcircle.config.WalkModel;
import org.livingcircle.streets.PointLinks;

class UnlinkedOriginsTest {
  private static final WalkModel WALK = new WalkModel(80, 1.25);
  private static final Tier[] TIERS = {Tier.BASIC, Tier.BASIC, Tier.QUALITY};
  private static final AccessParams PARAMS =
      new AccessParams(WALK, new int[] {5, 10, 15}, 20, TIERS, 10, 15);

  /** Origin 0 linked, origin 1 not; the straight-line values come from the straight-line kernel. */
  private static final PointLinks LINKS =
      new PointLinks(
          new int[] {3, PointLinks.UNLINKED},
          new double[] {1, 0},
          new double[] {2, 0},
          new double[] {5, 0});

  private static AccessIndicators straight() {
    // a facility of category 0 at 320 m straight line (400 m walking, 5 min) from both origins
    FacilityIndex index =
        new FacilityIndex(
            new double[] {320, 320},
            new double[] {0, 2000},
            new int[] {0, 0},
            new double[] {0, 0},
            TIERS.length,
            640);
    AccessIndicators out =
        new AccessKernel(index, PARAMS).compute(new double[] {0, 0}, new double[] {0, 2000});
    out.checkInvariants();
    return out;
  }

  /**
   * Network values planted for origin 0 and nonsense for origin 1, which the fill must overwrite.
   */
  private static AccessIndicators network() {
    AccessIndicators out = new AccessIndicators(PARAMS, 2);
    java.util.Arrays.fill(out.nearestWalkMeters, AccessIndicators.NONE_WITHIN_LIMIT);
    out.nearestWalkMeters[0] = 700; // category 0, origin 0: 8.75 min
    out.nWithin[1][0] = 1;
    out.nWithin[2][0] = 1;
    out.nBasicTypes[0] = 1;
    out.nProximityCapped[0] = 1;
    out.proximityMin[0] = (float) ((700 / 80.0 + 20) / 2);
    out.nearestWalkMeters[1] = -5;
    out.nWithin[0][1] = 9;
    return out;
  }

  @Test
  void theStraightLineFallbackCopiesTheStraightLineValuesOfUnlinkedOriginsOnly() {
    AccessIndicators straight = straight();
    AccessIndicators out = network();

    UnlinkedOrigins.fill(out, straight, LINKS, CityConfig.Unlinked.STRAIGHT_LINE);

    out.checkInvariants();
    assertThat(out.nearestWalkMeters(0, 0)).isEqualTo(700f);
    assertThat(out.nearestWalkMeters(0, 1)).isEqualTo(400f);
    assertThat(out.nWithin(0, 0, 1)).isEqualTo(1);
    assertThat(out.nBasicTypes[1]).isEqualTo(straight.nBasicTypes[1]).isEqualTo(1);
    assertThat(out.proximityMin[1]).isEqualTo(straight.proximityMin[1]);
  }

  @Test
  void noneLeavesUnlinkedOriginsWithNothingReachable() {
    AccessIndicators out = network();

    UnlinkedOrigins.fill(out, straight(), LINKS, CityConfig.Unlinked.NONE);

    out.checkInvariants();
    assertThat(out.nearestWalkMeters(0, 0)).isEqualTo(700f);
    for (int c = 0; c < TIERS.length; c++) {
      assertThat(out.nearestWalkMeters(c, 1)).isEqualTo(AccessIndicators.NONE_WITHIN_LIMIT);
      assertThat(out.nWithin(2, c, 1)).isZero();
    }
    assertThat(out.nBasicTypes[1]).isZero();
    assertThat(out.nProximityCapped[1]).isEqualTo(2);
    assertThat(out.proximityMin[1]).isEqualTo(20f);
  }

  @Test
  void columnsAddForTheLinkedOrTheUnlinkedOrigins() {
    double[] column = {1, 1};

    UnlinkedOrigins.add(column, new double[] {10, 20}, LINKS, true);
    UnlinkedOrigins.add(column, new double[] {100, 200}, LINKS, false);

    assertThat(column).containsExactly(11, 201);
  }
}
