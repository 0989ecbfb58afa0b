"""Every table fits a 60-column terminal with a real year's data in it: FY2016–FY2020 figures for 十勝, 道東 as
four 振興局 shares, a 累計 KPI's yearly counts, the R1 reviews with their texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Runner
from kpi_cli.render.grid import width
from tokachi_year import record_year

COMMANDS = [
    ["status"],
    ["status", "--region", "十勝"],
    ["status", "--region", "十勝", "--year", "R1"],
    ["status", "--region", "十勝", "--year", "R2", "--sort", "gap"],
    ["export", "--region", "十勝"],
    ["export", "--wide", "--region", "十勝"],
    ["export", "--wide"],
    ["show", "doto-tourists"],
    ["show", "tokachi-women-role-models", "--year", "R1"],
    ["history"],
    ["history", "--office", "十勝"],
    ["history", "doto-tourists"],
    ["missing", "--year", "R2"],
    ["missing", "--year", "R2", "--region", "十勝"],
    ["template", "--year", "R2", "--region", "十勝", "--all"],
    ["review", "list"],
    ["review", "template", "--year", "R1", "--region", "十勝"],
    ["diff", "R1", "R2", "--region", "十勝"],
    ["diff", "H30", "R1"],
    ["kpis", "--region", "十勝"],
    ["projects", "--region", "十勝"],
    ["regions"],
]


@pytest.fixture
def year(kpi: Runner, tmp_path: Path) -> None:
    record_year(kpi, tmp_path)


@pytest.mark.parametrize("columns", [60, 80])
def test_every_table_fits(kpi: Runner, year: None, monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    too_wide = {}
    for command in COMMANDS:
        r = kpi(*command, "--format", "table")
        assert r.code == 0, (command, r.err)
        widest = max(width(line) for line in r.out.splitlines())
        if widest > columns:
            too_wide[" ".join(command)] = max(r.out.splitlines(), key=width)
    assert too_wide == {}
