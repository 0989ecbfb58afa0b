"""KPIs summed over 振興局 and the published figures shipped with the plan (hand-computed expectations)."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from conftest import REPO, SHIPPED_PLAN, Runner
from kpi_cli.ledger.read import read

SHIPPED_LEDGER = REPO / "data" / "ledger.csv"
PUBLISHED = REPO / "data" / "published-actuals.csv"


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped plan and ledger to work on (the repository's own are never written)."""
    data = tmp_path / "work" / "data"
    data.mkdir(parents=True)
    shutil.copy(SHIPPED_PLAN, data / "plan.toml")
    shutil.copy(SHIPPED_LEDGER, data / "ledger.csv")
    shutil.copy(SHIPPED_LEDGER.with_name("ledger.csv.head"), data / "ledger.csv.head")
    monkeypatch.delenv("KPI_LEDGER")
    return data / "ledger.csv"


def status(kpi: Runner, *args: str) -> dict[str, dict[str, object]]:
    r = kpi("status", "-f", "json", *args)
    assert r.code == 0, r.err
    return {k["kpi_id"]: k for k in json.loads(r.out)["kpis"]}


def test_donan_fy2016_from_its_two_shares(kpi: Runner) -> None:
    assert kpi("record", "donan-tourists", "H28", "1,267", "--office", "渡島").code == 0
    one = status(kpi, "-k", "donan-tourists", "--year", "H28")["donan-tourists"]
    assert (one["actual"], one["rating"], one["parts_recorded"], one["parts_total"]) == (None, "no_data", 1, 2)
    table = kpi("status", "-k", "donan-tourists", "--year", "H28", "-f", "table")
    assert "1/2 振興局" in table.out
    r = kpi("record", "donan-tourists", "H28", "105.6", "--office", "檜山振興局")
    assert r.out.startswith("recorded: 観光入込客数 檜山分 [donan-tourists@hiyama] H28/2016 = 105.6万人")
    s = status(kpi, "-k", "donan-tourists", "--year", "H28")["donan-tourists"]
    assert (s["actual"], s["expected"], s["gap"], s["progress"], s["rating"]) == (
        1372.6,
        1273.2,
        99.4,
        0.7576,
        "on_track",
    )
    assert (s["parts_recorded"], s["partial_year"]) == (None, None)
    # a value for the whole KPI wins over its shares
    assert kpi("record", "donan-tourists", "H28", "1,400").code == 0
    assert status(kpi, "-k", "donan-tourists", "--year", "H28")["donan-tourists"]["actual"] == 1400


def test_a_share_of_an_office_that_is_not_a_part_is_refused(kpi: Runner, ledger_path: Path) -> None:
    r = kpi("record", "donan-tourists", "H28", "1000", "--office", "十勝")
    assert r.code == 2
    assert r.err == "kpi: 十勝 is not a part of donan-tourists; its parts are 渡島 (oshima), 檜山 (hiyama)\n"
    r = kpi("record", "tokachi-tech-sites", "H28", "1", "--office", "十勝")
    assert r.code == 2 and "is recorded for the whole KPI, not per 振興局" in r.err
    r = kpi("record", "donan-tourists", "H28", "1000", "--office", "渡嶋")
    assert r.code == 2 and r.err.startswith("kpi: unknown 振興局 '渡嶋'; did you mean 渡島?")
    assert not ledger_path.exists()


def test_shares_by_import_correct_and_history(kpi: Runner, tmp_path: Path) -> None:
    src = tmp_path / "s.csv"
    src.write_text("KPI ID,振興局,年度,実績値\ndonan-tourists,渡島,H28,1267\ndonan-tourists,檜山,H28,105\n", "utf-8")
    assert kpi("import", str(src)).code == 0
    fix = kpi("record", "donan-tourists", "H28", "105.6", "--office", "檜山", "--correct")
    assert fix.code == 0, fix.err
    rows = json.loads(kpi("history", "donan-tourists", "--oldest-first", "-f", "json").out)["rows"]
    assert [(r["kpi_id"], r["value"], r["superseded"]) for r in rows] == [
        ("donan-tourists@oshima", 1267, False),
        ("donan-tourists@hiyama", 105, True),
        ("donan-tourists@hiyama", 105.6, False),
    ]
    assert status(kpi, "-k", "donan-tourists", "--year", "H28")["donan-tourists"]["actual"] == 1372.6
    assert kpi("verify").code == 0


def test_kpis_lists_the_parts(kpi: Runner) -> None:
    doc = json.loads(kpi("kpis", "-f", "json").out)
    parts = {k["id"]: k["parts"] for k in doc["kpis"] if k["parts"]}
    assert parts == {
        "iburi-hidaka-tourists": ["iburi", "hidaka"],
        "donan-tourists": ["oshima", "hiyama"],
        "dohoku-tourists": ["kamikawa", "rumoi", "soya"],
        "okhotsk-tourists": ["okhotsk"],
        "doto-tourists": ["tokachi", "okhotsk", "kushiro", "nemuro"],
        "kushiro-nemuro-tourists": ["kushiro", "nemuro"],
    }
    row = next(line for line in kpi("kpis", "-f", "csv").out.splitlines() if line.startswith("donan-tourists,"))
    assert ",oshima;hiyama,inferred," in row


def test_the_shipped_ledger_is_the_published_figures(kpi: Runner) -> None:
    published = list(csv.DictReader(PUBLISHED.open(encoding="utf-8")))
    got = read(SHIPPED_LEDGER)
    assert not got.problems and got.row_count == len(published) == 33
    names = {"オホーツク": "okhotsk", "十勝": "tokachi", "釧路": "kushiro", "根室": "nemuro", "渡島": "oshima"}
    names |= {"檜山": "hiyama", "上川": "kamikawa", "留萌": "rumoi", "宗谷": "soya", "胆振": "iburi", "日高": "hidaka"}
    for row in published:
        assert row["source"], row  # every figure with its source
        assert int(row["year"]) <= 2020, row  # the span of the H28.7 edition
        key = row["kpi_id"] + ("@" + names[row["office"]] if row["office"] else "")
        recorded = got.newest(key, int(row["year"]))
        assert recorded is not None and recorded.value == row["value"], row
        assert (recorded.source, recorded.note) == (row["source"], row["note"])


def test_the_shipped_ledger_passes_verify_with_the_rounding_note(kpi: Runner, shipped: Path) -> None:
    before = hashlib.sha256(SHIPPED_LEDGER.read_bytes()).hexdigest()
    r = kpi("verify")
    assert r.code == 0, r.out
    assert r.out.splitlines()[0] == (
        "note: doto-tourists R2/2020: the value for the whole KPI 1,821 differs from the sum of its 4 shares 1,819 "
        "(706 + 577 + 430 + 106) by 2, more than the rounding of the figures (±0.5); the whole-KPI value is used"
    )
    assert hashlib.sha256(SHIPPED_LEDGER.read_bytes()).hexdigest() == before


def test_dohoku_fy2018_is_the_sum_and_fy2019_is_completed_by_rumoi(kpi: Runner, shipped: Path) -> None:
    s = status(kpi, "--region", "道北")["dohoku-tourists"]
    assert (s["as_of_year"], s["actual"], s["partial_year"], s["parts_recorded"]) == (2018, 2286.07, 2020, 2)
    one = status(kpi, "--region", "道北", "--year", "R1")["dohoku-tourists"]
    assert (one["actual"], one["rating"], one["parts_recorded"]) == (None, "no_data", 2)
    r = kpi("record", "dohoku-tourists", "2019", "12.34", "--office", "留萌")  # a made-up share, in a copy
    assert r.code == 0, r.err
    done = status(kpi, "--region", "道北")["dohoku-tourists"]
    assert (done["as_of_year"], done["actual"]) == (2019, 2124.52)  # 1,903.6 + 12.34 + 208.58


def test_tokachi_quick_start_shows_doto_fy2020(kpi: Runner, shipped: Path) -> None:
    s = status(kpi, "--region", "十勝")["doto-tourists"]
    assert (s["as_of_year"], s["actual"], s["rating"]) == (2020, 1821, "worse")


def test_void_takes_back_one_share(kpi: Runner) -> None:
    assert kpi("record", "donan-tourists", "H28", "1267", "--office", "渡島").code == 0
    assert kpi("record", "donan-tourists", "H28", "105.6", "--office", "檜山").code == 0
    r = kpi("void", "donan-tourists", "H28", "--office", "檜山", "--reason", "wrong office")
    assert r.code == 0 and r.out.startswith("voided: 観光入込客数 檜山分 [donan-tourists@hiyama] H28/2016")
    s = status(kpi, "-k", "donan-tourists", "--year", "H28")["donan-tourists"]
    assert (s["actual"], s["parts_recorded"]) == (None, 1)
    bad = kpi("void", "donan-tourists", "H28", "--office", "十勝", "--reason", "x")
    assert bad.code == 2 and "is not a part of donan-tourists" in bad.err
