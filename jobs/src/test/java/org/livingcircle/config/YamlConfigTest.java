package org.livingcircle.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.RepoPaths;
import org.livingcircle.common.ConfigException;

class YamlConfigTest {
  @TempDir Path dir;

  /** Writes the shipped file {@code relative} into the temp dir with one text replacement. */
  private Path shippedWith(String relative, String from, String to) throws IOException {
    String text = Files.readString(RepoPaths.of(relative), StandardCharsets.UTF_8);
    assertThat(text).as("fixture text in %s", relative).contains(from);
    Path file = dir.resolve(Path.of(relative).getFileName());
    Files.writeString(
        file,
        text.replaceFirst(
            java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
    return file;
  }

  @Test
  void belowMinimumNamesFilePointerAndValue() throws IOException {
    // the 8th category (index 7) is photo_print, threshold 10
    Path file =
        shippedWith(
            "conf/categories.yaml",
            "threshold_min: 10\n    threshold_min_source: \"seed 002: basic formats within a 5-10 minute walk (upper bound)\"\n    amap_typecodes: [\"071300\"",
            "threshold_min: 0\n    threshold_min_source: \"seed 002: basic formats within a 5-10 minute walk (upper bound)\"\n    amap_typecodes: [\"071300\"");

    assertThatThrownBy(() -> Categories.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": /categories/7/threshold_min: 0 is less than the minimum 1");
  }

  @Test
  void wrongTypeNamesExpectedType() throws IOException {
    Path file = shippedWith("conf/cities/jincheng.yaml", "cell_size_m: 250", "cell_size_m: fine");

    assertThatThrownBy(() -> CityConfig.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": /cell_size_m: \"fine\" is a string, expected integer");
  }

  @Test
  void unquotedAdminCodeIsAnIntegerNotAString() throws IOException {
    Path file =
        shippedWith("conf/cities/jincheng.yaml", "admin_code: \"140500\"", "admin_code: 140500");

    assertThatThrownBy(() -> CityConfig.load(file))
        .hasMessage(file + ": /admin_code: 140500 is an integer, expected string");
  }

  @Test
  void aboveMaximum() throws IOException {
    Path file = shippedWith("conf/cities/jincheng.yaml", "cell_size_m: 250", "cell_size_m: 5000");

    assertThatThrownBy(() -> CityConfig.load(file))
        .hasMessage(file + ": /cell_size_m: 5000 is greater than the maximum 1000");
  }

  @Test
  void missingSourceKeyIsNamed() throws IOException {
    Path file =
        shippedWith(
            "conf/cities/jincheng.yaml",
            "  speed_m_per_min_source: \"seed 000 (Yangcheng plan, 名词解释): 10 min ≈ 800 m and 5 min ≈ 400 m\"\n",
            "");

    assertThatThrownBy(() -> CityConfig.load(file))
        .hasMessage(file + ": /walking: missing required key speed_m_per_min_source");
  }

  @Test
  void unknownKeyIsNamed() throws IOException {
    Path file =
        shippedWith(
            "conf/cities/jincheng.yaml",
            "  speed_m_per_min: 80\n",
            "  speed_m_per_min: 80\n  speed_kmh: 4.8\n");

    assertThatThrownBy(() -> CityConfig.load(file))
        .hasMessage(file + ": /walking: unknown key speed_kmh");
  }

  @Test
  void enumAndPatternProblems() throws IOException {
    Path tier = shippedWith("conf/categories.yaml", "tier: quality", "tier: premium");
    assertThatThrownBy(() -> Categories.load(tier))
        .hasMessage(
            tier
                + ": /categories/13/tier: \"premium\" is not one of [basic, quality, public, residential]");

    Path code = shippedWith("conf/cities/changzhi.yaml", "code: \"140403\"", "code: \"14043\"");
    assertThatThrownBy(() -> CityConfig.load(code))
        .hasMessage(code + ": /counties/0/code: \"14043\" does not match ^[0-9]{6}$");
  }

  @Test
  void severalProblemsReportTheFirstAndCountTheRest() throws IOException {
    Path file =
        shippedWith(
            "conf/cities/jincheng.yaml", "cell_size_m: 250", "cell_size_m: 10\nextra_key: 1");

    assertThatThrownBy(() -> CityConfig.load(file))
        .hasMessage(file + ": /: unknown key extra_key (and 1 more)");
  }

  @Test
  void yamlSyntaxErrorNamesLine() throws IOException {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(file, "id: x\nname_zh: [unclosed\nname_en: y\n");

    assertThatThrownBy(() -> CityConfig.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ": cannot parse: ")
        .hasMessageMatching(".*\\(line [0-9]+\\)")
        .hasMessageNotContaining("\n");
  }

  @Test
  void duplicateKeyIsASyntaxError() throws IOException {
    Path file = dir.resolve("dup.yaml");
    Files.writeString(file, "id: x\nid: y\n");

    assertThatThrownBy(() -> CityConfig.load(file))
        .hasMessage(file + ": cannot parse: Duplicate field 'id' (line 2)");
  }

  @Test
  void missingAndEmptyFiles() throws IOException {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> CityConfig.load(missing))
        .hasMessage(missing + ": cannot parse: no such file");

    Path empty = dir.resolve("empty.yaml");
    Files.writeString(empty, "");
    assertThatThrownBy(() -> CityConfig.load(empty))
        .hasMessage(empty + ": cannot parse: empty file (line 1)");
  }

  @Test
  void recordChecksBecomeOneLineWithPointer() throws IOException {
    Path file =
        shippedWith(
            "conf/cities/jincheng.yaml",
            "search_limit_m: 3000",
            "search_limit_m: 3000\n  speed_m_per_min_x: 1");
    assertThatThrownBy(() -> CityConfig.load(file))
        .hasMessage(file + ": /walking: unknown key speed_m_per_min_x");

    Path slow =
        shippedWith(
            "conf/cities/jincheng.yaml",
            "thresholds_min: [5, 10, 15]",
            "thresholds_min: [5, 15, 10]");
    assertThatThrownBy(() -> CityConfig.load(slow))
        .hasMessage(
            slow
                + ": /walking/thresholds_min/2: Cannot use thresholds_min [5, 15, 10]: not strictly ascending");
  }
}
