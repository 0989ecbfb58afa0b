"""What the commands share besides options: files in use, KPI lookup, input, warnings."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kpi_cli.commands.options import RATING_CODES

if TYPE_CHECKING:  # imported for annotations only: keeps start-up lean
    from kpi_cli.core.model import Kpi, Plan
    from kpi_cli.core.trajectory import Rating
    from kpi_cli.ledger.read import LedgerRead
    from kpi_cli.ledger.write import AppendResult
    from kpi_cli.locations import Files
    from kpi_cli.plan.selection import KpiMatch
    from kpi_cli.reports.collection import Owed


def load(plan_option: Path | None) -> Plan:
    import os

    from kpi_cli.locations import find_ledger, find_plan
    from kpi_cli.plan.load import load_plan
    from kpi_cli.render.output import protect

    path, packaged = find_plan(plan_option)
    plan = load_plan(path)
    ledger, _folder = find_ledger(os.environ.get("KPI_LEDGER") or None, path, packaged, plan.edition.ledger)
    protect(path, ledger)  # an --output never replaces the plan, nor the ledger a value would go to
    return plan


def caption(plan_path: str) -> str:
    return f"plan: {plan_path}"


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

    from kpi_cli.core.years import current_fiscal_year

    today = date.today()
    return current_fiscal_year(today.year, today.month)


def open_plan(plan: Path | None, ledger: str | None) -> tuple[Files, Plan]:
    """The files in use and the loaded plan; a ledger given explicitly must be in an existing folder."""
    from kpi_cli.errors import InputError
    from kpi_cli.locations import resolve
    from kpi_cli.plan.load import load_plan

    files = resolve(plan, ledger)
    p = load_plan(files.plan)
    if p.edition.ledger and not files.ledger_is_explicit and not files.plan_is_packaged:
        files = resolve(plan, ledger, p.edition.ledger)
    if files.ledger_is_explicit and not files.ledger_is_folder:
        where = files.ledger
        if not where.exists() and not where.is_symlink() and not where.parent.is_dir():
            raise InputError(f"folder {where.parent} does not exist; create it or choose another --ledger")
    from kpi_cli.render.output import protect

    protect(files.plan, files.ledger)
    if files.plan_is_packaged and plan is None and not files.ledger_is_explicit:
        warn(
            f"no data/plan.toml in this folder or its parents: using the plan shipped with kpi "
            f"and the ledger {files.ledger}"
        )
    return files, p


def find_kpi(plan: Plan, term: str, regions: Sequence[str] = ()) -> KpiMatch:
    """A KPI by id or name fragment (narrowed by --region); says on stderr which one a fragment was taken as."""
    from kpi_cli.plan.selection import resolve_kpi

    match = resolve_kpi(plan, term, regions)
    if not match.exact:
        warn(f"'{term}' taken as {match.kpi.id} ({match.kpi.name})")
    return match


ENCODINGS = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "cp932": "cp932",
    "shift_jis": "cp932",
    "sjis": "cp932",
}


def read_bytes(file: str, encoding: str) -> tuple[bytes, str, str | None]:
    """The bytes of an input file (a path, or - for stdin), the name to show, and the forced encoding."""
    from kpi_cli.errors import InputError

    forced = ENCODINGS.get(encoding.lower()) if encoding else None
    if encoding and forced is None:
        raise InputError(f"unknown encoding '{encoding}'; use utf-8 or cp932 (or leave it out: kpi detects it)")
    shown = "stdin" if file == "-" else file
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc.strerror}; check the path") from None
    return data, shown, forced


def read_input(file: str, encoding: str) -> tuple[str, str]:
    """The text of an input CSV (UTF-8, with or without BOM, or cp932, detected) and the name to show."""
    from kpi_cli.ledger.import_file import decode

    data, shown, forced = read_bytes(file, encoding)
    text, notice = decode(data, shown, forced)
    if notice:
        warn(notice)
    return text, shown


def warn_discarded(result: AppendResult) -> None:
    if result.discarded_bytes:
        warn(f"removed an interrupted write ({result.discarded_bytes} bytes) from the end of {result.file}")
    if result.head_problem:
        warn(result.head_problem)


def check_span(plan: Plan, year: int, option: str) -> None:
    """A year given to a report must be one the plan speaks of."""
    from kpi_cli.core.model import plan_span
    from kpi_cli.core.years import era_and_western
    from kpi_cli.errors import InputError

    low, high = plan_span(plan)
    if not low <= year <= high:
        raise InputError(
            f"{option} {era_and_western(year)} is outside the plan's years "
            f"({era_and_western(low)}–{era_and_western(high)}); check the year and its era"
        )


def report_ledger_problems(read: LedgerRead, limit: int = 10) -> None:
    """Rows left out of a report are never silent: one warning line each (up to a limit)."""
    if not (read.problems or read.skipped or read.conflicts):
        return
    from kpi_cli.ledger.verify import summarize

    problems = summarize(read.problems)
    problems += [f"{read.path}: {name}: not a kpi writer file; skipped" for name in read.skipped]
    problems += [str(c) for c in read.conflicts]
    for text in problems[:limit]:
        warn(text)
    if len(problems) > limit:
        warn(f"{len(problems) - limit} more problems; run: kpi verify")


def ratings(values: list[str] | None, option: str) -> list[Rating]:
    from kpi_cli.core.trajectory import Rating
    from kpi_cli.errors import InputError

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
    ledger: str | None,
    region: list[str] | None,
    project: list[str] | None,
    kpi: list[str] | None,
    year: str | None,
) -> tuple[Files, Plan, list[Kpi], int | None, LedgerRead]:
    from kpi_cli.ledger.read import read as read_ledger
    from kpi_cli.plan.selection import select_kpis

    files, p = open_plan(plan, ledger)
    kpis = select_kpis(p, region or (), project or (), kpi or ())
    as_of = None
    if year is not None:
        from kpi_cli.core.years import parse_year

        as_of = parse_year(year)
        check_span(p, as_of, "--year")
    read = read_ledger(files.ledger)
    report_ledger_problems(read)
    return files, p, kpis, as_of, read


def editable_plan(plan: Path | None) -> tuple[Path, Plan]:
    from kpi_cli.errors import InputError
    from kpi_cli.locations import find_plan
    from kpi_cli.plan.load import load_plan

    path, packaged = find_plan(plan)
    if packaged:
        raise InputError(
            "the plan shipped inside kpi is read-only; start your own with kpi plan init data/plan.toml "
            "(or copy it) and give it with --plan"
        )
    return path, load_plan(path)


def save_plan(path: Path, new: Plan, what: str) -> None:
    """Write an edited plan, after checking it as the loader would; a refused edit changes nothing."""
    from kpi_cli.errors import InputError, PlanError
    from kpi_cli.plan.write import checked, write_atomic

    try:
        text = checked(new, path)
    except PlanError as exc:
        details = [d.split(": ", 1)[-1] if d.startswith(f"{path}: ") else d for d in exc.details]
        raise InputError(f"refused: the plan would not be valid; {path} is unchanged", details=details) from None
    write_atomic(path, text)
    print(f"{what} → {path}")


def collection_inputs(
    plan: Path | None,
    ledger: str | None,
    region: list[str] | None,
    office: list[str] | None,
    project: list[str] | None,
    year: str | None,
) -> tuple[Files, Plan, int, list[Owed]]:
    """The plan, the fiscal year (default: last year, within the plan) and each selected KPI's state for it."""
    from kpi_cli.core.model import plan_span
    from kpi_cli.core.years import parse_year
    from kpi_cli.ledger.read import read as read_ledger
    from kpi_cli.plan.selection import select_kpis
    from kpi_cli.reports.collection import owed

    files, p = open_plan(plan, ledger)
    if year is None:
        low, high = plan_span(p)
        fy = min(max(current_fy() - 1, low), high)
    else:
        fy = parse_year(year)
        check_span(p, fy, "--year")
    kpis = select_kpis(p, [*(region or ()), *(office or ())], project or ())
    read = read_ledger(files.ledger)
    report_ledger_problems(read)
    from kpi_cli.reports.shares import kpi_values

    return files, p, fy, owed(p, kpis, kpi_values(p, read.values()), fy)


def cumulative_mode(running_total: bool, yearly: bool) -> str:
    """How values of cumulative KPIs are read: "" (refuse running totals), "running" or "yearly"."""
    from kpi_cli.errors import InputError

    if running_total and yearly:
        raise InputError("--running-total and --yearly contradict each other; give one")
    return "running" if running_total else ("yearly" if yearly else "")
