#!/usr/bin/env bash
# The README's test command (bin/lcp test): sets up what the suite needs on a fresh Debian
# machine and runs it. Exit code non-zero on any failure.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export SPARK_LOCAL_IP=127.0.0.1
quick=0
[[ "${1:-}" == "--quick" ]] && quick=1

SUITE_START=$SECONDS
STEP_START=$SECONDS
STEP_NAME=""
step() {
  if [[ -n "$STEP_NAME" ]]; then printf '=== done in %ss: %s\n' "$((SECONDS - STEP_START))" "$STEP_NAME"; fi
  STEP_START=$SECONDS
  STEP_NAME="$*"
  printf '\n=== %s\n' "$*"
}
trap 'if [[ -n "$STEP_NAME" ]]; then printf "=== ended in %ss: %s (suite %ss)\n" "$((SECONDS - STEP_START))" "$STEP_NAME" "$((SECONDS - SUITE_START))"; fi' EXIT

if [[ $quick == 1 ]]; then
  # pure tests only: no database, browser, Python or Spark; runs as any user, installs nothing
  step "Maven build and the pure JUnit tests (*Test)"
  mvn -B -ntp test -Dtest='*Test' -Dsurefire.failIfNoSpecifiedTests=false
  exit 0
fi

step "PostgreSQL + PostGIS (LCP_PG_URL if set, else Debian's packages as root)"
scripts/ensure-postgis.sh

step "Python virtual environment (.venv, from PyPI)"
scripts/ensure-venv.sh

step "Airflow virtual environment (.venv-airflow: Airflow 3, Spark provider, pyspark 3.5.7)"
scripts/ensure-airflow.sh

step "Portal libraries (npm ci in portal/) and Debian's chromium for the browser test"
scripts/ensure-portal.sh
scripts/ensure-chromium.sh

step "Maven build and JUnit tests (+ the cluster jar for spark-submit)"
mvn -B -ntp -Pcluster verify

step "Airflow: every DAG imports, task graphs follow conf/cities"
.venv-airflow/bin/python -m pytest -q python/tests/airflow/test_dag_integrity.py

step "End-to-end: bin/lcp demo"
rm -rf build/test-demo
bin/lcp demo --out build/test-demo

step "Real OSM test extracts (Helsinki, Monaco) from PyPI wheels into build/osm-testdata"
LCP_PIP="$ROOT/.venv/bin/pip" scripts/ensure-osm-testdata.sh

step "Independent readers: pyarrow, geopandas, GeoParquet 1.1 schema; release metadata (STAC, DCAT-AP)"
LCP_DEMO_OUT="$ROOT/build/test-demo" .venv/bin/python -m pytest -q python/tests --ignore=python/tests/airflow

step "Portal in headless chromium (portal/test/, screenshot in build/test-demo/release/screenshots/)"
(cd portal && LCP_DEMO_OUT="$ROOT/build/test-demo" npm test)

step "Airflow end-to-end: dag.test() of lcp_city_jincheng (spark-submit, local[2], small sample)"
.venv-airflow/bin/python -m pytest -q python/tests/airflow/test_dag_run.py

step "Spark standalone cluster on 127.0.0.1 (master + 2 workers): both cities equal the local run"
.venv-airflow/bin/python -m pytest -q python/tests/airflow/test_cluster.py
