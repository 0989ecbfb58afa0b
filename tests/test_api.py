"""The library face gives what the command line gives: api.status_records equals the `kpis` of
`kpi status --format json` for every KPI of the shipped plan and ledger."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import SHIPPED_PLAN, Runner
from kpi_cli import api
from kpi_cli.render.machine import dumps, json_value


def _shipped(monkeypatch: pytest.MonkeyPatch) -> Path:
    Path("data").mkdir()
    shutil.copy(SHIPPED_PLAN, "data/plan.toml")
    shutil.copy(SHIPPED_PLAN.with_name("ledger.csv"), "data/ledger.csv")
    shutil.copy(SHIPPED_PLAN.with_name("ledger.csv.head"), "data/ledger.csv.head")
    monkeypatch.delenv("KPI_LEDGER")
    return Path("data")


@pytest.mark.parametrize("year", [None, "R1", "R2"])
def test_status_records_equal_the_cli(kpi: Runner, monkeypatch: pytest.MonkeyPatch, year: str | None) -> None:
    data = _shipped(monkeypatch)
    r = kpi("status", "--format", "json", *(["--year", year] if year else []))
    assert r.code == 0, r.err
    cli = json.loads(r.out, parse_float=Decimal)["kpis"]
    plan = api.load_plan(data / "plan.toml")
    ledger = api.read_ledger(data / "ledger.csv")
    as_of = {"R1": 2019, "R2": 2020, None: None}[year]
    records = api.status_records(plan, ledger, year=as_of)
    mine = json.loads(dumps([json_value(r) for r in records]), parse_float=Decimal)
    assert len(mine) == len(cli) == 40
    assert mine == cli


def test_shares_are_summed_for_the_library_too(kpi: Runner, ledger_path: Path) -> None:
    """doto-tourists recorded only as its four office shares: the library rates the sum, as
    `kpi status` does (it returned no_data before)."""
    for office, value in (("十勝", "1012"), ("オホーツク", "875.14"), ("釧路", "700"), ("根室", "190")):
        assert kpi("record", "doto-tourists", "R1", value, "--office", office).code == 0
    plan = api.load_plan(SHIPPED_PLAN)
    ledger = api.read_ledger(ledger_path)
    (doto,) = [s for s in api.statuses(plan, ledger, year=2019, current_fy=2026) if s.kpi.id == "doto-tourists"]
    assert doto.actual == Decimal("2777.14") == api.kpi_values(plan, ledger).actuals["doto-tourists"][2019]
    assert doto.rating is not api.Rating.no_data
