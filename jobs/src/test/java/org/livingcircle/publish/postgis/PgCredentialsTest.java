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
  void prefersTheEnvironmentPasswordOverTheFile() throws Exception {
    Path file = Files.writeString(dir.resolve("pg_password"), "from-file\n");

    PgCredentials credentials = PgCredentials.resolve(URL, "lcp",
        Map.of("LCP_PG_PASSWORD", "from-env", "LCP_PG_PASSWORD_FILE", file.toString()));

    assertThat(credentials.redact("x from-env y")).isEqualTo("x *** y");
  }

  @Test
  void readsTheFirstLineOfThePasswordFile() throws Exception {
    Path file = Files.writeString(dir.resolve("pg_password"), "from-file\nignored\n");

    PgCredentials credentials = PgCredentials.resolve(URL, "lcp", Map.of("LCP_PG_PASSWORD_FILE", file.toString()));

    assertThat(credentials.redact("from-file")).isEqualTo("***");
  }

  @Test
  void defaultsToThePasswordFileUnderHome() {
    assertThat(PgCredentials.passwordFile(Map.of("HOME", "/home/ops")))
        .isEqualTo(Path.of("/home/ops/.config/lcp/pg_password"));
  }

  @Test
  void namesTheMissingFileAndTheFix() {
    Path missing = dir.resolve("none");

    assertThatThrownBy(() -> PgCredentials.resolve(URL, "lcp", Map.of("LCP_PG_PASSWORD_FILE", missing.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot find a PostGIS password for user lcp: LCP_PG_PASSWORD is unset and " + missing
            + " does not exist; run scripts/ensure-postgis.sh or set LCP_PG_PASSWORD");
  }

  @Test
  void neverShowsThePassword() {
    PgCredentials credentials = new PgCredentials(URL, "lcp", "s3cret");

    assertThat(credentials.toString()).isEqualTo("lcp at " + URL).doesNotContain("s3cret");
  }
}
