package org.livingcircle.aggregate;

import static org.livingcircle.common.Checks.notNull;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model comparison of {@code lcp compare}: for every county and city whose access stage walked
 * the street network, the share of residents with every basic-guarantee category within 10 and 15
 * minutes on the network and by the straight-line model (straight line × the configured detour
 * factor), and the measured detour ratio (network ÷ straight-line metres, {@code
 * detour_p10/p50/p90} of {@code admin_indicators}). {@code share_overstated} = straight − network:
 * how much the straight-line model over- (positive) or under-states (negative) the coverage. Units
 * measured by the straight-line model have no such columns and no lines.
 */
final class WalkModels {
  /** Columns of {@code walk_models.csv} and {@code walk_models.parquet}, in order. */
  static final List<String> COLUMNS =
      List.of(
          "city_code",
          "city_name",
          "county_code",
          "county_name",
          "threshold_min",
          "share_network",
          "share_straight",
          "share_overstated",
          "detour_factor_assumed",
          "detour_p10",
          "detour_p50",
          "detour_p90",
          "share_unlinked");

  private WalkModels() {}

  /**
   * One unit and walking time; shares in [0, 1], null where {@code admin_indicators} has null (no
   * residents).
   *
   * @param countyCode null for the city row
   */
  record Line(
      String cityCode,
      String cityName,
      String countyCode,
      String countyName,
      int thresholdMin,
      Double shareNetwork,
      Double shareStraight,
      Double detourFactorAssumed,
      Double detourP10,
      Double detourP50,
      Double detourP90,
      Double shareUnlinked) {
    /** Straight − network share; null when either is null. */
    Double shareOverstated() {
      return shareNetwork == null || shareStraight == null ? null : shareStraight - shareNetwork;
    }
  }

  static String networkColumn(int thresholdMin) {
    return "share_basic_" + thresholdMin + "min_network";
  }

  static String straightColumn(int thresholdMin) {
    return "share_basic_" + thresholdMin + "min_straight";
  }

  /**
   * The lines of every unit that has the network model's columns, in unit order then walking time.
   */
  static List<Line> of(List<Comparison.UnitValues> units) {
    List<Line> lines = new ArrayList<>();
    for (Comparison.UnitValues u : notNull(units, "units")) {
      Map<String, Double> v = u.values();
      for (int t : AggregateKernel.MODEL_THRESHOLDS_MIN) {
        if (!v.containsKey(networkColumn(t))) {
          continue;
        }
        lines.add(
            new Line(
                u.cityCode(),
                u.cityName(),
                u.countyCode(),
                u.countyName(),
                t,
                finite(v.get(networkColumn(t))),
                finite(v.get(straightColumn(t))),
                finite(v.get("detour_factor_assumed")),
                finite(v.get("detour_p10")),
                finite(v.get("detour_p50")),
                finite(v.get("detour_p90")),
                finite(v.get("share_unlinked"))));
      }
    }
    return lines;
  }

  private static Double finite(Double v) {
    return v != null && Double.isFinite(v) ? v : null;
  }

  /** Cell values of one line in {@link #COLUMNS} order, as text (null stays null). */
  static List<String> cells(Line l) {
    List<String> c = new ArrayList<>();
    c.add(l.cityCode());
    c.add(l.cityName());
    c.add(l.countyCode());
    c.add(l.countyName());
    c.add(Integer.toString(l.thresholdMin()));
    for (Double d :
        new Double[] {
          l.shareNetwork(),
          l.shareStraight(),
          l.shareOverstated(),
          l.detourFactorAssumed(),
          l.detourP10(),
          l.detourP50(),
          l.detourP90(),
          l.shareUnlinked()
        }) {
      c.add(d == null ? null : Double.toString(d));
    }
    return c;
  }

  /**
   * Writes {@code lines} as CSV with a header ({@link #COLUMNS}); RFC 4180 quoting, empty field for
   * null.
   */
  static void writeCsv(List<Line> lines, Writer out) throws IOException {
    out.write(String.join(",", COLUMNS));
    out.write("\n");
    for (Line l : lines) {
      List<String> fields = new ArrayList<>();
      for (String s : cells(l)) {
        fields.add(
            s == null
                ? ""
                : s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s);
      }
      out.write(String.join(",", fields));
      out.write("\n");
    }
  }

  /**
   * The lines as an aligned text table with a title: shares in per cent, ratios with two decimals.
   */
  static String table(List<Line> lines) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "city",
            "county",
            "min",
            "network",
            "straight",
            "overstated",
            "detour p10/p50/p90",
            "assumed",
            "unlinked"));
    for (Line l : lines) {
      rows.add(
          List.of(
              l.cityName() == null ? l.cityCode() : l.cityName(),
              l.countyName() == null ? "(city)" : l.countyName(),
              Integer.toString(l.thresholdMin()),
              percent(l.shareNetwork()),
              percent(l.shareStraight()),
              signedPoints(l.shareOverstated()),
              ratio(l.detourP10()) + " / " + ratio(l.detourP50()) + " / " + ratio(l.detourP90()),
              ratio(l.detourFactorAssumed()),
              percent(l.shareUnlinked())));
    }
    int[] width = new int[rows.get(0).size()];
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        width[i] = Math.max(width[i], Comparison.displayWidth(r.get(i)));
      }
    }
    StringBuilder sb =
        new StringBuilder(
            "Walking models: residents with every basic format within the time, street network vs straight line × detour\n");
    for (List<String> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        String pad = " ".repeat(width[i] - Comparison.displayWidth(r.get(i)));
        line.append(i < 2 ? r.get(i) + pad : pad + r.get(i)).append(i == r.size() - 1 ? "" : "  ");
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  private static String percent(Double v) {
    return v == null ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  private static String signedPoints(Double v) {
    return v == null ? "" : String.format(Locale.ROOT, "%+.1f pt", 100 * v);
  }

  private static String ratio(Double v) {
    return v == null ? "?" : String.format(Locale.ROOT, "%.2f", v);
  }
}
