package org.livingcircle.publish.postgis;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.postgresql.util.ByteConverter;

/**
 * Encodes rows in PostgreSQL's binary COPY format (PostgreSQL docs, "COPY", section "Binary
 * Format"): a signature header, then per row a 16-bit field count and per field a 32-bit length (-1
 * for NULL) and the type's binary {@code send} form, then a -1 trailer. Geometries go as the EWKB
 * bytes Sedona produces; PostGIS's {@code geometry_recv} parses them and checks the column's type
 * and SRID. Compared with text COPY, neither side formats or parses decimal numbers or hex. Not
 * thread-safe (one instance per partition); reuses one buffer.
 */
final class PgCopyBinary {
  /** "PGCOPY\n\377\r\n\0", flags 0, header-extension length 0. */
  private static final byte[] HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  /** PostgreSQL timestamps and dates count from 2000-01-01 (its "epoch"). */
  private static final long POSTGRES_EPOCH_SECONDS =
      LocalDate.of(2000, 1, 1).toEpochDay() * 86_400L;

  private static final long POSTGRES_EPOCH_DAYS = LocalDate.of(2000, 1, 1).toEpochDay();
  private static final int NULL_LENGTH = -1;

  private byte[] buffer = new byte[1 << 12];
  private int length;

  static void writeHeader(OutputStream out) throws IOException {
    out.write(HEADER);
  }

  static void writeTrailer(OutputStream out) throws IOException {
    out.write(new byte[] {(byte) 0xff, (byte) 0xff});
  }

  /** Starts a row of {@code nFields} fields. */
  PgCopyBinary begin(int nFields) {
    length = 0;
    putShort(nFields);
    return this;
  }

  /**
   * @param value the Java value Spark gives for {@code type}; null for SQL NULL
   */
  PgCopyBinary field(PgType type, Object value) {
    if (value == null) {
      putInt(NULL_LENGTH);
      return this;
    }
    switch (type) {
      case BIGINT -> putInt(8).putLong((Long) value);
      case INTEGER -> putInt(4).putInt((Integer) value);
      case SMALLINT -> putInt(2).putShort(((Number) value).shortValue());
      case DOUBLE -> putInt(8).putLong(Double.doubleToLongBits((Double) value));
      case REAL -> putInt(4).putInt(Float.floatToIntBits((Float) value));
      case NUMERIC -> putBytes(ByteConverter.numeric((BigDecimal) value));
      case TEXT -> putBytes(value.toString().getBytes(StandardCharsets.UTF_8));
      case BOOLEAN -> putInt(1).putByte((Boolean) value ? 1 : 0);
      case TIMESTAMPTZ ->
          putInt(8)
              .putLong(
                  postgresMicros(value instanceof Timestamp ts ? ts.toInstant() : (Instant) value));
      case TIMESTAMP ->
          putInt(8).putLong(postgresMicros(((LocalDateTime) value).toInstant(ZoneOffset.UTC)));
      case DATE ->
          putInt(4)
              .putInt(
                  (int)
                      ((value instanceof Date date ? date.toLocalDate() : (LocalDate) value)
                              .toEpochDay()
                          - POSTGRES_EPOCH_DAYS));
      case BYTEA, GEOMETRY -> putBytes((byte[]) value);
      default -> throw new IllegalStateException("unreachable: " + type);
    }
    return this;
  }

  /** Writes the row built since {@link #begin}. */
  void end(OutputStream out) throws IOException {
    out.write(buffer, 0, length);
  }

  /** The row built since {@link #begin} (tests). */
  byte[] bytes() {
    return Arrays.copyOf(buffer, length);
  }

  private static long postgresMicros(Instant instant) {
    return Math.multiplyExact(instant.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L)
        + instant.getNano() / 1000;
  }

  private PgCopyBinary putBytes(byte[] bytes) {
    putInt(bytes.length);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
    return this;
  }

  private PgCopyBinary putByte(int value) {
    ensure(1);
    buffer[length++] = (byte) value;
    return this;
  }

  private PgCopyBinary putShort(int value) {
    ensure(2);
    buffer[length++] = (byte) (value >>> 8);
    buffer[length++] = (byte) value;
    return this;
  }

  private PgCopyBinary putInt(int value) {
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      buffer[length++] = (byte) (value >>> shift);
    }
    return this;
  }

  private PgCopyBinary putLong(long value) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buffer[length++] = (byte) (value >>> shift);
    }
    return this;
  }

  private void ensure(int nBytes) {
    if (length + nBytes > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + nBytes));
    }
  }
}
