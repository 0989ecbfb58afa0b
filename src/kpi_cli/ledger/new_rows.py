"""Turning what people type (or a spreadsheet holds) into ledger rows, with every check.

Pure: the caller supplies the plan, the text and the current time; nothing here
reads or writes files.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from kpi_cli.core import years as eras
from kpi_cli.core.decimals import parse_value, plain
from kpi_cli.errors import InputError
from kpi_cli.ledger.format import FIRST_VALUE, NewRow
from kpi_cli.ledger.read import LedgerRead
from kpi_cli.plan.model import Kpi, Plan
from kpi_cli.plan.selection import resolve_kpi


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


def plan_span(plan: Plan) -> tuple[int, int]:
    """The fiscal years a plan speaks of: its earliest baseline year to its latest target year."""
    kpis = plan.kpis
    if not kpis:
        return plan.edition.start_year, plan.edition.start_year
    return min(k.first_year for k in kpis), max(k.last_year for k in kpis)


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
) -> Entry:
    match = resolve_kpi(plan, kpi)
    k = match.kpi
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
        kpi_id=k.id,
        year=fy,
        value=plain(number),
        note=check_text(note, "the note"),
        source=check_text(source, "the source"),
    )
    return Entry(kpi=k, row=row, guessed=not match.exact, correct=correction)


def void_row(row: NewRow) -> NewRow:
    """The tombstone for a KPI and year: an empty value (the row it takes back is named when written)."""
    return row._replace(value="")


def link_rows(ledger: LedgerRead, entries: Sequence[Entry]) -> list[NewRow]:
    """The rows to write, each naming the row it supersedes; refuse what needs (or lacks) --correct."""
    problems = []
    out = []
    for e in entries:
        r = e.row
        existing = ledger.newest(r.kpi_id, r.year)
        where = f"{r.kpi_id} {eras.era_and_western(r.year)}"
        if r.is_void:
            if existing is None or existing.is_void:
                problems.append(f"{where} has no value to void; check the KPI and the year (kpi history {r.kpi_id})")
            else:
                out.append(r._replace(correction=existing.hash))
            continue
        if existing is not None and not existing.is_void and not e.correct:
            problems.append(
                f"{where} already has the value {existing.value} ({existing.file}:{existing.line}); "
                "use --correct to supersede it"
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
    return out


SHOWN_PROBLEMS = 20


def limited(problems: list[str]) -> list[str]:
    """The first problems, then a count of the rest."""
    if len(problems) <= SHOWN_PROBLEMS:
        return problems
    return [*problems[:SHOWN_PROBLEMS], f"… and {len(problems) - SHOWN_PROBLEMS} more"]


IMPORT_REQUIRED = ("kpi_id", "year", "value")
IMPORT_OPTIONAL = ("note", "source")


class ImportParse(NamedTuple):
    entries: list[Entry]
    ignored_columns: list[str]


def decode_import(data: bytes, encoding: str, shown: str) -> str:
    """Bytes of an import file as text: a UTF-8 BOM is detected; cp932 for Excel on Japanese Windows."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f'{shown}: UTF-16 text (Excel\'s "Unicode text"); save it as "CSV UTF-8" and import again')
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8"
    elif encoding == "utf-8-sig":
        encoding = "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = "add --encoding cp932 (Excel on Japanese Windows)" if encoding == "utf-8" else "check --encoding"
        raise InputError(f"{shown}:{line}: not valid {encoding} text; {hint}") from None


def parse_import(
    plan: Plan,
    text: str,
    shown: str,
    *,
    recorded_by: str,
    recorded_at: str,
    correction: bool,
    current_fy: int,
    outside_plan: bool = False,
) -> ImportParse:
    """Validate every row of an import; raise one InputError listing all bad rows."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    try:
        rows.extend(reader)
    except csv.Error as exc:
        where = f"{shown}:{reader.line_num}"
        if "field larger than field limit" in str(exc):
            raise InputError(
                f"{where}: a cell is longer than {csv.field_size_limit():,} characters; is this the right file?"
            ) from None
        raise InputError(f"{where}: not a well-formed CSV line ({exc}); check the quotes on that line") from None
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    if not rows:
        raise InputError(f"{shown}: empty; the first line must be the header kpi_id,year,value[,note,source]")
    header = [h.strip().lstrip("\ufeff") for h in rows[0]]
    missing = [c for c in IMPORT_REQUIRED if c not in header]
    if missing:
        raise InputError(
            f"{shown}:1: the header lacks {', '.join(missing)}; the first line must be kpi_id,year,value[,note,source]"
        )
    index = {name: header.index(name) for name in (*IMPORT_REQUIRED, *IMPORT_OPTIONAL) if name in header}
    ignored = [h for h in header if h not in index]
    entries: list[Entry] = []
    problems: list[str] = []
    seen: dict[tuple[str, int], int] = {}
    for lineno, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue

        if len(cells) != len(header) and (len(cells) < len(header) or any(c.strip() for c in cells[len(header) :])):
            problems.append(
                f"{shown}:{lineno}: {len(cells)} cells, but the header has {len(header)}; a number with a "
                'thousands separator must be quoted ("1,372.6") or written without it (1372.6)'
            )
            continue

        def cell(name: str, cells: list[str] = cells) -> str:
            i = index.get(name)
            return cells[i].strip() if i is not None and i < len(cells) else ""

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
            )
        except InputError as exc:
            problems.append(f"{shown}:{lineno}: {exc.message}")
            continue
        key = (entry.row.kpi_id, entry.row.year)
        if key in seen:
            problems.append(
                f"{shown}:{lineno}: {key[0]} {eras.era_and_western(key[1])} appears again (first at line "
                f"{seen[key]}); keep one row per KPI and year"
            )
            continue
        seen[key] = lineno
        entries.append(entry)
    if problems:
        n = len(problems)
        raise InputError(
            f"{shown}: {n} bad row{'s' if n > 1 else ''}; nothing was written. Fix them and import again:",
            details=limited(problems),
        )
    if not entries:
        raise InputError(f"{shown}: no rows to import below the header")
    return ImportParse(entries=entries, ignored_columns=ignored)
