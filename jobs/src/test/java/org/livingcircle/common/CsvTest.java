package org.livingcircle.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void lineQuotesOnlyCommaQuoteAndLineFeed() {
    String line =
        Csv.line(
            Arrays.asList(
                "plain",
                "",
                null,
                "a,b",
                "say \"hi\"",
                "two\nlines",
                "cr\rhere",
                " padded ",
                "中文"));

    assertThat(line)
        .isEqualTo("plain,,,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",cr\rhere, padded ,中文\n");
  }

  @Test
  void quotedAlwaysQuotesTextButNotNull() {
    assertThat(Csv.quoted("x")).isEqualTo("\"x\"");
    assertThat(Csv.quoted("")).isEqualTo("\"\"");
    assertThat(Csv.quoted("a\"b,c")).isEqualTo("\"a\"\"b,c\"");
    assertThat(Csv.quoted(null)).isEmpty();
  }

  @Test
  void recordsSkipTheByteOrderMarkAndReadQuotedFieldsAndEveryLineEnd() {
    String text = "\uFEFFcode,name\r\n1,\"a,b\"\n2,\"say \"\"hi\"\"\"\r3,\"two\nlines\"\n";

    assertThat(Csv.records(text, "t.csv"))
        .containsExactly(
            List.of("code", "name"),
            List.of("1", "a,b"),
            List.of("2", "say \"hi\""),
            List.of("3", "two\nlines"));
  }

  @Test
  void recordsReadWhatLineWrites() {
    List<String> fields = List.of("", "a,b", "\"", "x\ny", "中文,\"");

    assertThat(Csv.records(Csv.line(fields) + Csv.line(fields), "round trip"))
        .containsExactly(fields, fields);
  }

  @Test
  void recordsNameTheSourceAndLineOfAnUnclosedQuote() {
    assertThatThrownBy(() -> Csv.records("a,b\n1,\"open\n", "data/x.csv"))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("Cannot read CSV data/x.csv: Missing closing quote for value")
        .hasMessageContaining("line: 3");
  }
}
