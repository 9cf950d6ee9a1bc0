package org.livingcircle.streets;

import static org.livingcircle.common.Checks.notNull;

import java.util.Map;

/**
 * An OpenStreetMap way: the ids of its nodes in order (a closed way repeats its first node at the
 * end; broken extracts may hold ways with fewer than two) and its tags (an unmodifiable copy). The
 * node array is copied on construction; callers must not modify the array the accessor returns.
 */
public record OsmWay(long id, long[] nodes, Map<String, String> tags) {
  public OsmWay {
    nodes = notNull(nodes, "OSM way nodes").clone();
    tags = Map.copyOf(notNull(tags, "OSM way tags"));
  }
}
