package org.livingcircle.sample;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.livingcircle.common.ConfigException;

/**
 * Backend of {@code lcp sample}: writes a complete, clearly labelled SYNTHETIC input directory for
 * one city (POI exports with known defects, capacity register, census, statistics, manifest).
 *
 * <p>Deterministic: the same spec and seed give byte-identical files. Each output has its own
 * {@link SplittableRandom} stream derived from the seed and a fixed stream number, so adding a file
 * never changes the others; no output depends on hash-map iteration order or the locale. The layout
 * of the directory is the contract with the ingest, see {@code package-info.java}.
 */
public final class SampleGenerator {
  private static final long STREAM_LAYOUT = 1;
  private static final long STREAM_POIS = 2;
  private static final long STREAM_ROUTE = 3;
  private static final long STREAM_MESS = 4;
  private static final long STREAM_OSM = 5;
  private static final long STREAM_CENSUS = 6;
  private static final long STREAM_FACILITIES = 7;
  private static final long STREAM_STATISTICS = 8;
  private static final long STREAM_BENCH = 9;
  private static final long STREAM_STREETS = 10;

  private final SampleSpec spec;
  private final SampleCategorySource categorySource;
  private final CoordinateShift shift;

  /**
   * Samples of the neighbour cities whose streets the network also covers; null: from the city
   * configs.
   */
  private final List<SampleSpec> neighbours;

  /**
   * @param categorySource categories (at merge: an adapter over the project's categories config)
   * @param shift WGS84 → GCJ-02 (at merge: ChinaCoordinates)
   */
  public SampleGenerator(
      SampleSpec spec, SampleCategorySource categorySource, CoordinateShift shift) {
    this.spec = spec;
    this.categorySource = categorySource;
    this.shift = shift;
    this.neighbours = null;
  }

  private SampleGenerator(
      SampleSpec spec,
      SampleCategorySource categorySource,
      CoordinateShift shift,
      List<SampleSpec> neighbours) {
    this.spec = spec;
    this.categorySource = categorySource;
    this.shift = shift;
    this.neighbours = neighbours == null ? null : List.copyOf(neighbours);
  }

  /**
   * The same generator with the neighbour cities given explicitly (their samples' specs; the street
   * network covers them too), instead of the {@code neighbours:} of the city configs; an empty
   * list: the city's streets only.
   */
  public SampleGenerator withNeighbours(List<SampleSpec> neighbourSpecs) {
    return new SampleGenerator(spec, categorySource, shift, neighbourSpecs);
  }

  /** Reads categories from {@code spec.categoriesYaml()} and uses the built-in GCJ-02 shift. */
  public SampleGenerator(SampleSpec spec) {
    this(spec, new YamlSampleCategorySource(spec.categoriesYaml()), CoordinateShift.gcj02());
  }

  public SampleResult run() {
    long t0 = System.nanoTime();
    List<SampleCategory> categories = categorySource.categories();
    checkCategoryIds(categories);
    List<SampleGeography.County> counties = SampleGeography.read(spec);
    Path out = spec.outDir();
    long seed = spec.seed();
    String slug = spec.citySlug();

    List<SampleLayout> layouts = layouts(counties);
    long population = 0;
    for (SampleLayout layout : layouts) {
      population += layout.population;
    }

    SampleIds ids = new SampleIds(seed);
    SampleNames names = new SampleNames();
    PoiFiles poiFiles = new PoiFiles(categories, layouts, shift, ids, seed);
    List<PoiFiles.Poi> pois = poiFiles.generate(stream(STREAM_POIS), names, spec.scale());
    List<SampleFile> files =
        new ArrayList<>(
            poiFiles.write(
                out, slug, pois, stream(STREAM_ROUTE), stream(STREAM_MESS), stream(STREAM_OSM)));
    if (spec.benchRows() != SampleSpec.NO_BENCH_ROWS) {
      files.add(
          BenchPoiFile.write(
              out,
              slug,
              spec.benchRows(),
              categories,
              layouts,
              shift,
              ids,
              stream(STREAM_BENCH),
              seed));
    }
    files.add(
        FacilitiesFile.write(
            out, categories, layouts, spec.scale(), stream(STREAM_FACILITIES), names, seed));
    files.add(CensusFile.write(out, layouts, stream(STREAM_CENSUS), seed));
    files.add(StatisticsFile.write(out, spec.cityCode(), layouts, stream(STREAM_STATISTICS), seed));
    files.add(SampleStreets.write(out, List.of(streets(categories, layouts, pois))));
    files.add(SampleReadme.write(out, spec, counties, categories));

    Map<String, Long> validByCategory = new TreeMap<>();
    categories.forEach(c -> validByCategory.put(c.id(), 0L));
    pois.forEach(p -> validByCategory.merge(categories.get(p.category()).id(), 1L, Long::sum));
    long nMess = 0;
    for (SampleFile f : files) {
      if (!f.path().endsWith("_bench.csv")) {
        nMess += f.counts().getOrDefault("mess_rows", 0L);
      }
    }
    writeManifest(out, slug, counties, layouts, categories, validByCategory, files);
    List<String> paths = new ArrayList<>();
    files.forEach(f -> paths.add(f.path()));
    paths.add(MANIFEST);
    return new SampleResult(
        out,
        counties.size(),
        population,
        pois.size(),
        nMess,
        paths,
        (System.nanoTime() - t0) / 1_000_000);
  }

  /** The SYNTHETIC street network of a sample directory (OSM PBF, WGS84). */
  public static final String STREETS_FILE = SampleStreets.FILE;

  /**
   * Writes the street networks of several sample directories' {@link #STREETS_FILE}s as one PBF
   * (their OSM ids never overlap: each city's start at its code × 10⁸).
   */
  public static void mergeStreets(List<Path> pbfs, Path out) {
    SampleStreets.merge(pbfs, out);
  }

  static final String MANIFEST = "sample_manifest.json";

  private SampleStreets.Network streets(
      List<SampleCategory> categories, List<SampleLayout> layouts, List<PoiFiles.Poi> pois) {
    List<SampleStreets.CityPart> parts = new ArrayList<>(List.of(part(categories, layouts, pois)));
    List<int[]> pairs = new ArrayList<>();
    NeighbourCities.Group group =
        neighbours != null
            ? NeighbourCities.explicit(neighbours)
            : NeighbourCities.configured(spec);
    for (SampleSpec n : group.specs()) {
      parts.add(new SampleGenerator(n, categorySource, shift, List.of()).ownPart(categories));
    }
    for (int[] p : group.pairs()) {
      pairs.add(p);
    }
    return SampleStreets.generate(parts, pairs);
  }

  /**
   * This city's part of a street network, drawn from the same layouts and POIs as its own {@link
   * #run()}.
   */
  private SampleStreets.CityPart ownPart(List<SampleCategory> categories) {
    List<SampleLayout> layouts = layouts(SampleGeography.read(spec));
    List<PoiFiles.Poi> pois =
        new PoiFiles(categories, layouts, shift, new SampleIds(spec.seed()), spec.seed())
            .generate(stream(STREAM_POIS), new SampleNames(), spec.scale());
    return part(categories, layouts, pois);
  }

  /**
   * Writes {@link #STREETS_FILE} in {@code outDir}: one connected SYNTHETIC network of several
   * cities' samples (e.g. a benchmark scope whose cities were sampled with different seeds), each
   * city's part drawn from its own spec as its sample draws it; every two of them whose counties
   * touch get cross-border roads.
   */
  public static void writeStreets(
      List<SampleSpec> cities,
      SampleCategorySource categorySource,
      CoordinateShift shift,
      Path outDir) {
    List<SampleCategory> categories = categorySource.categories();
    List<SampleStreets.CityPart> parts = new ArrayList<>();
    List<int[]> pairs = new ArrayList<>();
    for (int i = 0; i < cities.size(); i++) {
      parts.add(
          new SampleGenerator(cities.get(i), categorySource, shift, List.of()).ownPart(categories));
      for (int j = 0; j < i; j++) {
        pairs.add(new int[] {j, i});
      }
    }
    SampleStreets.write(outDir, List.of(SampleStreets.generate(parts, pairs)));
  }

  private SampleStreets.CityPart part(
      List<SampleCategory> categories, List<SampleLayout> layouts, List<PoiFiles.Poi> pois) {
    return new SampleStreets.CityPart(
        layouts, pois, categories, spec.seed(), spec.cityCode(), stream(STREAM_STREETS));
  }

  private List<SampleLayout> layouts(List<SampleGeography.County> counties) {
    SplittableRandom layoutRng = stream(STREAM_LAYOUT);
    List<SampleLayout> layouts = new ArrayList<>();
    for (SampleGeography.County c : counties) {
      layouts.add(new SampleLayout(c, layoutRng.split()));
    }
    return layouts;
  }

  private SplittableRandom stream(long streamNumber) {
    return new SplittableRandom(
        spec.seed() * 0x9E3779B97F4A7C15L + streamNumber * 0xC2B2AE3D27D4EB4FL);
  }

  private static void checkCategoryIds(List<SampleCategory> categories) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (SampleCategory c : categories) {
      if (!seen.add(c.id())) {
        throw new ConfigException(
            "Cannot generate sample: category id " + c.id() + " appears twice");
      }
    }
  }

  private void writeManifest(
      Path out,
      String slug,
      List<SampleGeography.County> counties,
      List<SampleLayout> layouts,
      List<SampleCategory> categories,
      Map<String, Long> validByCategory,
      List<SampleFile> files) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("synthetic", true);
    root.put("lcp_note", SampleNotes.synthetic(spec.seed()));
    root.put("generator", "lcp sample");
    root.put("city", slug);
    root.put("city_code", spec.cityCode());
    root.put("seed", spec.seed());
    root.put("scale", spec.scale());
    root.put("bench_rows", spec.benchRows());
    ArrayNode cs = root.putArray("counties");
    for (SampleLayout l : layouts) {
      ObjectNode c = cs.addObject();
      c.put("county_code", l.county.code());
      c.put("county_name", l.county.name());
      c.put("population", l.population);
      c.put("townships", l.county.townships().size());
    }
    ObjectNode cats = root.putObject("valid_pois_by_category");
    validByCategory.forEach(cats::put);
    ObjectNode reasons = root.putObject("mess_reasons");
    for (MessKind k : MessKind.values()) {
      ObjectNode r = reasons.putObject(k.key);
      r.put("quarantine_reason", k.quarantineReason);
      r.put("description", k.description);
    }
    ArrayNode fs = root.putArray("files");
    for (SampleFile file : files) {
      ObjectNode o = fs.addObject();
      o.put("path", file.path());
      o.put("format", file.format());
      o.put("rows", file.rows());
      o.put("sha256", sha256(out.resolve(file.path())));
      ObjectNode counts = o.putObject("counts");
      new TreeMap<>(file.counts()).forEach(counts::put);
      if (file.counts().containsKey("mess_rows")) {
        ObjectNode q = o.putObject("expected_quarantine");
        for (MessKind k : MessKind.values()) {
          long n = file.counts().getOrDefault(k.key, 0L);
          q.put(k.quarantineReason, q.path(k.quarantineReason).asLong(0) + n);
        }
      }
    }
    PoiFiles.writeJson(out.resolve(MANIFEST), root);
  }

  static String sha256(Path file) {
    return org.livingcircle.common.Manifest.sha256(file);
  }
}
