"""kpi show: One KPI in full: project, 振興局, 施策, baseline, target, rating, a chart and its history."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
import sys
from typing import Annotated, Optional

import typer

from kpi_cli.commands.context import current_fy, find_kpi, open_plan, report_ledger_problems
from kpi_cli.commands.options import KpiArg, LedgerOpt, PlanOpt, RegionOpt, YearOpt
from kpi_cli.errors import InputError
from kpi_cli.render import Format


def command(
    kpi: KpiArg,
    year: YearOpt = None,
    region: RegionOpt = None,
    fmt: Annotated[
        Optional[Format],
        typer.Option("--format", "-f", help="table (text and chart) or json [default: table].", show_default=False),
    ] = None,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """One KPI in full: project, 振興局, 施策, baseline, target, rating, a chart and its history.

    \b
    Examples:
      kpi show donan-tourists
      kpi show 観光 --region 道南
    """
    from kpi_cli.core.series import series
    from kpi_cli.ledger.read import read as read_ledger
    from kpi_cli.reports.kpi_page import show_data
    from kpi_cli.reports.status import statuses

    files, p = open_plan(plan, ledger)
    match = find_kpi(p, kpi, region or ())
    as_of = None
    if year is not None:
        from kpi_cli.core.years import parse_year

        as_of = parse_year(year)
    from kpi_cli.core.model import share_key
    from kpi_cli.reports.shares import kpi_values

    shares = frozenset(share_key(match.kpi.id, o) for o in match.kpi.parts)
    read = read_ledger(files.ledger, keep=frozenset({match.kpi.id, *shares}))
    report_ledger_problems(read)
    actuals = kpi_values(p, read.values()).actuals.get(match.kpi.id, {})
    (status,) = statuses(p, [match.kpi], {match.kpi.id: actuals}, year=as_of, current_fy=current_fy())
    data = show_data(p, match.kpi, status, actuals, read)
    from kpi_cli.ledger.reviews import in_force
    from kpi_cli.reports.reviews import latest, review_line, review_record

    review = latest(in_force(read), up_to=as_of).get(match.kpi.project_id)
    line = review_line(p, review, {match.kpi.id: actuals}, current_fy()) if review else None
    data["review"] = review_record(line) if line else None
    chosen = fmt or Format.table
    if chosen is Format.json:
        from kpi_cli.render.machine import JSON_SCHEMA_VERSION, dumps, json_value

        print(dumps({"schema_version": JSON_SCHEMA_VERSION, **json_value(data)}, indent=2))
        return
    if chosen is not Format.table:
        raise InputError(
            f"kpi show draws a table or writes json, not {chosen.value}; use kpi status for {chosen.value}"
        )
    from kpi_cli.render.kpi_page import draw

    try:
        from kpi_cli.reports.history import history_entries

        entries = history_entries(p, read, None)
        draw(sys.stdout, p, status, series(status, actuals), entries, line, f"台帳: {files.ledger}")
        sys.stdout.flush()
    except BrokenPipeError:
        from kpi_cli.errors import PipeClosed
        from kpi_cli.render.output import silence_stdout

        silence_stdout()
        raise PipeClosed() from None
