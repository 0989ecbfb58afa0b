"""kpi import: Import many yearly values at once: all rows are checked first, then written as one batch."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from kpi_cli.commands.context import cumulative_mode, current_fy, open_plan, read_bytes, recorder, warn, warn_discarded
from kpi_cli.commands.options import (
    ByOpt,
    CorrectOpt,
    FormatOpt,
    LedgerOpt,
    OutsidePlanOpt,
    PlanOpt,
    RunningTotalOpt,
    YearlyOpt,
)
from kpi_cli.render import Format

if TYPE_CHECKING:
    from kpi_cli.core.model import Plan
    from kpi_cli.ledger.format import NewRow
    from kpi_cli.ledger.read import LedgerRead


def command(
    file: Annotated[
        str,
        typer.Argument(
            help="An .xlsx or CSV with the columns kpi_id,year,value[,note,source] "
            "(or KPI ID,年度,実績値[,備考,出典]); - reads stdin."
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
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check and show the rows; write nothing.")] = False,
    by: ByOpt = None,
    correct: CorrectOpt = False,
    outside_plan: OutsidePlanOpt = False,
    running_total: RunningTotalOpt = False,
    yearly: YearlyOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Import many yearly values at once: all rows are checked first, then written as one batch.

    A blank value cell is "not yet known" and skipped; a value equal to the one already
    recorded is skipped as unchanged, so the same sheet can be imported again safely.
    Only a changed value needs --correct.

    \b
    Examples:
      kpi import 十勝.xlsx            (a template filled in: kpi template --region 十勝 --year R6 -o 十勝.xlsx)
      kpi import values.csv --dry-run
      kpi import revised.csv --correct
    """
    from kpi_cli.ledger.import_file import read_import
    from kpi_cli.ledger.new_rows import Linked, parse_import, prepare_rows
    from kpi_cli.ledger.read import read as read_ledger
    from kpi_cli.ledger.write import append, now_iso

    mode = cumulative_mode(running_total, yearly)
    data, shown, forced = read_bytes(file, encoding)
    table = read_import(data, shown, forced)
    if table.notice:
        warn(table.notice)
    files, p = open_plan(plan, ledger)
    parsed = parse_import(
        p,
        table,
        recorded_by=recorder(by),
        recorded_at=now_iso(),
        correction=correct,
        current_fy=current_fy(),
        outside_plan=outside_plan,
    )
    if parsed.ignored_columns:
        warn(f"ignored columns: {', '.join(parsed.ignored_columns)}")
    rows = [e.row for e in parsed.entries]
    blank = len(parsed.blank)
    if dry_run:
        linked, notices = prepare_rows(read_ledger(files.ledger), parsed.entries, mode)
        for line in notices:
            print(f"kpi: {line}", file=sys.stderr)
        _emit_new_rows(p, linked.rows, fmt)
        print(
            f"kpi: dry run: {len(linked.rows)} rows would be recorded in {files.ledger} "
            f"({len(linked.unchanged)} unchanged, {blank} blank); nothing written",
            file=sys.stderr,
        )
        return
    outcome: list[tuple[Linked, list[str]]] = []

    def prepare(whole: "LedgerRead") -> "list[NewRow]":
        outcome[:] = [prepare_rows(whole, parsed.entries, mode)]
        return outcome[0][0].rows

    result = (
        append(
            files.ledger,
            rows,
            prepare=prepare,
            folder=files.ledger_is_folder,
            create_folder=files.plan_is_packaged and ledger is None,
        )
        if rows
        else None
    )
    if result is not None:
        warn_discarded(result)
        for line in outcome[0][1]:
            print(f"kpi: {line}", file=sys.stderr)
    unchanged = len(outcome[0][0].unchanged) if outcome else 0
    counts = ", ".join(
        text for n, text in ((unchanged, f"{unchanged} unchanged"), (blank, f"{blank} blank (not yet known)")) if n
    )
    if result is None or not result.rows:
        print(f"imported 0 rows: nothing new in {shown}; {counts}")
        return
    first, last = result.rows[0].line, result.rows[-1].line
    print(
        f"imported {len(result.rows)} rows into {result.file} (lines {first}-{last})"
        + (f"; {counts}" if counts else "")
    )


def _emit_new_rows(p: "Plan", rows: "list[NewRow]", fmt: Format | None) -> None:
    from kpi_cli.render.human import new_rows_view
    from kpi_cli.render.output import emit
    from kpi_cli.reports.history import NEW_ROW_COLUMNS, new_row_records

    records = new_row_records(p, rows)
    emit(fmt, records=records, columns=NEW_ROW_COLUMNS, key="rows", human=lambda: new_rows_view(p, rows))
