package org.livingcircle.publish.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class PgCopyTextTest {
  @Test
  void writesTabSeparatedFieldsWithNullsAndEscapes() {
    String line = new PgCopyText().begin()
        .field(PgType.BIGINT, 42L)
        .field(PgType.TEXT, "a\tb\\c\nd\re 长治")
        .field(PgType.TEXT, null)
        .field(PgType.BOOLEAN, true)
        .end();

    assertThat(line).isEqualTo("42\ta\\tb\\\\c\\nd\\re 长治\t\\N\tt\n");
  }

  @Test
  void writesNumbersInRoundTripForms() {
    String line = new PgCopyText().begin()
        .field(PgType.DOUBLE, -0.0)
        .field(PgType.DOUBLE, 1e-300)
        .field(PgType.DOUBLE, Double.NaN)
        .field(PgType.DOUBLE, Double.NEGATIVE_INFINITY)
        .field(PgType.REAL, 0.1f)
        .field(PgType.NUMERIC, new BigDecimal("1E+3"))
        .end();

    assertThat(line).isEqualTo("-0.0\t1.0E-300\tNaN\t-Infinity\t0.1\t1000\n");
  }

  @Test
  void writesTimesAsIsoAndBytesAsHex() {
    String line = new PgCopyText().begin()
        .field(PgType.TIMESTAMPTZ, Timestamp.from(Instant.parse("2026-11-29T08:00:00.123456Z")))
        .field(PgType.TIMESTAMP, LocalDateTime.parse("2026-11-29T08:00:00"))
        .field(PgType.DATE, Date.valueOf(LocalDate.parse("2026-11-29")))
        .field(PgType.BYTEA, new byte[] {0, (byte) 0xff})
        .field(PgType.GEOMETRY, new byte[] {1, 2, (byte) 0xab})
        .end();

    assertThat(line).isEqualTo("2026-11-29T08:00:00.123456Z\t2026-11-29T08:00\t2026-11-29\t\\\\x00ff\t0102ab\n");
  }

  @Test
  void startsEachRowAfresh() {
    PgCopyText text = new PgCopyText();
    text.begin().field(PgType.INTEGER, 1).field(PgType.INTEGER, 2).end();

    assertThat(text.begin().field(PgType.INTEGER, 3).end()).isEqualTo("3\n");
  }
}
