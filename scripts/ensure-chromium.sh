#!/usr/bin/env bash
# Installs Debian's chromium for the portal's browser test (portal/test/). The test drives it with
# playwright-core through executablePath; no browser is ever downloaded by npm.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
  echo "chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi
SUDO=""
[[ $(id -u) -ne 0 ]] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium fonts-noto-cjk
echo "chromium installed: $(/usr/bin/chromium --version)"
