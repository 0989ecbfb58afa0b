"""The `kpi` command line: parse options, call the core, hand results to a renderer.

KpiError is caught once, in ``main``; nothing else exits.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional, TextIO

import typer

from .errors import KpiError
from .render import Format

if TYPE_CHECKING:  # imported for annotations only: keeps start-up lean
    from .ledger import LedgerRead, NewRow
    from .locations import Files
    from .plan import Kpi, Plan
    from .progress import Rating

HELP = """Track the KPIs of Hokkaido's 連携地域別政策展開方針 (regional policy plans).

The plan is a TOML file; yearly actual values go into an append-only CSV ledger.
Set KPI_PLAN / KPI_LEDGER (or --plan / --ledger) to use other files."""

_APP_SETTINGS: dict[str, Any] = {
    "rich_markup_mode": None,  # plain Click help and errors: importing Rich costs ~60 ms per call
    "pretty_exceptions_enable": False,
    "add_completion": False,
    "context_settings": {"help_option_names": ["-h", "--help"], "max_content_width": 100},
}
_COMMANDS: dict[str, Callable[..., None]] = {}
_PLAN_COMMANDS: dict[str, Callable[..., None]] = {}


def command(name: str, *, group: str | None = None) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a command; the app is built per call (see ``build_app``)."""

    def register(fn: Callable[..., None]) -> Callable[..., None]:
        (_PLAN_COMMANDS if group == "plan" else _COMMANDS)[name] = fn
        return fn

    return register


def full_app() -> typer.Typer:
    app = typer.Typer(help=HELP, no_args_is_help=True, **_APP_SETTINGS)
    for name, fn in _COMMANDS.items():
        app.command(name)(fn)
    plan_app = typer.Typer(help="Check and edit plan files.", no_args_is_help=True, **_APP_SETTINGS)
    for name, fn in _PLAN_COMMANDS.items():
        plan_app.command(name)(fn)
    app.add_typer(plan_app, name="plan")
    return app


def build_app(args: list[str]) -> tuple[typer.Typer, list[str], str]:
    """The app for this call, its arguments and program name.

    Typer inspects every registered function when it builds the command tree
    (~10 ms for all of them), so a call to one command builds only that one.
    """
    table, rest, prog = _COMMANDS, args, "kpi"
    if args[:1] == ["plan"]:
        table, rest, prog = _PLAN_COMMANDS, args[1:], "kpi plan"
    if rest and rest[0] in table:
        single = typer.Typer(**_APP_SETTINGS)
        single.command(rest[0])(table[rest[0]])
        return single, rest[1:], f"{prog} {rest[0]}"
    return full_app(), args, "kpi"


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


def _fmt(explicit: Format | None) -> Format:
    from .render import choose

    return choose(explicit, sys.stdout)


def _load(plan_option: Path | None) -> Plan:
    from .locations import find_plan
    from .plan_file import load_plan

    path, _packaged = find_plan(plan_option)
    return load_plan(path)


def _caption(plan_path: str) -> str:
    return f"plan: {plan_path}"


# ---------------------------------------------------------------- plan listing


@command("regions")
def regions_cmd(plan: PlanOpt = None, fmt: FormatOpt = None) -> None:
    """List the 連携地域 with their 中核都市, 振興局 and project counts."""
    from .listing import REGION_COLUMNS, region_records
    from .render.output import emit
    from .views import regions_view

    p = _load(plan)
    records = region_records(p)
    emit(
        _fmt(fmt),
        records=records,
        columns=REGION_COLUMNS,
        key="regions",
        human=lambda: regions_view(records, _caption(p.source_path)),
    )


@command("projects")
def projects_cmd(region: RegionOpt = None, plan: PlanOpt = None, fmt: FormatOpt = None) -> None:
    """List the projects printed in the plan, optionally of some regions."""
    from .listing import PROJECT_COLUMNS, project_records
    from .render.output import emit
    from .select import select_projects
    from .views import projects_view

    p = _load(plan)
    records = project_records(p, select_projects(p, region or ()))
    emit(
        _fmt(fmt),
        records=records,
        columns=PROJECT_COLUMNS,
        key="projects",
        human=lambda: projects_view(records, _caption(p.source_path)),
    )


@command("kpis")
def kpis_cmd(
    region: RegionOpt = None,
    project: ProjectOpt = None,
    plan: PlanOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """List the KPIs with baseline and target, optionally of some regions or projects."""
    from .listing import KPI_COLUMNS, kpi_records
    from .render.output import emit
    from .select import select_kpis
    from .views import kpis_view

    p = _load(plan)
    records = kpi_records(p, select_kpis(p, region or (), project or ()))
    emit(
        _fmt(fmt),
        records=records,
        columns=KPI_COLUMNS,
        key="kpis",
        human=lambda: kpis_view(records, _caption(p.source_path)),
    )


@command("check", group="plan")
def plan_check_cmd(
    path: Annotated[Optional[Path], typer.Argument(help="Plan file to check [default: the plan in use].")] = None,
    plan: PlanOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Validate a plan file and print a one-line summary."""
    from .render.output import HumanView, emit

    p = _load(path or plan)
    record = {
        "plan": p.source_path,
        "edition": p.edition.name,
        "regions": len(p.regions),
        "offices": len(p.offices),
        "projects": len(p.projects),
        "kpis": len(p.kpis),
    }
    line = (
        f"{p.source_path}: OK — {record['regions']} regions (連携地域), {record['offices']} offices (振興局), "
        f"{record['projects']} projects, {record['kpis']} KPIs ({p.edition.name})"
    )

    def human() -> HumanView:
        def draw(stream: object) -> None:
            print(line, file=sys.stdout)

        return HumanView(headers=list(record), rows=[[str(v) for v in record.values()]], draw=draw)

    emit(_fmt(fmt), records=[record], columns=list(record), key="checks", human=human)


# ----------------------------------------------------------- plan authoring


def _editable(plan: Path | None) -> tuple[Path, Plan]:
    from .errors import InputError
    from .locations import find_plan
    from .plan_file import load_plan

    path, packaged = find_plan(plan)
    if packaged:
        raise InputError(
            "the plan shipped inside kpi is read-only; start your own with kpi plan init data/plan.toml "
            "(or copy it) and give it with --plan"
        )
    return path, load_plan(path)


def _save(path: Path, new: Plan, what: str) -> None:
    from .plan_write import checked, write_atomic

    write_atomic(path, checked(new, path))
    print(f"{what} → {path}")


@command("init", group="plan")
def plan_init_cmd(
    path: Annotated[Path, typer.Argument(help="The new plan file (must not exist).")],
    edition: Annotated[
        str, typer.Option("--edition", help="The edition's name, e.g. 連携地域別政策展開方針（令和7年）.")
    ],
    start: Annotated[str, typer.Option("--start", help="First fiscal year of the edition, e.g. R7 or 2025.")],
) -> None:
    """Start a new plan with the 6 連携地域 and 14 振興局 and no projects.

    The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields."""
    from .eras import parse_year
    from .locations import PACKAGED_PLAN
    from .plan_edit import init_plan
    from .plan_file import load_plan
    from .plan_write import checked, write_atomic

    new = init_plan(load_plan(PACKAGED_PLAN), edition=edition, start_year=parse_year(start))
    write_atomic(path, checked(new, path), overwrite=False)
    print(f"created {path}: {len(new.regions)} regions, {len(new.offices)} offices, no projects yet")


@command("add-project", group="plan")
def plan_add_project_cmd(
    project_id: Annotated[str, typer.Option("--id", help="Short ASCII id, e.g. tokachi-food-hub.")],
    name: Annotated[str, typer.Option("--name", help="The project's name as printed.")],
    region: Annotated[str, typer.Option("--region", help="The 連携地域 that owns it.")],
    office: Annotated[
        Optional[list[str]],
        typer.Option("--office", help="A 振興局 taking part; repeat [default: all of the region].", show_default=False),
    ] = None,
    participation: Annotated[str, typer.Option("--participation", help="The 【…】 text as printed.")] = "",
    policy: Annotated[
        Optional[list[str]], typer.Option("--policy", help="A 施策 (■ line); repeat.", show_default=False)
    ] = None,
    note: Annotated[str, typer.Option("--note", help="A remark kept with the project.")] = "",
    plan: PlanOpt = None,
) -> None:
    """Add a project to a plan (checked like kpi plan check before anything is written).

    The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields."""
    from .plan_edit import add_project

    path, p = _editable(plan)
    new = add_project(
        p,
        project_id=project_id,
        name=name,
        region=region,
        offices=office or (),
        participation=participation,
        policies=policy or (),
        note=note,
    )
    _save(path, new, f"added project {project_id}")


@command("add-kpi", group="plan")
def plan_add_kpi_cmd(
    project: Annotated[str, typer.Option("--project", help="The project's id.")],
    kpi_id: Annotated[str, typer.Option("--id", help="Short ASCII id, e.g. tokachi-food-value-added.")],
    name: Annotated[str, typer.Option("--name", help="The KPI's name as printed.")],
    unit: Annotated[str, typer.Option("--unit", help="The unit as printed, e.g. 万人, 件, ％.")],
    target: Annotated[str, typer.Option("--target", help="Target value, e.g. 1,440 or 1,440万人.")],
    target_year: Annotated[str, typer.Option("--target-year", help="Target fiscal year, e.g. R1.")],
    kind: Annotated[str, typer.Option("--kind", help="level, cumulative or target_only.")] = "level",
    baseline: Annotated[Optional[str], typer.Option("--baseline", help="Baseline value.", show_default=False)] = None,
    baseline_year: Annotated[
        Optional[str], typer.Option("--baseline-year", help="Baseline fiscal year, e.g. H26.", show_default=False)
    ] = None,
    baseline_from: Annotated[
        Optional[str],
        typer.Option("--baseline-from", help="First year of an averaged baseline (H21～25平均).", show_default=False),
    ] = None,
    baseline_label: Annotated[str, typer.Option("--baseline-label", help="Printed form, e.g. H27.3卒.")] = "",
    target_label: Annotated[str, typer.Option("--target-label", help="Printed form, e.g. R2.3卒.")] = "",
    at_least: Annotated[bool, typer.Option("--at-least", help="The target is a minimum (以上).")] = False,
    direction: Annotated[
        Optional[str],
        typer.Option("--direction", help="increase or decrease [default: from the values].", show_default=False),
    ] = None,
    period_start: Annotated[
        Optional[str], typer.Option("--period-start", help="Cumulative: first year counted.", show_default=False)
    ] = None,
    period_end: Annotated[
        Optional[str], typer.Option("--period-end", help="Cumulative: last year counted.", show_default=False)
    ] = None,
    period_label: Annotated[str, typer.Option("--period-label", help="Printed form, e.g. H27～R1累計.")] = "",
    ownership: Annotated[str, typer.Option("--ownership", help="printed or inferred.")] = "printed",
    note: Annotated[str, typer.Option("--note", help="A remark kept with the KPI.")] = "",
    plan: PlanOpt = None,
) -> None:
    """Add a KPI to a project (checked like kpi plan check before anything is written).

    The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields."""
    from .plan_edit import add_kpi, make_kpi

    path, p = _editable(plan)
    new_kpi = make_kpi(
        p,
        project_id=project,
        kpi_id=kpi_id,
        name=name,
        unit=unit,
        kind=kind,
        direction=direction,
        baseline=baseline,
        baseline_year=baseline_year,
        baseline_from=baseline_from,
        baseline_label=baseline_label,
        target=target,
        target_year=target_year,
        target_label=target_label,
        at_least=at_least,
        period_start=period_start,
        period_end=period_end,
        period_label=period_label,
        ownership=ownership,
        note=note,
    )
    _save(path, add_kpi(p, new_kpi), f"added KPI {kpi_id} to {project}")


@command("revise", group="plan")
def plan_revise_cmd(
    kpi: Annotated[str, typer.Argument(help="KPI id or a name fragment that matches one KPI.")],
    target: Annotated[str, typer.Option("--target", help="The revised target value.")],
    from_year: Annotated[str, typer.Option("--from-year", help="First as-of year the revised target applies to.")],
    reason: Annotated[str, typer.Option("--reason", help="Why, e.g. the decision of the meeting.")],
    target_year: Annotated[
        Optional[str],
        typer.Option("--target-year", help="Revised target year [default: unchanged].", show_default=False),
    ] = None,
    plan: PlanOpt = None,
) -> None:
    """Revise a KPI's target from a year on; the original target stays in the file.

    The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields."""
    from datetime import date

    from .eras import parse_year
    from .numbers import parse_value
    from .plan_edit import revise
    from .select import resolve_kpi

    path, p = _editable(plan)
    match = resolve_kpi(p, kpi)
    if not match.exact:
        _warn(f"'{kpi}' taken as {match.kpi.id} ({match.kpi.name})")
    new = revise(
        p,
        match.kpi.id,
        target=parse_value(target, match.kpi.unit, what="target"),
        target_year=parse_year(target_year) if target_year else None,
        from_year=parse_year(from_year),
        reason=reason,
        on=date.today().isoformat(),
    )
    _save(path, new, f"revised {match.kpi.id}")


@command("import", group="plan")
def plan_import_cmd(
    file: Annotated[str, typer.Argument(help="CSV with the columns of kpi kpis --format csv; - reads stdin.")],
    encoding: Annotated[
        str,
        typer.Option("--encoding", help="utf-8, utf-8-sig or cp932 (Excel on Japanese Windows); a BOM is detected."),
    ] = "utf-8",
    plan: PlanOpt = None,
) -> None:
    """Build or extend a plan from a spreadsheet: new projects and KPIs are added, known KPI ids replaced.

    The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields."""
    from .entries import decode_import
    from .errors import InputError
    from .plan_edit import import_kpis

    if encoding not in ("utf-8", "utf-8-sig", "cp932"):
        raise InputError(f"unknown encoding '{encoding}'; use utf-8, utf-8-sig or cp932")
    path, p = _editable(plan)
    shown = "stdin" if file == "-" else file
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc.strerror}; check the path") from None
    new = import_kpis(p, decode_import(data, encoding, shown), shown)
    added = len(new.kpis) - len(p.kpis)
    _save(path, new, f"imported {shown}: {added} KPIs added, {len(new.kpis)} in all")


# ---------------------------------------------------------------------- ledger

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


def _warn(text: str) -> None:
    print(f"kpi: warning: {text}", file=sys.stderr)


def _recorder(by: str | None) -> str:
    if by:
        return by
    import getpass

    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError):  # pragma: no cover - no login name on this system
        return "unknown"


def _current_fy() -> int:
    from datetime import date

    from .eras import current_fiscal_year

    today = date.today()
    return current_fiscal_year(today.year, today.month)


def _files(plan: Path | None, ledger: Path | None) -> Files:
    from .locations import resolve

    return resolve(plan, ledger)


def _report_ledger_problems(read: LedgerRead, limit: int = 10) -> None:
    """Rows left out of a report are never silent: one warning line each (up to a limit)."""
    problems = [str(p) for p in read.problems]
    problems += [
        f"conflict: {c.kpi_id} FY{c.year} has different values "
        + ", ".join(f"{r.value} ({r.file}:{r.line})" for r in c.rows)
        + "; the newest is used; settle it with kpi record --correct"
        for c in read.conflicts
    ]
    for text in problems[:limit]:
        _warn(text)
    if len(problems) > limit:
        _warn(f"{len(problems) - limit} more problems; run: kpi verify")


@command("record")
def record_cmd(
    kpi: Annotated[str, typer.Argument(help="KPI id, or a name fragment that matches one KPI.")],
    year: Annotated[str, typer.Argument(help="Fiscal year: 2019, FY2019, R1, 令和元年度, H31, ...")],
    value: Annotated[str, typer.Argument(help="The actual value, e.g. 1372.6, 1,372.6 or 1,372.6万人.")],
    note: Annotated[str, typer.Option("--note", help="A remark kept with the value.")] = "",
    source: Annotated[str, typer.Option("--source", help="Where the value comes from.")] = "",
    by: ByOpt = None,
    correct: CorrectOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Record one yearly actual value in the ledger."""
    from . import eras
    from .entries import make_entry, refuse_duplicates
    from .ledger import append, now_iso
    from .numbers import human
    from .plan_file import load_plan

    files = _files(plan, ledger)
    p = load_plan(files.plan)
    entry = make_entry(
        p,
        kpi=kpi,
        year=year,
        value=value,
        note=note,
        source=source,
        recorded_by=_recorder(by),
        recorded_at=now_iso(),
        correction=correct,
        current_fy=_current_fy(),
    )
    if entry.guessed:
        _warn(f"'{kpi}' taken as {entry.kpi.id} ({entry.kpi.name})")
    result = append(
        files.ledger,
        [entry.row],
        check=lambda whole: refuse_duplicates(whole, [entry.row]),
        create_folder=files.plan_is_packaged and ledger is None,
    )
    if result.discarded_bytes:
        _warn(f"removed an unfinished write ({result.discarded_bytes} bytes) from the end of {result.file}")
    row = result.rows[0]
    what = "corrected" if correct else "recorded"
    print(
        f"{what}: {entry.kpi.name} [{entry.kpi.id}] {eras.era_and_western(row.year)} = "
        f"{human(row.decimal)}{entry.kpi.unit} → {row.file}:{row.line}"
    )


@command("import")
def import_cmd(
    file: Annotated[str, typer.Argument(help="CSV with the header kpi_id,year,value[,note,source]; - reads stdin.")],
    encoding: Annotated[
        str,
        typer.Option("--encoding", help="utf-8, utf-8-sig or cp932 (Excel on Japanese Windows); a BOM is detected."),
    ] = "utf-8",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check and show the rows; write nothing.")] = False,
    by: ByOpt = None,
    correct: CorrectOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Import many yearly values at once: all rows are checked first, then written as one batch."""
    from .entries import decode_import, parse_import, refuse_duplicates
    from .errors import InputError
    from .ledger import append, now_iso
    from .ledger import read as read_ledger
    from .plan_file import load_plan

    if encoding not in ("utf-8", "utf-8-sig", "cp932"):
        raise InputError(f"unknown encoding '{encoding}'; use utf-8, utf-8-sig or cp932")
    files = _files(plan, ledger)
    p = load_plan(files.plan)
    shown = "stdin" if file == "-" else file
    if file == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read {file}: {exc.strerror}; check the path") from None
    parsed = parse_import(
        p,
        decode_import(data, encoding, shown),
        shown,
        recorded_by=_recorder(by),
        recorded_at=now_iso(),
        correction=correct,
        current_fy=_current_fy(),
    )
    if parsed.ignored_columns:
        _warn(f"ignored columns: {', '.join(parsed.ignored_columns)}")
    rows = [e.row for e in parsed.entries]
    if dry_run:
        refuse_duplicates(read_ledger(files.ledger), rows)
        _emit_new_rows(p, rows, fmt)
        print(f"kpi: dry run: {len(rows)} rows would be recorded in {files.ledger}; nothing written", file=sys.stderr)
        return
    result = append(
        files.ledger,
        rows,
        check=lambda whole: refuse_duplicates(whole, rows),
        create_folder=files.plan_is_packaged and ledger is None,
    )
    if result.discarded_bytes:
        _warn(f"removed an unfinished write ({result.discarded_bytes} bytes) from the end of {result.file}")
    first, last = result.rows[0].line, result.rows[-1].line
    print(f"imported {len(rows)} rows into {result.file} (lines {first}-{last})")


def _emit_new_rows(p: Plan, rows: list[NewRow], fmt: Format | None) -> None:
    from .render.output import emit
    from .views import NEW_ROW_COLUMNS, new_row_records, new_rows_view

    records = new_row_records(p, rows)
    emit(_fmt(fmt), records=records, columns=NEW_ROW_COLUMNS, key="rows", human=lambda: new_rows_view(records))


@command("history")
def history_cmd(
    kpi: Annotated[Optional[str], typer.Argument(help="KPI id or name fragment [default: all KPIs].")] = None,
    year: Annotated[Optional[str], typer.Option("--year", "-y", help="Only this fiscal year.")] = None,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Every recorded row, oldest first, with superseded rows marked."""
    from . import eras
    from .ledger import read as read_ledger
    from .plan_file import load_plan
    from .render.output import emit
    from .select import resolve_kpi
    from .views import HISTORY_COLUMNS, history_records, history_view

    files = _files(plan, ledger)
    p = load_plan(files.plan)
    keep: frozenset[str] = frozenset()
    if kpi is not None:
        match = resolve_kpi(p, kpi)
        if not match.exact:
            _warn(f"'{kpi}' taken as {match.kpi.id} ({match.kpi.name})")
        keep = frozenset({match.kpi.id})
    only_year = eras.parse_year(year) if year is not None else None
    read = read_ledger(files.ledger, keep_kpis=keep)
    _report_ledger_problems(read)
    records = history_records(p, read, only_year)
    emit(
        _fmt(fmt),
        records=records,
        columns=HISTORY_COLUMNS,
        key="rows",
        human=lambda: history_view(records, f"ledger: {files.ledger}"),
    )


@command("verify")
def verify_cmd(plan: PlanOpt = None, ledger: LedgerOpt = None) -> None:
    """Check the ledger: header, every row, the hash chain, KPI ids, years, conflicts, unfinished writes."""
    from .errors import VerifyFailed
    from .ledger import read as read_ledger
    from .plan_file import load_plan
    from .verify import verify

    files = _files(plan, ledger)
    p = load_plan(files.plan)
    report = verify(p, read_ledger(files.ledger), files.ledger)
    for line in report.problems:
        print(line)
    for line in report.summary:
        print(line)
    if report.problems:
        n = len(report.problems)
        raise VerifyFailed(f"{n} problem{'s' if n > 1 else ''} found in {files.ledger}")


# ---------------------------------------------------------------------- status

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


def _ratings(values: list[str] | None, option: str) -> list[Rating]:
    from .errors import InputError
    from .progress import Rating

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


def _status_inputs(
    plan: Path | None,
    ledger: Path | None,
    region: list[str] | None,
    project: list[str] | None,
    kpi: list[str] | None,
    year: str | None,
) -> tuple[Files, Plan, list[Kpi], int | None, LedgerRead]:
    from .ledger import read as read_ledger
    from .plan_file import load_plan
    from .select import select_kpis

    files = _files(plan, ledger)
    p = load_plan(files.plan)
    kpis = select_kpis(p, region or (), project or (), kpi or ())
    as_of = None
    if year is not None:
        from .eras import parse_year

        as_of = parse_year(year)
    read = read_ledger(files.ledger)
    _report_ledger_problems(read)
    return files, p, kpis, as_of, read


@command("status")
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
    from .render.output import HumanView, emit
    from .status import STATUS_COLUMNS, status_record, statuses

    wanted = _ratings(rating, "--rating")
    (fail,) = _ratings([fail_on], "--fail-on") if fail_on else (None,)
    files, p, kpis, as_of, read = _status_inputs(plan, ledger, region, project, kpi, year)
    results = statuses(p, kpis, read.values(), year=as_of, current_fy=_current_fy())
    if wanted:
        results = [s for s in results if s.rating in wanted]
    records = [status_record(p, s) for s in results]
    rule = f"年度 {year} 時点" if year else "各KPIの実績のある最新年度（実績がなければ今年度）時点"
    caption = f"計画: {p.edition.name} ({files.plan}) · 台帳: {files.ledger} ({read.row_count}行) · {rule}"

    def human() -> HumanView:
        from .views import status_groups, status_markdown_view

        groups = status_groups(p, results)
        view = status_markdown_view(groups, caption)

        def draw(stream: TextIO) -> None:
            from .render.status_table import draw as draw_status

            draw_status(stream, groups, caption)

        view.draw = draw
        return view

    emit(
        _fmt(fmt),
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
            from .errors import KpiError

            err = KpiError(
                f"{len(bad)} KPI{'s are' if len(bad) > 1 else ' is'} rated {fail.value} or worse: "
                + ", ".join(f"{s.kpi.id} ({s.rating.value})" for s in bad[:10])
            )
            err.exit_code = 3
            raise err


@command("export")
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
    from .render.output import HumanView, emit
    from .status import EXPORT_COLUMNS, export_records
    from .views import export_view

    files, p, kpis, _as_of, read = _status_inputs(plan, ledger, region, project, kpi, None)
    records = export_records(p, kpis, read.current, current_fy=_current_fy())

    def human() -> HumanView:
        return export_view(records, f"計画: {files.plan} · 台帳: {files.ledger}")

    emit(
        _fmt(fmt),
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


@command("show")
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
    from .errors import InputError
    from .ledger import read as read_ledger
    from .plan_file import load_plan
    from .select import resolve_kpi
    from .series import series
    from .show import show_data
    from .status import statuses

    files = _files(plan, ledger)
    p = load_plan(files.plan)
    match = resolve_kpi(p, kpi)
    if not match.exact:
        _warn(f"'{kpi}' taken as {match.kpi.id} ({match.kpi.name})")
    as_of = None
    if year is not None:
        from .eras import parse_year

        as_of = parse_year(year)
    read = read_ledger(files.ledger, keep_kpis=frozenset({match.kpi.id}))
    _report_ledger_problems(read)
    actuals = read.values().get(match.kpi.id, {})
    (status,) = statuses(p, [match.kpi], {match.kpi.id: actuals}, year=as_of, current_fy=_current_fy())
    data = show_data(p, match.kpi, status, actuals, read)
    chosen = fmt or Format.table
    if chosen is Format.json:
        import json

        from .render.machine import JSON_SCHEMA_VERSION, json_value

        print(json.dumps({"schema_version": JSON_SCHEMA_VERSION, **json_value(data)}, ensure_ascii=False, indent=2))
        return
    if chosen is not Format.table:
        raise InputError(
            f"kpi show draws a table or writes json, not {chosen.value}; use kpi status for {chosen.value}"
        )
    from .render.show import draw

    try:
        draw(sys.stdout, data, series(status, actuals), f"台帳: {files.ledger}")
        sys.stdout.flush()
    except BrokenPipeError:
        from .errors import PipeClosed
        from .render.output import silence_stdout

        silence_stdout()
        raise PipeClosed() from None


@command("report")
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

    from .errors import InputError
    from .render.html import report_html
    from .status import statuses

    if output.suffix.lower() not in (".html", ".htm"):
        raise InputError(f"--output {output} should end in .html (the report is one HTML file)")
    files, p, kpis, as_of, read = _status_inputs(plan, ledger, region, project, kpi, year)
    values = read.values()
    results = statuses(p, kpis, values, year=as_of, current_fy=_current_fy())
    meta = {
        "plan": files.plan,
        "ledgers": [{"path": f.path, "rows": f.rows, "head": f.tip} for f in read.files]
        or [{"path": str(files.ledger), "rows": 0, "head": ""}],
        "generated": datetime.now().astimezone().isoformat(timespec="seconds"),
        "as_of_rule": f"年度 {year} 時点" if year else "各KPIの実績のある最新年度（なければ今年度）時点",
    }
    html = report_html(p, results, values, meta=meta)
    tmp = output.with_name(output.name + ".tmp")
    try:
        tmp.write_text(html, encoding="utf-8")
        tmp.replace(output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write {output}: {exc.strerror}; choose a writable --output path") from None
    print(f"kpi: wrote a report of {len(results)} KPIs to {output}", file=sys.stderr)


# --------------------------------------------------------------------- entry


def _help_epilog() -> str:
    from .locations import resolve

    try:
        files = resolve(
            Path(os.environ["KPI_PLAN"]) if os.environ.get("KPI_PLAN") else None,
            Path(os.environ["KPI_LEDGER"]) if os.environ.get("KPI_LEDGER") else None,
        )
    except OSError:  # pragma: no cover - cannot stat the current folder
        return ""
    shipped = " (shipped with kpi)" if files.plan_is_packaged else ""
    return f"Files in use: plan {files.plan}{shipped}; ledger {files.ledger}"


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app, turn KpiError into one line per problem on stderr."""
    # typer 0.28 vendors Click; its usage errors derive from TyperException.
    import gc

    from typer import Abort, TyperException

    # A short-lived process: the cyclic collector only costs time here (~5% of a call).
    gc.disable()
    args = sys.argv[1:] if argv is None else argv
    app, rest, prog = build_app(args)
    if not args or args in (["--help"], ["-h"]):
        app.info.epilog = _help_epilog()
    try:
        code = app(args=rest, prog_name=prog, standalone_mode=False)
        sys.stdout.flush()
    except KpiError as exc:
        for line in exc.lines():
            print(f"kpi: {line}", file=sys.stderr)
        code = exc.exit_code
    except TyperException as exc:
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            print(f"kpi: {exc.format_message()}", file=sys.stderr)
        code = exc.exit_code
    except BrokenPipeError:
        from .render.output import silence_stdout

        silence_stdout()
        code = 0
    except (KeyboardInterrupt, Abort):
        print("kpi: interrupted", file=sys.stderr)
        code = 130
    sys.exit(code if isinstance(code, int) else 0)
