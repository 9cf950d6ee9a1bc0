package org.livingcircle.publish;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.livingcircle.common.Checks;
import org.livingcircle.config.PublishConfig;
import org.livingcircle.publish.geoserver.Attribution;
import org.livingcircle.publish.geoserver.Bilingual;
import org.livingcircle.publish.geoserver.Credentials;
import org.livingcircle.publish.geoserver.GeoServerClient;
import org.livingcircle.publish.geoserver.GeoServerPublisher;
import org.livingcircle.publish.geoserver.GeoServerSettings;
import org.livingcircle.publish.geoserver.Keyword;
import org.livingcircle.publish.geoserver.LayerGroupSpec;
import org.livingcircle.publish.geoserver.LayerSpec;
import org.livingcircle.publish.geoserver.MetadataLink;
import org.livingcircle.publish.geoserver.PostgisOptions;
import org.livingcircle.publish.geoserver.PostgisStoreSpec;
import org.livingcircle.publish.geoserver.PublishPlan;
import org.livingcircle.publish.geoserver.Secret;
import org.livingcircle.publish.geoserver.Sleeper;
import org.livingcircle.publish.geoserver.StyleClasses;
import org.livingcircle.publish.geoserver.StyleSpec;
import org.livingcircle.publish.postgis.PgCredentials;
import org.livingcircle.publish.postgis.PgTableSpec;
import org.livingcircle.publish.postgis.PostgisLoadJob;
import org.livingcircle.publish.postgis.PostgisLoadSpec;

/**
 * Publishes one city run: loads its tables into the city's live PostGIS schema ({@link
 * PostgisLoadJob}: staged, swapped atomically, old releases pruned), then, when GeoServer is on,
 * publishes them ({@link GeoServerPublisher}: workspace, store on the live schema, styles, one
 * layer per table, a layer group per city, tile truncation on a republish).
 *
 * <p>{@link #apply()} reads only (GeoParquet schemas, the release state, GeoServer GETs) and
 * returns both plans ({@code --dry-run}); {@link #commit()} runs them, PostGIS first because the
 * GeoServer store reads the live schema. A failure in GeoServer leaves the new release live in
 * PostGIS; publishing again resumes.
 */
public final class PublishJob {
  /**
   * Environment variables that turn GeoServer on and override {@code geoserver.url}/{@code
   * geoserver.user}.
   */
  public static final String GEOSERVER_URL = "GEOSERVER_URL";

  public static final String GEOSERVER_USER = "GEOSERVER_USER";

  /**
   * What to publish.
   *
   * @param config {@code conf/publish.yaml}
   * @param configFile its path, for messages
   * @param cityId city id, e.g. {@code jincheng}
   * @param cityNameZh city name in Chinese (layer titles)
   * @param cityNameEn city name in English
   * @param cityOut the city's output directory ({@code ingest/}, {@code indicators/}, {@code
   *     aggregate/})
   * @param releaseId explicit release id, or empty for {@code <city>_<manifest hash prefix>}
   * @param env environment holding passwords and the GeoServer overrides
   */
  public record Spec(
      PublishConfig config,
      Path configFile,
      String cityId,
      String cityNameZh,
      String cityNameEn,
      Path cityOut,
      Optional<String> releaseId,
      Map<String, String> env) {
    public Spec {
      Checks.notNull(config, "publish configuration");
      Checks.notNull(cityOut, "city output directory");
      Checks.check(
          cityId != null && cityId.matches("[a-z][a-z0-9_]*"),
          "Cannot publish city '%s': expected a lower-case snake_case id",
          cityId);
      env = Map.copyOf(env);
    }
  }

  /**
   * The plans of both services.
   *
   * @param postgis SQL in run order
   * @param geoServerUrl GeoServer base URL, empty when GeoServer is off
   * @param geoServer REST steps in order, empty when GeoServer is off
   */
  public record Plan(
      CityRelease release,
      PostgisLoadJob.Plan postgis,
      Optional<URI> geoServerUrl,
      List<GeoServerPublisher.PlannedStep> geoServer) {
    public Plan {
      geoServer = List.copyOf(geoServer);
    }

    /**
     * The plan as text: SQL statements, then REST steps (method and target; bodies, which hold
     * passwords, never).
     */
    public List<String> lines() {
      List<String> lines = new ArrayList<>();
      lines.add(
          "-- PostGIS: release "
              + release.releaseId()
              + " (manifests "
              + release.manifestSha256()
              + ")");
      lines.addAll(postgis.statements().stream().map(s -> s + ";").toList());
      if (geoServerUrl.isEmpty()) {
        lines.add(
            "-- GeoServer: off (geoserver.enabled is false and " + GEOSERVER_URL + " is unset)");
      } else {
        lines.add("-- GeoServer: " + geoServerUrl.get());
        geoServer.forEach(step -> lines.add(step.toString()));
      }
      return lines;
    }
  }

  /**
   * @param postgis the load
   * @param geoServer the catalog changes, empty when GeoServer is off
   * @param seconds wall time of both
   */
  public record Result(
      CityRelease release,
      PostgisLoadJob.Result postgis,
      Optional<GeoServerPublisher.PublishResult> geoServer,
      double seconds) {}

  private final SparkSession spark;
  private final Spec spec;

  public PublishJob(SparkSession spark, Spec spec) {
    this.spark = Checks.notNull(spark, "SparkSession");
    this.spec = Checks.notNull(spec, "publish spec");
  }

  /** Both plans, without writing anything. */
  public Plan apply() {
    Prepared p = prepare();
    PostgisLoadJob.Plan postgis = new PostgisLoadJob(spark, p.load).apply();
    List<GeoServerPublisher.PlannedStep> steps =
        p.publisher.map(GeoServerPublisher::apply).orElse(List.of());
    return new Plan(p.release, postgis, p.publisher.map(x -> p.geoServerUrl), steps);
  }

  /**
   * Loads PostGIS, then publishes to GeoServer when it is on; prints one progress line to {@code
   * out}.
   */
  public Result commit(PrintWriter out) {
    long start = System.nanoTime();
    Prepared p = prepare();
    PostgisLoadJob.Result loaded = new PostgisLoadJob(spark, p.load).commit();
    Optional<GeoServerPublisher.PublishResult> published =
        p.publisher.map(GeoServerPublisher::commit);
    double seconds = (System.nanoTime() - start) / 1e9;
    String geoServer =
        published
            .map(
                r ->
                    String.format(
                        Locale.ROOT,
                        "; GeoServer %s: %d created, %d updated, %d tile caches truncated",
                        spec.config().geoserver().workspace(),
                        r.nCreated(),
                        r.nUpdated(),
                        r.nTruncated()))
            .orElse("; GeoServer off");
    out.println(
        String.format(
            Locale.ROOT,
            "[publish] %s: release %s, %d tables, %,d rows live in %s%s%s  %.1f s",
            spec.cityId(),
            p.release.releaseId(),
            loaded.tables().size(),
            loaded.nRows(),
            p.load.liveSchema(),
            loaded.droppedReleaseIds().isEmpty() ? "" : ", dropped " + loaded.droppedReleaseIds(),
            geoServer,
            seconds));
    out.flush();
    return new Result(p.release, loaded, published, seconds);
  }

  private record Prepared(
      CityRelease release,
      PostgisLoadSpec load,
      Optional<GeoServerPublisher> publisher,
      URI geoServerUrl) {}

  private Prepared prepare() {
    PublishConfig config = spec.config();
    PublishConfig.Postgis pg = config.postgis();
    CityRelease release = CityRelease.read(spec.cityOut(), spec.cityId(), spec.releaseId());
    PgCredentials credentials = PgCredentials.fromEnvironment(pg.jdbcUrl(), pg.user(), spec.env());
    String liveSchema = pg.liveSchema(spec.cityId());
    List<PgTableSpec> tables =
        release.tables().stream()
            .map(
                t ->
                    new PgTableSpec(
                        t.name(),
                        t.sourceDir().toString(),
                        t.primaryKey(),
                        "geometry",
                        t.srid(),
                        t.geometryType()))
            .toList();
    PostgisLoadSpec load =
        new PostgisLoadSpec(
            credentials,
            release.releaseId(),
            liveSchema,
            tables,
            pg.releasesKept(),
            release.manifestSha256());
    String envUrl = spec.env().getOrDefault(GEOSERVER_URL, "");
    if (!config.geoserver().enabled() && envUrl.isEmpty()) {
      return new Prepared(release, load, Optional.empty(), null);
    }
    URI url = URI.create(envUrl.isEmpty() ? config.geoserver().url() : envUrl);
    String user = spec.env().getOrDefault(GEOSERVER_USER, "");
    GeoServerSettings settings =
        GeoServerSettings.of(
            url,
            user.isEmpty() ? config.geoserver().user() : user,
            Credentials.geoServerPassword(spec.env()));
    PublishPlan plan = geoServerPlan(release, liveSchema, Secret.of(credentials.revealPassword()));
    return new Prepared(
        release,
        load,
        Optional.of(
            new GeoServerPublisher(new GeoServerClient(settings, Sleeper.jittered()), plan)),
        settings.baseUrl());
  }

  /**
   * Store {@code <live schema>}, layers {@code <table>_<city>}, group {@code <city>_living_circle}.
   */
  PublishPlan geoServerPlan(CityRelease release, String liveSchema, Secret dbPassword) {
    PublishConfig config = spec.config();
    PublishConfig.Postgis pg = config.postgis();
    String storeHost =
        config.geoserver().storeHost() == null ? pg.host() : config.geoserver().storeHost();
    PostgisStoreSpec store =
        new PostgisStoreSpec(
            liveSchema,
            storeHost,
            pg.port(),
            pg.database(),
            liveSchema,
            pg.user(),
            dbPassword,
            PostgisOptions.defaults());
    String licenceZh = "数据许可：" + config.licence().name() + "（" + config.licence().url() + "）。";
    String licenceEn = "Licence: " + config.licence().name() + " (" + config.licence().url() + ").";
    List<LayerSpec> layers = new ArrayList<>();
    List<String> layerNames = new ArrayList<>();
    for (CityRelease.Table table : release.tables()) {
      PublishConfig.TableMetadata meta = config.tables().get(table.name());
      Checks.check(
          meta != null,
          "Cannot publish table %s: %s has no tables/%s entry",
          table.name(),
          spec.configFile(),
          table.name());
      List<Keyword> keywords = new ArrayList<>();
      meta.keywords().zh().forEach(k -> keywords.add(Keyword.zh(k)));
      keywords.add(Keyword.zh(spec.cityNameZh()));
      meta.keywords().en().forEach(k -> keywords.add(Keyword.en(k)));
      keywords.add(Keyword.en(spec.cityNameEn()));
      PublishConfig.Attribution attribution =
          meta.attribution() == null ? config.attribution() : meta.attribution();
      String name = table.name() + "_" + spec.cityId();
      layerNames.add(name);
      layers.add(
          new LayerSpec(
              name,
              table.name(),
              "EPSG:" + table.srid(),
              new Bilingual(
                  spec.cityNameZh() + " " + meta.titleZh(),
                  meta.titleEn() + ", " + spec.cityNameEn()),
              new Bilingual(
                  meta.abstractZh() + "\n" + licenceZh, meta.abstractEn() + "\n" + licenceEn),
              keywords,
              List.of(
                  new MetadataLink(
                      "text/html",
                      "other",
                      meta.metadataUrl()
                          .replace("{city}", spec.cityId())
                          .replace("{table}", table.name()))),
              meta.style(),
              new Attribution(attribution.title(), attribution.href())));
    }
    List<StyleSpec> styles = new ArrayList<>();
    config.styles().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> styles.add(style(e.getKey(), e.getValue())));
    LayerGroupSpec group =
        new LayerGroupSpec(
            spec.cityId() + "_living_circle",
            new Bilingual(
                spec.cityNameZh() + " 15分钟生活圈", spec.cityNameEn() + " 15-minute living circles"),
            new Bilingual(
                spec.cityNameZh() + "15分钟生活圈评估的全部图层。" + licenceZh,
                "All layers of the "
                    + spec.cityNameEn()
                    + " 15-minute living-circle assessment. "
                    + licenceEn),
            layerNames);
    return new PublishPlan(config.geoserver().workspace(), store, layers, styles, List.of(group));
  }

  /** Configuration to {@link StyleSpec}; the records check breaks, colours and marks. */
  static StyleSpec style(String name, PublishConfig.Style style) {
    Bilingual title = new Bilingual(style.titleZh(), style.titleEn());
    StyleClasses classes;
    if (style instanceof PublishConfig.Graduated g) {
      classes =
          new StyleClasses.Graduated(
              g.property(), g.unit(), g.breaks(), g.colours(), g.noDataColour(), g.strokeColour());
    } else if (style instanceof PublishConfig.Categorical c) {
      classes =
          new StyleClasses.Categorical(
              c.property(),
              c.categories().stream()
                  .map(k -> new StyleClasses.Category(k.value(), k.label(), k.colour()))
                  .toList(),
              c.noDataColour(),
              c.strokeColour());
    } else if (style instanceof PublishConfig.Point m) {
      classes = new StyleClasses.PointMark(m.mark(), m.sizePx(), m.fillColour(), m.strokeColour());
    } else {
      throw new IllegalStateException(
          "Cannot translate style " + name + " of kind " + style.getClass().getSimpleName());
    }
    return new StyleSpec(name, title, classes);
  }
}
