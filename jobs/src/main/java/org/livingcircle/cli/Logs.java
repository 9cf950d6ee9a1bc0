package org.livingcircle.cli;

import java.net.URISyntaxException;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The engine's log levels for one command line: quiet by default (every library at ERROR, Spark's
 * task-failure logging off, since the CLI reports the failure as one line), everything at INFO with
 * {@code --verbose}, task-failure logging back on with {@code --stacktrace}. The configuration is
 * {@code log4j2.properties} on the classpath; under spark-submit, which configures log4j with
 * Spark's defaults before our main runs, this loads ours instead unless {@code
 * -Dlog4j2.configurationFile} names another.
 */
final class Logs {
  /** The configuration's name in {@code log4j2.properties}. */
  static final String CONFIGURATION_NAME = "lcp";

  /**
   * Loggers of Spark's task failures ("Exception in task", "aborting job"), as in
   * log4j2.properties.
   */
  static final List<String> TASK_FAILURE_LOGGERS =
      List.of(
          "org.apache.spark.executor.Executor",
          "org.apache.spark.scheduler.TaskSetManager",
          "org.apache.spark.sql.execution.datasources.FileFormatWriter",
          "org.apache.spark.util.Utils",
          "org.apache.spark.internal.io.SparkHadoopWriter");

  private Logs() {}

  /**
   * Applies the levels for {@code verbose} (everything at INFO) and {@code stacktrace} (task
   * failures at ERROR).
   */
  static void configure(boolean verbose, boolean stacktrace) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    if (!CONFIGURATION_NAME.equals(context.getConfiguration().getName())
        && System.getProperty("log4j2.configurationFile") == null) {
      URL ours = Logs.class.getResource("/log4j2.properties");
      if (ours != null) {
        try {
          context.setConfigLocation(ours.toURI());
        } catch (URISyntaxException e) {
          throw new IllegalStateException("Cannot load " + ours + ": " + e.getMessage(), e);
        }
      }
    }
    Level root = verbose ? Level.INFO : Level.ERROR;
    Level taskFailures = verbose ? Level.INFO : stacktrace ? Level.ERROR : Level.OFF;
    Map<String, Level> levels = new LinkedHashMap<>();
    levels.put(LogManager.ROOT_LOGGER_NAME, root);
    for (String logger : TASK_FAILURE_LOGGERS) {
      levels.put(logger, taskFailures);
    }
    Configurator.setLevel(levels);
  }
}
