"""One real run of a city DAG with dag.test(): every task executes (spark-submit of the project jar
from pyspark 3.5.7, master local[2]) on a small SYNTHETIC sample and leaves the expected outputs."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import time
from datetime import datetime, timezone

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


def test_city_dag_runs_every_task_and_leaves_a_date_partition(airflow_db, jar, spark_home, tmp_path, monkeypatch):
    conf_dir = tmp_path / "conf"
    small_config("jincheng", conf_dir)
    data = tmp_path / "data"
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
        "choose_input": "success", "sample": "success", "ingest": "success", "grid": "success",
        "access": "success", "aggregate": "success", "compare": "success", "check": "success",
        "announce": "success", "publish_enabled": "success", "publish": "skipped",
    }, states
    assert str(run.state) == "success"

    city = data / "jincheng" / f"dt={DT}"
    for stage in ("ingest", "grid", "indicators", "aggregate"):
        assert (city / stage / "manifest.json").is_file(), stage
    assert json.loads((city / "grid" / "manifest.json").read_text())["outputs"]["cells"]["rows"] > 0
    with open(city / "comparison" / "comparison.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and {r.get("city_code") or r.get("admin_code", "")[:4] for r in rows} != set()
    assert (city / "input" / "sample_manifest.json").is_file()
    assert sorted(p.name for p in data.iterdir()) == ["jincheng"]

    from airflow.models.asset import AssetEvent
    from airflow.utils.session import create_session

    with create_session() as session:
        events = session.query(AssetEvent).filter(AssetEvent.source_run_id == run.run_id).all()
    assert [e.extra.get("dt") for e in events] == [DT]
