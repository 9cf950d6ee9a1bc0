package org.livingcircle.publish.geoserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A two-city publish plan and the matching stand-in tables, shared by the publisher tests. */
final class ShanxiPlans {
  static final String WORKSPACE = "lcp";
  static final String STORE = "pg";
  static final String SCHEMA = "lcp_out";
  static final List<String> CITIES = List.of("taiyuan", "datong");
  static final List<String> LAYER_KINDS =
      List.of("grid", "walk_time", "walk_distance", "completeness", "facilities");

  /**
   * Rough lon/lat extents of the two city test windows (made up for the stand-in; only their echo
   * is checked).
   */
  static final double[][] EXTENTS = {{112.3, 37.6, 112.8, 38.1}, {113.1, 39.9, 113.5, 40.2}};

  private ShanxiPlans() {}

  /** Test client settings: short timeout, 3 attempts, 100 ms backoff doubling to 400 ms. */
  static GeoServerSettings settings(GeoServerStandIn standIn) {
    return new GeoServerSettings(
        standIn.baseUrl(),
        GeoServerStandIn.USER,
        Secret.of(GeoServerStandIn.PASSWORD),
        Duration.ofMillis(500),
        3,
        Duration.ofMillis(100),
        Duration.ofMillis(400));
  }

  static void addTables(GeoServerStandIn standIn) {
    for (int c = 0; c < CITIES.size(); c++) {
      for (String kind : LAYER_KINDS) {
        double[] e = EXTENTS[c];
        standIn.addTable(SCHEMA, kind + "_" + CITIES.get(c), e[0], e[1], e[2], e[3]);
      }
    }
  }

  static PublishPlan plan() {
    return plan(WORKSPACE, "db.internal", Secret.of("pg-secret-0d1e"));
  }

  static PublishPlan plan(String workspace, String dbHost, Secret dbPassword) {
    PostgisStoreSpec store =
        new PostgisStoreSpec(
            STORE, dbHost, 5432, "lcp", SCHEMA, "gs_reader", dbPassword, PostgisOptions.defaults());
    List<LayerSpec> layers = new ArrayList<>();
    List<LayerGroupSpec> groups = new ArrayList<>();
    for (String city : CITIES) {
      List<String> names = new ArrayList<>();
      for (String kind : LAYER_KINDS) {
        String name = kind + "_" + city;
        names.add(name);
        layers.add(
            new LayerSpec(
                name,
                name,
                "EPSG:4490",
                new Bilingual(city + " " + kind + " 指标", kind + " indicator, " + city),
                new Bilingual("15分钟生活圈评估结果。", "Fifteen-minute living circle assessment."),
                List.of(
                    Keyword.zh("15分钟生活圈"),
                    Keyword.en("15-minute living circle"),
                    Keyword.zh(city),
                    Keyword.en(city)),
                List.of(
                    new MetadataLink(
                        "text/html", "ISO19115:2003", "https://data.example.org/lcp/" + name)),
                styleOf(kind),
                new Attribution(
                    "山西省 15 分钟生活圈项目 / Shanxi living circles", "https://data.example.org/lcp")));
      }
      groups.add(
          new LayerGroupSpec(
              "lcp_" + city,
              new Bilingual(city + " 生活圈", city + " living circles"),
              new Bilingual("全部图层。", "All layers."),
              names));
    }
    return new PublishPlan(workspace, store, layers, styles(), groups);
  }

  static String styleOf(String kind) {
    return switch (kind) {
      case "grid" -> "grid_cells";
      case "walk_time" -> "walk_time_min";
      case "walk_distance" -> "walk_distance_m";
      case "completeness" -> "completeness";
      default -> "facilities";
    };
  }

  /**
   * Styles as configuration would give them (test values). Breaks 5/10/15 min echo the 5-, 10- and
   * 15-minute living circles of GB 50180-2018 (城市居住区规划设计标准); the metre breaks are illustrative, not
   * taken from the standard.
   */
  static List<StyleSpec> styles() {
    return List.of(
        new StyleSpec(
            "walk_time_min",
            new Bilingual("步行时间（分钟）", "Walking time (min)"),
            new StyleClasses.Graduated(
                "walk_min",
                "min",
                List.of(5.0, 10.0, 15.0),
                List.of("#253494", "#2c7fb8", "#41b6c4", "#ffffcc"),
                "#bdbdbd",
                "#ffffff")),
        new StyleSpec(
            "walk_distance_m",
            new Bilingual("步行距离（米）", "Walking distance (m)"),
            new StyleClasses.Graduated(
                "walk_m",
                "m",
                List.of(300.0, 500.0, 1000.0),
                List.of("#253494", "#2c7fb8", "#41b6c4", "#ffffcc"),
                "#bdbdbd",
                "#ffffff")),
        new StyleSpec(
            "completeness",
            new Bilingual("设施完备度", "Facility completeness"),
            new StyleClasses.Categorical(
                "completeness",
                List.of(
                    new StyleClasses.Category("complete", "完备 / complete", "#1a9641"),
                    new StyleClasses.Category("partial", "部分 / partial", "#fdae61"),
                    new StyleClasses.Category("none", "缺失 / none", "#d7191c")),
                "#bdbdbd",
                "#ffffff")),
        new StyleSpec(
            "grid_cells",
            new Bilingual("网格", "Grid cells"),
            new StyleClasses.PolygonFill("#f0f0f0", 0.3, "#636363", 0.5)),
        new StyleSpec(
            "facilities",
            new Bilingual("设施", "Facilities"),
            new StyleClasses.PointMark("circle", 6, "#e31a1c", "#ffffff")));
  }
}
