"""`kpi diff Y1 Y2`: the KPIs whose rating changed between two years, and the projects whose review changed."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import Runner, digest
from kpi_cli.render.grid import width
from tokachi_year import record_year


@pytest.fixture
def two_years(kpi: Runner, tmp_path: Path) -> None:
    record_year(kpi, tmp_path)  # FY2016-FY2020 figures, R1 reviews of the four 十勝 projects
    same = kpi("review", "add", "tokachi-food-hub", "R2", "-a", "概ね順調に展開", "-d", "継続")  # as in R1
    other = kpi("review", "add", "tokachi-next-industry", "R2", "-a", "概ね順調に展開", "-d", "継続")  # R1: 拡充
    assert same.code == 0 and other.code == 0


def test_ratings_and_reviews_that_changed(kpi: Runner, two_years: None) -> None:
    r = kpi("diff", "R1", "R2", "--region", "十勝", "-f", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["years"] == [2019, 2020]
    changes = {(c["what"], c["id"]): c for c in doc["changes"]}
    assert list(changes) == [
        ("kpi", "geopark-tourists"),  # R1 遅れ; no R2 value: 未記録
        ("kpi", "doto-tourists"),  # 2,821.44 遅れ → 706 + 577 + 430 + 106 = 1,819 below the baseline: 悪化
        ("kpi", "tokachi-tech-sites"),
        ("kpi", "tokachi-renewable-capacity"),
        ("kpi", "tokachi-trial-stay-days"),
        ("review", "higashi-hokkaido-tourism"),  # reviewed for R1 only
        ("review", "tokachi-next-industry"),  # 拡充 → 継続
        ("review", "tokachi-diverse-talent"),
    ]  # food value added (962 → 987.6) stays 概ね順調; tokachi-food-hub's review is the same both years
    doto = changes[("kpi", "doto-tourists")]
    assert (doto["before"], doto["after"]) == ("behind", "worse")
    assert (doto["value_before"], doto["value_after"]) == (2821.44, 1819)
    nxt = changes[("review", "tokachi-next-industry")]
    assert (nxt["before"], nxt["after"], nxt["direction_before"], nxt["direction_after"]) == (
        "on_course",
        "on_course",
        "expand",
        "continue",
    )
    rows = list(csv.DictReader(io.StringIO(kpi("diff", "2019", "令和2年度", "--region", "十勝", "-f", "csv").out)))
    assert len(rows) == 8 and rows[1]["value_after"] == "1819"


def test_the_table_fits_60_columns(kpi: Runner, two_years: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    r = kpi("diff", "R1", "R2", "--region", "十勝", "-f", "table")
    assert r.code == 0, r.err
    assert max(width(line) for line in r.out.splitlines()) <= 60
    assert r.out.startswith("R1/2019 → R2/2020 の変化 8件\n")
    lines = r.out.splitlines()
    doto = next(i for i, line in enumerate(lines) if line.startswith("KPI   道東地域への観光"))
    assert lines[doto].split()[-2:] == ["遅れ", "悪化"]
    assert lines[doto + 1].split()[-2:] == ["2,821.44万人", "1,819万人"]


def test_the_same_year_twice_is_refused(kpi: Runner, ledger_path: Path) -> None:
    before = digest(ledger_path)
    r = kpi("diff", "R1", "2019")
    assert (r.code, r.out) == (2, "")
    assert r.err == "kpi: both years are R1/2019; give two different years, e.g. kpi diff R1 R2\n"
    assert digest(ledger_path) == before
