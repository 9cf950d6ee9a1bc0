package org.livingcircle.streets;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import java.util.Map;

/**
 * An OpenStreetMap node: WGS84 longitude and latitude in degrees and its tags (an unmodifiable
 * copy, never null; empty for an untagged node).
 */
public record OsmNode(long id, double lon, double lat, Map<String, String> tags) {
  public OsmNode {
    check(
        Double.isFinite(lon) && lon >= -180 && lon <= 180,
        "Cannot use OSM node %s: longitude %s is outside [-180, 180]",
        id,
        lon);
    check(
        Double.isFinite(lat) && lat >= -90 && lat <= 90,
        "Cannot use OSM node %s: latitude %s is outside [-90, 90]",
        id,
        lat);
    tags = Map.copyOf(notNull(tags, "OSM node tags"));
  }

  /** An untagged node. */
  public OsmNode(long id, double lon, double lat) {
    this(id, lon, lat, Map.of());
  }
}
