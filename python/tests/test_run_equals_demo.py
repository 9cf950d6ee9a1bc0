"""`lcp run` of one city, with its configured neighbour found by the path rule, computes the same indicator
tables as the demo from the same (SYNTHETIC) inputs: cross-border facilities count in both."""
from __future__ import annotations

import json
import math
import os
import subprocess
from pathlib import Path

import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[2]
TABLES = {
    "indicators/grid_indicators": "cell_id",
    "indicators/compound_indicators": "compound_id",
    "aggregate/admin_indicators": "admin_code",
}


def same(a, b) -> bool:
    """Equal, floats to 1e-9 relative (sums may be taken in another order)."""
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9) or (math.isnan(a) and math.isnan(b))
    return a == b


def lcp(*args: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SPARK_HOME"}
    subprocess.run([str(REPO / "bin" / "lcp"), *args], env=env, check=True, timeout=1200)


def test_lcp_run_with_configured_neighbours_equals_the_demo(demo_out: Path, tmp_path: Path):
    # the neighbour (Changzhi) ingested from the same inputs, in the sibling directory the rule looks in: the demo's own
    # ingest of it, linked there (ingesting it again would give the same table and cost a minute)
    (tmp_path / "changzhi").mkdir()
    (tmp_path / "changzhi" / "ingest").symlink_to((demo_out / "changzhi" / "ingest").resolve())
    lcp("run", "--config", str(REPO / "conf/cities/jincheng.yaml"), "--input", str(demo_out / "jincheng" / "input"),
        "--out", str(tmp_path / "jincheng"))

    manifest = json.loads((tmp_path / "jincheng" / "indicators" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["configuration"]["facility_ingest_dirs"] == [
        str(tmp_path / "jincheng" / "ingest"), str(tmp_path / "changzhi" / "ingest")]
    for table, key in TABLES.items():
        run_rows = pq.read_table(tmp_path / "jincheng" / table).sort_by(key).to_pylist()
        demo_rows = pq.read_table(demo_out / "jincheng" / table).sort_by(key).to_pylist()
        assert len(run_rows) == len(demo_rows) > 0, table
        for r, d in zip(run_rows, demo_rows):
            assert r.keys() == d.keys(), table
            diff = [c for c in r if not same(r[c], d[c])]
            assert not diff, f"{table} {key}={r[key]}: lcp run and the demo differ in {diff[:5]}"


def test_lcp_run_without_the_neighbours_ingest_stops_with_one_line(demo_out: Path, tmp_path: Path):
    proc = subprocess.run([str(REPO / "bin" / "lcp"), "run", "--config", str(REPO / "conf/cities/jincheng.yaml"),
                           "--input", str(demo_out / "jincheng" / "input"), "--out", str(tmp_path / "jincheng")],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1, proc.stderr
    lines = [l for l in proc.stderr.splitlines() if l.startswith("lcp: ")]
    assert lines == [f"lcp: Cannot read neighbour facilities of jincheng: no ingest output in {tmp_path / 'changzhi' / 'ingest'}"
                     "; ingest that city first (same period), pass --neighbour-out DIR, or --no-neighbours"], proc.stderr
    assert not (tmp_path / "jincheng").exists(), "lcp run wrote output before finding the neighbour missing"
