package org.livingcircle.sample;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes {@code census.csv}: one row per county, then one per township, with age groups. Township
 * totals sum exactly to the county total; county age groups are the sums of their townships'.
 */
final class CensusFile {
  static final List<String> COLUMNS =
      List.of(
          "admin_code",
          "admin_name",
          "level",
          "pop_total",
          "pop_0_2",
          "pop_3_5",
          "pop_6_14",
          "pop_60_plus",
          "pop_65_plus",
          "households",
          "year",
          "source",
          "data_note");
  static final int YEAR = 2020;

  /**
   * Base age shares. 60+ is Jincheng's 7th-census share, 20.30 % (445,396 of 2,194,545, press
   * reports of the city bulletin); the others are plausible for southeast Shanxi (synthetic).
   */
  private static final double SHARE_0_2 = 0.026;

  private static final double SHARE_3_5 = 0.031;
  private static final double SHARE_6_14 = 0.104;
  private static final double SHARE_60_PLUS = 0.203;
  private static final double SHARE_65_PLUS = 0.140;

  /** Persons per household, plausible (synthetic). */
  private static final double PERSONS_PER_HOUSEHOLD = 2.6;

  private CensusFile() {}

  static SampleFile write(
      Path outDir, List<SampleLayout> layouts, SplittableRandom rng, long seed) {
    String rel = "census.csv";
    Path file = outDir.resolve(rel);
    String note = SampleNotes.synthetic(seed);
    long rows = 0;
    try (Writer w = SampleOut.open(file, StandardCharsets.UTF_8, false)) {
      w.write(SampleCsv.line(COLUMNS));
      w.write('\n');
      for (SampleLayout layout : layouts) {
        SampleGeography.County county = layout.county;
        List<SampleGeography.Township> towns = county.townships();
        int n = Math.max(1, towns.size());
        long[][] ages = new long[n][];
        long[] sum = new long[6];
        for (int i = 0; i < n; i++) {
          boolean urban = layout.seatTownship[i];
          ages[i] = ages(rng, layout.townshipPop[i], urban);
          for (int a = 0; a < 6; a++) {
            sum[a] += ages[i][a];
          }
        }
        String countySource =
            "pop_total: "
                + CountyFacts.populationSource(county)
                + "; age groups and households SYNTHETIC";
        write(
            w, county.code(), county.name(), "county", layout.population, sum, countySource, note);
        rows++;
        for (int i = 0; i < towns.size(); i++) {
          write(
              w,
              towns.get(i).code(),
              towns.get(i).name(),
              "township",
              layout.townshipPop[i],
              ages[i],
              "SYNTHETIC split of the county total",
              note);
          rows++;
        }
      }
    } catch (IOException e) {
      throw SampleOut.failure(file, e);
    }
    return new SampleFile(rel, rows, "csv utf-8 lf", Map.of("rows", rows));
  }

  /** {0–2, 3–5, 6–14, 60+, 65+, households}; towns are a little older and have more children. */
  private static long[] ages(SplittableRandom rng, int pop, boolean urban) {
    double young = urban ? 1.0 : 1.05;
    double old = urban ? 0.9 : 1.15;
    double j = 0.9 + 0.2 * rng.nextDouble();
    long p60 = Math.round(pop * SHARE_60_PLUS * old * j);
    long p65 =
        Math.min(p60, Math.round(pop * SHARE_65_PLUS * old * j * (0.97 + 0.06 * rng.nextDouble())));
    return new long[] {
      Math.round(pop * SHARE_0_2 * young * (0.9 + 0.2 * rng.nextDouble())),
      Math.round(pop * SHARE_3_5 * young * (0.9 + 0.2 * rng.nextDouble())),
      Math.round(pop * SHARE_6_14 * young * (0.9 + 0.2 * rng.nextDouble())),
      p60,
      p65,
      Math.round(pop / (PERSONS_PER_HOUSEHOLD * (0.95 + 0.1 * rng.nextDouble())))
    };
  }

  private static void write(
      Writer w,
      String code,
      String name,
      String level,
      long pop,
      long[] a,
      String source,
      String note)
      throws IOException {
    w.write(
        SampleCsv.line(
            List.of(
                code,
                name,
                level,
                Long.toString(pop),
                Long.toString(a[0]),
                Long.toString(a[1]),
                Long.toString(a[2]),
                Long.toString(a[3]),
                Long.toString(a[4]),
                Long.toString(a[5]),
                Integer.toString(YEAR),
                source,
                note)));
    w.write('\n');
  }
}
