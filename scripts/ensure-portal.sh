#!/usr/bin/env bash
# Installs the portal's npm packages (portal/package-lock.json) into portal/node_modules: the
# libraries that `lcp release` copies into every release (Leaflet, ECharts) and playwright-core for
# the browser test. No browser is downloaded (the test uses Debian's chromium, scripts/ensure-chromium.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT/portal"
stamp=node_modules/.lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "portal/node_modules up to date"
  exit 0
fi
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
echo "$want" > "$stamp"
echo "portal/node_modules ready"
