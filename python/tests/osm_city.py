"""Test-city fixtures from a real OSM extract: a complete `lcp` input directory and city YAML.

TEST FIXTURE, NOT OFFICIAL DATA. The streets and POIs are real OpenStreetMap data (© OpenStreetMap contributors,
ODbL 1.0); the admin codes (99xxxx, no Chinese province uses 99), county outlines (the street bounding box plus a
margin), census and statistics rows are made up for the test and say so in every file.
"""
from __future__ import annotations

import csv
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import osmium

FIXTURE_NOTE = "TEST FIXTURE, not official data: made by python/tests/osm_city.py from an OpenStreetMap extract"
OSM_NOTE = "real OpenStreetMap data, © OpenStreetMap contributors, ODbL 1.0 (test fixture, not official data)"
POI_KEYS = ("amenity", "shop")
# the outline reaches this far beyond the streets, so some cells are farther than link_radius_m (500 m) from any street
OUTLINE_MARGIN_M = 700.0


@dataclass(frozen=True)
class TestCity:
    """One test city: its extract, metric CRS and made-up codes."""
    city_id: str
    name_en: str
    pbf_name: str
    crs: str
    admin_code: str

    @property
    def county_code(self) -> str:
        return self.admin_code[:4] + "01"


HELSINKI = TestCity("helsinki_fixture", "Helsinki (test fixture)", "Helsinki.osm.pbf", "EPSG:3067", "990100")
MONACO = TestCity("monaco_fixture", "Monaco (test fixture)", "monaco.osm.pbf", "EPSG:32632", "990200")


@dataclass(frozen=True)
class Written:
    input_dir: Path
    config: Path
    n_pois: int
    outline_lonlat: tuple[float, float, float, float]


class _Scan(osmium.SimpleHandler):
    """Highway bounding box and amenity/shop nodes, read with libosmium (not the pipeline's reader)."""

    def __init__(self):
        super().__init__()
        self.box = [float("inf"), float("inf"), float("-inf"), float("-inf")]
        self.pois = []

    def node(self, n):
        tags = {t.k: t.v for t in n.tags}
        if any(k in tags for k in POI_KEYS) and n.location.valid():
            self.pois.append((n.id, n.location.lon, n.location.lat, tags))

    def way(self, w):
        if "highway" not in w.tags:
            return
        for nd in w.nodes:
            if nd.location.valid():
                b = self.box
                b[0], b[1] = min(b[0], nd.lon), min(b[1], nd.lat)
                b[2], b[3] = max(b[2], nd.lon), max(b[3], nd.lat)


def category_osm_tags(categories_yaml: Path) -> dict:
    """category id -> its OSM tag conditions, each a dict ("amenity=school&isced:level=1" -> two tags), read from
    conf/categories.yaml (flow lists of one line, as the file writes them)."""
    out, current = {}, None
    for line in categories_yaml.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^  - id: ([a-z0-9_]+)\s*$", line)
        if m:
            current = m.group(1)
            continue
        m = re.match(r"^    osm_tags: (\[.*\])\s*$", line)
        if m and current:
            out[current] = [dict(c.split("=", 1) for c in cond.split("&")) for cond in json.loads(m.group(1))]
    return out


def matches(condition: dict, tags: dict) -> bool:
    """An osm_tags condition holds: every key's value is one element of the tag's ;-separated list."""
    return all(v in tags.get(k, "").split(";") for k, v in condition.items())


def scan(pbf: Path) -> _Scan:
    s = _Scan()
    s.apply_file(str(pbf), locations=True)
    return s


def outline_box(city: TestCity, highway_box) -> tuple[float, float, float, float]:
    """The highway box widened by OUTLINE_MARGIN_M (converted to degrees at the box's latitude)."""
    import math
    lat = (highway_box[1] + highway_box[3]) / 2
    dlat = OUTLINE_MARGIN_M / 111_320.0
    dlon = OUTLINE_MARGIN_M / (111_320.0 * math.cos(math.radians(lat)))
    return (highway_box[0] - dlon, highway_box[1] - dlat, highway_box[2] + dlon, highway_box[3] + dlat)


def poi_features(pois, note: str) -> dict:
    features = []
    for osm_id, lon, lat, tags in pois:
        props = {k: v for k, v in tags.items()}
        # a unique name: unnamed POIs would be quarantined (missing_name), same-named neighbours collapsed
        props["name"] = f"{tags.get('name', 'unnamed')} #{osm_id}"
        props["osm_id"] = osm_id
        features.append({"type": "Feature", "properties": props,
                         "geometry": {"type": "Point", "coordinates": [lon, lat]}})
    return {"type": "FeatureCollection", "lcp_note": note, "features": features}


def write_city(city: TestCity, pbf: Path, out: Path, walking_model: str = "network",
               extra_pois: list[tuple[int, float, float, dict]] | None = None) -> Written:
    """Writes `out/input/` and `out/<city_id>.yaml`. extra_pois (id, lon, lat, tags) go to their own POI file."""
    s = scan(pbf)
    box = outline_box(city, s.box)
    input_dir = out / "input"
    if input_dir.exists():
        shutil.rmtree(input_dir)
    (input_dir / "poi").mkdir(parents=True)
    shutil.copyfile(pbf, input_dir / "streets.osm.pbf")
    (input_dir / "poi" / f"osm_{city.city_id}.geojson").write_text(
        json.dumps(poi_features(s.pois, f"{OSM_NOTE}; amenity/shop nodes of {pbf.name}; names suffixed with the OSM id"),
                   ensure_ascii=False), encoding="utf-8")
    if extra_pois:
        (input_dir / "poi" / f"osm_{city.city_id}_targets.geojson").write_text(
            json.dumps(poi_features(extra_pois, f"{FIXTURE_NOTE}; SYNTHETIC POIs placed by the network oracle's "
                                                "targeted cases (not in OpenStreetMap)"), ensure_ascii=False),
            encoding="utf-8")
    ring = [[box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]], [box[0], box[1]]]
    (input_dir / "county_outlines.geojson").write_text(json.dumps({
        "type": "FeatureCollection", "lcp_note": FIXTURE_NOTE + "; outline = street bounding box + "
                                                                f"{OUTLINE_MARGIN_M:.0f} m, not a real boundary",
        "features": [{"type": "Feature", "properties": {
            "province_code": city.admin_code[:2], "city_code": city.admin_code, "city_name": city.name_en,
            "county_code": city.county_code, "county_name": city.name_en + " county", "source_name": "test fixture"},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}]}), encoding="utf-8")
    township = city.county_code + "001"
    with open(input_dir / "admin_codes.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["code", "name", "level", "parent_code", "city_code", "county_code"])
        w.writerow([city.admin_code, city.name_en, "city", city.admin_code[:2], city.admin_code, ""])
        w.writerow([city.county_code, city.name_en + " county", "county", city.admin_code, city.admin_code,
                    city.county_code])
        w.writerow([township, city.name_en + " township", "township", city.county_code, city.admin_code,
                    city.county_code])
    with open(input_dir / "census.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["admin_code", "admin_name", "level", "pop_total", "pop_0_2", "pop_3_5", "pop_6_14",
                    "pop_60_plus", "pop_65_plus", "households", "year", "source", "data_note"])
        for code, name, level in ((city.county_code, city.name_en + " county", "county"),
                                  (township, city.name_en + " township", "township")):
            w.writerow([code, name, level, 10000, 300, 300, 900, 2000, 1500, 4500, 2020, "test fixture (made up)",
                        FIXTURE_NOTE])
    with open(input_dir / "statistics.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["admin_code", "indicator", "value", "unit", "year", "source", "data_note"])
        w.writerow([city.admin_code, "pop_total", 10000, "persons", 2020, "test fixture (made up)", FIXTURE_NOTE])
    with open(input_dir / "facilities.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerow(["id", "name", "category", "capacity", "capacity_unit", "nursing_beds", "address",
                                "lng", "lat", "crs", "county_code", "source", "location_note", "data_note"])
    (input_dir / "README.md").write_text(
        f"# {city.name_en}\n\n{FIXTURE_NOTE}.\n\nStreets and POIs: {OSM_NOTE} ({pbf.name}). Admin codes, outline, "
        "census and statistics: made up for the test.\n", encoding="utf-8")
    config = out / f"{city.city_id}.yaml"
    config.write_text("# " + FIXTURE_NOTE + "\n" + json.dumps(city_config(city, walking_model), indent=1,
                                                              ensure_ascii=False) + "\n", encoding="utf-8")
    return Written(input_dir, config, len(s.pois) + len(extra_pois or []), box)


def city_config(city: TestCity, walking_model: str) -> dict:
    src = "test fixture (python/tests/osm_city.py), not an official figure"
    walking = {
        "speed_m_per_min": 80, "speed_m_per_min_source": src + "; as the Shanxi cities (seed 000)",
        "detour_factor": 1.3, "detour_factor_source": src,
        "thresholds_min": [5, 10, 15], "thresholds_min_source": src,
        "search_limit_m": 3000, "search_limit_m_source": src,
    }
    data = {
        "poi": [{"glob": "poi/osm_*.geojson", "crs": "wgs84"}],
        "facilities": "facilities.csv", "census": "census.csv", "statistics": "statistics.csv",
        "county_outlines": "county_outlines.geojson", "admin_codes": "admin_codes.csv",
        "duplicate_radius_m": 30, "duplicate_radius_m_source": src,
    }
    if walking_model == "network":
        walking.update({
            "model": "network", "model_source": src,
            "link_radius_m": 500, "link_radius_m_source": src,
            "unlinked": "straight_line", "unlinked_source": src,
            "private_ways": "compound", "private_ways_source": src,
            "min_component_edges": 40, "min_component_edges_source": src,
        })
        data["osm_pbf"] = "streets.osm.pbf"
    catch = {k: 10 for k in ("nursery_places", "kindergarten_places", "elderly_beds", "school_places",
                             "hospital_beds")}
    catch.update({k + "_source": src for k in list(catch)})
    return {
        "id": city.city_id, "name_zh": city.name_en, "name_en": city.name_en,
        "admin_code": city.admin_code, "admin_code_source": src + "; 99xxxx is no Chinese code",
        "counties_source": src,
        "counties": [{"code": city.county_code, "name_zh": city.name_en + " county", "name_en": city.name_en + " county",
                      "pilot_year": None, "pilot_year_source": src}],
        "neighbours": [], "neighbours_source": src,
        "crs": city.crs, "crs_source": src + "; the metric CRS of the extract's country",
        "cell_size_m": 100, "cell_size_m_source": src,
        "h3_resolution": None, "h3_resolution_source": src,
        "walking": walking,
        "e2sfca": {"decay": "gaussian", "decay_source": src, "catchment_min": catch},
        "data": data,
        "sample": {"seed": 1, "seed_source": src, "population_density_per_km2": 5000,
                   "population_density_per_km2_source": src},
    }
