"""The yearly collection: what each KPI owes for a fiscal year, and who owes it.

``owed`` lists the selected KPIs with, for one year, the value in force (if any), the latest
value and its year, and for a cumulative KPI the total so far; ``template_record`` is one row
of the collection sheet (``kpi template``); ``missing_by_office`` groups what is still owed by
the 振興局 taking part in each KPI's project (``kpi missing``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from kpi_cli.core import years as eras
from kpi_cli.core.decimals import human
from kpi_cli.core.model import Kpi, Office, Plan, Project, Region
from kpi_cli.core.trajectory import actual_at
from kpi_cli.reports.values import KpiValues

TEMPLATE_COLUMNS = (
    "kpi_id",
    "region",
    "offices",
    "office",
    "project",
    "kpi_name",
    "unit",
    "year",
    "year_label",
    "value",
    "note",
    "source",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
    "latest_value",
    "latest_year",
    "cumulative_so_far",
    "instructions",
)
TEMPLATE_INPUTS = frozenset({"value", "note", "source"})
MISSING_COLUMNS = ("office", "office_id", "region", "kpi_id", "kpi_name", "unit", "project", "year", "latest_year")
MISSING_SUMMARY_COLUMNS = ("office", "office_id", "region", "owed", "total")


class Owed(NamedTuple):
    """One KPI for one fiscal year of the collection."""

    kpi: Kpi
    project: Project
    region: Region
    offices: tuple[Office, ...]
    year: int
    value: Decimal | None  # the value in force for the year, if any
    latest: tuple[int, Decimal] | None  # the latest year with a value, and that value
    so_far: Decimal | None  # cumulative KPIs: the total of the years before ``year``
    office: Office | None = None  # the 振興局 whose share this row is (KPIs summed over 振興局)


def owed(plan: Plan, kpis: Sequence[Kpi], kpi_values: KpiValues, year: int) -> list[Owed]:
    """One row per KPI, or for a KPI summed over 振興局 without a whole value for the year, one per share."""
    out = []
    actuals = kpi_values.actuals
    for kpi in kpis:
        project = plan.project(kpi.project_id)
        values = actuals.get(kpi.id, {})
        known = sorted(values)
        latest = (known[-1], values[known[-1]]) if known else None
        so_far = None
        if kpi.kind == "cumulative" and kpi.period is not None:
            so_far = actual_at(kpi, values, year - 1) or Decimal(0)
        region = plan.region(project.region_id)
        if kpi.parts and year not in values:
            shares = kpi_values.shares.get(kpi.id, {}).get(year, {})
            for part in kpi.parts:
                office = plan.office(part)
                out.append(Owed(kpi, project, region, (office,), year, shares.get(part), latest, so_far, office))
            continue
        offices = tuple(o for o in plan.offices if o.id in project.office_ids)
        out.append(Owed(kpi, project, region, offices, year, values.get(year), latest, so_far))
    return out


def instructions(o: Owed) -> str:
    if o.office is not None:
        return (
            f"{o.office.name}分の{eras.era(o.year)}年度の実績値を{o.kpi.unit}で記入してください"
            "（連携地域の合計は kpi が振興局分を足して出します）。未公表なら空欄のままにしてください。"
        )
    if o.kpi.kind == "cumulative":
        total = human(o.so_far) if o.so_far is not None else "0"
        return (
            f"累計KPI: {eras.era(o.year)}年度の1年分の数値を記入してください（累計ではありません）。"
            f"{eras.era(o.year - 1)}年度までの累計は {total}{o.kpi.unit} です。"
        )
    return f"{eras.era(o.year)}年度の実績値を{o.kpi.unit}で記入してください。未公表なら空欄のままにしてください。"


def template_record(o: Owed) -> dict[str, Any]:
    b = o.kpi.baseline
    t = o.kpi.target_for(o.year)
    return {
        "kpi_id": o.kpi.id,
        "region": o.region.name,
        "offices": [x.name for x in o.offices],
        "office": o.office.name if o.office else "",
        "project": o.project.name,
        "kpi_name": o.kpi.name,
        "unit": o.kpi.unit,
        "year": o.year,
        "year_label": eras.era(o.year),
        "value": o.value,
        "note": "",
        "source": "",
        "baseline_value": b.value if b else None,
        "baseline_year": b.year if b else None,
        "target_value": t.value,
        "target_year": t.year,
        "latest_value": o.latest[1] if o.latest else None,
        "latest_year": o.latest[0] if o.latest else None,
        "cumulative_so_far": o.so_far,
        "instructions": instructions(o),
    }


class OfficeCount(NamedTuple):
    office: Office
    region: Region
    owed: list[Owed]
    total: int


def missing_by_office(plan: Plan, items: Sequence[Owed], offices: frozenset[str] = frozenset()) -> list[OfficeCount]:
    """Per 振興局 (in plan order): the KPIs of its projects still without a value for the year."""
    out = []
    for office in plan.offices:
        if offices and office.id not in offices:
            continue
        mine = [o for o in items if office in o.offices]
        if mine:
            still = [o for o in mine if o.value is None]
            out.append(OfficeCount(office, plan.region(office.region_id), still, len(mine)))
    return out


def missing_records(counts: Sequence[OfficeCount]) -> list[dict[str, Any]]:
    return [
        {
            "office": c.office.name,
            "office_id": c.office.id,
            "region": c.region.name,
            "kpi_id": o.kpi.id,
            "kpi_name": o.kpi.name,
            "unit": o.kpi.unit,
            "project": o.project.name,
            "year": o.year,
            "latest_year": o.latest[0] if o.latest else None,
        }
        for c in counts
        for o in c.owed
    ]


def missing_summary(counts: Sequence[OfficeCount]) -> list[dict[str, Any]]:
    return [
        {
            "office": c.office.name,
            "office_id": c.office.id,
            "region": c.region.name,
            "owed": len(c.owed),
            "total": c.total,
        }
        for c in counts
    ]


def collection(
    plan: Plan,
    values: KpiValues,
    year: int,
    regions: Sequence[str] = (),
    offices: Sequence[str] = (),
    projects: Sequence[str] = (),
) -> list[Owed]:
    """What the selected KPIs owe for one fiscal year (``--region``, ``--office``, ``--project``)."""
    from kpi_cli.plan.selection import select_kpis

    kpis = select_kpis(plan, [*regions, *offices], projects)
    return owed(plan, kpis, values, year)
