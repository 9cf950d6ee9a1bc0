"""pandana 0.8 on the graph and POIs that `lcp bench` exported: one timed run, run as a subprocess by the bench.

Reads the export directory written by the Java bench (org.livingcircle.bench.GraphExport):
  export.json                 vertices, edges, categories (id, pois), thresholds_m, nearest_limit_m, count_categories
  vertex_x.f64 vertex_y.f64   vertex coordinates in metres (little-endian float64)
  edge_from.i32 edge_to.i32   edge end vertices (little-endian int32)
  edge_length.f64             edge length in metres
  poi_vertex.i32 poi_category.i32
                              each POI's graph vertex (the Java side snapped it) and category index
Builds pandana.Network (not timed against us: its contraction hierarchy is reported apart), then times
  nearest:  set_pois(cat, limit, 1, x, y) + nearest_pois(limit, cat, num_pois=1) per category, the POI x/y being
            the coordinates of its vertex, so pandana's KD-tree snaps it to the same vertex (checked, counted);
  counts:   set(node ids of the category's POIs) + aggregate(T, type='count', decay='flat') per threshold T.
Writes timings as JSON (--timings) and, with --values, every vertex's results as Parquet:
  vertex (int64), nearest_<cat> (float64, NaN when none within the limit), count_<cat>_<T> (float64).
"""

import argparse
import json
import os
import sys
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pandana


def load(export_dir):
    with open(os.path.join(export_dir, "export.json"), encoding="utf-8") as f:
        meta = json.load(f)

    def array(name, dtype):
        return np.fromfile(os.path.join(export_dir, name), dtype=dtype)

    data = {
        "x": array("vertex_x.f64", "<f8"),
        "y": array("vertex_y.f64", "<f8"),
        "edge_from": array("edge_from.i32", "<i4").astype(np.int64),
        "edge_to": array("edge_to.i32", "<i4").astype(np.int64),
        "edge_length": array("edge_length.f64", "<f8"),
        "poi_vertex": array("poi_vertex.i32", "<i4").astype(np.int64),
        "poi_category": array("poi_category.i32", "<i4"),
    }
    if len(data["x"]) != meta["vertices"] or len(data["edge_from"]) != meta["edges"]:
        raise SystemExit("Cannot read export %s: array lengths differ from export.json" % export_dir)
    return meta, data


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--export", required=True, help="export directory written by lcp bench")
    p.add_argument("--timings", required=True, help="JSON file this run's timings are written to")
    p.add_argument("--values", help="Parquet file every vertex's results are written to (optional)")
    a = p.parse_args(argv)

    meta, d = load(a.export)
    limit = float(meta["nearest_limit_m"])
    thresholds = [float(t) for t in meta["thresholds_m"]]
    categories = [c["id"] for c in meta["categories"]]
    count_categories = meta["count_categories"]

    t = time.perf_counter()
    net = pandana.Network(pd.Series(d["x"]), pd.Series(d["y"]), pd.Series(d["edge_from"]), pd.Series(d["edge_to"]),
                          pd.DataFrame({"length_m": d["edge_length"]}), twoway=True)
    build_s = time.perf_counter() - t

    values = {"vertex": np.arange(meta["vertices"], dtype=np.int64)}
    nearest = {}
    snap_disagreements = 0
    for k, cat in enumerate(categories):
        vertices = d["poi_vertex"][d["poi_category"] == k]
        if len(vertices) == 0:
            continue
        x = pd.Series(d["x"][vertices])
        y = pd.Series(d["y"][vertices])
        t = time.perf_counter()
        net.set_pois(cat, limit, 1, x, y)
        result = net.nearest_pois(limit, cat, num_pois=1, max_distance=np.nan)
        nearest[cat] = time.perf_counter() - t
        if a.values:
            snap_disagreements += int((net.get_node_ids(x, y).to_numpy() != vertices).sum())
            values["nearest_" + cat] = result[1].to_numpy(dtype=np.float64)

    counts = {}
    for cat in count_categories:
        k = categories.index(cat)
        vertices = pd.Series(d["poi_vertex"][d["poi_category"] == k])
        t = time.perf_counter()
        net.set(vertices, name=cat)
        set_s = time.perf_counter() - t
        per_threshold = []
        for threshold in thresholds:
            t = time.perf_counter()
            c = net.aggregate(threshold, type="count", decay="flat", name=cat)
            per_threshold.append(time.perf_counter() - t)
            if a.values:
                values["count_%s_%d" % (cat, round(threshold))] = c.to_numpy(dtype=np.float64)
        counts[cat] = {"set_s": set_s, "aggregate_s": per_threshold}

    timings = {
        "pandana": pandana.__version__ if hasattr(pandana, "__version__") else "0.8",
        "threads": int(os.environ.get("OMP_NUM_THREADS", os.cpu_count() or 1)),
        "network_build_s": build_s,
        "nearest_s": nearest,
        "nearest_total_s": sum(nearest.values()),
        "counts": counts,
        "counts_total_s": sum(c["set_s"] + sum(c["aggregate_s"]) for c in counts.values()),
        "snap_disagreements": snap_disagreements if a.values else None,
    }
    with open(a.timings, "w", encoding="utf-8") as f:
        json.dump(timings, f, indent=1)
    if a.values:
        pq.write_table(pa.table(values), a.values)
    return 0


if __name__ == "__main__":
    sys.exit(main())
