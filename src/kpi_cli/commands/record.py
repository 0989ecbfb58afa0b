"""kpi record: Record one yearly actual value in the ledger."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
import sys
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import typer

from kpi_cli.commands.context import cumulative_mode, current_fy, open_plan, recorder, warn, warn_discarded
from kpi_cli.commands.options import (
    ByOpt,
    CorrectOpt,
    KpiArg,
    LedgerOpt,
    OutsidePlanOpt,
    PlanOpt,
    RegionOpt,
    RunningTotalOpt,
    YearlyOpt,
    complete_office,
)
from kpi_cli.core import years as eras

if TYPE_CHECKING:
    from kpi_cli.core.model import Plan
    from kpi_cli.ledger.format import NewRow
    from kpi_cli.ledger.new_rows import Entry
    from kpi_cli.ledger.read import LedgerRead


def command(
    kpi: KpiArg,
    year: Annotated[str, typer.Argument(help="Fiscal year: 2019, FY2019, R1, 令和元年度, H31, ...")],
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
    by: ByOpt = None,
    correct: CorrectOpt = False,
    outside_plan: OutsidePlanOpt = False,
    running_total: RunningTotalOpt = False,
    yearly: YearlyOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Record one yearly actual value in the ledger.

    The KPI is its id or a fragment of its name; --region narrows a fragment that several
    regions share. A negative value goes after --.

    \b
    Examples:
      kpi record donan-tourists R1 1,430 --source "北海道観光入込客数調査"
      kpi record 観光入込客数 R1 1430 --region 道南
      kpi record dohoku-tourists R1 12.34 --office 留萌     (one 振興局's share)
    """
    from kpi_cli.core.decimals import human
    from kpi_cli.ledger.new_rows import make_entry, prepare_rows
    from kpi_cli.ledger.write import append, now_iso

    mode = cumulative_mode(running_total, yearly)
    files, p = open_plan(plan, ledger)
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
        outside_plan=outside_plan,
        office=office,
        regions=region or (),
    )
    if entry.guessed:
        warn(f"'{kpi}' taken as {entry.kpi.id} ({entry.kpi.name})")
    notices: list[str] = []

    def prepare(whole: "LedgerRead") -> "list[NewRow]":
        linked, notes = prepare_rows(whole, [entry], mode)
        notices[:] = notes
        return linked.rows

    result = append(
        files.ledger,
        [entry.row],
        prepare=prepare,
        folder=files.ledger_is_folder,
        create_folder=files.plan_is_packaged and ledger is None,
    )
    warn_discarded(result)
    for line in notices:
        print(f"kpi: {line}", file=sys.stderr)
    if not result.rows:
        print(
            f"unchanged: {_named(p, entry)} {eras.era_and_western(entry.row.year)} is already "
            f"{human(Decimal(entry.row.value))}{entry.kpi.unit}; nothing written"
        )
        return
    row = result.rows[0]
    what = "corrected" if correct else "recorded"
    print(
        f"{what}: {_named(p, entry)} {eras.era_and_western(row.year)} = "
        f"{human(row.decimal)}{entry.kpi.unit} → {row.file}:{row.line}"
    )


def _named(p: "Plan", entry: "Entry") -> str:
    """観光入込客数 [donan-tourists], or for a share 観光入込客数 渡島分 [donan-tourists@oshima]."""
    from kpi_cli.core.model import split_key

    _, office_id = split_key(entry.row.kpi_id)
    share = f" {p.office(office_id).name}分" if office_id else ""
    return f"{entry.kpi.name}{share} [{entry.row.kpi_id}]"
