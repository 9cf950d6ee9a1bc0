package org.livingcircle.publish.postgis;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Appends values in PostgreSQL's COPY text format: tab-separated, {@code \N} for null, backslash escapes for
 * backslash, tab, newline and carriage return. Doubles use Java's shortest round-trip form, which PostgreSQL parses to
 * the same bits ({@code Infinity}, {@code -Infinity} and {@code NaN} included). Geometries arrive as EWKB bytes and are
 * written as hex, which PostGIS's geometry input accepts. Not thread-safe (one instance per partition).
 */
final class PgCopyText {
  static final String NULL = "\\N";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder line = new StringBuilder(512);
  private int nFieldsInRow;

  /** Starts a new row. */
  PgCopyText begin() {
    line.setLength(0);
    nFieldsInRow = 0;
    return this;
  }

  /**
   * Appends one field; a tab goes before every field but the first.
   *
   * @param value the Java value Spark gives for {@code type}; null for SQL NULL
   */
  PgCopyText field(PgType type, Object value) {
    if (nFieldsInRow > 0) {
      line.append('\t');
    }
    nFieldsInRow++;
    if (value == null) {
      line.append(NULL);
      return this;
    }
    switch (type) {
      case BIGINT, INTEGER, SMALLINT, DOUBLE, REAL -> line.append(value);
      case NUMERIC -> line.append(((BigDecimal) value).toPlainString());
      case TEXT -> appendEscaped(value.toString());
      case BOOLEAN -> line.append(((Boolean) value) ? 't' : 'f');
      case TIMESTAMPTZ -> line.append(value instanceof Timestamp ts ? ts.toInstant() : (Instant) value);
      case TIMESTAMP -> line.append((LocalDateTime) value);
      case DATE -> line.append(value instanceof Date date ? date.toLocalDate() : (LocalDate) value);
      case BYTEA -> appendHex(line.append("\\\\x"), (byte[]) value);
      case GEOMETRY -> appendHex(line, (byte[]) value);
      default -> throw new IllegalStateException("unreachable: " + type);
    }
    return this;
  }

  /** Ends the row and returns it, newline included. */
  String end() {
    return line.append('\n').toString();
  }

  private void appendEscaped(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> line.append("\\\\");
        case '\t' -> line.append("\\t");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        default -> line.append(c);
      }
    }
  }

  private static void appendHex(StringBuilder out, byte[] bytes) {
    for (byte b : bytes) {
      out.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }
  }
}
