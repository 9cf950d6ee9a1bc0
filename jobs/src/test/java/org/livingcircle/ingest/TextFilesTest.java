package org.livingcircle.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.common.InputException;

class TextFilesTest {
  private static final Charset GBK = Charset.forName("GBK");
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final String TEXT = "名称,地址\n晋城市第一中学,城区\n";

  @TempDir Path tmp;

  private Path write(String name, byte[]... parts) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      bytes.write(p);
    }
    Path file = tmp.resolve(name);
    Files.write(file, bytes.toByteArray());
    return file;
  }

  private static String read(Path file, Charset charset) throws IOException {
    try (BufferedReader reader = TextFiles.open(file, charset)) {
      StringBuilder text = new StringBuilder();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        text.append(line).append('\n');
      }
      return text.toString();
    }
  }

  @Test
  void utf8IsDetectedAndRead() throws IOException {
    Path file = write("utf8.csv", TEXT.getBytes(StandardCharsets.UTF_8));
    assertThat(TextFiles.detect(file, "auto")).isEqualTo(StandardCharsets.UTF_8);
    assertThat(read(file, StandardCharsets.UTF_8)).isEqualTo(TEXT);
  }

  @Test
  void utf8WithBomIsDetectedAndTheBomIsSkipped() throws IOException {
    Path file = write("bom.csv", BOM, TEXT.getBytes(StandardCharsets.UTF_8));
    assertThat(TextFiles.detect(file, null)).isEqualTo(StandardCharsets.UTF_8);
    assertThat(read(file, StandardCharsets.UTF_8)).isEqualTo(TEXT);
  }

  @Test
  void gbkIsDetectedAndRead() throws IOException {
    Path file = write("gbk.csv", TEXT.getBytes(GBK));
    // 名 is C3 FB in GBK: C3 opens a two-byte UTF-8 sequence that FB cannot continue
    assertThat(TEXT.getBytes(GBK)[0]).isEqualTo((byte) 0xC3);
    assertThat(TextFiles.detect(file, "")).isEqualTo(GBK);
    assertThat(TextFiles.detect(file, "AUTO")).isEqualTo(GBK);
    assertThat(read(file, GBK)).isEqualTo(TEXT);
  }

  @Test
  void asciiIsUtf8() throws IOException {
    Path file = write("ascii.csv", "name,lng\nschool,112.85\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(TextFiles.detect(file, "auto")).isEqualTo(StandardCharsets.UTF_8);
  }

  @Test
  void emptyFileIsUtf8AndReadsAsNothing() throws IOException {
    Path file = write("empty.csv");
    assertThat(TextFiles.detect(file, "auto")).isEqualTo(StandardCharsets.UTF_8);
    assertThat(read(file, StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void neitherUtf8NorGbkNamesTheLine() throws IOException {
    // 0xFF starts no UTF-8 sequence and no GBK character
    Path file =
        write(
            "bad.csv",
            "name,lng\nok,112.85\n".getBytes(StandardCharsets.US_ASCII),
            new byte[] {(byte) 0xFF, '\n'});
    assertThatThrownBy(() -> TextFiles.detect(file, "auto"))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "Cannot read "
                + file
                + ": neither UTF-8 nor GBK (line 3); set the file's encoding in the city configuration");
  }

  @Test
  void badByteOnTheFirstLine() throws IOException {
    Path file = write("bad1.csv", new byte[] {'a', (byte) 0xFF, 'b'});
    assertThatThrownBy(() -> TextFiles.detect(file, "auto"))
        .hasMessage(
            "Cannot read "
                + file
                + ": neither UTF-8 nor GBK (line 1); set the file's encoding in the city configuration");
  }

  @Test
  void lineNumberIsRightPastTheFirst64KiB() throws IOException {
    // 40 000 lines of "x\n" are 80 000 bytes, more than one 65 536-byte read; the bad byte is on
    // line 40 001
    Path file =
        write(
            "long.csv",
            "x\n".repeat(40_000).getBytes(StandardCharsets.US_ASCII),
            new byte[] {(byte) 0xFF});
    assertThatThrownBy(() -> TextFiles.detect(file, "auto"))
        .hasMessage(
            "Cannot read "
                + file
                + ": neither UTF-8 nor GBK (line 40001); set the file's encoding in the city configuration");
  }

  @Test
  void utf8CharacterSplitAcrossTheReadBufferIsNotAnError() throws IOException {
    // 65 535 ASCII bytes, then 名 (3 bytes in UTF-8) straddles the 65 536-byte boundary
    Path file =
        write(
            "split.csv",
            "a".repeat(65_535).getBytes(StandardCharsets.US_ASCII),
            "名\n".getBytes(StandardCharsets.UTF_8));
    assertThat(TextFiles.detect(file, "auto")).isEqualTo(StandardCharsets.UTF_8);
  }

  @Test
  void forcedEncodingIsUsedWhenValid() throws IOException {
    Path file = write("gbk.csv", TEXT.getBytes(GBK));
    assertThat(TextFiles.detect(file, "GBK")).isEqualTo(GBK);
    assertThat(TextFiles.detect(file, "gbk")).isEqualTo(GBK);
  }

  @Test
  void forcedEncodingThatDoesNotFitNamesTheLine() throws IOException {
    Path file =
        write(
            "gbk.csv",
            "name,address\n".getBytes(StandardCharsets.US_ASCII),
            "晋城,城区\n".getBytes(GBK));
    assertThatThrownBy(() -> TextFiles.detect(file, "UTF-8"))
        .isInstanceOf(InputException.class)
        .hasMessage("Cannot read " + file + ": not valid UTF-8 (line 2); check --encoding");
  }

  @Test
  void unknownForcedEncodingNamesTheFileAndTheName() throws IOException {
    Path file = write("any.csv", TEXT.getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> TextFiles.detect(file, "gb-2312x"))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "Cannot read "
                + file
                + ": unknown encoding 'gb-2312x'; use auto, UTF-8, GBK or another Java charset name");
  }

  @Test
  void missingFile() {
    Path file = tmp.resolve("nope.csv");
    assertThatThrownBy(() -> TextFiles.detect(file, "auto"))
        .isInstanceOf(InputException.class)
        .hasMessage("Cannot read " + file + ": no such file");
    assertThatThrownBy(() -> TextFiles.open(file, StandardCharsets.UTF_8))
        .isInstanceOf(InputException.class)
        .hasMessage("Cannot read " + file + ": no such file");
  }
}
