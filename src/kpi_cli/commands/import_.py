"""kpi import: Import many yearly values at once: all rows are checked first, then written as one batch."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import Annotated

import typer

from kpi_cli.commands.options import (
    ByOpt,
    CorrectOpt,
    DryRunOpt,
    FormatOpt,
    LedgerOpt,
    OutsidePlanOpt,
    PlanOpt,
    RunningTotalOpt,
    SkipConflictsOpt,
    UnusualOpt,
    YearlyOpt,
)
from kpi_cli.commands.session import Session, cumulative_mode, imported, read_every
from kpi_cli.i18n.msg import Joined, Msg
from kpi_cli.ledger.entries import period_said
from kpi_cli.ledger.import_file import ImportFile, read_tables
from kpi_cli.ledger.import_rows import parse_import
from kpi_cli.ledger.record import Options


def command(
    ctx: typer.Context,
    files: Annotated[
        list[str],
        typer.Argument(
            help="Files of values: .xlsx, .xls, .ods or CSV with the columns kpi_id,year,value[,note,source] "
            "(or KPI ID,年度,実績値[,備考,出典]); several are imported as one batch; - reads stdin.",
            show_default=False,
        ),
    ],
    encoding: Annotated[
        str,
        typer.Option(
            "--encoding",
            help="CSV only: utf-8 or cp932. Default: detected (UTF-8, a BOM, or cp932 from Excel on Japanese Windows).",
            show_default=False,
        ),
    ] = "",
    dry_run: DryRunOpt = False,
    by: ByOpt = None,
    correct: CorrectOpt = False,
    skip_conflicts: SkipConflictsOpt = False,
    outside_plan: OutsidePlanOpt = False,
    running_total: RunningTotalOpt = False,
    yearly: YearlyOpt = False,
    unusual: UnusualOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Import many yearly values at once: all rows are checked first, then written as one batch.

    A blank value cell is "not yet known" and skipped; a value equal to the one already
    recorded is skipped as unchanged, so the same sheet can be imported again safely.
    Only a changed value needs --correct. Every visible sheet of a workbook with the header
    is read; several files are checked together and recorded as one batch, or nothing.

    \b
    Examples:
      kpi import 十勝.xlsx            (a template filled in: kpi template --region 十勝 --year R6 -o 十勝.xlsx)
      kpi import 十勝.xlsx 釧路.xls 根室.csv
      kpi import values.csv --dry-run
      kpi import revised.csv --correct
    """
    options = Options(
        correct=correct,
        cumulative=cumulative_mode(running_total, yearly),
        skip_conflicts=skip_conflicts,
        unusual=unusual,
        batch=True,
    )
    s = Session.open(ctx, plan, ledger, writes=not dry_run)
    found = _read_all(s, files, encoding)
    for f in found:
        if f.notice is not None:
            s.warn(f.notice)
        if f.sheets is not None:
            s.note(f.sheets)
    parsed = parse_import(
        s.inputs(outside_plan=outside_plan),
        [t for f in found for t in f.tables],
        recorded_by=s.recorder(by),
        recorded_at=s.env.now_iso(),
    )
    for msg in parsed.guessed:
        s.warn(msg)
    for entry in parsed.entries:
        said = period_said(entry) if entry.counted_on else None  # a day for a point-in-time KPI
        if said is not None:
            s.note(Msg("{where}: {said}", where=entry.where, said=said))
    if parsed.ignored_columns:
        s.warn(Msg("ignored columns: {columns}", columns=", ".join(parsed.ignored_columns)))
    done = s.record(parsed.entries, options, dry_run=dry_run)
    imported(s, done, fmt, Joined([f.shown for f in found]), len(parsed.blank))


def _read_all(s: Session, files: list[str], encoding: str) -> list[ImportFile]:
    """Every file read and its header found (see ``read_every``)."""

    def one(file: str) -> ImportFile:
        data, shown, forced = s.input_bytes(file, encoding)
        return read_tables(data, shown, forced)

    return read_every(files, one)
