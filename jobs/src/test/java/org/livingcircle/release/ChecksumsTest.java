package org.livingcircle.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {
  @TempDir Path dir;

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void sha256SumsListsEveryFileSortedByPathInSha256sumFormat() throws Exception {
    Files.createDirectories(dir.resolve("tables/b"));
    Files.writeString(dir.resolve("tables/b/part-1.parquet"), "one");
    Files.writeString(dir.resolve("index.html"), "<html>");
    Files.writeString(dir.resolve("LICENSE.md"), "");

    int n = Checksums.write(dir);

    assertThat(Files.readString(dir.resolve("SHA256SUMS")))
        .isEqualTo(
            sha256("")
                + "  LICENSE.md\n"
                + sha256("<html>")
                + "  index.html\n"
                + sha256("one")
                + "  tables/b/part-1.parquet\n");
    assertThat(n).isEqualTo(4);
    assertThat(Checksums.bytes(dir)).isEqualTo(3 + 6 + Files.size(dir.resolve("SHA256SUMS")));
  }

  @Test
  void filesAreRelativeToTheReleaseWithSizeAndDigest() throws Exception {
    Path table = Files.createDirectories(dir.resolve("tables/x"));
    Files.writeString(table.resolve("part-b"), "bb");
    Files.writeString(table.resolve("part-a"), "a");

    assertThat(Checksums.files(dir, table))
        .containsExactly(
            new Metadata.FileFact("tables/x/part-a", 1, sha256("a")),
            new Metadata.FileFact("tables/x/part-b", 2, sha256("bb")));
    assertThat(Checksums.fact(dir, table.resolve("part-b")))
        .isEqualTo(new Metadata.FileFact("tables/x/part-b", 2, sha256("bb")));
  }
}
