"""Human tables fit the terminal, measured in cells (a Japanese character is two)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, SHIPPED_PLAN, Runner
from kpi_cli.render.grid import width


@pytest.fixture
def shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    Path("data").mkdir()
    shutil.copy(SHIPPED_PLAN, "data/plan.toml")
    shutil.copy(REPO / "data" / "ledger.csv", "data/ledger.csv")
    shutil.copy(REPO / "data" / "ledger.csv.head", "data/ledger.csv.head")
    monkeypatch.delenv("KPI_LEDGER")


def widest(text: str) -> int:
    return max(width(line) for line in text.splitlines())


@pytest.mark.parametrize(
    "command",
    [
        ["status", "--region", "十勝"],
        ["status"],
        ["kpis", "--region", "十勝"],
        ["kpis"],
        ["history"],
        ["show", "donan-tourists"],
        ["status", "--year", "2019"],
        ["regions"],
        ["projects"],
        ["missing", "--year", "2019"],
        ["template", "--year", "2019"],
        ["export"],
        ["export", "--wide"],
        ["review", "list"],
    ],
)
@pytest.mark.parametrize("columns", [60, 80, 100, 120])
def test_tables_fit(
    kpi: Runner, shipped: None, monkeypatch: pytest.MonkeyPatch, command: list[str], columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    r = kpi(*command, "--format", "table")
    assert r.code == 0, r.err
    assert widest(r.out) <= columns


def test_ids_and_numbers_are_never_broken(kpi: Runner, shipped: None, monkeypatch: pytest.MonkeyPatch) -> None:
    for columns in (60, 80):
        monkeypatch.setenv("COLUMNS", str(columns))
        out = kpi("kpis", "--format", "table").out
        assert "kushiro-nemuro-child-centers" in out  # the longest id, on one line
        assert "117,809ｋW" in out and "253,846ｋW" in out
        status = kpi("status", "--format", "table").out
        assert "1,797.32" in status and "［万人］" in status


def test_every_region_table_lines_up(kpi: Runner, shipped: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = kpi("status", "--format", "table").out
    headers = [line for line in out.splitlines() if "基準値" in line and "評価" in line]
    assert len(headers) == 6 and len(set(headers)) == 1  # the same column positions in all six regions


def test_sources_and_names_are_never_broken(kpi: Runner, shipped: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a narrow terminal who recorded a value and its source go on lines of their own under it."""
    for columns in (60, 80):
        monkeypatch.setenv("COLUMNS", str(columns))
        show = kpi("show", "donan-tourists", "--format", "table").out
        assert "\n  記録者: published-actuals\n  出典: ehako.com/news/news2017a/11097_index_msg.shtml\n" in show
        history = kpi("history", "--format", "table").out
        assert "donan-tourists@hiyama" in history and "\n  記録者: published-actuals\n" in history


def test_narrow_tables_drop_only_what_says_nothing_new(
    kpi: Runner, shipped: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    wide = kpi("export", "--wide", "--format", "table").out
    assert "H21" not in wide and "H28" in wide  # years without any value go; years with values stay
    assert "\nkushiro-nemuro-child-centers［か所］\n" in wide and "2,789" in wide  # ids (with units) above
    export = kpi("export", "--format", "table").out
    assert "累計" not in export and "1,797.32万人" in export  # no cumulative KPI: no 累計 column
    older = kpi("status", "--year", "2019", "--format", "table").out
    assert "(1,317.2)" in older and "時点" not in older.split("計画:")[0]
    monkeypatch.setenv("COLUMNS", "120")
    assert "（1,317.2）" in kpi("status", "--year", "2019", "--format", "table").out


HELP_PAGES = [[], ["status"], ["import"], ["template"], ["verify"], ["record"], ["review", "add"], ["plan", "add-kpi"]]


@pytest.mark.parametrize("page", HELP_PAGES)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_help_fits_in_cells(kpi: Runner, monkeypatch: pytest.MonkeyPatch, page: list[str], lang: str) -> None:
    """Click counts characters; kpi wraps help in cells (a Japanese character is two). Only an
    example command itself may be wider: it must still paste into a shell whole."""
    monkeypatch.setenv("KPI_LANG", lang)
    for columns in (60, 80):
        monkeypatch.setenv("COLUMNS", str(columns))
        out = kpi(*page, "--help").out
        assert out.count("\n") > 5
        commands = ("kpi ", "--")  # an example command, or its continuation line
        too_wide = [
            line for line in out.splitlines() if width(line) > columns and not line.lstrip().startswith(commands)
        ]
        assert too_wide == []
