"""The report commands: status, export, show, report."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time,
# and real annotations spare it compiling each one from a string (~1 ms per call).
import sys
from pathlib import Path
from typing import Annotated, Optional, TextIO

import typer

from ..render import Format
from .shared import (
    RATING_CODES,
    ExcelOpt,
    FormatOpt,
    KpiOpt,
    LedgerOpt,
    OutputOpt,
    PlanOpt,
    ProjectOpt,
    RegionOpt,
    YearOpt,
    current_fy,
    files_for,
    find_kpi,
    fmt_for,
    ratings,
    report_ledger_problems,
    status_inputs,
)


def status_cmd(
    region: RegionOpt = None,
    project: ProjectOpt = None,
    kpi: KpiOpt = None,
    year: YearOpt = None,
    rating: Annotated[
        Optional[list[str]],
        typer.Option("--rating", help=f"Only KPIs with this rating ({RATING_CODES}); repeatable.", show_default=False),
    ] = None,
    fail_on: Annotated[
        Optional[str],
        typer.Option("--fail-on", help="Exit 3 if any KPI is rated this or worse (e.g. behind).", show_default=False),
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Each KPI's baseline, target, actual and gap to the straight line from baseline to target."""
    from ..render.output import HumanView, emit
    from ..status import STATUS_COLUMNS, status_record, statuses

    wanted = ratings(rating, "--rating")
    (fail,) = ratings([fail_on], "--fail-on") if fail_on else (None,)
    files, p, kpis, as_of, read = status_inputs(plan, ledger, region, project, kpi, year)
    results = statuses(p, kpis, read.values(), year=as_of, current_fy=current_fy())
    if wanted:
        results = [s for s in results if s.rating in wanted]
    records = [status_record(p, s) for s in results]
    rule = f"年度 {year} 時点" if year else "各KPIの実績のある最新年度（実績がなければ今年度）時点"
    caption = f"計画: {p.edition.name} ({files.plan}) · 台帳: {files.ledger} ({read.row_count}行) · {rule}"

    def human() -> HumanView:
        from ..views import status_groups, status_markdown_view

        groups = status_groups(p, results)
        view = status_markdown_view(groups, caption)

        def draw(stream: TextIO) -> None:
            from ..render.status_table import draw as draw_status

            draw_status(stream, groups, caption)

        view.draw = draw
        return view

    emit(
        fmt_for(fmt),
        output=output,
        excel=excel,
        records=records,
        columns=STATUS_COLUMNS,
        key="kpis",
        human=human,
        meta={"plan": str(files.plan), "ledger": str(files.ledger), "ledger_rows": read.row_count},
    )
    if output is not None:
        print(f"kpi: wrote {len(records)} KPIs to {output}", file=sys.stderr)
    if fail is not None:
        bad = [s for s in results if s.rating.severity >= fail.severity]
        if bad:
            from ..errors import KpiError

            err = KpiError(
                f"{len(bad)} KPI{'s are' if len(bad) > 1 else ' is'} rated {fail.value} or worse: "
                + ", ".join(f"{s.kpi.id} ({s.rating.value})" for s in bad[:10])
            )
            err.exit_code = 3
            raise err


def export_cmd(
    region: RegionOpt = None,
    project: ProjectOpt = None,
    kpi: KpiOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Every actual joined with its plan data: one row per KPI and year, with that year's figures."""
    from ..render.output import HumanView, emit
    from ..status import EXPORT_COLUMNS, export_records
    from ..views import export_view

    files, p, kpis, _as_of, read = status_inputs(plan, ledger, region, project, kpi, None)
    records = export_records(p, kpis, read.current, current_fy=current_fy())

    def human() -> HumanView:
        return export_view(records, f"計画: {files.plan} · 台帳: {files.ledger}")

    emit(
        fmt_for(fmt),
        output=output,
        excel=excel,
        records=records,
        columns=EXPORT_COLUMNS,
        key="rows",
        human=human,
        meta={"plan": str(files.plan), "ledger": str(files.ledger)},
    )
    if output is not None:
        print(f"kpi: wrote {len(records)} rows to {output}", file=sys.stderr)


# ---------------------------------------------------------------- pictures


def show_cmd(
    kpi: Annotated[str, typer.Argument(help="KPI id, or a name fragment that matches one KPI.")],
    year: YearOpt = None,
    fmt: Annotated[
        Optional[Format],
        typer.Option("--format", "-f", help="table (text and chart) or json [default: table].", show_default=False),
    ] = None,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """One KPI in full: project, 振興局, 施策, baseline, target, rating, a chart and its history."""
    from ..errors import InputError
    from ..ledger import read as read_ledger
    from ..plan_file import load_plan
    from ..series import series
    from ..show import show_data
    from ..status import statuses

    files = files_for(plan, ledger)
    p = load_plan(files.plan)
    match = find_kpi(p, kpi)
    as_of = None
    if year is not None:
        from ..eras import parse_year

        as_of = parse_year(year)
    read = read_ledger(files.ledger, keep_kpis=frozenset({match.kpi.id}))
    report_ledger_problems(read)
    actuals = read.values().get(match.kpi.id, {})
    (status,) = statuses(p, [match.kpi], {match.kpi.id: actuals}, year=as_of, current_fy=current_fy())
    data = show_data(p, match.kpi, status, actuals, read)
    chosen = fmt or Format.table
    if chosen is Format.json:
        import json

        from ..render.machine import JSON_SCHEMA_VERSION, json_value

        print(json.dumps({"schema_version": JSON_SCHEMA_VERSION, **json_value(data)}, ensure_ascii=False, indent=2))
        return
    if chosen is not Format.table:
        raise InputError(
            f"kpi show draws a table or writes json, not {chosen.value}; use kpi status for {chosen.value}"
        )
    from ..render.show import draw

    try:
        draw(sys.stdout, data, series(status, actuals), f"台帳: {files.ledger}")
        sys.stdout.flush()
    except BrokenPipeError:
        from ..errors import PipeClosed
        from ..render.output import silence_stdout

        silence_stdout()
        raise PipeClosed() from None


def report_cmd(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The HTML file to write.", show_default=False, dir_okay=False)
    ],
    region: RegionOpt = None,
    project: ProjectOpt = None,
    kpi: KpiOpt = None,
    year: YearOpt = None,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """A self-contained HTML report with a chart per KPI, for the annual review meeting."""
    from datetime import datetime

    from ..errors import InputError
    from ..render.html import report_html
    from ..status import statuses

    if output.suffix.lower() not in (".html", ".htm"):
        raise InputError(f"--output {output} should end in .html (the report is one HTML file)")
    files, p, kpis, as_of, read = status_inputs(plan, ledger, region, project, kpi, year)
    values = read.values()
    results = statuses(p, kpis, values, year=as_of, current_fy=current_fy())
    meta = {
        "plan": files.plan,
        "ledgers": [{"path": f.path, "rows": f.rows, "head": f.tip} for f in read.files]
        or [{"path": str(files.ledger), "rows": 0, "head": ""}],
        "generated": datetime.now().astimezone().isoformat(timespec="seconds"),
        "as_of_rule": f"年度 {year} 時点" if year else "各KPIの実績のある最新年度（なければ今年度）時点",
    }
    html = report_html(p, results, values, meta=meta)
    from ..render.output import write_output

    write_output(output, html.encode("utf-8"))
    print(f"kpi: wrote a report of {len(results)} KPIs to {output}", file=sys.stderr)
