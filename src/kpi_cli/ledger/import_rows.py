"""The rows of an import checked: the tables of every sheet and file of one ``kpi import``, each
row an entry, a blank (not yet known) or a bad row listed with its file, sheet and row.

Pure, like ``entries``: the caller supplies the plan's ``Inputs`` and the tables read."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import PurePath
from typing import NamedTuple

from kpi_cli.core.model import Kpi
from kpi_cli.core.years import era_and_western
from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Joined, Msg
from kpi_cli.ledger.entries import Entry, Inputs, limited
from kpi_cli.ledger.import_header import ImportTable


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
        raise bad_rows(rows.problems)
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
            if not term:
                raise InputError(Msg("the row has a value but no KPI; give its id in the KPI ID column"))
            returned_by = self._supplier(cell("supplier"), cell("office"))
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
                status=cell("status"),
                half=cell("half"),
                form=cell("form"),
                origin=_origin(table, where),
                returned_by=returned_by,
            )
            if entry.kpi is not None and cell("year_label"):
                check_year_label(cell("year"), cell("year_label"), entry.row.year, entry.kpi)
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

    def _supplier(self, supplier: str, office: str) -> str:
        """The 振興局 that returned the row's sheet (its 記入する振興局 cell, by name), checked: a share
        of a KPI summed over offices is given by its own 振興局 (kpi template --office asks each for
        its own), never on another office's sheet."""
        if not supplier:
            return ""
        from kpi_cli.plan.selection import resolve_office

        plan = self.inputs.plan
        who = resolve_office(plan, supplier)
        share = resolve_office(plan, office) if office else ""
        if share and share != who:
            raise InputError(
                Msg(
                    "{share}'s share is on a sheet {supplier} returns (記入する振興局); each 振興局 gives its own "
                    "share: leave the row to {share} (kpi template --office {share}) or correct the 振興局分 cell",
                    share=plan.office(share).name,
                    supplier=plan.office(who).name,
                )
            )
        return plan.office(who).name

    def _bad(self, table: ImportTable, problem: Msg) -> None:
        self.problems.append((table.shown, problem))


def check_year_label(year: str, label: str, fy: int, kpi: Kpi | None = None) -> None:
    """A sheet's year_label (what kpi template wrote beside the year: R1年度, 2019年（1〜12月）,
    2020年4月1日現在, R2.3卒; on a review sheet, without a KPI, the fiscal year: R1) must name the
    year its year cell names: a row whose two cells disagree was edited in one of them, and kpi does
    not guess which."""
    import re

    from kpi_cli.core.periods import period_label, year_of_input
    from kpi_cli.core.years import era, parse_year

    written = period_label(kpi, fy) if kpi is not None else era(fy)
    if unicodedata.normalize("NFKC", label).strip() == unicodedata.normalize("NFKC", written):
        return
    # (the calendar year's "（1〜12月）" dropped: 2019年 is the year)
    text = re.sub(r"\s*\(1\s*[〜~～-]\s*12月\)$", "", unicodedata.normalize("NFKC", label))
    try:
        meant: int | None = year_of_input(kpi, text)[0] if kpi is not None else parse_year(text)
    except InputError:
        meant = None
    if meant == fy:
        return
    if meant is None:
        raise InputError(
            Msg(
                "the year cell {year!r} ({first}) and the year_label cell {label!r} disagree: the label names no "
                "year; correct the one that is wrong",
                year=year,
                first=era_and_western(fy),
                label=label,
            )
        )
    raise InputError(
        Msg(
            "the year cell {year!r} and the year_label cell {label!r} name different years ({first} and {second}); "
            "correct the one that is wrong",
            year=year,
            label=label,
            first=era_and_western(fy),
            second=era_and_western(meant),
        )
    )


def _origin(table: ImportTable, where: str) -> str:
    """Where a row came from, as the ledger keeps it: the file's name (not its folder) and the row
    (``十勝-R1.xlsx:R1!5``, ``values.csv:3``)."""
    place = where.removeprefix(f"{table.shown}:")
    return f"{PurePath(table.shown).name}:{place}"


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


def bad_rows(problems: Sequence[tuple[str, Msg]]) -> InputError:
    """The one report of an import's bad rows (values and reviews alike): how many, in which files,
    that nothing was written and what to do, then a line per row (``problems``: each file shown and
    its row's problem, which names the file, sheet and row)."""
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
