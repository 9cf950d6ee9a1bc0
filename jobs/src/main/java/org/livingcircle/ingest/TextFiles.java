package org.livingcircle.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.livingcircle.common.InputException;

/**
 * Opens text inputs the way users have them: UTF-8 with or without a BOM, or GBK (Amap and Excel
 * exports on Chinese Windows). Detection decodes the whole file strictly, first as UTF-8, then as
 * GBK; a file that is neither stops the run with the line where decoding failed.
 */
public final class TextFiles {
  public static final Charset GBK = Charset.forName("GBK");
  private static final int BOM = 0xFEFF;

  private TextFiles() {}

  /**
   * Returns the charset of {@code file}: the forced one if given, else UTF-8 or GBK by strict
   * decoding.
   */
  public static Charset detect(Path file, String forcedEncoding) {
    if (forcedEncoding != null
        && !forcedEncoding.isBlank()
        && !"auto".equalsIgnoreCase(forcedEncoding)) {
      Charset forced;
      try {
        forced = Charset.forName(forcedEncoding);
      } catch (
          IllegalArgumentException e) { // IllegalCharsetNameException, UnsupportedCharsetException
        throw new InputException(
            "Cannot read "
                + file
                + ": unknown encoding '"
                + forcedEncoding
                + "'; use auto, UTF-8, GBK or another Java charset name");
      }
      int bad = firstBadLine(file, forced);
      if (bad > 0) {
        throw new InputException(
            "Cannot read "
                + file
                + ": not valid "
                + forced.name()
                + " (line "
                + bad
                + "); check --encoding");
      }
      return forced;
    }
    if (firstBadLine(file, StandardCharsets.UTF_8) == 0) {
      return StandardCharsets.UTF_8;
    }
    int bad = firstBadLine(file, GBK);
    if (bad == 0) {
      return GBK;
    }
    throw new InputException(
        "Cannot read "
            + file
            + ": neither UTF-8 nor GBK (line "
            + bad
            + "); set the file's encoding in the city configuration");
  }

  /** Opens {@code file} in {@code charset}, skipping a leading byte-order mark. */
  public static BufferedReader open(Path file, Charset charset) {
    try {
      BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(Files.newInputStream(file), strict(charset)), 1 << 16);
      reader.mark(1);
      if (reader.read() != BOM) {
        reader.reset();
      }
      return reader;
    } catch (NoSuchFileException e) {
      throw new InputException("Cannot read " + file + ": no such file");
    } catch (IOException e) {
      throw new InputException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static CharsetDecoder strict(Charset charset) {
    return charset
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** Returns 0 if the file decodes cleanly, else the 1-based line where decoding fails. */
  private static int firstBadLine(Path file, Charset charset) {
    CharsetDecoder decoder = strict(charset);
    ByteBuffer in = ByteBuffer.allocate(1 << 16);
    CharBuffer out = CharBuffer.allocate(1 << 16);
    int line = 1;
    try (ReadableByteChannel channel = Files.newByteChannel(file)) {
      boolean end = false;
      while (true) {
        if (!end && channel.read(in) < 0) {
          end = true;
        }
        in.flip();
        CoderResult result = decoder.decode(in, out, end);
        line += newlines(out);
        if (result.isError()) {
          return line;
        }
        in.compact();
        if (end && !result.isOverflow()) {
          CoderResult flush = decoder.flush(out);
          line += newlines(out);
          return flush.isError() ? line : 0;
        }
      }
    } catch (NoSuchFileException e) {
      throw new InputException("Cannot read " + file + ": no such file");
    } catch (IOException e) {
      throw new InputException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Counts and clears the decoded characters' line feeds. */
  private static int newlines(CharBuffer out) {
    out.flip();
    int n = 0;
    while (out.hasRemaining()) {
      if (out.get() == '\n') {
        n++;
      }
    }
    out.clear();
    return n;
  }
}
