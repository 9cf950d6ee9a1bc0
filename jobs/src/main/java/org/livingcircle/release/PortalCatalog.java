package org.livingcircle.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livingcircle.config.Categories;
import org.livingcircle.config.Category;
import org.livingcircle.config.Threshold;
import org.livingcircle.config.Tier;

/**
 * The portal's {@code data/catalog.js}: release header, categories, cities, datasets and the chart
 * data, built from the rows the release holds in memory (the same rows its CSV extracts are written
 * from, as their CSV text). Keys keep one order, so the same release gives the same bytes.
 */
final class PortalCatalog {
  /** Column prefixes of the county and city indicators the portal's charts do not use. */
  static final List<String> ADMIN_COLUMNS_LEFT_OUT =
      List.of(
          "share_5min",
          "share_10min",
          "share_15min",
          "compound_share_own",
          "median_min",
          "per_1000",
          "share_none");

  /** Metadata files the portal links to. */
  static final List<String> METADATA =
      List.of(
          "dcat.jsonld",
          "stac/collection.json",
          "provenance.json",
          "LICENSE.md",
          "SHA256SUMS",
          "data-dictionary.md");

  private static final ObjectMapper JSON = new ObjectMapper();

  private PortalCatalog() {}

  /**
   * The catalogue as a script.
   *
   * @param cities the portal entry of each city ({@code data/<city>/} map data)
   * @param comparison the comparison rows
   * @param admin the county and city indicator rows (without geometry)
   */
  static String script(
      ReleaseConfig c,
      String version,
      String issued,
      List<Metadata.Distribution> distributions,
      Categories categories,
      List<Map<String, Object>> cities,
      Extracts comparison,
      Extracts admin) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", version);
    m.put("issued", issued);
    m.put("title_zh", c.titleZh());
    m.put("title_en", c.titleEn());
    m.put("description_zh", c.descriptionZh());
    m.put("description_en", c.descriptionEn());
    m.put("publisher", c.publisher().name());
    m.put("contact_email", c.publisher().contactEmail());
    Map<String, Object> license = new LinkedHashMap<>();
    license.put("id", c.license().id());
    license.put("url", c.license().url());
    license.put("name", c.license().name());
    m.put("license", license);
    m.put("update_frequency", c.updateFrequency());
    m.put("default_category", c.portalCategory());
    m.put("categories", categories(categories));
    m.put("cities", cities);
    List<Object> datasets = new ArrayList<>();
    for (Metadata.Distribution dist : distributions) {
      long bytes = dist.files().stream().mapToLong(Metadata.FileFact::bytes).sum();
      Map<String, Object> dataset = new LinkedHashMap<>();
      dataset.put("id", dist.id());
      dataset.put("title", dist.title());
      dataset.put("description", dist.description());
      dataset.put("media_type", dist.mediaType());
      dataset.put("href", dist.accessPath());
      dataset.put("bytes", bytes);
      dataset.put("files", dist.files().stream().map(Metadata.FileFact::path).toList());
      datasets.add(dataset);
    }
    m.put("datasets", datasets);
    m.put("metadata", METADATA);
    // chart data: the comparison and the own-threshold coverage per county and city
    m.put("comparison", comparison.texts());
    List<Map<String, String>> kept = new ArrayList<>();
    for (Map<String, String> row : admin.texts()) {
      Map<String, String> k = new LinkedHashMap<>();
      row.forEach(
          (column, v) -> {
            if (ADMIN_COLUMNS_LEFT_OUT.stream().noneMatch(column::startsWith)) {
              k.put(column, v);
            }
          });
      kept.add(k);
    }
    m.put("admin", kept);
    try {
      return "window.LCP_CATALOG = " + JSON.writeValueAsString(m) + ";\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The mapped categories (every tier but residential) as the portal lists them. */
  static List<Object> categories(Categories categories) {
    List<Object> cats = new ArrayList<>();
    for (Category k : categories.categories()) {
      if (k.tier() != Tier.RESIDENTIAL) {
        Map<String, Object> cat = new LinkedHashMap<>();
        cat.put("id", k.id());
        cat.put("name_zh", k.nameZh());
        cat.put("name_en", k.nameEn());
        cat.put("tier", k.tier().id());
        // a walking time (threshold_min) or a service radius (threshold_m, walking or straight-line
        // distance)
        Threshold t = k.threshold();
        cat.put("threshold_kind", t.kind().id());
        cat.put("threshold_value", t.value());
        cat.put("threshold_distance", t.distance().id());
        cat.put("threshold_label", t.label());
        if (k.thresholdMin() != null) {
          cat.put("threshold_min", k.thresholdMin());
        }
        cats.add(cat);
      }
    }
    return cats;
  }
}
