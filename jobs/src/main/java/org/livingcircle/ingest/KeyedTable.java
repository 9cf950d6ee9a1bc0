package org.livingcircle.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A schema table (census, statistics) whose rows must name a known admin code and be unique by a
 * key: rows of an unknown code are quarantined as {@link Reason#UNKNOWN_ADMIN_CODE}, a repeated key
 * as {@link Reason#DUPLICATE_KEY} (the first one is kept), the rest typed by the schema.
 */
final class KeyedTable {
  /**
   * What a row must satisfy.
   *
   * @param knownCode whether an {@code admin_code} belongs to the city
   * @param cityId names the city in the quarantine detail
   * @param key the row's unique key
   * @param keyLabel names the key in the duplicate detail ({@code "admin_code"}), or empty
   */
  record Rules(
      Predicate<String> knownCode,
      String cityId,
      Function<ObjectNode, String> key,
      String keyLabel) {}

  /**
   * What one file gave.
   *
   * @param rows the accepted rows' values: the schema's columns in order, then source file and line
   * @param quarantined the rejected rows, in file order, under {@code file}
   */
  record Read(long read, List<Object[]> rows, List<Quarantined> quarantined) {}

  private KeyedTable() {}

  /**
   * Reads {@code path} (shown as {@code file}) with {@code table}'s schema and the {@code rules}.
   */
  static Read read(SchemaTable table, Path path, String file, Rules rules) {
    List<String> columns = table.columns();
    List<Object[]> rows = new ArrayList<>();
    List<Quarantined> q = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long read =
        table.read(
            path,
            "auto",
            new SchemaTable.Sink() {
              @Override
              public void accept(long line, ObjectNode r) {
                String code = r.path("admin_code").asText();
                if (!rules.knownCode().test(code)) {
                  q.add(
                      new Quarantined(
                          file,
                          line,
                          Reason.UNKNOWN_ADMIN_CODE,
                          code + " is not a code of " + rules.cityId(),
                          r.toString()));
                  return;
                }
                String key = rules.key().apply(r);
                if (!seen.add(key)) {
                  String label = rules.keyLabel().isEmpty() ? "" : rules.keyLabel() + " ";
                  q.add(
                      new Quarantined(
                          file,
                          line,
                          Reason.DUPLICATE_KEY,
                          label + key + " appears twice",
                          r.toString()));
                  return;
                }
                rows.add(values(table, columns, r, line, file));
              }

              @Override
              public void quarantine(Quarantined row) {
                q.add(new Quarantined(file, row.row(), row.reason(), row.detail(), row.raw()));
              }
            });
    return new Read(read, rows, q);
  }

  /**
   * A row's values typed by the schema (integer as Long, number as Double, boolean, else text),
   * then file and line.
   */
  static Object[] values(
      SchemaTable table, List<String> columns, ObjectNode r, long line, String file) {
    Object[] values = new Object[columns.size() + 2];
    for (int i = 0; i < columns.size(); i++) {
      JsonNode v = r.get(columns.get(i));
      values[i] =
          v == null || v.isNull()
              ? null
              : switch (table.type(columns.get(i))) {
                case "integer" -> v.asLong();
                case "number" -> v.asDouble();
                case "boolean" -> v.asBoolean();
                default -> v.asText();
              };
    }
    values[columns.size()] = file;
    values[columns.size() + 1] = line;
    return values;
  }
}
