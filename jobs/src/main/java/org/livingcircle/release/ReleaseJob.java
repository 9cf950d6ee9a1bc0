package org.livingcircle.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.livingcircle.common.Checks;
import org.livingcircle.common.CityLayout;
import org.livingcircle.common.InputException;
import org.livingcircle.common.Manifest;
import org.livingcircle.common.RunLayout;
import org.livingcircle.common.Stage;
import org.livingcircle.common.StagedOutput;
import org.livingcircle.common.Table;
import org.livingcircle.config.Categories;
import org.livingcircle.config.Category;
import org.livingcircle.config.Tier;
import org.livingcircle.config.WalkModel;
import org.livingcircle.spark.GeoParquet;
import org.livingcircle.spark.Sessions;

/**
 * Builds a versioned release folder {@code <out>/release/<version>/} from the city outputs and the
 * comparison: GeoParquet tables (zstd, Hilbert-sorted, at most {@link #ROWS_PER_ROW_GROUP} rows per
 * row group), CSV and GeoJSON extracts of the county and city tables, the data dictionary, the
 * licence, provenance from the stage manifests, DCAT-AP 3 and STAC metadata, the static portal with
 * its bundled libraries and per-city map data, and {@code SHA256SUMS}. Written in a staging folder
 * and moved into place at the end.
 */
public final class ReleaseJob {
  /** Rows per part file and row group: within the 50k-150k rows that readers stream well. */
  public static final long ROWS_PER_ROW_GROUP = 100_000L;

  /** Map-data byte for "none within the search limit". */
  public static final int NONE = MapData.NONE;

  /** Largest minute value stored in map data; longer walks are stored as this. */
  public static final int MAX_MINUTES = MapData.MAX_MINUTES;

  /** The released tables of each city, in release order. */
  static final List<Table> CITY_TABLES =
      List.of(
          Table.POI,
          Table.FACILITIES,
          Table.ADMIN_UNITS,
          Table.CENSUS,
          Table.CELLS,
          Table.GRID_INDICATORS,
          Table.COMPOUND_INDICATORS,
          Table.ADMIN_INDICATORS,
          Table.GAP_CELLS,
          Table.SUGGESTIONS);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReleaseJob() {}

  /** A city output folder and what the portal needs to know about it. */
  public record City(String id, String nameZh, String nameEn, int basicThresholdMin, Path dir) {
    /** One sentence naming the walking model that made the city's distances and counts. */
    String walkingNote() {
      Path manifest = CityLayout.of(dir).manifest(Stage.ACCESS);
      JsonNode walk;
      try {
        walk = JSON.readTree(manifest.toFile()).path(Manifest.WALK_MODEL);
      } catch (IOException e) {
        throw new InputException(
            "Cannot read " + manifest + ": " + e.getMessage() + "; run the access stage first", e);
      }
      if ("network".equals(walk.path("model").asText())) {
        String pbf = walk.path("osm_pbf").path("path").asText("");
        String sha = walk.path("osm_pbf").path("sha256").asText("");
        return String.format(
            Locale.ROOT,
            "walking model: street network (shortest paths on the walkable ways of %s, sha256 %s,"
                + " link radius %s m, unlinked cells: %s); dist_straight_m_* give the straight line",
            pbf.isEmpty() ? "the OSM extract" : Path.of(pbf).getFileName(),
            sha.length() > 12 ? sha.substring(0, 12) : sha,
            walk.path("link_radius_m").asText("?"),
            walk.path("unlinked").asText("?"));
      }
      return String.format(
          Locale.ROOT,
          "walking model: straight line × detour factor %s at %s m/min",
          walk.path("detour_factor").asText("?"),
          walk.path("speed_m_per_min").asText("?"));
    }

    /**
     * The walking model the access stage recorded in its manifest (the release never reads the YAML
     * again).
     */
    WalkModel walk() {
      Path manifest = CityLayout.of(dir).manifest(Stage.ACCESS);
      JsonNode walk;
      try {
        walk = JSON.readTree(manifest.toFile()).path(Manifest.WALK_MODEL);
      } catch (IOException e) {
        throw new InputException(
            "Cannot read " + manifest + ": " + e.getMessage() + "; run the access stage first", e);
      }
      if (!walk.path("speed_m_per_min").isNumber() || !walk.path("detour_factor").isNumber()) {
        throw new InputException(
            "Cannot release "
                + id
                + ": "
                + manifest
                + " records no walk_model; rerun the access stage");
      }
      return new WalkModel(
          walk.path("speed_m_per_min").asDouble(), walk.path("detour_factor").asDouble());
    }

    /**
     * {@code network} or {@code straight_line}: how the access stage measured the walks (its
     * manifest's model).
     */
    String walkModelName() {
      Path manifest = CityLayout.of(dir).manifest(Stage.ACCESS);
      try {
        return JSON.readTree(manifest.toFile())
            .path(Manifest.WALK_MODEL)
            .path("model")
            .asText("straight_line");
      } catch (IOException e) {
        throw new InputException(
            "Cannot read " + manifest + ": " + e.getMessage() + "; run the access stage first", e);
      }
    }
  }

  /** What to release. */
  public record Spec(
      Path out,
      List<City> cities,
      Path comparisonDir,
      ReleaseConfig config,
      DataDictionary dictionary,
      Categories categories,
      Path portalDir,
      Path referenceDir,
      Path licenceTemplate,
      List<Path> configFiles,
      Optional<String> version) {
    public Spec {
      cities = List.copyOf(Checks.notNull(cities, "cities"));
      Checks.check(!cities.isEmpty(), "Cannot release: no city");
      configFiles = List.copyOf(configFiles);
    }
  }

  /** A finished release. */
  public record Result(Path dir, String version, int nTables, int nFiles, long bytes) {}

  /** Builds the release and moves it into place. */
  public static Result run(SparkSession spark, Spec spec, java.io.PrintStream progress) {
    long start = System.nanoTime();
    String version = spec.version().orElseGet(() -> version(spec));
    Checks.check(
        version.matches("[0-9A-Za-z][0-9A-Za-z._-]*"),
        "Cannot use release version %s: use letters, digits, '.', '_', '-'",
        version);
    Sessions.describe(spark, "release", version);
    Path releaseRoot = RunLayout.of(spec.out()).releases();
    Instant now = Instant.now();
    try (StagedOutput staged = StagedOutput.begin(releaseRoot.resolve(version))) {
      Path d = staged.dir();
      List<Metadata.Table> tables = new ArrayList<>();
      Map<String, DataDictionary.Column> columns = new LinkedHashMap<>();
      Map<String, double[]> cityBbox = new LinkedHashMap<>();
      for (City city : spec.cities()) {
        for (Table t : CITY_TABLES) {
          String[] st = {t.stage().dirName(), t.tableName()};
          Path src = CityLayout.of(city.dir()).table(t);
          if (!Files.isDirectory(src)) {
            throw new InputException(
                "Cannot release " + src + ": not found; run the " + st[0] + " stage first");
          }
          String crs = GeoParquet.crs(spark.sparkContext().hadoopConfiguration(), src.toString());
          Dataset<Row> table = spark.read().format("geoparquet").load(src.toString()).drop("bbox");
          String rel = "tables/" + city.id() + "/" + st[1];
          GeoParquet.Written w =
              GeoParquet.write(spark, table, crs, d.resolve(rel).toString(), ROWS_PER_ROW_GROUP);
          describe(
              spec.dictionary(),
              st[1],
              spark.read().format("geoparquet").load(d.resolve(rel).toString()),
              columns);
          if (st[1].equals("admin_indicators")) {
            cityBbox.put(city.id(), w.bbox());
          }
          tables.add(
              new Metadata.Table(
                  city.id() + "-" + st[1].replace('_', '-'),
                  city.nameEn() + " " + city.nameZh() + ": " + st[1],
                  city.id(),
                  st[1],
                  w.rows(),
                  crs,
                  new double[4],
                  parts(d, d.resolve(rel))));
        }
      }
      double[] allBbox = union(cityBbox.values());
      List<Metadata.Table> withBbox = new ArrayList<>();
      for (Metadata.Table t : tables) {
        withBbox.add(
            new Metadata.Table(
                t.itemId(),
                t.title(),
                t.city(),
                t.table(),
                t.rows(),
                t.crs(),
                cityBbox.get(t.city()),
                t.parts()));
      }
      Dataset<Row> comparison =
          spark
              .read()
              .parquet(spec.comparisonDir().resolve(RunLayout.COMPARISON_PARQUET).toString());
      comparison
          .coalesce(1)
          .write()
          .mode(SaveMode.Overwrite)
          .option("compression", "zstd")
          .parquet(d.resolve("tables/comparison").toString());
      cleanParts(d.resolve("tables/comparison"));
      describe(spec.dictionary(), "comparison", comparison, columns);

      Extracted extracted = extracts(spark, spec, d, comparison);
      Files.writeString(
          d.resolve("data-dictionary.csv"), DataDictionary.csv(List.copyOf(columns.values())));
      Files.writeString(
          d.resolve("data-dictionary.md"), DataDictionary.markdown(List.copyOf(columns.values())));
      PRETTY.writeValue(d.resolve("data-dictionary.json").toFile(), columns.values());
      Provenance.write(d, version, now, cityDirs(spec), spec.configFiles());
      Licences.write(
          spec.licenceTemplate(), spec.referenceDir().resolve("LICENSES"), spec.config(), d);
      List<Map<String, Object>> mapCities = new ArrayList<>();
      for (City city : spec.cities()) {
        mapCities.add(mapData(spark, spec, city, d));
      }
      PortalBundle.copy(spec.portalDir(), d);

      Files.createDirectories(d.resolve("stac/items"));
      PRETTY.writeValue(
          d.resolve("stac/collection.json").toFile(),
          Metadata.stacCollection(spec.config(), version, allBbox, now.toString(), withBbox));
      for (Metadata.Table t : withBbox) {
        PRETTY.writeValue(
            d.resolve("stac/items/" + t.itemId() + ".json").toFile(),
            Metadata.stacItem(spec.config(), version, now.toString(), t));
      }
      Map<String, String> walkingNotes = new LinkedHashMap<>();
      for (City city : spec.cities()) {
        walkingNotes.put(city.id(), city.walkingNote());
      }
      List<Metadata.Distribution> distributions = distributions(d, withBbox, walkingNotes);
      String issued = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
      Files.writeString(
          d.resolve("dcat.jsonld"),
          PRETTY.writeValueAsString(
              Metadata.dcat(spec.config(), version, issued, allBbox, distributions)));
      Files.writeString(
          d.resolve("data/catalog.js"),
          PortalCatalog.script(
              spec.config(),
              version,
              issued,
              distributions,
              spec.categories(),
              mapCities,
              extracted.comparison(),
              extracted.admin()));
      int nFiles = Checksums.write(d);
      long bytes = Checksums.bytes(d);
      staged.commit();
      Files.writeString(releaseRoot.resolve("LATEST"), version + "\n");
      Path dir = releaseRoot.resolve(version).toAbsolutePath().normalize();
      progress.printf(
          Locale.ROOT,
          "[release] %s: %d tables, %,d files, %.1f MB -> %s  %.1f s%n",
          version,
          tables.size() + 1,
          nFiles,
          bytes / 1e6,
          dir,
          (System.nanoTime() - start) / 1e9);
      return new Result(dir, version, tables.size() + 1, nFiles, bytes);
    } catch (IOException e) {
      throw new InputException(
          "Cannot write release " + version + " under " + releaseRoot + ": " + e.getMessage(), e);
    }
  }

  /** Release version from the inputs ({@link Provenance#version}), dated today (UTC). */
  static String version(Spec spec) {
    try {
      return Provenance.version(
          cityDirs(spec),
          spec.comparisonDir().resolve(RunLayout.COMPARISON_CSV),
          spec.configFiles(),
          LocalDate.now(ZoneOffset.UTC));
    } catch (IOException e) {
      throw new InputException(
          "Cannot read the manifests under " + spec.out() + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Path> cityDirs(Spec spec) {
    Map<String, Path> dirs = new LinkedHashMap<>();
    for (City city : spec.cities()) {
      dirs.put(city.id(), city.dir());
    }
    return dirs;
  }

  private static void describe(
      DataDictionary dictionary,
      String table,
      Dataset<Row> df,
      Map<String, DataDictionary.Column> columns) {
    for (StructField f : df.schema().fields()) {
      String key = table + "/" + f.name();
      if (!columns.containsKey(key)) {
        String type = f.name().equals("geometry") ? "geometry (WKB)" : f.dataType().simpleString();
        columns.put(key, dictionary.describe(table, f.name(), type));
      }
    }
  }

  /** Part files of a written table, after deleting Spark's marker and checksum files. */
  private static List<Metadata.FileFact> parts(Path release, Path table) throws IOException {
    cleanParts(table);
    return Checksums.files(release, table);
  }

  private static void cleanParts(Path table) throws IOException {
    try (Stream<Path> files = Files.list(table)) {
      for (Path p : files.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(".") || name.startsWith("_")) {
          Files.delete(p);
        }
      }
    }
  }

  /**
   * The county and city indicators (without geometry), their geometries by admin code, and the
   * comparison.
   */
  private record Extracted(Extracts admin, Map<String, String> geometries, Extracts comparison) {}

  /** CSV and GeoJSON of admin_indicators and comparison, written from the rows it returns. */
  private static Extracted extracts(SparkSession spark, Spec spec, Path d, Dataset<Row> comparison)
      throws IOException {
    Path x = Files.createDirectories(d.resolve("extracts"));
    Dataset<Row> admin = null;
    for (City city : spec.cities()) {
      Dataset<Row> one =
          spark
              .read()
              .format("geoparquet")
              .load(d.resolve("tables/" + city.id() + "/admin_indicators").toString());
      admin = admin == null ? one : admin.unionByName(one);
    }
    admin.createOrReplaceTempView("lcp_r_admin");
    Dataset<Row> rows =
        spark
            .sql(
                "SELECT *, ST_AsGeoJSON(geometry) AS lcp_geojson FROM lcp_r_admin ORDER BY city_code, level, admin_code")
            .drop("geometry", "bbox");
    List<String> adminCols = List.of(rows.columns());
    int geo = adminCols.size() - 1;
    List<List<Object>> adminValues = new ArrayList<>();
    List<String> adminGeometry = new ArrayList<>();
    for (Row r : rows.collectAsList()) {
      adminValues.add(values(r, geo));
      adminGeometry.add(r.getString(geo));
    }
    spark.catalog().dropTempView("lcp_r_admin");
    Extracts adminExtract = new Extracts(adminCols.subList(0, geo), adminValues);
    Map<String, String> geometries = new LinkedHashMap<>();
    int code = adminExtract.column("admin_code");
    for (int i = 0; i < adminValues.size(); i++) {
      geometries.put((String) adminValues.get(i).get(code), adminGeometry.get(i));
    }
    Files.writeString(x.resolve("admin_indicators.csv"), adminExtract.csv());
    Files.writeString(
        x.resolve("admin_indicators.geojson"), adminExtract.geojson(adminGeometry::get));

    List<String> compCols = List.of(comparison.columns());
    List<List<Object>> compValues = new ArrayList<>();
    for (Row r : comparison.collectAsList()) {
      compValues.add(values(r, compCols.size()));
    }
    Extracts compExtract = new Extracts(compCols, compValues);
    int county = compExtract.column("county_code");
    int cityCode = compExtract.column("city_code");
    Files.writeString(x.resolve("comparison.csv"), compExtract.csv());
    Files.writeString(
        x.resolve("comparison.geojson"),
        compExtract.geojson(
            i -> {
              List<Object> r = compValues.get(i);
              return geometries.get(
                  (String) (r.get(county) == null ? r.get(cityCode) : r.get(county)));
            }));
    return new Extracted(adminExtract, geometries, compExtract);
  }

  /** The first {@code n} values of a row. */
  private static List<Object> values(Row r, int n) {
    List<Object> v = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      v.add(r.get(i));
    }
    return v;
  }

  /**
   * Writes data/<city>/cells.js and one script per map layer ({@link MapData}); returns the city's
   * portal entry.
   */
  private static Map<String, Object> mapData(SparkSession spark, Spec spec, City city, Path d)
      throws IOException {
    Path dir = Files.createDirectories(d.resolve("data/" + city.id()));
    List<Category> cats =
        spec.categories().categories().stream().filter(c -> c.tier() != Tier.RESIDENTIAL).toList();
    List<String> select =
        new ArrayList<>(List.of("CAST(col AS INT)", "CAST(row AS INT)", "cell_size_m"));
    for (Category c : cats) {
      select.add("dist_m_" + c.id());
    }
    String basic = "basic_types_" + city.basicThresholdMin() + "min";
    select.add(basic);
    List<Row> rows =
        spark
            .read()
            .format("geoparquet")
            .load(d.resolve("tables/" + city.id() + "/grid_indicators").toString())
            .selectExpr(select.toArray(String[]::new))
            .collectAsList();
    int n = rows.size();
    Checks.check(n > 0, "Cannot draw %s: %s cells", city.id(), n);
    int[] col = new int[n];
    int[] row = new int[n];
    double[][] walkMeters = new double[cats.size()][n];
    int[] basicTypes = new int[n];
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      col[i] = r.getInt(0);
      row[i] = r.getInt(1);
      for (int k = 0; k < cats.size(); k++) {
        walkMeters[k][i] = r.isNullAt(3 + k) ? Double.NaN : r.getDouble(3 + k);
      }
      basicTypes[i] = r.isNullAt(3 + cats.size()) ? -1 : r.getInt(3 + cats.size());
    }
    MapData.Window w = MapData.window(city.id(), col, row);
    int cellSizeM = rows.get(0).getInt(2);
    WalkModel walk = city.walk();
    List<String> layerIds = new ArrayList<>();
    for (int k = 0; k <= cats.size(); k++) {
      String id = k < cats.size() ? cats.get(k).id() : basic;
      layerIds.add(id);
      byte[] layer =
          k < cats.size()
              ? MapData.minutesLayer(walkMeters[k], walk)
              : MapData.countLayer(basicTypes);
      Files.writeString(dir.resolve(id + ".js"), MapData.layerScript(city.id(), id, layer));
    }
    // county outlines in cell units, simplified to a quarter cell
    spark
        .read()
        .format("geoparquet")
        .load(d.resolve("tables/" + city.id() + "/admin_indicators").toString())
        .createOrReplaceTempView("lcp_r_units");
    String crs = cityCrs(spark, d, city);
    List<Row> units =
        spark
            .sql(
                String.format(
                    Locale.ROOT,
                    "SELECT admin_code, name, ST_AsGeoJSON(ST_SimplifyPreserveTopology(ST_Transform(geometry, 'EPSG:4326', '%s'), %f))"
                        + " FROM lcp_r_units WHERE level = 'county' ORDER BY admin_code",
                    crs,
                    cellSizeM / 4.0))
            .collectAsList();
    spark.catalog().dropTempView("lcp_r_units");
    List<Object> counties = new ArrayList<>();
    for (Row u : units) {
      counties.add(
          MapData.county(
              u.getString(0), u.getString(1), MapData.rings(u.getString(2), cellSizeM, w)));
    }
    Files.writeString(
        dir.resolve("cells.js"),
        MapData.cellsScript(city.id(), cellSizeM, crs, w, MapData.cells(w, col, row), counties));
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("id", city.id());
    entry.put("name_zh", city.nameZh());
    entry.put("name_en", city.nameEn());
    entry.put("n_cells", n);
    entry.put("speed_m_per_min", walk.speedMetersPerMinute());
    // which walking model made the map's numbers; the portal compares the two per county when it is
    // the network
    entry.put("walk_model", city.walkModelName());
    entry.put("detour_factor", walk.detourFactor());
    entry.put("layers", layerIds);
    entry.put("completeness_layer", basic);
    entry.put("siting", sitingData(spark, city, d, dir, w, cellSizeM));
    return entry;
  }

  /**
   * Writes data/<city>/siting.js: per unit and problem, the coverage curve, the target's answer and
   * the suggested sites in cell units (x / cell size - col0, as the outlines); returns the number
   * of groups written.
   */
  private static int sitingData(
      SparkSession spark, City city, Path d, Path dir, MapData.Window w, int cellSizeM)
      throws IOException {
    Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
    for (Row r :
        spark
            .read()
            .parquet(CityLayout.of(city.dir()).table(Table.COVERAGE_CURVE).toString())
            .orderBy("admin_code", "indicator", "target_id", "n_sites")
            .collectAsList()) {
      Map<String, Object> g =
          groups.computeIfAbsent(
              sitingKey(r),
              k -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("admin_code", r.getAs("admin_code"));
                m.put("level", r.getAs("level"));
                m.put("indicator", r.getAs("indicator"));
                m.put("target_id", r.getAs("target_id"));
                m.put("category", r.getAs("category"));
                m.put("target_share", r.getAs("target_share"));
                m.put("curve", new ArrayList<Object>());
                m.put("sites", new ArrayList<Object>());
                return m;
              });
      @SuppressWarnings("unchecked")
      List<Object> curve = (List<Object>) g.get("curve");
      curve.add(
          r.isNullAt(r.fieldIndex("share"))
              ? null
              : Math.round(r.<Double>getAs("share") * 1e6) / 1e6);
    }
    for (Row r :
        spark
            .read()
            .parquet(CityLayout.of(city.dir()).table(Table.SITING_TARGETS).toString())
            .collectAsList()) {
      Map<String, Object> g = groups.get(sitingKey(r));
      if (g != null) {
        g.put("sites_needed", r.getAs("sites_needed"));
        g.put("reachable", r.getAs("reachable_within_budget"));
        g.put("places_needed", r.getAs("places_needed"));
        g.put("outcome", r.getAs("outcome"));
      }
    }
    for (Row r :
        spark
            .read()
            .format("geoparquet")
            .load(d.resolve("tables/" + city.id() + "/suggestions").toString())
            .selectExpr(
                "admin_code",
                "indicator",
                "target_id",
                "rank",
                "category",
                "county_name",
                "marginal_people",
                "marginal_compounds",
                "cumulative_share",
                "places",
                "ST_X(geometry) AS x",
                "ST_Y(geometry) AS y")
            .orderBy("admin_code", "indicator", "target_id", "rank")
            .collectAsList()) {
      Map<String, Object> g = groups.get(sitingKey(r));
      if (g == null) {
        continue;
      }
      g.put("county_name", r.getAs("county_name"));
      List<Object> site = new ArrayList<>();
      site.add(r.getAs("rank"));
      site.add(r.getAs("category"));
      site.add(MapData.Window.cellUnits(r.<Double>getAs("x"), cellSizeM, w.col0()));
      site.add(MapData.Window.cellUnits(r.<Double>getAs("y"), cellSizeM, w.row0()));
      site.add(r.isNullAt(6) ? null : Math.round(r.<Double>getAs("marginal_people")));
      site.add(r.isNullAt(9) ? null : r.<Double>getAs("places"));
      @SuppressWarnings("unchecked")
      List<Object> sites = (List<Object>) g.get("sites");
      sites.add(site);
    }
    Files.writeString(
        dir.resolve("siting.js"),
        MapData.sitingScript(city.id(), new ArrayList<>(groups.values())));
    return groups.size();
  }

  private static String sitingKey(Row r) {
    return r.getAs("admin_code") + "|" + r.getAs("indicator") + "|" + r.getAs("target_id");
  }

  private static String cityCrs(SparkSession spark, Path d, City city) {
    return GeoParquet.crs(
        spark.sparkContext().hadoopConfiguration(),
        d.resolve("tables/" + city.id() + "/grid_indicators").toString());
  }

  private static List<Metadata.Distribution> distributions(
      Path d, List<Metadata.Table> tables, Map<String, String> walkingNotes) throws IOException {
    List<Metadata.Distribution> out = new ArrayList<>();
    for (Metadata.Table t : tables) {
      // access URL: the table's STAC item, which lists its part files (a folder has no page of its
      // own)
      out.add(
          new Metadata.Distribution(
              t.itemId(),
              t.title() + " (GeoParquet)",
              String.format(
                  Locale.ROOT,
                  "GeoParquet 1.1 table, %,d rows, %s, zstd, Hilbert-sorted; columns in"
                      + " data-dictionary.csv; %s",
                  t.rows(),
                  t.crs(),
                  walkingNotes.get(t.city())),
              Metadata.PARQUET,
              "PARQUET",
              "stac/items/" + t.itemId() + ".json",
              t.parts()));
    }
    List<Metadata.FileFact> comparison = Checksums.files(d, d.resolve("tables/comparison"));
    out.add(
        new Metadata.Distribution(
            "comparison-parquet",
            "Comparison with plan targets / 与规划目标比较 (Parquet)",
            "Counties and cities against the targets of conf/targets.yaml",
            Metadata.PARQUET,
            "PARQUET",
            comparison.get(0).path(),
            comparison));
    String[][] files = {
      {
        "admin-indicators-csv",
        "extracts/admin_indicators.csv",
        "County and city indicators / 区县和城市指标 (CSV)",
        "text/csv",
        "CSV"
      },
      {
        "admin-indicators-geojson",
        "extracts/admin_indicators.geojson",
        "County and city indicators / 区县和城市指标 (GeoJSON)",
        "application/geo+json",
        "GEOJSON"
      },
      {
        "comparison-csv",
        "extracts/comparison.csv",
        "Comparison with plan targets / 与规划目标比较 (CSV)",
        "text/csv",
        "CSV"
      },
      {
        "comparison-geojson",
        "extracts/comparison.geojson",
        "Comparison with plan targets / 与规划目标比较 (GeoJSON)",
        "application/geo+json",
        "GEOJSON"
      },
      {
        "data-dictionary-csv",
        "data-dictionary.csv",
        "Data dictionary / 数据字典 (CSV)",
        "text/csv",
        "CSV"
      },
      {
        "data-dictionary-md",
        "data-dictionary.md",
        "Data dictionary / 数据字典 (Markdown)",
        "text/markdown",
        "TXT"
      },
      {"stac-collection", "stac/collection.json", "STAC collection", "application/json", "JSON"},
      {"portal", "index.html", "Portal / 门户网页", "text/html", "HTML"},
    };
    for (String[] f : files) {
      Path p = d.resolve(f[1]);
      List<Metadata.FileFact> facts =
          Files.isRegularFile(p) ? List.of(Checksums.fact(d, p)) : List.of();
      out.add(new Metadata.Distribution(f[0], f[2], f[2], f[3], f[4], f[1], facts));
    }
    return out;
  }

  private static double[] union(java.util.Collection<double[]> boxes) {
    double[] u = {
      Double.POSITIVE_INFINITY,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.NEGATIVE_INFINITY
    };
    for (double[] b : boxes) {
      u[0] = Math.min(u[0], b[0]);
      u[1] = Math.min(u[1], b[1]);
      u[2] = Math.max(u[2], b[2]);
      u[3] = Math.max(u[3], b[3]);
    }
    return u;
  }
}
