"""History and new-row records: one dict per ledger row, ASCII keys, raw values (the machine contract)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from kpi_cli.core.model import HALF_NAMES, Kpi, Plan, part_name, split_half, split_key
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.format import FIRST_VALUE, NewRow, Row
from kpi_cli.ledger.read import LedgerRead
from kpi_cli.ledger.reviews import is_review_key

if TYPE_CHECKING:  # types only: an import runs the recording workflow's module
    from kpi_cli.ledger.entries import Entry
    from kpi_cli.ledger.record import Linked

NEW_ROW_COLUMNS = (
    "action",
    "kpi_id",
    "kpi_name",
    "office",
    "year",
    "value",
    "unit",
    "note",
    "source",
    "where",
    "reason",
    "half",
    "form",
    "status",
)


def entry_name(plan: Plan, key: str) -> str:
    """観光入込客数 [donan-tourists], or for a share 観光入込客数 渡島分 [donan-tourists@oshima], for a
    half-year 観光入込客数 上期 [donan-tourists#H1]."""
    kpi_id, office_id = split_key(key)
    half = split_half(key)[1]
    kpi = next((k for k in plan.kpis if k.id == kpi_id), None)
    name = kpi.name if kpi is not None else kpi_id
    office = part_name(plan, office_id)
    parts = [name, *([f"{office}分"] if office_id else []), *([HALF_NAMES[half]] if half else [])]
    return f"{' '.join(parts)} [{key}]"


STATUS_JA = {"provisional": "速報", "final": "確定"}


def value_mark(row: Row | NewRow) -> str:
    """What a value is beside its figure: （累計）for a running total, （速報）or （確定）."""
    marks = (["累計"] if row.form == "total" else []) + ([STATUS_JA[row.status]] if row.status else [])
    return f"（{'・'.join(marks)}）" if marks else ""


def new_row_records(plan: Plan, linked: Linked) -> list[dict[str, Any]]:
    """What an import (or a dry run) does with each entry: record, correct, void, change a note,
    or leave it (unchanged, skipped), with the reason in English (the machine form)."""
    out = []
    for row, entry in zip(linked.rows, linked.written, strict=True):
        action = "void" if row.is_void else ("record" if row.correction == FIRST_VALUE else "correct")
        out.append(_planned(plan, entry, row, action, None))
    out += [_planned(plan, e, e.row, "unchanged", why) for e, why in linked.unchanged]
    out += [_planned(plan, e, e.row, "skipped", why) for e, why in linked.skipped]
    return out


def _planned(plan: Plan, entry: Entry, row: NewRow, action: str, why: Msg | None) -> dict[str, Any]:
    kpi_id, office_id = split_key(row.kpi_id)
    kpi = entry.kpi
    office = part_name(plan, office_id)
    return {
        "action": action,
        "kpi_id": row.kpi_id,
        "kpi_name": kpi.name if kpi is not None else kpi_id,
        "office": office,
        "year": row.year,
        "value": Decimal(row.value) if row.value else None,
        "unit": kpi.unit if kpi is not None else "",
        "note": row.note,
        "source": row.source,
        "where": entry.where,
        "reason": str(why) if why is not None else "",
        "half": split_half(row.kpi_id)[1],
        "form": row.form,
        "status": row.status,
    }


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
    "half",
    "form",
    "status",
    "origin",
    "returned_by",
    "batch",
)


class HistoryEntry(NamedTuple):
    """One ledger row as the history shows it (typed; ``history_record`` is its machine form)."""

    row: Row
    kpi: Kpi | None  # None: a KPI the plan does not have
    office: str  # the part of a share: its 振興局, or its 市町村 ("" for the whole KPI)
    superseded: bool  # a later row took its place

    @property
    def state(self) -> str:
        """置換済 (superseded), 取消 (a void), 訂正 (a correction) or 有効, with what the value is
        (（速報）, （確定）, （累計）: a running total)."""
        if self.row.is_void:
            return "置換済" if self.superseded else "取消"
        return ("置換済" if self.superseded else ("訂正" if self.row.is_correction else "有効")) + value_mark(self.row)

    @property
    def half(self) -> str:
        """上期 or 下期 for a half-year's value, else ""."""
        return HALF_NAMES.get(split_half(self.row.kpi_id)[1], "")

    @property
    def provenance(self) -> str:
        """Where an imported value came from: 取込元 十勝-R1.xlsx:R1!5（十勝）."""
        row = self.row
        if not row.origin:
            return ""
        return f"取込元 {row.origin}" + (f"（{row.returned_by}）" if row.returned_by else "")


def history_entries(plan: Plan, read: LedgerRead, year: int | None) -> list[HistoryEntry]:
    """The kept rows of values (reviews have their own list), oldest first."""
    known = {k.id: k for k in plan.kpis}
    out = []
    for row in read.kept:
        if (year is not None and row.year != year) or is_review_key(row.kpi_id):
            continue  # reviews have their own list: kpi review list --history
        kpi_id, office_id = split_key(row.kpi_id)
        current = read.in_force.get((row.kpi_id, row.year))
        superseded = current is None or (current.file, current.line) != (row.file, row.line)
        out.append(HistoryEntry(row, known.get(kpi_id), part_name(plan, office_id) if office_id else "", superseded))
    out.sort(key=lambda e: (e.row.recorded_at, e.row.file, e.row.line))
    return out


def history_record(entry: HistoryEntry) -> dict[str, Any]:
    row, kpi = entry.row, entry.kpi
    return {
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
        "superseded": entry.superseded,
        "void": row.is_void,
        "supersedes": row.supersedes,
        "file": row.file,
        "line": row.line,
        "office": entry.office,
        "half": split_half(row.kpi_id)[1],
        "form": row.form,
        "status": row.status,
        "origin": row.origin,
        "returned_by": row.returned_by,
        "batch": row.batch.split(":", 1)[0],  # the id kpi void --batch takes ("" for a row recorded alone)
    }


def history_records(plan: Plan, read: LedgerRead, year: int | None) -> list[dict[str, Any]]:
    return [history_record(e) for e in history_entries(plan, read, year)]
