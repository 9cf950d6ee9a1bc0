package org.livingcircle.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.livingcircle.config.Tier;
import org.livingcircle.config.WalkModel;
import org.livingcircle.streets.EdgeLinker;
import org.livingcircle.streets.FootGraph;
import org.livingcircle.streets.PointLinks;
import org.livingcircle.streets.SyntheticGraphs;

class NetworkAccessKernelTest {
  /** 80 m/min: 5, 10, 15 min = 400, 800, 1200 walking metres; search limit 20 min = 1600 m. */
  private static final WalkModel WALK = new WalkModel(80, 1.3);

  private static final int[] THRESHOLDS_MIN = {5, 10, 15};
  private static final double LIMIT_MIN = 20;
  private static final double LIMIT_METERS = 1600;
  private static final double[] THRESHOLD_METERS = {400, 800, 1200};
  private static final Tier[] TIERS = {Tier.BASIC, Tier.BASIC, Tier.QUALITY, Tier.PUBLIC};
  private static final double CATCHMENT_MIN = 10;
  private static final double CATCHMENT_METERS = 800;

  /**
   * Metres within which an oracle distance is too close to a threshold to say on which side
   * rounding puts it.
   */
  private static final double ROUNDING_METERS = 1e-6;

  private static AccessParams params() {
    return new AccessParams(WALK, THRESHOLDS_MIN, LIMIT_MIN, TIERS, 10, 15);
  }

  @Test
  void handDrawnNetwork() {
    // SYNTHETIC. Component A: a street along y = 0 with vertices every 400 m from x = 0 to 1600.
    // Component B: a parallel street at y = 100 from x = 0 to 400, not connected to A.
    // Component C: one 3000 m street at y = 5000, its ends far from the points on it.
    double[] x = {0, 400, 800, 1200, 1600, 0, 400, 0, 3000};
    double[] y = {0, 0, 0, 0, 0, 100, 100, 5000, 5000};
    FootGraph g =
        SyntheticGraphs.straight(x, y, new int[] {0, 1, 2, 3, 5, 7}, new int[] {1, 2, 3, 4, 6, 8});
    double[] fx = {400, 1200, 800, 1600, 1600, 200, 1600, 1400};
    double[] fy = {0, 0, 3, 1, 0, 99, 4990, 5000};
    int[] fc = {0, 0, 0, 1, 2, 3, 1, 2};
    double[] ox = {0, 1400, -5000};
    double[] oy = {0, 5010, 0};
    EdgeLinker linker = new EdgeLinker(g, 500);
    PointLinks facilityLinks = linker.link(fx, fy);
    PointLinks originLinks = linker.link(ox, oy);
    assertThat(originLinks.linked(2)).isFalse();
    AccessParams params = params();
    NetworkFacilities facilities =
        NetworkFacilities.prepare(g, facilityLinks, fc, new double[fc.length], fx, fy, params);
    AccessIndicators out = new AccessIndicators(params, 3);
    new NetworkAccessKernel(g, facilities, params).compute(ox, oy, originLinks, out);

    // origin 0 at the west end of A. Category 0: exactly 400 m (5 min), 803 m (3 m off street),
    // exactly 1200 m
    assertThat(out.nearestWalkMeters(0, 0)).isEqualTo(400f);
    assertThat(counts(out, 0, 0)).containsExactly(1, 1, 3);
    // category 1: 1601 m, 1 m beyond the search limit; category 2: exactly at the search limit
    assertThat(out.nearestWalkMeters(1, 0)).isEqualTo(AccessIndicators.NONE_WITHIN_LIMIT);
    assertThat(out.nearestWalkMeters(2, 0)).isEqualTo(1600f);
    assertThat(counts(out, 2, 0)).containsExactly(0, 0, 0);
    // category 3: 101 m straight line away on street B, which A never reaches
    assertThat(out.nearestWalkMeters(3, 0)).isEqualTo(AccessIndicators.NONE_WITHIN_LIMIT);
    assertThat(counts(out, 3, 0)).containsExactly(0, 0, 0);
    // proximity over the BASIC categories 0 and 1: (5 min + capped 20 min) / 2
    assertThat(out.proximityMin[0]).isEqualTo(12.5f);
    assertThat(out.nProximityCapped[0]).isEqualTo(1);
    assertThat(out.nBasicTypes[0]).isEqualTo(1);

    // origin 1 on C, 10 m off street at x = 1400: category 1 at x = 1600, 10 m off → 10 + 200 + 10
    // = 220 m along
    // their shared edge; category 2 at x = 1400 on the street → 10 m; both ends of C are beyond the
    // thresholds
    assertThat(out.nearestWalkMeters(1, 1)).isEqualTo(220f);
    assertThat(counts(out, 1, 1)).containsExactly(1, 1, 1);
    assertThat(out.nearestWalkMeters(2, 1)).isEqualTo(10f);
    assertThat(counts(out, 2, 1)).containsExactly(1, 1, 1);
    assertThat(out.nearestWalkMeters(0, 1)).isEqualTo(AccessIndicators.NONE_WITHIN_LIMIT);
    assertThat(out.nQualityTypes[1]).isEqualTo(1);

    // the unlinked origin is left to the caller
    assertThat(out.nearestWalkMeters(0, 2)).isZero();
    assertThat(out.proximityMin[2]).isZero();
    assertThat(facilities.nUnlinked).isZero();
  }

  @Test
  void randomNetworksMatchABruteForceOracle() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int trial = 0; trial < 120; trial++) {
      checkRandomCity(rnd, trial);
    }
  }

  private static void checkRandomCity(SplittableRandom rnd, int trial) {
    int nV = 3 + rnd.nextInt(22);
    FootGraph g = SyntheticGraphs.random(rnd, nV, nV + rnd.nextInt(nV + 1), 1500);
    int nF = rnd.nextInt(30);
    double[] fx = new double[nF];
    double[] fy = new double[nF];
    int[] fc = new int[nF];
    double[] capacity = new double[nF];
    for (int f = 0; f < nF; f++) {
      if (f > 0 && rnd.nextInt(8) == 0) {
        fx[f] = fx[f - 1];
        fy[f] = fy[f - 1];
      } else if (rnd.nextInt(6) == 0) {
        int v = rnd.nextInt(nV);
        fx[f] = g.x(v);
        fy[f] = g.y(v);
      } else {
        fx[f] = 500_000 - 200 + rnd.nextInt(1900);
        fy[f] = 4_000_000 - 200 + rnd.nextInt(1900);
      }
      fc[f] = rnd.nextInt(TIERS.length);
      capacity[f] = 1 + rnd.nextInt(8);
    }
    int nO = 1 + rnd.nextInt(30);
    double[] ox = new double[nO];
    double[] oy = new double[nO];
    double[] population = new double[nO];
    for (int o = 0; o < nO; o++) {
      ox[o] = 500_000 - 200 + rnd.nextInt(1900);
      oy[o] = 4_000_000 - 200 + rnd.nextInt(1900);
      population[o] = rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(100);
    }
    EdgeLinker linker = new EdgeLinker(g, 300);
    PointLinks facilityLinks = linker.link(fx, fy);
    PointLinks originLinks = linker.link(ox, oy);
    double[][] oracle = NetworkOracle.distances(g, facilityLinks, originLinks);
    AccessParams params = params();
    NetworkFacilities facilities =
        NetworkFacilities.prepare(g, facilityLinks, fc, capacity, fx, fy, params);
    assertThat(facilities.nUnlinked).isEqualTo(facilityLinks.unlinkedCount());
    NetworkAccessKernel kernel = new NetworkAccessKernel(g, facilities, params);

    // all origins at once, then a "partition" of the western origins only: same values for the same
    // origins
    AccessIndicators all = new AccessIndicators(params, nO);
    kernel.compute(ox, oy, originLinks, all);
    int[] west = select(ox, originLinks, 500_000 + rnd.nextInt(1500));
    AccessIndicators part = new AccessIndicators(params, west.length);
    kernel.compute(pick(ox, west), pick(oy, west), pick(originLinks, west), part);
    part.checkInvariants();
    for (int k = 0; k < west.length; k++) {
      int o = west[k];
      for (int c = 0; c < TIERS.length; c++) {
        String where = "trial " + trial + " origin " + o + " category " + c;
        double expected = Double.POSITIVE_INFINITY;
        for (int f = 0; f < nF; f++) {
          if (fc[f] == c) {
            expected = Math.min(expected, oracle[f][o]);
          }
        }
        float got = all.nearestWalkMeters(c, o);
        assertThat(part.nearestWalkMeters(c, k)).as(where).isEqualTo(got);
        if (expected <= LIMIT_METERS - 1e-3) {
          assertThat((double) got).as(where).isCloseTo(expected, within(1e-3));
        } else if (expected > LIMIT_METERS + 1e-3) {
          assertThat(got).as(where).isEqualTo(AccessIndicators.NONE_WITHIN_LIMIT);
        }
        for (int t = 0; t < THRESHOLDS_MIN.length; t++) {
          int surely = 0;
          int possibly = 0;
          for (int f = 0; f < nF; f++) {
            if (fc[f] == c) {
              surely += oracle[f][o] <= THRESHOLD_METERS[t] - ROUNDING_METERS ? 1 : 0;
              possibly += oracle[f][o] <= THRESHOLD_METERS[t] + ROUNDING_METERS ? 1 : 0;
            }
          }
          assertThat(all.nWithin(t, c, o))
              .as(where + " threshold " + t)
              .isBetween(surely, possibly);
          assertThat(part.nWithin(t, c, k)).as(where).isEqualTo(all.nWithin(t, c, o));
        }
      }
      assertThat(part.proximityMin[k]).isEqualTo(all.proximityMin[o]);
      assertThat(part.nBasicTypes[k]).isEqualTo(all.nBasicTypes[o]);
      assertThat(part.nQualityTypes[k]).isEqualTo(all.nQualityTypes[o]);
    }

    // E2SFCA of the PUBLIC category over every origin as demand, then access at the western
    // partition
    int category = 3;
    NetworkE2sfca e2sfca = new NetworkE2sfca(g, facilities, WALK, CATCHMENT_MIN);
    NetworkE2sfca.Ratios ratios = e2sfca.ratios(category, originLinks, population);
    double[] access = new double[west.length];
    e2sfca.access(ratios, pick(ox, west), pick(oy, west), pick(originLinks, west), access);
    double[][] expected =
        NetworkOracle.e2sfca(
            category,
            fc,
            capacity,
            facilityLinks,
            oracle,
            population,
            oracle,
            nO,
            CATCHMENT_METERS);
    double[] ratioByInput = e2sfca.byInputFacility(ratios);
    int withoutDemand = 0;
    for (int f = 0; f < nF; f++) {
      if (Double.isNaN(expected[0][f])) {
        assertThat(ratioByInput[f]).as("trial %s facility %s", trial, f).isNaN();
      } else {
        assertThat(ratioByInput[f])
            .as("trial %s facility %s", trial, f)
            .isCloseTo(expected[0][f], within(1e-9 * Math.max(1, expected[0][f])));
        withoutDemand += expected[0][f] == 0 ? 1 : 0;
      }
    }
    assertThat(ratios.nWithoutDemand()).isEqualTo(withoutDemand);
    for (int k = 0; k < west.length; k++) {
      double a = expected[1][west[k]];
      assertThat(access[k])
          .as("trial %s origin %s", trial, west[k])
          .isCloseTo(a, within(1e-9 * Math.max(1, a)));
    }
  }

  @Test
  void networkE2sfcaConservesSupply() {
    // SYNTHETIC: a connected 8 × 8 lattice of 100 m blocks, a demand point every 25 m, facilities
    // inside
    int side = 8;
    double[] x = new double[side * side];
    double[] y = new double[side * side];
    int[] from = new int[2 * side * (side - 1)];
    int[] to = new int[from.length];
    int e = 0;
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        x[r * side + c] = 600_000 + 100 * c;
        y[r * side + c] = 3_900_000 + 100 * r;
        if (c + 1 < side) {
          from[e] = r * side + c;
          to[e++] = r * side + c + 1;
        }
        if (r + 1 < side) {
          from[e] = r * side + c;
          to[e++] = (r + 1) * side + c;
        }
      }
    }
    FootGraph g = SyntheticGraphs.straight(x, y, from, to);
    int nD = 29 * 29;
    double[] dx = new double[nD];
    double[] dy = new double[nD];
    double[] population = new double[nD];
    SplittableRandom rnd = new SplittableRandom(3);
    for (int k = 0; k < nD; k++) {
      dx[k] = 600_000 + 25 * (k % 29) + 3;
      dy[k] = 3_900_000 + 25 * (k / 29) + 7;
      population[k] = 1 + rnd.nextInt(50);
    }
    int nF = 15;
    double[] fx = new double[nF];
    double[] fy = new double[nF];
    double[] capacity = new double[nF];
    int[] fc = new int[nF];
    double supply = 0;
    for (int f = 0; f < nF; f++) {
      fx[f] = 600_000 + rnd.nextInt(700);
      fy[f] = 3_900_000 + rnd.nextInt(700);
      fc[f] = f % 5 == 0 ? 0 : 3;
      capacity[f] = 10 + rnd.nextInt(90);
      supply += fc[f] == 3 ? capacity[f] : 0;
    }
    EdgeLinker linker = new EdgeLinker(g, 500);
    PointLinks demandLinks = linker.link(dx, dy);
    NetworkFacilities facilities =
        NetworkFacilities.prepare(g, linker.link(fx, fy), fc, capacity, fx, fy, params());
    NetworkE2sfca e2sfca = new NetworkE2sfca(g, facilities, WALK, CATCHMENT_MIN);
    NetworkE2sfca.Ratios ratios = e2sfca.ratios(3, demandLinks, population);
    assertThat(ratios.nWithoutDemand()).isZero();
    double[] access = new double[nD];
    e2sfca.access(ratios, dx, dy, demandLinks, access);
    double served = 0;
    for (int k = 0; k < nD; k++) {
      served += access[k] * population[k];
    }
    assertThat(served).isCloseTo(supply, within(1e-9 * supply));
  }

  @Test
  void noFacilitiesMeansNothingWithinTheLimit() {
    FootGraph g =
        SyntheticGraphs.straight(
            new double[] {0, 100}, new double[] {0, 0}, new int[] {0}, new int[] {1});
    AccessParams params = params();
    NetworkFacilities facilities =
        NetworkFacilities.prepare(
            g,
            new EdgeLinker(g, 500).link(new double[0], new double[0]),
            new int[0],
            new double[0],
            new double[0],
            new double[0],
            params);
    double[] ox = {10, 90};
    double[] oy = {5, -5};
    AccessIndicators out = new AccessIndicators(params, 2);
    new NetworkAccessKernel(g, facilities, params)
        .compute(ox, oy, new EdgeLinker(g, 500).link(ox, oy), out);
    out.checkInvariants();
    for (int c = 0; c < TIERS.length; c++) {
      assertThat(out.nearestWalkMeters(c, 1)).isEqualTo(AccessIndicators.NONE_WITHIN_LIMIT);
    }
    assertThat(out.proximityMin[0]).isEqualTo((float) LIMIT_MIN);
    assertThat(out.nProximityCapped[0]).isEqualTo(2);
  }

  @Test
  void rejectsFacilitiesOfAnotherGraphOrLimit() {
    FootGraph g =
        SyntheticGraphs.straight(
            new double[] {0, 100}, new double[] {0, 0}, new int[] {0}, new int[] {1});
    FootGraph other =
        SyntheticGraphs.straight(
            new double[] {0, 100, 200}, new double[] {0, 0, 0}, new int[] {0, 1}, new int[] {1, 2});
    PointLinks links = new EdgeLinker(g, 500).link(new double[] {50}, new double[] {0});
    NetworkFacilities facilities =
        NetworkFacilities.prepare(
            g,
            links,
            new int[] {0},
            new double[] {1},
            new double[] {50},
            new double[] {0},
            params());
    assertThatThrownBy(() -> new NetworkAccessKernel(other, facilities, params()))
        .hasMessageContaining("linked to another graph");
    AccessParams longer = new AccessParams(WALK, THRESHOLDS_MIN, 30, TIERS, 10, 15);
    assertThatThrownBy(() -> new NetworkAccessKernel(g, facilities, longer))
        .hasMessageContaining("search limit");
    assertThatThrownBy(
            () ->
                NetworkFacilities.prepare(
                    g,
                    links,
                    new int[] {4},
                    new double[] {1},
                    new double[] {50},
                    new double[] {0},
                    params()))
        .hasMessageContaining("category 4 is outside [0, 4)");
  }

  private static int[] counts(AccessIndicators out, int category, int origin) {
    int[] n = new int[THRESHOLDS_MIN.length];
    for (int t = 0; t < n.length; t++) {
      n[t] = out.nWithin(t, category, origin);
    }
    return n;
  }

  /** Linked origins west of {@code xMax}. */
  private static int[] select(double[] x, PointLinks links, double xMax) {
    return java.util.stream.IntStream.range(0, x.length)
        .filter(i -> links.linked(i) && x[i] <= xMax)
        .toArray();
  }

  private static double[] pick(double[] values, int[] index) {
    return Arrays.stream(index).mapToDouble(i -> values[i]).toArray();
  }

  private static PointLinks pick(PointLinks links, int[] index) {
    return new PointLinks(
        Arrays.stream(index).map(links::edge).toArray(),
        Arrays.stream(index).mapToDouble(links::alongFrom).toArray(),
        Arrays.stream(index).mapToDouble(links::alongTo).toArray(),
        Arrays.stream(index).mapToDouble(links::offStreet).toArray());
  }
}
