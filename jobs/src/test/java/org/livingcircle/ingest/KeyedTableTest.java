package org.livingcircle.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped census schema on a SYNTHETIC file: one accepted row per code, the rest quarantined
 * with their reason.
 */
class KeyedTableTest {
  @TempDir Path tmp;

  private static final String HEADER =
      "admin_code,admin_name,level,pop_total,pop_0_2,pop_3_5,pop_6_14,pop_60_plus,"
          + "pop_65_plus,households,year,source,data_note\n";

  @Test
  void unknownCodesAndRepeatedKeysAreQuarantinedAndTheRestTyped() throws Exception {
    Path file = tmp.resolve("census.csv");
    Files.writeString(
        file,
        HEADER
            + "140502,城区,county,1000,,,,,,,2020,SYNTHETIC,\n" // line 2: accepted
            + "999999,Nowhere,county,5,,,,,,,2020,SYNTHETIC,\n" // line 3: unknown code
            + "140502,城区 again,county,7,,,,,,,2020,SYNTHETIC,\n" // line 4: repeated key
            + "140581,高平,county,-1,,,,,,,2020,SYNTHETIC,\n" // line 5: schema minimum
            + "140581,高平,county,2000,1,,,,,,2020,SYNTHETIC,note\n"); // line 6: accepted
    KeyedTable.Rules rules =
        new KeyedTable.Rules(
            Set.of("140502", "140581")::contains,
            "jincheng",
            r -> r.path("admin_code").asText(),
            "admin_code");

    KeyedTable.Read read =
        KeyedTable.read(new SchemaTable("census_row"), file, "census.csv", rules);

    assertThat(read.read()).isEqualTo(5);
    assertThat(read.quarantined())
        .extracting(Quarantined::file, Quarantined::row, Quarantined::reason)
        .containsExactly(
            tuple("census.csv", 3L, Reason.UNKNOWN_ADMIN_CODE),
            tuple("census.csv", 4L, Reason.DUPLICATE_KEY),
            tuple("census.csv", 5L, Reason.SCHEMA_VIOLATION));
    assertThat(read.quarantined().get(0).detail()).isEqualTo("999999 is not a code of jincheng");
    assertThat(read.quarantined().get(1).detail()).isEqualTo("admin_code 140502 appears twice");
    assertThat(read.rows()).hasSize(2);
    // the schema's 13 columns, then source file and line; integers as Long, empty cells as null
    assertThat(read.rows().get(0))
        .containsExactly(
            "140502",
            "城区",
            "county",
            1000L,
            null,
            null,
            null,
            null,
            null,
            null,
            2020L,
            "SYNTHETIC",
            null,
            "census.csv",
            2L);
    assertThat(read.rows().get(1)[4]).isEqualTo(1L);
    assertThat(read.rows().get(1)[12]).isEqualTo("note");
  }

  @Test
  void aKeyWithoutLabelIsNamedAlone() throws Exception {
    Path file = tmp.resolve("c.csv");
    Files.writeString(
        file,
        HEADER
            + "140502,a,county,1,,,,,,,2020,S,\n140502,b,county,2,,,,,,,2021,S,\n140502,c,county,3,,,,,,,2020,S,\n");
    KeyedTable.Rules byYear =
        new KeyedTable.Rules(
            code -> true,
            "x",
            r -> r.path("admin_code").asText() + "/" + r.path("year").asText(),
            "");

    KeyedTable.Read read = KeyedTable.read(new SchemaTable("census_row"), file, "c.csv", byYear);

    assertThat(read.rows()).extracting(v -> v[1]).containsExactly("a", "b");
    assertThat(read.quarantined())
        .extracting(Quarantined::detail)
        .containsExactly("140502/2020 appears twice");
  }
}
