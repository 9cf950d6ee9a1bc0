"""Fixtures of the Airflow and cluster tests: run with .venv-airflow (scripts/ensure-airflow.sh).

Airflow's home and sqlite database live in a temporary directory set before Airflow is imported;
spark-submit and spark-class come from the pyspark 3.5.7 distribution of the same virtual
environment, so the project jar runs on the Spark it was built against.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
VENV_BIN = Path(sys.executable).parent

_home = Path(tempfile.mkdtemp(prefix="lcp-airflow-home-"))
os.environ["AIRFLOW_HOME"] = str(_home)
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(REPO / "airflow-dags")
os.environ["AIRFLOW__CORE__UNIT_TEST_MODE"] = "False"
os.environ["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = f"sqlite:///{_home / 'airflow.db'}"
os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
os.environ["PATH"] = f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}"


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_home, ignore_errors=True)


@pytest.fixture(scope="session")
def spark_home() -> Path:
    import pyspark

    home = Path(pyspark.__file__).parent
    assert (home / "jars" / "spark-core_2.12-3.5.7.jar").is_file(), "pyspark 3.5.7 jars are missing"
    return home


@pytest.fixture(scope="session")
def jar() -> Path:
    """The cluster jar; scripts/test.sh builds it (mvn -Pcluster verify)."""
    jars = sorted((REPO / "jobs" / "target").glob("lcp-jobs-*-all.jar"))
    if not jars:
        subprocess.run(["mvn", "-B", "-q", "-ntp", "-Pcluster", "-DskipTests", "package"], cwd=REPO, check=True)
        jars = sorted((REPO / "jobs" / "target").glob("lcp-jobs-*-all.jar"))
    return jars[-1]


def small_config(city_id: str, out_dir: Path) -> Path:
    """conf/cities/<id>.yaml with 1000 m cells (the schema's maximum) to keep test runs short."""
    text = (REPO / "conf" / "cities" / f"{city_id}.yaml").read_text(encoding="utf-8")
    assert "\ncell_size_m: 250\n" in text
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{city_id}.yaml"
    path.write_text(text.replace("\ncell_size_m: 250\n", "\ncell_size_m: 1000\n"), encoding="utf-8")
    return path
