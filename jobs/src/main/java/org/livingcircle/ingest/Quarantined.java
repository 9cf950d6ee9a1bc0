package org.livingcircle.ingest;

import java.io.Serializable;

/**
 * A row that cannot be used: where it came from, why, and its original text.
 *
 * @param row 1-based line number for CSV files, 1-based element index for JSON and GeoJSON
 */
public record Quarantined(String file, long row, Reason reason, String detail, String raw)
    implements Serializable {}
