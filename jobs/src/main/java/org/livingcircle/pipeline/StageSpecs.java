package org.livingcircle.pipeline;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.livingcircle.access.AccessJob;
import org.livingcircle.aggregate.AggregateJob;
import org.livingcircle.common.CityLayout;
import org.livingcircle.common.ConfigException;
import org.livingcircle.common.InputException;
import org.livingcircle.config.CapacityKind;
import org.livingcircle.config.Categories;
import org.livingcircle.config.Category;
import org.livingcircle.config.CityConfig;
import org.livingcircle.config.Tier;
import org.livingcircle.geo.SourceCrs;
import org.livingcircle.grid.GridJob;
import org.livingcircle.ingest.ConfiguredCategories;
import org.livingcircle.ingest.IngestJob;
import org.livingcircle.ingest.PoiParser;

/** Builds stage specs from a city configuration. */
public final class StageSpecs {
  private StageSpecs() {}

  /** The ingest spec of a city: input files resolved from its configuration. */
  public static IngestJob.Spec ingest(
      CityConfig city, Categories cats, Path configFile, Path input, Path out) {
    Path inputDir = input.toAbsolutePath().normalize();
    if (!Files.isDirectory(inputDir)) {
      throw new InputException("Cannot read input directory " + input + ": no such directory");
    }
    List<PoiParser.Source> sources = new ArrayList<>();
    for (CityConfig.PoiSource s : city.data().poi()) {
      SourceCrs crs = SourceCrs.parse(s.crs());
      if (crs == null) {
        throw new ConfigException(configFile + ": /data/poi: unknown crs " + s.crs());
      }
      for (Path file : glob(inputDir, s.glob())) {
        PoiParser.Format format = PoiParser.Format.of(file.getFileName().toString());
        if (format == null) {
          throw new ConfigException(
              configFile + ": /data/poi: " + file + " is not .csv, .json or .geojson");
        }
        sources.add(new PoiParser.Source(file.toString(), format, crs, s.encoding()));
      }
    }
    Map<String, String> tiers = new LinkedHashMap<>();
    for (Category c : cats.categories()) {
      tiers.put(c.id(), c.tier().id());
    }
    List<String> counties = new ArrayList<>();
    city.counties().forEach(c -> counties.add(c.code()));
    Map<String, Object> configuration = new LinkedHashMap<>();
    configuration.put("city", city);
    configuration.put("config_file", configFile.toString());
    configuration.put("categories", cats.ids());
    return new IngestJob.Spec(
        city.id(),
        city.adminCode(),
        city.nameZh(),
        counties,
        city.crs(),
        city.data().duplicateRadiusM(),
        sources,
        inputDir.resolve(city.data().facilities()),
        inputDir.resolve(city.data().census()),
        inputDir.resolve(city.data().statistics()),
        city.data().hasPopulationRaster() ? inputDir.resolve(city.data().populationRaster()) : null,
        city.data().hasOsmPbf() ? inputDir.resolve(city.data().osmPbf()) : null,
        ProjectFiles.reference(),
        inputDir,
        out.toAbsolutePath().normalize(),
        new ConfiguredCategories(cats),
        tiers,
        configuration,
        city.data().countyOutlines().isEmpty()
            ? null
            : inputDir.resolve(city.data().countyOutlines()),
        city.data().adminCodes().isEmpty() ? null : inputDir.resolve(city.data().adminCodes()));
  }

  /** Files under {@code dir} matching {@code glob}, sorted by path. */
  public static List<Path> glob(Path dir, String glob) {
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> matcher.matches(dir.relativize(p)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new InputException("Cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The grid spec of a city: cells over its counties from its ingest output. */
  public static GridJob.Spec grid(CityConfig city, Path configFile, Path ingestDir, Path outDir) {
    Map<String, Object> configuration = new LinkedHashMap<>();
    configuration.put("city", city);
    configuration.put("config_file", configFile.toString());
    return new GridJob.Spec(
        city.id(),
        city.crs(),
        city.cellSizeM(),
        city.h3Enabled() ? city.h3Resolution() : -1,
        ingestDir.toAbsolutePath().normalize(),
        outDir.toAbsolutePath().normalize(),
        configuration);
  }

  /**
   * The access spec of a city. {@code facilityIngestDirs} lists every ingest output whose
   * facilities may serve the city's residents (its own first, then neighbours').
   */
  public static AccessJob.Spec access(
      CityConfig city,
      Categories cats,
      Path configFile,
      Path gridDir,
      Path ingestDir,
      List<Path> facilityIngestDirs,
      Path outDir) {
    List<AccessJob.CategorySpec> categories = new ArrayList<>();
    Set<CapacityKind> kinds = new TreeSet<>();
    for (Category c : cats.categories()) {
      categories.add(
          new AccessJob.CategorySpec(
              c.id(), c.tier(), c.hasCapacity() ? c.capacityKind().id() : null));
      if (c.hasCapacity()) {
        kinds.add(c.capacityKind());
      }
    }
    List<AccessJob.CapacitySpec> capacities = new ArrayList<>();
    for (CapacityKind k : kinds) {
      capacities.add(
          new AccessJob.CapacitySpec(
              k.id(), k.demandColumn(), city.e2sfca().catchmentMin().minutes(k)));
    }
    Map<String, Object> configuration = new LinkedHashMap<>();
    configuration.put("city", city);
    configuration.put("config_file", configFile.toString());
    configuration.put("categories", cats.categories());
    configuration.put(
        "facility_ingest_dirs",
        facilityIngestDirs.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
    return new AccessJob.Spec(
        city.id(),
        city.crs(),
        city.walking(),
        categories,
        capacities,
        gridDir.toAbsolutePath().normalize(),
        ingestDir.toAbsolutePath().normalize(),
        facilityIngestDirs.stream().map(p -> p.toAbsolutePath().normalize()).toList(),
        outDir.toAbsolutePath().normalize(),
        configuration);
  }

  /**
   * The siting spec of a city: targets and siting settings from conf/, outputs into {@code
   * <city-out>/siting}.
   */
  public static org.livingcircle.siting.SitingJob.Spec site(
      CityConfig city,
      Categories cats,
      Path config,
      Path cityOut,
      org.livingcircle.config.Targets targets,
      Path targetsFile,
      org.livingcircle.config.SitingConfig siting,
      Path sitingFile) {
    Map<String, Double> catchments = new LinkedHashMap<>();
    for (CapacityKind k : CapacityKind.values()) {
      if (k != CapacityKind.NONE) {
        catchments.put(k.id(), city.e2sfca().catchmentMin().minutes(k));
      }
    }
    Map<String, Object> configuration = new LinkedHashMap<>();
    configuration.put("config", config.toString());
    configuration.put("targets_file", targetsFile.toString());
    configuration.put("siting_file", sitingFile.toString());
    configuration.put("siting", siting);
    configuration.put("walking_speed_m_per_min", city.walking().speedMPerMin());
    configuration.put("detour_factor", city.walking().detourFactor());
    Map<String, Map<String, Object>> thresholds = new LinkedHashMap<>();
    cats.categories()
        .forEach(
            c ->
                thresholds.put(
                    c.id(),
                    Map.of(
                        "kind",
                        c.threshold().kind().id(),
                        "value",
                        c.threshold().value(),
                        "distance",
                        c.threshold().distance().id())));
    configuration.put("category_thresholds", thresholds);
    Path out = cityOut.toAbsolutePath().normalize();
    return new org.livingcircle.siting.SitingJob.Spec(
        city.id(),
        city.crs(),
        city.walking(),
        cats.categories(),
        catchments,
        targets,
        siting,
        out,
        CityLayout.of(out).siting(),
        configuration);
  }

  /** The aggregate spec of a city; gap cells for the categories of {@code gapTiers}. */
  public static AggregateJob.Spec aggregate(
      CityConfig city, Categories cats, Path config, Path cityOut, List<String> gapTiers) {
    Set<Tier> tiers = java.util.EnumSet.noneOf(Tier.class);
    for (String t : gapTiers) {
      try {
        tiers.add(Tier.valueOf(t.strip().toUpperCase(java.util.Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new org.livingcircle.common.UsageException(
            "Cannot use --gap-tiers " + t + ": not basic, quality or public");
      }
    }
    Map<String, Object> configuration = new LinkedHashMap<>();
    configuration.put("config", config.toString());
    configuration.put("city_out", cityOut.toString());
    configuration.put("gap_tiers", gapTiers);
    configuration.put("walking_speed_m_per_min", city.walking().speedMPerMin());
    configuration.put("thresholds_min", city.walking().thresholdsMin());
    configuration.put("detour_factor", city.walking().detourFactor());
    configuration.put("category_thresholds", city.thresholdOverridesByUnit());
    // target measures (conf/targets.yaml measures) become reach_<id> columns of admin_indicators
    java.nio.file.Path targetsFile = ProjectFiles.targets();
    List<org.livingcircle.config.Targets.Measure> measures =
        java.nio.file.Files.isRegularFile(targetsFile)
            ? org.livingcircle.config.Targets.load(targetsFile).measures()
            : List.of();
    configuration.put("targets_file", targetsFile.toString());
    AggregateJob.Measuring measuring =
        new AggregateJob.Measuring(
            city.walking().detourFactor(), city.thresholdOverridesByUnit(), measures);
    return new AggregateJob.Spec(
        city.id(),
        cats.categories(),
        city.walking().thresholdsMin(),
        city.walking().speedMPerMin(),
        tiers,
        city.crs(),
        cityOut,
        CityLayout.of(cityOut).aggregate(),
        configuration,
        measuring);
  }
}
