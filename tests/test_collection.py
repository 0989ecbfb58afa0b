"""Who owes what, one rule: every value of a year is asked of exactly one 振興局 — its own share of a
KPI summed over 振興局, or a KPI of a project it leads — and template and missing agree."""

from __future__ import annotations

import json

from conftest import Runner
from kpi_cli.core.model import Plan, owners, plan_span
from kpi_cli.reports.collection import collection, missing_by_office
from kpi_cli.reports.values import KpiValues

NOTHING = KpiValues({}, {}, {}, {}, {}, {})


def test_every_value_is_owed_by_exactly_one_office(plan: Plan) -> None:
    low, high = plan_span(plan)
    for year in range(low, high + 1):
        everything = collection(plan, NOTHING, year)
        keys = [(o.kpi.id, o.office.id) for o in everything]
        assert len(keys) == len(set(keys)), year
        per_office = [o for office in plan.offices for o in collection(plan, NOTHING, year, offices=[office.name])]
        assert sorted((o.kpi.id, o.office.id) for o in per_office) == sorted(keys), year
        for o in everything:
            assert o.office.id in owners(plan, o.kpi)
            assert o.share == bool(o.kpi.parts)


def test_template_and_missing_agree_for_every_office_and_year(plan: Plan) -> None:
    low, high = plan_span(plan)
    for year in range(low, high + 1):
        for office in plan.offices:
            asked = collection(plan, NOTHING, year, offices=[office.name])
            counts = missing_by_office(plan, asked, frozenset({office.id}))
            owed = [o for c in counts for o in c.owed]
            assert [(o.kpi.id, o.office.id) for o in owed] == [(o.kpi.id, o.office.id) for o in asked]


def test_a_cumulative_kpi_is_asked_only_within_its_period(plan: Plan) -> None:
    """tokachi-women-role-models counts H28–R1: the R2 sheet does not ask for it."""
    r1 = {o.kpi.id for o in collection(plan, NOTHING, 2019, offices=["十勝"])}
    r2 = {o.kpi.id for o in collection(plan, NOTHING, 2020, offices=["十勝"])}
    assert "tokachi-women-role-models" in r1 and "tokachi-women-role-models" not in r2


def test_a_share_row_shows_the_office_s_own_latest_value(kpi: Runner) -> None:
    for office, value in (("十勝", "1012"), ("釧路", "700")):
        assert kpi("record", "doto-tourists", "R1", value, "--office", office).code == 0
    rows = json.loads(kpi("template", "--year", "R2", "--office", "十勝", "-f", "json").out)["kpis"]
    (doto,) = [r for r in rows if r["kpi_id"] == "doto-tourists"]
    assert (doto["office"], doto["supplier"], doto["latest_value"], doto["latest_year"]) == ("十勝", "十勝", 1012, 2019)


def test_the_unknown_years_of_a_cumulative_kpi_are_said_on_the_sheet(kpi: Runner) -> None:
    """H28–H30 never recorded: the R1 sheet does not say the total so far is 0 (made-up count)."""
    rows = json.loads(kpi("template", "--year", "R1", "--office", "十勝", "-f", "json").out)["kpis"]
    (women,) = [r for r in rows if r["kpi_id"] == "tokachi-women-role-models"]
    assert women["cumulative_so_far"] is None
    assert "H28～H30年度の値が未記録のため、H30年度までの累計はまだわかりません。" in women["instructions"]


def test_kpi_offices_lists_what_each_supplies(kpi: Runner) -> None:
    doc = json.loads(kpi("offices", "-f", "json").out)["offices"]
    assert len(doc) == 14
    tokachi = next(o for o in doc if o["id"] == "tokachi")
    assert tokachi["shares"] == ["doto-tourists"]
    assert "tokachi-food-value-added" in tokachi["kpis"] and "geopark-tourists" not in tokachi["kpis"]
    iburi = next(o for o in doc if o["id"] == "iburi")
    assert "geopark" in iburi["leads"] and iburi["shares"] == ["iburi-hidaka-tourists"]
