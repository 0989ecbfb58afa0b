"""kpi verify: check the ledger, line by line, against its chain, its head and the plan."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
import sys
from typing import Annotated, Optional

import typer

from kpi_cli.commands.context import open_plan, warn
from kpi_cli.commands.options import LedgerOpt, PlanOpt
from kpi_cli.errors import InputError, VerifyFailed

NOTES_SHOWN = 20  # notes are not problems: a ledger with thousands of them shows a count


def command(
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
            help="Undo a spreadsheet's re-save (BOM, CRLF, cp932, TRUE/FALSE, quotes) when every row proves intact.",
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
    from kpi_cli.ledger.format import looks_like_hash
    from kpi_cli.ledger.read import read as read_ledger
    from kpi_cli.ledger.verify import verify
    from kpi_cli.ledger.write import now_iso

    files, p = open_plan(plan, ledger)
    expected = tuple(h.strip().lower() for h in expect_head or ())
    for h in expected:
        if not looks_like_hash(h):
            raise InputError(f"--expect-head {h[:20]} is not a 64-character hex hash; copy the head kpi verify prints")
    if files.ledger_is_explicit and not files.ledger.exists():
        raise VerifyFailed(f"ledger {files.ledger} does not exist; check the path (kpi verify does not create it)")
    if repair:
        from kpi_cli.ledger.repair import repair as repair_ledger

        done = repair_ledger(files.ledger, now_iso()[:19].replace(":", ""))
        for line in done:
            print(f"kpi: {line}", file=sys.stderr)
        if not done:
            warn("nothing to repair: no row was re-saved by a spreadsheet")
    read = read_ledger(files.ledger, wanted=frozenset(expected))
    report = verify(p, read, files.ledger, now=now_iso(), expect=expected)
    from kpi_cli.reports.shares import kpi_values, rounding_notes

    report.notes.extend(rounding_notes(p, kpi_values(p, read.values())))
    for line in report.problems:
        print(line)
    shown = report.notes if all_notes else report.notes[:NOTES_SHOWN]
    for line in shown:
        print(f"note: {line}")
    if len(report.notes) > len(shown):
        print(f"note: {len(report.notes) - len(shown)} more notes; kpi verify --all lists every one")
    for line in report.summary:
        print(line)
    if report.problems:
        n = len(report.problems)
        raise VerifyFailed(f"{n} problem{'s' if n > 1 else ''} found in {files.ledger}")
