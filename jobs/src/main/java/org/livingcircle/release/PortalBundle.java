package org.livingcircle.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livingcircle.common.InputException;

/**
 * The static portal of a release: its page and the libraries it bundles from {@code
 * portal/node_modules}.
 */
final class PortalBundle {
  /** The page's own files, copied from the portal folder. */
  static final List<String> PAGE = List.of("index.html", "app.js", "style.css");

  /**
   * Library files: path under {@code node_modules} to path in the release (installed by
   * scripts/ensure-portal.sh).
   */
  static final Map<String, String> LIBRARIES = libraries();

  private PortalBundle() {}

  private static Map<String, String> libraries() {
    Map<String, String> libs = new LinkedHashMap<>();
    libs.put("leaflet/dist/leaflet.js", "lib/leaflet/leaflet.js");
    libs.put("leaflet/dist/leaflet.css", "lib/leaflet/leaflet.css");
    libs.put("leaflet/LICENSE", "lib/leaflet/LICENSE");
    libs.put("echarts/dist/echarts.min.js", "lib/echarts/echarts.min.js");
    libs.put("echarts/LICENSE", "lib/echarts/LICENSE");
    libs.put("echarts/NOTICE", "lib/echarts/NOTICE");
    return java.util.Collections.unmodifiableMap(libs);
  }

  /** Copies the page and the libraries of {@code portalDir} into {@code release}. */
  static void copy(Path portalDir, Path release) throws IOException {
    for (String f : PAGE) {
      copyFile(portalDir.resolve(f), release.resolve(f));
    }
    Path nm = portalDir.resolve("node_modules");
    for (Map.Entry<String, String> e : LIBRARIES.entrySet()) {
      Path src = nm.resolve(e.getKey());
      if (!Files.isRegularFile(src)) {
        throw new InputException(
            "Cannot bundle portal library "
                + src
                + ": not found; run scripts/ensure-portal.sh (npm ci in portal/)");
      }
      copyFile(src, release.resolve(e.getValue()));
    }
  }

  private static void copyFile(Path src, Path dst) throws IOException {
    if (!Files.isRegularFile(src)) {
      throw new InputException("Cannot copy " + src + ": not found");
    }
    Files.createDirectories(dst.getParent());
    Files.copy(src, dst);
  }
}
