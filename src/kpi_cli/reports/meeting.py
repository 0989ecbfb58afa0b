"""The 推進状況 document as data: the statuses, the values, the reviews and the notes of a year."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from kpi_cli.core.model import Kpi, Plan
from kpi_cli.core.trajectory import Status
from kpi_cli.ledger.read import LedgerRead
from kpi_cli.ledger.reviews import in_force
from kpi_cli.reports.reviews import ReviewLine, latest, review_line, value_notes
from kpi_cli.reports.status import as_of_rule, statuses
from kpi_cli.reports.values import kpi_values


class MeetingReport(NamedTuple):
    plan: Plan
    statuses: list[Status]
    values: dict[str, dict[int, Decimal]]
    reviews: dict[str, ReviewLine]
    notes: dict[str, list[str]]
    meta: dict[str, Any]


def meeting_report(
    plan: Plan,
    ledger: LedgerRead,
    kpis: Sequence[Kpi],
    *,
    as_of: int | None,
    year_text: str | None,
    current_fy: int,
    plan_path: Path,
    ledger_path: Path,
    generated: str,
) -> MeetingReport:
    values = kpi_values(plan, ledger).actuals
    results = statuses(plan, kpis, values, year=as_of, current_fy=current_fy)
    meta = {
        "plan": plan_path,
        "ledgers": [{"path": f.file, "rows": f.rows, "head": f.head} for f in ledger.files]
        or [{"path": str(ledger_path), "rows": 0, "head": ""}],
        "generated": generated,
        "as_of_rule": as_of_rule(year_text),
        "as_of": as_of,
    }
    known = {p.id for p in plan.projects}
    chosen = {pid: r for pid, r in latest(in_force(ledger), up_to=as_of).items() if pid in known}
    reviews = {pid: review_line(plan, r, values, current_fy) for pid, r in chosen.items()}
    notes = value_notes(plan, results, ledger.current)
    return MeetingReport(plan, results, values, reviews, notes, meta)
