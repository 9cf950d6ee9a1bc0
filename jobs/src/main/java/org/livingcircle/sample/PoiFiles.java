package org.livingcircle.sample;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates the city's valid POIs and writes the Amap-style files (UTF-8 CSV, GBK CSV, lng/lat CSV,
 * place-API JSON) and the OSM GeoJSON, injecting {@link MessKind} rows into the two main CSVs.
 */
final class PoiFiles {
  static final List<String> AMAP_COLUMNS =
      List.of(
          "id",
          "name",
          "type",
          "typecode",
          "address",
          "location",
          "pname",
          "cityname",
          "adname",
          "adcode",
          "data_note");
  static final List<String> LNGLAT_COLUMNS =
      List.of(
          "id",
          "name",
          "type",
          "typecode",
          "address",
          "lng",
          "lat",
          "pname",
          "cityname",
          "adname",
          "adcode",
          "data_note");
  static final String PROVINCE = "山西省";

  /** Share of valid rows carrying Amap's multi-code form "060200|060400" (still valid). */
  private static final double MULTI_TYPECODE_SHARE = 0.01;

  private static final double LNGLAT_SHARE = 0.03;
  private static final double PLACE_API_SHARE = 0.005;
  private static final int PLACE_API_MAX = 25;
  private static final int OSM_TARGET = 300;

  /** One valid POI; coordinates are WGS84 degrees. */
  record Poi(
      String id,
      String name,
      int category,
      String typecode,
      String type,
      String address,
      double lng,
      double lat,
      int county) {}

  private final List<SampleCategory> categories;
  private final List<List<AmapTypes.Type>> types;

  /** Other categories of the same tier, used for the second code of a multi-code row. */
  private final int[][] sameTier;

  private final List<SampleLayout> layouts;
  private final CoordinateShift shift;
  private final SampleIds ids;
  private final long seed;
  private final String note;
  private final double[] scratch = new double[2];

  PoiFiles(
      List<SampleCategory> categories,
      List<SampleLayout> layouts,
      CoordinateShift shift,
      SampleIds ids,
      long seed) {
    this.categories = categories;
    this.layouts = layouts;
    this.shift = shift;
    this.ids = ids;
    this.seed = seed;
    this.note = SampleNotes.synthetic(seed);
    List<List<AmapTypes.Type>> t = new ArrayList<>();
    categories.forEach(c -> t.add(AmapTypes.resolve(c)));
    this.types = List.copyOf(t);
    this.sameTier = new int[categories.size()][];
    for (int c = 0; c < categories.size(); c++) {
      final int self = c;
      sameTier[c] =
          java.util.stream.IntStream.range(0, categories.size())
              .filter(
                  o ->
                      o != self
                          && categories.get(o).tier().equals(categories.get(self).tier())
                          && !categories.get(o).amapTypecodes().isEmpty())
              .toArray();
    }
  }

  /** POIs of a category in a county: per_1000 × population / 1000 × scale, rounded. */
  static int expectedCount(SampleCategory c, int population, double scale) {
    return (int) Math.round(c.per1000() * population / 1000.0 * scale);
  }

  /** All valid POIs, county by county, category by category (configuration order). */
  List<Poi> generate(SplittableRandom rng, SampleNames names, double scale) {
    List<Poi> out = new ArrayList<>();
    for (int k = 0; k < layouts.size(); k++) {
      SampleLayout layout = layouts.get(k);
      for (int c = 0; c < categories.size(); c++) {
        SampleCategory cat = categories.get(c);
        boolean osmOnly = types.get(c).isEmpty();
        if (osmOnly && (cat.osmTags().isEmpty() || cat.capacityKind().isPresent())) {
          continue; // no Amap class: capacity categories come through facilities.csv, the rest have
          // no source
        }
        int n = expectedCount(cat, layout.population, scale);
        for (int i = 0; i < n; i++) {
          layout.samplePoi(rng, scratch);
          if (osmOnly) {
            out.add(
                new Poi(
                    ids.next(),
                    names.poiName(rng, cat),
                    c,
                    "",
                    "",
                    SampleNames.address(rng, layout.county.name()),
                    scratch[0],
                    scratch[1],
                    k));
            continue;
          }
          AmapTypes.Type t = SampleNames.pick(rng, types.get(c));
          String typecode = t.typecode();
          String type = t.type();
          if (rng.nextDouble() < MULTI_TYPECODE_SHARE && sameTier[c].length > 0) {
            AmapTypes.Type t2 = types.get(sameTier[c][rng.nextInt(sameTier[c].length)]).get(0);
            typecode += "|" + t2.typecode();
            type += "|" + t2.type();
          }
          out.add(
              new Poi(
                  ids.next(),
                  names.poiName(rng, cat),
                  c,
                  typecode,
                  type,
                  SampleNames.address(rng, layout.county.name()),
                  scratch[0],
                  scratch[1],
                  k));
        }
      }
    }
    return out;
  }

  /** Writes all POI files; returns their manifest entries. */
  List<SampleFile> write(
      Path outDir,
      String slug,
      List<Poi> pois,
      SplittableRandom routeRng,
      SplittableRandom messRng,
      SplittableRandom osmRng) {
    List<Poi> utf8 = new ArrayList<>();
    List<Poi> gbk = new ArrayList<>();
    List<Poi> lnglat = new ArrayList<>();
    List<Poi> api = new ArrayList<>();
    List<Poi> amap = new ArrayList<>();
    List<Poi> osmOnly = new ArrayList<>();
    for (Poi p : pois) {
      (p.typecode().isEmpty() ? osmOnly : amap).add(p);
    }
    for (Poi p : amap) {
      double u = routeRng.nextDouble();
      if (u < LNGLAT_SHARE) {
        lnglat.add(p);
      } else if (u < LNGLAT_SHARE + PLACE_API_SHARE && api.size() < PLACE_API_MAX) {
        api.add(p);
      } else if (routeRng.nextBoolean()) {
        utf8.add(p);
      } else {
        gbk.add(p);
      }
    }
    List<SampleFile> files = new ArrayList<>();
    files.add(
        writeAmapCsv(
            outDir,
            "poi/amap_" + slug + "_utf8.csv",
            utf8,
            messRng,
            StandardCharsets.UTF_8,
            true,
            "\n",
            "csv utf-8 bom lf"));
    files.add(
        writeAmapCsv(
            outDir,
            "poi/amap_" + slug + "_gbk.csv",
            gbk,
            messRng,
            Charset.forName("GBK"),
            false,
            "\r\n",
            "csv gbk crlf"));
    files.add(writeLngLat(outDir, "poi/amap_" + slug + "_lnglat.csv", lnglat));
    files.add(writePlaceApi(outDir, "poi/amap_" + slug + "_place_api.json", api));
    files.add(writeOsm(outDir, "poi/osm_" + slug + ".geojson", amap, osmOnly, osmRng));
    return files;
  }

  private List<String> amapFields(
      Poi p, String name, String typecode, String type, String location) {
    SampleGeography.County county = layouts.get(p.county()).county;
    return List.of(
        p.id(),
        name,
        type,
        typecode,
        p.address(),
        location,
        PROVINCE,
        county.cityName(),
        county.name(),
        county.code(),
        note);
  }

  private String gcjLocation(double lng, double lat) {
    shift.shift(lng, lat, scratch);
    StringBuilder sb = new StringBuilder(24);
    SampleCsv.fixed6(sb, scratch[0]).append(',');
    return SampleCsv.fixed6(sb, scratch[1]).toString();
  }

  private SampleFile writeAmapCsv(
      Path outDir,
      String rel,
      List<Poi> valid,
      SplittableRandom rng,
      Charset charset,
      boolean bom,
      String eol,
      String format) {
    List<String> lines = new ArrayList<>(valid.size() + valid.size() / 20 + 16);
    long multi = 0;
    for (Poi p : valid) {
      lines.add(
          SampleCsv.line(
              amapFields(p, p.name(), p.typecode(), p.type(), gcjLocation(p.lng(), p.lat()))));
      multi += p.typecode().contains("|") ? 1 : 0;
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("valid_rows", (long) valid.size());
    counts.put("multi_typecode_rows", multi);
    long nMess = 0;
    for (MessKind kind : MessKind.values()) {
      int n = kind.countFor(valid.size());
      for (int i = 0; i < n; i++) {
        Poi base = valid.get(rng.nextInt(valid.size()));
        while (kind == MessKind.WRONG_COLUMN_COUNT && base.name().contains(",")) {
          base = valid.get(rng.nextInt(valid.size()));
        }
        lines.add(rng.nextInt(lines.size() + 1), messLine(kind, base, i));
      }
      counts.put(kind.key, (long) n);
      nMess += n;
    }
    counts.put("mess_rows", nMess);
    Path file = outDir.resolve(rel);
    try (Writer w = SampleOut.open(file, charset, bom)) {
      w.write(SampleCsv.line(AMAP_COLUMNS));
      w.write(eol);
      for (String line : lines) {
        w.write(line);
        w.write(eol);
      }
    } catch (IOException e) {
      throw SampleOut.failure(file, e);
    }
    return new SampleFile(rel, lines.size(), format, counts);
  }

  private String messLine(MessKind kind, Poi p, int i) {
    Poi copy =
        new Poi(
            ids.next(),
            p.name(),
            p.category(),
            p.typecode(),
            p.type(),
            p.address(),
            p.lng(),
            p.lat(),
            p.county());
    String loc = gcjLocation(p.lng(), p.lat());
    return switch (kind) {
      case DUPLICATE -> {
        double distanceM = 1 + 4 * ((i * 0.618034) % 1.0);
        double angle = 2 * Math.PI * ((i * 0.414214) % 1.0);
        double lng =
            p.lng()
                + distanceM
                    * Math.cos(angle)
                    / (CountyShape.METERS_PER_DEGREE * Math.cos(Math.toRadians(p.lat())));
        double lat = p.lat() + distanceM * Math.sin(angle) / CountyShape.METERS_PER_DEGREE;
        yield SampleCsv.line(
            amapFields(copy, p.name(), p.typecode(), p.type(), gcjLocation(lng, lat)));
      }
      case BAD_COORDINATE_EMPTY ->
          SampleCsv.line(amapFields(copy, p.name(), p.typecode(), p.type(), ""));
      case BAD_COORDINATE_ZERO ->
          SampleCsv.line(
              amapFields(
                  copy,
                  p.name(),
                  p.typecode(),
                  p.type(),
                  i % 2 == 0 ? "0,0" : "0.000000,0.000000"));
      case BAD_COORDINATE_SWAPPED -> {
        String[] parts = loc.split(",");
        yield SampleCsv.line(
            amapFields(copy, p.name(), p.typecode(), p.type(), parts[1] + "," + parts[0]));
      }
      case BAD_COORDINATE_NON_NUMERIC ->
          SampleCsv.line(
              amapFields(
                  copy,
                  p.name(),
                  p.typecode(),
                  p.type(),
                  i % 2 == 0 ? "暂无" : loc.replaceFirst("[0-9]", "O")));
      case BAD_COORDINATE_OUTSIDE_SHANXI ->
          SampleCsv.line(
              amapFields(
                  copy,
                  p.name(),
                  p.typecode(),
                  p.type(),
                  i % 2 == 0 ? "116.403963,39.915119" : "108.946465,34.347269"));
      case UNKNOWN_TYPECODE ->
          SampleCsv.line(amapFields(copy, p.name(), AmapTypes.UNKNOWN_TYPECODE, "未知;未知;未知", loc));
      case BLANK_NAME -> SampleCsv.line(amapFields(copy, "", p.typecode(), p.type(), loc));
      case WRONG_COLUMN_COUNT -> {
        // the comma is written unquoted on purpose: the record gets one extra column
        List<String> fields = amapFields(copy, "X", p.typecode(), p.type(), loc);
        yield SampleCsv.line(fields)
            .replaceFirst(
                ",X,", "," + layouts.get(p.county()).county.name() + "," + p.name() + ",");
      }
    };
  }

  private SampleFile writeLngLat(Path outDir, String rel, List<Poi> rows) {
    Path file = outDir.resolve(rel);
    try (Writer w = SampleOut.open(file, StandardCharsets.UTF_8, false)) {
      w.write(SampleCsv.line(LNGLAT_COLUMNS));
      w.write('\n');
      for (Poi p : rows) {
        SampleGeography.County county = layouts.get(p.county()).county;
        shift.shift(p.lng(), p.lat(), scratch);
        w.write(
            SampleCsv.line(
                List.of(
                    p.id(),
                    p.name(),
                    p.type(),
                    p.typecode(),
                    p.address(),
                    SampleCsv.fixed6(scratch[0]),
                    SampleCsv.fixed6(scratch[1]),
                    PROVINCE,
                    county.cityName(),
                    county.name(),
                    county.code(),
                    note)));
        w.write('\n');
      }
    } catch (IOException e) {
      throw SampleOut.failure(file, e);
    }
    return new SampleFile(
        rel, rows.size(), "csv utf-8 lf", Map.of("valid_rows", (long) rows.size()));
  }

  private SampleFile writePlaceApi(Path outDir, String rel, List<Poi> rows) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("status", "1");
    root.put("count", Integer.toString(rows.size()));
    root.put("info", "OK");
    root.put("infocode", "10000");
    root.put("lcp_note", note);
    ArrayNode arr = root.putArray("pois");
    for (Poi p : rows) {
      SampleGeography.County county = layouts.get(p.county()).county;
      ObjectNode o = arr.addObject();
      o.put("id", p.id());
      o.put("name", p.name());
      o.put("type", p.type());
      o.put("typecode", p.typecode());
      o.put("address", p.address());
      o.put("location", gcjLocation(p.lng(), p.lat()));
      o.put("pname", PROVINCE);
      o.put("cityname", county.cityName());
      o.put("adname", county.name());
      o.put("adcode", county.code());
    }
    writeJson(outDir.resolve(rel), root);
    return new SampleFile(rel, rows.size(), "json utf-8", Map.of("valid_rows", (long) rows.size()));
  }

  private SampleFile writeOsm(
      Path outDir, String rel, List<Poi> pois, List<Poi> osmOnly, SplittableRandom rng) {
    int eligible = 0;
    for (Poi p : pois) {
      eligible += categories.get(p.category()).osmTags().isEmpty() ? 0 : 1;
    }
    double keep = eligible == 0 ? 0 : Math.min(1.0, (double) OSM_TARGET / eligible);
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("type", "FeatureCollection");
    root.put(
        "lcp_note",
        note
            + "; WGS84; most points mirror one Amap POI of the same name, 0–15 m away;"
            + " categories Amap has no class for appear only here");
    ArrayNode features = root.putArray("features");
    long osmId = 9_000_000_000L + (seed & 0xFFFFF) * 1_000;
    List<Poi> chosen = new ArrayList<>();
    for (Poi p : pois) {
      if (!categories.get(p.category()).osmTags().isEmpty() && rng.nextDouble() < keep) {
        chosen.add(p);
      }
    }
    chosen.addAll(osmOnly);
    for (Poi p : chosen) {
      List<String> tags = categories.get(p.category()).osmTags();
      double d = p.typecode().isEmpty() ? 0 : 15 * rng.nextDouble();
      double a = 2 * Math.PI * rng.nextDouble();
      double lng =
          p.lng()
              + d
                  * Math.cos(a)
                  / (CountyShape.METERS_PER_DEGREE * Math.cos(Math.toRadians(p.lat())));
      double lat = p.lat() + d * Math.sin(a) / CountyShape.METERS_PER_DEGREE;
      ObjectNode feature = features.addObject();
      feature.put("type", "Feature");
      ObjectNode props = feature.putObject("properties");
      props.put("osm_id", osmId++);
      props.put("name", p.name());
      for (String tag :
          tags.stream().flatMap(t -> java.util.Arrays.stream(t.split("&"))).toList()) {
        int eq = tag.indexOf('=');
        if (!props.has(tag.substring(0, eq))) {
          props.put(tag.substring(0, eq), tag.substring(eq + 1));
        }
      }
      ObjectNode geometry = feature.putObject("geometry");
      geometry.put("type", "Point");
      geometry
          .putArray("coordinates")
          .add(new BigDecimal(SampleCsv.fixed6(lng)))
          .add(new BigDecimal(SampleCsv.fixed6(lat)));
    }
    writeJson(outDir.resolve(rel), root);
    return new SampleFile(
        rel, features.size(), "geojson utf-8", Map.of("points", (long) features.size()));
  }

  static void writeJson(Path file, ObjectNode root) {
    DefaultPrettyPrinter pp =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    pp.indentArraysWith(new DefaultIndenter("  ", "\n"));
    try (Writer w = SampleOut.open(file, StandardCharsets.UTF_8, false)) {
      w.write(new ObjectMapper().writer(pp).writeValueAsString(root));
      w.write('\n');
    } catch (IOException e) {
      throw SampleOut.failure(file, e);
    }
  }
}
