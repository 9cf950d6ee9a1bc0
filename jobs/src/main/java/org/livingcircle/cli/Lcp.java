package org.livingcircle.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.livingcircle.common.ConfigException;
import org.livingcircle.common.InputException;
import org.livingcircle.common.PublishException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lcp} command line. {@link #run} returns the exit code: 0 ok, 1 failed (input or
 * external service), 2 usage or configuration error. Errors are one line on stderr; the stack
 * trace only with {@code --stacktrace}.
 */
@Command(
    name = "lcp",
    mixinStandardHelpOptions = true,
    versionProvider = Lcp.Version.class,
    description = "Living-circle pipeline: walking access to everyday services in Shanxi's 15-minute living circles.",
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
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(out, err, args));
  }

  /** Runs the command line and returns the exit code. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    boolean stacktrace = java.util.Arrays.asList(args).contains("--stacktrace");
    CommandLine cli = new CommandLine(new Lcp());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          Throwable cause = unwrap(e);
          err.println("lcp: " + oneLine(cause));
          if (stacktrace) {
            e.printStackTrace(err);
          }
          return cause instanceof ConfigException || cause instanceof IllegalArgumentException ? 2 : 1;
        });
    return cli.execute(args);
  }

  /** Finds our own exception below Spark's and Jackson's wrappers. */
  static Throwable unwrap(Throwable e) {
    Throwable t = e;
    for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
      if (t instanceof InputException || t instanceof ConfigException || t instanceof PublishException
          || t instanceof IllegalArgumentException) {
        return t;
      }
    }
    return e;
  }

  private static String oneLine(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
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
