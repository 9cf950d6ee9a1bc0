package org.livingcircle.siting;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;
import static org.livingcircle.common.Checks.positive;

import java.util.Arrays;
import org.livingcircle.geo.Decay;

/**
 * Where to add capacity (nursery places, kindergarten places, elderly beds) by E2SFCA gain: new
 * facilities of {@code modulePlaces} each are placed one at a time at the candidate that raises the
 * people-weighted access most, counting access only up to the target level {@code a*} (places per
 * person of the served age group):
 *
 * <pre>
 *   objective F = Σ_i P_i · min(A_i, a*)
 * </pre>
 *
 * A new facility j of capacity S changes no other facility's ratio (E2SFCA step 1 depends on demand
 * only), so it adds exactly {@code W(d_ij) · S / Σ_k W(d_kj) P_k} to A_i, with the access stage's
 * Gaussian weight {@link Decay#gaussian} (the access stage's E2SFCA weight) over the same
 * catchment: straight line, or in network walking mode the network distance D/d0 ({@link
 * NetworkCoverageSets}). F has diminishing returns (a concave function of a sum), so lazy
 * evaluation (CELF) is exact. A candidate may be chosen again (a larger facility). A candidate
 * whose catchment holds no demand has no gain and is never chosen. Not thread-safe.
 */
final class CapacitySiting {
  /** Why placement stopped. */
  enum Outcome {
    /** every module asked for was placed */
    PLACED,
    /** no candidate raises the capped access any more; the remaining modules were not placed */
    NO_GAIN
  }

  /**
   * @param candidate candidate of each placed module, in order
   * @param places places of each module
   * @param gain F gain of each module (person-places within the target level)
   * @param levelShare F / (a* Σ P) after each module, in [0, 1]
   * @param initialLevelShare the same before any module; NaN without demand
   */
  record Plan(
      int[] candidate,
      double[] places,
      double[] gain,
      double[] levelShare,
      double initialLevelShare,
      Outcome outcome) {
    int nSites() {
      return candidate.length;
    }
  }

  private final CoverageSets catchment;
  private final double[] people;
  private final double[] access;

  /** W(d_ij) per pair of {@code catchment}. */
  private final double[] pairWeight;

  /** Σ_k W(d_kj) P_k per candidate. */
  private final double[] weightedDemand;

  /**
   * @param candidateX candidate x in metres
   * @param candidateY candidate y in metres
   * @param demandX demand point x in metres
   * @param demandY demand point y in metres
   * @param people people of the served group per demand point, finite and ≥ 0
   * @param access today's E2SFCA access per demand point (places per person), finite and ≥ 0
   * @param catchmentMeters straight-line catchment radius in metres ({@code
   *     WalkModel.euclideanMetersFor(catchment_min)})
   */
  CapacitySiting(
      double[] candidateX,
      double[] candidateY,
      double[] demandX,
      double[] demandY,
      double[] people,
      double[] access,
      double catchmentMeters) {
    this(
        CoverageSets.within(candidateX, candidateY, demandX, demandY, catchmentMeters),
        people,
        access);
    double c2 = catchmentMeters * catchmentMeters;
    for (int k = 0; k < catchment.nCandidates; k++) {
      double sum = 0;
      for (int p = catchment.start[k], end = catchment.start[k + 1]; p < end; p++) {
        int i = catchment.demand[p];
        double dx = demandX[i] - candidateX[k];
        double dy = demandY[i] - candidateY[k];
        double w = Decay.gaussian(dx * dx + dy * dy, c2);
        pairWeight[p] = w;
        sum += w * people[i];
      }
      weightedDemand[k] = sum;
    }
  }

  /**
   * Network walking mode: the catchment is the demand within {@code catchment.sets.radiusMeters}
   * walking metres on the street network (d0 = catchment_min × speed), each pair weighted by the
   * Gaussian on D/d0 with D the network distance of the pair; unlinked candidates and demand points
   * take no part.
   *
   * @param people people of the served group per demand point, finite and ≥ 0
   * @param access today's E2SFCA access per demand point (places per person), finite and ≥ 0
   */
  CapacitySiting(NetworkCoverageSets catchment, double[] people, double[] access) {
    this(notNull(catchment, "network catchment").sets, people, access);
    double c2 = catchment.sets.radiusMeters * catchment.sets.radiusMeters;
    for (int k = 0; k < this.catchment.nCandidates; k++) {
      double sum = 0;
      for (int p = this.catchment.start[k], end = this.catchment.start[k + 1]; p < end; p++) {
        double d = catchment.pairMeters[p];
        double w = Decay.gaussian(d * d, c2);
        pairWeight[p] = w;
        sum += w * people[this.catchment.demand[p]];
      }
      weightedDemand[k] = sum;
    }
  }

  private CapacitySiting(CoverageSets catchment, double[] people, double[] access) {
    this.catchment = catchment;
    int n = catchment.nDemand;
    this.people = notNull(people, "people").clone();
    this.access = notNull(access, "access").clone();
    check(
        people.length == n && access.length == n,
        "Cannot site capacity: %s demand points but %s people and %s access values",
        n,
        people.length,
        access.length);
    for (int i = 0; i < n; i++) {
      check(
          Double.isFinite(people[i]) && people[i] >= 0,
          "Cannot site capacity: people %s at demand point %s",
          people[i],
          i);
      check(
          Double.isFinite(access[i]) && access[i] >= 0,
          "Cannot site capacity: access %s at demand point %s",
          access[i],
          i);
    }
    this.pairWeight = new double[catchment.nPairs()];
    this.weightedDemand = new double[catchment.nCandidates];
  }

  /**
   * Places up to {@code nModules} facilities of {@code modulePlaces} each.
   *
   * @param targetAccess the target level a* in places per person, positive
   */
  Plan solve(double targetAccess, double modulePlaces, int nModules) {
    positive(targetAccess, "target access in places per person");
    positive(modulePlaces, "module places");
    check(nModules >= 0, "Cannot site capacity: %s modules", nModules);
    double[] a = access.clone();
    double totalPeople = 0;
    double f = 0;
    for (int i = 0; i < a.length; i++) {
      totalPeople += people[i];
      f += people[i] * Math.min(a[i], targetAccess);
    }
    double full = targetAccess * totalPeople;
    double initial = full > 0 ? f / full : Double.NaN;
    int[] chosen = new int[nModules];
    double[] gains = new double[nModules];
    double[] shares = new double[nModules];
    LazyQueue queue = new LazyQueue(catchment.nCandidates);
    int round = 0;
    for (int k = 0; k < catchment.nCandidates; k++) {
      double g = gain(k, a, targetAccess, modulePlaces);
      if (g > 0) {
        queue.push(k, g, round);
      }
    }
    Outcome outcome = Outcome.PLACED;
    while (round < nModules) {
      if (queue.size() == 0) {
        outcome = Outcome.NO_GAIN;
        break;
      }
      int k = queue.topItem();
      int stamp = queue.topStamp();
      queue.pop();
      if (stamp != round) {
        double g = gain(k, a, targetAccess, modulePlaces);
        if (g > 0) {
          queue.push(k, g, round);
        }
        continue;
      }
      double ratio = modulePlaces / weightedDemand[k];
      double g = 0;
      for (int p = catchment.start[k], end = catchment.start[k + 1]; p < end; p++) {
        int i = catchment.demand[p];
        double before = Math.min(a[i], targetAccess);
        a[i] += pairWeight[p] * ratio;
        g += people[i] * (Math.min(a[i], targetAccess) - before);
      }
      f += g;
      chosen[round] = k;
      gains[round] = g;
      shares[round] = Math.min(1.0, f / full);
      round++;
      double again = gain(k, a, targetAccess, modulePlaces);
      if (again > 0) {
        queue.push(k, again, round);
      }
    }
    double[] places = new double[round];
    Arrays.fill(places, modulePlaces);
    return new Plan(
        Arrays.copyOf(chosen, round),
        places,
        Arrays.copyOf(gains, round),
        Arrays.copyOf(shares, round),
        initial,
        outcome);
  }

  private double gain(int k, double[] a, double targetAccess, double modulePlaces) {
    if (weightedDemand[k] <= 0) {
      return 0;
    }
    double ratio = modulePlaces / weightedDemand[k];
    double g = 0;
    for (int p = catchment.start[k], end = catchment.start[k + 1]; p < end; p++) {
      int i = catchment.demand[p];
      double ai = a[i];
      if (ai < targetAccess) {
        g += people[i] * (Math.min(ai + pairWeight[p] * ratio, targetAccess) - ai);
      }
    }
    return g;
  }
}
