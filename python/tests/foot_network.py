"""An independent oracle for network walking (docs: /work/briefs/contracts.md §1-§3), written from the contract.

The PBF is read with pyosmium (libosmium), not the pipeline's reader; projection with pyproj; graph and shortest paths
with networkx; linking with shapely. Nothing here calls or mirrors the Java code.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import numpy as np
import osmium
import shapely
from pyproj import Transformer

# §1 foot rules
HIGHWAYS = set("footway path pedestrian steps living_street residential service track unclassified road tertiary "
               "tertiary_link secondary secondary_link primary primary_link trunk trunk_link cycleway bridleway "
               "corridor platform".split())
SIDEWALK_KEYS = ("sidewalk", "sidewalk:both", "sidewalk:left", "sidewalk:right")
SIDEWALK_YES = set("yes both left right separate".split())
NEVER_HIGHWAYS = set("motorway motorway_link construction proposed abandoned raceway bus_guideway escape "
                     "elevator bus_stop".split())
FOOT_NEVER = {"no", "use_sidepath"}
ACCESS_CLOSED = set("no private customers delivery agricultural forestry discouraged".split())
FOOT_ALLOWED = {"yes", "designated", "permissive"}
COMPOUND_HIGHWAYS = set("service footway path residential living_street pedestrian".split())
WALL_BARRIERS = set("wall fence city_wall retaining_wall hedge ditch".split())


def walkable(tags: dict, private_ways: str = "compound", foot_rule: bool = True) -> bool:
    """Contract §1. foot_rule=False ignores foot=no/use_sidepath (the 'without the rule' oracle of a targeted case)."""
    hw = tags.get("highway")
    if hw is None:  # railway=* without highway, ferries (route=ferry), anything else
        return False
    foot = tags.get("foot")
    if foot_rule and foot in FOOT_NEVER:
        return False
    if hw in NEVER_HIGHWAYS or tags.get("motorroad") == "yes" or tags.get("route") == "ferry":
        return False
    if hw not in HIGHWAYS and not any(tags.get(k) in SIDEWALK_YES for k in SIDEWALK_KEYS):
        return False
    access = tags.get("access")
    if (access in ACCESS_CLOSED or foot == "private") and foot not in FOOT_ALLOWED:
        private = access == "private" or foot == "private"
        return private_ways == "compound" and private and hw in COMPOUND_HIGHWAYS
    return True


def blocks(tags: dict, private_ways: str = "compound") -> bool:
    """Contract §1 barrier nodes (with the lead's decision of 04:42 on private gates): passage through the node is cut.
    Under compound, access=private or foot=private is passable (residents walk through their compound's gate)."""
    foot = tags.get("foot")
    if foot == "no":
        return True
    access = tags.get("access")
    if access == "no" and foot not in FOOT_ALLOWED:
        return True
    if (access == "private" and foot not in FOOT_ALLOWED) or foot == "private":
        return private_ways == "blocked"
    return tags.get("barrier") in WALL_BARRIERS


class _Reader(osmium.SimpleHandler):
    def __init__(self):
        super().__init__()
        self.ways = []  # (id, [node ids], tags)
        self.node_tags = {}
        self.coords = {}

    def node(self, n):
        if n.location.valid():
            self.coords[n.id] = (n.location.lon, n.location.lat)
        if len(n.tags):
            self.node_tags[n.id] = {t.k: t.v for t in n.tags}

    def way(self, w):
        if "highway" in w.tags:
            self.ways.append((w.id, [nd.ref for nd in w.nodes], {t.k: t.v for t in w.tags}))


@dataclass
class Osm:
    ways: list
    node_tags: dict
    coords: dict


def read_osm(pbf: Path) -> Osm:
    r = _Reader()
    r.apply_file(str(pbf))
    return Osm(r.ways, r.node_tags, r.coords)


@dataclass
class Edge:
    way_id: int
    tags: dict
    u: object  # vertex keys: an OSM node id, or ("cut", node, edge, end) at a blocking node
    v: object
    line: shapely.LineString  # metric CRS, from u to v
    forward: bool  # way direction runs u -> v
    length: float = 0.0


@dataclass
class Graph:
    """The pruned undirected foot graph (§1) plus what the linking (§2) needs."""
    edges: list
    g: nx.Graph  # min length over parallel edges
    component_edges: dict  # vertex -> edges of its component
    pruned: list  # edges removed with their small components
    tree: shapely.STRtree = field(default=None)

    def __post_init__(self):
        self.tree = shapely.STRtree([e.line for e in self.edges])


def build(osm: Osm, crs: str, private_ways: str = "compound", min_component_edges: int = 40,
          foot_rule: bool = True) -> Graph:
    to_xy = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    kept = []
    uses = {}  # over every walkable way, also one whose clipped pieces keep no segment (the Java builder does so)
    for way_id, nodes, tags in osm.ways:
        if not walkable(tags, private_ways, foot_rule):
            continue
        present = [n for k, n in enumerate(nodes) if n in osm.coords and (k == 0 or nodes[k - 1] != n)]
        for n in present:
            uses[n] = uses.get(n, 0) + 1
        # a reference to a node missing from the extract (a clipped way) cuts the way there
        run = []
        for n in nodes + [None]:
            if n is not None and n in osm.coords:
                if not run or run[-1] != n:  # consecutive repeats of a node collapse
                    run.append(n)
                continue
            if len(run) >= 2:
                kept.append((way_id, run, tags))
            run = []
    blocking = {n for n, t in osm.node_tags.items() if n in uses and blocks(t, private_ways)}
    xy = {}
    edges = []
    for way_id, nodes, tags in kept:
        start = 0
        for i in range(1, len(nodes)):
            if i == len(nodes) - 1 or uses[nodes[i]] >= 2 or nodes[i] in blocking:
                piece = nodes[start:i + 1]
                start = i
                pts = []
                for n in piece:
                    if n not in xy:
                        xy[n] = to_xy.transform(*osm.coords[n])
                    pts.append(xy[n])
                length = sum(math.dist(pts[k - 1], pts[k]) for k in range(1, len(pts)))
                if length <= 0:
                    continue
                k = len(edges)
                u = ("cut", piece[0], k, 0) if piece[0] in blocking else piece[0]
                v = ("cut", piece[-1], k, 1) if piece[-1] in blocking else piece[-1]
                edges.append(Edge(way_id, tags, u, v, shapely.LineString(pts), True, length))
    full = nx.MultiGraph()
    for k, e in enumerate(edges):
        full.add_edge(e.u, e.v, key=k)
    keep_edges, pruned, component_edges = [], [], {}
    small = set()
    for comp in nx.connected_components(full):
        n_edges = full.subgraph(comp).number_of_edges()
        if n_edges < min_component_edges:
            small |= comp
        else:
            for v in comp:
                component_edges[v] = n_edges
    for e in edges:
        (pruned if e.u in small else keep_edges).append(e)
    g = nx.Graph()
    for e in keep_edges:
        if e.u == e.v:
            continue
        if not g.has_edge(e.u, e.v) or g[e.u][e.v]["weight"] > e.length:
            g.add_edge(e.u, e.v, weight=e.length)
    return Graph(keep_edges, g, component_edges, pruned)


@dataclass(frozen=True)
class Link:
    edge: int  # index into Graph.edges, -1 unlinked
    along_from: float
    along_to: float
    off: float
    ambiguous: bool = False  # another edge at the same distance but another split point (the tie-break decides)


UNLINKED = Link(-1, math.nan, math.nan, math.nan)
TIE_M = 1e-6


def link(graph: Graph, x: float, y: float, radius_m: float = 500.0) -> Link:
    """§2: nearest point on any edge polyline within radius_m."""
    p = shapely.Point(x, y)
    idx = graph.tree.query(p, predicate="dwithin", distance=radius_m)
    if len(idx) == 0:
        return UNLINKED
    d = shapely.distance(np.array([graph.edges[i].line for i in idx]), p)
    best = float(d.min())
    near = sorted(int(i) for i, di in zip(idx, d) if di <= best + TIE_M)
    e = graph.edges[near[0]]
    along = float(e.line.project(p))
    split = e.line.interpolate(along)
    ambiguous = any(graph.edges[i].line.interpolate(graph.edges[i].line.project(p)).distance(split) > 1e-3
                    for i in near[1:])
    return Link(near[0], along, e.length - along, best, ambiguous)


def seeds(graph: Graph, lk: Link) -> dict:
    e = graph.edges[lk.edge]
    s = {e.u: lk.off + lk.along_from}
    s[e.v] = min(s.get(e.v, math.inf), lk.off + lk.along_to)
    return s


def vertex_distances(graph: Graph, seed: dict, cutoff: float) -> dict:
    """Shortest walking metres from a set of seeded vertices (a virtual source joined to each seed)."""
    source = ("source",)
    g = graph.g
    present = {v: d for v, d in seed.items() if v in g}
    if not present:
        return {}
    g.add_node(source)
    for v, d in present.items():
        g.add_edge(source, v, weight=d)
    try:
        dist = nx.single_source_dijkstra_path_length(g, source, cutoff=cutoff, weight="weight")
    finally:
        g.remove_node(source)
    dist.pop(source, None)
    return dist


def multi_source_distances(graph: Graph, links: list, cutoff: float) -> dict:
    """Nearest of many linked points to every vertex: nx.multi_source_dijkstra_path_length over a virtual layer."""
    g = graph.g
    added = []
    for i, lk in enumerate(links):
        for v, d in seeds(graph, lk).items():
            if v in g:
                s = ("seed", i, v)
                g.add_edge(s, v, weight=d)
                added.append(s)
    if not added:
        return {}
    try:
        dist = nx.multi_source_dijkstra_path_length(g, added, cutoff=cutoff, weight="weight")
    finally:
        g.remove_nodes_from(added)
    # seed nodes start at 0 and reach their vertex through an edge carrying off + along
    return {v: d for v, d in dist.items() if not (isinstance(v, tuple) and v and v[0] == "seed")}


def point_distance(graph: Graph, a: Link, dist_from_a: dict, b: Link) -> float:
    """§3 D(a, b) given the vertex distances of a finished search from a (seeded with a's off + along)."""
    if a.edge < 0 or b.edge < 0:
        return math.inf
    e = graph.edges[b.edge]
    best = min(dist_from_a.get(e.u, math.inf) + b.along_from, dist_from_a.get(e.v, math.inf) + b.along_to) + b.off
    if a.edge == b.edge:
        best = min(best, a.off + abs(a.along_from - b.along_from) + b.off)
    return best
