"""kpi verify: check the ledger, line by line, against its chain, its head and the plan."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import Annotated, Optional

import typer

from kpi_cli.commands.options import LedgerOpt, PlanOpt
from kpi_cli.commands.session import Session
from kpi_cli.errors import InputError, VerifyFailed
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.format import looks_like_hash
from kpi_cli.ledger.read import read as read_ledger
from kpi_cli.ledger.repair import repair as repair_ledger
from kpi_cli.ledger.verify import verify
from kpi_cli.reports.values import kpi_values, rounding_notes

NOTES_SHOWN = 20  # notes are not problems: a ledger with thousands of them shows a count


def command(
    ctx: typer.Context,
    expect_head: Annotated[
        Optional[list[str]],
        typer.Option(
            "--expect-head",
            help="A head hash noted earlier (e.g. in a commit message): it must still be in the ledger. Repeatable.",
            show_default=False,
        ),
    ] = None,
    repair: Annotated[
        bool,
        typer.Option(
            "--repair",
            help="Undo a spreadsheet's re-save (BOM, CRLF, cp932, TRUE/FALSE, quotes) when every row proves intact; "
            "remove an unfinished last line; write a missing head file.",
        ),
    ] = False,
    all_notes: Annotated[
        bool,
        typer.Option("--all", help=f"List every note (by default the first {NOTES_SHOWN} and a count of the rest)."),
    ] = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Check the ledger: header, every row, the hash chain, the remembered head, KPI ids, years, conflicts.

    Exit 0 when clean, 1 when problems were found (one line each on stdout), 2 on bad input.

    \b
    Examples:
      kpi verify
      kpi verify --expect-head 3f2a…   (the head noted in the last commit)
      kpi verify --repair              (after the ledger was opened and saved in Excel)
      kpi verify --all                 (every note, not only the first 20)
    """
    s = Session.open(ctx, plan, ledger)
    expected = tuple(h.strip().lower() for h in expect_head or ())
    for h in expected:
        if not looks_like_hash(h):
            raise InputError(
                Msg("--expect-head {head} is not a 64-character hex hash; copy the head kpi verify prints", head=h[:20])
            )
    if s.files.ledger_is_explicit and not s.files.ledger.exists():
        raise VerifyFailed(
            Msg("ledger {ledger} does not exist; check the path (kpi verify does not create it)", ledger=s.files.ledger)
        )
    if repair:
        done = repair_ledger(
            s.files.ledger,
            s.env.now_iso()[:19].replace(":", ""),
            waiting=lambda: s.note(
                Msg(
                    "waiting for {ledger}: another kpi is writing to it (Ctrl-C stops this one; nothing is changed)",
                    ledger=s.files.ledger,
                )
            ),
        )
        for msg in done:
            s.note(msg)
        if not done:
            s.warn(
                Msg(
                    "nothing to repair: no row was re-saved by a spreadsheet, no write was left unfinished and "
                    "no head file is missing"
                )
            )
    read = read_ledger(s.files.ledger, wanted=frozenset(expected))
    report = verify(s.plan, read, s.files.ledger, now=s.env.now_iso(), expect=expected)
    report.notes.extend(rounding_notes(s.plan, kpi_values(s.plan, read)))
    for msg in report.problems:
        s.say(msg)
    shown = report.notes if all_notes else report.notes[:NOTES_SHOWN]
    for msg in shown:
        s.say(Msg("note: {note}", note=msg))
    if len(report.notes) > len(shown):
        s.say(Msg("note: {n} more notes; kpi verify --all lists every one", n=len(report.notes) - len(shown)))
    for msg in report.summary:
        s.say(msg)
    if report.problems:
        n = len(report.problems)
        raise VerifyFailed(
            Msg("{n} problems found in {ledger}", n=n, ledger=s.files.ledger)
            if n > 1
            else Msg("1 problem found in {ledger}", ledger=s.files.ledger)
        )
