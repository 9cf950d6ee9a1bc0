package org.livingcircle.sample;

import java.util.Map;

/**
 * One written file, as listed in the manifest.
 *
 * @param path path relative to the output directory, '/'-separated
 * @param rows data rows (CSV records after the header, JSON/GeoJSON array elements)
 * @param format e.g. "csv utf-8 bom lf", "csv gbk crlf", "json utf-8"
 * @param counts named counts in a fixed order (valid rows, injected mess per kind, ...)
 */
record SampleFile(String path, long rows, String format, Map<String, Long> counts) {
  SampleFile {
    counts = Map.copyOf(counts);
  }
}
