package org.livingcircle.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.livingcircle.config.Categories;
import org.livingcircle.config.CityConfig;
import org.livingcircle.ingest.IngestJob;
import org.livingcircle.pipeline.StageSpecs;
import org.livingcircle.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Reads one city's POI files (Amap CSV in UTF-8 or GBK, Amap place-API JSON, GeoJSON), capacity facilities, census and statistics; converts GCJ-02/BD-09 to WGS84, maps typecodes to categories, assigns counties, collapses duplicates, quarantines bad rows, and writes GeoParquet tables poi, facilities, admin_units, census (+ statistics, quarantine/, ingest_report.json, manifest.json).")
final class IngestCommand implements Callable<Integer> {
  @ParentCommand Lcp lcp;

  @Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  @Mixin CityOptions cityOptions;

  @Option(
      names = "--input",
      required = true,
      description = "Input directory (layout: see README, 'Input formats')")
  Path input;

  @Option(
      names = "--out",
      required = true,
      description = "Output directory (replaced atomically on success)")
  Path out;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    CityConfig city = cityOptions.city();
    Categories cats = cityOptions.categories();
    SparkSession spark = Sessions.create("lcp ingest " + city.id(), sparkOptions.master);
    IngestJob.run(
        spark,
        StageSpecs.ingest(city, cats, cityOptions.config, input, out),
        lcp.out); // --out is the ingest directory itself
    return 0;
  }
}
