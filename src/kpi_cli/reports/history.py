"""History and new-row records: one dict per ledger row, ASCII keys, raw values (the machine contract)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from kpi_cli.ledger.format import NewRow
from kpi_cli.ledger.read import LedgerRead
from kpi_cli.ledger.reviews import is_review_key
from kpi_cli.plan.model import Plan, split_key

NEW_ROW_COLUMNS = ("kpi_id", "kpi_name", "year", "value", "unit", "note", "source", "correction")


def new_row_records(plan: Plan, rows: Sequence[NewRow]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        kpi = plan.kpi(r.kpi_id)
        out.append(
            {
                "kpi_id": r.kpi_id,
                "kpi_name": kpi.name,
                "year": r.year,
                "value": Decimal(r.value),
                "unit": kpi.unit,
                "note": r.note,
                "source": r.source,
                "correction": r.correction,
            }
        )
    return out


HISTORY_COLUMNS = (
    "kpi_id",
    "kpi_name",
    "year",
    "value",
    "unit",
    "note",
    "source",
    "recorded_at",
    "recorded_by",
    "correction",
    "superseded",
    "void",
    "supersedes",
    "file",
    "line",
    "office",
)


def history_records(plan: Plan, read: LedgerRead, year: int | None) -> list[dict[str, Any]]:
    known = {k.id: k for k in plan.kpis}
    offices = {o.id for o in plan.offices}
    out = []
    for row in read.kept:
        if (year is not None and row.year != year) or is_review_key(row.kpi_id):
            continue  # reviews have their own list: kpi review list --history
        kpi_id, office_id = split_key(row.kpi_id)
        kpi = known.get(kpi_id)
        current = read.in_force.get((row.kpi_id, row.year))
        out.append(
            {
                "kpi_id": row.kpi_id,
                "kpi_name": kpi.name if kpi else "",
                "year": row.year,
                "value": None if row.is_void else row.decimal,
                "unit": kpi.unit if kpi else "",
                "note": row.note,
                "source": row.source,
                "recorded_at": row.recorded_at,
                "recorded_by": row.recorded_by,
                "correction": row.is_correction,
                "superseded": current is None or (current.file, current.line) != (row.file, row.line),
                "void": row.is_void,
                "supersedes": row.supersedes,
                "file": row.file,
                "line": row.line,
                "office": plan.office(office_id).name if office_id and office_id in offices else office_id,
            }
        )
    out.sort(key=lambda r: (r["recorded_at"], r["file"], r["line"]))  # oldest first
    return out
