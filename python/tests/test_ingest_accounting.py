"""Every row read by the demo's ingest is accepted or quarantined, per file and per reason, and the
quarantine files and output tables hold exactly those rows."""
import csv
import json

import pyarrow.parquet as pq


def ingest_dirs(demo_out):
    dirs = sorted(p.parent for p in demo_out.rglob("ingest_report.json"))
    assert dirs, f"no ingest_report.json under {demo_out}"
    return dirs


def test_read_equals_accepted_plus_quarantined(demo_out):
    for d in ingest_dirs(demo_out):
        report = json.loads((d / "ingest_report.json").read_text(encoding="utf-8"))
        assert report["reconciled"] is True
        for f in report["files"]:
            assert f["read"] == f["accepted"] + f["quarantined"], f
            assert f["quarantined"] == sum(f["quarantined_by_reason"].values()), f


def test_quarantine_files_hold_the_reported_rows(demo_out):
    for d in ingest_dirs(demo_out):
        report = json.loads((d / "ingest_report.json").read_text(encoding="utf-8"))
        for table, totals in report["totals"].items():
            path = d / "quarantine" / f"{table}.csv"
            rows = list(csv.DictReader(path.open(encoding="utf-8"))) if path.exists() else []
            assert len(rows) == totals["quarantined"], f"{path}: {len(rows)} rows, report says {totals['quarantined']}"
            for row in rows:
                assert row["reason"] and row["raw"], row


def test_output_tables_hold_the_accepted_rows(demo_out):
    for d in ingest_dirs(demo_out):
        report = json.loads((d / "ingest_report.json").read_text(encoding="utf-8"))
        for table in ("poi", "facilities", "census"):
            rows = pq.read_table(d / table).num_rows
            assert rows == report["totals"][table]["accepted"], f"{d / table}: {rows} rows"


# The sample generator's mess kinds, grouped as the ingest names them.
SAMPLE_TO_INGEST = {
    "duplicate": {"duplicate"},
    "bad_coordinate": {"missing_coordinates", "bad_coordinates", "swapped_coordinates", "outside_region"},
    "unknown_typecode": {"unknown_category"},
    "blank_name": {"missing_name"},
    "wrong_column_count": {"malformed_row"},
}


def test_every_injected_mess_row_is_quarantined_with_its_reason(demo_out):
    """The generator records how many broken rows of each kind it wrote; the ingest must find exactly those."""
    checked = 0
    for d in ingest_dirs(demo_out):
        manifest_path = d.parent / "input" / "sample_manifest.json"
        if not manifest_path.exists():
            continue
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        report = json.loads((d / "ingest_report.json").read_text(encoding="utf-8"))
        by_file = {f["file"]: f for f in report["files"] if f["table"] == "poi"}
        for entry in manifest["files"]:
            if not entry["path"].startswith("poi/"):
                continue
            got = by_file[entry["path"]]["quarantined_by_reason"]
            assert by_file[entry["path"]]["read"] == entry["rows"], entry["path"]
            expected = entry.get("expected_quarantine", {})
            for kind, n in expected.items():
                reasons = SAMPLE_TO_INGEST[kind]
                assert sum(got.get(r, 0) for r in reasons) == n, f"{entry['path']}: {kind} expected {n}, got {got}"
            covered = set().union(*(SAMPLE_TO_INGEST[k] for k in expected)) if expected else set()
            # OSM points mirror Amap POIs a few metres away: the only quarantine they may get is duplicate
            allowed = covered | ({"duplicate"} if entry["path"].endswith(".geojson") else set())
            assert set(got) <= allowed, f"{entry['path']}: unexpected reasons {set(got) - allowed}"
            checked += 1
    assert checked > 0
