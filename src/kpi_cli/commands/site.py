"""kpi site: a static site of the plan, the ledger and the reviews, to publish as a folder."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from pathlib import Path
from typing import Annotated

import typer

from kpi_cli.commands.options import LedgerOpt, PlanOpt, YearOpt
from kpi_cli.commands.session import Session
from kpi_cli.errors import InputError
from kpi_cli.files import reason
from kpi_cli.i18n.msg import Msg
from kpi_cli.render.site import build_site
from kpi_cli.render.site.publish import check_target, publish
from kpi_cli.reports.site import site_data


def command(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The folder to write the site into: new, empty, or a site kpi made before (replaced whole).",
            show_default=False,
        ),
    ],
    year: YearOpt = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace a folder that is not a kpi site, and everything in it."),
    ] = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """A static site of the plan, ledger and reviews: a folder of pages and downloads to publish.

    An index of the 連携地域 with their rating counts, a page per 連携地域, project and KPI (its
    values year by year, a chart, the notes and sources, the latest review), the reporting status
    per 振興局, and downloads: each KPI's values as CSV and JSON, an .xlsx per 連携地域 and all the
    data as one .zip. No scripts and nothing from the network; links are relative, so the folder
    works opened from disk, on a shared drive or on any web server. Printed, a KPI page is one A4
    sheet and a region page its 推進状況 summary. With --year, the site as of that year.

    \b
    Examples:
      kpi site -o site
      kpi site --year R2 -o site-R2
    """
    s = Session.open(ctx, plan, ledger)
    as_of = s.year_in_plan(year, "--year") if year is not None else None
    check_target(output, force=force, protected=s.protected)
    try:
        plan_bytes = s.files.plan.read_bytes()
    except OSError as exc:
        raise InputError(Msg("cannot read {file}: {why}; check the path", file=s.files.plan, why=reason(exc))) from None
    data = site_data(s.plan, s.read(), as_of=as_of, current_fy=s.env.current_fy())
    files = build_site(data, plan_bytes, s.files.plan.name)
    publish(output, files)
    pages = sum(1 for name in files if name.endswith(".html"))
    size = sum(len(b) for b in files.values())
    s.note(
        Msg(
            "wrote a site of {pages} pages and {downloads} downloads ({size} KB) to {output}; open {index}",
            pages=pages,
            downloads=len(files) - pages - 2,
            size=round(size / 1024),
            output=output,
            index=output / "index.html",
        )
    )
