"""Turning what people type (or a spreadsheet holds) into entries to record, with every check
that needs only the plan: the KPI, the share, the year, the value and its unit, the texts.

Pure: the caller supplies the plan, the text and the current time; nothing here reads or
writes files. Checks that need the ledger (already recorded, voided, plausible next to the
values before it) are made by ``record`` under the ledger's lock.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from kpi_cli.core.decimals import parse_value, plain
from kpi_cli.core.model import Kpi, Plan, plan_span, share_key
from kpi_cli.core.years import era, era_and_western, parse_year
from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Joined, Msg
from kpi_cli.ledger.format import MAX_TEXT, NewRow
from kpi_cli.plan.selection import resolve_kpi, share_of

if TYPE_CHECKING:
    from kpi_cli.ledger.import_file import ImportTable


class Entry(NamedTuple):
    """One thing to record: a value (or a void, value "") of a KPI or share, or a review row."""

    kpi: Kpi | None  # None for a review row
    row: NewRow
    guessed: bool = False  # the KPI was found by a name fragment, not its id
    where: str = ""  # the place in an input file ("十勝.xlsx:R1!5", "values.csv:3"); "" when typed


# Units of whole things: a value in them is a count (no fraction), e.g. 件, 人, 人／年, 社.
WHOLE_UNITS = frozenset(
    {"人", "件", "社", "か所", "箇所", "事業", "品目", "団体", "店", "日", "戸", "校", "回", "名", "組", "軒", "施設"}
)


def counts_whole(kpi: Kpi) -> bool:
    """Whether the KPI counts whole things (its values take no fraction)."""
    unit = unicodedata.normalize("NFKC", kpi.unit).replace(" ", "").split("/")[0]
    return unit in WHOLE_UNITS


def check_text(text: str, what: Msg, *, limit: int = MAX_TEXT) -> str:
    """One-line text for a note, a source or a name: no line breaks, no control characters, not
    longer than the ledger reads back, and text (not bytes a terminal or file system mangled)."""
    if "\n" in text or "\r" in text:
        raise InputError(Msg("{what} contains a line break; keep it on one line (one row = one line)", what=what))
    if any("\udc80" <= c <= "\udcff" for c in text):
        raise InputError(
            Msg("{what} contains bytes that are not text in any encoding kpi reads; type it again", what=what)
        )
    bad = next((c for c in text if unicodedata.category(c) in ("Cc", "Cf") and c not in "\t\u200d"), None)
    if bad is not None:
        raise InputError(
            Msg(
                "{what} contains the control character U+{code}; remove it (copy the text again as plain text)",
                what=what,
                code=f"{ord(bad):04X}",
            )
        )
    if len(text) > limit:
        raise InputError(
            Msg(
                "{what} has {n} characters, more than the {limit} a ledger row keeps; shorten it "
                "(put long texts in a file and give its name or address)",
                what=what,
                n=len(text),
                limit=limit,
            )
        )
    return text


class Inputs:
    """What every entry is checked against, computed once (an import of 100,000 rows against a
    plan of thousands of KPIs looks each KPI up by id, not by a walk through the plan)."""

    def __init__(self, plan: Plan, *, current_fy: int, outside_plan: bool = False) -> None:
        self.plan = plan
        self.current_fy = current_fy
        self.outside_plan = outside_plan
        self.span = plan_span(plan)
        self.by_id = {k.id: k for k in plan.kpis}
        self._by_name: dict[str, list[Kpi]] | None = None

    def check_year(self, year: int) -> None:
        """A year for a value: inside the plan's span (unless ``outside_plan``) and already begun."""
        low, high = self.span
        if not self.outside_plan and not low <= year <= high:
            raise InputError(
                Msg(
                    "{year} is outside the plan's years ({low}–{high}); check the year and its era, "
                    "or add --outside-plan if it is meant",
                    year=era_and_western(year),
                    low=era_and_western(low),
                    high=era_and_western(high),
                )
            )
        if year > self.current_fy:
            raise InputError(
                Msg(
                    "FY{year} ({era}) has not started yet (the current fiscal year is {current}); "
                    "check the year (and its era)",
                    year=year,
                    era=era(year),
                    current=era_and_western(self.current_fy),
                )
            )

    def kpi(self, term: str, regions: Sequence[str] = ()) -> tuple[Kpi, bool]:
        """The KPI a term names and whether it was found by a name fragment."""
        found = self.by_id.get(term.strip())
        if found is not None:
            return found, False
        match = resolve_kpi(self.plan, term, regions)
        return match.kpi, not match.exact

    def kpi_named(self, name: str) -> Kpi:
        """The KPI whose name is exactly ``name`` (a KPI名 column), when no other KPI has that name."""
        from kpi_cli.plan.selection import name_key

        if self._by_name is None:
            self._by_name = {}
            for k in self.plan.kpis:
                self._by_name.setdefault(name_key(k.name), []).append(k)
        found = self._by_name.get(name_key(name), [])
        if len(found) == 1:
            return found[0]
        if not found:
            raise InputError(Msg("no KPI is named {name!r}; give its id in a kpi_id column (see: kpi kpis)", name=name))
        listing = ", ".join(k.id for k in found[:10]) + (", …" if len(found) > 10 else "")
        raise InputError(
            Msg(
                "{n} KPIs are named {name!r} ({listing}); give the KPI's id in a kpi_id column instead",
                n=len(found),
                name=name,
                listing=listing,
            )
        )

    def entry(
        self,
        *,
        kpi: str,
        year: str,
        value: str,
        note: str = "",
        source: str = "",
        recorded_by: str,
        recorded_at: str,
        office: str = "",
        regions: Sequence[str] = (),
        where: str = "",
    ) -> Entry:
        """A value as typed: the KPI (id or name fragment), its share, the year, the value in its unit."""
        k, guessed = self.kpi(kpi, regions)
        key = share_key(k.id, share_of(self.plan, k, office)) if office else k.id
        fy = parse_year(year)
        self.check_year(fy)
        number = parse_value(value, k.unit)
        if number < 0 and not k.may_be_negative:
            raise InputError(
                Msg(
                    "value {value} is negative, but {kpi} counts {unit}, which cannot be below zero; check the sign",
                    value=plain(number),
                    kpi=k.id,
                    unit=k.unit,
                )
            )
        if counts_whole(k) and number != number.to_integral_value():
            raise InputError(
                Msg(
                    "value {value} has a fraction, but {kpi} counts whole {unit}; give a whole number",
                    value=plain(number),
                    kpi=k.id,
                    unit=k.unit,
                )
            )
        row = NewRow(
            recorded_at=recorded_at,
            recorded_by=check_text(recorded_by, Msg("the recorder's name")),
            kpi_id=key,
            year=fy,
            value=plain(number),
            note=check_text(note, Msg("the note")),
            source=check_text(source, Msg("the source")),
        )
        return Entry(kpi=k, row=row, guessed=guessed, where=where)

    def void(self, *, kpi: str, year: str, reason: str, recorded_by: str, recorded_at: str, office: str = "") -> Entry:
        """A tombstone for the value in force for a KPI (or share) and year."""
        if not reason.strip():
            raise InputError(Msg("--reason is empty; say why the value is taken back"))
        k, guessed = self.kpi(kpi)
        key = share_key(k.id, share_of(self.plan, k, office)) if office else k.id
        fy = parse_year(year)
        if fy > self.current_fy:
            raise InputError(
                Msg("FY{year} ({era}) has not started yet; check the year (and its era)", year=fy, era=era(fy))
            )
        row = NewRow(
            recorded_at,
            check_text(recorded_by, Msg("the recorder's name")),
            key,
            fy,
            "",
            check_text(reason.strip(), Msg("the reason")),
        )
        return Entry(kpi=k, row=row, guessed=guessed)


SHOWN_PROBLEMS = 20


def limited(problems: list[Msg]) -> list[Msg]:
    """The first problems, then a count of the rest."""
    if len(problems) <= SHOWN_PROBLEMS:
        return problems
    return [*problems[:SHOWN_PROBLEMS], Msg("… and {n} more", n=len(problems) - SHOWN_PROBLEMS)]


class ImportParse(NamedTuple):
    entries: list[Entry]
    ignored_columns: list[str]
    blank: list[str]  # where a value cell was empty: not yet known, skipped
    guessed: list[Msg]  # "'食品工業' taken as …" for each name fragment resolved


def parse_import(inputs: Inputs, tables: Sequence[ImportTable], *, recorded_by: str, recorded_at: str) -> ImportParse:
    """Validate every row of the tables of one import (the sheets of a workbook, several files);
    raise one InputError listing all bad rows, with their files, sheets and rows.

    A row whose value cell is empty is "not yet known": skipped and counted, not an error. The
    same KPI and year twice is a bad row naming both places (two sheets or two files overlap)."""
    rows = _Rows(inputs, recorded_by, recorded_at)
    for table in tables:
        for where, cells in table.rows:
            rows.add(table, where, cells)
    if rows.problems:
        raise _bad_rows(tables, rows.problems)
    if not rows.entries and not rows.blank:
        first = tables[0]
        raise InputError(
            Msg("{file}: no rows to import below the header ({where})", file=first.shown, where=first.header_where)
        )
    ignored = [c for t in tables for c in t.ignored]
    return ImportParse(rows.entries, list(dict.fromkeys(ignored)), rows.blank, list(rows.guessed.values()))


class _Place(NamedTuple):
    file: str
    sheet: str  # "" for a CSV
    where: str


class _Rows:
    """The rows of an import as they are checked: entries, bad rows, blanks, the places seen."""

    def __init__(self, inputs: Inputs, recorded_by: str, recorded_at: str) -> None:
        self.inputs = inputs
        self.recorded_by = recorded_by
        self.recorded_at = recorded_at
        self.entries: list[Entry] = []
        self.problems: list[tuple[str, Msg]] = []  # (file, problem)
        self.blank: list[str] = []
        self.guessed: dict[str, Msg] = {}
        self.seen: dict[tuple[str, int], _Place] = {}

    def add(self, table: ImportTable, where: str, cells: list[str]) -> None:
        if not any(c.strip() for c in cells):
            return
        width = table.header_width
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            self._bad(table, _beyond(table, where, cells))
            return

        def cell(name: str) -> str:
            i = table.columns.get(name)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        term, name = cell("kpi_id"), cell("kpi_name")
        if not cell("value"):
            if (term or name) and cell("year"):
                self.blank.append(where)  # a KPI and year without a value: not yet known
            return  # otherwise not a row of values at all (a note below the table)
        try:
            if not term and name:
                term = self.inputs.kpi_named(name).id
            entry = self.inputs.entry(
                kpi=term,
                year=cell("year"),
                value=cell("value"),
                note=cell("note"),
                source=cell("source"),
                recorded_by=self.recorded_by,
                recorded_at=self.recorded_at,
                office=cell("office"),
                where=where,
            )
        except InputError as exc:
            self._bad(table, Msg("{where}: {problem}", where=where, problem=exc.message))
            return
        if entry.guessed and term not in self.guessed and entry.kpi is not None:
            self.guessed[term] = Msg("{term!r} taken as {id} ({name})", term=term, id=entry.kpi.id, name=entry.kpi.name)
        key = (entry.row.kpi_id, entry.row.year)
        place = where.removeprefix(f"{table.shown}:")
        here = _Place(table.shown, place.rsplit("!", 1)[0] if "!" in place else "", where)
        first = self.seen.get(key)
        if first is not None:
            self._bad(table, _again(here, first, key))
            return
        self.seen[key] = here
        self.entries.append(entry)

    def _bad(self, table: ImportTable, problem: Msg) -> None:
        self.problems.append((table.shown, problem))


def _beyond(table: ImportTable, where: str, cells: list[str]) -> Msg:
    """A row with cells right of the header's last column: in a CSV, most often a number with an
    unquoted thousands separator; in a sheet, a memo typed beside the table."""
    width = table.header_width
    if "!" in where.removeprefix(f"{table.shown}:"):
        from kpi_cli.ledger.sheets import cell_name

        at = next(i for i in range(width, len(cells)) if cells[i].strip())
        return Msg(
            "{where}: column {column}, right of the table, holds {text!r}; the header has {width} columns: "
            "move it into the table (a remark goes in 備考) or delete it",
            where=where,
            column=cell_name(0, at)[:-1],
            text=cells[at].strip(),
            width=width,
        )
    return Msg(
        "{where}: {n} cells, but the header has {width}; a number with a thousands separator must be "
        'quoted ("1,372.6") or written without it (1372.6)',
        where=where,
        n=len(cells),
        width=width,
    )


def _again(here: _Place, first: _Place, key: tuple[str, int]) -> Msg:
    """The same KPI and year a second time: in the same sheet, another sheet, or another file."""
    kpi, year = key[0], era_and_western(key[1])
    if first.file != here.file:
        return Msg(
            "{where}: {kpi} {year} is also in {first}; give each KPI and year in one file only",
            where=here.where,
            kpi=kpi,
            year=year,
            first=first.where,
        )
    if first.sheet != here.sheet:
        return Msg(
            "{where}: {kpi} {year} is also on sheet {sheet!r} ({first}); the sheets overlap: delete or hide the "
            "sheet that is not meant, and import again",
            where=here.where,
            kpi=kpi,
            year=year,
            sheet=first.sheet,
            first=first.where,
        )
    place = first.where.removeprefix(f"{first.file}:")
    return Msg(
        "{where}: {kpi} {year} appears again (first at {first}); keep one row per KPI and year",
        where=here.where,
        kpi=kpi,
        year=year,
        first=Msg("line {n}", n=place) if place.isdigit() else place,
    )


def _bad_rows(tables: Sequence[ImportTable], problems: list[tuple[str, Msg]]) -> InputError:
    files = list(dict.fromkeys(file for file, _ in problems))
    n = len(problems)
    details = limited([p for _, p in problems])
    if len(files) > 1:
        return InputError(
            Msg("{n} bad rows in {files}; nothing was written. Fix them and import again:", n=n, files=Joined(files)),
            details=details,
        )
    if n > 1:
        return InputError(
            Msg("{file}: {n} bad rows; nothing was written. Fix them and import again:", file=files[0], n=n),
            details=details,
        )
    return InputError(
        Msg("{file}: 1 bad row; nothing was written. Fix it and import again:", file=files[0]), details=details
    )


def decimal_of(entry: Entry) -> Decimal:
    return Decimal(entry.row.value)
