package org.livingcircle.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.livingcircle.common.ConfigException;
import org.livingcircle.common.InputException;
import org.livingcircle.common.PublishException;
import org.livingcircle.common.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lcp} command line. {@link #run} returns the exit code: 0 ok, 1 failed (input or
 * external service), 2 usage or configuration error. Errors are one line on stderr; the stack trace
 * only with {@code --stacktrace}.
 */
@Command(
    name = "lcp",
    mixinStandardHelpOptions = true,
    versionProvider = Lcp.Version.class,
    description =
        "Living-circle pipeline: walking access to everyday services in Shanxi's 15-minute living circles.",
    subcommands = {
      DemoCommand.class,
      SampleCommand.class,
      IngestCommand.class,
      GridCommand.class,
      AccessCommand.class,
      RunCommand.class,
      AggregateCommand.class,
      SiteCommand.class,
      CompareCommand.class,
      PublishCommand.class,
      CheckCommand.class,
      ReleaseCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {"", "Also: lcp test [--quick] runs the whole test suite (set-up included)."})
public final class Lcp {
  @CommandLine.Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description =
          "Show the engine's logs (Spark, Hadoop, Parquet, Sedona ... at INFO); default: errors only, and none of Spark's task-failure logging")
  boolean verbose;

  @CommandLine.Option(
      names = "--stacktrace",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print the stack trace of an error (and Spark's task-failure log)")
  boolean stacktrace;

  /** Where every command writes: its results and progress lines, and its warnings and errors. */
  PrintStream out = System.out;

  PrintStream err = System.err;

  public static void main(String[] args) {
    org.livingcircle.common.Progress progress = org.livingcircle.common.Progress.stderr();
    if (progress.mode() == org.livingcircle.common.Progress.Mode.TTY) {
      // the stages print their lines on System.out: clear the live progress line on stderr first
      System.setOut(
          new PrintStream(
              progress.clearingBefore(new java.io.FileOutputStream(java.io.FileDescriptor.out)),
              true));
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(out, err, args));
  }

  /** Runs the command line and returns the exit code. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    List<String> argList = Arrays.asList(args);
    boolean stacktrace = argList.contains("--stacktrace");
    Logs.configure(argList.contains("--verbose"), stacktrace);
    Lcp lcp = new Lcp();
    lcp.out = out;
    lcp.err = err;
    CommandLine cli = new CommandLine(lcp);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          Throwable cause = unwrap(e);
          err.println("lcp: " + oneLine(cause));
          if (stacktrace) {
            e.printStackTrace(err);
          }
          return exitCode(cause);
        });
    return cli.execute(args);
  }

  /** 2 for a usage or configuration error, 1 for bad input, a failed service or anything else. */
  static int exitCode(Throwable cause) {
    return cause instanceof ConfigException || cause instanceof UsageException ? 2 : 1;
  }

  /**
   * Finds our own exception below Spark's and Jackson's wrappers (a task's exception travels back
   * to the driver as the cause of a {@code SparkException}); without one, the innermost cause,
   * which names the actual problem rather than "Job aborted due to stage failure".
   */
  static Throwable unwrap(Throwable e) {
    Throwable t = e;
    Throwable innermost = e;
    for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
      if (t instanceof InputException
          || t instanceof ConfigException
          || t instanceof PublishException
          || t instanceof IllegalArgumentException) {
        return t;
      }
      innermost = t;
    }
    return innermost;
  }

  private static String oneLine(Throwable t) {
    boolean ours =
        t instanceof InputException
            || t instanceof ConfigException
            || t instanceof PublishException
            || t instanceof IllegalArgumentException;
    String message =
        t.getMessage() == null
            ? t.getClass().getSimpleName()
            : ours ? t.getMessage() : t.getClass().getSimpleName() + ": " + t.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"lcp " + org.livingcircle.common.Manifest.version()};
    }
  }
}
