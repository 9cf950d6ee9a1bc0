package org.livingcircle.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortalBundleTest {
  @TempDir Path tmp;

  private Path portal(boolean withLibraries) throws Exception {
    Path portal = Files.createDirectories(tmp.resolve("portal"));
    for (String f : PortalBundle.PAGE) {
      Files.writeString(portal.resolve(f), "page " + f);
    }
    if (withLibraries) {
      for (String lib : PortalBundle.LIBRARIES.keySet()) {
        Path p = portal.resolve("node_modules").resolve(lib);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "lib " + lib);
      }
    }
    return portal;
  }

  @Test
  void copiesThePageAndEachLibraryWithItsLicence() throws Exception {
    Path release = Files.createDirectories(tmp.resolve("release"));

    PortalBundle.copy(portal(true), release);

    assertThat(Files.readString(release.resolve("index.html"))).isEqualTo("page index.html");
    assertThat(Files.readString(release.resolve("lib/leaflet/LICENSE")))
        .isEqualTo("lib leaflet/LICENSE");
    assertThat(Files.readString(release.resolve("lib/echarts/NOTICE")))
        .isEqualTo("lib echarts/NOTICE");
    assertThat(PortalBundle.LIBRARIES)
        .containsEntry("echarts/dist/echarts.min.js", "lib/echarts/echarts.min.js");
    for (Map.Entry<String, String> e : PortalBundle.LIBRARIES.entrySet()) {
      assertThat(release.resolve(e.getValue())).hasContent("lib " + e.getKey());
    }
  }

  @Test
  void aMissingLibrarySaysHowToInstallIt() throws Exception {
    Path portal = portal(false);

    assertThatThrownBy(() -> PortalBundle.copy(portal, Files.createDirectories(tmp.resolve("r"))))
        .hasMessage(
            "Cannot bundle portal library "
                + portal.resolve("node_modules/leaflet/dist/leaflet.js")
                + ": not found; run scripts/ensure-portal.sh (npm ci in portal/)");
  }
}
