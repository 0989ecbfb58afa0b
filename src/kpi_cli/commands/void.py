"""kpi void: take back a value recorded by mistake (a tombstone row; nothing is deleted)."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import Annotated, Optional

import typer

from kpi_cli.commands.options import ByOpt, DryRunOpt, LedgerOpt, PlanOpt, complete_office
from kpi_cli.commands.session import Session
from kpi_cli.core.years import era_and_western
from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.batches import batch_voids
from kpi_cli.ledger.record import Options
from kpi_cli.reports.history import entry_name


def command(
    ctx: typer.Context,
    kpi: Annotated[
        Optional[str],
        typer.Argument(help="KPI id, or a name fragment that matches one KPI.", show_default=False),
    ] = None,
    year: Annotated[
        Optional[str],
        typer.Argument(help="The fiscal year whose value is taken back: 2019, R1, H31, ...", show_default=False),
    ] = None,
    reason: Annotated[str, typer.Option("--reason", help="Why the value is taken back (kept in the ledger).")] = "",
    office: Annotated[
        str,
        typer.Option(
            "--office",
            help="Take back one 振興局's share of a KPI summed over offices.",
            show_default=False,
            autocompletion=complete_office,
        ),
    ] = "",
    half: Annotated[
        str,
        typer.Option("--half", help="Take back a half-year's value: H1 (上期) or H2 (下期).", show_default=False),
    ] = "",
    batch: Annotated[
        str,
        typer.Option(
            "--batch",
            help="Take back every value an import wrote (its batch id, as kpi history shows it) instead of one.",
            show_default=False,
        ),
    ] = "",
    by: ByOpt = None,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Take back the value in force for a KPI and year: it then counts as not recorded.

    The ledger keeps both rows (kpi history shows them). The same value imported again stays
    taken back; a different value needs kpi record --correct.

    \b
    Examples:
      kpi void donan-tourists R8 --reason "typo: meant R1"
      kpi void --batch 4e9ede47 --reason "the wrong year's sheet"
    """
    if not reason.strip():
        raise InputError(Msg("--reason is empty; say why the value is taken back"))
    s = Session.open(ctx, plan, ledger, writes=not dry_run)
    who = s.recorder(by)
    if batch:
        if kpi is not None or year is not None or office or half:
            raise InputError(Msg("--batch takes back a whole import: give it without a KPI, year, --office or --half"))
        entries = batch_voids(
            s.files.ledger, s.plan, batch, reason=reason, recorded_by=who, recorded_at=s.env.now_iso()
        )
    else:
        if kpi is None or year is None:
            raise InputError(Msg("give the KPI and the year to take back (or --batch ID for a whole import)"))
        entries = [
            s.inputs().void(
                kpi=kpi,
                year=year,
                reason=reason,
                recorded_by=who,
                recorded_at=s.env.now_iso(),
                office=office,
                half=half,
            )
        ]
        if entries[0].guessed and entries[0].kpi is not None:
            s.warn(Msg("{term!r} taken as {id} ({name})", term=kpi, id=entries[0].kpi.id, name=entries[0].kpi.name))
    done = s.record(entries, Options(), dry_run=dry_run)
    if done.dry_run:
        for planned in done.linked.rows:
            what = Msg("{name} {year}", name=entry_name(s.plan, planned.kpi_id), year=era_and_western(planned.year))
            s.say(Msg("dry run: would void {what}; nothing written", what=what))
        return
    for row in done.rows:
        s.say(
            Msg(
                "voided: {name} {year} (the row {hash}… no longer counts) → {place}",
                name=entry_name(s.plan, row.kpi_id),
                year=era_and_western(row.year),
                hash=row.correction[:12],
                place=f"{row.file}:{row.line}",
            )
        )
