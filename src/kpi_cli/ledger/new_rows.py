"""Turning what people type (or a spreadsheet holds) into ledger rows, with every check.

Pure: the caller supplies the plan, the text and the current time; nothing here
reads or writes files.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from kpi_cli.core import years as eras
from kpi_cli.core.decimals import parse_value, plain
from kpi_cli.core.model import Kpi, Plan, plan_span, share_key
from kpi_cli.errors import InputError
from kpi_cli.ledger.format import FIRST_VALUE, NewRow
from kpi_cli.ledger.read import LedgerRead
from kpi_cli.plan.selection import resolve_kpi, share_of

if TYPE_CHECKING:
    from kpi_cli.ledger.import_file import ImportTable


class Entry(NamedTuple):
    kpi: Kpi
    row: NewRow
    guessed: bool  # the KPI was found by a name fragment, not its id
    correct: bool  # --correct: supersede the value in force


def check_text(text: str, what: str) -> str:
    """One-line text for a note, a source or a name: no line breaks, no control characters."""
    if "\n" in text or "\r" in text:
        raise InputError(f"{what} contains a line break; keep it on one line (one row = one line)")
    bad = next((c for c in text if unicodedata.category(c) in ("Cc", "Cf") and c not in "\t\u200d"), None)
    if bad is not None:
        raise InputError(
            f"{what} contains the control character U+{ord(bad):04X}; remove it (copy the text again as plain text)"
        )
    return text


def check_year(plan: Plan, year: int, current_fy: int, *, outside_plan: bool = False) -> None:
    """A year for a value: inside the plan's span (unless ``outside_plan``) and already begun."""
    low, high = plan_span(plan)
    if not outside_plan and not low <= year <= high:
        raise InputError(
            f"{eras.era_and_western(year)} is outside the plan's years ({eras.era_and_western(low)}–"
            f"{eras.era_and_western(high)}); check the year and its era, or add --outside-plan if it is meant"
        )
    if year > current_fy:
        raise InputError(
            f"FY{year} ({eras.era(year)}) has not started yet (the current fiscal year is "
            f"{eras.era_and_western(current_fy)}); check the year (and its era)"
        )


def make_entry(
    plan: Plan,
    *,
    kpi: str,
    year: str,
    value: str,
    note: str = "",
    source: str = "",
    recorded_by: str,
    recorded_at: str,
    correction: bool = False,
    current_fy: int,
    outside_plan: bool = False,
    office: str = "",
    regions: Sequence[str] = (),
) -> Entry:
    match = resolve_kpi(plan, kpi, regions)
    k = match.kpi
    key = share_key(k.id, share_of(plan, k, office)) if office else k.id
    fy = eras.parse_year(year)
    check_year(plan, fy, current_fy, outside_plan=outside_plan)
    number = parse_value(value, k.unit)
    if number < 0 and not k.may_be_negative:
        raise InputError(
            f"value {plain(number)} is negative, but {k.id} counts {k.unit}, which cannot be below zero; check the sign"
        )
    row = NewRow(
        recorded_at=recorded_at,
        recorded_by=check_text(recorded_by, "the recorder's name"),
        kpi_id=key,
        year=fy,
        value=plain(number),
        note=check_text(note, "the note"),
        source=check_text(source, "the source"),
    )
    return Entry(kpi=k, row=row, guessed=not match.exact, correct=correction)


def void_row(row: NewRow) -> NewRow:
    """The tombstone for a KPI and year: an empty value (the row it takes back is named when written)."""
    return row._replace(value="")


class Linked(NamedTuple):
    rows: list[NewRow]  # to write, each naming the row it supersedes
    unchanged: list[Entry]  # the value in force already equals the one given: nothing to write


def link_rows(ledger: LedgerRead, entries: Sequence[Entry]) -> Linked:
    """The rows to write; skip values already in force; refuse what needs (or lacks) --correct."""
    problems = []
    out = []
    unchanged = []
    for e in entries:
        r = e.row
        existing = ledger.newest(r.kpi_id, r.year)
        where = f"{r.kpi_id} {eras.era_and_western(r.year)}"
        if not r.is_void and existing is not None and not existing.is_void and existing.decimal == Decimal(r.value):
            unchanged.append(e)
            continue
        if r.is_void:
            if existing is None or existing.is_void:
                problems.append(f"{where} has no value to void; check the KPI and the year (kpi history {r.kpi_id})")
            else:
                out.append(r._replace(correction=existing.hash))
            continue
        if existing is not None and not existing.is_void and not e.correct:
            problems.append(
                f"{where} already has the value {existing.value} ({existing.file}:{existing.line}), "
                f"not {r.value}; use --correct to supersede it"
            )
        elif (existing is None or existing.is_void) and e.correct:
            problems.append(f"{where} has no value yet, so there is nothing to correct; drop --correct")
        else:
            out.append(r._replace(correction=existing.hash if existing is not None else FIRST_VALUE))
    if len(problems) == 1:
        raise InputError(problems[0])
    if problems:
        raise InputError(
            f"{len(problems)} rows conflict with the ledger; nothing was written", details=limited(problems)
        )
    return Linked(out, unchanged)


SHOWN_PROBLEMS = 20


def limited(problems: list[str]) -> list[str]:
    """The first problems, then a count of the rest."""
    if len(problems) <= SHOWN_PROBLEMS:
        return problems
    return [*problems[:SHOWN_PROBLEMS], f"… and {len(problems) - SHOWN_PROBLEMS} more"]


class ImportParse(NamedTuple):
    entries: list[Entry]
    ignored_columns: list[str]
    blank: list[str]  # where a value cell was empty: not yet known, skipped


def parse_import(
    plan: Plan,
    table: ImportTable,
    *,
    recorded_by: str,
    recorded_at: str,
    correction: bool,
    current_fy: int,
    outside_plan: bool = False,
) -> ImportParse:
    """Validate every row of an import; raise one InputError listing all bad rows.

    A row whose value cell is empty is "not yet known": skipped and counted, not an error."""
    entries: list[Entry] = []
    problems: list[str] = []
    blank: list[str] = []
    seen: dict[tuple[str, int], str] = {}
    width = table.header_width
    for where, cells in table.rows:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            problems.append(
                f"{where}: {len(cells)} cells, but the header has {width}; a number with a "
                'thousands separator must be quoted ("1,372.6") or written without it (1372.6)'
            )
            continue

        def cell(name: str, cells: list[str] = cells) -> str:
            i = table.columns.get(name)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        if not cell("value"):
            if cell("kpi_id") and cell("year"):
                blank.append(where)  # a KPI and year without a value: not yet known
            continue  # otherwise not a row of values at all (a note below the table)
        try:
            entry = make_entry(
                plan,
                kpi=cell("kpi_id"),
                year=cell("year"),
                value=cell("value"),
                note=cell("note"),
                source=cell("source"),
                recorded_by=recorded_by,
                recorded_at=recorded_at,
                correction=correction,
                current_fy=current_fy,
                outside_plan=outside_plan,
                office=cell("office"),
            )
        except InputError as exc:
            problems.append(f"{where}: {exc.message}")
            continue
        key = (entry.row.kpi_id, entry.row.year)
        if key in seen:
            problems.append(
                f"{where}: {key[0]} {eras.era_and_western(key[1])} appears again (first at {seen[key]}); "
                "keep one row per KPI and year"
            )
            continue
        place = where.removeprefix(f"{table.shown}:")
        seen[key] = f"line {place}" if place.isdigit() else place
        entries.append(entry)
    if problems:
        n = len(problems)
        raise InputError(
            f"{table.shown}: {n} bad row{'s' if n > 1 else ''}; nothing was written. Fix them and import again:",
            details=limited(problems),
        )
    if not entries and not blank:
        raise InputError(f"{table.shown}: no rows to import below the header ({table.header_where})")
    return ImportParse(entries=entries, ignored_columns=table.ignored, blank=blank)


RUNNING_TOTAL_HINT = (
    "add --running-total if they are totals so far (kpi stores each year's own count), "
    "or --yearly if they are each year's own counts"
)


def settle_cumulative(ledger: LedgerRead, entries: Sequence[Entry], mode: str) -> tuple[list[Entry], list[str]]:
    """Cumulative KPIs: refuse values that look like running totals (``mode`` ""), store running
    totals as yearly counts (``"running"``), or take the values as yearly counts (``"yearly"``).

    Returns the entries to write and a line for each value converted."""
    from kpi_cli.core.running_totals import looks_like_running_totals, yearly_counts

    if mode == "yearly":
        return list(entries), []
    by_kpi: dict[str, list[Entry]] = {}
    for e in entries:
        if e.kpi.kind == "cumulative" and not e.row.is_void:
            by_kpi.setdefault(e.row.kpi_id, []).append(e)  # a share is settled on its own
    if not by_kpi:
        return list(entries), []
    stored = ledger.values()
    problems: list[str] = []
    notices: list[str] = []
    replaced: dict[tuple[str, int], Entry] = {}
    for kpi_id, mine in by_kpi.items():
        kpi = mine[0].kpi
        given = {e.row.year: Decimal(e.row.value) for e in mine}
        before = stored.get(kpi_id, {})
        if mode != "running":
            combined = {**before, **given}
            if looks_like_running_totals(kpi, combined):
                years = sorted(combined)
                shown = ", ".join(plain(combined[y]) for y in years)
                problems.append(
                    f"{kpi_id} is cumulative (累計: each year's own count, added up by kpi), but its values "
                    f"{shown} ({eras.era(years[0])}–{eras.era(years[-1])}) look like running totals; "
                    + RUNNING_TOTAL_HINT
                )
            continue
        for e in mine:
            own = yearly_counts(kpi, before, given)[e.row.year]
            where = f"{kpi_id} {eras.era_and_western(e.row.year)}"
            if isinstance(own, str):
                problems.append(f"{where}: {own}; check the totals")
                continue
            replaced[(kpi_id, e.row.year)] = e._replace(row=e.row._replace(value=plain(own)))
            notices.append(
                f"{where}: running total {plain(given[e.row.year])} stored as that year's own count {plain(own)}"
            )
    if problems:
        raise (
            InputError(problems[0])
            if len(problems) == 1
            else InputError(
                f"{len(problems)} cumulative KPIs need a decision; nothing was written", details=limited(problems)
            )
        )
    return [replaced.get((e.row.kpi_id, e.row.year), e) for e in entries], notices


def prepare_rows(ledger: LedgerRead, entries: Sequence[Entry], mode: str) -> tuple[Linked, list[str]]:
    """Cumulative values settled (see ``settle_cumulative``), then linked to the ledger (``link_rows``)."""
    settled, notices = settle_cumulative(ledger, entries, mode)
    return link_rows(ledger, settled), notices
