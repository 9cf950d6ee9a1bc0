"""Shared fixtures: the demo output directory written by `bin/lcp demo` (scripts/test.sh sets LCP_DEMO_OUT)."""
import json
import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def demo_out() -> Path:
    value = os.environ.get("LCP_DEMO_OUT")
    if not value:
        pytest.fail("LCP_DEMO_OUT is not set: run through `bin/lcp test`, which runs `bin/lcp demo` first, "
                    "or set it to a `bin/lcp demo --out DIR` directory")
    path = Path(value)
    assert path.is_dir(), f"LCP_DEMO_OUT={path} is not a directory"
    return path


def geoparquet_tables(root: Path):
    """Every table directory (or file) below root whose parquet files carry `geo` metadata."""
    import pyarrow.parquet as pq

    tables = []
    for manifest in sorted(root.rglob("manifest.json")):
        outputs = json.loads(manifest.read_text(encoding="utf-8")).get("outputs", {})
        for name, facts in outputs.items():
            table_dir = manifest.parent / name
            if table_dir.is_dir() and "geometry_types" in facts:
                tables.append((table_dir, facts))
    return tables
