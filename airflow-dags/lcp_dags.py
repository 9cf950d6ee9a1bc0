"""Airflow DAGs of the living-circle pipeline, generated from the city configurations.

One DAG per ``conf/cities/*.yaml`` (``lcp_city_<id>``) and one provincial comparison DAG
(``lcp_province``) that runs when every city's checked output is there (Airflow assets).
Every task that computes something is a SparkSubmitOperator running a stage of the project jar
(``org.livingcircle.cli.Lcp``); this file only wires stages, dates and paths. Each run writes the
date partition ``<lcp_data>/<city>/dt=<ds>/`` and every stage replaces its own directory, so a
rerun of the same date overwrites it.

Deployment settings (read when the file is parsed; see docs/airflow-and-cluster.md):
  LCP_HOME            directory holding conf/ and reference/ (default: the repository of this file)
  LCP_CITIES_GLOB     city configurations (default: $LCP_HOME/conf/cities/*.yaml)
  LCP_SCHEDULE        schedule of the city DAGs (default: @monthly)
  LCP_TASK_RETRIES    retries per task (default: 2)
  LCP_PUBLISH_ENABLED default of the publish_enabled param (default: false)
  LCP_DRIVER_MEMORY   spark-submit --driver-memory (default: 4g)
Airflow Variables (read at run time, through templates): lcp_jar, lcp_data, lcp_landing.
"""

from __future__ import annotations

import glob
import os
from datetime import datetime, timedelta
from pathlib import Path

import yaml
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.providers.standard.operators.python import ShortCircuitOperator
from airflow.providers.standard.sensors.python import PythonSensor
from airflow.sdk import DAG, Asset, Param, task

LCP_HOME = Path(os.environ.get("LCP_HOME", Path(__file__).resolve().parents[1]))
CITIES_GLOB = os.environ.get("LCP_CITIES_GLOB", str(LCP_HOME / "conf" / "cities" / "*.yaml"))
SCHEDULE = os.environ.get("LCP_SCHEDULE", "@monthly")
RETRIES = int(os.environ.get("LCP_TASK_RETRIES", "2"))
PUBLISH_ENABLED = os.environ.get("LCP_PUBLISH_ENABLED", "false").lower() == "true"
DRIVER_MEMORY = os.environ.get("LCP_DRIVER_MEMORY", "4g")
PUBLISH_POOL = "lcp_publish"
START_DATE = datetime(2026, 1, 1)

# The JVM flags Spark 3.5 needs on Java 17; a test keeps them equal to <spark.jvm.flags> in pom.xml.
JVM_FLAGS = (
    "-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED"
    " --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED"
    " --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED"
    " --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED"
    " --add-opens=java.base/java.util.concurrent=ALL-UNNAMED"
    " --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED"
    " --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
    " --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED"
    " --add-opens=java.base/sun.util.calendar=ALL-UNNAMED"
    " --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED"
    " -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
)

_jars = sorted(glob.glob(str(LCP_HOME / "jobs" / "target" / "lcp-jobs-*-all.jar")))
DEFAULT_JAR = _jars[-1] if _jars else str(LCP_HOME / "lcp-jobs-all.jar")
JAR = "{{ var.value.get('lcp_jar', '%s') }}" % DEFAULT_JAR
DATA = "{{ var.value.get('lcp_data', '%s') }}" % (LCP_HOME / "out" / "airflow")
LANDING = "{{ var.value.get('lcp_landing', '%s') }}" % (LCP_HOME / "landing")
# The partition: the dt param of a manual run, else the run's date.
DT = "{{ params.dt or ds }}"

TIMEOUTS = {
    "sample": timedelta(minutes=30),
    "check": timedelta(minutes=30),
    "publish": timedelta(hours=1),
}


def city_asset(city_id: str) -> Asset:
    """The asset a city DAG updates when a partition of the city passed the quality gate."""
    return Asset(name=f"lcp_city_{city_id}_checked", uri=f"file://{LCP_HOME}/assets/{city_id}/checked")


def ingest_asset(city_id: str) -> Asset:
    """The asset a city DAG updates when a partition of the city's ingest is committed (its neighbours read it)."""
    return Asset(name=f"lcp_city_{city_id}_ingested", uri=f"file://{LCP_HOME}/assets/{city_id}/ingested")


def neighbours_ingested(city_dir_of: dict[str, str]) -> bool:
    """True when every neighbour's ingest of the partition is committed (its manifest.json is there)."""
    missing = [n for n, d in city_dir_of.items() if not (Path(d) / "ingest" / "manifest.json").is_file()]
    if missing:
        print(f"waiting for the ingest of {', '.join(missing)}: " + ", ".join(city_dir_of[n] for n in missing))
    return not missing


def lcp(task_id: str, args: list[str], city_id: str, **kwargs) -> SparkSubmitOperator:
    """A task running one stage of the jar through spark-submit (connection spark_default)."""
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id="spark_default",
        application=JAR,
        java_class="org.livingcircle.cli.Lcp",
        name=f"lcp-{task_id}-{city_id}",
        application_args=args,
        driver_memory=DRIVER_MEMORY,
        conf={
            "spark.driver.extraJavaOptions": f"{JVM_FLAGS} -Dlcp.repo.root={LCP_HOME}",
            "spark.executor.extraJavaOptions": f"{JVM_FLAGS} -Dlcp.repo.root={LCP_HOME}",
        },
        execution_timeout=TIMEOUTS.get(task_id, timedelta(hours=2)),
        **kwargs,
    )


def load_city_stages() -> list[str]:
    """The stage order of a city run, from conf/pipeline.yaml (the same file lcp run and lcp demo follow)."""
    with open(LCP_HOME / "conf" / "pipeline.yaml", encoding="utf-8") as f:
        stages = yaml.safe_load(f)["city_stages"]
    if not stages or stages[0] != "ingest":
        raise ValueError(f"Cannot use conf/pipeline.yaml city_stages {stages}: ingest must come first")
    return stages


def load_cities() -> list[tuple[Path, dict]]:
    """Every city configuration, sorted by file name."""
    out = []
    for path in sorted(glob.glob(CITIES_GLOB)):
        with open(path, encoding="utf-8") as f:
            out.append((Path(path), yaml.safe_load(f)))
    return out


def city_doc(config_file: Path, city: dict) -> str:
    counties = ", ".join(f"{c['name_en']} ({c['code']})" for c in city["counties"])
    return f"""
### Living circle: {city['name_en']} ({city['name_zh']}, {city['admin_code']})

Generated from `{config_file.name}`. One run = one date partition `<lcp_data>/{city['id']}/dt=<ds>/`
(a rerun of the date overwrites it).

* **Input** (param `source`): `sample` writes SYNTHETIC inputs with `lcp sample`; `landing` reads
  `<lcp_landing>/{city['id']}/dt=<ds>/`.
* **Stages** (each a `spark-submit` of the project jar): ingest → grid ({city['cell_size_m']} m cells in
  {city['crs']}) → access ({city['walking']['thresholds_min']} min at {city['walking']['speed_m_per_min']} m/min)
  → aggregate → compare (city vs plan targets) → **check** (data-quality gate: row counts,
  reconciliation, null shares, population totals; a failure stops the run) → publish
  (pool `{PUBLISH_POOL}`, only with param `publish_enabled`).
* **Neighbours**: {', '.join(city.get('neighbours', [])) or 'none'} — `wait_neighbours` waits for their ingest of
  the same partition (`<lcp_data>/<neighbour>/dt=<ds>/ingest`, asset `lcp_city_<neighbour>_ingested`), and the
  access stage counts their facilities near the border, exactly as `lcp run` and `lcp demo` do.
* **Counties**: {counties}.
* The `announce` task marks asset `lcp_city_{city['id']}_checked` with the partition date; `lcp_province`
  compares all cities once each has a checked partition.
"""


def build_city_dag(config_file: Path, city: dict) -> DAG:
    city_id = city["id"]
    config = str(config_file)
    with DAG(
        dag_id=f"lcp_city_{city_id}",
        description=f"Living-circle indicators for {city['name_en']}: ingest to quality gate to publish",
        doc_md=city_doc(config_file, city),
        schedule=SCHEDULE,
        start_date=START_DATE,
        catchup=False,
        max_active_runs=1,
        tags=["lcp", "living-circle", f"city:{city_id}"],
        default_args={"owner": "lcp", "retries": RETRIES, "retry_delay": timedelta(minutes=5)},
        params={
            "source": Param("landing", enum=["landing", "sample"], description="Where the inputs come from"),
            "sample_scale": Param(1.0, type="number", minimum=0.001, description="POI multiplier of lcp sample"),
            "dt": Param("", type="string", description="Partition date YYYY-MM-DD (default: the run's ds)"),
            "publish_enabled": Param(PUBLISH_ENABLED, type="boolean", description="Run lcp publish after the gate"),
        },
    ) as dag:
        city_dir = f"{DATA}/{city_id}/dt={DT}"
        sample_dir = f"{city_dir}/input"
        input_dir = (
            "{% if params.source == 'sample' %}" + sample_dir + "{% else %}"
            + f"{LANDING}/{city_id}/dt={DT}" + "{% endif %}"
        )

        @task.branch(task_id="choose_input")
        def choose_input(params=None) -> str:
            return "sample" if params["source"] == "sample" else "ingest"

        sample = lcp("sample", ["sample", "--city", city_id, "--seed", str(city["sample"]["seed"]),
                                "--scale", "{{ params.sample_scale }}", "--out", sample_dir], city_id)
        ingest = lcp("ingest", ["ingest", "--config", config, "--input", input_dir, "--out", f"{city_dir}/ingest"],
                     city_id, trigger_rule="none_failed_min_one_success", outlets=[ingest_asset(city_id)])
        neighbours = list(city.get("neighbours", []))
        wait_neighbours = PythonSensor(
            task_id="wait_neighbours",
            python_callable=neighbours_ingested,
            op_kwargs={"city_dir_of": {n: f"{DATA}/{n}/dt={DT}" for n in neighbours}},
            poke_interval=120,
            timeout=timedelta(hours=12).total_seconds(),
            mode="reschedule",
        )
        stages = {"ingest": ingest}
        for stage in load_city_stages()[1:]:
            stages[stage] = lcp(stage, [stage, "--config", config, "--city-out", city_dir], city_id)
        compare = lcp("compare", ["compare", "--city-out", city_dir, "--out", f"{city_dir}/comparison"], city_id)
        check = lcp("check", ["check", "--city-out", city_dir], city_id)

        @task(task_id="announce", outlets=[city_asset(city_id)])
        def announce(dt: str, outlet_events=None) -> None:
            """Marks the city's asset with the partition that passed the gate."""
            outlet_events[city_asset(city_id)].extra = {"dt": dt}

        publish_gate = ShortCircuitOperator(
            task_id="publish_enabled",
            python_callable=lambda params: bool(params["publish_enabled"]),
        )
        publish = lcp("publish", ["publish", "--config", config, "--city-out", city_dir], city_id,
                      pool=PUBLISH_POOL, pool_slots=1)

        choose_input() >> [sample, ingest]
        sample >> ingest
        ordered = list(stages.values())
        for upstream, downstream in zip(ordered, ordered[1:]):
            upstream >> downstream
        ordered[-1] >> compare >> check
        wait_neighbours >> stages.get("access", ordered[-1])
        check >> announce(DT)
        check >> publish_gate >> publish
    return dag


def partition_of(triggering_asset_events, params) -> str:
    """The partition date: the dt param, else the one date all triggering city assets carry."""
    if params.get("dt"):
        return params["dt"]
    dates = {e.extra.get("dt") for events in (triggering_asset_events or {}).values() for e in events}
    if len(dates) != 1 or None in dates:
        raise ValueError(f"Cannot choose a partition: the city assets carry dates {sorted(map(str, dates))}")
    return dates.pop()


def build_province_dag(cities: list[tuple[Path, dict]]) -> DAG:
    ids = [c["id"] for _, c in cities]
    with DAG(
        dag_id="lcp_province",
        description="Provincial comparison of every configured city against the plan targets",
        doc_md=f"""
### Provincial comparison

Runs `lcp compare` over cities {', '.join(ids)} once every city DAG has announced a checked partition
(asset schedule: all of {', '.join(city_asset(i).name for i in ids)}). The partition is the `dt` the
assets carry (they must agree) or the `dt` param of a manual run. Writes
`<lcp_data>/province/dt=<dt>/comparison/`.
""",
        schedule=[city_asset(i) for i in ids],
        start_date=START_DATE,
        catchup=False,
        max_active_runs=1,
        tags=["lcp", "living-circle", "province"],
        default_args={"owner": "lcp", "retries": RETRIES, "retry_delay": timedelta(minutes=5)},
        params={"dt": Param("", type="string", description="Partition date YYYY-MM-DD (manual runs)")},
        user_defined_macros={"lcp_partition": partition_of},
    ) as dag:
        dt = "{{ lcp_partition(triggering_asset_events, params) }}"
        args = ["compare", "--out", f"{DATA}/province/dt={dt}/comparison"]
        for i in ids:
            args += ["--city-out", f"{DATA}/{i}/dt={dt}"]
        lcp("compare", args, "province")
    return dag


_cities = load_cities()
for _file, _city in _cities:
    globals()[f"lcp_city_{_city['id']}"] = build_city_dag(_file, _city)
if _cities:
    lcp_province = build_province_dag(_cities)
