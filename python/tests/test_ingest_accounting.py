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
