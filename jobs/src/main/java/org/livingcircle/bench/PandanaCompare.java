package org.livingcircle.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.livingcircle.common.InputException;
import org.livingcircle.streets.FootGraph;

/**
 * Same graph, same POIs, same machine: our vertex-level searches ({@link VertexSearches}) against
 * pandana 0.8 ({@code python/bench/pandana_bench.py} as a subprocess), alternating one run of ours
 * and one of theirs, then a vertex-by-vertex value check of the last runs. pandana's
 * contraction-hierarchy build is reported apart (ours needs none); its {@code set_pois} and {@code
 * set} are timed with its queries.
 */
final class PandanaCompare {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PandanaCompare() {}

  /**
   * What was measured.
   *
   * @param nearestCategories categories with at least one POI (both sides search exactly these)
   * @param oursNearestS per run: all categories' nearest, ours
   * @param theirsNearestS per run: {@code set_pois + nearest_pois} summed over the categories
   * @param oursCountsS per run: every count category, all thresholds in one pass each
   * @param theirsCountsS per run: {@code set + aggregate} per threshold, summed over the count
   *     categories
   * @param theirsBuildS per run: {@code pandana.Network(...)} (contraction hierarchies)
   */
  record Result(
      int vertices,
      int edges,
      int pois,
      List<String> nearestCategories,
      List<String> countCategories,
      double[] thresholdsM,
      double nearestLimitM,
      int threads,
      List<Double> oursNearestS,
      List<Double> theirsNearestS,
      List<Double> oursCountsS,
      List<Double> theirsCountsS,
      List<Double> theirsBuildS,
      ValueCheck.Tally nearestCheck,
      ValueCheck.Tally countsCheck,
      long snapDisagreements) {
    double nearestRatio() {
      return Stats.median(theirsNearestS) / Stats.median(oursNearestS);
    }

    double countsRatio() {
      return Stats.median(theirsCountsS) / Stats.median(oursCountsS);
    }
  }

  /**
   * @param python the interpreter and script, e.g. {@code [.venv-bench/bin/python,
   *     python/bench/pandana_bench.py]}
   * @param dir working directory for the export, pandana's timings, values and logs
   */
  static Result run(
      SparkSession spark,
      FootGraph g,
      GraphExport.Pois pois,
      Path dir,
      List<String> python,
      int runs,
      int threads,
      ValueCheck check,
      PrintStream progress) {
    Path export = dir.resolve("export");
    GraphExport.write(export, g, pois);
    List<String> nearestCategories = new ArrayList<>();
    List<int[]> nearestSeeds = new ArrayList<>();
    for (int c = 0; c < pois.categories().size(); c++) {
      if (pois.count(c) > 0) {
        nearestCategories.add(pois.categories().get(c));
        nearestSeeds.add(pois.verticesOf(c));
      }
    }
    int[][] seeds = nearestSeeds.toArray(new int[0][]);
    List<int[]> countSeeds = new ArrayList<>();
    for (String c : pois.countCategories()) {
      countSeeds.add(pois.verticesOf(pois.categories().indexOf(c)));
    }
    double[] thresholds = pois.thresholdsM();
    List<Double> oursNearest = new ArrayList<>();
    List<Double> oursCounts = new ArrayList<>();
    List<Double> theirsNearest = new ArrayList<>();
    List<Double> theirsCounts = new ArrayList<>();
    List<Double> theirsBuild = new ArrayList<>();
    double[][] nearest = null;
    List<int[][]> counts = new ArrayList<>();
    long snapDisagreements = 0;
    Path values = dir.resolve("pandana_values.parquet");
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      nearest = VertexSearches.nearest(g, seeds, pois.nearestLimitM(), threads);
      oursNearest.add((System.nanoTime() - t0) / 1e9);
      t0 = System.nanoTime();
      counts.clear();
      for (int[] s : countSeeds) {
        counts.add(VertexSearches.counts(g, s, thresholds, threads));
      }
      oursCounts.add((System.nanoTime() - t0) / 1e9);

      boolean last = r == runs - 1;
      JsonNode theirs = pandana(python, export, dir, r, last ? values : null);
      theirsNearest.add(theirs.path("nearest_total_s").asDouble());
      theirsCounts.add(theirs.path("counts_total_s").asDouble());
      theirsBuild.add(theirs.path("network_build_s").asDouble());
      if (last) {
        snapDisagreements = theirs.path("snap_disagreements").asLong();
      }
      progress.printf(
          Locale.ROOT,
          "[bench] pandana run %d/%d: nearest ours %.3f s, pandana %.3f s; counts ours %.3f s, pandana %.3f s"
              + " (pandana network build %.1f s, not compared)%n",
          r + 1,
          runs,
          last(oursNearest),
          last(theirsNearest),
          last(oursCounts),
          last(theirsCounts),
          last(theirsBuild));
    }

    long t0 = System.nanoTime();
    Map<String, double[]> theirValues = readValues(spark, values, g.vertexCount());
    ValueCheck.Tally nearestTally = ValueCheck.Tally.empty();
    for (int c = 0; c < nearestCategories.size(); c++) {
      double[] theirs = theirValues.get("nearest_" + nearestCategories.get(c));
      if (theirs == null) {
        throw new InputException(
            "Cannot compare with pandana: "
                + values
                + " has no column nearest_"
                + nearestCategories.get(c));
      }
      nearestTally =
          nearestTally.plus(
              check.nearest(nearestCategories.get(c), nearest[c], theirs, pois.nearestLimitM()));
    }
    ValueCheck.Tally countsTally = ValueCheck.Tally.empty();
    for (int k = 0; k < countSeeds.size(); k++) {
      int[][] near = VertexSearches.nearThreshold(g, countSeeds.get(k), thresholds, check);
      for (int t = 0; t < thresholds.length; t++) {
        String column = countColumn(pois.countCategories().get(k), thresholds[t]);
        double[] theirs = theirValues.get(column);
        if (theirs == null) {
          throw new InputException(
              "Cannot compare with pandana: " + values + " has no column " + column);
        }
        countsTally = countsTally.plus(check.counts(column, counts.get(k)[t], theirs, near[t]));
      }
    }
    progress.printf(
        Locale.ROOT,
        "[bench] pandana values: nearest %,d compared, %,d borderline, %,d mismatches (max diff %.4f m);"
            + " counts %,d compared, %,d borderline, %,d mismatches  %.1f s%n",
        nearestTally.compared(),
        nearestTally.borderline(),
        nearestTally.mismatches(),
        nearestTally.maxAbsDiffM(),
        countsTally.compared(),
        countsTally.borderline(),
        countsTally.mismatches(),
        (System.nanoTime() - t0) / 1e9);
    return new Result(
        g.vertexCount(),
        g.edgeCount(),
        pois.poiVertex().length,
        nearestCategories,
        pois.countCategories(),
        thresholds,
        pois.nearestLimitM(),
        threads,
        oursNearest,
        theirsNearest,
        oursCounts,
        theirsCounts,
        theirsBuild,
        nearestTally,
        countsTally,
        snapDisagreements);
  }

  static String countColumn(String category, double thresholdM) {
    return String.format(Locale.ROOT, "count_%s_%d", category, Math.round(thresholdM));
  }

  /** One pandana run as a subprocess; its stdout and stderr go to {@code pandana-run-<r>.log}. */
  private static JsonNode pandana(
      List<String> python, Path export, Path dir, int run, Path values) {
    Path timings = dir.resolve("pandana-run-" + run + ".json");
    Path log = dir.resolve("pandana-run-" + run + ".log");
    List<String> command = new ArrayList<>(python);
    command.addAll(List.of("--export", export.toString(), "--timings", timings.toString()));
    if (values != null) {
      command.addAll(List.of("--values", values.toString()));
    }
    try {
      Files.deleteIfExists(timings);
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      int exit = p.waitFor();
      if (exit != 0 || !Files.isRegularFile(timings)) {
        List<String> lines = Files.readAllLines(log);
        String tail = lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
        throw new InputException(
            "Cannot run pandana ("
                + String.join(" ", command)
                + "): exit "
                + exit
                + ", "
                + tail
                + "; see "
                + log
                + " (venv: scripts/ensure-bench-venv.sh)");
      }
      return JSON.readTree(timings.toFile());
    } catch (IOException e) {
      throw new InputException(
          "Cannot run pandana ("
              + String.join(" ", command)
              + "): "
              + e.getMessage()
              + "; make its venv with scripts/ensure-bench-venv.sh",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Cannot finish the pandana run: interrupted", e);
    }
  }

  /** pandana's values per column, indexed by vertex (NaN where a row is missing). */
  private static Map<String, double[]> readValues(SparkSession spark, Path values, int nVertices) {
    Dataset<Row> rows = spark.read().parquet(values.toString());
    String[] columns = rows.columns();
    Map<String, double[]> out = new HashMap<>();
    for (String c : columns) {
      if (!c.equals("vertex")) {
        double[] a = new double[nVertices];
        Arrays.fill(a, Double.NaN);
        out.put(c, a);
      }
    }
    int vertexColumn = Arrays.asList(columns).indexOf("vertex");
    Iterator<Row> it = rows.toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      int v = (int) r.getLong(vertexColumn);
      for (int k = 0; k < columns.length; k++) {
        if (k != vertexColumn && !r.isNullAt(k)) {
          out.get(columns[k])[v] = r.getDouble(k);
        }
      }
    }
    return out;
  }

  private static double last(List<Double> list) {
    return list.get(list.size() - 1);
  }
}
