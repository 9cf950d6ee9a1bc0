package org.livingcircle.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per table and file: rows read, accepted and quarantined by reason. {@link #reconcile()} fails if
 * any file's rows are not all accounted for.
 */
public final class IngestReport {
  /** Counts for one input file of one table. */
  public static final class FileCounts {
    public final String table;
    public final String file;
    public long read;
    public long accepted;
    public final Map<String, Long> quarantined = new TreeMap<>();

    FileCounts(String table, String file) {
      this.table = table;
      this.file = file;
    }

    public long quarantinedTotal() {
      return quarantined.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean reconciles() {
      return read == accepted + quarantinedTotal();
    }
  }

  private final Map<String, FileCounts> files = new TreeMap<>();

  /** Returns (creating) the counts of {@code file} in {@code table}. */
  public FileCounts file(String table, String file) {
    return files.computeIfAbsent(table + "\u0000" + file, k -> new FileCounts(table, file));
  }

  public void quarantine(String table, String file, Reason reason, long n) {
    file(table, file).quarantined.merge(reason.code(), n, Long::sum);
  }

  public List<FileCounts> files() {
    return new ArrayList<>(files.values());
  }

  /** Throws if read ≠ accepted + quarantined for any file. */
  public void reconcile() {
    for (FileCounts f : files.values()) {
      if (!f.reconciles()) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "Cannot reconcile %s: %d read but %d accepted + %d quarantined",
                f.file, f.read, f.accepted, f.quarantinedTotal()));
      }
    }
  }

  /** Prints one line per file: "[ingest] poi amap.csv: 1,234 read, 1,200 accepted, 34 quarantined (reason n, ...)". */
  public void print(PrintStream out) {
    for (FileCounts f : files.values()) {
      StringBuilder reasons = new StringBuilder();
      f.quarantined.forEach(
          (reason, n) -> reasons.append(reasons.length() == 0 ? "" : ", ").append(reason).append(' ').append(String.format(Locale.ROOT, "%,d", n)));
      out.printf(
          Locale.ROOT,
          "[ingest] %s %s: %,d read, %,d accepted, %,d quarantined%s%n",
          f.table,
          f.file,
          f.read,
          f.accepted,
          f.quarantinedTotal(),
          reasons.length() == 0 ? "" : " (" + reasons + ")");
    }
  }

  /** Writes the report as JSON: {"files": [...], "totals": {...}, "reconciled": true}. */
  public void write(Path path) throws IOException {
    Map<String, Object> root = new TreeMap<>();
    List<Map<String, Object>> list = new ArrayList<>();
    Map<String, Map<String, Long>> totals = new TreeMap<>();
    boolean reconciled = true;
    for (FileCounts f : files.values()) {
      Map<String, Object> m = new TreeMap<>();
      m.put("table", f.table);
      m.put("file", f.file);
      m.put("read", f.read);
      m.put("accepted", f.accepted);
      m.put("quarantined", f.quarantinedTotal());
      m.put("quarantined_by_reason", f.quarantined);
      m.put("reconciled", f.reconciles());
      list.add(m);
      reconciled &= f.reconciles();
      Map<String, Long> t = totals.computeIfAbsent(f.table, k -> new TreeMap<>());
      t.merge("read", f.read, Long::sum);
      t.merge("accepted", f.accepted, Long::sum);
      t.merge("quarantined", f.quarantinedTotal(), Long::sum);
    }
    root.put("files", list);
    root.put("totals", totals);
    root.put("reconciled", reconciled);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(path.toFile(), root);
  }
}
