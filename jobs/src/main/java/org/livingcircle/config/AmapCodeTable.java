package org.livingcircle.config;

import static org.livingcircle.common.Checks.notNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.livingcircle.common.ConfigException;
import org.livingcircle.common.Csv;
import org.livingcircle.common.InputException;

/**
 * The official Amap POI code table ({@code reference/amap_poi_codes_v1.06.csv}:
 * 高德POI分类与编码（中英文）V1.06, 2023-02-08, 915 rows) and the curated per-category allow-list ({@code
 * reference/amap_category_codes.csv}).
 *
 * <p>{@link #problems} checks a category configuration against both: every configured prefix names
 * a code or a class of the table, and every table code that a category takes (by the longest-prefix
 * rule of {@link TypecodeMapper}) is on that category's allow-list, so a prefix that pulls in a
 * wrong 小类 is reported. Immutable and thread-safe; serializable so ingest tasks can check
 * typecodes.
 */
public final class AmapCodeTable implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** File name of the code table under {@code reference/}. */
  public static final String TABLE_FILE = "amap_poi_codes_v1.06.csv";

  /** File name of the curated allow-list under {@code reference/}. */
  public static final String ALLOW_LIST_FILE = "amap_category_codes.csv";

  private static final Pattern CODE = Pattern.compile("[0-9]{6}");

  /** One row: 6-digit code, 大类, 中类, 小类. */
  public record Row(String code, String major, String middle, String minor) {
    /** {@code code 大类;中类;小类}, as the review quotes rows. */
    public String label() {
      return code + " " + major + ";" + middle + ";" + minor;
    }
  }

  private final TreeMap<String, Row> rows;

  private AmapCodeTable(TreeMap<String, Row> rows) {
    this.rows = rows;
  }

  /** Reads the table (UTF-8 CSV with header {@code 序号,NEW_TYPE,大类,中类,小类,...}). */
  public static AmapCodeTable load(Path file) {
    List<List<String>> records = csv(file);
    if (records.isEmpty()
        || records.get(0).size() < 5
        || !records.get(0).get(1).equals("NEW_TYPE")) {
      throw new ConfigException(
          "Cannot read Amap code table " + file + ": header is not 序号,NEW_TYPE,大类,中类,小类,...");
    }
    TreeMap<String, Row> rows = new TreeMap<>();
    for (int i = 1; i < records.size(); i++) {
      List<String> r = records.get(i);
      if (r.size() < 5 || !CODE.matcher(r.get(1)).matches()) {
        throw new ConfigException(
            "Cannot read Amap code table "
                + file
                + " row "
                + (i + 1)
                + ": code "
                + (r.size() > 1 ? r.get(1) : r)
                + " is not 6 digits");
      }
      if (rows.put(r.get(1), new Row(r.get(1), r.get(2), r.get(3), r.get(4))) != null) {
        throw new ConfigException(
            "Cannot read Amap code table "
                + file
                + " row "
                + (i + 1)
                + ": code "
                + r.get(1)
                + " twice");
      }
    }
    return new AmapCodeTable(rows);
  }

  /**
   * Reads the allow-list: header {@code category,code,subclass_zh,note}; returns the codes per
   * category. A code that is not in this table, or whose 小类 differs from the table's, is an error.
   */
  public Map<String, Set<String>> loadAllowList(Path file) {
    List<List<String>> records = csv(file);
    if (records.isEmpty()
        || !records
            .get(0)
            .subList(0, Math.min(3, records.get(0).size()))
            .equals(List.of("category", "code", "subclass_zh"))) {
      throw new ConfigException(
          "Cannot read allow-list " + file + ": header is not category,code,subclass_zh,...");
    }
    Map<String, Set<String>> allowed = new LinkedHashMap<>();
    for (int i = 1; i < records.size(); i++) {
      List<String> r = records.get(i);
      Row row = r.size() >= 3 ? rows.get(r.get(1)) : null;
      if (row == null) {
        throw new ConfigException(
            "Cannot read allow-list "
                + file
                + " row "
                + (i + 1)
                + ": code "
                + (r.size() > 1 ? r.get(1) : r)
                + " is not in the Amap code table");
      }
      if (!row.minor().equals(r.get(2))) {
        throw new ConfigException(
            "Cannot read allow-list "
                + file
                + " row "
                + (i + 1)
                + ": code "
                + r.get(1)
                + " is "
                + row.minor()
                + " in the table, not "
                + r.get(2));
      }
      allowed.computeIfAbsent(r.get(0), k -> new TreeSet<>()).add(r.get(1));
    }
    return Collections.unmodifiableMap(allowed);
  }

  public int size() {
    return rows.size();
  }

  /** True when {@code code} is a row of the table. */
  public boolean contains(String code) {
    return rows.containsKey(code);
  }

  public Row row(String code) {
    return rows.get(code);
  }

  /** Rows whose code starts with {@code prefix}, in code order. */
  public List<Row> under(String prefix) {
    List<Row> result = new ArrayList<>();
    for (Row r : rows.tailMap(prefix, true).values()) {
      if (!r.code().startsWith(prefix)) {
        break;
      }
      result.add(r);
    }
    return result;
  }

  /**
   * True when a typecode field ({@code "060200"} or {@code "060200|060400"}) holds at least one
   * code of the table; false for blank fields too (callers count only non-blank ones).
   */
  public boolean knows(String typecodes) {
    if (typecodes == null) {
      return false;
    }
    for (String part : typecodes.split("\\|", -1)) {
      if (rows.containsKey(part.strip())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Problems of {@code categories} against this table and {@code allowed} (codes per category id),
   * one line each, empty when there are none: a prefix with no row; a table code a category takes
   * but its allow-list lacks; an allow-listed code the category does not take (a stale allow-list).
   */
  public List<String> problems(Categories categories, Map<String, Set<String>> allowed) {
    List<String> problems = new ArrayList<>();
    TypecodeMapper mapper = TypecodeMapper.of(categories);
    Map<String, Set<String>> taken = new TreeMap<>();
    for (Row r : rows.values()) {
      mapper
          .categoryOfTypecodes(r.code())
          .ifPresent(id -> taken.computeIfAbsent(id, k -> new TreeSet<>()).add(r.code()));
    }
    for (Category c : categories.categories()) {
      for (String prefix : c.amapTypecodes()) {
        if (under(prefix).isEmpty()) {
          problems.add(
              "Cannot use Amap typecode "
                  + prefix
                  + " of "
                  + c.id()
                  + ": no such code or class in "
                  + TABLE_FILE);
        }
      }
      Set<String> allow = allowed.getOrDefault(c.id(), Set.of());
      for (String code : taken.getOrDefault(c.id(), Set.of())) {
        if (!allow.contains(code)) {
          problems.add(
              "Cannot map "
                  + rows.get(code).label()
                  + " to "
                  + c.id()
                  + ": not on its allow-list in "
                  + ALLOW_LIST_FILE
                  + " (narrow the prefix or extend the allow-list)");
        }
      }
      for (String code : allow) {
        if (!taken.getOrDefault(c.id(), Set.of()).contains(code)) {
          problems.add(
              "Cannot find "
                  + (rows.containsKey(code) ? rows.get(code).label() : code)
                  + " in the typecodes of "
                  + c.id()
                  + ": allow-listed but not configured (or taken by another category)");
        }
      }
    }
    for (String id : allowed.keySet()) {
      if (categories.find(id).isEmpty()) {
        problems.add(
            "Cannot find category " + id + " of " + ALLOW_LIST_FILE + ": not in the configuration");
      }
    }
    return problems;
  }

  /**
   * The CSV records of a reference file (UTF-8, a byte-order mark skipped), through {@link Csv}.
   */
  private static List<List<String>> csv(Path file) {
    notNull(file, "file");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return Csv.records(text, file.toString());
    } catch (InputException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }
}
