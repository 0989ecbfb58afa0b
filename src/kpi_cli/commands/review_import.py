"""kpi review import: record the reviews of a filled-in review sheet (.xlsx or CSV), all or nothing."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from kpi_cli.commands.context import check_span, current_fy, open_plan, read_bytes, recorder, warn, warn_discarded
from kpi_cli.commands.options import ByOpt, LedgerOpt, PlanOpt

if TYPE_CHECKING:
    from kpi_cli.core.model import Plan
    from kpi_cli.ledger.reviews import Review


def command(
    file: Annotated[str, typer.Argument(help="A review sheet (kpi review template) as .xlsx or CSV; - reads stdin.")],
    encoding: Annotated[
        str, typer.Option("--encoding", help="CSV only: utf-8 or cp932 [default: detected].", show_default=False)
    ] = "",
    by: ByOpt = None,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Record the reviews of a review sheet: every row checked first, then written as one batch.

    A row without 評価 and 今後の方向性 is not written yet (skipped and counted); a row equal to
    the review already recorded is skipped as unchanged, so the same sheet can be imported again.

    \b
    Examples:
      kpi review import 十勝-R2-評価.xlsx
    """
    from kpi_cli.errors import InputError, KpiError
    from kpi_cli.ledger.format import NewRow
    from kpi_cli.ledger.import_file import REVIEWS, read_import
    from kpi_cli.ledger.new_rows import limited
    from kpi_cli.ledger.read import LedgerRead
    from kpi_cli.ledger.reviews import link, row_for
    from kpi_cli.ledger.write import append, now_iso

    data, shown, forced = read_bytes(file, encoding)
    table = read_import(data, shown, forced, REVIEWS)
    if table.notice:
        warn(table.notice)
    files, p = open_plan(plan, ledger)
    at, who = now_iso(), recorder(by)
    rows: list[NewRow] = []
    problems: list[str] = []
    blank = 0
    for where, cells in table.rows:

        def cell(name: str, cells: list[str] = cells) -> str:
            i = table.columns.get(name)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        if not any(c.strip() for c in cells):
            continue
        if not cell("assessment") and not cell("direction"):
            if cell("project_id") and cell("year"):
                blank += 1  # a project not reviewed yet; a note below the table counts for nothing
            continue
        try:
            review = _review(p, cell)
        except KpiError as exc:
            problems.append(f"{where}: {exc.message}")
            continue
        rows.append(row_for(review, at, who))
    keys = [(r.kpi_id, r.year) for r in rows]
    problems += [
        f"{shown}: {k[0]} {k[1]} appears twice; keep one row per project and year"
        for k in set(keys)
        if keys.count(k) > 1
    ]
    if problems:
        n = len(problems)
        raise InputError(f"{shown}: {n} bad row{'s' if n > 1 else ''}; nothing was written", details=limited(problems))
    unchanged: list[int] = [0]

    def prepare(whole: LedgerRead) -> list[NewRow]:
        final = [r for row in rows for r in link(whole, row)]
        unchanged[0] = len(rows) - len(final)
        return final

    result = append(files.ledger, rows, prepare=prepare, folder=files.ledger_is_folder) if rows else None
    if result is not None:
        warn_discarded(result)
    written = len(result.rows) if result is not None else 0
    print(f"imported {written} reviews into {files.ledger}; {unchanged[0]} unchanged, {blank} not filled in")
    if written:
        print("kpi: see them with kpi review list", file=sys.stderr)


def _review(p: "Plan", cell: "Callable[[str], str]") -> "Review":
    """One filled-in row as a review, checked like kpi review add (a KpiError says what is wrong)."""
    from kpi_cli.core.years import iso_date, parse_year
    from kpi_cli.errors import InputError
    from kpi_cli.ledger.reviews import Review, check_text
    from kpi_cli.plan.selection import resolve_office, resolve_project
    from kpi_cli.plan.vocabulary import term_code

    fy = parse_year(cell("year"))
    check_span(p, fy, "year")
    if fy > current_fy():
        raise InputError(f"FY{fy} has not started yet; check the year")
    day = iso_date(cell("reviewed_on"), "reviewed_on") if cell("reviewed_on") else ""
    return Review(
        project_id=resolve_project(p, cell("project_id")).id,
        year=fy,
        assessment=term_code(p.vocabulary.assessments, cell("assessment"), "評価 (assessment)"),
        direction=term_code(p.vocabulary.directions, cell("direction"), "今後の方向性 (direction)"),
        actions=check_text(cell("actions"), "取組状況"),
        results=check_text(cell("results"), "成果・課題"),
        next=check_text(cell("next"), "今後の取組"),
        stage="reviewed" if day else "draft",
        meeting_date=day,
        office=p.office(resolve_office(p, cell("office"))).name if cell("office") else "",
    )
