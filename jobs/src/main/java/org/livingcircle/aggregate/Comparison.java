package org.livingcircle.aggregate;

import static org.livingcircle.common.Checks.notNull;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.livingcircle.common.ConfigException;
import org.livingcircle.config.Targets;

/**
 * Evaluates plan targets against rows of {@code admin_indicators}: one {@link Line} per (target,
 * row in scope). A value is met when its signed gap is at most a relative tolerance of 1e-9 (shares
 * summed over 10⁵ cells are not exact: 0.8 can come out as 0.7999999999999999). A null value (no
 * residents, no statistics row) gives null {@code met} and {@code gap}: unknown, not failed.
 */
final class Comparison {
  /** Columns of {@code comparison.csv} and {@code comparison.parquet}, in order. */
  static final List<String> COLUMNS =
      List.of(
          "target_id",
          "city_code",
          "city_name",
          "county_code",
          "county_name",
          "indicator",
          "value",
          "target",
          "comparator",
          "met",
          "gap",
          "unit",
          "year",
          "source",
          "kind",
          "threshold",
          "document",
          "line",
          "measured_on",
          "sites_needed",
          "reachable_within_budget");

  /** {@code kind} of a target line. */
  static final String TARGET = "target";

  /** {@code kind} of a baseline line: an achieved value shown beside the targets, never judged. */
  static final String BASELINE = "baseline";

  private static final double TOLERANCE = 1e-9;

  private Comparison() {}

  /**
   * One row of {@code admin_indicators}.
   *
   * @param countyCode null for the city row
   * @param values numeric columns by name; a null value is a null cell
   */
  record UnitValues(
      String adminCode,
      String cityCode,
      String cityName,
      String countyCode,
      String countyName,
      Map<String, Double> values) {}

  /**
   * One evaluated target (or baseline) for one unit; {@code met} and {@code gap} are null when the
   * value is null and always for a baseline. {@code sitesNeeded} (new sites that reach the target)
   * and {@code reachableWithinBudget} come from the siting stage ({@code
   * <city-out>/siting/targets}); null when it did not site the target or did not run.
   *
   * @param kind {@link #TARGET} or {@link #BASELINE}
   * @param threshold the threshold the indicator applies, e.g. "15 min walk" or "300 m straight
   *     line"; "" if none
   * @param measuredOn "" when the row is the scope itself; otherwise what the row stands for, e.g.
   *     a township measured on its county's row
   */
  record Line(
      String targetId,
      String cityCode,
      String cityName,
      String countyCode,
      String countyName,
      String indicator,
      Double value,
      double target,
      String comparator,
      Boolean met,
      Double gap,
      String unit,
      int year,
      String source,
      String kind,
      String threshold,
      String document,
      String line,
      String measuredOn,
      Integer sitesNeeded,
      Boolean reachableWithinBudget) {
    /** A target line without the later columns (tests). */
    Line(
        String targetId,
        String cityCode,
        String cityName,
        String countyCode,
        String countyName,
        String indicator,
        Double value,
        double target,
        String comparator,
        Boolean met,
        Double gap,
        String unit,
        int year,
        String source) {
      this(
          targetId,
          cityCode,
          cityName,
          countyCode,
          countyName,
          indicator,
          value,
          target,
          comparator,
          met,
          gap,
          unit,
          year,
          source,
          TARGET,
          "",
          "",
          "",
          "",
          null,
          null);
    }

    /** The admin code of the line's unit: the county, or the city for the city row. */
    String adminCode() {
      return countyCode == null ? cityCode : countyCode;
    }

    Line withSiting(Integer sites, Boolean reachable) {
      return new Line(
          targetId,
          cityCode,
          cityName,
          countyCode,
          countyName,
          indicator,
          value,
          target,
          comparator,
          met,
          gap,
          unit,
          year,
          source,
          kind,
          threshold,
          document,
          line,
          measuredOn,
          sites,
          reachable);
    }
  }

  /**
   * Evaluates every target on every unit in its scope, in target order then unit order.
   *
   * @param columns the column names of the table the units come from
   * @param table the table's path, for error messages
   */
  static List<Line> evaluate(
      List<Targets.Target> targets, Set<String> columns, List<UnitValues> units, String table) {
    return evaluate(new Targets(targets), columns, units, table);
  }

  /**
   * Evaluates every target on every unit in its scope, then lists every baseline beside them (not
   * judged).
   */
  static List<Line> evaluate(
      Targets all, Set<String> columns, List<UnitValues> units, String table) {
    notNull(all, "targets");
    List<Targets.Target> targets = all.targets();
    for (Targets.Baseline b : all.baselines()) {
      if (!columns.contains(b.indicator())) {
        throw new ConfigException(
            "Cannot show baseline "
                + b.id()
                + ": "
                + table
                + " has no column "
                + b.indicator()
                + "; fix conf/targets.yaml or rerun lcp aggregate");
      }
    }
    for (Targets.Target t : targets) {
      if (!columns.contains(t.indicator())) {
        throw new ConfigException(
            "Cannot evaluate target "
                + t.id()
                + ": "
                + table
                + " has no column "
                + t.indicator()
                + "; fix conf/targets.yaml or rerun lcp aggregate");
      }
    }
    List<Line> lines = new ArrayList<>();
    for (Targets.Target t : targets) {
      for (UnitValues u : units) {
        if (!t.covers(u.adminCode(), u.cityCode())) {
          continue;
        }
        Double value = u.values().get(t.indicator());
        Boolean met = null;
        Double gap = null;
        if (value != null && Double.isFinite(value)) {
          gap = t.comparator().gap(value, t.value());
          met = gap <= TOLERANCE * Math.max(1.0, Math.abs(t.value()));
        } else {
          value = null;
        }
        lines.add(
            new Line(
                t.id(),
                u.cityCode(),
                u.cityName(),
                u.countyCode(),
                u.countyName(),
                t.indicator(),
                value,
                t.value(),
                t.comparator().symbol(),
                met,
                gap,
                t.unit(),
                t.year(),
                t.source(),
                TARGET,
                threshold(all, t),
                t.document(),
                t.line(),
                measuredOn(t.subCountyScope(), u),
                null,
                null));
      }
    }
    for (Targets.Baseline b : all.baselines()) {
      for (UnitValues u : units) {
        if (!b.covers(u.adminCode(), u.cityCode())) {
          continue;
        }
        Double value = u.values().get(b.indicator());
        value = value != null && Double.isFinite(value) ? value : null;
        lines.add(
            new Line(
                b.id(),
                u.cityCode(),
                u.cityName(),
                u.countyCode(),
                u.countyName(),
                b.indicator(),
                value,
                b.value(),
                "",
                null,
                null,
                b.unit(),
                b.year(),
                b.source(),
                BASELINE,
                "",
                b.document(),
                b.line(),
                measuredOn(b.scope().stream().filter(c -> c.length() > 6).toList(), u),
                null,
                null));
      }
    }
    return lines;
  }

  /**
   * The threshold a target's indicator applies: its measure's, else the one the target states, else
   * "".
   */
  private static String threshold(Targets all, Targets.Target t) {
    java.util.Optional<Targets.Measure> m = all.measureOf(t.indicator());
    if (m.isPresent()) {
      String who =
          switch (m.get().population()) {
            case RESIDENTS -> "";
            case AGED_0_2 -> ", residents aged 0-2";
            case AGED_60_PLUS -> ", residents aged 60+";
          };
      return m.get().threshold().label() + who;
    }
    if (t.threshold() != null) {
      return t.threshold().label();
    }
    // columns named by their walking time: share_<T>min_<c>, (compound_)share_basic_complete_<T>min
    java.util.regex.Matcher minutes = MINUTES_COLUMN.matcher(t.indicator());
    return minutes.matches() ? minutes.group(1) + " min walk" : "";
  }

  private static final java.util.regex.Pattern MINUTES_COLUMN =
      java.util.regex.Pattern.compile(
          "(?:compound_)?share_(?:basic_complete_)?([0-9]+)min(?:_[a-z0-9_]+)?");

  /** What a county row stands for when the scope names townships or communities of that county. */
  private static String measuredOn(List<String> subCounty, UnitValues u) {
    List<String> here =
        subCounty.stream().filter(c -> c.substring(0, 6).equals(u.adminCode())).toList();
    return here.isEmpty()
        ? ""
        : "scope "
            + String.join(" ", here)
            + " measured on county "
            + u.adminCode()
            + " (township/community outlines are not in the reference data)";
  }

  /**
   * Writes {@code lines} as CSV with a header ({@link #COLUMNS}); RFC 4180 quoting, empty field for
   * null.
   */
  static void writeCsv(List<Line> lines, Writer out) throws IOException {
    out.write(String.join(",", COLUMNS));
    out.write("\n");
    for (Line l : lines) {
      out.write(String.join(",", csv(cells(l, false))));
      out.write("\n");
    }
  }

  /** The lines as an aligned text table (numbers right-aligned, 4 significant decimals). */
  static String table(List<Line> lines) {
    List<String> header =
        List.of(
            "city",
            "county",
            "target_id",
            "indicator",
            "value",
            "cmp",
            "target",
            "gap",
            "met",
            "threshold",
            "new sites");
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    for (Line l : lines) {
      rows.add(
          List.of(
              l.cityName() == null ? l.cityCode() : l.cityName(),
              l.countyName() == null ? "(city)" : l.countyName(),
              l.targetId(),
              l.indicator(),
              number(l.value()),
              BASELINE.equals(l.kind()) ? "(base)" : l.comparator(),
              number(l.target()),
              number(l.gap()),
              BASELINE.equals(l.kind())
                  ? "baseline " + l.year()
                  : l.met() == null ? "?" : l.met() ? "yes" : "NO",
              l.threshold() + (l.measuredOn().isEmpty() ? "" : " *"),
              l.sitesNeeded() != null
                  ? l.sitesNeeded().toString()
                  : Boolean.FALSE.equals(l.reachableWithinBudget()) ? "> budget" : ""));
    }
    int[] width = new int[header.size()];
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        width[i] = Math.max(width[i], displayWidth(r.get(i)));
      }
    }
    Set<Integer> right = Set.of(4, 6, 7);
    StringBuilder sb = new StringBuilder();
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        String pad = " ".repeat(width[i] - displayWidth(r.get(i)));
        sb.append(right.contains(i) ? pad + r.get(i) : r.get(i) + (i == r.size() - 1 ? "" : pad));
        sb.append(i == r.size() - 1 ? "" : "  ");
      }
      // the last column (new sites) is often empty: no trailing blanks
      sb.setLength(sb.toString().stripTrailing().length());
      sb.append("\n");
    }
    if (lines.stream().anyMatch(l -> !l.measuredOn().isEmpty())) {
      sb.append(
          "* a township or community scope measured on its county's row (no township outlines)\n");
    }
    return sb.toString().replaceAll(" +\n", "\n");
  }

  /** Cell values of one line in {@link #COLUMNS} order, as text (null stays null). */
  static List<String> cells(Line l, boolean rounded) {
    List<String> c = new ArrayList<>();
    c.add(l.targetId());
    c.add(l.cityCode());
    c.add(l.cityName());
    c.add(l.countyCode());
    c.add(l.countyName());
    c.add(l.indicator());
    c.add(l.value() == null ? null : rounded ? number(l.value()) : Double.toString(l.value()));
    c.add(rounded ? number(l.target()) : Double.toString(l.target()));
    c.add(l.comparator());
    c.add(l.met() == null ? null : l.met().toString());
    c.add(l.gap() == null ? null : rounded ? number(l.gap()) : Double.toString(l.gap()));
    c.add(l.unit());
    c.add(Integer.toString(l.year()));
    c.add(l.source());
    c.add(l.kind());
    c.add(l.threshold());
    c.add(l.document());
    c.add(l.line());
    c.add(l.measuredOn());
    c.add(l.sitesNeeded() == null ? null : l.sitesNeeded().toString());
    c.add(l.reachableWithinBudget() == null ? null : l.reachableWithinBudget().toString());
    return c;
  }

  private static List<String> csv(List<String> cells) {
    List<String> out = new ArrayList<>(cells.size());
    for (String s : cells) {
      if (s == null) {
        out.add("");
      } else if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
        out.add("\"" + s.replace("\"", "\"\"") + "\"");
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static String number(Double v) {
    return v == null ? "" : String.format(Locale.ROOT, "%.4f", v);
  }

  /** Columns a string takes in a terminal: CJK characters take two. */
  static int displayWidth(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      w +=
          cp >= 0x1100
                  && (cp <= 0x115F
                      || (cp >= 0x2E80 && cp <= 0xA4CF)
                      || (cp >= 0xAC00 && cp <= 0xD7A3)
                      || (cp >= 0xF900 && cp <= 0xFAFF)
                      || (cp >= 0xFF00 && cp <= 0xFF60)
                      || (cp >= 0xFFE0 && cp <= 0xFFE6))
              ? 2
              : 1;
      i += Character.charCount(cp);
    }
    return w;
  }
}
