"""Years as columns (``kpi export --wide``): one row per KPI with its baseline, every fiscal
year's actual, its target and the latest rating, and under a KPI summed over 振興局 one row per
office's share — the 評価シート staff build by hand."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from kpi_cli.core.model import Kpi, Office, Plan
from kpi_cli.core.trajectory import Status, compute
from kpi_cli.reports.status import edition_span

LEAD_COLUMNS = ("kpi_id", "kpi_name", "region", "project", "unit", "kind", "baseline_value", "baseline_year")
TAIL_COLUMNS = ("target_value", "target_year", "as_of_year", "rating", "office")
Shares = Mapping[str, Mapping[int, Mapping[str, Decimal]]]  # per KPI id, year and office id


def year_column(year: int) -> str:
    return f"fy{year}"


def wide_years(plan: Plan, kpis: Sequence[Kpi], actuals: Mapping[str, Mapping[int, Decimal]]) -> list[int]:
    """The plan's years, and any other year with a value of a selected KPI."""
    low = min((k.first_year for k in kpis), default=plan.edition.start_year)
    high = max((k.last_year for k in kpis), default=low)
    recorded = {y for k in kpis for y in actuals.get(k.id, {})}
    return sorted(set(range(low, high + 1)) | recorded)


def wide_columns(years: Sequence[int]) -> tuple[str, ...]:
    return (*LEAD_COLUMNS, *(year_column(y) for y in years), *TAIL_COLUMNS)


class WideEntry(NamedTuple):
    """One KPI with each year's actual and its status at its latest year; or (``office``) one
    振興局's share of a KPI summed over offices, each year's share."""

    status: Status
    values: Mapping[int, Decimal]
    office: Office | None = None


def wide_entries(
    plan: Plan,
    kpis: Sequence[Kpi],
    actuals: Mapping[str, Mapping[int, Decimal]],
    *,
    current_fy: int,
    shares: Shares | None = None,
    totals: Mapping[str, Mapping[int, Decimal]] | None = None,
) -> list[WideEntry]:
    """Each KPI rated as status rates it (a running total given counts), then each 振興局's share."""
    span = edition_span(plan)
    out = []
    for kpi in kpis:
        mine = actuals.get(kpi.id, {})
        given = (totals or {}).get(kpi.id)
        s = compute(kpi, mine, year=None, current_fy=current_fy, plan_span=span, bands=plan.bands, totals=given)
        out.append(WideEntry(s, mine))
        by_year = (shares or {}).get(kpi.id, {})
        for part in kpi.parts if by_year else ():
            values = {y: offices[part] for y, offices in by_year.items() if part in offices}
            out.append(WideEntry(s, values, plan.office(part)))
    return out


def wide_record(plan: Plan, e: WideEntry, years: Sequence[int]) -> dict[str, Any]:
    kpi, s = e.status.kpi, e.status
    project = plan.project(kpi.project_id)
    b = kpi.baseline if e.office is None else None
    whole = e.office is None
    return {
        "kpi_id": kpi.id,
        "kpi_name": kpi.name,
        "region": plan.region(project.region_id).name,
        "project": project.name,
        "unit": kpi.unit,
        "kind": kpi.kind,
        "baseline_value": b.value if b else None,
        "baseline_year": b.year if b else None,
        **{year_column(y): e.values.get(y) for y in years},
        "target_value": s.target.value if whole else None,
        "target_year": s.target.year if whole else None,
        "as_of_year": s.as_of_year if whole else None,
        "rating": s.rating.value if whole else None,
        "office": e.office.name if e.office is not None else "",
    }
