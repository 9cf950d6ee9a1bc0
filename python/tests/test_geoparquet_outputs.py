"""Reads every GeoParquet table of the demo run with independent readers (pyarrow, geopandas,
geoparquet-validator) and checks the `geo` metadata, CRS, covering bbox and row counts."""
import json
import math

import geopandas
import geoparquet_validator
import pyarrow.parquet as pq
import pytest
import shapely

from conftest import geoparquet_tables


def test_demo_wrote_geoparquet_tables(demo_out):
    names = {t.name for t, _ in geoparquet_tables(demo_out)}
    assert {"poi", "facilities", "admin_units", "census"} <= names, names


def test_every_file_is_conformant_geoparquet_1_1(demo_out):
    checked = 0
    for table, _ in geoparquet_tables(demo_out):
        for part in sorted(table.glob("*.parquet")):
            report = geoparquet_validator.check(str(part))
            failed = geoparquet_validator.failed(report)
            assert not failed, f"{part}: failed {failed}: {report['outcomes']}"
            checked += 1
    assert checked > 0


def test_geo_metadata_crs_covering_and_types(demo_out):
    for table, facts in geoparquet_tables(demo_out):
        for part in sorted(table.glob("*.parquet")):
            meta = pq.read_metadata(part)
            assert meta.num_rows > 0 or len(list(table.glob("*.parquet"))) == 1, f"{part}: empty part file"
            geo = json.loads(meta.metadata[b"geo"])
            assert geo["version"] == "1.1.0"
            column = geo["columns"][geo["primary_column"]]
            assert column["encoding"] == "WKB"
            assert isinstance(column["crs"], dict) and column["crs"]["id"]["code"], f"{part}: crs {column.get('crs')}"
            assert column["covering"]["bbox"]["xmin"] == ["bbox", "xmin"]
            frame = geopandas.read_parquet(part)
            present = sorted(set(frame.geometry.dropna().geom_type))
            assert sorted(column["geometry_types"]) == present, f"{part}: metadata says {column['geometry_types']}, data has {present}"


def test_bbox_column_matches_geometry_bounds(demo_out):
    for table, _ in geoparquet_tables(demo_out):
        frame = geopandas.read_parquet(table)
        raw = pq.read_table(table, columns=["bbox"]).column("bbox").to_pylist()
        bounds = frame.geometry.bounds
        for i, box in enumerate(raw):
            geom = frame.geometry.iloc[i]
            if geom is None:
                assert box is None, f"{table}: row {i} has a bbox but no geometry"
                continue
            for key, col in (("xmin", "minx"), ("ymin", "miny"), ("xmax", "maxx"), ("ymax", "maxy")):
                assert math.isclose(box[key], bounds[col].iloc[i], abs_tol=1e-9), f"{table}: row {i} {key}"


def test_row_counts_match_manifest(demo_out):
    for table, facts in geoparquet_tables(demo_out):
        rows = pq.read_table(table).num_rows
        assert rows == facts["rows"], f"{table}: {rows} rows, manifest says {facts['rows']}"


def test_wgs84_tables_read_as_lon_lat_in_shanxi(demo_out):
    for table, _ in geoparquet_tables(demo_out):
        frame = geopandas.read_parquet(table)
        if frame.crs is None or not frame.crs.is_geographic:
            continue
        xmin, ymin, xmax, ymax = frame.geometry.dropna().total_bounds
        assert 110 <= xmin <= xmax <= 115 and 34 <= ymin <= ymax <= 41, f"{table}: bounds {xmin, ymin, xmax, ymax}"
