package org.livingcircle.common;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Live progress of the phase that runs now: phase, done/total, rate and ETA. In a terminal it is
 * one line redrawn in place (at most {@link #TTY_REDRAW_NANOS} apart) and cleared when the work
 * stops; elsewhere (Airflow and CI logs) it is a plain line when a phase has run {@code
 * plainIntervalNanos} since its last line, plus a last line when such a phase ends, so short phases
 * print nothing. A new phase ends the previous one. Updates come per task or per batch, never per
 * row. Thread-safe.
 */
public final class Progress {
  /** How progress is shown. */
  public enum Mode {
    /** One line redrawn in place (stderr is a terminal). */
    TTY,
    /** Periodic plain lines (logs). */
    PLAIN,
    /** Nothing. */
    OFF
  }

  /** Shortest time between two redraws of the terminal line. */
  public static final long TTY_REDRAW_NANOS = 200_000_000L;

  /** Default time between two plain lines of one phase. */
  public static final long PLAIN_INTERVAL_NANOS = 10_000_000_000L;

  private static final String CLEAR_LINE = "\r\u001b[K";

  private final PrintStream out;
  private final Mode mode;
  private final long plainIntervalNanos;
  private final LongSupplier clock;

  private String phase;
  private String unit;
  private long done;
  private long total;
  private long phaseStartNanos;
  private long lastLineNanos;
  private long lastUpdateNanos;
  private boolean printed;
  private long lastPrintedDone;
  private boolean lineOpen;

  public Progress(PrintStream out, Mode mode, long plainIntervalNanos, LongSupplier clockNanos) {
    this.out = Checks.notNull(out, "progress stream");
    this.mode = Checks.notNull(mode, "progress mode");
    Checks.check(
        plainIntervalNanos >= 0,
        "Cannot use progress interval %d ns: negative",
        plainIntervalNanos);
    this.plainIntervalNanos = plainIntervalNanos;
    this.clock = clockNanos;
  }

  /**
   * Progress on stderr: {@code LCP_PROGRESS=tty|plain|off} if set, else a redrawn line when the JVM
   * has a console (stdin and stdout are a terminal) and plain periodic lines otherwise.
   */
  public static synchronized Progress stderr() {
    if (stderr == null) {
      String forced = System.getenv("LCP_PROGRESS");
      Mode mode =
          forced != null && !forced.isBlank()
              ? Mode.valueOf(forced.strip().toUpperCase(Locale.ROOT))
              : System.console() != null ? Mode.TTY : Mode.PLAIN;
      stderr = new Progress(System.err, mode, PLAIN_INTERVAL_NANOS, System::nanoTime);
    }
    return stderr;
  }

  private static Progress stderr;

  /**
   * {@code stream} (stdout, on the same terminal) made to clear the progress line before anything
   * is written to it, so a stage's own lines never land after a half-drawn progress line.
   */
  public OutputStream clearingBefore(OutputStream stream) {
    return new FilterOutputStream(stream) {
      @Override
      public void write(int b) throws IOException {
        clearLine();
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        clearLine();
        out.write(b, off, len);
      }
    };
  }

  private synchronized void clearLine() {
    if (lineOpen) {
      out.print(CLEAR_LINE);
      out.flush();
      lineOpen = false;
    }
  }

  public Mode mode() {
    return mode;
  }

  /**
   * {@code done} of {@code total} {@code unit}s of {@code phase} are finished; a new phase starts
   * the clock.
   */
  public synchronized void update(String phase, long done, long total, String unit) {
    long now = clock.getAsLong();
    if (!phase.equals(this.phase)) {
      end();
      this.phase = phase;
      this.phaseStartNanos = now;
      this.lastLineNanos = now;
      this.printed = false;
    }
    this.unit = unit;
    this.done = done;
    this.total = total;
    this.lastUpdateNanos = now;
    switch (mode) {
      case TTY -> {
        if (!lineOpen || now - lastLineNanos >= TTY_REDRAW_NANOS || done == total) {
          out.print(CLEAR_LINE + line(phase, done, total, unit, now - phaseStartNanos));
          out.flush();
          lineOpen = true;
          lastLineNanos = now;
        }
      }
      case PLAIN -> {
        if (now - lastLineNanos >= plainIntervalNanos && (plainIntervalNanos > 0 || done > 0)) {
          out.println(line(phase, done, total, unit, now - phaseStartNanos));
          lastLineNanos = now;
          lastPrintedDone = done;
          printed = true;
        }
      }
      case OFF -> {}
    }
  }

  /**
   * The work stopped for now (e.g. between two Spark jobs of one phase): clears the terminal line;
   * plain lines wait for more of the phase, or its end.
   */
  public synchronized void pause() {
    clearLine();
  }

  /** The phase is over: clears the terminal line; a plain phase that printed gets its last line. */
  public synchronized void end() {
    if (phase == null) {
      return;
    }
    clearLine();
    if (mode == Mode.PLAIN && printed && lastPrintedDone != done) {
      out.println(line(phase, done, total, unit, lastUpdateNanos - phaseStartNanos));
      lastPrintedDone = done;
    }
    phase = null;
  }

  /**
   * One progress line: {@code "[access] jincheng: indicators 120/480 tasks (25%) 14.2/s ETA 0:25"};
   * rate and ETA are left out until something is done.
   */
  public static String line(String phase, long done, long total, String unit, long elapsedNanos) {
    StringBuilder s = new StringBuilder(phase);
    s.append(String.format(Locale.ROOT, "  %,d/%,d %s", done, total, unit));
    if (total > 0) {
      s.append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, done * 100 / total)));
    }
    double seconds = elapsedNanos / 1e9;
    if (done > 0 && seconds > 0) {
      double rate = done / seconds;
      s.append(String.format(Locale.ROOT, rate >= 10 ? "  %,.0f/s" : "  %.1f/s", rate));
      if (total > done) {
        s.append("  ETA ").append(duration((long) Math.ceil((total - done) / rate)));
      } else {
        s.append("  ").append(duration(Math.round(seconds)));
      }
    }
    return s.toString();
  }

  /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
  static String duration(long seconds) {
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long sec = seconds % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
        : String.format(Locale.ROOT, "%d:%02d", m, sec);
  }
}
