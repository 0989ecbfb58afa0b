"""kpi plan import: build or extend a plan from a spreadsheet (new projects and KPIs added, known ids replaced)."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import Annotated

import typer

from kpi_cli.commands.editing import edit_plan
from kpi_cli.commands.options import DryRunOpt, LedgerOpt, PlanOpt
from kpi_cli.commands.session import env_of
from kpi_cli.core.model import Plan
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.import_file import decode, read_input_file
from kpi_cli.ledger.read import read as read_ledger
from kpi_cli.locations import resolve
from kpi_cli.plan.edit import import_kpis, unit_changes


def command(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="CSV with the columns of kpi kpis --format csv; - reads stdin.")],
    encoding: Annotated[
        str,
        typer.Option("--encoding", help="utf-8, utf-8-sig or cp932 (Excel on Japanese Windows); a BOM is detected."),
    ] = "utf-8",
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Build or extend a plan from a spreadsheet: new projects and KPIs are added, known KPI ids replaced.

    The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields.
    A KPI whose unit would change while values are recorded for it is refused (convert the values first).

    \b
    Examples:
      kpi kpis -f csv > kpis.csv; kpi plan import kpis.csv --plan data/r7.toml
    """
    env = env_of(ctx)
    data, shown, forced = read_input_file(file, encoding, env.stdin)
    text, notice = decode(data, shown, forced)
    if notice is not None:
        env.warn(notice)
    files = resolve(plan, ledger)

    def change(p: Plan) -> Plan:
        new = import_kpis(p, text, shown)
        unit_changes(p, new, read_ledger(files.ledger).values())
        return new

    edit_plan(
        ctx,
        plan,
        change,
        lambda old, new: Msg(
            "imported {file}: {added} KPIs added, {n} in all",
            file=shown,
            added=len(new.kpis) - len(old.kpis),
            n=len(new.kpis),
        ),
        dry_run=dry_run,
    )
