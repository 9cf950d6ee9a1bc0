"""One real run of a city DAG with dag.test(): every task executes (spark-submit of the project jar
from pyspark 3.5.7, master local[2]) on a small SYNTHETIC sample and leaves the expected outputs."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import time
from datetime import datetime, timezone

import pyarrow.parquet as pq
import pytest

from conftest import REPO, VENV_BIN, small_config

DT = "2026-01-01"


@pytest.fixture(scope="module")
def airflow_db():
    """A fresh sqlite database in the temporary AIRFLOW_HOME, with the publishing pool."""
    airflow = str(VENV_BIN / "airflow")
    subprocess.run([airflow, "db", "migrate"], check=True, capture_output=True, timeout=300)
    subprocess.run([airflow, "pools", "set", "lcp_publish", "1", "lcp publish: one at a time"],
                   check=True, capture_output=True, timeout=120)


def lcp(*args):
    env = {k: v for k, v in os.environ.items() if k != "SPARK_HOME"}
    env["LCP_DRIVER_MEMORY"] = "2g"
    subprocess.run([str(REPO / "bin" / "lcp"), *args, "--master", "local[2]"], env=env, check=True, timeout=900)


def test_city_dag_runs_every_task_and_leaves_a_date_partition(airflow_db, jar, spark_home, tmp_path, monkeypatch):
    conf_dir = tmp_path / "conf"
    config = small_config("jincheng", conf_dir)
    data = tmp_path / "data"
    # the configured neighbour's ingest of the same partition, which wait_neighbours waits for
    neighbour = data / "changzhi" / f"dt={DT}"
    subprocess.run([str(REPO / "bin" / "lcp"), "sample", "--city", "changzhi", "--seed", "140400", "--scale", "0.05",
                    "--out", str(neighbour / "input")], check=True, timeout=600)
    lcp("ingest", "--config", str(small_config("changzhi", tmp_path / "conf-neighbour")), "--input",
        str(neighbour / "input"), "--out", str(neighbour / "ingest"))
    monkeypatch.setenv("LCP_CITIES_GLOB", str(conf_dir / "*.yaml"))
    monkeypatch.setenv("LCP_TASK_RETRIES", "0")
    monkeypatch.setenv("LCP_DRIVER_MEMORY", "2g")
    monkeypatch.setenv("AIRFLOW_VAR_LCP_DATA", str(data))
    monkeypatch.setenv("AIRFLOW_VAR_LCP_JAR", str(jar))
    monkeypatch.setenv("AIRFLOW_CONN_SPARK_DEFAULT", json.dumps({"conn_type": "spark", "host": "local[2]"}))
    monkeypatch.setenv("SPARK_HOME", str(spark_home))

    from airflow.models import DagBag

    bag = DagBag(dag_folder=str(REPO / "airflow-dags"))
    assert bag.import_errors == {}
    dag = bag.dags["lcp_city_jincheng"]

    start = time.monotonic()
    run = dag.test(logical_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
                   run_conf={"source": "sample", "sample_scale": 0.05})
    elapsed = time.monotonic() - start
    print(f"dag.test lcp_city_jincheng: {elapsed:.0f} s")

    states = {ti.task_id: str(ti.state) for ti in run.get_task_instances()}
    assert states == {
        "choose_input": "success", "sample": "success", "ingest": "success", "wait_neighbours": "success", "grid": "success",
        "access": "success", "aggregate": "success", "site": "success", "compare": "success", "check": "success",
        "announce": "success", "publish_enabled": "success", "publish": "skipped",
    }, states
    assert str(run.state) == "success"

    city = data / "jincheng" / f"dt={DT}"
    for stage in ("ingest", "grid", "indicators", "aggregate"):
        assert (city / stage / "manifest.json").is_file(), stage
    assert json.loads((city / "grid" / "manifest.json").read_text())["outputs"]["cells"]["rows"] > 0
    with open(city / "comparison" / "comparison.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and {r["city_code"] for r in rows} == {"140500"}, rows[:3]
    assert (city / "input" / "sample_manifest.json").is_file()
    assert sorted(p.name for p in data.iterdir()) == ["changzhi", "jincheng"]

    # the DAG's access stage counted the neighbour's facilities exactly as lcp run does on the same inputs
    access = json.loads((city / "indicators" / "manifest.json").read_text())
    assert str(neighbour / "ingest") in json.dumps(access), "the DAG's access stage did not read the neighbour's ingest"
    run_out = tmp_path / "run" / "jincheng"
    lcp("run", "--config", str(config), "--input", str(city / "input"), "--out", str(run_out),
        "--neighbour-out", str(neighbour))
    for table, key in (("indicators/grid_indicators", "cell_id"), ("indicators/compound_indicators", "compound_id"),
                       ("aggregate/admin_indicators", "admin_code")):
        dag_rows = pq.read_table(city / table).sort_by(key).to_pylist()
        run_rows = pq.read_table(run_out / table).sort_by(key).to_pylist()
        assert len(dag_rows) == len(run_rows) > 0, table
        assert dag_rows == run_rows, f"{table}: the DAG and lcp run differ"

    from airflow.models.asset import AssetEvent, AssetModel
    from airflow.utils.session import create_session

    with create_session() as session:
        names = {a.id: a.name for a in session.query(AssetModel).all()}
        events = session.query(AssetEvent).filter(AssetEvent.source_run_id == run.run_id).all()
        by_asset = {names[e.asset_id]: e.extra for e in events}
    # the ingest announces itself (neighbours' DAGs wait for it); the gate announces the checked partition
    assert sorted(by_asset) == ["lcp_city_jincheng_checked", "lcp_city_jincheng_ingested"], by_asset
    assert by_asset["lcp_city_jincheng_checked"].get("dt") == DT
