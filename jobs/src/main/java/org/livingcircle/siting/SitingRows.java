package org.livingcircle.siting;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.livingcircle.config.WalkModel;
import org.livingcircle.streets.EdgeLinker;
import org.livingcircle.streets.EdgePoints;
import org.livingcircle.streets.PointLinks;
import org.livingcircle.streets.WalkSearch;

/**
 * Turns origins (cells or compounds) into the rows of each siting group they take part in, and one
 * group's rows into arrays for the kernels and back into result rows. With {@link SitingJob} the
 * only classes of the stage that see Spark rows; the kernels never do.
 */
final class SitingRows implements Serializable {
  /** Role bits of a group row. */
  static final int DEMAND = 1;

  static final int CANDIDATE = 2;

  /** Most categories of one basket (they share a 64-bit mask). */
  static final int MAX_NEEDS = 63;

  /**
   * One siting problem for one unit, resolved on the driver.
   *
   * @param adminCode the unit: a county code, or the city code for the city as a whole
   * @param coverage the coverage problem, or null for a capacity problem
   * @param capacity the capacity problem, or null
   * @param placesNeeded places (beds) to add for a capacity target, ≥ 0
   * @param targetAccess a* of {@link CapacitySiting}, places per person of the served group
   * @param modulePlaces places of one new facility
   */
  record Group(
      int id,
      String adminCode,
      String level,
      SitingProblems.Coverage coverage,
      SitingProblems.Capacity capacity,
      double placesNeeded,
      double targetAccess,
      double modulePlaces)
      implements Serializable {}

  /** Rows of a group: who, where, weights, which needs are missing, today's E2SFCA access. */
  static final StructType GROUP_ROW =
      new StructType()
          .add("group_id", DataTypes.IntegerType, false)
          .add("role", DataTypes.IntegerType, false)
          .add("x", DataTypes.DoubleType, false)
          .add("y", DataTypes.DoubleType, false)
          .add("weight", DataTypes.DoubleType, false)
          .add("people", DataTypes.DoubleType, false)
          .add("compounds", DataTypes.DoubleType, false)
          .add("missing", DataTypes.LongType, false)
          .add("access", DataTypes.DoubleType, false);

  /** Result rows: rank 0 carries the group's start and outcome, ranks 1… the sites. */
  static final StructType RESULT_ROW =
      new StructType()
          .add("group_id", DataTypes.IntegerType, false)
          .add("rank", DataTypes.IntegerType, false)
          .add("x", DataTypes.DoubleType, true)
          .add("y", DataTypes.DoubleType, true)
          .add("layer", DataTypes.IntegerType, false)
          .add("marginal_people", DataTypes.DoubleType, true)
          .add("marginal_compounds", DataTypes.DoubleType, true)
          .add("share", DataTypes.DoubleType, true)
          .add("places", DataTypes.DoubleType, true)
          .add("e2sfca_gain", DataTypes.DoubleType, true)
          .add("outcome", DataTypes.StringType, false)
          .add("total_weight", DataTypes.DoubleType, true)
          // network walking mode, rank 0 only: candidates and demand points of the group with no
          // street within the
          // link radius, and the demand weight of the unlinked points (covered by no new site)
          .add("candidates_unlinked", DataTypes.IntegerType, true)
          .add("demand_unlinked", DataTypes.IntegerType, true)
          .add("demand_weight_unlinked", DataTypes.DoubleType, true);

  private final List<Group> groups;

  /** Group ids per unit code. */
  private final Map<String, int[]> groupsOfUnit;

  private final WalkModel walk;
  private final boolean compoundCandidates;
  private final int budgetSites;
  private final Map<String, Double> catchmentMinByKind;

  /**
   * Network walking mode: the street graph's linker (same PBF and options as the access stage);
   * null otherwise.
   */
  private final LinkerSource network;

  /** Where a task finds the street graph's linker (a Spark broadcast in the job). */
  interface LinkerSource extends Serializable {
    EdgeLinker get();
  }

  SitingRows(
      List<Group> groups,
      Map<String, int[]> groupsOfUnit,
      WalkModel walk,
      boolean compoundCandidates,
      int budgetSites,
      Map<String, Double> catchmentMinByKind) {
    this(groups, groupsOfUnit, walk, compoundCandidates, budgetSites, catchmentMinByKind, null);
  }

  /**
   * @param network the linker of the network walking model (broadcast), or null for straight-line
   *     mode
   */
  SitingRows(
      List<Group> groups,
      Map<String, int[]> groupsOfUnit,
      WalkModel walk,
      boolean compoundCandidates,
      int budgetSites,
      Map<String, Double> catchmentMinByKind,
      LinkerSource network) {
    this.network = network;
    this.groups = List.copyOf(groups);
    this.groupsOfUnit = Map.copyOf(groupsOfUnit);
    this.walk = walk;
    this.compoundCandidates = compoundCandidates;
    this.budgetSites = budgetSites;
    this.catchmentMinByKind = Map.copyOf(catchmentMinByKind);
  }

  /**
   * The group rows of one origin.
   *
   * @param compound true for a compound row, false for a cell row
   */
  Iterator<Row> explode(Row r, boolean compound) {
    List<Row> out = new ArrayList<>();
    double x = r.getDouble(r.fieldIndex("x"));
    double y = r.getDouble(r.fieldIndex("y"));
    double population = compound ? 0 : number(r, "population");
    double nCompounds = compound ? 1 : number(r, "n_compounds");
    boolean candidate = compound == compoundCandidates && (compound || population > 0);
    for (String unit : new String[] {string(r, "county_code"), string(r, "city_code")}) {
      int[] ids = unit == null ? null : groupsOfUnit.get(unit);
      if (ids == null) {
        continue;
      }
      for (int id : ids) {
        Group g = groups.get(id);
        int role = candidate ? CANDIDATE : 0;
        double weight = 0;
        long missing = 0;
        double access = 0;
        if (g.coverage() != null) {
          boolean demand = (g.coverage().demand() == SitingProblems.Demand.COMPOUNDS) == compound;
          // demand of no weight (unpopulated cells) changes neither the objective nor the share:
          // not shipped
          double cellWeight =
              compound
                  ? 1
                  : g.coverage().weightColumn().equals(SitingProblems.POPULATION)
                      ? population
                      : number(r, g.coverage().weightColumn());
          if (demand && cellWeight > 0) {
            role |= DEMAND;
            weight = cellWeight;
            List<SitingProblems.Need> needs = g.coverage().needs();
            for (int l = 0; l < needs.size(); l++) {
              if (lacks(r, needs.get(l))) {
                missing |= 1L << l;
              }
            }
          }
        } else if (!compound && number(r, g.capacity().demandColumn()) > 0) {
          role |= DEMAND;
          weight = number(r, g.capacity().demandColumn());
          access = number(r, "access_" + g.capacity().kind());
        }
        if (role != 0) {
          out.add(
              RowFactory.create(id, role, x, y, weight, population, nCompounds, missing, access));
        }
      }
    }
    return out.iterator();
  }

  private boolean lacks(Row r, SitingProblems.Need need) {
    // as AggregateKernel reads share_own_<c>: dist_m ≤ the threshold as walking metres (or counts);
    // in network mode a
    // straight-line radius reads dist_straight_m ≤ r
    int i = r.fieldIndex(need.column(network != null));
    return need.lacks(r.isNullAt(i) ? null : (Number) r.get(i), network != null, walk);
  }

  /**
   * Network mode: where a group's candidates and demand points join the street graph, linked once
   * per group.
   */
  private static final class Links {
    final EdgeLinker linker;
    final PointLinks candidates;
    final PointLinks demand;
    final WalkSearch search;
    final EdgePoints demandByEdge;

    Links(EdgeLinker linker, double[] cx, double[] cy, double[] dx, double[] dy) {
      this.linker = linker;
      this.candidates = linker.link(cx, cy);
      this.demand = linker.link(dx, dy);
      this.search = new WalkSearch(linker.graph());
      this.demandByEdge = EdgePoints.of(linker.graph().edgeCount(), demand);
    }

    NetworkCoverageSets within(double walkMeters) {
      return NetworkCoverageSets.within(
          linker.graph(), search, candidates, demand, demandByEdge, walkMeters);
    }

    double unlinkedWeight(double[] w) {
      double sum = 0;
      for (int i = 0; i < w.length; i++) {
        sum += demand.linked(i) ? 0 : w[i];
      }
      return sum;
    }
  }

  /** Solves one group: its rows in, result rows out. */
  Iterator<Row> solve(int id, Iterator<Row> rows) {
    Group g = groups.get(id);
    List<double[]> demand = new ArrayList<>();
    List<long[]> masks = new ArrayList<>();
    List<double[]> candidates = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      int role = r.getInt(1);
      double x = r.getDouble(2);
      double y = r.getDouble(3);
      if ((role & DEMAND) != 0) {
        demand.add(
            new double[] {x, y, r.getDouble(4), r.getDouble(5), r.getDouble(6), r.getDouble(8)});
        masks.add(new long[] {r.getLong(7)});
      }
      if ((role & CANDIDATE) != 0) {
        candidates.add(new double[] {x, y});
      }
    }
    // rows arrive in any order: sort by position so that ties (lowest candidate index) are
    // reproducible
    Integer[] order = new Integer[demand.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> compareXy(demand.get(a), demand.get(b)));
    candidates.sort(SitingRows::compareXy);
    int n = order.length;
    double[] dx = new double[n];
    double[] dy = new double[n];
    double[] w = new double[n];
    double[] people = new double[n];
    double[] compounds = new double[n];
    double[] access = new double[n];
    long[] mask = new long[n];
    for (int j = 0; j < n; j++) {
      double[] d = demand.get(order[j]);
      dx[j] = d[0];
      dy[j] = d[1];
      w[j] = d[2];
      people[j] = d[3];
      compounds[j] = d[4];
      access[j] = d[5];
      mask[j] = masks.get(order[j])[0];
    }
    int m = candidates.size();
    double[] cx = new double[m];
    double[] cy = new double[m];
    for (int k = 0; k < m; k++) {
      cx[k] = candidates.get(k)[0];
      cy[k] = candidates.get(k)[1];
    }
    List<Row> out = new ArrayList<>();
    Links links =
        network == null || (n == 0 && m == 0) ? null : new Links(network.get(), cx, cy, dx, dy);
    if (g.coverage() != null) {
      coverage(g, dx, dy, w, people, compounds, mask, cx, cy, links, out);
    } else {
      capacity(g, dx, dy, w, access, cx, cy, links, out);
    }
    return out.iterator();
  }

  private void coverage(
      Group g,
      double[] dx,
      double[] dy,
      double[] w,
      double[] people,
      double[] compounds,
      long[] mask,
      double[] cx,
      double[] cy,
      Links links,
      List<Row> out) {
    List<SitingProblems.Need> needs = g.coverage().needs();
    int nLayers = needs.size();
    int n = dx.length;
    CoverageSets[] sets = new CoverageSets[nLayers];
    boolean[] missing = new boolean[nLayers * n];
    Map<Double, CoverageSets> byRadius = new java.util.HashMap<>();
    Map<Double, CoverageSets> byWalk = new java.util.HashMap<>();
    for (int l = 0; l < nLayers; l++) {
      SitingProblems.Need need = needs.get(l);
      if (links != null && !need.straightLineRadius()) {
        // network mode: a new site covers the demand within the need's walking metres on the street
        // network
        sets[l] = byWalk.computeIfAbsent(need.networkMeters(walk), d -> links.within(d).sets);
      } else {
        sets[l] =
            byRadius.computeIfAbsent(
                need.straightLineMeters(walk), r -> CoverageSets.within(cx, cy, dx, dy, r));
      }
      for (int i = 0; i < n; i++) {
        missing[l * n + i] = (mask[i] & (1L << l)) != 0;
      }
    }
    MaximalCovering.Plan plan =
        new MaximalCovering(sets, w, missing).solve(g.coverage().targetShare(), budgetSites);
    boolean cells = g.coverage().demand() == SitingProblems.Demand.CELLS;
    out.add(
        RowFactory.create(
            g.id(),
            0,
            null,
            null,
            -1,
            null,
            null,
            nan(plan.initialShare()),
            null,
            null,
            plan.outcome().name().toLowerCase(java.util.Locale.ROOT),
            plan.totalWeight(),
            unlinkedCandidates(links),
            unlinkedDemand(links),
            links == null ? null : links.unlinkedWeight(w)));
    for (int s = 0; s < plan.nSites(); s++) {
      double p = 0;
      double c = 0;
      for (int q = plan.newlyStart()[s]; q < plan.newlyStart()[s + 1]; q++) {
        p += people[plan.newly()[q]];
        c += compounds[plan.newly()[q]];
      }
      int k = plan.candidate()[s];
      out.add(
          RowFactory.create(
              g.id(),
              s + 1,
              cx[k],
              cy[k],
              plan.layer()[s],
              cells ? p : null,
              c,
              plan.share()[s],
              null,
              null,
              plan.outcome().name().toLowerCase(java.util.Locale.ROOT),
              plan.totalWeight(),
              null,
              null,
              null));
    }
  }

  private void capacity(
      Group g,
      double[] dx,
      double[] dy,
      double[] w,
      double[] access,
      double[] cx,
      double[] cy,
      Links links,
      List<Row> out) {
    int nModules =
        (int) Math.min(budgetSites, Math.ceil(g.placesNeeded() / g.modulePlaces() - 1e-9));
    nModules = Math.max(0, nModules);
    double catchmentMin = catchmentMinByKind.get(g.capacity().kind());
    CapacitySiting.Plan plan;
    if (g.targetAccess() <= 0) {
      plan =
          new CapacitySiting.Plan(
              new int[0],
              new double[0],
              new double[0],
              new double[0],
              Double.NaN,
              CapacitySiting.Outcome.NO_GAIN);
    } else if (links != null) {
      // network mode: d0 = catchment_min × speed walking metres, Gaussian on the network distance
      // D/d0 (contracts §3)
      plan =
          new CapacitySiting(links.within(walk.walkMetersIn(catchmentMin)), w, access)
              .solve(g.targetAccess(), g.modulePlaces(), nModules);
    } else {
      plan =
          new CapacitySiting(cx, cy, dx, dy, w, access, walk.euclideanMetersFor(catchmentMin))
              .solve(g.targetAccess(), g.modulePlaces(), nModules);
    }
    String outcome = plan.outcome().name().toLowerCase(java.util.Locale.ROOT);
    out.add(
        RowFactory.create(
            g.id(),
            0,
            null,
            null,
            -1,
            null,
            null,
            nan(plan.initialLevelShare()),
            null,
            null,
            outcome,
            null,
            unlinkedCandidates(links),
            unlinkedDemand(links),
            links == null ? null : links.unlinkedWeight(w)));
    for (int s = 0; s < plan.nSites(); s++) {
      int k = plan.candidate()[s];
      out.add(
          RowFactory.create(
              g.id(),
              s + 1,
              cx[k],
              cy[k],
              0,
              null,
              null,
              plan.levelShare()[s],
              plan.places()[s],
              plan.gain()[s],
              outcome,
              null,
              null,
              null,
              null));
    }
  }

  private static Integer unlinkedCandidates(Links links) {
    return links == null ? null : links.candidates.unlinkedCount();
  }

  private static Integer unlinkedDemand(Links links) {
    return links == null ? null : links.demand.unlinkedCount();
  }

  private static Double nan(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static int compareXy(double[] a, double[] b) {
    int c = Double.compare(a[0], b[0]);
    return c != 0 ? c : Double.compare(a[1], b[1]);
  }

  private static double number(Row r, String column) {
    int i = r.fieldIndex(column);
    return r.isNullAt(i) ? 0 : ((Number) r.get(i)).doubleValue();
  }

  private static String string(Row r, String column) {
    int i = r.fieldIndex(column);
    return r.isNullAt(i) ? null : r.getString(i);
  }
}
