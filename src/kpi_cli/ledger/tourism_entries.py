"""The tourism report as entries to record: what ``kpi import-stats`` takes from a report workbook.

Each printed 「…振興局計」 (「…支庁計」 before 2010) is that 振興局's share of every tourism KPI whose
``parts`` name it, and each printed 市町村 年計 that 市町村's share of every tourism KPI whose
``municipalities`` list it: the figure **as printed**, converted from the report's 千人 to the KPI's
unit exactly (``convert_thousands``), marked 確定 (the yearly report is the final figure), with its
source (the statistic, the year and the row as printed) and origin (``file:sheet!row``). Nothing
is summed here: kpi sums the shares when it reads them (``reports/values.py``).

A tourism KPI is one whose source card names the statistic (``STATISTIC``). Pure: the workbooks
are read already (``tourism.read_tourism_workbook``); the entries go through the one recording
workflow (``Session.record``), which decides what is new, unchanged or a revision.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from kpi_cli.core.decimals import human
from kpi_cli.core.model import Kpi, Plan
from kpi_cli.core.years import era_and_western
from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Joined, Msg
from kpi_cli.ledger.entries import Entry, Inputs
from kpi_cli.ledger.tourism_records import MOVED_IN_2010, UNIT, MunicipalRow, TourismReport, convert_thousands

STATISTIC = "北海道観光入込客数調査"


class Sheet(NamedTuple):
    """One monthly sheet to import: the file's name (not its folder) and what the sheet says."""

    file: str
    report: TourismReport


class StatsEntries(NamedTuple):
    entries: list[Entry]
    notes: list[Msg]  # what was passed over, and why (said on stderr)


def tourism_kpis(plan: Plan) -> list[Kpi]:
    """The KPIs counted by the 北海道観光入込客数調査 (their source card names it)."""
    return [k for k in plan.kpis if k.source.statistic == STATISTIC]


def pick_sheets(found: list[tuple[str, list[TourismReport]]], year: int | None) -> list[Sheet]:
    """The monthly sheets to import from each file: the one year each holds, or ``year`` when given.
    A file with several years and no ``year``, a year given that a file lacks, two sheets of one
    year in a file, and the same year in two files are refused (nothing would say which to take)."""
    sheets: list[Sheet] = []
    for file, reports in found:
        years = sorted({r.fiscal_year for r in reports})
        if year is None and len(years) > 1:
            raise InputError(
                Msg(
                    "{file} holds the monthly tables of several fiscal years ({years}); choose one with --year",
                    file=file,
                    years=Joined(era_and_western(y) for y in years),
                )
            )
        if year is not None and year not in years:
            raise InputError(
                Msg(
                    "{file} has no monthly table of {year}; it holds {years}",
                    file=file,
                    year=era_and_western(year),
                    years=Joined(era_and_western(y) for y in years),
                )
            )
        chosen = [r for r in reports if year is None or r.fiscal_year == year]
        if len(chosen) > 1:
            raise InputError(
                Msg(
                    "{file}: sheets {sheets} are each a monthly table of {year}; keep one",
                    file=file,
                    sheets=Joined(repr(r.sheet) for r in chosen),
                    year=era_and_western(chosen[0].fiscal_year),
                )
            )
        sheets += [Sheet(file, r) for r in chosen]
    seen: dict[int, str] = {}
    for sheet in sheets:
        first = seen.setdefault(sheet.report.fiscal_year, sheet.file)
        if first != sheet.file:
            raise InputError(
                Msg(
                    "{year} is in both {first} and {second}; import one report per fiscal year",
                    year=era_and_western(sheet.report.fiscal_year),
                    first=first,
                    second=sheet.file,
                )
            )
    return sheets


def stats_entries(inputs: Inputs, sheets: list[Sheet], *, recorded_by: str, recorded_at: str) -> StatsEntries:
    """The shares the sheets print for the plan's tourism KPIs, and a note for each thing passed over."""
    plan = inputs.plan
    kpis = tourism_kpis(plan)
    entries: list[Entry] = []
    notes: list[Msg] = []
    for sheet in sheets:
        inputs_year(inputs, sheet)
        make = _Maker(inputs, sheet, recorded_by, recorded_at)
        entries += _office_shares(plan, kpis, sheet, make, notes)
        entries += _municipal_shares(kpis, sheet, make, notes)
    alone = [k.id for k in kpis if not k.part_ids]
    if alone:
        notes.append(
            Msg(
                "{kpis}: the plan lists no 振興局 or 市町村 whose rows add up to them, so nothing is recorded "
                "for them from the report (see each KPI's source card: kpi show)",
                kpis=Joined(alone),
            )
        )
    return StatsEntries(entries, notes)


def inputs_year(inputs: Inputs, sheet: Sheet) -> None:
    """The report's year is one the plan speaks of (or --outside-plan), and has begun."""
    try:
        inputs.check_year(sheet.report.fiscal_year)
    except InputError as exc:
        raise InputError(Msg("{where}: {problem}", where=_where(sheet), problem=exc.message)) from None


def _where(sheet: Sheet) -> Msg:
    """The workbook and its year as printed, which a note about the sheet begins with."""
    return Msg("{file} ({printed})", file=sheet.file, printed=sheet.report.year_text)


class _Maker:
    """Entries of one sheet: the value in the KPI's unit, 確定, with its source and origin."""

    def __init__(self, inputs: Inputs, sheet: Sheet, recorded_by: str, recorded_at: str) -> None:
        self.inputs = inputs
        self.sheet = sheet
        self.recorded_by = recorded_by
        self.recorded_at = recorded_at

    def entry(self, kpi: Kpi, part: str, printed: str, total: Decimal, row: int, note: str = "") -> Entry:
        report = self.sheet.report
        where = f"{self.sheet.file}:{report.sheet}!{row}"
        try:
            value = convert_thousands(total, kpi.unit)
        except InputError as exc:
            raise InputError(Msg("{where}: {problem}", where=kpi.id, problem=exc.message)) from None
        return self.inputs.entry(
            kpi=kpi.id,
            year=str(report.fiscal_year),
            value=str(value),
            note=note,
            source=f"{STATISTIC} {report.year_text}: {printed} 年計 {human(total)}{UNIT}",
            recorded_by=self.recorded_by,
            recorded_at=self.recorded_at,
            office=part,
            where=where,
            status="final",
            origin=where,
        )


def _office_shares(plan: Plan, kpis: list[Kpi], sheet: Sheet, make: _Maker, notes: list[Msg]) -> list[Entry]:
    """Each printed 振興局計 as the share of every tourism KPI it is a part of."""
    report = sheet.report
    ids = {o.name: o.id for o in plan.offices}
    entries: list[Entry] = []
    unused: list[str] = []
    for total in report.offices:
        office_id = ids.get(total.office, "")
        mine = [k for k in kpis if office_id and office_id in k.parts]
        if not mine:
            unused.append(total.office)
        note = _old_boundary(total.office) if report.subprefectures else ""
        entries += [make.entry(k, office_id, total.printed, total.total, total.row, note) for k in mine]
    where = _where(sheet)
    if unused:
        notes.append(
            Msg(
                "{where}: not recorded, as part of no tourism KPI of the plan: the 振興局計 of {offices}",
                where=where,
                offices=Joined(unused),
            )
        )
    printed = {t.office for t in report.offices}
    names = {o.id: o.name for o in plan.offices}
    for k in kpis:
        missing = [names.get(o, o) for o in k.parts if names.get(o, o) not in printed]
        if missing and len(missing) < len(k.parts):
            notes.append(
                Msg(
                    "{where}: no 振興局計 row for {offices} (a part of {kpi}); its sum waits for it",
                    where=where,
                    offices=Joined(missing),
                    kpi=k.id,
                )
            )
    if report.subprefectures and any(t.office in _MOVED_OFFICES for t in report.offices):
        notes.append(
            Msg(
                "{where} prints 支庁計: the boundaries before April 2010 (幌加内町 in 空知, 幌延町 in 留萌); "
                "each such share says so in its note",
                where=where,
            )
        )
    return entries


# The 振興局 whose area changed in April 2010, and how their 支庁計 differs from today's area.
_MOVED_OFFICES = {office for move in MOVED_IN_2010.values() for office in move}


def _old_boundary(office: str) -> str:
    """The ledger note of a 支庁計 whose area is not today's 振興局's ("" when it is)."""
    kept = [town for town, (old, _new) in MOVED_IN_2010.items() if old == office]
    gone = [town for town, (_old, new) in MOVED_IN_2010.items() if new == office]
    if kept:
        return f"支庁計（2010年4月の再編前の区域: {'・'.join(kept)}を含む）"
    if gone:
        return f"支庁計（2010年4月の再編前の区域: {'・'.join(gone)}を含まない）"
    return ""


def _municipal_shares(kpis: list[Kpi], sheet: Sheet, make: _Maker, notes: list[Msg]) -> list[Entry]:
    """Each printed 市町村 年計 as the share of every tourism KPI that counts that 市町村."""
    report = sheet.report
    rows: dict[str, list[MunicipalRow]] = {}
    for printed in report.municipalities:
        rows.setdefault(printed.name, []).append(printed)
    entries: list[Entry] = []
    where = _where(sheet)
    for k in (k for k in kpis if k.municipalities and not k.parts):
        absent: list[str] = []
        for name in k.municipalities:
            found = rows.get(name, [])
            if len(found) > 1:
                raise InputError(
                    Msg(
                        "{where}: {name} is printed on several rows ({rows}); check the workbook",
                        where=where,
                        name=name,
                        rows=", ".join(str(r.row) for r in found),
                    )
                )
            row = found[0] if found else None
            if row is None or row.total is None:
                absent.append(name)
                continue
            entries.append(make.entry(k, name, row.printed, row.total, row.row))
        if absent:
            notes.append(
                Msg(
                    "{where}: {n} of the {total} 市町村 of {kpi} have no 年計 in sheet {sheet!r} ({names}); "
                    "its sum waits for them",
                    where=where,
                    n=len(absent),
                    total=len(k.municipalities),
                    kpi=k.id,
                    sheet=report.sheet,
                    names=Joined(absent),
                )
            )
    return entries
