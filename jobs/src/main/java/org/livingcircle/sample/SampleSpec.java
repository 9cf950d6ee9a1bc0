package org.livingcircle.sample;

import java.nio.file.Path;
import java.util.List;
import org.livingcircle.common.Checks;

/**
 * What {@link SampleGenerator} generates.
 *
 * @param city city id: a slug ({@code jincheng}, {@code changzhi}) or a 6-digit city code ({@code
 *     140500}); file names use the slug
 * @param countyCodes 6-digit county codes to include; empty means every county of the city in
 *     {@code countiesGeojson}
 * @param countiesGeojson WGS84 FeatureCollection with {@code city_code, city_name, county_code,
 *     county_name} properties
 * @param adminCodesCsv {@code code,name,level,parent_code,city_code,county_code}
 * @param categoriesYaml categories file (read through a {@link SampleCategorySource})
 * @param seed random seed; the same seed gives byte-identical files
 * @param scale multiplier on POI and facility counts (&gt; 0; 1.0 = calibration density)
 * @param benchRows rows of the extra benchmark POI file, or {@link #NO_BENCH_ROWS}
 * @param outDir output directory (created; existing files of the same names are replaced)
 */
public record SampleSpec(
    String city,
    List<String> countyCodes,
    Path countiesGeojson,
    Path adminCodesCsv,
    Path categoriesYaml,
    long seed,
    double scale,
    long benchRows,
    Path outDir) {

  /** {@link #benchRows} value meaning "write no benchmark file". */
  public static final long NO_BENCH_ROWS = 0;

  public static final double DEFAULT_SCALE = 1.0;

  public SampleSpec {
    Checks.notNull(city, "city");
    Checks.checkUsage(
        city.matches("[a-z][a-z0-9_]*|\\d{6}"),
        "Cannot use --city %s: expected a slug such as jincheng or a 6-digit city code",
        city);
    countyCodes = List.copyOf(Checks.notNull(countyCodes, "county codes"));
    for (String code : countyCodes) {
      Checks.check(code.matches("\\d{6}"), "Cannot use county code %s: expected 6 digits", code);
    }
    Checks.notNull(countiesGeojson, "counties GeoJSON path");
    Checks.notNull(adminCodesCsv, "admin codes CSV path");
    Checks.notNull(categoriesYaml, "categories YAML path");
    Checks.positive(scale, "--scale");
    Checks.checkUsage(benchRows >= 0, "Cannot use --rows %s: must not be negative", benchRows);
    Checks.notNull(outDir, "--out");
  }

  /** The 6-digit city code for {@link #city}. */
  public String cityCode() {
    return switch (city) {
      case "jincheng" -> "140500";
      case "changzhi" -> "140400";
      default -> {
        Checks.checkUsage(
            city.matches("\\d{6}"),
            "Cannot use --city %s: unknown slug; pass the 6-digit city code",
            city);
        yield city;
      }
    };
  }

  /**
   * The {@code city} to pass for a configured city: its id where the sample knows that slug
   * (jincheng, changzhi), otherwise its 6-digit admin code (file names then use the code:
   * poi/amap_140300_utf8.csv).
   */
  public static String cityArgument(String id, String adminCode) {
    return switch (id) {
      case "jincheng", "changzhi" -> id;
      default -> adminCode;
    };
  }

  /** The slug used in file names. */
  public String citySlug() {
    return switch (cityCode()) {
      case "140500" -> "jincheng";
      case "140400" -> "changzhi";
      default -> cityCode();
    };
  }
}
