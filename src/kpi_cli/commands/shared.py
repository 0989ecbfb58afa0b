"""What the commands share: option types, format choice, files in use, warnings."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..render import Format

if TYPE_CHECKING:  # imported for annotations only: keeps start-up lean
    from ..ledger import LedgerRead
    from ..ledger_write import AppendResult
    from ..locations import Files
    from ..plan import Kpi, Plan
    from ..progress import Rating
    from ..select import KpiMatch

PlanOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--plan",
        envvar="KPI_PLAN",
        help="Plan file [env KPI_PLAN; default ./data/plan.toml, else the plan shipped with kpi].",
        show_default=False,
        dir_okay=False,
    ),
]
LedgerOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--ledger",
        envvar="KPI_LEDGER",
        help="Ledger CSV file, or a folder of per-writer files [env KPI_LEDGER; default ledger.csv beside the plan].",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    Optional[Format],
    typer.Option(
        "--format", "-f", help="Output format [default: table on a terminal, csv in a pipe].", show_default=False
    ),
]
RegionOpt = Annotated[
    Optional[list[str]],
    typer.Option("--region", "-r", help="連携地域 or 振興局 (name or id); repeat for several.", show_default=False),
]
ProjectOpt = Annotated[
    Optional[list[str]],
    typer.Option("--project", "-p", help="Project id or name fragment; repeat for several.", show_default=False),
]


def fmt_for(explicit: Format | None) -> Format:
    from ..render import choose

    return choose(explicit, sys.stdout)


def load(plan_option: Path | None) -> Plan:
    from ..locations import find_plan
    from ..plan_file import load_plan

    path, _packaged = find_plan(plan_option)
    return load_plan(path)


def caption(plan_path: str) -> str:
    return f"plan: {plan_path}"


ByOpt = Annotated[
    Optional[str],
    typer.Option(
        "--by", envvar="KPI_USER", help="Who records [env KPI_USER; default: your login].", show_default=False
    ),
]
CorrectOpt = Annotated[
    bool,
    typer.Option("--correct", help="Supersede a value already recorded for this KPI and year (the old row stays)."),
]


def warn(text: str) -> None:
    print(f"kpi: warning: {text}", file=sys.stderr)


def recorder(by: str | None) -> str:
    if by:
        return by
    import getpass

    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError):  # pragma: no cover - no login name on this system
        return "unknown"


def current_fy() -> int:
    from datetime import date

    from ..eras import current_fiscal_year

    today = date.today()
    return current_fiscal_year(today.year, today.month)


def files_for(plan: Path | None, ledger: Path | None) -> Files:
    """The plan and ledger in use; a ledger given explicitly must be in an existing folder."""
    from ..errors import InputError
    from ..locations import resolve

    files = resolve(plan, ledger)
    if ledger is not None and not ledger.exists() and not ledger.parent.is_dir():
        raise InputError(f"folder {ledger.parent} does not exist; create it or choose another --ledger")
    return files


def find_kpi(plan: Plan, term: str) -> KpiMatch:
    """A KPI by id or name fragment; says on stderr which one a fragment was taken as."""
    from ..select import resolve_kpi

    match = resolve_kpi(plan, term)
    if not match.exact:
        warn(f"'{term}' taken as {match.kpi.id} ({match.kpi.name})")
    return match


def read_input(file: str, encoding: str) -> tuple[str, str]:
    """The text of an input CSV (a path, or - for stdin) and the name to show in messages."""
    from ..entries import decode_import
    from ..errors import InputError

    if encoding not in ("utf-8", "utf-8-sig", "cp932"):
        raise InputError(f"unknown encoding '{encoding}'; use utf-8, utf-8-sig or cp932")
    shown = "stdin" if file == "-" else file
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc.strerror}; check the path") from None
    return decode_import(data, encoding, shown), shown


def warn_discarded(result: AppendResult) -> None:
    if result.discarded_bytes:
        warn(f"removed an unfinished write ({result.discarded_bytes} bytes) from the end of {result.file}")


def report_ledger_problems(read: LedgerRead, limit: int = 10) -> None:
    """Rows left out of a report are never silent: one warning line each (up to a limit)."""
    problems = [str(p) for p in read.problems]
    problems += [
        f"conflict: {c.kpi_id} FY{c.year} has different values "
        + ", ".join(f"{r.value} ({r.file}:{r.line})" for r in c.rows)
        + "; the newest is used; settle it with kpi record --correct"
        for c in read.conflicts
    ]
    for text in problems[:limit]:
        warn(text)
    if len(problems) > limit:
        warn(f"{len(problems) - limit} more problems; run: kpi verify")


KpiOpt = Annotated[
    Optional[list[str]],
    typer.Option("--kpi", "-k", help="KPI id or name fragment; repeat for several.", show_default=False),
]
YearOpt = Annotated[
    Optional[str],
    typer.Option(
        "--year", "-y", help="As-of fiscal year [default: each KPI's latest recorded year].", show_default=False
    ),
]
OutputOpt = Annotated[
    Optional[Path],
    typer.Option("--output", "-o", help="Write to this file instead of stdout.", show_default=False, dir_okay=False),
]
ExcelOpt = Annotated[
    bool, typer.Option("--excel", help="CSV for Excel: UTF-8 with BOM, CRLF, formula-like text made inert.")
]
RATING_CODES = "achieved, on_track, nearly, behind, worse, no_data"


def ratings(values: list[str] | None, option: str) -> list[Rating]:
    from ..errors import InputError
    from ..progress import Rating

    out = []
    for v in values or []:
        try:
            out.append(Rating(v.strip().lower()))
        except ValueError:
            ja = {r.ja: r for r in Rating}
            if v.strip() in ja:
                out.append(ja[v.strip()])
            else:
                raise InputError(f"unknown rating '{v}' for {option}; use one of {RATING_CODES}") from None
    return out


def status_inputs(
    plan: Path | None,
    ledger: Path | None,
    region: list[str] | None,
    project: list[str] | None,
    kpi: list[str] | None,
    year: str | None,
) -> tuple[Files, Plan, list[Kpi], int | None, LedgerRead]:
    from ..ledger import read as read_ledger
    from ..plan_file import load_plan
    from ..select import select_kpis

    files = files_for(plan, ledger)
    p = load_plan(files.plan)
    kpis = select_kpis(p, region or (), project or (), kpi or ())
    as_of = None
    if year is not None:
        from ..eras import parse_year

        as_of = parse_year(year)
    read = read_ledger(files.ledger)
    report_ledger_problems(read)
    return files, p, kpis, as_of, read
