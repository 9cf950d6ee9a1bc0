package org.livingcircle.cli;

import java.nio.file.Path;
import org.livingcircle.common.CityLayout;
import org.livingcircle.config.Categories;
import org.livingcircle.config.CityConfig;
import org.livingcircle.pipeline.CityPipeline;
import org.livingcircle.pipeline.ProjectFiles;
import picocli.CommandLine.Option;

/** Options of every command that works on one configured city. */
final class CityOptions {
  @Option(
      names = "--config",
      required = true,
      description = "City configuration, e.g. conf/cities/jincheng.yaml")
  Path config;

  @Option(
      names = "--categories",
      description = "Category configuration (default: conf/categories.yaml)")
  Path categories;

  /** The city, its files and the layout of {@code cityOut}. */
  CityPipeline.City pipelineCity(Path cityOut) {
    return new CityPipeline.City(city(), config, categories(), CityLayout.of(cityOut));
  }

  /** The same with the walking model of {@code walking} (the {@code --walking-model} flag). */
  CityPipeline.City pipelineCity(Path cityOut, WalkingOptions walking) {
    return new CityPipeline.City(
        walking.apply(city(), config), config, categories(), CityLayout.of(cityOut));
  }

  CityConfig city() {
    return CityConfig.load(config);
  }

  Categories categories() {
    return Categories.load(categories == null ? ProjectFiles.categories() : categories);
  }
}
