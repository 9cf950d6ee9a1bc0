#!/usr/bin/env bash
# Creates a Python virtual environment from PyPI and reuses it while its requirements are unchanged.
#   scripts/ensure-venv.sh [VENV REQUIREMENTS]   (default: .venv python/requirements.txt)
# LCP_VENV_POST_INSTALL, if set, is a command run after pip, with VENV in its environment.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export VENV=${1:-$ROOT/.venv}
REQ=${2:-$ROOT/python/requirements.txt}
stamp="$VENV/.requirements.sha256"
want=$( (cat "$REQ"; echo "${LCP_VENV_POST_INSTALL:-}") | sha256sum | cut -d' ' -f1)
if [[ -x "$VENV/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "venv up to date: $VENV"
  exit 0
fi
[[ -x "$VENV/bin/python" ]] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --upgrade pip
"$VENV/bin/pip" install -q -r "$REQ"
if [[ -n "${LCP_VENV_POST_INSTALL:-}" ]]; then
  bash -c "$LCP_VENV_POST_INSTALL"
fi
echo "$want" > "$stamp"
echo "venv ready: $VENV ($("$VENV/bin/python" --version))"
