package org.livingcircle.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.livingcircle.config.CityConfig;
import org.livingcircle.config.PublishConfig;
import org.livingcircle.pipeline.ProjectFiles;
import org.livingcircle.publish.PublishJob;
import org.livingcircle.publish.postgis.PgCredentials;
import org.livingcircle.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Loads one city's output tables (grid, compound and admin indicators, gap cells, facilities) into the city's",
      "live PostGIS schema, staged and swapped atomically, and publishes them to GeoServer when it is on",
      "(geoserver.enabled in the publish configuration, or GEOSERVER_URL set). Passwords come from LCP_PG_PASSWORD /",
      "LCP_PG_PASSWORD_FILE and GEOSERVER_PASSWORD / GEOSERVER_PASSWORD_FILE, never from files in conf/."
    })
final class PublishCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      required = true,
      description = "City configuration, e.g. conf/cities/jincheng.yaml")
  Path config;

  @Option(
      names = "--city-out",
      required = true,
      description = "City output directory holding ingest/, indicators/, aggregate/")
  Path cityOut;

  @Option(
      names = "--publish-config",
      description = "Publish configuration (default: conf/publish.yaml)")
  Path publishConfig;

  @Option(
      names = "--release-id",
      description =
          "Release id (a-z, 0-9, _; default: <city>_<first 12 hex of the manifests' SHA-256>)")
  String releaseId;

  @Option(
      names = "--dry-run",
      description = "Print the SQL and REST steps without changing PostGIS or GeoServer")
  boolean dryRun;

  @Option(
      names = "--geoserver-url",
      description = "GeoServer web application root; turns GeoServer on (instead of GEOSERVER_URL)")
  String geoServerUrl;

  @Option(
      names = "--geoserver-user",
      description = "GeoServer REST user (instead of GEOSERVER_USER)")
  String geoServerUser;

  @Option(
      names = "--pg-password-file",
      description =
          "File holding the PostGIS password (instead of LCP_PG_PASSWORD / LCP_PG_PASSWORD_FILE)")
  Path pgPasswordFile;

  @Option(
      names = "--geoserver-password-file",
      description =
          "File holding the GeoServer password (instead of GEOSERVER_PASSWORD / GEOSERVER_PASSWORD_FILE)")
  Path geoServerPasswordFile;

  @Mixin SparkOptions sparkOptions;

  @Spec CommandSpec commandSpec;

  @Override
  public Integer call() {
    CityConfig city = CityConfig.load(config);
    Path publishFile = publishConfig == null ? ProjectFiles.publish() : publishConfig;
    PublishConfig settings = PublishConfig.load(publishFile);
    PrintWriter out = commandSpec.commandLine().getOut();
    if (!settings.postgis().enabled()) {
      out.println(
          "[publish] " + city.id() + ": skipped, postgis.enabled is false in " + publishFile);
      return 0;
    }
    PublishJob.Spec spec =
        new PublishJob.Spec(
            settings,
            publishFile,
            city.id(),
            city.nameZh(),
            city.nameEn(),
            cityOut,
            Optional.ofNullable(releaseId),
            environment());
    SparkSession spark = Sessions.create("lcp publish " + city.id(), sparkOptions.master);
    PublishJob job = new PublishJob(spark, spec);
    if (dryRun) {
      job.apply().lines().forEach(out::println);
    } else {
      job.commit(out);
    }
    out.flush();
    return 0;
  }

  /** The process environment, with the values given by flag replacing their variables. */
  private Map<String, String> environment() {
    Map<String, String> env = new HashMap<>(System.getenv());
    if (geoServerUrl != null) {
      env.put(PublishJob.GEOSERVER_URL, geoServerUrl);
    }
    if (geoServerUser != null) {
      env.put(PublishJob.GEOSERVER_USER, geoServerUser);
    }
    if (pgPasswordFile != null) {
      env.remove(PgCredentials.PASSWORD_ENV);
      env.put(PgCredentials.PASSWORD_FILE_ENV, pgPasswordFile.toString());
    }
    if (geoServerPasswordFile != null) {
      env.remove("GEOSERVER_PASSWORD");
      env.put("GEOSERVER_PASSWORD_FILE", geoServerPasswordFile.toString());
    }
    return env;
  }
}
