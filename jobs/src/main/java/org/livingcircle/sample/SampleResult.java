package org.livingcircle.sample;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link SampleGenerator#run()} wrote.
 *
 * @param outDir the output directory
 * @param nCounties counties generated
 * @param population residents of those counties (sum of county totals)
 * @param nValidPois valid POIs in the Amap files (CSV, lng/lat CSV and place-API JSON)
 * @param nMessRows injected defective rows in the Amap CSV files (bench file excluded)
 * @param files relative paths of every file written, manifest last
 * @param elapsedMillis wall-clock time
 */
public record SampleResult(
    Path outDir,
    int nCounties,
    long population,
    long nValidPois,
    long nMessRows,
    List<String> files,
    long elapsedMillis) {
  public SampleResult {
    files = List.copyOf(files);
  }

  /**
   * One progress line, e.g. "[sample] jincheng: 6 counties, 2,194,545 residents, 21,030 POIs (+512
   * mess) 1.2 s".
   */
  public String progressLine(String slug) {
    return String.format(
        java.util.Locale.ROOT,
        "[sample] %s: %d counties, %,d residents, %,d POIs (+%,d mess), %d files  %.1f s",
        slug,
        nCounties,
        population,
        nValidPois,
        nMessRows,
        files.size(),
        elapsedMillis / 1000.0);
  }
}
