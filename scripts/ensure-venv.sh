#!/usr/bin/env bash
# Creates .venv from PyPI with the independent readers the tests use; reuses it when the
# requirements have not changed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"
REQ="$ROOT/python/requirements.txt"
stamp="$VENV/.requirements.sha256"
want=$(sha256sum "$REQ" | cut -d' ' -f1)
if [[ -x "$VENV/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "venv up to date: $VENV"
  exit 0
fi
python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --upgrade pip
"$VENV/bin/pip" install -q -r "$REQ"
echo "$want" > "$stamp"
echo "venv ready: $VENV ($("$VENV/bin/python" --version))"
