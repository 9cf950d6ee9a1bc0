package org.livingcircle.streets;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import java.util.Map;
import java.util.Set;

/**
 * What a pedestrian may walk: the one rule set of contracts §1, on OSM tags. A way is walkable when
 * its {@code highway} is a street or path type (or any highway with a sidewalk), unless foot access
 * is refused, it is a motorway-like or unbuilt road, or general access is restricted without a foot
 * exception. {@code oneway}, {@code layer}, {@code area}, bridges and tunnels do not matter.
 *
 * <p>Gated residential compounds (小区): their internal roads are often {@code access=private}, yet
 * residents walk them. With {@link PrivateWays#COMPOUND} (the default) such a way is walkable when
 * it is a {@code service footway path residential living_street pedestrian} way; with {@link
 * PrivateWays#BLOCKED} it is not.
 *
 * <p>Barrier nodes: walls, fences and their kind, and nodes refusing foot or general access, cut
 * the way they lie on; gates, bollards, entrances and every other barrier are passable. A private
 * gate ({@code access=private} or {@code foot=private}) is passable under {@link
 * PrivateWays#COMPOUND}: residents walk through their compound's gate, as they walk its private
 * roads.
 */
public final class FootRules {
  /** How {@code access=private} ways inside compounds are treated. */
  public enum PrivateWays {
    COMPOUND,
    BLOCKED
  }

  /**
   * @param privateWays the compound rule
   * @param minComponentEdges components of the foot graph with fewer edges are removed (0 or 1:
   *     keep all)
   */
  public record Options(PrivateWays privateWays, int minComponentEdges) {
    /** R5 prunes islands below 40 edges per mode (research network-walking.md §2.1). */
    public static final int DEFAULT_MIN_COMPONENT_EDGES = 40;

    public Options {
      notNull(privateWays, "private ways rule");
      check(
          minComponentEdges >= 0,
          "Cannot use min_component_edges: %s is negative",
          minComponentEdges);
    }

    public static Options defaults() {
      return new Options(PrivateWays.COMPOUND, DEFAULT_MIN_COMPONENT_EDGES);
    }
  }

  static final Set<String> WALKABLE_HIGHWAYS =
      Set.of(
          "footway",
          "path",
          "pedestrian",
          "steps",
          "living_street",
          "residential",
          "service",
          "track",
          "unclassified",
          "road",
          "tertiary",
          "tertiary_link",
          "secondary",
          "secondary_link",
          "primary",
          "primary_link",
          "trunk",
          "trunk_link",
          "cycleway",
          "bridleway",
          "corridor",
          "platform");
  static final Set<String> SIDEWALK_KEYS =
      Set.of("sidewalk", "sidewalk:both", "sidewalk:left", "sidewalk:right");
  static final Set<String> SIDEWALK_PRESENT = Set.of("yes", "both", "left", "right", "separate");
  static final Set<String> FOOT_REFUSED = Set.of("no", "use_sidepath");

  /** Not ways we keep, even with a sidewalk tag. */
  static final Set<String> EXCLUDED_HIGHWAYS =
      Set.of(
          "motorway",
          "motorway_link",
          "construction",
          "proposed",
          "abandoned",
          "raceway",
          "bus_guideway",
          "escape",
          "elevator",
          "bus_stop");

  static final Set<String> ACCESS_RESTRICTED =
      Set.of("no", "private", "customers", "delivery", "agricultural", "forestry", "discouraged");
  static final Set<String> FOOT_ALLOWED = Set.of("yes", "designated", "permissive");
  static final Set<String> COMPOUND_HIGHWAYS =
      Set.of("service", "footway", "path", "residential", "living_street", "pedestrian");
  static final Set<String> NODE_ACCESS_BLOCKING = Set.of("no", "private");
  static final Set<String> BLOCKING_BARRIERS =
      Set.of("wall", "fence", "city_wall", "retaining_wall", "hedge", "ditch");

  private FootRules() {}

  /** Whether a way with these tags is part of the foot graph. */
  public static boolean walkable(Map<String, String> wayTags, Options options) {
    notNull(options, "foot rule options");
    String highway = wayTags.get("highway");
    String foot = wayTags.get("foot");
    if (highway == null
        || in(FOOT_REFUSED, foot)
        || in(EXCLUDED_HIGHWAYS, highway)
        || "yes".equals(wayTags.get("motorroad"))
        || "ferry".equals(wayTags.get("route"))) {
      return false;
    }
    if (!in(WALKABLE_HIGHWAYS, highway) && !hasSidewalk(wayTags)) {
      return false;
    }
    String access = wayTags.get("access");
    boolean restricted =
        (in(ACCESS_RESTRICTED, access) && !in(FOOT_ALLOWED, foot)) || "private".equals(foot);
    if (!restricted) {
      return true;
    }
    boolean privateWay = "private".equals(access) || "private".equals(foot);
    return options.privateWays() == PrivateWays.COMPOUND
        && privateWay
        && in(COMPOUND_HIGHWAYS, highway);
  }

  /** Whether a node with these tags, lying on a kept way, cuts the way there. */
  public static boolean blocks(Map<String, String> nodeTags, Options options) {
    notNull(options, "foot rule options");
    if (nodeTags.isEmpty()) {
      return false;
    }
    String foot = nodeTags.get("foot");
    String access = nodeTags.get("access");
    boolean compoundGate =
        options.privateWays() == PrivateWays.COMPOUND
            && ("private".equals(foot) || ("private".equals(access) && foot == null));
    return "no".equals(foot)
        || (in(NODE_ACCESS_BLOCKING, access) && !in(FOOT_ALLOWED, foot) && !compoundGate)
        || ("private".equals(foot) && !compoundGate)
        || in(BLOCKING_BARRIERS, nodeTags.get("barrier"));
  }

  /** {@code Set.of(..).contains(null)} throws; an absent tag is in no set. */
  private static boolean in(Set<String> values, String value) {
    return value != null && values.contains(value);
  }

  private static boolean hasSidewalk(Map<String, String> tags) {
    for (String key : SIDEWALK_KEYS) {
      if (in(SIDEWALK_PRESENT, tags.get(key))) {
        return true;
      }
    }
    return false;
  }
}
