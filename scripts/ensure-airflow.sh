#!/usr/bin/env bash
# Creates .venv-airflow from PyPI with Airflow 3, the Spark provider and pyspark 3.5.7 (whose
# spark-submit runs the project jar); reuses it when python/requirements-airflow.txt is unchanged.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REQ="$ROOT/python/requirements-airflow.txt"
# The Spark provider pulls in pyspark-client (Spark Connect, 4.x), whose Python files overwrite
# pyspark's in the same folder; remove both and put pyspark 3.5.7 back alone (SparkSubmitOperator
# needs only its spark-submit; Spark Connect is not used here).
export LCP_VENV_POST_INSTALL="\"\$VENV/bin/pip\" uninstall -q -y pyspark-client pyspark && \"\$VENV/bin/pip\" install -q --no-deps '$(grep -E '^pyspark==' "$REQ")'"
"$ROOT/scripts/ensure-venv.sh" "${LCP_AIRFLOW_VENV:-$ROOT/.venv-airflow}" "$REQ"
"${LCP_AIRFLOW_VENV:-$ROOT/.venv-airflow}/bin/python" -c 'import airflow, pyspark; print("airflow", airflow.__version__, "pyspark", pyspark.__version__)'
