"""The status report as one typed object: what ``kpi status`` shows, ``api.status_report`` returns
and every format renders (each KPI's status, its machine record, partial shares, older values,
its project's review headline, the notes and sources of the values)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from kpi_cli.core.model import Kpi, Plan
from kpi_cli.core.trajectory import Rating, Status
from kpi_cli.ledger.format import REVIEW_PREFIX
from kpi_cli.ledger.read import LedgerRead
from kpi_cli.ledger.reviews import in_force
from kpi_cli.reports.reviews import headline, latest, review_fields, value_notes
from kpi_cli.reports.status import (
    NO_REVIEW,
    Change,
    change_fields,
    older_values,
    sorted_statuses,
    status_record,
    statuses,
    year_over_year,
)
from kpi_cli.reports.values import (
    Halves,
    KpiValues,
    Pending,
    halves_for,
    kpi_values,
    pending_for,
    provisional_at,
)


class StatusReport(NamedTuple):
    statuses: list[Status]
    records: list[dict[str, Any]]  # the machine form, one per status (STATUS_COLUMNS)
    pending: dict[str, Pending | None]  # per KPI id: a year whose shares are only partly in
    older: dict[str, tuple[int, Decimal]]  # per KPI id: the latest earlier value when the year has none
    headlines: dict[str, str]  # per project id: its review's 評価 and 今後の方向性
    notes: dict[str, list[str]]  # per KPI id: the notes and sources of the values shown
    changes: dict[str, Change]  # per KPI id: 前年度比, when the year and the one before have values
    provisional: dict[str, bool]  # per KPI id: its actual is (or adds up) a 速報
    halves: dict[str, Halves | None]  # per KPI id: half-year values shown beside it (never rated)
    values: KpiValues
    ledger_rows: int
    as_of: int | None  # --year, or None (each KPI's latest year)

    def rating_counts(self) -> dict[str, int]:
        return {r.value: sum(1 for s in self.statuses if s.rating is r) for r in Rating}


def status_report(
    plan: Plan,
    ledger: LedgerRead,
    kpis: Sequence[Kpi],
    *,
    as_of: int | None,
    current_fy: int,
    ratings: Sequence[Rating] = (),
    sort: str | None = None,
    values: KpiValues | None = None,
) -> StatusReport:
    """Each KPI's status at ``as_of`` (or its latest year), with everything a status report shows."""
    values = values if values is not None else kpi_values(plan, ledger)
    results = statuses(plan, kpis, values.actuals, year=as_of, current_fy=current_fy, totals=values.totals)
    if ratings:
        results = [s for s in results if s.rating in ratings]
    if sort is not None:
        results = sorted_statuses(results, sort)
    pending = {s.kpi.id: pending_for(values, s.kpi, s.as_of_year, given=as_of is not None) for s in results}
    older = older_values(results, values.actuals, as_of, values.totals)  # shown with their years, not rated for --year
    found = {s.kpi.id: year_over_year(s, values.actuals.get(s.kpi.id, {})) for s in results}
    changes = {k: c for k, c in found.items() if c is not None}
    provisional = {s.kpi.id: provisional_at(values, s) for s in results}
    halves = {s.kpi.id: halves_for(values, s.kpi, s.as_of_year, given=as_of is not None) for s in results}
    records = [
        status_record(plan, s, pending[s.kpi.id], provisional=provisional[s.kpi.id], halves=halves[s.kpi.id])
        | {"latest_year": older[s.kpi.id][0] if s.kpi.id in older else None}
        | {"latest_value": older[s.kpi.id][1] if s.kpi.id in older else None}
        for s in results
    ]
    tail = [change_fields(changes.get(s.kpi.id)) for s in results]
    headlines: dict[str, str] = {}
    if any(key.startswith(REVIEW_PREFIX) for key, _year in ledger.in_force):  # reviews cost only when there are some
        reviewed = latest(in_force(ledger), up_to=as_of)
        records = [
            r | review_fields(plan, reviewed.get(s.kpi.project_id)) for r, s in zip(records, results, strict=True)
        ]
        headlines = {pid: headline(plan, r) for pid, r in reviewed.items() if _has_project(plan, pid)}
    else:
        records = [r | NO_REVIEW for r in records]
    records = [r | t for r, t in zip(records, tail, strict=True)]
    notes = value_notes(plan, results, ledger.current)
    return StatusReport(
        results,
        records,
        pending,
        older,
        headlines,
        notes,
        changes,
        provisional,
        halves,
        values,
        ledger.row_count,
        as_of,
    )


def _has_project(plan: Plan, project_id: str) -> bool:
    return any(p.id == project_id for p in plan.projects)
