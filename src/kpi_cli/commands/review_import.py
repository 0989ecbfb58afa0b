"""kpi review import: record the reviews of a filled-in review sheet (.xlsx or CSV), all or nothing."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import Annotated

import typer

from kpi_cli.commands.options import ByOpt, DryRunOpt, LedgerOpt, PlanOpt, ReviewCorrectOpt
from kpi_cli.commands.session import Session
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.import_file import REVIEWS, read_import
from kpi_cli.ledger.record import Options
from kpi_cli.ledger.review_input import sheet_reviews


def command(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="A review sheet (kpi review template) as .xlsx or CSV; - reads stdin.")],
    encoding: Annotated[
        str, typer.Option("--encoding", help="CSV only: utf-8 or cp932 [default: detected].", show_default=False)
    ] = "",
    by: ByOpt = None,
    correct: ReviewCorrectOpt = False,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Record the reviews of a review sheet: every row checked first, then written as one batch.

    A row without 評価 and 今後の方向性 is not written yet (skipped and counted); a row equal to
    the review already recorded is skipped as unchanged, so the same sheet can be imported again.
    A review the 地域づくり連携会議 approved (連携会議の日付) is replaced only with --correct.

    \b
    Examples:
      kpi review import 十勝-R2-評価.xlsx
      kpi review import 十勝-R2-評価.xlsx --dry-run
      kpi review import 十勝-R2-評価.xlsx --correct
    """
    s = Session.open(ctx, plan, ledger, writes=not dry_run)
    data, shown, forced = s.input_bytes(file, encoding)
    table = read_import(data, shown, forced, REVIEWS)
    if table.notice is not None:
        s.warn(table.notice)
    found = sheet_reviews(
        s.plan, table, current_fy=s.env.current_fy(), recorded_at=s.env.now_iso(), recorded_by=s.recorder(by)
    )
    done = s.record(found.entries, Options(correct=correct), dry_run=dry_run)
    n = len(done.linked.rows)
    counts = {"unchanged": len(done.linked.unchanged), "blank": found.blank}
    if done.dry_run:
        s.note(
            Msg(
                "dry run: {n} reviews would be recorded in {ledger}; {unchanged} unchanged, {blank} not filled in; "
                "nothing written",
                n=n,
                ledger=s.files.ledger,
                **counts,
            )
        )
        return
    s.say(
        Msg(
            "imported {n} reviews into {ledger}; {unchanged} unchanged, {blank} not filled in",
            n=len(done.rows),
            ledger=s.files.ledger,
            **counts,
        )
    )
