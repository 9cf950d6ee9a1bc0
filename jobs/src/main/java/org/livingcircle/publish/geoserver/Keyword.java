package org.livingcircle.publish.geoserver;

import java.util.regex.Pattern;
import org.livingcircle.common.Checks;

/**
 * A keyword with its ISO 639-1 language ({@code zh}, {@code en}).
 *
 * <p>GeoServer encodes a keyword's language inside the string as {@code value\@language=xx\;}
 * (swagger2/featuretypes.yaml, {@code FeatureTypeInfo} example); {@link #encoded()} produces that
 * form.
 */
public record Keyword(String value, String language) {
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

  public Keyword {
    Names.text(value, "keyword");
    Checks.check(
        !value.contains("\\") && !value.contains("@"),
        "Cannot use keyword '%s': it must not contain '\\' or '@'",
        value);
    Checks.check(
        language != null && LANGUAGE.matcher(language).matches(),
        "Cannot use keyword language '%s': expected a two-letter ISO 639-1 code",
        language);
  }

  public static Keyword zh(String value) {
    return new Keyword(value, "zh");
  }

  public static Keyword en(String value) {
    return new Keyword(value, "en");
  }

  /** The GeoServer string form, e.g. {@code 可达性\@language=zh\;}. */
  public String encoded() {
    return value + "\\@language=" + language + "\\;";
  }
}
