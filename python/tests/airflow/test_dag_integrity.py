"""Every DAG imports, and its task graph is what conf/cities/*.yaml says (real Airflow, no database)."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
import yaml
from airflow.models import DagBag
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

from conftest import REPO

CITIES = sorted(yaml.safe_load(p.read_text(encoding="utf-8"))["id"] for p in (REPO / "conf" / "cities").glob("*.yaml"))

CITY_EDGES = {
    "choose_input": {"sample", "ingest"},
    "sample": {"ingest"},
    "ingest": {"grid"},
    "wait_neighbours": {"access"},
    "grid": {"access"},
    "access": {"aggregate"},
    "aggregate": {"site"},
    "site": {"compare"},
    "compare": {"check"},
    "check": {"announce", "publish_enabled"},
    "announce": set(),
    "publish_enabled": {"publish"},
    "publish": set(),
}


@pytest.fixture(scope="module")
def dagbag() -> DagBag:
    return DagBag(dag_folder=str(REPO / "airflow-dags"))


def test_every_dag_imports_without_errors(dagbag):
    assert dagbag.import_errors == {}
    assert sorted(dagbag.dag_ids) == sorted([f"lcp_city_{c}" for c in CITIES] + ["lcp_province"])


@pytest.mark.parametrize("city", CITIES)
def test_city_dag_graph_follows_its_configuration(dagbag, city):
    dag = dagbag.dags[f"lcp_city_{city}"]
    assert {t.task_id: set(t.downstream_task_ids) for t in dag.tasks} == CITY_EDGES
    config = str(REPO / "conf" / "cities" / f"{city}.yaml")
    submits = {t.task_id: t for t in dag.tasks if isinstance(t, SparkSubmitOperator)}
    assert sorted(submits) == ["access", "aggregate", "check", "compare", "grid", "ingest", "publish", "sample", "site"]
    for task_id, t in submits.items():
        assert t.application_args[0] == task_id
        assert t._java_class == "org.livingcircle.cli.Lcp"
        assert t._conn_id == "spark_default"
        if task_id in ("ingest", "grid", "access", "aggregate", "publish"):
            assert t.application_args[1:3] == ["--config", config]
        assert t.execution_timeout is not None and t.execution_timeout <= timedelta(hours=2)
        assert t.retries >= 2
    assert "--city-out" in submits["check"].application_args
    assert submits["publish"].pool == "lcp_publish"
    assert all(t.pool == "default_pool" for t in dag.tasks if t.task_id != "publish")
    assert dag.catchup is False and dag.max_active_runs == 1
    assert dag.tags >= {"lcp", f"city:{city}"}
    assert dag.doc_md and city.capitalize() in dag.doc_md
    assert dag.params["publish_enabled"] is False
    (outlet,) = dag.get_task("announce").outlets
    assert outlet.name == f"lcp_city_{city}_checked"
    assert [a.name for a in dag.get_task("ingest").outlets] == [f"lcp_city_{city}_ingested"]


@pytest.mark.parametrize("city", CITIES)
def test_city_dag_waits_for_its_configured_neighbours_of_the_same_partition(dagbag, city, tmp_path):
    configured = yaml.safe_load((REPO / "conf" / "cities" / f"{city}.yaml").read_text(encoding="utf-8")).get("neighbours", [])
    sensor = dagbag.dags[f"lcp_city_{city}"].get_task("wait_neighbours")
    dirs = sensor.op_kwargs["city_dir_of"]
    assert sorted(dirs) == sorted(configured)
    for n, d in dirs.items():
        assert re.fullmatch(rf".*/{n}/dt=\{{\{{ params\.dt or ds \}}\}}", d), d
    if configured:
        # the sensor's check itself: false until every neighbour's ingest manifest exists
        local = {n: str(tmp_path / n) for n in configured}
        assert sensor.python_callable(local) is False
        for n in configured:
            (tmp_path / n / "ingest").mkdir(parents=True)
            (tmp_path / n / "ingest" / "manifest.json").write_text("{}")
        assert sensor.python_callable(local) is True


def test_city_dags_write_a_date_partition(dagbag):
    dag = dagbag.dags["lcp_city_jincheng"]
    args = dag.get_task("grid").application_args
    assert re.fullmatch(r".*/jincheng/dt=\{\{ params\.dt or ds \}\}", args[args.index("--city-out") + 1])


def test_province_dag_waits_for_every_city(dagbag):
    dag = dagbag.dags["lcp_province"]
    assert [t.task_id for t in dag.tasks] == ["compare"]
    args = dag.get_task("compare").application_args
    assert [a.split("/")[-2] for a, prev in zip(args, [""] + args) if prev == "--city-out"] == CITIES
    condition = dag.timetable.asset_condition
    assert type(condition).__name__ == "AssetAll"
    assert sorted(a.name for a in condition.objects) == [f"lcp_city_{c}_checked" for c in CITIES]
    assert dag.doc_md and dag.catchup is False


def test_city_dags_follow_the_stage_order_of_conf_pipeline(dagbag):
    stages = yaml.safe_load((REPO / "conf" / "pipeline.yaml").read_text(encoding="utf-8"))["city_stages"]
    dag = dagbag.dags["lcp_city_jincheng"]
    chain, task = [], dag.get_task("ingest")
    while task.task_id in stages:
        chain.append(task.task_id)
        (task,) = [dag.get_task(t) for t in task.downstream_task_ids]
    assert chain == stages
    assert task.task_id == "compare"


def test_dag_jvm_flags_equal_the_poms():
    import importlib.util

    spec = importlib.util.spec_from_file_location("lcp_dags_module", REPO / "airflow-dags" / "lcp_dags.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    pom = (REPO / "pom.xml").read_text(encoding="utf-8")
    assert module.JVM_FLAGS == re.search(r"<spark.jvm.flags>(.*)</spark.jvm.flags>", pom).group(1)
