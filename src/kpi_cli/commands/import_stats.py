"""kpi import-stats: Record the tourism KPIs' shares as printed in the report workbook of the 北海道観光入込客数調査."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from pathlib import Path
from typing import Annotated, Optional

import typer

from kpi_cli.commands.options import (
    ByOpt,
    CorrectOpt,
    DryRunOpt,
    FormatOpt,
    LedgerOpt,
    OutsidePlanOpt,
    PlanOpt,
)
from kpi_cli.commands.session import Session, imported, read_every
from kpi_cli.core.years import parse_year
from kpi_cli.i18n.msg import Joined
from kpi_cli.ledger.record import Options
from kpi_cli.ledger.tourism import TourismReport, read_tourism_workbook
from kpi_cli.ledger.tourism_entries import pick_sheets, stats_entries


def command(
    ctx: typer.Context,
    files: Annotated[
        list[str],
        typer.Argument(
            help="Report workbooks of the 北海道観光入込客数調査 (.xls or .xlsx, as the 道 publishes them; "
            ".ods too); several are recorded as one batch.",
            show_default=False,
        ),
    ],
    year: Annotated[
        Optional[str],
        typer.Option(
            "--year",
            "-y",
            help="The fiscal year to take from a workbook that holds several (R1, 2019, 令和元年度, ...).",
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOpt = False,
    by: ByOpt = None,
    correct: CorrectOpt = False,
    outside_plan: OutsidePlanOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Record the tourism KPIs' shares as printed in the report workbook of the 北海道観光入込客数調査.

    Each 振興局計 row (支庁計 before 2010) is that 振興局's share of the tourism KPIs it is a part of,
    and each 市町村 row the share of a KPI that counts a set of 市町村 (the plan's municipalities);
    the 年計 as printed, from 千人 to the KPI's unit exactly, recorded as 確定 with the file, sheet
    and row it came from. kpi adds the shares up when it reads them. Importing the same report
    again changes nothing; a 確定 replaces a 速報 without --correct, but a 確定 that differs from
    the 確定 recorded needs --correct.

    \b
    Examples:
      kpi import-stats tests/fixtures/tourism/report_fy2019.xlsx --dry-run
      kpi import-stats 令和元年度報告書.xlsx
      kpi import-stats 報告書.xlsx --year R1      (a workbook of several years)
      kpi import-stats H20.xls --outside-plan    (a year before the plan's)
    """
    s = Session.open(ctx, plan, ledger, writes=not dry_run)
    chosen = parse_year(year) if year is not None else None
    found = _read_all(files)
    sheets = pick_sheets(found, chosen)
    made = stats_entries(
        s.inputs(outside_plan=outside_plan),
        sheets,
        recorded_by=s.recorder(by),
        recorded_at=s.env.now_iso(),
    )
    for msg in made.notes:
        s.note(msg)
    done = s.record(made.entries, Options(correct=correct), dry_run=dry_run)
    imported(s, done, fmt, Joined(Path(f).name for f in files))


def _read_all(files: list[str]) -> list[tuple[str, list[TourismReport]]]:
    """Every workbook's monthly sheets (see ``read_every``)."""
    return read_every(files, lambda file: (Path(file).name, read_tourism_workbook(Path(file))))
