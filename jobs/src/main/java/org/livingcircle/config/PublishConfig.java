package org.livingcircle.config;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Publishing settings from {@code conf/publish.yaml} (schema {@code schemas/publish.schema.json}):
 * the PostGIS database, GeoServer, licence and attribution, layer metadata per table and the
 * styles. Holds no password: those come from the environment (see {@code docs/publish.md}).
 * Invariant: every table's style is one of {@link #styles()}.
 */
public record PublishConfig(
    Postgis postgis,
    GeoServer geoserver,
    Licence licence,
    Attribution attribution,
    Map<String, TableMetadata> tables,
    Map<String, Style> styles) {
  /** Schema file name under {@code schemas/}. */
  public static final String SCHEMA = "publish.schema.json";

  public PublishConfig {
    notNull(postgis, "postgis");
    notNull(geoserver, "geoserver");
    notNull(licence, "licence");
    notNull(attribution, "attribution");
    tables = Map.copyOf(new TreeMap<>(notNull(tables, "tables")));
    styles = Map.copyOf(new TreeMap<>(notNull(styles, "styles")));
    for (Map.Entry<String, TableMetadata> e : tables.entrySet()) {
      check(
          styles.containsKey(e.getValue().style()),
          "Cannot use style %s for table %s: not one of the styles %s",
          e.getValue().style(),
          e.getKey(),
          new TreeMap<>(styles).keySet());
    }
  }

  /**
   * Loads and validates a publish file; errors are one-line {@link
   * org.livingcircle.common.ConfigException}s.
   */
  public static PublishConfig load(Path file) {
    return YamlConfig.load(file, SCHEMA, PublishConfig.class);
  }

  /**
   * @param liveSchema schema name with {@code {city}} for the city id, e.g. {@code lcp_{city}}
   * @param releasesKept previous releases kept after a swap
   */
  public record Postgis(
      boolean enabled,
      String host,
      int port,
      String database,
      String user,
      String liveSchema,
      int releasesKept) {
    /** The JDBC URL of the database. */
    public String jdbcUrl() {
      return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The live schema of {@code cityId}. */
    public String liveSchema(String cityId) {
      return liveSchema.replace("{city}", cityId);
    }
  }

  /**
   * @param enabled publish to GeoServer even without {@code GEOSERVER_URL}
   * @param storeHost PostGIS host as GeoServer sees it; null for {@link Postgis#host()}
   */
  public record GeoServer(
      boolean enabled, String url, String user, String workspace, String storeHost) {}

  public record Licence(String name, String url) {}

  public record Attribution(String title, String href) {}

  public record Keywords(List<String> zh, List<String> en) {
    public Keywords {
      zh = List.copyOf(zh);
      en = List.copyOf(en);
    }
  }

  /**
   * Layer metadata of one table.
   *
   * @param metadataUrl with {@code {city}} and {@code {table}} placeholders
   * @param attribution overrides the file's attribution when present (reference polygons © AMap)
   */
  public record TableMetadata(
      String titleZh,
      String titleEn,
      String abstractZh,
      String abstractEn,
      Keywords keywords,
      String style,
      String metadataUrl,
      Attribution attribution) {}

  /**
   * A style, chosen by the {@code kind} key. Colours and uncited breaks are presentation choices.
   */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Graduated.class, name = "graduated"),
    @JsonSubTypes.Type(value = Categorical.class, name = "categorical"),
    @JsonSubTypes.Type(value = Point.class, name = "point")
  })
  public sealed interface Style {
    String titleZh();

    String titleEn();
  }

  /** Classes split at {@code breaks} (lower bound inclusive); one more colour than breaks. */
  public record Graduated(
      String titleZh,
      String titleEn,
      String property,
      String unit,
      List<Double> breaks,
      List<String> colours,
      String noDataColour,
      String strokeColour)
      implements Style {}

  /** One class per attribute value (booleans as {@code "true"}/{@code "false"}). */
  public record Categorical(
      String titleZh,
      String titleEn,
      String property,
      List<Category> categories,
      String noDataColour,
      String strokeColour)
      implements Style {}

  public record Category(String value, String label, String colour) {}

  /** Every point drawn with one mark. */
  public record Point(
      String titleZh,
      String titleEn,
      String mark,
      double sizePx,
      String fillColour,
      String strokeColour)
      implements Style {}
}
