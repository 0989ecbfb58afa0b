"""kpi record: Record one yearly actual value in the ledger."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from decimal import Decimal
from typing import Annotated

import typer

from kpi_cli.commands.options import (
    ByOpt,
    CorrectOpt,
    DryRunOpt,
    KpiArg,
    LedgerOpt,
    OutsidePlanOpt,
    PlanOpt,
    RegionOpt,
    RunningTotalOpt,
    UnusualOpt,
    YearlyOpt,
    complete_office,
)
from kpi_cli.commands.session import Session, cumulative_mode
from kpi_cli.core.decimals import human
from kpi_cli.core.years import era_and_western
from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.entries import period_said
from kpi_cli.ledger.format import FIRST_VALUE
from kpi_cli.ledger.record import Options, Recorded
from kpi_cli.reports.history import entry_name, value_mark


def command(
    ctx: typer.Context,
    kpi: KpiArg,
    year: Annotated[
        str,
        typer.Argument(
            help="Fiscal year: 2019, FY2019, R1, 令和元年度, H31, ...; for a point-in-time KPI also the day counted "
            "(2020-04-01, R2.4.1)."
        ),
    ],
    value: Annotated[str, typer.Argument(help="The actual value, e.g. 1372.6, 1,372.6 or 1,372.6万人.")],
    note: Annotated[str, typer.Option("--note", help="A remark kept with the value.")] = "",
    source: Annotated[str, typer.Option("--source", help="Where the value comes from.")] = "",
    region: RegionOpt = None,
    office: Annotated[
        str,
        typer.Option(
            "--office",
            help="Record one 振興局's share of a KPI summed over offices (e.g. 渡島 for donan-tourists).",
            show_default=False,
            autocompletion=complete_office,
        ),
    ] = "",
    provisional: Annotated[
        bool, typer.Option("--provisional", help="The value is a 速報 (provisional): a 確定 replaces it later.")
    ] = False,
    final: Annotated[
        bool, typer.Option("--final", help="The value is the 確定 (final); it replaces a 速報 without --correct.")
    ] = False,
    half: Annotated[
        str,
        typer.Option(
            "--half",
            help="A half-year's value: H1 (上期, April-September) or H2 (下期); shown, never rated.",
            show_default=False,
        ),
    ] = "",
    by: ByOpt = None,
    correct: CorrectOpt = False,
    outside_plan: OutsidePlanOpt = False,
    running_total: RunningTotalOpt = False,
    yearly: YearlyOpt = False,
    unusual: UnusualOpt = False,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Record one yearly actual value in the ledger.

    The KPI is its id or a fragment of its name; --region narrows a fragment that several
    regions share. A negative value goes after --.

    A point-in-time KPI (時点, e.g. 4月1日現在) also takes the day of its count: it is kept in the
    fiscal year the day falls in (2020-04-01 in FY2020).

    \b
    Examples:
      kpi record donan-tourists R1 1,430 --source "北海道観光入込客数調査"
      kpi record 観光入込客数 R1 1430 --region 道南
      kpi record dohoku-tourists R1 12.34 --office 留萌     (one 振興局's share)
      kpi record kushiro-nemuro-child-centers 2020-04-01 12     (kept in FY2020)
      kpi record donan-tourists H30 1201.4 --office 渡島 --provisional     (a 速報; the 確定 later with --final)
      kpi record donan-tourists R1 640 --half H1     (上期)
    """
    if provisional and final:
        raise InputError(Msg("--provisional and --final contradict each other; give one"))
    options = Options(correct=correct, cumulative=cumulative_mode(running_total, yearly), unusual=unusual)
    s = Session.open(ctx, plan, ledger, writes=True)
    inputs = s.inputs(outside_plan=outside_plan)
    entry = inputs.entry(
        kpi=kpi,
        year=year,
        value=value,
        note=note,
        source=source,
        recorded_by=s.recorder(by),
        recorded_at=s.env.now_iso(),
        office=office,
        regions=region or (),
        status="provisional" if provisional else ("final" if final else ""),
        half=half,
    )
    if entry.guessed and entry.kpi is not None:
        s.warn(Msg("{term!r} taken as {id} ({name})", term=kpi, id=entry.kpi.id, name=entry.kpi.name))
    mode = "--running-total" if running_total else ("--yearly" if yearly else "")
    if mode and entry.kpi is not None and entry.kpi.kind != "cumulative":
        raise InputError(
            Msg("{kpi} is not a 累計 KPI: {option} does not apply; drop it", kpi=entry.kpi.id, option=mode)
        )
    if mode and half:
        raise InputError(Msg("a half-year's value is its own count: {option} does not apply; drop it", option=mode))
    said = period_said(entry)
    if said is not None:
        s.note(said)
    done = s.record([entry], options, dry_run=dry_run)
    name = entry_name(s.plan, entry.row.kpi_id)
    unit = entry.kpi.unit if entry.kpi is not None else ""
    for _e, why in done.linked.unchanged:
        s.say(
            Msg(
                "unchanged: {name} {year} {why}; nothing written",
                name=name,
                year=era_and_western(entry.row.year),
                why=why,
            )
        )
    for _e, why in done.linked.skipped:
        s.warn(why)
    for row in done.linked.rows:
        shown = Msg(
            "{name} {year} = {value}{unit}{mark}",
            name=name,
            year=era_and_western(row.year),
            value=human(Decimal(row.value)),
            unit=unit,
            mark=value_mark(row),
        )
        if done.dry_run:
            s.say(Msg("dry run: would record {what}; nothing written", what=shown))
        elif row.correction != FIRST_VALUE and row.status == "final":
            s.say(Msg("revised (確定): {what} → {place}", what=shown, place=_place(done)))
        elif row.correction != FIRST_VALUE:
            s.say(Msg("corrected: {what} → {place}", what=shown, place=_place(done)))
        else:
            s.say(Msg("recorded: {what} → {place}", what=shown, place=_place(done)))


def _place(done: Recorded) -> str:
    return f"{done.rows[0].file}:{done.rows[0].line}" if done.rows else ""
