package org.livingcircle.cli;

import org.livingcircle.pipeline.StageSpecs;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.livingcircle.common.ConfigException;
import org.livingcircle.common.InputException;
import org.livingcircle.config.Categories;
import org.livingcircle.config.Category;
import org.livingcircle.config.CityConfig;
import org.livingcircle.geo.SourceCrs;
import org.livingcircle.ingest.ConfiguredCategories;
import org.livingcircle.ingest.IngestJob;
import org.livingcircle.ingest.PoiParser;
import org.livingcircle.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Reads one city's POI files (Amap CSV in UTF-8 or GBK, Amap place-API JSON, GeoJSON), capacity facilities, census and statistics; converts GCJ-02/BD-09 to WGS84, maps typecodes to categories, assigns counties, collapses duplicates, quarantines bad rows, and writes GeoParquet tables poi, facilities, admin_units, census (+ statistics, quarantine/, ingest_report.json, manifest.json).")
final class IngestCommand implements Callable<Integer> {
  @ParentCommand Lcp lcp;

  @Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  @Mixin CityOptions cityOptions;

  @Option(names = "--input", required = true, description = "Input directory (layout: see README, 'Input formats')")
  Path input;

  @Option(names = "--out", required = true, description = "Output directory (replaced atomically on success)")
  Path out;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    CityConfig city = cityOptions.city();
    Categories cats = cityOptions.categories();
    SparkSession spark = Sessions.create("lcp ingest " + city.id(), sparkOptions.master);
    IngestJob.run(spark, StageSpecs.ingest(city, cats, cityOptions.config, input, out), lcp.out); // --out is the ingest directory itself
    return 0;
  }

}
