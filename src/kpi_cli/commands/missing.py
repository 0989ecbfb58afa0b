"""kpi missing: what is still owed for a fiscal year, per 振興局 (渡島 3/6)."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kpi_cli.commands.context import collection_inputs
from kpi_cli.commands.options import (
    ExcelOpt,
    FormatOpt,
    LedgerOpt,
    OfficeOpt,
    OutputOpt,
    PlanOpt,
    ProjectOpt,
    RegionOpt,
)

if TYPE_CHECKING:
    from kpi_cli.render.xlsx import Sheet


def command(
    year: Annotated[
        Optional[str],
        typer.Option(
            "--year", "-y", help="The fiscal year [default: last fiscal year, within the plan].", show_default=False
        ),
    ] = None,
    region: RegionOpt = None,
    office: OfficeOpt = None,
    project: ProjectOpt = None,
    fail_on_missing: Annotated[
        bool, typer.Option("--fail-on-missing", help="Exit 3 when anything is still owed (for scheduled checks).")
    ] = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """What is still owed for a fiscal year, grouped by the 振興局 taking part in each KPI's project.

    \b
    Examples:
      kpi missing --year R6 --region 十勝
      kpi missing --year R6 -o missing.xlsx
      kpi missing --fail-on-missing     (exit 3 if any value is still owed)
    """
    from kpi_cli.core.years import era_and_western
    from kpi_cli.plan.selection import resolve_area
    from kpi_cli.render.output import HumanView, emit
    from kpi_cli.reports.collection import (
        MISSING_COLUMNS,
        MISSING_SUMMARY_COLUMNS,
        missing_by_office,
        missing_records,
        missing_summary,
    )

    files, p, fy, items = collection_inputs(plan, ledger, region, office, project, year)
    if office:  # these 振興局 only
        wanted = frozenset(o for term in office for o in resolve_area(p, term).office_ids)
    elif region:  # the offices of these areas, and every office owing a share of their KPIs
        wanted = frozenset(o for term in region for o in resolve_area(p, term).office_ids)
        wanted |= {i.office.id for i in items if i.office is not None}
    else:
        wanted = frozenset()
    counts = missing_by_office(p, items, wanted)
    records = missing_records(counts)
    caption = f"{era_and_western(fy)} の未記録 · 計画: {files.plan} · 台帳: {files.ledger}"

    def human() -> HumanView:
        from kpi_cli.render.collection import missing_view

        return missing_view(counts, caption)

    def sheets() -> "list[Sheet]":
        from kpi_cli.render.xlsx import Sheet

        return [
            Sheet("振興局別", MISSING_SUMMARY_COLUMNS, missing_summary(counts), notes=(caption,)),
            Sheet("未記録", MISSING_COLUMNS, records, notes=(caption,)),
        ]

    emit(
        fmt,
        output=output,
        excel=excel,
        noun="values still owed",
        records=records,
        columns=MISSING_COLUMNS,
        key="missing",
        human=human,
        sheets=sheets,
        meta={"year": fy, "offices": missing_summary(counts)},
    )
    if fail_on_missing and records:
        from kpi_cli.errors import KpiError

        err = KpiError(f"{len(records)} values still owed for {era_and_western(fy)}")
        err.exit_code = 3
        raise err
