"""The whole pipeline on a real Spark standalone cluster (a master and two workers on 127.0.0.1,
from the pyspark 3.5.7 distribution; executors in separate processes, data shuffled between them)
gives the same tables as a local[2] run, for both cities, on small SYNTHETIC samples."""
from __future__ import annotations

import json
import math
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conftest import REPO, small_config

CITIES = ["jincheng", "changzhi"]
STAGES = ("ingest", "grid", "indicators", "aggregate", "siting")
RUN_TIMEOUT_S = 900


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def cluster(spark_home, tmp_path_factory):
    """Starts a master and two workers (1 core, 2 GB each); always stops them."""
    logs = tmp_path_factory.mktemp("cluster")
    env = dict(os.environ, SPARK_HOME=str(spark_home), SPARK_LOCAL_IP="127.0.0.1", SPARK_DAEMON_MEMORY="512m")
    spark_class = str(spark_home / "bin" / "spark-class")
    port, ui = free_port(), free_port()
    url = f"spark://127.0.0.1:{port}"
    procs = []

    def start(name, args):
        out = open(logs / f"{name}.log", "w")
        procs.append(subprocess.Popen([spark_class, *args], env=env, stdout=out, stderr=subprocess.STDOUT,
                                      start_new_session=True))

    try:
        start("master", ["org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port),
                         "--webui-port", str(ui)])
        for i in (1, 2):
            (logs / f"work{i}").mkdir()
            start(f"worker{i}", ["org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                                 "--memory", "2g", "--webui-port", str(free_port()), "--work-dir",
                                 str(logs / f"work{i}"), url])
        deadline = time.monotonic() + 120
        while True:
            try:
                state = json.load(urllib.request.urlopen(f"http://127.0.0.1:{ui}/json/", timeout=5))
                if sum(w["state"] == "ALIVE" for w in state["workers"]) == 2:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, f"cluster did not come up; logs in {logs}"
            assert all(p.poll() is None for p in procs), f"a cluster process exited; logs in {logs}"
            time.sleep(2)
        yield {"url": url, "logs": logs, "env": env}
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(timeout=30)


def lcp(args, env):
    subprocess.run([str(REPO / "bin" / "lcp"), *args], env=env, check=True, timeout=RUN_TIMEOUT_S)


def rows(table_dir: Path, key: list[str]):
    table = pq.read_table(table_dir)
    table = table.sort_by([(k, "ascending") for k in key])
    return table.column_names, table.to_pylist()


def catalogue(city_out: Path) -> dict[str, list[str]]:
    """Every table the stage manifests list, with its key (the pipeline's table catalogue records it)."""
    tables = {}
    for stage in STAGES:
        outputs = json.loads((city_out / stage / "manifest.json").read_text(encoding="utf-8"))["outputs"]
        for name, facts in outputs.items():
            tables[f"{stage}/{name}"] = facts["key"]
    return tables


def same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9) or (math.isnan(a) and math.isnan(b))
    return a == b


def test_cluster_run_equals_local_run(cluster, jar, tmp_path):
    local_env = {k: v for k, v in os.environ.items() if k != "SPARK_HOME"}
    local_env["LCP_DRIVER_MEMORY"] = "2g"
    cluster_env = dict(cluster["env"], LCP_DRIVER_MEMORY="1g")
    configs = {}
    for city in CITIES:
        configs[city] = small_config(city, tmp_path / "conf")
        seed = {"jincheng": "140500", "changzhi": "140400"}[city]
        lcp(["sample", "--city", city, "--seed", seed, "--scale", "0.05", "--out", str(tmp_path / "input" / city)],
            local_env)
    for mode, master, env in (("local", "local[2]", local_env), ("cluster", cluster["url"], cluster_env)):
        # each city counts its configured neighbour's facilities: the second city's ingest comes first
        lcp(["ingest", "--config", str(configs[CITIES[1]]), "--input", str(tmp_path / "input" / CITIES[1]),
             "--out", str(tmp_path / mode / CITIES[1] / "ingest"), "--master", master], env)
        for city in CITIES:
            start = time.monotonic()
            lcp(["run", "--config", str(configs[city]), "--input", str(tmp_path / "input" / city),
                 "--out", str(tmp_path / mode / city), "--master", master], env)
            print(f"lcp run {city} on {master}: {time.monotonic() - start:.0f} s")

    # executors ran on both workers, in their own processes
    for i in (1, 2):
        apps = list((cluster["logs"] / f"work{i}").glob("app-*/*/stderr"))
        assert len(apps) >= len(CITIES), f"worker {i} ran no executor for every city: {apps}"

    for city in CITIES:
        manifest = json.loads((tmp_path / "cluster" / city / "indicators" / "manifest.json").read_text())
        (other,) = [c for c in CITIES if c != city]
        assert str(tmp_path / "cluster" / other / "ingest") in manifest["configuration"]["facility_ingest_dirs"], city
        tables = catalogue(tmp_path / "local" / city)
        assert {"grid/cells", "indicators/grid_indicators", "aggregate/admin_indicators", "ingest/poi"} <= tables.keys()
        assert catalogue(tmp_path / "cluster" / city) == tables
        for table, key in tables.items():
            local_cols, local_rows = rows(tmp_path / "local" / city / table, key)
            cluster_cols, cluster_rows = rows(tmp_path / "cluster" / city / table, key)
            assert cluster_cols == local_cols, (city, table)
            assert len(cluster_rows) == len(local_rows), (city, table)
            assert local_rows or table == "aggregate/gap_cells", (city, table)
            for lr, cr in zip(local_rows, cluster_rows):
                diff = [c for c in local_cols if not same(lr[c], cr[c])]
                assert not diff, f"{city} {table} row {lr.get(key[0])}: columns differ {diff[:5]}"
