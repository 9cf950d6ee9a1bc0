package org.livingcircle.aggregate;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.sql.Row;
import org.livingcircle.common.InputException;

/**
 * Converts the rows of one unit of {@code grid_indicators} or {@code compound_indicators} into
 * {@link UnitCells}, once per group; kernels never see a {@link Row}. Nulls follow the access
 * stage's contract: a null {@code dist_m_<c>} is "none within the search limit" (+∞), a null count
 * or flag is "none" (0 / false), a null population is 0 and a null {@code proximity_min} is unknown
 * (NaN). Under the network model ({@link AggregateKernel#model()}) it also reads {@code
 * dist_straight_m_<c>} (null = none within the limit, +∞) and {@code linked} (null = not linked).
 */
final class AggregateRows implements Serializable {
  private static final long serialVersionUID = 1L;

  private final AggregateKernel kernel;

  AggregateRows(AggregateKernel kernel) {
    this.kernel = kernel;
  }

  /** Column names of the access stage that the kernel reads, besides ids and population. */
  static String distColumn(String category) {
    return "dist_m_" + category;
  }

  /**
   * Straight-line metres (no detour) that the access stage writes beside {@code dist_m} under the
   * network model.
   */
  static String straightColumn(String category) {
    return "dist_straight_m_" + category;
  }

  /** Whether the origin linked to a street (network model). */
  static final String LINKED_COLUMN = "linked";

  static String countColumn(int thresholdMin, String category) {
    return "n_" + thresholdMin + "min_" + category;
  }

  /** Grid cells: ids from {@code cell_id}, population columns read. */
  UnitCells cells(Iterator<Row> rows) {
    return read(rows, true);
  }

  /** Compounds: no population (zeros); ids are sequence numbers. */
  UnitCells compounds(Iterator<Row> rows) {
    return read(rows, false);
  }

  private UnitCells read(Iterator<Row> rows, boolean grid) {
    int nCat = kernel.nCategories();
    int nT = kernel.nThresholds();
    int capacity = 1024;
    long[] id = new long[capacity];
    double[][] people = new double[4][capacity];
    double[][] dist = new double[nCat][capacity];
    boolean[][] within = new boolean[nCat * nT][capacity];
    boolean[] basic = new boolean[capacity];
    double[] proximity = new double[capacity];
    boolean network = kernel.model() == AggregateKernel.Model.NETWORK;
    double[][] straight = new double[network ? nCat : 0][capacity];
    boolean[] linked = new boolean[network ? capacity : 0];
    int[] straightIdx = new int[network ? nCat : 0];
    int linkedIdx = -1;
    int[] distIdx = null;
    int[] countIdx = null;
    int[] peopleIdx = null;
    int idIdx = -1;
    int basicIdx = -1;
    int proximityIdx = -1;
    int n = 0;
    while (rows.hasNext()) {
      Row r = rows.next();
      if (distIdx == null) {
        distIdx = new int[nCat];
        countIdx = new int[nCat * nT];
        for (int c = 0; c < nCat; c++) {
          distIdx[c] = index(r, distColumn(kernel.categoryId(c)));
          for (int t = 0; t < nT; t++) {
            countIdx[c * nT + t] =
                index(r, countColumn(kernel.thresholdMin(t), kernel.categoryId(c)));
          }
        }
        basicIdx = index(r, "basic_complete_10min");
        for (int c = 0; c < straightIdx.length; c++) {
          straightIdx[c] = index(r, straightColumn(kernel.categoryId(c)));
        }
        linkedIdx = network ? index(r, LINKED_COLUMN) : -1;
        if (grid) {
          idIdx = index(r, "cell_id");
          peopleIdx =
              new int[] {
                index(r, "population"),
                index(r, "pop_0_2"),
                index(r, "pop_3_5"),
                index(r, "pop_60_plus")
              };
          proximityIdx = index(r, "proximity_min");
        }
      }
      if (n == capacity) {
        capacity *= 2;
        id = Arrays.copyOf(id, capacity);
        for (int g = 0; g < 4; g++) {
          people[g] = Arrays.copyOf(people[g], capacity);
        }
        for (int c = 0; c < nCat; c++) {
          dist[c] = Arrays.copyOf(dist[c], capacity);
        }
        for (int j = 0; j < within.length; j++) {
          within[j] = Arrays.copyOf(within[j], capacity);
        }
        basic = Arrays.copyOf(basic, capacity);
        for (int c = 0; c < straight.length; c++) {
          straight[c] = Arrays.copyOf(straight[c], capacity);
        }
        if (network) {
          linked = Arrays.copyOf(linked, capacity);
        }
        proximity = Arrays.copyOf(proximity, capacity);
      }
      id[n] = grid ? r.getLong(idIdx) : n;
      if (grid) {
        for (int g = 0; g < 4; g++) {
          people[g][n] =
              r.isNullAt(peopleIdx[g]) ? 0.0 : ((Number) r.get(peopleIdx[g])).doubleValue();
        }
        proximity[n] =
            r.isNullAt(proximityIdx) ? Double.NaN : ((Number) r.get(proximityIdx)).doubleValue();
      } else {
        proximity[n] = Double.NaN;
      }
      for (int c = 0; c < nCat; c++) {
        dist[c][n] =
            r.isNullAt(distIdx[c])
                ? Double.POSITIVE_INFINITY
                : ((Number) r.get(distIdx[c])).doubleValue();
      }
      for (int j = 0; j < within.length; j++) {
        within[j][n] = !r.isNullAt(countIdx[j]) && ((Number) r.get(countIdx[j])).longValue() > 0;
      }
      basic[n] = !r.isNullAt(basicIdx) && r.getBoolean(basicIdx);
      for (int c = 0; c < straight.length; c++) {
        straight[c][n] =
            r.isNullAt(straightIdx[c])
                ? Double.POSITIVE_INFINITY
                : ((Number) r.get(straightIdx[c])).doubleValue();
      }
      if (network) {
        linked[n] = !r.isNullAt(linkedIdx) && r.getBoolean(linkedIdx);
      }
      n++;
    }
    for (int c = 0; c < nCat; c++) {
      dist[c] = Arrays.copyOf(dist[c], n);
    }
    for (int j = 0; j < within.length; j++) {
      within[j] = Arrays.copyOf(within[j], n);
    }
    for (int c = 0; c < straight.length; c++) {
      straight[c] = Arrays.copyOf(straight[c], n);
    }
    return new UnitCells(
        n,
        Arrays.copyOf(id, n),
        Arrays.copyOf(people[0], n),
        Arrays.copyOf(people[1], n),
        Arrays.copyOf(people[2], n),
        Arrays.copyOf(people[3], n),
        dist,
        within,
        Arrays.copyOf(basic, n),
        Arrays.copyOf(proximity, n),
        straight,
        network ? Arrays.copyOf(linked, n) : new boolean[0]);
  }

  private static int index(Row r, String column) {
    try {
      return r.fieldIndex(column);
    } catch (IllegalArgumentException e) {
      throw new InputException(
          "Cannot aggregate indicators: column "
              + column
              + " is missing; rerun the access stage"
              + " with the same conf/categories.yaml and city thresholds");
    }
  }
}
