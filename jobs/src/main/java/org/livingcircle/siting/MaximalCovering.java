package org.livingcircle.siting;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import java.util.Arrays;

/**
 * Greedy maximal covering location (MCLP, Church &amp; ReVelle 1974) with lazy evaluation (CELF):
 * adds new sites one at a time, each the (candidate, category) pair with the largest marginal gain,
 * until a target share of the demand weight is covered, the budget of sites is spent, or no site
 * adds anything. Existing facilities are fixed: they are encoded in {@code missing}, which says
 * which categories each demand point still lacks.
 *
 * <p><b>One category</b> ({@code nLayers = 1}): the gain of a site is the weight (people, or 1 per
 * compound) of the demand points it newly covers — the classic greedy, within 1 − 1/e of the
 * optimum (Nemhauser, Wolsey &amp; Fisher 1978).
 *
 * <p><b>A basket</b> ({@code nLayers > 1}, e.g. every basic-guarantee category within 10 minutes):
 * a demand point counts only when it has every category, which is not a submodular objective (one
 * site completes nobody who lacks two categories, so a plain greedy would stall). The greedy
 * therefore ranks (candidate, category) sites by a submodular surrogate: each missing (point,
 * category) pair is worth {@code weight / m}, where {@code m} is the number of categories the point
 * lacked at the start, so a point counts fully once all its missing categories are covered, and
 * points lacking a single category are completed first. Stopping, the reported marginal and the
 * share use the true objective (weight of the points that are complete). The surrogate's greedy
 * carries no guarantee for the basket; the Python test measures its gap on single categories only.
 *
 * <p>Ties (equal gain) go to the lowest site id {@code layer * nCandidates + candidate}. Not
 * thread-safe.
 */
final class MaximalCovering {
  /**
   * Relative tolerance of "target reached", as {@code lcp compare} uses: a share summed over 10⁵
   * cells is not exact.
   */
  static final double TOLERANCE = 1e-9;

  /** Why the greedy stopped. */
  enum Outcome {
    /** the target share is reached (possibly with no new site) */
    REACHED,
    /** the budget of sites was spent before the target */
    BUDGET,
    /** no candidate adds anything (every reachable demand point is covered) before the target */
    NO_GAIN,
    /** no target: the curve ran to the budget or to no gain */
    CURVE,
    /** the unit has no demand weight (no residents or no compounds): nothing to cover */
    NO_DEMAND
  }

  /**
   * The greedy's answer. Step {@code s} (0-based; rank s + 1) added candidate {@code candidate[s]}
   * for layer {@code layer[s]}.
   *
   * @param gain true marginal weight of step s (demand weight newly complete)
   * @param surrogateGain the gain the greedy ranked by (equal to {@code gain} for one layer)
   * @param share covered share of the total weight after step s, in [0, 1]
   * @param newlyStart CSR offsets into {@code newly}, length steps + 1
   * @param newly demand points newly complete at each step, input indices
   * @param initialShare share before any new site; NaN when the total weight is 0
   * @param totalWeight total demand weight
   */
  record Plan(
      int[] candidate,
      int[] layer,
      double[] gain,
      double[] surrogateGain,
      double[] share,
      int[] newlyStart,
      int[] newly,
      double initialShare,
      double totalWeight,
      Outcome outcome) {
    int nSites() {
      return candidate.length;
    }

    /** Covered share after {@code nSites} new sites (0 = the initial share). */
    double shareAfter(int nSites) {
      return nSites == 0 ? initialShare : share[nSites - 1];
    }
  }

  private final CoverageSets[] coverage;
  private final double[] weight;
  private final boolean[] missing;
  private final int nLayers;
  private final int nCandidates;
  private final int nDemand;

  /**
   * @param coverage per layer (category), the demand points each candidate covers; all with the
   *     same candidates and demand points (a basket at one threshold passes the same sets for every
   *     layer)
   * @param weight demand weight per point, finite and ≥ 0 (people; 1 per compound)
   * @param missing {@code [layer * nDemand + point]}: true when the point lacks the layer's
   *     category today
   */
  MaximalCovering(CoverageSets[] coverage, double[] weight, boolean[] missing) {
    notNull(coverage, "coverage sets");
    check(coverage.length > 0, "Cannot site: no category");
    this.coverage = coverage.clone();
    this.nLayers = coverage.length;
    this.nCandidates = notNull(coverage[0], "coverage sets of layer 0").nCandidates;
    this.nDemand = coverage[0].nDemand;
    for (int l = 0; l < nLayers; l++) {
      notNull(coverage[l], "coverage sets of layer " + l);
      check(
          coverage[l].nCandidates == nCandidates && coverage[l].nDemand == nDemand,
          "Cannot site: layer %s has %s candidates and %s demand points, layer 0 has %s and %s",
          l,
          coverage[l].nCandidates,
          coverage[l].nDemand,
          nCandidates,
          nDemand);
    }
    this.weight = notNull(weight, "demand weights").clone();
    check(
        weight.length == nDemand,
        "Cannot site: %s weights for %s demand points",
        weight.length,
        nDemand);
    for (int i = 0; i < nDemand; i++) {
      check(
          Double.isFinite(weight[i]) && weight[i] >= 0,
          "Cannot site: weight %s of demand point %s is not a finite number ≥ 0",
          weight[i],
          i);
    }
    this.missing = notNull(missing, "missing categories").clone();
    check(
        missing.length == (long) nLayers * nDemand,
        "Cannot site: %s missing flags for %s layers × %s demand points",
        missing.length,
        nLayers,
        nDemand);
  }

  /**
   * Runs the greedy.
   *
   * @param targetShare share of the total weight to reach, in [0, 1]; NaN for none (a coverage
   *     curve)
   * @param budgetSites most new sites, ≥ 0
   */
  Plan solve(double targetShare, int budgetSites) {
    check(
        Double.isNaN(targetShare) || (targetShare >= 0 && targetShare <= 1),
        "Cannot site: target share %s is outside [0, 1]",
        targetShare);
    check(budgetSites >= 0, "Cannot site: budget %s is negative", budgetSites);
    int n = nDemand;
    int[] remaining = new int[n];
    for (int l = 0; l < nLayers; l++) {
      for (int i = 0; i < n; i++) {
        remaining[i] += missing[l * n + i] ? 1 : 0;
      }
    }
    double[] elementWeight = new double[nLayers * n];
    boolean[] open = missing.clone();
    double total = 0;
    double covered = 0;
    for (int i = 0; i < n; i++) {
      total += weight[i];
      if (remaining[i] == 0) {
        covered += weight[i];
      }
    }
    for (int l = 0; l < nLayers; l++) {
      for (int i = 0; i < n; i++) {
        elementWeight[l * n + i] = open[l * n + i] ? weight[i] / remaining[i] : 0.0;
      }
    }
    Steps steps = new Steps();
    if (total == 0) {
      return steps.plan(Double.NaN, 0, Outcome.NO_DEMAND);
    }
    double initialShare = covered / total;
    double tolerance = TOLERANCE * Math.max(1.0, Math.abs(targetShare));
    boolean hasTarget = !Double.isNaN(targetShare);
    if (hasTarget && initialShare >= targetShare - tolerance) {
      return steps.plan(initialShare, total, Outcome.REACHED);
    }
    LazyQueue queue = new LazyQueue(nCandidates);
    int round = 0;
    for (int l = 0; l < nLayers; l++) {
      for (int k = 0; k < nCandidates; k++) {
        double g = gain(l, k, open, elementWeight);
        if (g > 0) {
          queue.push(l * nCandidates + k, g, round);
        }
      }
    }
    Outcome outcome = null;
    while (outcome == null) {
      if (steps.size == budgetSites) {
        outcome = hasTarget ? Outcome.BUDGET : Outcome.CURVE;
        break;
      }
      if (queue.size() == 0) {
        outcome = hasTarget ? Outcome.NO_GAIN : Outcome.CURVE;
        break;
      }
      int site = queue.topItem();
      int stamp = queue.topStamp();
      queue.pop();
      int l = site / nCandidates;
      int k = site % nCandidates;
      if (stamp != round) {
        double g = gain(l, k, open, elementWeight);
        if (g > 0) {
          queue.push(site, g, round);
        }
        continue;
      }
      double surrogate = 0;
      double trueGain = 0;
      int newlyFrom = steps.newlySize;
      CoverageSets sets = coverage[l];
      for (int p = sets.start[k], end = sets.start[k + 1]; p < end; p++) {
        int i = sets.demand[p];
        int e = l * n + i;
        if (open[e]) {
          open[e] = false;
          surrogate += elementWeight[e];
          if (--remaining[i] == 0) {
            trueGain += weight[i];
            steps.addNewly(i);
          }
        }
      }
      covered += trueGain;
      round++;
      double share = Math.min(1.0, covered / total);
      steps.add(k, l, trueGain, surrogate, share, newlyFrom);
      if (hasTarget && share >= targetShare - tolerance) {
        outcome = Outcome.REACHED;
      }
    }
    return steps.plan(initialShare, total, outcome);
  }

  private double gain(int l, int k, boolean[] open, double[] elementWeight) {
    CoverageSets sets = coverage[l];
    int base = l * nDemand;
    double g = 0;
    for (int p = sets.start[k], end = sets.start[k + 1]; p < end; p++) {
      int e = base + sets.demand[p];
      if (open[e]) {
        g += elementWeight[e];
      }
    }
    return g;
  }

  /** Growable step arrays. */
  private static final class Steps {
    int size;
    int[] candidate = new int[16];
    int[] layer = new int[16];
    double[] gain = new double[16];
    double[] surrogate = new double[16];
    double[] share = new double[16];
    int[] newlyStart = new int[17];
    int[] newly = new int[64];
    int newlySize;

    void addNewly(int i) {
      if (newlySize == newly.length) {
        newly = Arrays.copyOf(newly, newlySize * 2);
      }
      newly[newlySize++] = i;
    }

    void add(int k, int l, double g, double s, double sh, int newlyFrom) {
      if (size == candidate.length) {
        int c = size * 2;
        candidate = Arrays.copyOf(candidate, c);
        layer = Arrays.copyOf(layer, c);
        gain = Arrays.copyOf(gain, c);
        surrogate = Arrays.copyOf(surrogate, c);
        share = Arrays.copyOf(share, c);
        newlyStart = Arrays.copyOf(newlyStart, c + 1);
      }
      candidate[size] = k;
      layer[size] = l;
      gain[size] = g;
      surrogate[size] = s;
      share[size] = sh;
      newlyStart[size] = newlyFrom;
      size++;
      newlyStart[size] = newlySize;
    }

    Plan plan(double initialShare, double total, Outcome outcome) {
      int[] starts = Arrays.copyOf(newlyStart, size + 1);
      starts[size] = newlySize;
      return new Plan(
          Arrays.copyOf(candidate, size),
          Arrays.copyOf(layer, size),
          Arrays.copyOf(gain, size),
          Arrays.copyOf(surrogate, size),
          Arrays.copyOf(share, size),
          starts,
          Arrays.copyOf(newly, newlySize),
          initialShare,
          total,
          outcome);
    }
  }
}
