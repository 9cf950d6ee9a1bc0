package org.livingcircle.publish.geoserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.common.ConfigException;

class CredentialsTest {
  @TempDir Path dir;

  @Test
  void readsTheVariable() {
    assertThat(Credentials.geoServerPassword(Map.of("GEOSERVER_PASSWORD", "s3cret")).reveal())
        .isEqualTo("s3cret");
  }

  @Test
  void readsTheFileDroppingOneTrailingNewline() throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), "s3cret \n");

    Secret password =
        Credentials.geoServerPassword(Map.of("GEOSERVER_PASSWORD_FILE", file.toString()));

    assertThat(password.reveal()).isEqualTo("s3cret ");
  }

  @Test
  void explainsWhatIsMissingWithoutValues() throws Exception {
    assertThatThrownBy(() -> Credentials.geoServerPassword(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Cannot find a password: neither GEOSERVER_PASSWORD nor GEOSERVER_PASSWORD_FILE is set");
    Path file = Files.writeString(dir.resolve("pw"), "x");
    assertThatThrownBy(
            () ->
                Credentials.geoServerPassword(
                    Map.of(
                        "GEOSERVER_PASSWORD",
                        "s3cret",
                        "GEOSERVER_PASSWORD_FILE",
                        file.toString())))
        .hasMessage(
            "Cannot choose a password: both GEOSERVER_PASSWORD and GEOSERVER_PASSWORD_FILE are set; "
                + "unset one of them");
    Path missing = dir.resolve("missing");
    assertThatThrownBy(
            () ->
                Credentials.geoServerPassword(
                    Map.of("GEOSERVER_PASSWORD_FILE", missing.toString())))
        .hasMessage(
            "Cannot read password file "
                + missing
                + " (from GEOSERVER_PASSWORD_FILE): NoSuchFileException");
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertThatThrownBy(
            () ->
                Credentials.geoServerPassword(Map.of("GEOSERVER_PASSWORD_FILE", empty.toString())))
        .hasMessage(
            "Cannot use password file " + empty + " (from GEOSERVER_PASSWORD_FILE): it is empty");
  }

  @Test
  void recordsNeverPrintPasswords() {
    Secret password = Secret.of("s3cret-pw");
    GeoServerSettings settings =
        GeoServerSettings.of(URI.create("http://gs:8080/geoserver/"), "admin", password);
    PostgisStoreSpec store =
        new PostgisStoreSpec(
            "pg", "db", 5432, "lcp", "public", "gs", password, PostgisOptions.defaults());

    assertThat(settings.toString()).contains("admin", "***").doesNotContain("s3cret-pw");
    assertThat(store.toString()).contains("gs", "***").doesNotContain("s3cret-pw");
    assertThat(ShanxiPlans.plan("lcp", "db", password).toString()).doesNotContain("s3cret-pw");
    assertThat(settings.baseUrl()).isEqualTo(URI.create("http://gs:8080/geoserver"));
  }

  @Test
  void settingsRejectRestInTheBaseUrl() {
    assertThatThrownBy(
            () ->
                GeoServerSettings.of(
                    URI.create("http://gs/geoserver/rest"), "admin", Secret.of("p")))
        .hasMessage(
            "Cannot use GeoServer base URL http://gs/geoserver/rest: give the web application root, "
                + "without /rest");
  }
}
