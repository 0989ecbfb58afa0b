"""The ledger commands: record, import, history, verify."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time,
# and real annotations spare it compiling each one from a string (~1 ms per call).
import sys
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..render import Format
from .shared import (
    ByOpt,
    CorrectOpt,
    FormatOpt,
    LedgerOpt,
    PlanOpt,
    current_fy,
    files_for,
    find_kpi,
    fmt_for,
    read_input,
    recorder,
    report_ledger_problems,
    warn,
    warn_discarded,
)

if TYPE_CHECKING:
    from ..ledger import NewRow
    from ..plan import Plan


def record_cmd(
    kpi: Annotated[str, typer.Argument(help="KPI id, or a name fragment that matches one KPI.")],
    year: Annotated[str, typer.Argument(help="Fiscal year: 2019, FY2019, R1, 令和元年度, H31, ...")],
    value: Annotated[str, typer.Argument(help="The actual value, e.g. 1372.6, 1,372.6 or 1,372.6万人.")],
    note: Annotated[str, typer.Option("--note", help="A remark kept with the value.")] = "",
    source: Annotated[str, typer.Option("--source", help="Where the value comes from.")] = "",
    by: ByOpt = None,
    correct: CorrectOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Record one yearly actual value in the ledger."""
    from .. import eras
    from ..entries import make_entry, refuse_duplicates
    from ..ledger_write import append, now_iso
    from ..numbers import human
    from ..plan_file import load_plan

    files = files_for(plan, ledger)
    p = load_plan(files.plan)
    entry = make_entry(
        p,
        kpi=kpi,
        year=year,
        value=value,
        note=note,
        source=source,
        recorded_by=recorder(by),
        recorded_at=now_iso(),
        correction=correct,
        current_fy=current_fy(),
    )
    if entry.guessed:
        warn(f"'{kpi}' taken as {entry.kpi.id} ({entry.kpi.name})")
    result = append(
        files.ledger,
        [entry.row],
        check=lambda whole: refuse_duplicates(whole, [entry.row]),
        create_folder=files.plan_is_packaged and ledger is None,
    )
    warn_discarded(result)
    row = result.rows[0]
    what = "corrected" if correct else "recorded"
    print(
        f"{what}: {entry.kpi.name} [{entry.kpi.id}] {eras.era_and_western(row.year)} = "
        f"{human(row.decimal)}{entry.kpi.unit} → {row.file}:{row.line}"
    )


def import_cmd(
    file: Annotated[str, typer.Argument(help="CSV with the header kpi_id,year,value[,note,source]; - reads stdin.")],
    encoding: Annotated[
        str,
        typer.Option("--encoding", help="utf-8, utf-8-sig or cp932 (Excel on Japanese Windows); a BOM is detected."),
    ] = "utf-8",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check and show the rows; write nothing.")] = False,
    by: ByOpt = None,
    correct: CorrectOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Import many yearly values at once: all rows are checked first, then written as one batch."""
    from ..entries import parse_import, refuse_duplicates
    from ..ledger import read as read_ledger
    from ..ledger_write import append, now_iso
    from ..plan_file import load_plan

    text, shown = read_input(file, encoding)
    files = files_for(plan, ledger)
    p = load_plan(files.plan)
    parsed = parse_import(
        p,
        text,
        shown,
        recorded_by=recorder(by),
        recorded_at=now_iso(),
        correction=correct,
        current_fy=current_fy(),
    )
    if parsed.ignored_columns:
        warn(f"ignored columns: {', '.join(parsed.ignored_columns)}")
    rows = [e.row for e in parsed.entries]
    if dry_run:
        refuse_duplicates(read_ledger(files.ledger), rows)
        _emit_new_rows(p, rows, fmt)
        print(f"kpi: dry run: {len(rows)} rows would be recorded in {files.ledger}; nothing written", file=sys.stderr)
        return
    result = append(
        files.ledger,
        rows,
        check=lambda whole: refuse_duplicates(whole, rows),
        create_folder=files.plan_is_packaged and ledger is None,
    )
    warn_discarded(result)
    first, last = result.rows[0].line, result.rows[-1].line
    print(f"imported {len(rows)} rows into {result.file} (lines {first}-{last})")


def _emit_new_rows(p: "Plan", rows: "list[NewRow]", fmt: Format | None) -> None:
    from ..render.output import emit
    from ..views import NEW_ROW_COLUMNS, new_row_records, new_rows_view

    records = new_row_records(p, rows)
    emit(fmt_for(fmt), records=records, columns=NEW_ROW_COLUMNS, key="rows", human=lambda: new_rows_view(records))


def history_cmd(
    kpi: Annotated[Optional[str], typer.Argument(help="KPI id or name fragment [default: all KPIs].")] = None,
    year: Annotated[Optional[str], typer.Option("--year", "-y", help="Only this fiscal year.")] = None,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Every recorded row, oldest first, with superseded rows marked."""
    from .. import eras
    from ..ledger import read as read_ledger
    from ..plan_file import load_plan
    from ..render.output import emit
    from ..views import HISTORY_COLUMNS, history_records, history_view

    files = files_for(plan, ledger)
    p = load_plan(files.plan)
    keep: frozenset[str] = frozenset()
    if kpi is not None:
        keep = frozenset({find_kpi(p, kpi).kpi.id})
    only_year = eras.parse_year(year) if year is not None else None
    read = read_ledger(files.ledger, keep_kpis=keep)
    report_ledger_problems(read)
    records = history_records(p, read, only_year)
    emit(
        fmt_for(fmt),
        records=records,
        columns=HISTORY_COLUMNS,
        key="rows",
        human=lambda: history_view(records, f"ledger: {files.ledger}"),
    )


def verify_cmd(plan: PlanOpt = None, ledger: LedgerOpt = None) -> None:
    """Check the ledger: header, every row, the hash chain, KPI ids, years, conflicts, unfinished writes."""
    from ..errors import VerifyFailed
    from ..ledger import read as read_ledger
    from ..plan_file import load_plan
    from ..verify import verify

    files = files_for(plan, ledger)
    p = load_plan(files.plan)
    report = verify(p, read_ledger(files.ledger), files.ledger)
    for line in report.problems:
        print(line)
    for line in report.summary:
        print(line)
    if report.problems:
        n = len(report.problems)
        raise VerifyFailed(f"{n} problem{'s' if n > 1 else ''} found in {files.ledger}")
