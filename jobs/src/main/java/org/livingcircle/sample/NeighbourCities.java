package org.livingcircle.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.livingcircle.common.ConfigException;
import org.livingcircle.config.CityConfig;

/**
 * The neighbour cities a sample's street network also covers (a real extract covers the neighbours
 * too): the {@code neighbours:} of the city's config, each generated from its own config (counties)
 * with the sample's seed and scale, as {@code lcp sample --city <neighbour>} would.
 */
final class NeighbourCities {
  private NeighbourCities() {}

  /**
   * Neighbour samples and the neighbouring pairs among the city (index 0) and them (index k + 1 =
   * {@code specs[k]}).
   */
  record Group(List<SampleSpec> specs, List<int[]> pairs) {}

  static Group explicit(List<SampleSpec> specs) {
    List<int[]> pairs = new ArrayList<>();
    for (int k = 0; k < specs.size(); k++) {
      pairs.add(new int[] {0, k + 1});
    }
    return new Group(specs, pairs);
  }

  /**
   * From {@code cities/<id>.yaml} beside the categories file (the project's {@code conf/}); none
   * when there is no such directory or no config for the city (test fixtures, unconfigured codes).
   */
  static Group configured(SampleSpec spec) {
    Path parent = spec.categoriesYaml().toAbsolutePath().getParent();
    Path dir = parent == null ? null : parent.resolve("cities");
    if (dir == null || !Files.isDirectory(dir)) {
      return new Group(List.of(), List.of());
    }
    Optional<CityConfig> own = find(dir, spec.citySlug(), spec.cityCode());
    if (own.isEmpty() || own.get().neighbours().isEmpty()) {
      return new Group(List.of(), List.of());
    }
    List<CityConfig> members = new ArrayList<>(List.of(own.get()));
    for (String id : own.get().neighbours()) {
      Path file = dir.resolve(id + ".yaml");
      if (!Files.isRegularFile(file)) {
        throw new ConfigException(
            "Cannot generate the sample streets of "
                + own.get().id()
                + ": its neighbour "
                + id
                + " has no config "
                + file);
      }
      members.add(CityConfig.load(file));
    }
    List<SampleSpec> specs = new ArrayList<>();
    for (CityConfig n : members.subList(1, members.size())) {
      List<String> counties = n.counties().stream().map(CityConfig.County::code).toList();
      specs.add(
          new SampleSpec(
              SampleSpec.cityArgument(n.id(), n.adminCode()),
              counties,
              spec.countiesGeojson(),
              spec.adminCodesCsv(),
              spec.categoriesYaml(),
              spec.seed(),
              spec.scale(),
              SampleSpec.NO_BENCH_ROWS,
              spec.outDir()));
    }
    List<int[]> pairs = new ArrayList<>();
    for (int a = 0; a < members.size(); a++) {
      for (int b = a + 1; b < members.size(); b++) {
        if (members.get(a).neighbours().contains(members.get(b).id())
            || members.get(b).neighbours().contains(members.get(a).id())) {
          pairs.add(new int[] {a, b});
        }
      }
    }
    return new Group(specs, pairs);
  }

  /**
   * The config whose admin code is {@code cityCode}: {@code <slug>.yaml} first, else any file of
   * the directory.
   */
  private static Optional<CityConfig> find(Path dir, String slug, String cityCode) {
    Path named = dir.resolve(slug + ".yaml");
    if (Files.isRegularFile(named)) {
      CityConfig c = CityConfig.load(named);
      if (c.adminCode().equals(cityCode)) {
        return Optional.of(c);
      }
    }
    try (var files = Files.list(dir)) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
        CityConfig c = CityConfig.load(f);
        if (c.adminCode().equals(cityCode)) {
          return Optional.of(c);
        }
      }
    } catch (IOException e) {
      throw new ConfigException("Cannot list city configs in " + dir + ": " + e.getMessage(), e);
    }
    return Optional.empty();
  }
}
