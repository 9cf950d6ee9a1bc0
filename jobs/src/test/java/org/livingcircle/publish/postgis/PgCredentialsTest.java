package org.livingcircle.publish.postgis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.common.ConfigException;

class PgCredentialsTest {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/lcp";

  @TempDir Path dir;

  @Test
  void refusesBothTheVariableAndTheFile() throws Exception {
    Path file = Files.writeString(dir.resolve("pg_password"), "from-file\n");

    assertThatThrownBy(
            () ->
                PgCredentials.resolve(
                    URL,
                    "lcp",
                    Map.of("LCP_PG_PASSWORD", "from-env", "LCP_PG_PASSWORD_FILE", file.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Cannot choose a password: both LCP_PG_PASSWORD and LCP_PG_PASSWORD_FILE are set; unset one of them");
  }

  @Test
  void readsTheVariable() {
    PgCredentials credentials =
        PgCredentials.resolve(
            URL, "lcp", Map.of("LCP_PG_PASSWORD", "from-env", "HOME", dir.toString()));

    assertThat(credentials.redact("x from-env y")).isEqualTo("x *** y");
  }

  @Test
  void readsThePasswordFileDroppingOneTrailingNewline() throws Exception {
    Path file = Files.writeString(dir.resolve("pg_password"), "from-file\n");

    PgCredentials credentials =
        PgCredentials.resolve(URL, "lcp", Map.of("LCP_PG_PASSWORD_FILE", file.toString()));

    assertThat(credentials.revealPassword()).isEqualTo("from-file");
  }

  @Test
  void fallsBackToThePasswordFileUnderHome() throws Exception {
    Files.createDirectories(dir.resolve(".config/lcp"));
    Files.writeString(dir.resolve(".config/lcp/pg_password"), "from-home\n");

    assertThat(PgCredentials.defaultPasswordFile(Map.of("HOME", "/home/ops")))
        .isEqualTo(Path.of("/home/ops/.config/lcp/pg_password"));
    assertThat(PgCredentials.resolve(URL, "lcp", Map.of("HOME", dir.toString())).revealPassword())
        .isEqualTo("from-home");
  }

  @Test
  void namesWhatIsMissing() {
    Path missing = dir.resolve("none");

    assertThatThrownBy(
            () ->
                PgCredentials.resolve(
                    URL, "lcp", Map.of("LCP_PG_PASSWORD_FILE", missing.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Cannot read password file "
                + missing
                + " (from LCP_PG_PASSWORD_FILE): NoSuchFileException");
    assertThatThrownBy(() -> PgCredentials.resolve(URL, "lcp", Map.of("HOME", dir.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Cannot find a password: neither LCP_PG_PASSWORD nor LCP_PG_PASSWORD_FILE is set and "
                + dir.resolve(".config/lcp/pg_password")
                + " does not exist");
  }

  @Test
  void neverShowsThePassword() {
    PgCredentials credentials = new PgCredentials(URL, "lcp", "s3cret");

    assertThat(credentials.toString()).isEqualTo("lcp at " + URL).doesNotContain("s3cret");
  }
}
