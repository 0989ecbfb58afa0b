"""`kpi status` and `kpi export`: golden output for every format, filters, exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHIPPED_PLAN, Runner, golden

GOLDEN = Path(__file__).parent / "golden"
# Made-up values for tests, except donan-tourists FY2016 (published: 渡島 1,267 + 檜山 105.6).
VALUES = [
    ("donan-tourists", "2016", "1372.6"),
    ("tokachi-food-value-added", "2016", "920"),
    ("tokachi-food-value-added", "2017", "950"),
    ("tokachi-tech-sites", "2017", "14"),
    ("doto-tourists", "2016", "2500"),
    ("tokachi-women-role-models", "2016", "10"),
    ("tokachi-women-role-models", "2017", "15"),
    ("geopark-tourists", "2017", "8900"),
]


@pytest.fixture
def recorded(kpi: Runner, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A work folder with data/plan.toml and data/ledger.csv holding VALUES (relative paths in captions)."""
    Path("data").mkdir()
    shutil.copy(SHIPPED_PLAN, "data/plan.toml")
    monkeypatch.delenv("KPI_LEDGER")
    for kpi_id, year, value in VALUES:
        r = kpi("record", kpi_id, year, value)
        assert r.code == 0, r.err
    return Path("data/ledger.csv")


def test_csv_golden(kpi: Runner, recorded: Path) -> None:
    r = kpi("status", "--region", "十勝")
    assert r.code == 0 and r.err == ""
    golden("status_tokachi.csv", r.out)
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert [x["kpi_id"] for x in rows][:2] == ["geopark-tourists", "tokachi-food-value-added"]
    food = rows[1]
    assert (food["actual"], food["expected"], food["gap"], food["progress"], food["rating"]) == (
        "950",
        "939",
        "11",
        "0.5873",
        "on_track",
    )


def test_year_over_year(kpi: Runner, recorded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """前年度比: the value shown against the previous year's (a cumulative KPI: its running totals)."""
    doc = {k["kpi_id"]: k for k in json.loads(kpi("status", "--region", "十勝", "-f", "json").out)["kpis"]}

    def change(kpi_id: str) -> tuple[object, ...]:
        k = doc[kpi_id]
        return (k["previous_year"], k["previous_value"], k["change"], k["change_rate"])

    assert change("tokachi-food-value-added") == (2016, 920, 30, 0.0326)  # 920 → 950
    assert change("tokachi-women-role-models") == (2016, 10, 15, 1.5)  # running totals 10 → 25
    assert change("doto-tourists") == (None, None, None, None)  # no value for FY2015
    assert change("tokachi-tech-sites") == (None, None, None, None)  # no value for FY2016
    monkeypatch.setenv("COLUMNS", "80")
    table = kpi("status", "--region", "十勝", "-f", "table").out
    assert "食品工業の付加価値額［億円］ 前年度比 +30（+3.3%）" in table  # 80 columns: beside the name
    wide = kpi("status", "--region", "十勝", "--year", "H29", "-f", "markdown").out
    assert "| 950 | +30（+3.3%） | 939 | +11 | 58.7% | 順調 |" in wide


@pytest.mark.parametrize("fmt", ["tsv", "json", "ndjson", "markdown"])
def test_other_formats_golden(kpi: Runner, recorded: Path, fmt: str) -> None:
    r = kpi("status", "--region", "十勝", "--format", fmt)
    assert r.code == 0
    golden(f"status_tokachi.{fmt}", r.out)


def test_json_contract(kpi: Runner, recorded: Path) -> None:
    doc = json.loads(kpi("status", "-f", "json").out)
    assert doc["schema_version"] == 1
    assert doc["ledger_rows"] == len(VALUES)
    assert len(doc["kpis"]) == 40
    assert list(doc["kpis"][0]) == [
        "kpi_id", "kpi_name", "region", "region_id", "project_id", "project", "unit", "kind", "direction",
        "target_op", "baseline_value", "baseline_year", "target_value", "target_year", "as_of_year",
        "as_of_rule", "actual", "expected", "gap", "progress", "achievement", "pace", "needed_per_year",
        "projected", "projected_reaches_target", "rating", "original_target_value", "revised_in",
        "parts_total", "parts_recorded", "partial_year", "review_year", "review_assessment", "review_direction",
        "latest_year", "latest_value", "unknown_years", "previous_year", "previous_value", "change", "change_rate",
        "provisional", "half_year", "first_half", "second_half",
    ]  # fmt: skip
    donan = next(k for k in doc["kpis"] if k["kpi_id"] == "donan-tourists")
    assert (donan["expected"], donan["gap"], donan["progress"], donan["rating"]) == (1273.2, 99.4, 0.7576, "on_track")
    nd = kpi("status", "-f", "ndjson").out.splitlines()
    assert len(nd) == 40 and all(json.loads(line)["schema_version"] == 1 for line in nd)


@pytest.mark.parametrize("width", [80, 120])
def test_table_golden(kpi: Runner, recorded: Path, monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    r = kpi("status", "--region", "十勝", "--format", "table")
    assert r.code == 0
    golden(f"status_tokachi_{width}.txt", r.out)
    from rich.cells import cell_len

    assert max(cell_len(line) for line in r.out.splitlines()) <= width
    assert "十勝: 順調 2 · 遅れ 1 · 悪化 1 · 未記録 3" in r.out


def test_filters(kpi: Runner, recorded: Path) -> None:
    def ids(*args: str) -> list[str]:
        return [x["kpi_id"] for x in csv.DictReader(io.StringIO(kpi("status", *args).out))]

    assert len(ids()) == 40
    assert ids("-r", "オホーツク", "-p", "geopark") == ["geopark-tourists"]
    assert ids("-r", "日高振興局", "--kpi", "geopark-tourists", "--kpi", "hidaka-new-farmers") == [
        "geopark-tourists",
        "hidaka-new-farmers",
    ]
    assert ids("--rating", "on_track") == ["donan-tourists", "tokachi-food-value-added", "tokachi-women-role-models"]
    assert ids("--rating", "悪化", "--rating", "behind") == ["geopark-tourists", "doto-tourists", "tokachi-tech-sites"]
    assert ids("-r", "釧路", "-r", "根室", "--rating", "worse") == ["doto-tourists"]  # ひがし北海道 project


def test_year_option(kpi: Runner, recorded: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(kpi("status", "--kpi", "tokachi-food-value-added", "-y", "H28").out)))
    assert (rows[0]["as_of_year"], rows[0]["as_of_rule"], rows[0]["actual"]) == ("2016", "given", "920")
    r = kpi("status", "-y", "H33")
    assert r.code == 2 and "平成 ended in its 31st year" in r.err


def test_fail_on(kpi: Runner, recorded: Path) -> None:
    r = kpi("status", "--fail-on", "behind", "-f", "csv")
    assert r.code == 3
    assert r.err == (
        "kpi: 3 KPIs are rated behind or worse: geopark-tourists (behind), doto-tourists (worse), "
        "tokachi-tech-sites (behind)\n"
    )
    assert kpi("status", "--fail-on", "worse", "-r", "道南").code == 0
    r = kpi("status", "--fail-on", "bad")
    assert r.code == 2 and "unknown rating 'bad' for --fail-on" in r.err


def test_excel_output(kpi: Runner, recorded: Path, tmp_path: Path) -> None:
    assert kpi("record", "donan-forest-volunteers", "2016", "6000", "--note", '=HYPERLINK("x")').code == 0
    out = tmp_path / "status.csv"
    r = kpi("status", "-r", "道南", "--excel", "-o", str(out))
    assert r.code == 0 and r.out == "" and f"wrote 6 KPIs to {out}" in r.err
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 7 and data.count(b"\n") == 7
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    forest = next(r for r in rows if r[0] == "donan-forest-volunteers")
    assert forest[16] == "6000"  # numbers stay numbers
    e = kpi("export", "-r", "道南", "--excel", "-f", "csv")
    assert '\'=HYPERLINK(""x"")' in e.out  # text that looks like a formula is made inert
    assert kpi("status", "--excel", "-f", "json").code == 2


def test_export(kpi: Runner, recorded: Path) -> None:
    r = kpi("export", "-f", "csv", "-r", "十勝")
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert [(x["kpi_id"], x["year"], x["value"], x["actual"], x["rating"]) for x in rows] == [
        ("geopark-tourists", "2017", "8900", "8900", "behind"),  # expected 9096.2
        ("tokachi-food-value-added", "2016", "920", "920", "on_track"),
        ("tokachi-food-value-added", "2017", "950", "950", "on_track"),
        ("doto-tourists", "2016", "2500", "2500", "worse"),
        ("tokachi-tech-sites", "2017", "14", "14", "behind"),
        ("tokachi-women-role-models", "2016", "10", "10", "nearly"),  # expected 12.5, pace 0.8
        ("tokachi-women-role-models", "2017", "15", "25", "on_track"),
    ]
    assert rows[1]["expected"] == "918" and rows[1]["recorded_by"] == "tester"


def test_pipe_closed_quietly(recorded: Path) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent / "src")
    proc = subprocess.run(
        f"'{sys.executable}' -m kpi_cli status -f csv | head -1",
        shell=True,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        executable="/bin/bash",
    )
    assert proc.stdout.startswith("kpi_id,kpi_name,")
    assert proc.stderr == ""


def test_no_ledger_yet(kpi: Runner) -> None:
    r = kpi("status", "-r", "道南", "-f", "csv")
    assert r.code == 0
    assert all(x["rating"] == "no_data" for x in csv.DictReader(io.StringIO(r.out)))
