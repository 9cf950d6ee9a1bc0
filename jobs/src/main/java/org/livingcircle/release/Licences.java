package org.livingcircle.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.livingcircle.common.InputException;

/**
 * The release's {@code LICENSE.md} and {@code licenses/}: the prose comes from a Markdown template
 * ({@code conf/release-licence.md}), the results' licence from {@code release.yaml}, and the
 * reference data's licence files from {@code reference/LICENSES/}, copied as they are.
 */
final class Licences {
  /** Placeholders of the template, {@code {name}}; every one must be known. */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)\\}");

  private Licences() {}

  /**
   * The licence text: {@code template} with its placeholders filled in from {@code config} and
   * {@code reference_licences} as one {@code - `licenses/<file>`} line per reference licence file.
   */
  static String markdown(String template, ReleaseConfig config, List<String> referenceFiles) {
    StringBuilder list = new StringBuilder();
    for (String f : referenceFiles) {
      list.append(list.length() == 0 ? "" : "\n").append("- `licenses/").append(f).append('`');
    }
    ReleaseConfig.License l = config.license();
    Map<String, String> values =
        Map.of(
            "license_name", l.name(),
            "license_id", l.id(),
            "license_url", l.url(),
            "attribution", l.attribution(),
            "publisher", config.publisher().name(),
            "title_en", config.titleEn(),
            "reference_licences", list.toString());
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException(
            "Cannot fill licence template: unknown placeholder {"
                + m.group(1)
                + "}; use one of "
                + new java.util.TreeSet<>(values.keySet()));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Writes {@code LICENSE.md} and copies the reference licence files into {@code licenses/} of
   * {@code release}.
   */
  static void write(Path template, Path referenceLicences, ReleaseConfig config, Path release)
      throws IOException {
    if (!Files.isRegularFile(template)) {
      throw new InputException("Cannot read licence template " + template + ": not found");
    }
    Path licenses = Files.createDirectories(release.resolve("licenses"));
    List<Path> files;
    try (Stream<Path> list = Files.list(referenceLicences)) {
      files = list.sorted().toList();
    }
    for (Path f : files) {
      Files.copy(f, licenses.resolve(f.getFileName()));
    }
    Files.writeString(
        release.resolve("LICENSE.md"),
        markdown(
            Files.readString(template),
            config,
            files.stream().map(f -> f.getFileName().toString()).toList()));
  }
}
