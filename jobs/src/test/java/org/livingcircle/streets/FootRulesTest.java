package org.livingcircle.streets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.livingcircle.streets.FootRules.Options;
import org.livingcircle.streets.FootRules.PrivateWays;

/** Each foot rule of contracts §1 on small tag maps. */
class FootRulesTest {
  private static final Options COMPOUND = Options.defaults();
  private static final Options BLOCKED = new Options(PrivateWays.BLOCKED, 40);

  private static boolean walkable(Map<String, String> tags) {
    return FootRules.walkable(tags, COMPOUND);
  }

  @Test
  void defaultsAreCompoundAndForty() {
    assertThat(COMPOUND.privateWays()).isEqualTo(PrivateWays.COMPOUND);
    assertThat(COMPOUND.minComponentEdges()).isEqualTo(40);
    assertThatThrownBy(() -> new Options(PrivateWays.BLOCKED, -1))
        .hasMessage("Cannot use min_component_edges: -1 is negative");
  }

  @Test
  void everyListedHighwayIsWalkable() {
    for (String highway :
        ("footway path pedestrian steps living_street residential service track unclassified road "
                + "tertiary tertiary_link secondary secondary_link primary primary_link trunk trunk_link cycleway bridleway "
                + "corridor platform")
            .split(" ")) {
      assertThat(walkable(Map.of("highway", highway))).as(highway).isTrue();
    }
  }

  @Test
  void unlistedHighwaysNeedASidewalk() {
    assertThat(walkable(Map.of())).isFalse();
    assertThat(walkable(Map.of("name", "无名路"))).isFalse();
    assertThat(walkable(Map.of("highway", "busway"))).isFalse();
    for (String key :
        new String[] {"sidewalk", "sidewalk:both", "sidewalk:left", "sidewalk:right"}) {
      for (String value : new String[] {"yes", "both", "left", "right", "separate"}) {
        assertThat(walkable(Map.of("highway", "busway", key, value)))
            .as(key + "=" + value)
            .isTrue();
      }
      assertThat(walkable(Map.of("highway", "busway", key, "no"))).as(key + "=no").isFalse();
      assertThat(walkable(Map.of("highway", "busway", key, "none"))).as(key + "=none").isFalse();
    }
    assertThat(walkable(Map.of("sidewalk", "both"))).as("no highway at all").isFalse();
  }

  @Test
  void footRefusalWinsOverEverything() {
    assertThat(walkable(Map.of("highway", "footway", "foot", "no"))).isFalse();
    assertThat(walkable(Map.of("highway", "primary", "foot", "use_sidepath", "sidewalk", "both")))
        .isFalse();
    assertThat(walkable(Map.of("highway", "service", "foot", "no", "access", "private"))).isFalse();
    assertThat(walkable(Map.of("highway", "footway", "foot", "yes"))).isTrue();
  }

  @Test
  void motorwaysUnbuiltRoadsAndNonWaysAreDropped() {
    for (String highway :
        "motorway motorway_link construction proposed abandoned raceway bus_guideway escape elevator bus_stop"
            .split(" ")) {
      assertThat(walkable(Map.of("highway", highway))).as(highway).isFalse();
      assertThat(walkable(Map.of("highway", highway, "sidewalk", "both", "foot", "yes")))
          .as(highway + " + sidewalk")
          .isFalse();
    }
    assertThat(walkable(Map.of("highway", "trunk", "motorroad", "yes"))).isFalse();
    assertThat(walkable(Map.of("highway", "trunk", "motorroad", "no"))).isTrue();
    assertThat(walkable(Map.of("railway", "rail"))).isFalse();
    assertThat(walkable(Map.of("railway", "platform", "highway", "platform"))).isTrue();
    assertThat(walkable(Map.of("route", "ferry"))).isFalse();
    assertThat(walkable(Map.of("route", "ferry", "highway", "service"))).isFalse();
  }

  @Test
  void onewayLayerAreaBridgeAndTunnelDoNotMatter() {
    assertThat(walkable(Map.of("highway", "residential", "oneway", "yes"))).isTrue();
    assertThat(
            walkable(Map.of("highway", "primary", "oneway", "-1", "layer", "1", "bridge", "yes")))
        .isTrue();
    assertThat(walkable(Map.of("highway", "service", "tunnel", "yes", "layer", "-1"))).isTrue();
    assertThat(walkable(Map.of("highway", "residential", "area", "yes"))).isTrue();
  }

  @Test
  void restrictedAccessNeedsAFootException() {
    for (String access : "no customers delivery agricultural forestry discouraged".split(" ")) {
      assertThat(walkable(Map.of("highway", "service", "access", access)))
          .as("access=" + access)
          .isFalse();
      for (String foot : new String[] {"yes", "designated", "permissive"}) {
        assertThat(walkable(Map.of("highway", "service", "access", access, "foot", foot)))
            .as("access=%s foot=%s", access, foot)
            .isTrue();
      }
    }
    assertThat(walkable(Map.of("highway", "track", "access", "destination"))).isTrue();
    assertThat(walkable(Map.of("highway", "track", "access", "yes"))).isTrue();
  }

  @Test
  void privateCompoundRoadsDependOnTheRule() {
    for (String highway : "service footway path residential living_street pedestrian".split(" ")) {
      Map<String, String> accessPrivate = Map.of("highway", highway, "access", "private");
      Map<String, String> footPrivate = Map.of("highway", highway, "foot", "private");
      assertThat(FootRules.walkable(accessPrivate, COMPOUND))
          .as(highway + " access=private compound")
          .isTrue();
      assertThat(FootRules.walkable(accessPrivate, BLOCKED))
          .as(highway + " access=private blocked")
          .isFalse();
      assertThat(FootRules.walkable(footPrivate, COMPOUND))
          .as(highway + " foot=private compound")
          .isTrue();
      assertThat(FootRules.walkable(footPrivate, BLOCKED))
          .as(highway + " foot=private blocked")
          .isFalse();
    }
    // Not a compound road type: private stays closed either way.
    assertThat(FootRules.walkable(Map.of("highway", "track", "access", "private"), COMPOUND))
        .isFalse();
    assertThat(FootRules.walkable(Map.of("highway", "tertiary", "foot", "private"), COMPOUND))
        .isFalse();
    // Only private gets the compound exception, not access=no.
    assertThat(FootRules.walkable(Map.of("highway", "service", "access", "no"), COMPOUND))
        .isFalse();
    // A foot exception opens a private way under either rule.
    assertThat(
            FootRules.walkable(
                Map.of("highway", "service", "access", "private", "foot", "yes"), BLOCKED))
        .isTrue();
  }

  @Test
  void wallsAndRefusalsBlockOtherBarriersPass() {
    for (String barrier : "wall fence city_wall retaining_wall hedge ditch".split(" ")) {
      assertThat(FootRules.blocks(Map.of("barrier", barrier), BLOCKED)).as(barrier).isTrue();
    }
    for (String barrier :
        "gate lift_gate bollard kissing_gate stile entrance turnstile cycle_barrier".split(" ")) {
      assertThat(FootRules.blocks(Map.of("barrier", barrier), BLOCKED)).as(barrier).isFalse();
    }
    assertThat(FootRules.blocks(Map.of(), BLOCKED)).isFalse();
    assertThat(FootRules.blocks(Map.of("barrier", "gate", "foot", "no"), BLOCKED)).isTrue();
    assertThat(FootRules.blocks(Map.of("barrier", "gate", "access", "private"), BLOCKED)).isTrue();
    assertThat(FootRules.blocks(Map.of("barrier", "gate", "access", "no"), BLOCKED)).isTrue();
    assertThat(
            FootRules.blocks(
                Map.of("barrier", "gate", "access", "private", "foot", "yes"), BLOCKED))
        .isFalse();
    assertThat(
            FootRules.blocks(
                Map.of("barrier", "lift_gate", "access", "no", "foot", "permissive"), BLOCKED))
        .isFalse();
    assertThat(FootRules.blocks(Map.of("barrier", "gate", "access", "delivery"), BLOCKED))
        .isFalse();
    assertThat(
            FootRules.blocks(Map.of("highway", "crossing", "crossing", "traffic_signals"), BLOCKED))
        .isFalse();
  }

  @Test
  void privateGatesPassUnderTheCompoundRuleOnly() {
    assertThat(FootRules.blocks(Map.of("barrier", "gate", "access", "private"), COMPOUND))
        .isFalse();
    assertThat(FootRules.blocks(Map.of("barrier", "gate", "foot", "private"), COMPOUND)).isFalse();
    assertThat(FootRules.blocks(Map.of("barrier", "gate", "foot", "private"), BLOCKED)).isTrue();
    // refusals and walls block under either rule
    assertThat(FootRules.blocks(Map.of("barrier", "gate", "access", "no"), COMPOUND)).isTrue();
    assertThat(
            FootRules.blocks(
                Map.of("barrier", "gate", "access", "private", "foot", "no"), COMPOUND))
        .isTrue();
    assertThat(FootRules.blocks(Map.of("barrier", "wall"), COMPOUND)).isTrue();
  }
}
