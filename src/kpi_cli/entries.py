"""Turning what people type (or a spreadsheet holds) into ledger rows, with every check.

Pure: the caller supplies the plan, the text and the current time; nothing here
reads or writes files.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from . import eras
from .errors import InputError
from .ledger import LedgerRead, NewRow
from .numbers import parse_value, plain
from .plan import Kpi, Plan
from .records import record
from .select import resolve_kpi

PLAUSIBLE_YEARS = 10  # how far before the baseline or after the target a year may be


@record
class Entry:
    kpi: Kpi
    row: NewRow
    guessed: bool  # the KPI was found by a name fragment, not its id


def check_text(text: str, what: str) -> str:
    if "\n" in text or "\r" in text:
        raise InputError(f"{what} contains a line break; keep it on one line (one row = one line)")
    return text


def check_year(kpi: Kpi, year: int, current_fy: int) -> None:
    low, high = kpi.first_year - PLAUSIBLE_YEARS, kpi.last_year + PLAUSIBLE_YEARS
    if not low <= year <= high:
        raise InputError(
            f"{eras.era_and_western(year)} is far outside the plan for {kpi.id} "
            f"({eras.era(kpi.first_year)}–{eras.era(kpi.last_year)}); check the year (and its era)"
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
) -> Entry:
    match = resolve_kpi(plan, kpi)
    k = match.kpi
    fy = eras.parse_year(year)
    check_year(k, fy, current_fy)
    number = parse_value(value, k.unit)
    row = NewRow(
        recorded_at=recorded_at,
        recorded_by=check_text(recorded_by, "the recorder's name"),
        kpi_id=k.id,
        year=fy,
        value=plain(number),
        note=check_text(note, "the note"),
        source=check_text(source, "the source"),
        correction=correction,
    )
    return Entry(kpi=k, row=row, guessed=not match.exact)


def refuse_duplicates(ledger: LedgerRead, rows: Sequence[NewRow]) -> None:
    """A (KPI, year) already recorded needs --correct; --correct needs something to correct."""
    problems = []
    for r in rows:
        existing = ledger.newest(r.kpi_id, r.year)
        if existing is not None and not r.correction:
            problems.append(
                f"{r.kpi_id} {eras.era_and_western(r.year)} already has the value {existing.value} "
                f"({existing.file}:{existing.line}); use --correct to supersede it"
            )
        elif existing is None and r.correction:
            problems.append(
                f"{r.kpi_id} {eras.era_and_western(r.year)} has no value yet, so there is nothing to correct; "
                "drop --correct"
            )
    if len(problems) == 1:
        raise InputError(problems[0])
    if problems:
        raise InputError(f"{len(problems)} rows conflict with the ledger; nothing was written", details=problems)


IMPORT_REQUIRED = ("kpi_id", "year", "value")
IMPORT_OPTIONAL = ("note", "source")


@record
class ImportParse:
    entries: list[Entry]
    ignored_columns: list[str]


def decode_import(data: bytes, encoding: str, shown: str) -> str:
    """Bytes of an import file as text: a UTF-8 BOM is detected; cp932 for Excel on Japanese Windows."""
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
) -> ImportParse:
    """Validate every row of an import; raise one InputError listing all bad rows."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise InputError(f"{shown}: not a well-formed CSV file ({exc}); save it again as CSV") from None
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
            details=problems,
        )
    if not entries:
        raise InputError(f"{shown}: no rows to import below the header")
    return ImportParse(entries=entries, ignored_columns=ignored)
