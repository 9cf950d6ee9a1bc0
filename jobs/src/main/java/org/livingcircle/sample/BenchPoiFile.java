package org.livingcircle.sample;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Streams a large Amap-style POI CSV ({@code poi/amap_<city>_bench.csv}, UTF-8 with BOM, LF) for
 * the ingest benchmark, in constant memory: rows are drawn county by population and category by
 * per_1000, then written immediately. Mess is injected per row at the same rates as the main files
 * and counted as it is written. Names are unique by a row-number suffix.
 */
final class BenchPoiFile {
  private BenchPoiFile() {}

  static SampleFile write(
      Path outDir,
      String slug,
      long nRows,
      List<SampleCategory> categories,
      List<SampleLayout> layouts,
      CoordinateShift shift,
      SampleIds ids,
      SplittableRandom rng,
      long seed) {
    String rel = "poi/amap_" + slug + "_bench.csv";
    Path file = outDir.resolve(rel);
    String note = SampleNotes.synthetic(seed);
    double[] cumCounty = new double[layouts.size()];
    double cum = 0;
    for (int k = 0; k < layouts.size(); k++) {
      cum += layouts.get(k).population;
      cumCounty[k] = cum;
    }
    // categories without an Amap class (they appear only in the OSM GeoJSON) get no bench rows
    AmapTypes.Type[] type = new AmapTypes.Type[categories.size()];
    double[] cumCategory = new double[categories.size()];
    cum = 0;
    for (int c = 0; c < categories.size(); c++) {
      List<AmapTypes.Type> types = AmapTypes.resolve(categories.get(c));
      type[c] = types.isEmpty() ? null : types.get(0);
      cum += type[c] == null ? 0 : Math.max(categories.get(c).per1000(), 1e-6);
      cumCategory[c] = cum;
    }
    // per-row probabilities of each mess kind: the main files' rates (MessKind.countFor / rows)
    MessKind[] kinds = MessKind.values();
    double[] rate = new double[kinds.length];
    for (int m = 0; m < kinds.length; m++) {
      rate[m] =
          kinds[m] == MessKind.WRONG_COLUMN_COUNT
              ? 1e-5
              : kinds[m].countFor(1_000_000) / 1_000_000.0;
    }
    long[] nMess = new long[kinds.length];
    long nValid = 0;
    double[] p = new double[2];
    double[] g = new double[2];
    StringBuilder sb = new StringBuilder(256);
    String lastName = null;
    double lastLng = 0;
    double lastLat = 0;
    int lastCounty = 0;
    int lastCategory = 0;
    try (Writer w = SampleOut.open(file, StandardCharsets.UTF_8, true)) {
      w.write(SampleCsv.line(PoiFiles.AMAP_COLUMNS));
      w.write('\n');
      for (long row = 0; row < nRows; row++) {
        double u = rng.nextDouble();
        int mess = -1;
        for (int m = 0; m < kinds.length && lastName != null; m++) {
          if (u < rate[m]) {
            mess = m;
            break;
          }
          u -= rate[m];
        }
        int k;
        int c;
        String name;
        if (mess < 0) {
          k = pick(cumCounty, rng.nextDouble() * cumCounty[cumCounty.length - 1]);
          c = pick(cumCategory, rng.nextDouble() * cumCategory[cumCategory.length - 1]);
          layouts.get(k).samplePoi(rng, p);
          name = SampleNames.place(rng) + categories.get(c).nameZh() + "(" + row + "号)";
          lastName = name;
          lastLng = p[0];
          lastLat = p[1];
          lastCounty = k;
          lastCategory = c;
          nValid++;
        } else {
          k = lastCounty;
          c = lastCategory;
          name = lastName;
          double d = kinds[mess] == MessKind.DUPLICATE ? 1 + 4 * rng.nextDouble() : 0;
          p[0] = lastLng + d / (CountyShape.METERS_PER_DEGREE * Math.cos(Math.toRadians(lastLat)));
          p[1] = lastLat;
          nMess[mess]++;
        }
        SampleGeography.County county = layouts.get(k).county;
        shift.shift(p[0], p[1], g);
        sb.setLength(0);
        String location =
            SampleCsv.fixed6(SampleCsv.fixed6(new StringBuilder(), g[0]).append(','), g[1])
                .toString();
        String typecode = type[c].typecode();
        String typeName = type[c].type();
        if (mess >= 0) {
          switch (kinds[mess]) {
            case BAD_COORDINATE_EMPTY -> location = "";
            case BAD_COORDINATE_ZERO -> location = "0,0";
            case BAD_COORDINATE_SWAPPED ->
                location =
                    location.substring(location.indexOf(',') + 1)
                        + ","
                        + location.substring(0, location.indexOf(','));
            case BAD_COORDINATE_NON_NUMERIC -> location = "暂无";
            case BAD_COORDINATE_OUTSIDE_SHANXI -> location = "116.403963,39.915119";
            case UNKNOWN_TYPECODE -> {
              typecode = AmapTypes.UNKNOWN_TYPECODE;
              typeName = "未知;未知;未知";
            }
            case BLANK_NAME -> name = "";
            default -> {}
          }
        }
        sb.append(ids.next()).append(',');
        if (mess >= 0 && kinds[mess] == MessKind.WRONG_COLUMN_COUNT) {
          sb.append(county.name())
              .append(',')
              .append(name)
              .append(','); // unquoted comma: one extra column
        } else {
          SampleCsv.field(sb, name).append(',');
        }
        SampleCsv.field(sb, typeName).append(',').append(typecode).append(',');
        SampleCsv.field(sb, SampleNames.address(rng, county.name())).append(',');
        SampleCsv.field(sb, location)
            .append(',')
            .append(PoiFiles.PROVINCE)
            .append(',')
            .append(county.cityName())
            .append(',')
            .append(county.name())
            .append(',')
            .append(county.code())
            .append(',');
        SampleCsv.field(sb, note).append('\n');
        w.append(sb);
      }
    } catch (IOException e) {
      throw SampleOut.failure(file, e);
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("valid_rows", nValid);
    long total = 0;
    for (int m = 0; m < kinds.length; m++) {
      counts.put(kinds[m].key, nMess[m]);
      total += nMess[m];
    }
    counts.put("mess_rows", total);
    return new SampleFile(rel, nRows, "csv utf-8 bom lf", counts);
  }

  private static int pick(double[] cum, double u) {
    int lo = 0;
    int hi = cum.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cum[mid] <= u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
