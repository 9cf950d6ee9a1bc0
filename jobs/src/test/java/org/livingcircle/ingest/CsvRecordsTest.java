package org.livingcircle.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livingcircle.ingest.CsvRecords.Record;

class CsvRecordsTest {
  private static List<Record> all(String text) {
    CsvRecords records = new CsvRecords(new BufferedReader(new StringReader(text)));
    List<Record> out = new ArrayList<>();
    for (Record r = records.next(); r != null; r = records.next()) {
      out.add(r);
    }
    assertThat(records.next()).isNull();
    return out;
  }

  private static Record rec(long line, String raw, boolean unterminated, String... fields) {
    return new Record(line, raw, List.of(fields), unterminated);
  }

  @Test
  void plainRecordsWithTheirLines() {
    assertThat(all("a,b,c\n1,2,3\n"))
        .containsExactly(
            rec(1, "a,b,c", false, "a", "b", "c"), rec(2, "1,2,3", false, "1", "2", "3"));
  }

  @Test
  void lastRecordNeedsNoLineBreakAndCrLfIsOneBreak() {
    assertThat(all("a,b\r\n1,2"))
        .containsExactly(rec(1, "a,b", false, "a", "b"), rec(2, "1,2", false, "1", "2"));
  }

  @Test
  void emptyInputHasNoRecords() {
    assertThat(all("")).isEmpty();
    assertThat(all("\n  \n")).isEmpty();
  }

  @Test
  void quotedFieldKeepsItsCommas() {
    assertThat(all("\"城区, 新市东街\",2\n"))
        .containsExactly(rec(1, "\"城区, 新市东街\",2", false, "城区, 新市东街", "2"));
  }

  @Test
  void doubledQuoteIsOneQuote() {
    assertThat(all("\"say \"\"hi\"\"\",x\n\"\"\"\"\n"))
        .containsExactly(
            rec(1, "\"say \"\"hi\"\"\",x", false, "say \"hi\"", "x"),
            rec(2, "\"\"\"\"", false, "\""));
  }

  @Test
  void quotedFieldMaySpanLinesAndTheNextRecordKeepsItsLineNumber() {
    assertThat(all("id,address\n1,\"一号楼\n二单元\"\n2,x\n"))
        .containsExactly(
            rec(1, "id,address", false, "id", "address"),
            rec(2, "1,\"一号楼\n二单元\"", false, "1", "一号楼\n二单元"),
            rec(4, "2,x", false, "2", "x"));
  }

  @Test
  void quotedLineBreakInACrLfFileBecomesOneLineFeed() {
    assertThat(all("1,\"a\r\nb\"\r\n2,c\r\n"))
        .containsExactly(rec(1, "1,\"a\nb\"", false, "1", "a\nb"), rec(3, "2,c", false, "2", "c"));
  }

  @Test
  void blankLinesAreSkippedButCounted() {
    assertThat(all("a\n\n   \nb\n"))
        .containsExactly(rec(1, "a", false, "a"), rec(4, "b", false, "b"));
  }

  @Test
  void raggedRowsKeepTheirOwnFieldCounts() {
    assertThat(all("a,b\n1\n1,2,3\n")).extracting(r -> r.fields().size()).containsExactly(2, 1, 3);
  }

  @Test
  void emptyFieldsAndTrailingCommaCount() {
    assertThat(all(",,\na,b,\n"))
        .containsExactly(rec(1, ",,", false, "", "", ""), rec(2, "a,b,", false, "a", "b", ""));
    assertThat(all("\"\",x\n")).containsExactly(rec(1, "\"\",x", false, "", "x"));
  }

  @Test
  void unquotedFieldsAreStrippedQuotedOnesAreNot() {
    assertThat(all(" a , b ,\" c \"\n"))
        .containsExactly(rec(1, " a , b ,\" c \"", false, "a", "b", " c "));
    // space before the opening quote is not part of the field
    assertThat(all("a,  \"x,y\"\n")).containsExactly(rec(1, "a,  \"x,y\"", false, "a", "x,y"));
  }

  @Test
  void quoteInsideAnUnquotedFieldIsText() {
    assertThat(all("5\"3,x\n")).containsExactly(rec(1, "5\"3,x", false, "5\"3", "x"));
  }

  @Test
  void unterminatedQuoteRunsToTheEndAndIsFlagged() {
    assertThat(all("h\na,\"unclosed\nmore\n"))
        .containsExactly(
            rec(1, "h", false, "h"), rec(2, "a,\"unclosed\nmore", true, "a", "unclosed\nmore"));
  }
}
