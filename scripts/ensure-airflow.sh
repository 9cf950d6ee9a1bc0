#!/usr/bin/env bash
# Creates .venv-airflow from PyPI with Airflow 3, the Spark provider and pyspark 3.5.7 (whose
# spark-submit runs the project jar); reuses it when python/requirements-airflow.txt is unchanged.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv-airflow"
REQ="$ROOT/python/requirements-airflow.txt"
stamp="$VENV/.requirements.sha256"
want=$(sha256sum "$REQ" | cut -d' ' -f1)
if [[ -x "$VENV/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "venv up to date: $VENV"
  exit 0
fi
[[ -x "$VENV/bin/python" ]] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --upgrade pip
"$VENV/bin/pip" install -q -r "$REQ"
# The Spark provider pulls in pyspark-client (Spark Connect, 4.x), whose Python files overwrite
# pyspark's in the same folder; remove both and put pyspark 3.5.7 back alone (SparkSubmitOperator
# needs only its spark-submit; Spark Connect is not used here).
"$VENV/bin/pip" uninstall -q -y pyspark-client pyspark
"$VENV/bin/pip" install -q --no-deps "$(grep -E '^pyspark==' "$REQ")"
echo "$want" > "$stamp"
echo "venv ready: $VENV ($("$VENV/bin/python" -c 'import airflow, pyspark; print("airflow", airflow.__version__, "pyspark", pyspark.__version__)'))"
