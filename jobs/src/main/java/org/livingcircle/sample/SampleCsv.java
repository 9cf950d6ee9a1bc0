package org.livingcircle.sample;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV helpers with fixed, locale-free number formatting. */
final class SampleCsv {
  private SampleCsv() {}

  /**
   * Appends {@code value} to {@code sb}, quoted only if it contains a comma, quote or line break.
   */
  static StringBuilder field(StringBuilder sb, String value) {
    if (value.indexOf(',') >= 0
        || value.indexOf('"') >= 0
        || value.indexOf('\n') >= 0
        || value.indexOf('\r') >= 0) {
      sb.append('"').append(value.replace("\"", "\"\"")).append('"');
    } else {
      sb.append(value);
    }
    return sb;
  }

  /** One CSV record (no line terminator) from {@code values}. */
  static String line(List<String> values) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      field(sb, values.get(i));
    }
    return sb.toString();
  }

  /** Appends {@code x} with exactly 6 decimals, half-up, no locale, no exponent. */
  static StringBuilder fixed6(StringBuilder sb, double x) {
    long micro = Math.round(x * 1_000_000.0);
    if (micro < 0) {
      sb.append('-');
      micro = -micro;
    }
    sb.append(micro / 1_000_000).append('.');
    String frac = Long.toString(micro % 1_000_000);
    for (int i = frac.length(); i < 6; i++) {
      sb.append('0');
    }
    return sb.append(frac);
  }

  static String fixed6(double x) {
    return fixed6(new StringBuilder(12), x).toString();
  }

  /** Splits one CSV record (no embedded line breaks) into fields. */
  static List<String> parseLine(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
