#!/usr/bin/env bash
# The venv of the pandana comparison in `lcp bench` (pandana 0.8 from PyPI, pyarrow, numpy), reused while
# python/bench/requirements.txt is unchanged.   scripts/ensure-bench-venv.sh [VENV]   (default: .venv-bench)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
exec "$ROOT/scripts/ensure-venv.sh" "${1:-$ROOT/.venv-bench}" "$ROOT/python/bench/requirements.txt"
