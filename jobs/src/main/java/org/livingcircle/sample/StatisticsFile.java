package org.livingcircle.sample;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Writes {@code statistics.csv}: real indicators quoted from the plans (with their source) for the
 * city and its selected counties, plus clearly labelled synthetic indicators per county.
 */
final class StatisticsFile {
  static final List<String> COLUMNS =
      List.of("admin_code", "indicator", "value", "unit", "year", "source", "data_note");

  /** A real figure from a named source. */
  record Fact(
      String adminCode, String indicator, String value, String unit, int year, String source) {}

  private static final String CENSUS_BULLETIN = "Shanxi 7th census bulletin no. 2 (2021-05-26)";

  static final List<Fact> FACTS =
      List.of(
          new Fact("140500", "pop_total", "2194545", "persons", 2020, CENSUS_BULLETIN),
          new Fact(
              "140500",
              "urbanisation_rate",
              "63.55",
              "percent",
              2021,
              "seed 001 (Jincheng urbanisation plan, L74)"),
          new Fact(
              "140500",
              "physicians_per_1000_target",
              "3",
              "per 1,000 residents",
              2025,
              "seed 001 (Jincheng urbanisation plan, L144)"),
          new Fact(
              "140500",
              "nursing_bed_share_target",
              "50",
              "percent of elderly-institution beds (minimum)",
              2025,
              "seed 001 (Jincheng urbanisation plan, L144)"),
          new Fact(
              "140502",
              "elderly_care_beds_per_1000_elderly",
              "30.4",
              "beds per 1,000 elderly",
              2015,
              "seed 004 Box 1 #32"),
          new Fact(
              "140502",
              "elderly_care_beds_per_1000_elderly",
              "35.4",
              "beds per 1,000 elderly",
              2020,
              "seed 004 Box 1 #32"),
          new Fact(
              "140502",
              "infant_care_places_per_1000",
              "0.67",
              "places per 1,000 residents",
              2020,
              "seed 004 Box 2 #25"),
          new Fact(
              "140502",
              "infant_care_places_per_1000_target",
              "5",
              "places per 1,000 residents",
              2025,
              "seed 004 Box 2 #25"),
          new Fact(
              "140502",
              "physicians_per_1000",
              "2.77",
              "per 1,000 residents",
              2020,
              "seed 004 Box 2 #23"),
          new Fact(
              "140502",
              "physicians_per_1000_target",
              "3",
              "per 1,000 residents",
              2025,
              "seed 004 Box 2 #23"),
          new Fact(
              "140502",
              "day_care_centres_built",
              "19",
              "centres (2016–2020)",
              2020,
              "seed 004 L123"),
          new Fact(
              "140522",
              "county_seat_population",
              "130000",
              "persons (约13万人)",
              2022,
              "seed 000 preface"),
          new Fact(
              "140522",
              "nursery_places_per_1000_target",
              "4.5",
              "places per 1,000 residents",
              2025,
              "seed 000 ch. 4 §2"),
          new Fact(
              "140522",
              "convenience_stores_county_seat",
              "173",
              "outlets",
              2022,
              "seed 000 名词解释/现状"),
          new Fact("140522", "supermarkets_county_seat", "52", "outlets", 2022, "seed 000 名词解释/现状"),
          new Fact("140400", "pop_total", "3180884", "persons", 2020, CENSUS_BULLETIN),
          new Fact(
              "140400",
              "physicians_per_1000",
              "3.0",
              "per 1,000 residents",
              2020,
              "seed 003 专栏一 #12"),
          new Fact(
              "140400",
              "physicians_per_1000_target",
              "3.3",
              "per 1,000 residents",
              2025,
              "seed 003 专栏一 #12"),
          new Fact(
              "140400",
              "infant_care_places_per_1000_target",
              "4.5",
              "places per 1,000 residents",
              2025,
              "seed 003 专栏一 #13 (text says 4)"),
          new Fact(
              "140400",
              "nursing_bed_share_target",
              "60",
              "percent of elderly-institution beds",
              2025,
              "seed 003 专栏一 #14"));

  private StatisticsFile() {}

  static SampleFile write(
      Path outDir, String cityCode, List<SampleLayout> layouts, SplittableRandom rng, long seed) {
    String rel = "statistics.csv";
    Path file = outDir.resolve(rel);
    String note = SampleNotes.synthetic(seed);
    Set<String> codes = new TreeSet<>();
    codes.add(cityCode);
    layouts.forEach(l -> codes.add(l.county.code()));
    long nReal = 0;
    long nSynthetic = 0;
    try (Writer w = SampleOut.open(file, StandardCharsets.UTF_8, false)) {
      w.write(SampleCsv.line(COLUMNS));
      w.write('\n');
      for (Fact f : FACTS) {
        if (codes.contains(f.adminCode())) {
          w.write(
              SampleCsv.line(
                  List.of(
                      f.adminCode(),
                      f.indicator(),
                      f.value(),
                      f.unit(),
                      Integer.toString(f.year()),
                      f.source(),
                      "real figure from " + f.source())));
          w.write('\n');
          nReal++;
        }
      }
      for (SampleLayout l : layouts) {
        double elderlyBeds = 20 + 20 * rng.nextDouble();
        double infant = 0.5 + 2.5 * rng.nextDouble();
        String[][] synthetic = {
          {
            "elderly_care_beds_per_1000_elderly",
            String.format(Locale.ROOT, "%.1f", elderlyBeds),
            "beds per 1,000 elderly"
          },
          {
            "infant_care_places_per_1000",
            String.format(Locale.ROOT, "%.2f", infant),
            "places per 1,000 residents"
          },
          {"bus_stops", Integer.toString(l.population / 900 + rng.nextInt(40)), "stops"},
          {"public_toilets", Integer.toString(l.population / 4000 + rng.nextInt(10)), "toilets"},
        };
        for (String[] s : synthetic) {
          if (hasReal(l.county.code(), s[0], CensusFile.YEAR)) {
            continue; // the plan's own figure stands; no synthetic one beside it
          }
          w.write(
              SampleCsv.line(
                  List.of(
                      l.county.code(),
                      s[0],
                      s[1],
                      s[2],
                      Integer.toString(CensusFile.YEAR),
                      "lcp sample (synthetic)",
                      note)));
          w.write('\n');
          nSynthetic++;
        }
      }
    } catch (IOException e) {
      throw SampleOut.failure(file, e);
    }
    return new SampleFile(
        rel,
        nReal + nSynthetic,
        "csv utf-8 lf",
        Map.of("real_rows", nReal, "synthetic_rows", nSynthetic));
  }

  private static boolean hasReal(String adminCode, String indicator, int year) {
    for (Fact f : FACTS) {
      if (f.adminCode().equals(adminCode) && f.indicator().equals(indicator) && f.year() == year) {
        return true;
      }
    }
    return false;
  }
}
