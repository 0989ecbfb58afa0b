"""Cumulative KPIs entered as running totals: detected, refused without a decision, converted on request."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import Runner
from kpi_cli.core.model import Plan
from kpi_cli.core.running_totals import looks_like_running_totals, yearly_counts
from kpi_cli.ledger.read import read

KPI = "tokachi-women-role-models"  # 累計, H28–R1, target 50件


def write(path: Path, values: list[int]) -> Path:
    rows = "".join(f"{KPI},{2016 + i},{v}\n" for i, v in enumerate(values))
    path.write_text("kpi_id,year,value\n" + rows, "utf-8")
    return path


def stored(kpi: Runner) -> list[tuple[int, int]]:
    rows = json.loads(kpi("history", KPI, "--oldest-first", "-f", "json").out)["rows"]
    return [(r["year"], r["value"]) for r in rows if not r["superseded"]]


def test_running_totals_are_refused_until_decided(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    src = write(tmp_path / "r.csv", [10, 22, 35, 48])
    r = kpi("import", str(src))
    assert r.code == 2
    assert r.err == (
        f"kpi: {KPI} is cumulative (累計: each year's own count, added up by kpi), but its values 10, 22, 35, 48 "
        "(H28–R1) look like running totals; add --running-total if they are totals so far (kpi stores each "
        "year's own count), or --yearly if they are each year's own counts\n"
    )
    assert not ledger_path.exists()
    r = kpi("import", str(src), "--running-total")
    assert r.code == 0, r.err
    assert stored(kpi) == [(2016, 10), (2017, 12), (2018, 13), (2019, 13)]
    assert f"kpi: {KPI} H29/2017: running total 22 stored as that year's own count 12\n" in r.err
    status = json.loads(kpi("status", "-k", KPI, "-f", "json").out)["kpis"][0]
    assert (status["actual"], status["rating"]) == (48, "nearly")
    again = kpi("import", str(src), "--running-total")  # the same totals again: unchanged
    assert again.code == 0 and "4 unchanged" in again.out


def test_yearly_counts_that_grow_can_be_kept(kpi: Runner, tmp_path: Path) -> None:
    src = write(tmp_path / "r.csv", [10, 22, 35, 48])
    assert kpi("import", str(src), "--yearly").code == 0
    assert stored(kpi) == [(2016, 10), (2017, 22), (2018, 35), (2019, 48)]
    assert kpi("import", str(src), "--yearly", "--running-total").code == 2


def test_real_yearly_counts_pass_without_a_flag(kpi: Runner, tmp_path: Path) -> None:
    assert kpi("import", str(write(tmp_path / "r.csv", [10, 12, 13, 13]))).code == 0


def test_recording_a_running_total_after_yearly_counts(kpi: Runner) -> None:
    assert kpi("record", KPI, "H28", "10").code == 0
    assert kpi("record", KPI, "H29", "12").code == 0
    r = kpi("record", KPI, "H30", "35", "--running-total")  # the office sent the total so far
    assert r.code == 0
    assert r.err == f"kpi: {KPI} H30/2018: running total 35 stored as that year's own count 13\n"
    assert stored(kpi)[-1] == (2018, 13)
    fell = kpi("record", KPI, "R1", "20", "--running-total")
    assert fell.code == 2
    assert fell.err == (
        f"kpi: {KPI} R1/2019: the running total 20 is below the 35 counted before that year; check the totals\n"
    )


@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=8))
def test_yearly_counts_add_up_to_the_totals(steps: list[int]) -> None:
    """Law: for totals that never fall, the counts kpi stores add up to each total."""
    from kpi_cli.locations import PACKAGED_PLAN
    from kpi_cli.plan.load import load_plan

    kpi = load_plan(PACKAGED_PLAN).kpi(KPI)
    totals, running = {}, 0
    for i, step in enumerate(steps):
        running += step
        totals[2016 + i] = Decimal(running)
    counts = yearly_counts(kpi, {}, totals)
    acc = Decimal(0)
    for year in sorted(totals):
        own = counts[year]
        assert isinstance(own, Decimal) and own >= 0
        acc += own
        assert acc == totals[year]


def test_detection_needs_growth_and_excess(plan: Plan) -> None:
    kpi = plan.kpi(KPI)
    years = range(2016, 2020)
    assert looks_like_running_totals(kpi, dict(zip(years, map(Decimal, [10, 22, 35, 48]), strict=True)))
    assert not looks_like_running_totals(kpi, dict(zip(years, map(Decimal, [10, 12, 13, 13]), strict=True)))
    assert not looks_like_running_totals(kpi, dict(zip(years, map(Decimal, [40, 30, 35, 48]), strict=True)))
    assert not looks_like_running_totals(plan.kpi("donan-tourists"), {2016: Decimal(1), 2017: Decimal(100)})


def test_a_year_never_recorded_is_not_a_zero(kpi: Runner) -> None:
    """A cumulative KPI is not rated while a year of its period up to the as-of year is unknown; the
    unknown years are said (made-up counts)."""
    assert kpi("record", KPI, "R1", "12").code == 0
    doc = json.loads(kpi("status", "-k", KPI, "--year", "R1", "-f", "json").out)["kpis"][0]
    assert (doc["actual"], doc["rating"], doc["unknown_years"]) == (None, "no_data", [2016, 2017, 2018])
    table = kpi("status", "-k", KPI, "--year", "R1", "-f", "table").out
    assert "H28～H30不明" in table
    for year, value in (("H28", "10"), ("H29", "11"), ("H30", "12")):
        assert kpi("record", KPI, year, value).code == 0
    doc = json.loads(kpi("status", "-k", KPI, "--year", "R1", "-f", "json").out)["kpis"][0]
    assert (doc["actual"], doc["unknown_years"], doc["rating"]) == (45, [], "nearly")  # 90 % of 50


def test_record_says_which_form_a_cumulative_value_takes(kpi: Runner) -> None:
    r = kpi("record", KPI, "R1", "12")
    assert r.code == 0
    assert r.err == (
        f"kpi: {KPI} R1/2019: taken as that year's own count (累計 KPIs are recorded year by year); "
        "the total so far is not known until H28, H29, H30 are recorded\n"
    )
    r = kpi("record", KPI, "H28", "10")
    assert r.err.endswith("the total so far is 10件\n")


def test_a_single_value_beyond_the_whole_target_is_refused(kpi: Runner, ledger_path: Path) -> None:
    """50件 is the target of H28–R1 together: 60 for one year is a running total typed by mistake."""
    r = kpi("record", KPI, "H29", "60")
    assert r.code == 2 and "60 is more than the target of the whole period (50)" in r.err
    assert not ledger_path.exists()
    assert kpi("record", KPI, "H29", "60", "--yearly").code == 0


def test_a_running_total_after_unknown_years_is_kept_as_a_total(kpi: Runner, ledger_path: Path) -> None:
    """Without H28–H29, a total at H30 cannot be split into that year's own count: it is kept as the
    running total it is (form total), never as a year's count (test_ledger_v2 rates it)."""
    r = kpi("record", KPI, "H30", "30", "--running-total")
    assert r.code == 0, r.err
    assert "kept as the running total so far, 30 (the counts of H28, H29 are not recorded" in r.err
    (row,) = read(ledger_path, keep=frozenset()).kept
    assert (row.value, row.form) == ("30", "total")
