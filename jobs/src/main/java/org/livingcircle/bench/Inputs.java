package org.livingcircle.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.livingcircle.common.InputException;
import org.livingcircle.config.Categories;
import org.livingcircle.sample.ConfiguredSampleCategories;
import org.livingcircle.sample.CoordinateShift;
import org.livingcircle.sample.SampleGenerator;
import org.livingcircle.sample.SampleSpec;

/**
 * Benchmark inputs from the sample generator: one synthetic input directory per city (seeded by its
 * code so ids never collide between cities), merged into one input directory per scope (POI files
 * linked, the three CSV tables concatenated under one header). Generated once and reused.
 */
final class Inputs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Path reference;
  private final Path categoriesYaml;
  private final Categories categories;

  Inputs(Path dir, Path reference, Path categoriesYaml, Categories categories) {
    this.dir = dir;
    this.reference = reference;
    this.categoriesYaml = categoriesYaml;
    this.categories = categories;
  }

  /**
   * The Jincheng sample with a streamed bench POI file of {@code rows} rows; returns the bench
   * input directory.
   */
  Path ingestInput(long rows, long seed) {
    Path sample = dir.resolve("jincheng-rows-" + rows);
    if (!Files.isRegularFile(sample.resolve("sample_manifest.json"))
        || !Files.isRegularFile(sample.resolve(SampleGenerator.STREETS_FILE))) {
      generate("jincheng", List.of(), seed, rows, sample);
    }
    Path input = dir.resolve("ingest-" + rows);
    try {
      Files.createDirectories(input.resolve("poi"));
      link(
          sample.resolve("poi/amap_jincheng_bench.csv"),
          input.resolve("poi/amap_jincheng_bench.csv"));
      for (String f :
          List.of("facilities.csv", "census.csv", "statistics.csv", SampleGenerator.STREETS_FILE)) {
        link(sample.resolve(f), input.resolve(f));
      }
    } catch (IOException e) {
      throw new InputException(
          "Cannot prepare ingest bench input " + input + ": " + e.getMessage(), e);
    }
    return input;
  }

  /**
   * The merged input directory of {@code cityCodes}; fills {@code countyCodes} with their counties.
   */
  Path scopeInput(String scope, List<String> cityCodes, List<String> countyCodes) {
    Path input = dir.resolve("scope-" + scope);
    List<Path> samples = new ArrayList<>();
    TreeSet<String> counties = new TreeSet<>();
    for (String code : cityCodes) {
      Path sample = dir.resolve("city-" + code);
      if (!Files.isRegularFile(sample.resolve("sample_manifest.json"))
          || !Files.isRegularFile(sample.resolve(SampleGenerator.STREETS_FILE))) {
        String city =
            code.equals(BenchSize.JINCHENG)
                ? "jincheng"
                : code.equals(BenchSize.CHANGZHI) ? "changzhi" : code;
        generate(city, List.of(), Long.parseLong(code), SampleSpec.NO_BENCH_ROWS, sample);
      }
      samples.add(sample);
      try {
        for (JsonNode c :
            JSON.readTree(sample.resolve("sample_manifest.json").toFile()).path("counties")) {
          counties.add(c.path("county_code").asText());
        }
      } catch (IOException e) {
        throw new InputException(
            "Cannot read " + sample.resolve("sample_manifest.json") + ": " + e.getMessage(), e);
      }
    }
    countyCodes.addAll(counties);
    if (Files.isRegularFile(input.resolve("census.csv"))
        && Files.isRegularFile(input.resolve(SampleGenerator.STREETS_FILE))) {
      return input;
    }
    try {
      Files.createDirectories(input.resolve("poi"));
      for (Path sample : samples) {
        try (var files = Files.list(sample.resolve("poi"))) {
          for (Path f : files.sorted().toList()) {
            link(f, input.resolve("poi").resolve(f.getFileName()));
          }
        }
      }
      for (String table : List.of("facilities.csv", "statistics.csv", "census.csv")) {
        concatenate(samples, table, input.resolve(table));
      }
      if (cityCodes.size() == 1) {
        SampleGenerator.mergeStreets(
            List.of(samples.get(0).resolve(SampleGenerator.STREETS_FILE)),
            input.resolve(SampleGenerator.STREETS_FILE));
      } else {
        // one connected network of the scope's cities (each as in its own sample), not their files
        // side by side
        SampleGenerator.writeStreets(
            cityCodes.stream()
                .map(
                    code ->
                        spec(
                            code,
                            List.of(),
                            Long.parseLong(code),
                            SampleSpec.NO_BENCH_ROWS,
                            dir.resolve("city-" + code)))
                .toList(),
            new ConfiguredSampleCategories(categories),
            CoordinateShift.gcj02(),
            input);
      }
    } catch (IOException e) {
      throw new InputException("Cannot prepare bench input " + input + ": " + e.getMessage(), e);
    }
    return input;
  }

  /**
   * A bench city sample: its own streets only (a scope of several cities gets one network of them,
   * see scopeInput).
   */
  private void generate(String city, List<String> counties, long seed, long rows, Path out) {
    new SampleGenerator(
            spec(city, counties, seed, rows, out),
            new ConfiguredSampleCategories(categories),
            CoordinateShift.gcj02())
        .withNeighbours(List.of())
        .run();
  }

  private SampleSpec spec(String city, List<String> counties, long seed, long rows, Path out) {
    return new SampleSpec(
        cityName(city),
        counties,
        reference.resolve("shanxi_counties.geojson"),
        reference.resolve("admin_codes.csv"),
        categoriesYaml,
        seed,
        SampleSpec.DEFAULT_SCALE,
        rows,
        out);
  }

  private static String cityName(String cityOrCode) {
    return cityOrCode.equals(BenchSize.JINCHENG)
        ? "jincheng"
        : cityOrCode.equals(BenchSize.CHANGZHI) ? "changzhi" : cityOrCode;
  }

  private static void link(Path target, Path link) throws IOException {
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, target.toAbsolutePath());
  }

  private static void concatenate(List<Path> samples, String table, Path out) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      boolean first = true;
      for (Path sample : samples) {
        List<String> lines = Files.readAllLines(sample.resolve(table), StandardCharsets.UTF_8);
        for (int i = first ? 0 : 1; i < lines.size(); i++) {
          w.write(lines.get(i));
          w.write('\n');
        }
        first = false;
      }
    }
  }
}
