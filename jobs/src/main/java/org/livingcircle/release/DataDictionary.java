package org.livingcircle.release;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.livingcircle.common.Csv;
import org.livingcircle.config.Categories;
import org.livingcircle.config.Category;
import org.livingcircle.config.YamlConfig;

/**
 * The data dictionary of {@code schemas/data-dictionary.yaml}: column patterns such as {@code
 * dist_m_{category}} expanded against the real columns of each released table, with the category
 * names of {@code conf/categories.yaml}. A column that no entry describes is an error, so the
 * dictionary cannot fall behind the tables.
 */
public final class DataDictionary {
  /** Schema file name under {@code schemas/}. */
  public static final String SCHEMA = "data-dictionary.schema.json";

  /** One entry of the YAML file. */
  public record Entry(
      String pattern, List<String> tables, String unit, String zh, String en, String method) {}

  /** The YAML file's root. */
  public record Entries(List<Entry> columns) {}

  /** A described column of a released table. */
  public record Column(
      String table, String column, String type, String unit, String zh, String en, String method) {}

  private final List<Entry> entries;
  private final List<Pattern> patterns;
  private final Categories categories;

  public DataDictionary(List<Entry> entries, Categories categories) {
    this.entries = List.copyOf(entries);
    this.categories = categories;
    StringBuilder ids = new StringBuilder();
    for (Category c : categories.categories()) {
      ids.append(ids.length() == 0 ? "" : "|").append(Pattern.quote(c.id()));
    }
    this.patterns = new ArrayList<>();
    for (Entry e : this.entries) {
      String regex =
          Pattern.quote(e.pattern())
              .replace("{category}", "\\E(?<category>" + ids + ")\\Q")
              .replace("{t}", "\\E(?<t>[0-9]+)\\Q")
              .replace("{capacity}", "\\E(?<capacity>[a-z][a-z_]*?)\\Q")
              .replace("{measure}", "\\E[a-z][a-z0-9_]*\\Q");
      patterns.add(Pattern.compile(regex));
    }
  }

  /** Loads {@code file} (validated against {@link #SCHEMA}). */
  public static DataDictionary load(Path file, Categories categories) {
    return new DataDictionary(YamlConfig.load(file, SCHEMA, Entries.class).columns(), categories);
  }

  /**
   * Describes {@code column} of {@code table}.
   *
   * @throws IllegalArgumentException if no entry matches
   */
  public Column describe(String table, String column, String type) {
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (!e.tables().contains("*") && !e.tables().contains(table)) {
        continue;
      }
      Matcher m = patterns.get(i).matcher(column);
      if (!m.matches()) {
        continue;
      }
      String categoryZh = "";
      String categoryEn = "";
      String t = "";
      String capacity = "";
      String threshold = "";
      if (e.pattern().contains("{category}")) {
        Category c = categories.categories().get(categories.indexOf(m.group("category")));
        categoryZh = c.nameZh();
        categoryEn = c.nameEn();
        threshold = c.threshold().label();
      }
      if (e.pattern().contains("{t}")) {
        t = m.group("t");
      }
      if (e.pattern().contains("{capacity}")) {
        capacity = m.group("capacity").replace('_', ' ');
      }
      return new Column(
          table,
          column,
          type,
          fill(e.unit(), categoryZh, categoryEn, t, capacity).replace("{threshold}", threshold),
          fill(e.zh(), categoryZh, categoryEn, t, capacity).replace("{threshold}", threshold),
          fill(e.en(), categoryZh, categoryEn, t, capacity).replace("{threshold}", threshold),
          fill(e.method(), categoryZh, categoryEn, t, capacity).replace("{threshold}", threshold));
    }
    throw new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "Cannot describe column %s of table %s: no entry of schemas/data-dictionary.yaml matches; add one",
            column,
            table));
  }

  private static String fill(
      String text, String categoryZh, String categoryEn, String t, String capacity) {
    return text.replace("{category_zh}", categoryZh)
        .replace("{category_en}", categoryEn)
        .replace("{t}", t)
        .replace("{capacity}", capacity);
  }

  /** CSV of the described columns (UTF-8, RFC 4180 quoting). */
  public static String csv(List<Column> columns) {
    StringBuilder s = new StringBuilder("table,column,type,unit,meaning_zh,meaning_en,method\n");
    for (Column c : columns) {
      s.append(
          Csv.line(
              Arrays.asList(
                  c.table(), c.column(), c.type(), c.unit(), c.zh(), c.en(), c.method())));
    }
    return s.toString();
  }

  /** Markdown of the described columns, one section per table. */
  public static String markdown(List<Column> columns) {
    StringBuilder s =
        new StringBuilder(
            "# 数据字典 Data dictionary\n\n"
                + "Generated from `schemas/data-dictionary.yaml` and `conf/categories.yaml` by `lcp release`.\n");
    String table = null;
    for (Column c : columns) {
      if (!c.table().equals(table)) {
        table = c.table();
        s.append("\n## ")
            .append(table)
            .append(
                "\n\n| column | type | unit | 含义 | meaning | method |\n| --- | --- | --- | --- | --- | --- |\n");
      }
      s.append("| `")
          .append(c.column())
          .append("` | ")
          .append(c.type())
          .append(" | ")
          .append(md(c.unit()))
          .append(" | ")
          .append(md(c.zh()))
          .append(" | ")
          .append(md(c.en()))
          .append(" | ")
          .append(md(c.method()))
          .append(" |\n");
    }
    return s.toString();
  }

  private static String md(String v) {
    return v == null ? "" : v.replace("|", "\\|");
  }
}
