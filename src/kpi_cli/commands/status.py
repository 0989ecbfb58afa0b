"""kpi status: Each KPI's baseline, target, actual and gap to the straight line from baseline to target."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import TYPE_CHECKING, Annotated, Optional, TextIO

import typer

from kpi_cli.commands.context import current_fy, ratings, status_inputs
from kpi_cli.commands.options import (
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
)

if TYPE_CHECKING:
    from kpi_cli.render.xlsx import Sheet


def command(
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
    sort: Annotated[
        Optional[str],
        typer.Option(
            "--sort",
            help="Order KPIs by gap, progress or rating (worst first) or name [default: plan order].",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Each KPI's baseline, target, actual and gap to the straight line from baseline to target.

    \b
    Examples:
      kpi status --region 十勝
      kpi status -k 観光 --sort progress
      kpi status --year R1 -o status.xlsx
      kpi status --fail-on behind     (exit 3 if any KPI is 遅れ or 悪化)
    """
    from kpi_cli.core.trajectory import Rating
    from kpi_cli.render.output import HumanView, emit
    from kpi_cli.reports.status import NO_REVIEW, STATUS_COLUMNS, as_of_rule, status_record, statuses

    wanted = ratings(rating, "--rating")
    (fail,) = ratings([fail_on], "--fail-on") if fail_on else (None,)
    files, p, kpis, as_of, read = status_inputs(plan, ledger, region, project, kpi, year)
    from kpi_cli.reports.shares import kpi_values, pending_for

    values = kpi_values(p, read.values())
    results = statuses(p, kpis, values.actuals, year=as_of, current_fy=current_fy())
    if wanted:
        results = [s for s in results if s.rating in wanted]
    if sort is not None:
        from kpi_cli.reports.status import sorted_statuses

        results = sorted_statuses(results, sort)
    pending = {s.kpi.id: pending_for(values, s.kpi, s.as_of_year, given=as_of is not None) for s in results}
    from kpi_cli.reports.status import older_values

    older = older_values(results, values.actuals, as_of)  # shown with their years, not rated for --year
    records = [
        status_record(p, s, pending[s.kpi.id])
        | {"latest_year": older[s.kpi.id][0] if s.kpi.id in older else None}
        | {"latest_value": older[s.kpi.id][1] if s.kpi.id in older else None}
        for s in results
    ]
    headlines: dict[str, str] = {}
    from kpi_cli.ledger.format import REVIEW_PREFIX

    if any(key.startswith(REVIEW_PREFIX) for key, _year in read.in_force):  # reviews cost only when there are some
        from kpi_cli.ledger.reviews import in_force
        from kpi_cli.reports.reviews import headline, latest, review_fields

        reviewed = latest(in_force(read), up_to=as_of)
        records = [r | review_fields(p, reviewed.get(s.kpi.project_id)) for r, s in zip(records, results, strict=True)]
        headlines = {pid: headline(p, r) for pid, r in reviewed.items()}
    else:
        records = [r | NO_REVIEW for r in records]
    rule = as_of_rule(year)
    caption = f"計画: {p.edition.name} ({files.plan}) · 台帳: {files.ledger} ({read.row_count}行) · {rule}"

    def human() -> HumanView:
        from kpi_cli.render.human import status_groups, status_markdown_view
        from kpi_cli.reports.reviews import value_notes

        notes = value_notes(p, results, read.current)  # a mark by the value, the note and source below
        marks = {kpi_id: f"※{i}" for i, kpi_id in enumerate(notes, start=1)}
        footnotes = "\n".join(
            f"{marks[k] if i == 0 else ' ' * len(marks[k]) * 2} {line}"
            for k, lines in notes.items()
            for i, line in enumerate(lines)
        )
        full = f"{footnotes}\n{caption}" if footnotes else caption
        groups = status_groups(p, results, pending, headlines, older, marks)
        view = status_markdown_view(groups, full)

        def draw(stream: TextIO) -> None:
            from kpi_cli.render.status_table import draw as draw_status

            draw_status(stream, groups, full)

        view.draw = draw
        return view

    def sheets() -> "list[Sheet]":
        from kpi_cli.render.xlsx import status_sheets

        return status_sheets(records, caption)

    emit(
        fmt,
        sheets=sheets,
        output=output,
        excel=excel,
        noun="KPIs",
        records=records,
        columns=STATUS_COLUMNS,
        key="kpis",
        human=human,
        meta={
            "plan": str(files.plan),
            "ledger": str(files.ledger),
            "ledger_rows": read.row_count,
            "ratings": {r.value: sum(1 for s in results if s.rating is r) for r in Rating},
        },
    )
    if fail is not None:
        bad = [s for s in results if s.rating.severity >= fail.severity]
        if bad:
            from kpi_cli.errors import KpiError

            err = KpiError(
                f"{len(bad)} KPI{'s are' if len(bad) > 1 else ' is'} rated {fail.value} or worse: "
                + ", ".join(f"{s.kpi.id} ({s.rating.value})" for s in bad[:10])
            )
            err.exit_code = 3
            raise err
