package org.livingcircle.sample;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Writes {@code facilities.csv}: a capacity register (kindergarten and nursery places, primary
 * pupils, hospital and elderly-care beds). Synthetic rows for every county and capacity category;
 * for Yangcheng also the plan's real rows, placed synthetically in the county seat.
 */
final class FacilitiesFile {
  static final List<String> COLUMNS =
      List.of(
          "id",
          "name",
          "category",
          "capacity",
          "capacity_unit",
          "nursing_beds",
          "address",
          "lng",
          "lat",
          "crs",
          "county_code",
          "source",
          "location_note",
          "data_note");
  static final String CRS = "EPSG:4326";
  static final String REAL_LOCATION_NOTE =
      "synthetic placement in county seat; plan gives address only";

  /**
   * σ of the synthetic placement of real Yangcheng rows around the seat: the seat is ≈15 km² (seed
   * 000).
   */
  private static final double REAL_PLACEMENT_SIGMA_M = 1_000;

  private FacilitiesFile() {}

  static SampleFile write(
      Path outDir,
      List<SampleCategory> categories,
      List<SampleLayout> layouts,
      double scale,
      SplittableRandom rng,
      SampleNames names,
      long seed) {
    String rel = "facilities.csv";
    Path file = outDir.resolve(rel);
    String note = SampleNotes.synthetic(seed);
    double[] p = new double[2];
    long nSynthetic = 0;
    long nReal = 0;
    long nRealSkipped = 0;
    long nMissingCapacity = 0;
    YangchengFacilities.ROWS.forEach(r -> names.reserve(r.name()));
    try (Writer w = SampleOut.open(file, StandardCharsets.UTF_8, false)) {
      w.write(SampleCsv.line(COLUMNS));
      w.write('\n');
      for (SampleLayout layout : layouts) {
        String county = layout.county.code();
        int seq = 1;
        if (county.equals(YangchengFacilities.COUNTY_CODE)) {
          for (YangchengFacilities.Row r : YangchengFacilities.ROWS) {
            Optional<SampleCategory> cat = categoryFor(categories, r.kind());
            if (cat.isEmpty()) {
              nRealSkipped++;
              continue;
            }
            layout.sampleAround(rng, layout.seatLng, layout.seatLat, REAL_PLACEMENT_SIGMA_M, p);
            String source = r.kind().source + (r.remark().isEmpty() ? "" : "; " + r.remark());
            String capacity =
                r.capacity() == YangchengFacilities.NO_CAPACITY
                    ? ""
                    : Integer.toString(r.capacity());
            nMissingCapacity += capacity.isEmpty() ? 1 : 0;
            String nursing =
                r.nursingBeds() == YangchengFacilities.NO_CAPACITY
                    ? ""
                    : Integer.toString(r.nursingBeds());
            row(
                w,
                String.format(java.util.Locale.ROOT, "FAC-%s-%04d", county, seq++),
                r.name(),
                cat.get().id(),
                capacity,
                r.kind().unit,
                nursing,
                address(r.address()),
                p,
                county,
                source,
                REAL_LOCATION_NOTE,
                SampleNotes.realFigure(r.kind().table));
            nReal++;
          }
        }
        for (SampleCategory cat : categories) {
          if (cat.capacityKind().isEmpty()) {
            continue;
          }
          int n = PoiFiles.expectedCount(cat, layout.population, scale);
          for (int i = 0; i < n; i++) {
            layout.samplePoi(rng, p);
            String place = SampleNames.place(rng);
            String name = names.facilityName(rng, place, cat.nameZh());
            String kind = cat.capacityKind().get();
            int capacity = capacity(rng, kind);
            // synthetic nursing-type beds for elderly-care institutions only: 20-80 % of the beds
            // (the real
            // Yangcheng rows have 45 % and 100 %, seed 000 附表4); day-care centres are not
            // institutions
            String nursing =
                cat.id().equals("elderly_care")
                    ? Integer.toString((int) Math.round(capacity * (0.2 + 0.6 * rng.nextDouble())))
                    : "";
            row(
                w,
                String.format(java.util.Locale.ROOT, "FAC-%s-%04d", county, seq++),
                name,
                cat.id(),
                Integer.toString(capacity),
                unit(kind),
                nursing,
                SampleNames.address(rng, layout.county.name()),
                p,
                county,
                "lcp sample (synthetic)",
                "synthetic",
                note);
            nSynthetic++;
          }
        }
      }
    } catch (IOException e) {
      throw SampleOut.failure(file, e);
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("synthetic_rows", nSynthetic);
    counts.put("real_rows", nReal);
    counts.put("real_rows_skipped_no_category", nRealSkipped);
    counts.put("missing_capacity", nMissingCapacity);
    return new SampleFile(rel, nSynthetic + nReal, "csv utf-8 lf", counts);
  }

  /**
   * The category for a real row: same capacity kind, preferring an id containing the kind's hint.
   */
  static Optional<SampleCategory> categoryFor(
      List<SampleCategory> categories, YangchengFacilities.Kind kind) {
    List<SampleCategory> same = new ArrayList<>();
    for (SampleCategory c : categories) {
      if (c.capacityKind().equals(Optional.of(kind.capacityKind))) {
        same.add(c);
      }
    }
    for (SampleCategory c : same) {
      if (c.id().contains(kind.idHint)) {
        return Optional.of(c);
      }
    }
    if (kind == YangchengFacilities.Kind.ELDERLY_HOME) {
      for (SampleCategory c : same) {
        if (!c.id().contains("day")) {
          return Optional.of(c);
        }
      }
    }
    return same.isEmpty() ? Optional.empty() : Optional.of(same.get(0));
  }

  static String unit(String capacityKind) {
    return switch (capacityKind) {
      case "school_places" -> "pupils";
      case "hospital_beds", "elderly_beds" -> "beds";
      default -> "places";
    };
  }

  /**
   * Plausible synthetic capacities, within the ranges of Yangcheng's real tables (seed 000):
   * kindergartens 59–843 pupils, primary schools 68–2,853, hospitals 20–560 beds, elderly homes and
   * day-care 15–222 beds; nurseries 20–160 places (表2: 5 nurseries, 800 places).
   */
  private static int capacity(SplittableRandom rng, String kind) {
    double u = rng.nextDouble();
    return switch (kind) {
      case "kindergarten_places" -> 60 + 30 * (int) (u * 14);
      case "nursery_places" -> 20 + 10 * (int) (u * 15);
      case "school_places" -> 80 + 10 * (int) (u * u * 250);
      case "hospital_beds" ->
          u < 0.8 ? 10 + (int) (u / 0.8 * 50) : 80 + 10 * (int) ((u - 0.8) / 0.2 * 48);
      default -> 15 + (int) (u * 200);
    };
  }

  /**
   * The plan's address with the province, city and county prefixed once (two hospital addresses
   * start with 阳城县).
   */
  static String address(String planAddress) {
    return "山西省晋城市" + (planAddress.startsWith("阳城县") ? planAddress : "阳城县" + planAddress);
  }

  private static void row(
      Writer w,
      String id,
      String name,
      String category,
      String capacity,
      String unit,
      String nursingBeds,
      String address,
      double[] p,
      String county,
      String source,
      String locationNote,
      String note)
      throws IOException {
    w.write(
        SampleCsv.line(
            List.of(
                id,
                name,
                category,
                capacity,
                unit,
                nursingBeds,
                address,
                SampleCsv.fixed6(p[0]),
                SampleCsv.fixed6(p[1]),
                CRS,
                county,
                source,
                locationNote,
                note)));
    w.write('\n');
  }
}
