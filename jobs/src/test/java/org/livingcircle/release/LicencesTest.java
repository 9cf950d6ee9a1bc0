package org.livingcircle.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.RepoPaths;

class LicencesTest {
  private static final ReleaseConfig CONFIG = ReleaseConfig.load(RepoPaths.of("conf/release.yaml"));
  @TempDir Path dir;

  @Test
  void markdownFillsThePlaceholdersOnceAndListsTheReferenceFiles() {
    String template =
        "{license_name} ({license_id}) {license_url}\n{publisher}: {title_en}. {attribution}\n{reference_licences}\nend {x";

    String md = Licences.markdown(template, CONFIG, List.of("a.LICENSE", "b.LICENSE"));

    ReleaseConfig.License l = CONFIG.license();
    assertThat(md)
        .isEqualTo(
            l.name()
                + " ("
                + l.id()
                + ") "
                + l.url()
                + "\n"
                + CONFIG.publisher().name()
                + ": "
                + CONFIG.titleEn()
                + ". "
                + l.attribution()
                + "\n- `licenses/a.LICENSE`\n- `licenses/b.LICENSE`\nend {x");
  }

  @Test
  void unknownPlaceholderIsAnError() {
    assertThatThrownBy(() -> Licences.markdown("{licence}", CONFIG, List.of()))
        .hasMessage(
            "Cannot fill licence template: unknown placeholder {licence}; use one of [attribution, license_id, license_name, "
                + "license_url, publisher, reference_licences, title_en]");
  }

  @Test
  void writeCopiesTheReferenceLicencesAndUsesTheShippedTemplate() throws Exception {
    Path refs = Files.createDirectories(dir.resolve("LICENSES"));
    Files.writeString(refs.resolve("z.LICENSE"), "Z terms");
    Files.writeString(refs.resolve("a.LICENSE"), "A terms");
    Path release = Files.createDirectories(dir.resolve("release"));

    Licences.write(RepoPaths.of("conf/release-licence.md"), refs, CONFIG, release);

    assertThat(Files.readString(release.resolve("licenses/a.LICENSE"))).isEqualTo("A terms");
    assertThat(Files.readString(release.resolve("licenses/z.LICENSE"))).isEqualTo("Z terms");
    String md = Files.readString(release.resolve("LICENSE.md"));
    assertThat(md)
        .startsWith(
            "# 许可 Licence\n\n**Results / 结果数据** (tables, extracts, metadata, portal data): "
                + CONFIG.license().name()
                + " ("
                + CONFIG.license().id()
                + "), "
                + CONFIG.license().url()
                + ".\n");
    assertThat(md)
        .contains(
            "(see `licenses/`):\n\n- `licenses/a.LICENSE`\n- `licenses/z.LICENSE`\n\nCounty polygons");
    assertThat(md).doesNotContain("{").endsWith("licence files in `lib/`.\n");
  }

  @Test
  void missingTemplateNamesTheFile() {
    Path missing = dir.resolve("none.md");
    assertThatThrownBy(() -> Licences.write(missing, dir, CONFIG, dir))
        .hasMessage("Cannot read licence template " + missing + ": not found");
  }
}
