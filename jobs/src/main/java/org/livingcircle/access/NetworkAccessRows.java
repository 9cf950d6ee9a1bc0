package org.livingcircle.access;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.livingcircle.config.CityConfig;
import org.livingcircle.streets.EdgeLinker;
import org.livingcircle.streets.FootGraph;
import org.livingcircle.streets.PointLinks;

/**
 * The network walking model's rows (contracts §3, §6): a partition of origins (id, x, y) becomes
 * arrays once, is linked to the street graph with one {@link EdgeLinker} per executor JVM, and gets
 * the network indicators of {@link NetworkAccessKernel} for its linked origins. The straight-line
 * {@link AccessKernel} runs for every origin: it gives {@code dist_straight_m_<c>} (straight
 * metres, no detour factor) and, when {@code unlinked: straight_line}, every value of an unlinked
 * origin. The columns of {@link AccessRows} come first, in the same order and types, then {@code
 * dist_straight_m_<c>}, {@code link_m}, {@code linked}, {@code component_edges}, {@code
 * walk_fallback}.
 */
final class NetworkAccessRows implements Serializable {
  private final Broadcast<FacilityIndex> facilities;
  private final Broadcast<FootGraph> graph;
  private final Broadcast<NetworkFacilities> networkFacilities;
  private final AccessParams params;
  private final String[] categoryIds;
  private final double linkRadiusM;
  private final CityConfig.Unlinked unlinked;

  /**
   * Straight-line E2SFCA ratios (for unlinked origins with the straight-line fallback) and network
   * ratios.
   */
  private final List<E2sfca.Ratios> straightRatios;

  private final List<NetworkE2sfca.Ratios> networkRatios;
  private final int[] ratioColumn;
  private final double[] catchmentMin;
  private final String[] accessColumns;

  /**
   * Task time in nanoseconds summed over partitions: linking, network kernel, straight-line kernel.
   */
  private final LongAccumulator linkNanos;

  private final LongAccumulator networkNanos;
  private final LongAccumulator straightNanos;

  NetworkAccessRows(
      Broadcast<FacilityIndex> facilities,
      Broadcast<FootGraph> graph,
      Broadcast<NetworkFacilities> networkFacilities,
      AccessParams params,
      String[] categoryIds,
      double linkRadiusM,
      CityConfig.Unlinked unlinked,
      List<E2sfca.Ratios> straightRatios,
      List<NetworkE2sfca.Ratios> networkRatios,
      int[] ratioColumn,
      double[] catchmentMin,
      String[] accessColumns,
      LongAccumulator linkNanos,
      LongAccumulator networkNanos,
      LongAccumulator straightNanos) {
    this.facilities = facilities;
    this.graph = graph;
    this.networkFacilities = networkFacilities;
    this.params = params;
    this.categoryIds = categoryIds.clone();
    this.linkRadiusM = linkRadiusM;
    this.unlinked = unlinked;
    this.straightRatios = List.copyOf(straightRatios);
    this.networkRatios = List.copyOf(networkRatios);
    this.ratioColumn = ratioColumn.clone();
    this.catchmentMin = catchmentMin.clone();
    this.accessColumns = accessColumns.clone();
    this.linkNanos = linkNanos;
    this.networkNanos = networkNanos;
    this.straightNanos = straightNanos;
  }

  /** The straight-line schema of {@link AccessRows} plus the added columns of contracts §6. */
  StructType schema(boolean stringIds) {
    StructType s =
        new AccessRows(
                facilities,
                params,
                categoryIds,
                straightRatios,
                ratioColumn,
                catchmentMin,
                accessColumns)
            .schema(stringIds);
    for (String c : categoryIds) {
      s = s.add("dist_straight_m_" + c, DataTypes.DoubleType, true);
    }
    return s.add("link_m", DataTypes.DoubleType, true)
        .add("linked", DataTypes.BooleanType, false)
        .add("component_edges", DataTypes.IntegerType, true)
        .add("walk_fallback", DataTypes.StringType, true);
  }

  /**
   * One linker per executor JVM and graph broadcast: building its segment index costs more than a
   * partition.
   */
  private static final Object LINKER_LOCK = new Object();

  private static long linkerBroadcastId = -1;
  private static EdgeLinker linker;

  private static EdgeLinker linker(Broadcast<FootGraph> graph, double radiusM) {
    synchronized (LINKER_LOCK) {
      if (linker == null || linkerBroadcastId != graph.id()) {
        linker = new EdgeLinker(graph.value(), radiusM);
        linkerBroadcastId = graph.id();
      }
      return linker;
    }
  }

  /**
   * Caches {@code built} as this JVM's linker for {@code graph} (the driver's, so local runs build
   * it once).
   */
  static void shareLinker(Broadcast<FootGraph> graph, EdgeLinker built) {
    synchronized (LINKER_LOCK) {
      linker = built;
      linkerBroadcastId = graph.id();
    }
  }

  /** Drops this JVM's cached linker (the driver calls it when the stage ends). */
  static void releaseLinker() {
    synchronized (LINKER_LOCK) {
      linker = null;
      linkerBroadcastId = -1;
    }
  }

  /** Rows of (id, x, y) in, rows of {@link #schema} out. */
  Iterator<Row> compute(Iterator<Row> partition) {
    List<Object> ids = new ArrayList<>();
    double[] x = new double[1024];
    double[] y = new double[1024];
    int n = 0;
    while (partition.hasNext()) {
      Row r = partition.next();
      if (n == x.length) {
        x = Arrays.copyOf(x, n * 2);
        y = Arrays.copyOf(y, n * 2);
      }
      ids.add(r.get(0));
      x[n] = r.getDouble(1);
      y[n] = r.getDouble(2);
      n++;
    }
    if (n == 0) {
      return java.util.Collections.emptyIterator();
    }
    x = Arrays.copyOf(x, n);
    y = Arrays.copyOf(y, n);
    FootGraph g = graph.value();

    long t = System.nanoTime();
    FacilityIndex index = facilities.value();
    AccessIndicators straight = new AccessIndicators(params, n);
    new AccessKernel(index, params).compute(x, y, 0, n, straight);
    straight.checkInvariants();
    straightNanos.add(System.nanoTime() - t);

    t = System.nanoTime();
    PointLinks links = linker(graph, linkRadiusM).link(x, y);
    linkNanos.add(System.nanoTime() - t);
    int nUnlinked = 0;
    for (int o = 0; o < n; o++) {
      nUnlinked += links.linked(o) ? 0 : 1;
    }

    t = System.nanoTime();
    AccessIndicators out = new AccessIndicators(params, n);
    NetworkAccessKernel kernel = new NetworkAccessKernel(g, networkFacilities.value(), params);
    kernel.compute(x, y, links, out);
    double[][] access = new double[accessColumns.length][n];
    double[] scratch = new double[n];
    for (int k = 0; k < networkRatios.size(); k++) {
      Arrays.fill(scratch, 0);
      new NetworkE2sfca(g, networkFacilities.value(), params.walk(), catchmentMin[k])
          .access(networkRatios.get(k), x, y, links, scratch);
      UnlinkedOrigins.add(access[ratioColumn[k]], scratch, links, true);
    }
    networkNanos.add(System.nanoTime() - t);

    if (nUnlinked > 0) {
      UnlinkedOrigins.fill(out, straight, links, unlinked);
      if (unlinked == CityConfig.Unlinked.STRAIGHT_LINE) {
        t = System.nanoTime();
        for (int k = 0; k < straightRatios.size(); k++) {
          E2sfca.Ratios ratio = straightRatios.get(k);
          Arrays.fill(scratch, 0);
          new E2sfca(index, params.walk(), catchmentMin[k])
              .access(ratio.category(), ratio, x, y, 0, n, scratch);
          UnlinkedOrigins.add(access[ratioColumn[k]], scratch, links, false);
        }
        straightNanos.add(System.nanoTime() - t);
      }
    }
    out.checkInvariants();

    int nC = categoryIds.length;
    int nT = params.thresholdsMin().length;
    double detour = params.walk().detourFactor();
    String fallback = unlinked.id();
    int count = n;
    return new Iterator<>() {
      private int o;

      @Override
      public boolean hasNext() {
        return o < count;
      }

      @Override
      public Row next() {
        if (o >= count) {
          throw new java.util.NoSuchElementException();
        }
        Object[] v = new Object[1 + nC + nT * nC + 5 + accessColumns.length + nC + 4];
        int i = 0;
        v[i++] = ids.get(o);
        i = AccessRows.indicatorValues(v, i, out, access, o);
        for (int c = 0; c < nC; c++) {
          float d = straight.nearestWalkMeters(c, o);
          v[i++] = d == AccessIndicators.NONE_WITHIN_LIMIT ? null : d / detour;
        }
        boolean linked = links.linked(o);
        v[i++] = linked ? links.offStreet(o) : null;
        v[i++] = linked;
        v[i++] = linked ? g.componentEdges(g.component(g.edgeFrom(links.edge(o)))) : null;
        v[i++] = linked ? null : fallback;
        o++;
        return RowFactory.create(v);
      }
    };
  }
}
