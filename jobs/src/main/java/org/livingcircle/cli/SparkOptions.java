package org.livingcircle.cli;

import picocli.CommandLine.Option;

/** Options shared by commands that start Spark. */
final class SparkOptions {
  @Option(
      names = "--master",
      description = "Spark master URL (default: local[*], or what spark-submit set)")
  String master;
}
