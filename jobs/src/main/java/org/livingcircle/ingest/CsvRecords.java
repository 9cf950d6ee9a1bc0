package org.livingcircle.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records with their first line number and original text: quoted fields may hold commas,
 * doubled quotes and line breaks. Blank lines are skipped. Not thread-safe.
 */
public final class CsvRecords {
  /** One record: 1-based line number where it starts, its raw text, and its fields. */
  public record Record(long line, String raw, List<String> fields, boolean unterminatedQuote) {}

  private final BufferedReader reader;
  private long nextLine = 1;

  public CsvRecords(BufferedReader reader) {
    this.reader = reader;
  }

  /** Returns the next record, or null at the end. */
  public Record next() {
    try {
      String physical = reader.readLine();
      while (physical != null && physical.isBlank()) {
        nextLine++;
        physical = reader.readLine();
      }
      if (physical == null) {
        return null;
      }
      long start = nextLine++;
      StringBuilder raw = new StringBuilder(physical);
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean fieldWasQuoted = false;
      String text = physical;
      int i = 0;
      while (true) {
        if (i >= text.length()) {
          if (quoted) {
            String more = reader.readLine();
            if (more == null) {
              fields.add(field.toString());
              return new Record(start, raw.toString(), fields, true);
            }
            nextLine++;
            raw.append('\n').append(more);
            field.append('\n');
            text = more;
            i = 0;
            continue;
          }
          fields.add(fieldWasQuoted ? field.toString() : field.toString().strip());
          return new Record(start, raw.toString(), fields, false);
        }
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"') {
            if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
              field.append('"');
              i++;
            } else {
              quoted = false;
            }
          } else {
            field.append(c);
          }
        } else if (c == '"' && field.toString().isBlank()) {
          quoted = true;
          fieldWasQuoted = true;
          field.setLength(0);
        } else if (c == ',') {
          fields.add(fieldWasQuoted ? field.toString() : field.toString().strip());
          field.setLength(0);
          fieldWasQuoted = false;
        } else {
          field.append(c);
        }
        i++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
