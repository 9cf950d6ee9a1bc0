package org.livingcircle.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.common.InputException;

/**
 * The census schema as shipped (schemas/census_row.schema.json) and a test-only schema of every
 * cell type.
 */
class SchemaTableTest {
  @TempDir Path tmp;

  static final class Rows implements SchemaTable.Sink {
    final List<Long> lines = new ArrayList<>();
    final List<String> accepted = new ArrayList<>();
    final List<Quarantined> quarantined = new ArrayList<>();

    @Override
    public void accept(long line, ObjectNode row) {
      lines.add(line);
      accepted.add(row.toString());
    }

    @Override
    public void quarantine(Quarantined row) {
      quarantined.add(row);
    }
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = tmp.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  private Path write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void censusRowsAreTypedByTheSchemaAndViolationsQuarantined() throws IOException {
    String text =
        "admin_code,admin_name,level,pop_total,pop_0_2,year,source\n"
            + "140502,城区,county,500000,12000,2020,七普\n"
            + "140522,阳城县,county,,,2020,七普\n"
            + "140581,高平市,county,-5,,2020,七普\n"
            + "140525,泽州县,county,abc,,2020,七普\n"
            + "140524,陵川县,county\n"
            + "140502001,西街街道,township,31000,,2020,七普\n"
            + "14050,短码,county,1,,2020,七普\n"
            + "140521,沁水县,district,1,,2020,七普\n";
    Path file = write("census.csv", text);
    Rows rows = new Rows();
    long read = new SchemaTable("census_row").read(file, "auto", rows);
    assertThat(read).isEqualTo(8);
    assertThat(rows.lines).containsExactly(2L, 7L);
    // the code stays text although it looks like a number; empty cells are absent, not zero
    assertThat(rows.accepted)
        .containsExactly(
            "{\"admin_code\":\"140502\",\"admin_name\":\"城区\",\"level\":\"county\",\"pop_total\":500000,\"pop_0_2\":12000,"
                + "\"year\":2020,\"source\":\"七普\"}",
            "{\"admin_code\":\"140502001\",\"admin_name\":\"西街街道\",\"level\":\"township\",\"pop_total\":31000,"
                + "\"year\":2020,\"source\":\"七普\"}");
    String f = file.toString();
    // the details are the validator's own words (networknt json-schema-validator 1.0.87), sorted
    // and joined by "; "
    assertThat(rows.quarantined)
        .extracting(Quarantined::file, Quarantined::row, Quarantined::reason, Quarantined::detail)
        .containsExactly(
            tuple(f, 3L, Reason.SCHEMA_VIOLATION, "$.pop_total: is missing but it is required"),
            tuple(f, 4L, Reason.SCHEMA_VIOLATION, "$.pop_total: must have a minimum value of 0"),
            tuple(f, 5L, Reason.SCHEMA_VIOLATION, "$.pop_total: string found, integer expected"),
            tuple(f, 6L, Reason.MALFORMED_ROW, "3 fields, header has 7"),
            tuple(
                f,
                8L,
                Reason.SCHEMA_VIOLATION,
                "$.admin_code: does not match the regex pattern ^[0-9]{6}([0-9]{3}([0-9]{3})?)?$"),
            tuple(
                f,
                9L,
                Reason.SCHEMA_VIOLATION,
                "$.level: does not have a value in the enumeration [city, county, township, village]"));
    assertThat(rows.quarantined.get(3).raw()).isEqualTo("140524,陵川县,county");
  }

  @Test
  void gbkFileIsRead() throws IOException {
    String text =
        "admin_code,admin_name,level,pop_total,year,source\n140502,城区,county,500000,2020,七普\n";
    Path file = write("census-gbk.csv", text.getBytes(Charset.forName("GBK")));
    Rows rows = new Rows();
    assertThat(new SchemaTable("census_row").read(file, "auto", rows)).isEqualTo(1);
    assertThat(rows.accepted)
        .containsExactly(
            "{\"admin_code\":\"140502\",\"admin_name\":\"城区\",\"level\":\"county\",\"pop_total\":500000,\"year\":2020,\"source\":\"七普\"}");
  }

  @Test
  void cellsAreConvertedByType() throws IOException {
    String text =
        "code,count,share,open,kind\n" + "a, 7 ,0.25,TRUE,a\n" + "b,,,false,\n" + "c,7.5,x,yes,c\n";
    Path file = write("typed.csv", text);
    Rows rows = new Rows();
    assertThat(new SchemaTable("typed_cells_test").read(file, "auto", rows)).isEqualTo(3);
    assertThat(rows.accepted)
        .containsExactly(
            "{\"code\":\"a\",\"count\":7,\"share\":0.25,\"open\":true,\"kind\":\"a\"}",
            "{\"code\":\"b\",\"open\":false}");
    // cells that do not parse stay text, so the schema names the column that is wrong
    assertThat(rows.quarantined)
        .extracting(Quarantined::row, Quarantined::reason, Quarantined::detail)
        .containsExactly(
            tuple(
                4L,
                Reason.SCHEMA_VIOLATION,
                "$.count: string found, integer expected; $.kind: does not have a value in the enumeration [a, b];"
                    + " $.open: string found, boolean expected; $.share: string found, but [null, number] is required"));
  }

  @Test
  void columnsAndTypesAreTheSchemas() {
    SchemaTable typed = new SchemaTable("typed_cells_test");
    assertThat(typed.columns()).containsExactly("code", "count", "share", "open", "kind");
    assertThat(typed.type("code")).isEqualTo("string");
    assertThat(typed.type("count")).isEqualTo("integer");
    assertThat(typed.type("share")).isEqualTo("number");
    assertThat(typed.type("open")).isEqualTo("boolean");
    assertThat(typed.type("kind")).isEqualTo("string");
    assertThat(typed.type("undeclared")).isEqualTo("string");
    assertThat(new SchemaTable("census_row").columns())
        .containsExactly(
            "admin_code",
            "admin_name",
            "level",
            "pop_total",
            "pop_0_2",
            "pop_3_5",
            "pop_6_14",
            "pop_60_plus",
            "pop_65_plus",
            "households",
            "year",
            "source",
            "data_note");
  }

  @Test
  void headerWithoutARequiredColumnStopsTheFile() throws IOException {
    Path file =
        write(
            "nosource.csv",
            "admin_code,admin_name,level,pop_total,year\n140502,城区,county,1,2020\n");
    assertThatThrownBy(() -> new SchemaTable("census_row").read(file, "auto", new Rows()))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "Cannot read census_row file " + file + ": header has no 'source' column (line 1)");
  }

  @Test
  void headerErrorNamesTheHeadersOwnLine() throws IOException {
    Path file = write("late.csv", "\n\nadmin_code,admin_name\n");
    assertThatThrownBy(() -> new SchemaTable("census_row").read(file, "auto", new Rows()))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "Cannot read census_row file " + file + ": header has no 'level' column (line 3)");
  }

  @Test
  void emptyFileStopsTheFile() throws IOException {
    Path file = write("empty.csv", "");
    assertThatThrownBy(() -> new SchemaTable("census_row").read(file, "auto", new Rows()))
        .isInstanceOf(InputException.class)
        .hasMessage("Cannot read census_row file " + file + ": it is empty (no header line)");
  }

  @Test
  void unknownSchema() {
    assertThatThrownBy(() -> new SchemaTable("no_such_row"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot find schema /schemas/no_such_row.schema.json on the classpath");
  }
}
