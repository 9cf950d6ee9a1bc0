package org.livingcircle.publish.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Expected bytes are written out by hand from the PostgreSQL COPY binary format and IEEE 754. */
class PgCopyBinaryTest {
  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @Test
  void framesTheStreamWithSignatureAndTrailer() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PgCopyBinary.writeHeader(out);
    PgCopyBinary.writeTrailer(out);

    // "PGCOPY\n" ff "\r\n" 00, flags 0, extension 0, trailer -1
    assertThat(hex(out.toByteArray()))
        .isEqualTo("5047434f50590aff0d0a00" + "00000000" + "00000000" + "ffff");
  }

  @Test
  void writesCountLengthsAndBigEndianValues() {
    byte[] row =
        new PgCopyBinary()
            .begin(5)
            .field(PgType.BIGINT, 258L)
            .field(PgType.INTEGER, -1)
            .field(PgType.TEXT, "长")
            .field(PgType.TEXT, null)
            .field(PgType.BOOLEAN, true)
            .bytes();

    assertThat(hex(row))
        .isEqualTo(
            "0005"
                + "00000008"
                + "0000000000000102"
                + "00000004"
                + "ffffffff"
                + "00000003"
                + "e995bf" // U+957F in UTF-8
                + "ffffffff"
                + "00000001"
                + "01");
  }

  @Test
  void writesFloatBitsUnchanged() {
    byte[] row =
        new PgCopyBinary()
            .begin(3)
            .field(PgType.DOUBLE, 1.0)
            .field(PgType.DOUBLE, -0.0)
            .field(PgType.REAL, 1.0f)
            .bytes();

    assertThat(hex(row))
        .isEqualTo(
            "0003"
                + "00000008"
                + "3ff0000000000000"
                + "00000008"
                + "8000000000000000"
                + "00000004"
                + "3f800000");
  }

  @Test
  void countsTimesFromTheYear2000() {
    byte[] row =
        new PgCopyBinary()
            .begin(3)
            // one day and 1 µs after 2000-01-01T00:00Z: 86,400,000,001 µs = 0x141dd76001
            .field(PgType.TIMESTAMPTZ, Timestamp.from(Instant.parse("2000-01-02T00:00:00.000001Z")))
            .field(PgType.TIMESTAMP, LocalDateTime.parse("1999-12-31T23:59:59"))
            .field(PgType.DATE, Date.valueOf(LocalDate.parse("2000-01-03")))
            .bytes();

    assertThat(hex(row))
        .isEqualTo(
            "0003"
                + "00000008"
                + "000000141dd76001"
                + "00000008"
                + "fffffffffff0bdc0" // -1,000,000 µs
                + "00000004"
                + "00000002");
  }

  @Test
  void passesGeometryBytesThrough() {
    byte[] ewkb = {1, 1, 0, 0, 32};

    assertThat(hex(new PgCopyBinary().begin(1).field(PgType.GEOMETRY, ewkb).bytes()))
        .isEqualTo("0001" + "00000005" + "0101000020");
  }

  @Test
  void startsEachRowAfresh() {
    PgCopyBinary encoder = new PgCopyBinary();
    encoder.begin(2).field(PgType.INTEGER, 1).field(PgType.INTEGER, 2);

    assertThat(hex(encoder.begin(1).field(PgType.INTEGER, 3).bytes()))
        .isEqualTo("0001" + "00000004" + "00000003");
  }
}
