"""kpi import: Import many yearly values at once: all rows are checked first, then written as one batch."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from kpi_cli.commands.context import current_fy, fmt_for, open_plan, read_input, recorder, warn, warn_discarded
from kpi_cli.commands.options import ByOpt, CorrectOpt, FormatOpt, LedgerOpt, OutsidePlanOpt, PlanOpt
from kpi_cli.ledger.new_rows import link_rows, parse_import
from kpi_cli.ledger.read import read as read_ledger
from kpi_cli.ledger.write import append, now_iso
from kpi_cli.render import Format

if TYPE_CHECKING:
    from kpi_cli.ledger.format import NewRow
    from kpi_cli.plan.model import Plan


def command(
    file: Annotated[str, typer.Argument(help="CSV with the header kpi_id,year,value[,note,source]; - reads stdin.")],
    encoding: Annotated[
        str,
        typer.Option("--encoding", help="utf-8, utf-8-sig or cp932 (Excel on Japanese Windows); a BOM is detected."),
    ] = "utf-8",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check and show the rows; write nothing.")] = False,
    by: ByOpt = None,
    correct: CorrectOpt = False,
    outside_plan: OutsidePlanOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Import many yearly values at once: all rows are checked first, then written as one batch."""

    text, shown = read_input(file, encoding)
    files, p = open_plan(plan, ledger, writing=True)
    parsed = parse_import(
        p,
        text,
        shown,
        recorded_by=recorder(by),
        recorded_at=now_iso(),
        correction=correct,
        current_fy=current_fy(),
        outside_plan=outside_plan,
    )
    if parsed.ignored_columns:
        warn(f"ignored columns: {', '.join(parsed.ignored_columns)}")
    rows = [e.row for e in parsed.entries]
    if dry_run:
        link_rows(read_ledger(files.ledger), parsed.entries)
        _emit_new_rows(p, rows, fmt)
        print(f"kpi: dry run: {len(rows)} rows would be recorded in {files.ledger}; nothing written", file=sys.stderr)
        return
    result = append(
        files.ledger,
        rows,
        prepare=lambda whole: link_rows(whole, parsed.entries),
        folder=files.ledger_is_folder,
        create_folder=files.plan_is_packaged and ledger is None,
    )
    warn_discarded(result)
    first, last = result.rows[0].line, result.rows[-1].line
    print(f"imported {len(rows)} rows into {result.file} (lines {first}-{last})")


def _emit_new_rows(p: "Plan", rows: "list[NewRow]", fmt: Format | None) -> None:
    from kpi_cli.render.human import new_rows_view
    from kpi_cli.render.output import emit
    from kpi_cli.reports.history import NEW_ROW_COLUMNS, new_row_records

    records = new_row_records(p, rows)
    emit(fmt_for(fmt), records=records, columns=NEW_ROW_COLUMNS, key="rows", human=lambda: new_rows_view(records))
