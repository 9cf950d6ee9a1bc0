package org.livingcircle.common;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The project's one CSV library (Jackson's CSV module), RFC 4180 with {@code \n} line ends. Two
 * quoting rules: {@link #line} quotes a field only when it holds a comma, a double quote or a line
 * feed; {@link #quoted} always quotes a text (the quarantine files). {@code null} is an empty,
 * unquoted field in both. Thread-safe.
 */
public final class Csv {
  private static final ObjectWriter MINIMAL =
      new CsvMapper()
          .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
          .writer(CsvSchema.emptySchema());
  private static final ObjectWriter ALWAYS =
      new CsvMapper()
          .enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS)
          .writer(CsvSchema.emptySchema());
  private static final ObjectReader RECORDS =
      new CsvMapper()
          .enable(CsvParser.Feature.WRAP_AS_ARRAY)
          .readerForListOf(String.class)
          .with(CsvSchema.emptySchema());

  private Csv() {}

  /**
   * One record ending in {@code \n}: each field quoted only when it holds {@code ,}, {@code "} or a
   * line feed.
   */
  public static String line(List<String> fields) {
    return write(MINIMAL, fields);
  }

  /** {@link #line} of {@code fields}. */
  public static String line(String... fields) {
    return line(Arrays.asList(fields));
  }

  /**
   * One field, always in double quotes (inner quotes doubled); {@code null} is the empty, unquoted
   * field.
   */
  public static String quoted(String field) {
    String record = write(ALWAYS, Arrays.asList(field));
    return record.substring(0, record.length() - 1);
  }

  private static String write(ObjectWriter writer, List<String> fields) {
    try {
      return writer.writeValueAsString(List.of(fields));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every record of {@code text} (a leading byte-order mark skipped; {@code \n}, {@code \r\n} or
   * {@code \r} line ends); a blank line is an empty record.
   *
   * @param source names the text in the error message
   * @throws InputException naming {@code source} and the line when a quote is not closed
   */
  public static List<List<String>> records(String text, String source) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<List<String>> records = new ArrayList<>();
    try (MappingIterator<List<String>> it = RECORDS.readValues(body)) {
      while (it.hasNextValue()) {
        records.add(it.nextValue());
      }
    } catch (IOException | RuntimeException e) {
      throw new InputException("Cannot read CSV " + source + ": " + problem(e));
    }
    return records;
  }

  private static String problem(Exception e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.toString() : t.getMessage();
    // Jackson's "at [Source: …; line: n, column: m]" in one line
    return message.replace('\n', ' ').replaceAll("\\s+", " ").replace("(String)\"", "").strip();
  }
}
