"""Network walking against an independent oracle on real OSM extracts (Helsinki, Monaco).

The pipeline (`bin/lcp ingest`, `grid`, `access` on a test-city fixture, python/tests/osm_city.py) computes
grid_indicators in network mode; the oracle (python/tests/foot_network.py: pyosmium, networkx, pyproj, shapely)
computes the same values from the contract (/work/briefs/contracts.md §1-§3) for a seeded sample of cells and for
targeted cases placed with synthetic POIs in categories the extract has none of.
Test data: scripts/ensure-osm-testdata.sh (run by scripts/test.sh); missing data fails the test.
"""
from __future__ import annotations

import math
import os
import random
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
import shapely
from pyproj import Transformer

import foot_network as fn
import osm_city

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("LCP_OSM_TESTDATA", ROOT / "build" / "osm-testdata"))
WORK = ROOT / "build" / "network-oracle"
SPEED_M_PER_MIN = 80.0
THRESHOLDS_MIN = (5, 10, 15)
SEARCH_LIMIT_M = 3000.0
LINK_RADIUS_M = 500.0
DETOUR = 1.3
# dist_m is null beyond search_limit_m × detour_factor walking metres (netaccess, recorded in the access manifest as
# search_limit_walk_m: the straight-line model's limit, 3000 m straight ≈ 3900 m walked); contract §3 leaves it open
SEARCH_LIMIT_WALK_M = SEARCH_LIMIT_M * DETOUR
TOL_M = 0.5
SAMPLE_CELLS = 300
TARGET_ID0 = 9_900_000_000  # ids of the synthetic target POIs


def lcp(*args):
    r = subprocess.run([str(ROOT / "bin" / "lcp"), *map(str, args)], capture_output=True, text=True)
    assert r.returncode == 0, f"lcp {' '.join(map(str, args))} failed ({r.returncode}):\n{r.stderr[-3000:]}"


def read_table(path: Path):
    return pq.read_table(path).to_pylist()


def interior_cells(city: osm_city.TestCity, scanned, inset_m: float = 200.0) -> list:
    """Centres of the 100 m lattice (x = col * 100 + 50, as the grid's cells) at least inset_m inside the outline;
    they are cells of the grid whatever its rule for cells on the outline."""
    to_xy = Transformer.from_crs("EPSG:4326", city.crs, always_xy=True)
    box = osm_city.outline_box(city, scanned.box)
    ring = [to_xy.transform(lon, lat) for lon, lat in
            ((box[0], box[1]), (box[2], box[1]), (box[2], box[3]), (box[0], box[3]))]
    inner = shapely.Polygon(ring).buffer(-inset_m)
    x0, y0, x1, y1 = inner.bounds
    return [(c * 100.0 + 50, r * 100.0 + 50) for c in range(int(x0 // 100), int(x1 // 100) + 1)
            for r in range(int(y0 // 100), int(y1 // 100) + 1) if inner.contains(shapely.Point(c * 100.0 + 50, r * 100.0 + 50))]


def run_pipeline(written: osm_city.Written, city_out: Path):
    # one JVM for the three stages the oracle checks
    lcp("run", "--config", written.config, "--input", written.input_dir, "--out", city_out, "--until", "access")


@dataclass
class Place:
    """A point in the metric CRS with its oracle link."""
    x: float
    y: float
    link: fn.Link


@dataclass
class CityRun:
    city: osm_city.TestCity
    graph: fn.Graph
    osm: fn.Osm
    cells: dict  # cell_id -> Place (cell centre)
    facilities: dict  # category -> [Place]
    rows: dict  # cell_id -> grid_indicators row
    categories: list
    osm_tags: dict  # category -> OSM tag conditions (conf/categories.yaml)
    targets: dict = field(default_factory=dict)  # case -> facts
    to_lonlat: Transformer = None


def cell_centres(city_out: Path) -> dict:
    """cell_id -> centre (x, y) in the city's CRS, checked against the cell polygon."""
    out = {}
    for r in read_table(city_out / "grid" / "cells"):
        c = shapely.from_wkb(r["geometry"]).centroid
        assert math.dist((c.x, c.y), (r["x"], r["y"])) < 1e-6, f"cell {r['cell_id']}: x, y is not its centre"
        out[r["cell_id"]] = (r["x"], r["y"])
    return out


def pois_by_category(city_out: Path, to_xy: Transformer) -> dict:
    out = {}
    for table in ("poi", "facilities"):
        for r in read_table(city_out / "ingest" / table):
            p = shapely.from_wkb(r["geometry"])
            x, y = to_xy.transform(p.x, p.y)
            out.setdefault(r["category"], []).append((x, y))
    return out


def category_ids(city_out: Path) -> list:
    cols = ds.dataset(city_out / "indicators" / "grid_indicators").schema.names
    return sorted(c[len("dist_m_"):] for c in cols if c.startswith("dist_m_"))


# ---------------------------------------------------------------------------------------------- targeted placements


def on_edge(graph: fn.Graph, k: int, along: float):
    p = graph.edges[k].line.interpolate(along)
    return p.x, p.y


def clean_spot(graph: fn.Graph, k: int, along: float) -> bool:
    """A point on edge k that links to edge k unambiguously (no other edge within 2 m)."""
    x, y = on_edge(graph, k, along)
    lk = fn.link(graph, x, y)
    near = graph.tree.query(shapely.Point(x, y), predicate="dwithin", distance=2.0)
    return lk.edge == k and lk.off < 1e-6 and len(near) == 1


def place_at_distance(graph: fn.Graph, dist: dict, want_m: float, avoid_edge: int):
    """A clean point whose network distance from the search's origin is want_m (one edge's rising part)."""
    for k, e in enumerate(graph.edges):
        if k == avoid_edge or e.u == e.v:
            continue
        du, dv = dist.get(e.u, math.inf), dist.get(e.v, math.inf)
        t = want_m - du
        if 2.0 < t < e.length - 2.0 and dv + e.length - t >= want_m + 1.0 and clean_spot(graph, k, t):
            return k, t
    return None


def nearest_distance(graph: fn.Graph, cell: fn.Link, places: list) -> float:
    dist = fn.vertex_distances(graph, fn.seeds(graph, cell), SEARCH_LIMIT_M + 100)
    return min((fn.point_distance(graph, cell, dist, p.link) for p in places), default=math.inf)


def directed_graph(graph: fn.Graph) -> nx.DiGraph:
    """The foot graph with oneway respected (what walking must NOT do)."""
    d = nx.DiGraph()
    for e in graph.edges:
        ow = e.tags.get("oneway")
        pairs = [(e.u, e.v)] if ow in ("yes", "true", "1") else [(e.v, e.u)] if ow == "-1" else [(e.u, e.v), (e.v, e.u)]
        for a, b in pairs:
            if not d.has_edge(a, b) or d[a][b]["weight"] > e.length:
                d.add_edge(a, b, weight=e.length)
    return d


def choose_targets(run: CityRun, rng: random.Random, empty: list):
    """Targeted cases placed with synthetic POIs, each in its own category that the extract has no POI of.
    run.cells are lattice cells inside the outline here (the grid is made afterwards). Returns the extra POIs."""
    g, extra, targets = run.graph, [], run.targets
    linked = [cid for cid, p in sorted(run.cells.items()) if p.link.edge >= 0 and not p.link.ambiguous]
    to_lonlat = run.to_lonlat

    def add(category, x, y, case):
        lon, lat = to_lonlat.transform(x, y)
        tags = dict(run.osm_tags[category][0], lcp_case=case, note="SYNTHETIC target POI of the network oracle")
        extra.append((TARGET_ID0 + len(extra), lon, lat, tags))
        run.facilities.setdefault(category, []).append(Place(x, y, fn.link(g, x, y)))

    cats = iter(empty)
    # 1. a facility at 799.5 m and one at 800.5 m of a cell: the 10-minute threshold (800 m) is inclusive
    cx, cy = sum(p.x for p in run.cells.values()) / len(run.cells), sum(p.y for p in run.cells.values()) / len(run.cells)
    centre = min(linked, key=lambda c: math.dist((run.cells[c].x, run.cells[c].y), (cx, cy)))
    lk = run.cells[centre].link
    dist = fn.vertex_distances(g, fn.seeds(g, lk), 2000)
    cat = next(cats)
    for want in (799.5, 800.5):
        spot = place_at_distance(g, dist, want, lk.edge)
        assert spot, f"no clean spot at {want} m from cell {centre}"
        add(cat, *on_edge(g, *spot), f"threshold_{want}")
    targets["threshold"] = {"cell": centre, "category": cat}

    # 2. across water or rail: a short straight line, a long walk that needs a bridge=yes way (far longer without)
    no_bridges = fn.Graph([e for e in g.edges if e.tags.get("bridge") != "yes"], nx.Graph(), {}, [])
    for e in no_bridges.edges:
        if e.u != e.v and (not no_bridges.g.has_edge(e.u, e.v) or no_bridges.g[e.u][e.v]["weight"] > e.length):
            no_bridges.g.add_edge(e.u, e.v, weight=e.length)
    best, gain = None, 0.0
    for cid in rng.sample(linked, min(120, len(linked))):
        c = run.cells[cid]
        c_nb = fn.link(no_bridges, c.x, c.y)
        if g.edges[c.link.edge].tags.get("bridge") == "yes" or c_nb.edge < 0:
            continue  # off any bridge: without bridges the cell links to the same spot
        dist = fn.vertex_distances(g, fn.seeds(g, c.link), 2500)
        dist_nb = fn.vertex_distances(no_bridges, fn.seeds(no_bridges, c_nb), 6000)
        for k in g.tree.query(shapely.Point(c.x, c.y), predicate="dwithin", distance=250):
            k = int(k)
            e = g.edges[k]
            if k == c.link.edge or e.length < 6 or e.tags.get("bridge") == "yes" or not clean_spot(g, k, e.length / 2):
                continue
            px, py = on_edge(g, k, e.length / 2)
            straight = math.dist((c.x, c.y), (px, py))
            d = fn.point_distance(g, c.link, dist, fn.link(g, px, py))
            w = min(fn.point_distance(no_bridges, c_nb, dist_nb, fn.link(no_bridges, px, py)), 6000.0)
            if 2.5 * straight < d < 2500 and w - d > gain:
                best, gain = (cid, px, py, d, straight, w), w - d
    assert best and gain > 50, f"no pair across water or rail that needs a bridge=yes way (best gain {gain:.1f} m)"
    cat = next(cats)
    add(cat, best[1], best[2], "bridge")
    targets["bridge"] = {"cell": best[0], "category": cat, "network_m": best[3], "straight_m": best[4],
                         "without_bridges_m": best[5]}

    # 3. a oneway=yes street walked against its direction
    directed = directed_graph(g)
    found = None
    for k, e in enumerate(g.edges):
        if e.tags.get("oneway") != "yes" or e.length < 20 or not clean_spot(g, k, e.length / 2):
            continue
        t = e.length / 2
        px, py = on_edge(g, k, t)
        for cid in sorted(linked, key=lambda c: math.dist((run.cells[c].x, run.cells[c].y), (px, py)))[:6]:
            c = run.cells[cid].link
            if c.edge == k or g.edges[c.edge].tags.get("oneway") in ("yes", "-1", "true", "1"):
                continue
            dist = fn.vertex_distances(g, fn.seeds(g, c), 2500)
            via_v = dist.get(e.v, math.inf) + e.length - t
            via_u = dist.get(e.u, math.inf) + t
            if via_v + 1 >= via_u:
                continue
            directed_dist = _directed(directed, fn.seeds(g, c), e.u) + t  # the way may only be entered at u
            if directed_dist > via_v + 30:
                found = (cid, px, py, via_v, directed_dist)
                break
        if found:
            break
    assert found, "no cell whose walk to a oneway street runs against its direction"
    cat = next(cats)
    add(cat, found[1], found[2], "oneway")
    targets["oneway"] = {"cell": found[0], "category": cat, "network_m": found[3], "directed_m": found[4]}

    # 4. a foot=no way that would be a shortcut is not walked
    free = fn.build(run.osm, run.city.crs, foot_rule=False)
    found = None
    for way_id, nodes, tags in run.osm.ways:
        if tags.get("foot") != "no" or not fn.walkable(tags, foot_rule=False):
            continue
        a, b = nodes[0], nodes[-1]
        if a not in g.g or b not in g.g or a not in free.g or b not in free.g:
            continue
        with_rule = nx.single_source_dijkstra_path_length(g.g, a, cutoff=3000).get(b, math.inf)
        without = nx.single_source_dijkstra_path_length(free.g, a, cutoff=3000).get(b, math.inf)
        if with_rule - without < 30:
            continue
        # a facility next to b, cells near a
        for k in [i for i, e in enumerate(g.edges) if b in (e.u, e.v)]:
            e = g.edges[k]
            if e.way_id == way_id or e.length < 6 or not clean_spot(g, k, e.length / 2):
                continue
            px, py = on_edge(g, k, e.length / 2)
            ax, ay = g_xy(g, a)
            for cid in sorted(linked, key=lambda c: math.dist((run.cells[c].x, run.cells[c].y), (ax, ay)))[:8]:
                c = run.cells[cid]
                d_with = fn.point_distance(g, c.link, fn.vertex_distances(g, fn.seeds(g, c.link), 3000),
                                           fn.link(g, px, py))
                c_free = fn.link(free, c.x, c.y)
                if c_free.edge < 0 or c_free.ambiguous:
                    continue
                d_without = fn.point_distance(free, c_free, fn.vertex_distances(free, fn.seeds(free, c_free), 3000),
                                              fn.link(free, px, py))
                if d_with <= SEARCH_LIMIT_M - 10 and d_with - d_without > 20:
                    found = (cid, px, py, d_with, d_without, way_id)
                    break
            if found:
                break
        if found:
            break
    assert found, "no foot=no way in the extract that would shorten a walk from a cell"
    cat = next(cats)
    add(cat, found[1], found[2], "foot_no")
    targets["foot_no"] = {"cell": found[0], "category": cat, "with_rule_m": found[3], "without_rule_m": found[4],
                          "way": found[5]}

    return extra


def cell_targets(run: CityRun):
    """Targeted cases over the grid's own cells: islands and cells off any street."""
    g, targets = run.graph, run.targets
    # an island: cells nearer to a pruned small component than to the kept graph
    assert g.pruned, "the extract has no component below min_component_edges"
    island_tree = shapely.STRtree([e.line for e in g.pruned])
    near_island = []
    for cid, p in sorted(run.cells.items()):
        pt = shapely.Point(p.x, p.y)
        k = island_tree.nearest(pt)
        d_island = g.pruned[int(k)].line.distance(pt)
        if d_island <= LINK_RADIUS_M and (p.link.edge < 0 or d_island + 1.0 < p.link.off) and not p.link.ambiguous:
            near_island.append((cid, d_island))
    assert near_island, "no cell nearer to a pruned island than to the kept graph"
    targets["island"] = {"cells": near_island}

    # cells off any street (beyond link_radius_m of every kept edge)
    targets["unlinked"] = {"cells": [cid for cid, p in sorted(run.cells.items()) if p.link.edge < 0]}
    assert targets["unlinked"]["cells"], "no cell beyond the link radius (the fixture's outline margin should give some)"


def _source(graph: fn.Graph, lk: fn.Link):
    source = ("source",)
    graph.g.add_node(source)
    for v, d in fn.seeds(graph, lk).items():
        graph.g.add_edge(source, v, weight=d)
    return source


def _directed(d: nx.DiGraph, seed: dict, target) -> float:
    best = math.inf
    for v, off in seed.items():
        if v in d:
            try:
                best = min(best, off + nx.dijkstra_path_length(d, v, target))
            except nx.NetworkXNoPath:
                pass
    return best


def g_xy(graph: fn.Graph, vertex):
    for e in graph.edges:
        if e.u == vertex:
            return e.line.coords[0]
        if e.v == vertex:
            return e.line.coords[-1]
    raise KeyError(vertex)


# ------------------------------------------------------------------------------------------------------ the runs


@pytest.fixture(scope="module", params=[osm_city.HELSINKI, osm_city.MONACO], ids=lambda c: c.city_id)
def city_run(request) -> CityRun:
    city = request.param
    pbf = DATA / city.pbf_name
    if not pbf.is_file():
        pytest.fail(f"{pbf} is missing: run scripts/ensure-osm-testdata.sh (scripts/test.sh does)")
    to_xy = Transformer.from_crs("EPSG:4326", city.crs, always_xy=True)
    to_lonlat = Transformer.from_crs(city.crs, "EPSG:4326", always_xy=True)
    osm = fn.read_osm(pbf)
    graph = fn.build(osm, city.crs)
    out = WORK / city.city_id
    osm_tags = osm_city.category_osm_tags(ROOT / "conf" / "categories.yaml")
    scanned = osm_city.scan(pbf)
    # categories none of the extract's POIs can map to (residential compounds would change the grid's population)
    empty = [c for c, conds in sorted(osm_tags.items()) if conds and c != "residential"
             and not any(osm_city.matches(cond, tags) for cond in conds for _, _, _, tags in scanned.pois)]
    assert len(empty) >= 4, f"need 4 categories without POIs for the targeted cases, have {empty}"
    lattice = {xy: Place(*xy, fn.link(graph, *xy)) for xy in interior_cells(city, scanned)}
    run = CityRun(city, graph, osm, lattice, {}, {}, [], osm_tags, to_lonlat=to_lonlat)
    extra = choose_targets(run, random.Random(city.admin_code), empty)
    written = osm_city.write_city(city, pbf, out, extra_pois=extra)
    run_pipeline(written, out / "out")
    run.categories = category_ids(out / "out")
    centres = cell_centres(out / "out")
    ids = {xy: cid for cid, xy in centres.items()}
    for case, facts in run.targets.items():
        assert facts["cell"] in ids, f"target cell {facts['cell']} ({case}) is not a cell of the grid"
        facts["cell"] = ids[facts["cell"]]
    run.cells = {cid: Place(x, y, fn.link(graph, x, y)) for cid, (x, y) in centres.items()}
    placed = pois_by_category(out / "out", to_xy)
    for c in run.targets.values():
        want = sum(1 for e in extra if osm_city.matches(osm_tags[c["category"]][0], e[3]))
        assert len(placed.get(c["category"], [])) == want, f"ingest put other POIs into {c['category']}"
    run.facilities = {c: [Place(x, y, fn.link(graph, x, y)) for x, y in pts] for c, pts in placed.items()}
    cell_targets(run)
    run.rows = {r["cell_id"]: r for r in read_table(out / "out" / "indicators" / "grid_indicators")}
    assert set(run.rows) == set(run.cells), "grid_indicators cells differ from the grid"
    return run


def test_graph_matches_oracle(city_run):
    """The access manifest's graph stats against the oracle's graph (after pruning)."""
    import json
    run, g = city_run, city_run.graph
    manifest = json.loads((WORK / run.city.city_id / "out" / "indicators" / "manifest.json").read_text(encoding="utf-8"))
    graph = manifest["walk_model"]["graph"]
    vertices = {v for e in g.edges for v in (e.u, e.v)}
    islands = nx.number_connected_components(nx.MultiGraph([(e.u, e.v) for e in g.pruned]))
    assert (graph["vertices"], graph["edges"], graph["components_pruned"], graph["edges_pruned"]) == \
        (len(vertices), len(g.edges), islands, len(g.pruned))
    assert graph["km"] == pytest.approx(sum(e.length for e in g.edges) / 1000, abs=1e-3)
    assert manifest["walk_model"]["search_limit_walk_m"] == pytest.approx(SEARCH_LIMIT_WALK_M)


def oracle_cell(run: CityRun, cid) -> dict:
    """Per category: the sorted network metres to each linked facility (within the search limit; beyond: inf)."""
    g, c = run.graph, run.cells[cid].link
    dist = fn.vertex_distances(g, fn.seeds(g, c), SEARCH_LIMIT_WALK_M + 10)
    out = {}
    for cat in run.categories:
        ds = sorted(fn.point_distance(g, c, dist, f.link) for f in run.facilities.get(cat, []) if f.link.edge >= 0)
        out[cat] = ds
    return out


def test_sample_matches_oracle(city_run):
    run, g = city_run, city_run.graph
    rng = random.Random(int(run.city.admin_code))
    pool = sorted(cid for cid, p in run.cells.items() if p.link.edge >= 0 and not p.link.ambiguous)
    sample = rng.sample(pool, min(SAMPLE_CELLS, len(pool)))
    ambiguous_facilities = sum(f.link.ambiguous for fs in run.facilities.values() for f in fs)
    assert ambiguous_facilities == 0, "a facility is equidistant from two edges: the tie-break would decide"
    problems, compared, excluded = [], 0, 0
    # oracle self-consistency: one multi-source search per category gives the same nearest as the per-cell searches
    nearest_ms = {}
    for cat in run.categories:
        links = [f.link for f in run.facilities.get(cat, []) if f.link.edge >= 0]
        dist = fn.multi_source_distances(g, links, SEARCH_LIMIT_WALK_M + 10) if links else {}
        nearest_ms[cat] = dist
    for cid in sample:
        row, c = run.rows[cid], run.cells[cid].link
        if row["linked"] is not True or row["link_m"] is None or abs(row["link_m"] - c.off) > TOL_M:
            problems.append(f"cell {cid}: linked {row['linked']} link_m {row['link_m']}, oracle off-street {c.off:.2f}")
        want_edges = g.component_edges[g.edges[c.edge].u]
        if row["component_edges"] != want_edges:
            problems.append(f"cell {cid}: component_edges {row['component_edges']}, oracle {want_edges}")
        per_cat = oracle_cell(run, cid)
        for cat, ds in per_cat.items():
            near = ds[0] if ds else math.inf
            e = g.edges[c.edge]
            ms = min(nearest_ms[cat].get(e.u, math.inf) + c.along_from, nearest_ms[cat].get(e.v, math.inf) + c.along_to)
            same_edge = [f for f in run.facilities.get(cat, []) if f.link.edge == c.edge]
            ms = min([ms + c.off] + [c.off + abs(f.link.along_from - c.along_from) + f.link.off for f in same_edge])
            assert abs(min(ms, math.inf) - min(near, math.inf)) < 1e-6 or (near > SEARCH_LIMIT_WALK_M and ms > SEARCH_LIMIT_WALK_M), \
                f"oracle inconsistent at {cid} {cat}: {near} vs {ms}"
            p = run.cells[cid]
            straight = min((math.dist((p.x, p.y), (f.x, f.y)) for f in run.facilities.get(cat, [])), default=math.inf)
            got = row[f"dist_straight_m_{cat}"]
            if straight <= SEARCH_LIMIT_M - TOL_M and (got is None or abs(got - straight) > 0.01):
                problems.append(f"cell {cid} {cat}: dist_straight_m {got}, brute force {straight:.3f}")
            got = row[f"dist_m_{cat}"]
            compared += 1
            if abs(near - SEARCH_LIMIT_WALK_M) <= TOL_M:
                excluded += 1
            elif near > SEARCH_LIMIT_WALK_M:
                if got is not None:
                    problems.append(f"cell {cid} {cat}: dist_m {got}, oracle none within {SEARCH_LIMIT_WALK_M:.0f} m")
            elif got is None or abs(got - near) > TOL_M:
                problems.append(f"cell {cid} {cat}: dist_m {got}, oracle {near:.2f}")
            for t in THRESHOLDS_MIN:
                limit = t * SPEED_M_PER_MIN
                if any(abs(d - limit) <= TOL_M for d in ds):
                    excluded += 1
                    continue
                want = sum(d <= limit for d in ds)
                if row[f"n_{t}min_{cat}"] != want:
                    problems.append(f"cell {cid} {cat}: n_{t}min {row[f'n_{t}min_{cat}']}, oracle {want}")
                compared += 1
    print(f"{run.city.city_id}: {len(sample)} cells, {compared} values compared, {excluded} within {TOL_M} m of a "
          f"threshold excluded, {len(problems)} differ")
    assert excluded <= 0.01 * compared, f"too many values on a threshold: {excluded} of {compared}"
    assert not problems, f"{len(problems)} differences, first: " + "; ".join(problems[:15])


def test_threshold_is_inclusive(city_run):
    run = city_run
    t = run.targets["threshold"]
    row = run.rows[t["cell"]]
    cat = t["category"]
    assert row[f"dist_m_{cat}"] == pytest.approx(799.5, abs=0.1), "the facility placed at 799.5 m"
    assert row[f"n_10min_{cat}"] == 1, "799.5 m counts within 10 min (800 m), 800.5 m does not"
    assert row[f"n_15min_{cat}"] == 2
    assert row[f"n_5min_{cat}"] == 0


def test_bridge_is_the_only_way_across(city_run):
    run = city_run
    t = run.targets["bridge"]
    row = run.rows[t["cell"]]
    cat = t["category"]
    assert row[f"dist_m_{cat}"] == pytest.approx(t["network_m"], abs=TOL_M)
    assert row[f"dist_straight_m_{cat}"] == pytest.approx(t["straight_m"], abs=TOL_M)
    assert row[f"dist_m_{cat}"] > 2.5 * row[f"dist_straight_m_{cat}"]
    assert row[f"dist_m_{cat}"] < t["without_bridges_m"] - 50, "the walk needs the bridge (oracle without bridges)"


def test_oneway_is_walked_both_ways(city_run):
    t = city_run.targets["oneway"]
    got = city_run.rows[t["cell"]][f"dist_m_{t['category']}"]
    assert got == pytest.approx(t["network_m"], abs=TOL_M)
    assert got < t["directed_m"] - 20, "the walk runs against the oneway street, as pedestrians may"


def test_foot_no_way_is_not_a_shortcut(city_run):
    t = city_run.targets["foot_no"]
    got = city_run.rows[t["cell"]][f"dist_m_{t['category']}"]
    assert got == pytest.approx(t["with_rule_m"], abs=TOL_M), f"oracle with foot=no excluded (way {t['way']})"
    assert abs(got - t["without_rule_m"]) > 10, "would equal the walk over the foot=no way"


def test_island_is_pruned(city_run):
    run = city_run
    for cid, d_island in run.targets["island"]["cells"]:
        row, lk = run.rows[cid], run.cells[cid].link
        if lk.edge < 0:
            assert row["linked"] is False, f"cell {cid} links only to a pruned island"
        else:
            assert row["linked"] is True and row["link_m"] == pytest.approx(lk.off, abs=TOL_M), \
                f"cell {cid}: link_m {row['link_m']}, oracle {lk.off:.2f} (island at {d_island:.2f} m)"
            assert row["link_m"] > d_island + 0.5


def test_unlinked_cells_fall_back_to_straight_line(city_run):
    run = city_run
    for cid in run.targets["unlinked"]["cells"]:
        row, p = run.rows[cid], run.cells[cid]
        assert row["linked"] is False and row["link_m"] is None and row["component_edges"] is None, cid
        assert row["walk_fallback"] == "straight_line", cid
        for cat in run.categories:
            pts = run.facilities.get(cat, [])
            straight = min((math.dist((p.x, p.y), (f.x, f.y)) for f in pts), default=math.inf)
            got = row[f"dist_straight_m_{cat}"]
            if straight > SEARCH_LIMIT_M:
                assert got is None, (cid, cat)
            else:
                assert got == pytest.approx(straight, abs=0.01), (cid, cat)
                assert row[f"dist_m_{cat}"] == pytest.approx(straight * DETOUR, abs=0.01), (cid, cat)


# ------------------------------------------------------------------- the oracle itself, by hand (no pipeline needed)


@pytest.mark.parametrize("tags, compound, blocked", [
    ({"highway": "footway"}, True, True),
    ({"highway": "primary", "foot": "no"}, False, False),
    ({"highway": "footway", "foot": "use_sidepath"}, False, False),
    ({"highway": "motorway", "sidewalk": "yes"}, False, False),
    ({"highway": "trunk", "motorroad": "yes"}, False, False),
    ({"railway": "rail"}, False, False),
    ({"highway": "trail", "sidewalk": "both"}, True, True),
    ({"highway": "trail"}, False, False),
    ({"highway": "service", "access": "private"}, True, False),
    ({"highway": "primary", "access": "private"}, False, False),
    ({"highway": "primary", "access": "no", "foot": "yes"}, True, True),
    ({"highway": "residential", "foot": "private"}, True, False),
    ({"highway": "track", "access": "agricultural"}, False, False),
    ({"highway": "pedestrian", "area": "yes"}, True, True),
    ({"highway": "residential", "oneway": "yes"}, True, True),
])
def test_oracle_foot_rules(tags, compound, blocked):
    assert fn.walkable(tags, "compound") is compound
    assert fn.walkable(tags, "blocked") is blocked


def test_oracle_graph_by_hand():
    """A 3-node way crossed at its middle by a second way, a wall on the second way, a clipped third way."""
    # nodes 1-2-3 west to east on the equator near 3°E (EPSG:32631), 0.001° ≈ 111 m apart; 2-4-5 north of 2
    coords = {1: (3.000, 0.0), 2: (3.001, 0.0), 3: (3.002, 0.0), 4: (3.001, 0.001), 5: (3.001, 0.002),
              6: (3.002, 0.001)}
    ways = [(10, [1, 2, 3], {"highway": "residential"}), (11, [2, 4, 5], {"highway": "footway"}),
            (12, [3, 99, 6], {"highway": "footway"})]  # node 99 is missing from the extract
    osm = fn.Osm(ways, {4: {"barrier": "wall"}}, coords)
    g = fn.build(osm, "EPSG:32631", min_component_edges=1)
    pieces = sorted(tuple(str(v if not isinstance(v, tuple) else "cut") for v in (e.way_id, e.u, e.v))
                    for e in g.edges)
    assert pieces == [("10", "1", "2"), ("10", "2", "3"), ("11", "2", "cut"), ("11", "cut", "5")]
    # the wall cuts 2 from 5; the clipped way 12 keeps no segment (3-99 and 99-6 both touch the missing node)
    assert not nx.has_path(g.g, 2, 5)
    assert g.component_edges[1] == 3 and g.component_edges[5] == 1
    pruned = fn.build(osm, "EPSG:32631", min_component_edges=2)
    assert [e.way_id for e in pruned.pruned] == [11] and 5 not in pruned.g
    # linking and §3: a point 10 m north of the middle of 1-2, and one on 2-3
    x1, y1 = pruned.edges[0].line.interpolate(0.5, normalized=True).coords[0]
    a = fn.link(pruned, x1, y1 + 10)
    assert a.off == pytest.approx(10) and a.along_from == pytest.approx(pruned.edges[0].length / 2)
    x2, y2 = pruned.edges[1].line.interpolate(20).coords[0]
    b = fn.link(pruned, x2, y2)
    dist = fn.vertex_distances(pruned, fn.seeds(pruned, a), 1000)
    want = 10 + pruned.edges[0].length / 2 + 20
    assert fn.point_distance(pruned, a, dist, b) == pytest.approx(want)
    assert fn.link(pruned, x1, y1 + 700) == fn.UNLINKED  # the footway stub 2-wall ends 111 m north
