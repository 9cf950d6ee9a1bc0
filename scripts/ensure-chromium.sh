#!/usr/bin/env bash
# Installs Debian's chromium and a CJK font (fonts-noto-cjk: Noto Sans CJK SC) for the portal's
# browser test (portal/test/), which drives chromium with playwright-core through executablePath (no
# browser is ever downloaded by npm) and checks that the page's Chinese renders as glyphs, not boxes.
# Installs only what is missing; as root directly, else through sudo when it works without a password,
# else stops with one line saying what to install.
set -euo pipefail
need=()
[[ -x /usr/bin/chromium ]] || need+=(chromium)
if ! fc-list ':lang=zh-cn' family 2>/dev/null | grep -qi 'Noto Sans CJK'; then
  need+=(fonts-noto-cjk)
fi
if [[ ${#need[@]} -eq 0 ]]; then
  echo "chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium); CJK font: $(fc-list ':lang=zh-cn' family | grep -i -m1 'Noto Sans CJK')"
  exit 0
fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "ensure-chromium: Cannot install ${need[*]}: not root and no password-less sudo; run 'sudo apt-get install ${need[*]}' once" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
echo "installed ${need[*]}: $(/usr/bin/chromium --version)"
