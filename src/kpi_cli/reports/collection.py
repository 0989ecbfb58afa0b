"""The yearly collection: what each KPI owes for a fiscal year, and who owes it.

``owed`` lists the selected KPIs with, for one year, the value in force (if any), the latest
value and its year, and for a cumulative KPI the total so far; ``template_record`` is one row
of the collection sheet (``kpi template``); ``missing_by_office`` groups what is still owed by
the 振興局 taking part in each KPI's project (``kpi missing``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from kpi_cli.core import years as eras
from kpi_cli.core.decimals import human
from kpi_cli.core.model import Kpi, Office, Plan, Project, Region, owners
from kpi_cli.core.periods import count_date, is_fiscal, period_label
from kpi_cli.core.trajectory import actual_at, unknown_years
from kpi_cli.reports.values import KpiValues

TEMPLATE_COLUMNS = (
    "kpi_id",
    "region",
    "offices",
    "office",
    "supplier",
    "project",
    "kpi_name",
    "unit",
    "year",
    "year_label",
    "value",
    "status",
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
TEMPLATE_INPUTS = frozenset({"value", "status", "note", "source"})
STATUS_CHOICES = ("速報", "確定")  # what the sheet offers for status (see ledger.entries.STATUS_WORDS)
MISSING_COLUMNS = ("office", "office_id", "region", "kpi_id", "kpi_name", "unit", "project", "year", "latest_year")
MISSING_SUMMARY_COLUMNS = ("office", "office_id", "region", "owed", "total")


class Owed(NamedTuple):
    """One value owed for one fiscal year, by one 振興局 (a KPI's value, or its share)."""

    kpi: Kpi
    project: Project
    region: Region
    offices: tuple[Office, ...]  # the 振興局 taking part in the KPI's project
    year: int
    value: Decimal | None  # the value in force for the year (of the share, for a share), if any
    latest: tuple[int, Decimal] | None  # the latest earlier year with a value, and that value (the share's own)
    so_far: Decimal | None  # cumulative KPIs: the total of the years before ``year`` (None while a year is unknown)
    office: Office  # the 振興局 that owes it
    share: bool = False  # a share of a KPI summed over 振興局
    unknown: tuple[int, ...] = ()  # cumulative KPIs: the years before ``year`` never recorded


def asked(kpi: Kpi, year: int) -> bool:
    """Whether a KPI is asked for a year: not before the plan speaks of it, and for a cumulative KPI
    only within its period."""
    if year < kpi.first_year:
        return False
    if kpi.kind == "cumulative" and kpi.period is not None:
        return kpi.period.start <= year <= kpi.period.end
    return True


def owed(plan: Plan, kpis: Sequence[Kpi], kpi_values: KpiValues, year: int) -> list[Owed]:
    """Every value the KPIs owe for a year, each by the 振興局 that supplies it (``model.owners``):
    its own share of a KPI summed over 振興局, or a KPI of a project it leads."""
    out = []
    actuals = kpi_values.actuals
    offices = {o.id: o for o in plan.offices}
    for kpi in kpis:
        if not asked(kpi, year):
            continue
        project = plan.project(kpi.project_id)
        region = plan.region(project.region_id)
        taking_part = tuple(o for o in plan.offices if o.id in project.office_ids)
        values = actuals.get(kpi.id, {})
        so_far: Decimal | None = None
        unknown: tuple[int, ...] = ()
        if kpi.kind == "cumulative" and kpi.period is not None:
            totals = kpi_values.totals.get(kpi.id, {})  # (a running total given stands for the years before it)
            unknown = unknown_years(kpi, values, year - 1, totals)
            so_far = None if unknown else (actual_at(kpi, values, year - 1, totals) or Decimal(0))
        if kpi.parts:
            shares = kpi_values.shares.get(kpi.id, {})
            for part in kpi.parts:
                mine = {y: v[part] for y, v in shares.items() if part in v}
                out.append(
                    Owed(kpi, project, region, taking_part, year, mine.get(year), _latest(mine, year), so_far,
                         offices[part], True, unknown)
                )  # fmt: skip
            continue
        (owner,) = owners(plan, kpi)
        out.append(
            Owed(kpi, project, region, taking_part, year, values.get(year), _latest(values, year), so_far,
                 offices[owner], False, unknown)
        )  # fmt: skip
    return out


def _latest(values: Mapping[int, Decimal], year: int) -> tuple[int, Decimal] | None:
    earlier = [y for y in values if y < year]
    return (max(earlier), values[max(earlier)]) if earlier else None


def asked_for(kpi: Kpi, year: int) -> str:
    """The value a row asks for, in the words of the KPI's period (core/model.py has the rule):
    R1年度の実績値, 2019年（1〜12月）の値, 2020年4月1日現在の値, R2.3卒（2020年3月卒業）の値."""
    label = period_label(kpi, year)
    basis = kpi.source.basis
    if is_fiscal(kpi):
        return f"{label}の実績値"
    if basis == "cohort":
        return f"{label}（{year + 1}年3月卒業）の値"
    return f"{label}の値"


def _which(o: Owed) -> str:
    """What the fiscal-year column of a calendar-year or point-in-time KPI holds, said after the ask."""
    if o.kpi.source.basis == "calendar":
        return f"（年度ではなく暦年の値です。{eras.era(o.year)}年度の欄に入ります）"
    if o.kpi.source.basis == "point" and not is_fiscal(o.kpi):
        day = count_date(o.kpi.source, o.year)
        if (day.month, day.day) == (3, 31):  # the end of the fiscal year
            return f"（{eras.era(o.year)}年度末の状態として{eras.era(o.year)}年度の欄に入ります）"
        if (day.month, day.day) == (4, 1):  # its first day
            return f"（{eras.era(o.year)}年度初めの状態として{eras.era(o.year)}年度の欄に入ります）"
        return f"（{eras.era(o.year)}年度の欄に入ります）"
    return ""


def instructions(o: Owed) -> str:
    ask = asked_for(o.kpi, o.year)
    if o.share:
        return (
            f"{o.office.name}分の{ask}を{o.kpi.unit}で記入してください{_which(o)}"
            "（連携地域の合計は kpi が振興局分を足して出します）。未公表なら空欄のままにしてください。"
        )
    if o.kpi.kind == "cumulative":
        if o.unknown:
            before = (
                f"{eras.era(o.unknown[0])}～{eras.era(o.unknown[-1])}" if len(o.unknown) > 1 else eras.era(o.unknown[0])
            )
            return (
                f"累計KPI: {period_label(o.kpi, o.year)}の1年分の数値を記入してください（累計ではありません）。"
                f"{before}年度の値が未記録のため、{period_label(o.kpi, o.year - 1)}までの累計はまだわかりません。"
            )
        total = human(o.so_far) if o.so_far is not None else "0"
        return (
            f"累計KPI: {period_label(o.kpi, o.year)}の1年分の数値を記入してください（累計ではありません）。"
            f"{period_label(o.kpi, o.year - 1)}までの累計は {total}{o.kpi.unit} です。"
        )
    return f"{ask}を{o.kpi.unit}で記入してください{_which(o)}。未公表なら空欄のままにしてください。"


def template_record(o: Owed) -> dict[str, Any]:
    b = o.kpi.baseline
    t = o.kpi.target_for(o.year)
    return {
        "kpi_id": o.kpi.id,
        "region": o.region.name,
        "offices": [x.name for x in o.offices],
        "office": o.office.name if o.share else "",
        "supplier": o.office.name,
        "project": o.project.name,
        "kpi_name": o.kpi.name,
        "unit": o.kpi.unit,
        "year": o.year,
        "year_label": period_label(o.kpi, o.year),  # R1年度, 2019年（1〜12月）, 2020年4月1日現在, R2.3卒
        "value": o.value,
        "status": "",
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
    """Per 振興局 (in plan order): the values it owes for the year, and those still without a value."""
    out = []
    for office in plan.offices:
        if offices and office.id not in offices:
            continue
        mine = [o for o in items if o.office.id == office.id]
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
    """What is owed for one fiscal year: by the 振興局 of ``regions`` and ``offices`` (a 連携地域
    stands for its 振興局), of the KPIs of ``projects``; everything when nothing is given."""
    from kpi_cli.plan.selection import offices_of, select_projects

    wanted = offices_of(plan, regions, offices)
    kpis = [k for p in (select_projects(plan, (), projects) if projects else plan.projects) for k in p.kpis]
    return [o for o in owed(plan, kpis, values, year) if not wanted or o.office.id in wanted]
