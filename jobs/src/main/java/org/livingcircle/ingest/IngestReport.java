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

  /** POI rows per file and typecode whose typecode is not in the official Amap code table. */
  private final Map<String, Map<String, Long>> unknownTypecodes = new TreeMap<>();

  private String amapTable;

  /** Names the code table POI typecodes were checked against (enables the check in the report). */
  public void amapTable(String fileName) {
    this.amapTable = fileName;
  }

  /**
   * Counts {@code n} POI rows of {@code file} whose typecode field {@code typecode} is not in the
   * code table.
   */
  public void unknownTypecode(String file, String typecode, long n) {
    unknownTypecodes.computeIfAbsent(file, k -> new TreeMap<>()).merge(typecode, n, Long::sum);
  }

  /** POI rows with a typecode not in the code table, over every file. */
  public long unknownTypecodeRows() {
    return unknownTypecodes.values().stream()
        .flatMap(m -> m.values().stream())
        .mapToLong(Long::longValue)
        .sum();
  }

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
                f.file,
                f.read,
                f.accepted,
                f.quarantinedTotal()));
      }
    }
  }

  /**
   * Prints one line per file: "[ingest] poi amap.csv: 1,234 read, 1,200 accepted, 34 quarantined
   * (reason n, ...)".
   */
  public void print(PrintStream out) {
    for (FileCounts f : files.values()) {
      StringBuilder reasons = new StringBuilder();
      f.quarantined.forEach(
          (reason, n) ->
              reasons
                  .append(reasons.length() == 0 ? "" : ", ")
                  .append(reason)
                  .append(' ')
                  .append(String.format(Locale.ROOT, "%,d", n)));
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
    if (amapTable != null) {
      Map<String, Long> byCode = new TreeMap<>();
      unknownTypecodes
          .values()
          .forEach(m -> m.forEach((code, n) -> byCode.merge(code, n, Long::sum)));
      StringBuilder codes = new StringBuilder();
      byCode.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(5)
          .forEach(
              e ->
                  codes
                      .append(codes.length() == 0 ? "" : ", ")
                      .append(e.getKey())
                      .append(" \u00d7")
                      .append(String.format(Locale.ROOT, "%,d", e.getValue())));
      out.printf(
          Locale.ROOT,
          "[ingest] poi: %,d rows carry a typecode not in the Amap code table %s%s%n",
          unknownTypecodeRows(),
          amapTable,
          codes.length() == 0 ? "" : " (" + codes + (byCode.size() > 5 ? ", ..." : "") + ")");
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
    if (amapTable != null) {
      Map<String, Object> unknown = new TreeMap<>();
      unknown.put("table", amapTable);
      unknown.put("rows", unknownTypecodeRows());
      unknown.put("by_file", unknownTypecodes);
      root.put("typecodes_not_in_amap_table", unknown);
    }
    root.put("totals", totals);
    root.put("reconciled", reconciled);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(path.toFile(), root);
  }
}
