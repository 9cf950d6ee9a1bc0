package org.livingcircle.access;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Turns a partition of origins (id, x, y) into arrays once, runs the kernels on them, and returns
 * one row of indicators per origin. The only class of the stage besides {@link AccessJob} that sees
 * Spark rows.
 */
final class AccessRows implements Serializable {
  private final Broadcast<FacilityIndex> facilities;
  private final AccessParams params;
  private final String[] categoryIds;

  /** E2SFCA step-1 ratios, one per capacity category, and the output column each adds to. */
  private final List<E2sfca.Ratios> ratios;

  private final int[] ratioColumn;
  private final double[] catchmentMin;
  private final String[] accessColumns;

  AccessRows(
      Broadcast<FacilityIndex> facilities,
      AccessParams params,
      String[] categoryIds,
      List<E2sfca.Ratios> ratios,
      int[] ratioColumn,
      double[] catchmentMin,
      String[] accessColumns) {
    this.facilities = facilities;
    this.params = params;
    this.categoryIds = categoryIds.clone();
    this.ratios = List.copyOf(ratios);
    this.ratioColumn = ratioColumn.clone();
    this.catchmentMin = catchmentMin.clone();
    this.accessColumns = accessColumns.clone();
  }

  /** Output schema: {@code id} (long or string as given), then the indicator columns. */
  StructType schema(boolean stringIds) {
    StructType s =
        new StructType()
            .add("origin_id", stringIds ? DataTypes.StringType : DataTypes.LongType, false);
    for (String c : categoryIds) {
      s = s.add("dist_m_" + c, DataTypes.DoubleType, true);
    }
    for (int t : params.thresholdsMin()) {
      for (String c : categoryIds) {
        s = s.add("n_" + t + "min_" + c, DataTypes.IntegerType, false);
      }
    }
    s =
        s.add("basic_types_" + params.basicThresholdMin() + "min", DataTypes.IntegerType, false)
            .add(
                "quality_types_" + params.qualityThresholdMin() + "min",
                DataTypes.IntegerType,
                false)
            .add(
                "basic_complete_" + params.basicThresholdMin() + "min",
                DataTypes.BooleanType,
                false)
            .add("proximity_min", DataTypes.DoubleType, false)
            .add("proximity_capped", DataTypes.IntegerType, false);
    for (String a : accessColumns) {
      s = s.add(a, DataTypes.DoubleType, false);
    }
    return s;
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
        x = java.util.Arrays.copyOf(x, n * 2);
        y = java.util.Arrays.copyOf(y, n * 2);
      }
      ids.add(r.get(0));
      x[n] = r.getDouble(1);
      y[n] = r.getDouble(2);
      n++;
    }
    x = java.util.Arrays.copyOf(x, n);
    y = java.util.Arrays.copyOf(y, n);
    FacilityIndex index = facilities.value();
    AccessIndicators out = new AccessIndicators(params, n);
    new AccessKernel(index, params).compute(x, y, 0, n, out);
    out.checkInvariants();
    double[][] access = new double[accessColumns.length][n];
    double[] scratch = new double[n];
    for (int k = 0; k < ratios.size(); k++) {
      E2sfca.Ratios ratio = ratios.get(k);
      new E2sfca(index, params.walk(), catchmentMin[k])
          .access(ratio.category(), ratio, x, y, 0, n, scratch);
      double[] column = access[ratioColumn[k]];
      for (int i = 0; i < n; i++) {
        column[i] += scratch[i];
      }
    }
    int nC = categoryIds.length;
    int nT = params.thresholdsMin().length;
    int count = n;
    // rows are made one at a time as Spark pulls them: a partition's indicators stay primitive
    // arrays
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
        Object[] v = new Object[1 + nC + nT * nC + 5 + accessColumns.length];
        int i = 0;
        v[i++] = ids.get(o);
        i = indicatorValues(v, i, out, access, o);
        o++;
        return RowFactory.create(v);
      }
    };
  }

  /**
   * Writes origin {@code o}'s indicator values into {@code v} from position {@code i} in the order
   * of {@link #schema} (after the id): distances, counts, types, completeness, proximity, E2SFCA
   * access; returns the next position. The straight-line and network rows share it.
   */
  static int indicatorValues(Object[] v, int i, AccessIndicators out, double[][] access, int o) {
    int nC = out.nCategories();
    int nT = out.params.nThresholds();
    for (int c = 0; c < nC; c++) {
      float d = out.nearestWalkMeters(c, o);
      v[i++] = d == AccessIndicators.NONE_WITHIN_LIMIT ? null : (double) d;
    }
    for (int t = 0; t < nT; t++) {
      for (int c = 0; c < nC; c++) {
        v[i++] = out.nWithin(t, c, o);
      }
    }
    v[i++] = out.nBasicTypes[o];
    v[i++] = out.nQualityTypes[o];
    v[i++] = out.basicComplete(o);
    v[i++] = (double) out.proximityMin[o];
    v[i++] = out.nProximityCapped[o];
    for (double[] column : access) {
      v[i++] = column[o];
    }
    return i;
  }
}
