package org.livingcircle.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import org.livingcircle.common.InputException;

/** Opens strict text writers: characters the charset cannot encode fail instead of becoming '?'. */
final class SampleOut {
  private SampleOut() {}

  static Writer open(Path file, Charset charset, boolean bom) {
    try {
      Files.createDirectories(file.getParent());
      OutputStream out = Files.newOutputStream(file);
      if (bom) {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      }
      return new BufferedWriter(
          new OutputStreamWriter(
              out,
              charset
                  .newEncoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT)),
          1 << 16);
    } catch (IOException e) {
      throw new InputException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static InputException failure(Path file, IOException e) {
    return new InputException("Cannot write " + file + ": " + e.getMessage(), e);
  }
}
