"""Editing a plan: pure operations on the model; the caller validates and writes.

Each function returns a new Plan; nothing is changed in place and nothing is
written here (`plan_write` does that, after the loader's validation).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple

from kpi_cli.core import years as eras
from kpi_cli.core.decimals import human, parse_value
from kpi_cli.core.model import (
    BASES,
    SOURCE_FIELDS,
    Baseline,
    Edition,
    Kpi,
    Period,
    Plan,
    Project,
    Revision,
    Source,
    Target,
)
from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Msg
from kpi_cli.plan.selection import name_key


def init_plan(template: Plan, *, edition: str, start_year: int) -> Plan:
    """A new edition: the regions and offices of ``template``, no projects."""
    return Plan(
        edition=Edition(id="", name=edition, start_year=start_year),
        regions=tuple(r._replace(project_count=None) for r in template.regions),
        offices=template.offices,
        projects=(),
        bands=template.bands,
    )


def office_ids(plan: Plan, names: Sequence[str]) -> tuple[str, ...]:
    out = []
    for name in names:
        key = name_key(name)
        found = [o.id for o in plan.offices if key in (name_key(o.name), o.id)]
        if not found:
            valid = ", ".join(o.name for o in plan.offices)
            raise InputError(Msg("unknown office (振興局) {name!r}; valid: {valid}", name=name, valid=valid))
        out.append(found[0])
    return tuple(out)


def region_id(plan: Plan, name: str) -> str:
    key = name_key(name)
    for r in plan.regions:
        if key in (name_key(r.name), name_key(r.name).removesuffix("広域"), r.id):
            return r.id
    raise InputError(
        Msg("unknown region {name!r}; valid: {names}", name=name, names=", ".join(r.name for r in plan.regions))
    )


def add_project(
    plan: Plan,
    *,
    project_id: str,
    name: str,
    region: str,
    offices: Sequence[str],
    participation: str = "",
    policies: Sequence[str] = (),
    note: str = "",
) -> Plan:
    if any(p.id == project_id for p in plan.projects):
        raise InputError(Msg("project id {project_id!r} already exists; choose another id", project_id=project_id))
    rid = region_id(plan, region)
    project = Project(
        id=project_id,
        name=name,
        region_id=rid,
        office_ids=office_ids(plan, offices) if offices else tuple(o.id for o in plan.offices if o.region_id == rid),
        participation=participation,
        policies=tuple(policies),
        kpis=(),
        note=note,
    )
    return plan._replace(projects=(*plan.projects, project))


def make_kpi(
    plan: Plan,
    *,
    project_id: str,
    kpi_id: str,
    name: str,
    unit: str,
    kind: str = "level",
    direction: str | None = None,
    baseline: str | None = None,
    baseline_year: str | None = None,
    baseline_from: str | None = None,
    baseline_label: str = "",
    target: str,
    target_year: str,
    target_label: str = "",
    at_least: bool = False,
    period_start: str | None = None,
    period_end: str | None = None,
    period_label: str = "",
    ownership: str = "printed",
    note: str = "",
    names: Mapping[str, str],
) -> Kpi:
    """A KPI from what people type: values as `kpi record` takes them, years in any era form.
    ``names``: how the input calls the fields a message names (``baseline``, ``baseline_year``,
    ``target``, ``kind``): ``--baseline`` and ``--kind`` on the command line (``OPTION_NAMES``),
    ``baseline_value`` and ``kind`` in a sheet (``COLUMN_NAMES``); never a TOML key."""
    if kind not in ("level", "cumulative", "target_only"):
        raise InputError(Msg("unknown kind {kind!r}; use level, cumulative or target_only", kind=kind))
    b = None
    if baseline is not None or baseline_year is not None:
        if baseline is None or baseline_year is None:
            raise InputError(
                Msg(
                    "give both {baseline} and {baseline_year} (or neither, for a target-only KPI)",
                    baseline=names["baseline"],
                    baseline_year=names["baseline_year"],
                )
            )
        year = eras.parse_year(baseline_year)
        year_from = eras.parse_year(baseline_from) if baseline_from else None
        label = baseline_label or (_average_label(year_from, year) if year_from else eras.era(year))
        b = Baseline(parse_value(baseline, unit, what=names["baseline"]), year, label, year_from)
    t_year = eras.parse_year(target_year)
    period = None
    if period_start is not None or period_end is not None or kind == "cumulative":
        start = eras.parse_year(period_start) if period_start else plan.edition.start_year
        end = eras.parse_year(period_end) if period_end else t_year
        period = Period(start, end, period_label or f"{eras.era(start)}～{eras.era(end)}累計")
    t_label = target_label or (period.label if period is not None else eras.era(t_year))
    t = Target(parse_value(target, unit, what=names["target"]), t_year, t_label, ">=" if at_least else "=")
    if direction is None:
        direction = "decrease" if b is not None and t.value < b.value else "increase"
    if direction not in ("increase", "decrease"):
        raise InputError(Msg("unknown direction {direction!r}; use increase or decrease", direction=direction))
    if ownership not in ("printed", "inferred"):
        raise InputError(Msg("unknown ownership {ownership!r}; use printed or inferred", ownership=ownership))
    if kind == "level" and b is None:  # (the plan's check would say it in TOML keys: baseline = { value = ... })
        raise InputError(
            Msg(
                "a level KPI needs a baseline: give {baseline} and {baseline_year} (or {kind} target_only for a "
                "KPI with a target only)",
                baseline=names["baseline"],
                baseline_year=names["baseline_year"],
                kind=names["kind"],
            )
        )
    return Kpi(
        id=kpi_id,
        name=name,
        unit=unit,
        kind=kind,  # type: ignore[arg-type]
        direction=direction,  # type: ignore[arg-type]
        project_id=project_id,
        target=t,
        baseline=b,
        period=period,
        ownership=ownership,  # type: ignore[arg-type]
        note=note,
    )


def _average_label(start: int, end: int) -> str:
    """H21～25平均 (the era is not repeated when both years share it)."""
    first, last = eras.era(start), eras.era(end)
    return f"{first}～{last[1:] if first[0] == last[0] else last}平均"


def add_kpi(plan: Plan, kpi: Kpi) -> Plan:
    if any(k.id == kpi.id for k in plan.kpis):
        raise InputError(Msg("KPI id {id!r} already exists; choose another id", id=kpi.id))
    if not any(p.id == kpi.project_id for p in plan.projects):
        raise InputError(
            Msg("unknown project {project_id!r}; add it first with kpi plan add-project", project_id=kpi.project_id)
        )
    projects = tuple(p._replace(kpis=(*p.kpis, kpi)) if p.id == kpi.project_id else p for p in plan.projects)
    return plan._replace(projects=projects)


def revise(
    plan: Plan, kpi_id: str, *, target: Decimal, target_year: int | None, from_year: int, reason: str, on: str
) -> Plan:
    """Add a revised target in force from ``from_year``; the original target stays."""
    kpi = plan.kpi(kpi_id)
    current = kpi.target_for(from_year)
    if not reason.strip():
        raise InputError(Msg("give the reason for the revision with --reason (e.g. the meeting that decided it)"))
    if any(r.from_year == from_year for r in kpi.revisions):
        raise InputError(
            Msg(
                "{kpi_id} already has a revision from {year}; choose another year",
                kpi_id=kpi_id,
                year=eras.era_and_western(from_year),
            )
        )
    year = target_year if target_year is not None else current.year
    revision = Revision(Target(target, year, eras.era(year), current.op), from_year, reason, on)
    new = kpi._replace(revisions=tuple(sorted((*kpi.revisions, revision), key=lambda r: r.from_year)))
    projects = tuple(
        p._replace(kpis=tuple(new if k.id == kpi_id else k for k in p.kpis)) if p.id == kpi.project_id else p
        for p in plan.projects
    )
    return plan._replace(projects=projects)


IMPORT_COLUMNS = ("id", "name", "unit", "region", "project_id", "project", "target_value", "target_year")
# make_kpi's fields as a sheet's columns and as kpi plan add-kpi's options
COLUMN_NAMES = {
    "baseline": "baseline_value",
    "baseline_year": "baseline_year",
    "target": "target_value",
    "kind": "kind",
}
OPTION_NAMES = {"baseline": "--baseline", "baseline_year": "--baseline-year", "target": "--target", "kind": "--kind"}


def import_kpis(plan: Plan, text: str, shown: str) -> Plan:
    """Build or extend a plan from rows as `kpi kpis --format csv` prints them.

    New projects and KPIs are added; a KPI whose id exists is replaced by the row.
    Every bad row is reported at once (one line each) and then nothing changes.
    """
    try:
        rows = list(csv.DictReader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise InputError(Msg("{shown}: not a well-formed CSV file ({exc})", shown=shown, exc=exc)) from None
    if not rows:
        raise InputError(
            Msg("{shown}: no rows; the first line must be the header of kpi kpis --format csv", shown=shown)
        )
    missing = [c for c in IMPORT_COLUMNS if c not in (rows[0].keys() or [])]
    if missing:
        raise InputError(
            Msg(
                "{shown}:1: the header lacks {columns}; export one with: kpi kpis --format csv",
                shown=shown,
                columns=", ".join(missing),
            )
        )
    problems: list[Msg] = []
    for lineno, row in enumerate(rows, start=2):
        try:
            plan = _import_row(plan, {k: (v or "").strip() for k, v in row.items() if k})
        except InputError as exc:
            problems.append(Msg("{shown}:{lineno}: {message}", shown=shown, lineno=lineno, message=exc.message))
    if problems:
        n = len(problems)
        raise InputError(
            Msg("{shown}: {n} bad rows; the plan was not changed", shown=shown, n=n)
            if n > 1
            else Msg("{shown}: 1 bad row; the plan was not changed", shown=shown),
            details=problems,
        )
    return plan


def _import_row(plan: Plan, row: dict[str, str]) -> Plan:
    pid = row["project_id"]
    if not any(p.id == pid for p in plan.projects):
        offices = [o for o in row.get("offices", "").split(";") if o]
        plan = add_project(plan, project_id=pid, name=row["project"], region=row["region"], offices=offices)
    revised_in = row.get("revised_in", "")
    original = row.get("original_target_value", "")
    kpi = make_kpi(
        plan,
        project_id=pid,
        kpi_id=row["id"],
        name=row["name"],
        unit=row["unit"],
        kind=row.get("kind") or "level",
        direction=row.get("direction") or None,
        baseline=row.get("baseline_value") or None,
        baseline_year=row.get("baseline_year") or None,
        baseline_from=row.get("baseline_year_from") or None,
        baseline_label=row.get("baseline_label", ""),
        target=original if revised_in and original else row["target_value"],
        target_year=row.get("original_target_year") or row["target_year"] if revised_in else row["target_year"],
        target_label=row.get("original_target_label", "") if revised_in else row.get("target_label", ""),
        at_least=row.get("target_op") == ">=",
        period_start=row.get("period_start") or None,
        period_end=row.get("period_end") or None,
        period_label=row.get("period_label", ""),
        ownership=row.get("ownership") or "printed",
        note=row.get("note", ""),
        names={**COLUMN_NAMES, "target": "original_target_value"} if revised_in and original else COLUMN_NAMES,
    )
    parts = tuple(o for o in row.get("parts", "").split(";") if o)
    if parts:
        known = {o.id for o in plan.offices}
        unknown = [o for o in parts if o not in known]
        if unknown:
            raise InputError(
                Msg(
                    "KPI {id!r}: unknown 振興局 in parts: {offices}; use office ids",
                    id=kpi.id,
                    offices=", ".join(unknown),
                )
            )
        inferred = row.get("parts_ownership") == "inferred"
        kpi = kpi._replace(
            parts=parts, parts_ownership="inferred" if inferred else "printed", parts_note=row.get("parts_note", "")
        )
    towns = tuple(m for m in row.get("municipalities", "").split(";") if m)
    if towns:  # checked by the loader's validation when the plan is written
        inferred = row.get("municipalities_ownership") == "inferred"
        kpi = kpi._replace(
            municipalities=towns,
            municipalities_ownership="inferred" if inferred else "printed",
            municipalities_note=row.get("municipalities_note", ""),
        )
    source = _source(row)
    if not source.is_empty:
        kpi = kpi._replace(source=source)
    if revised_in:
        value = parse_value(row["target_value"], kpi.unit, what=COLUMN_NAMES["target"])
        year = eras.parse_year(row["target_year"])
        revision = Revision(
            Target(value, year, row.get("target_label") or eras.era(year), kpi.target.op),
            eras.parse_year(revised_in),
            row.get("revision_reason", "") or "imported",
            row.get("revised_on", ""),
        )
        kpi = kpi._replace(revisions=(revision,))
    existing = next((k for k in plan.kpis if k.id == kpi.id), None)
    if existing is None:
        return add_kpi(plan, kpi)
    if existing.project_id != pid:
        raise InputError(
            Msg(
                "KPI {id!r} belongs to project {project_id}, not {given}",
                id=kpi.id,
                project_id=existing.project_id,
                given=pid,
            )
        )
    projects = tuple(
        p._replace(kpis=tuple(kpi if k.id == kpi.id else k for k in p.kpis)) if p.id == pid else p
        for p in plan.projects
    )
    return plan._replace(projects=projects)


def _source(row: Mapping[str, str]) -> Source:
    """The source card of a row of `kpi kpis --format csv` (its source_* columns); the loader's
    validation checks it when the plan is written."""
    text = {name: row.get(f"source_{name}", "") for name in SOURCE_FIELDS}
    basis = next((b for b in BASES if b == text["basis"]), None)
    if basis is None and text["basis"]:
        raise InputError(
            Msg(
                "unknown source_basis {basis!r}; use {bases} (or leave it empty)",
                basis=text["basis"],
                bases=", ".join(BASES),
            )
        )
    return Source(
        statistic=text["statistic"],
        publisher=text["publisher"],
        department=text["department"],
        url=text["url"],
        definition=text["definition"],
        basis=basis or "",
        as_of=text["as_of"],
        preliminary=text["preliminary"],
        final=text["final"],
        inferred=tuple(f for f in row.get("source_inferred", "").split(";") if f),
        note=row.get("source_note", ""),
    )


class UnitChange(NamedTuple):
    """A KPI with recorded values whose unit a plan change gives another magnitude (万人 → 千人)."""

    kpi: Kpi  # as the changed plan has it
    old: str  # its unit before
    factor: Decimal  # what a value in the old unit is multiplied by to be in the new one
    values: int  # how many values are recorded for it


def unit_changes(old: Plan, new: Plan, recorded: Mapping[str, int], *, convert: bool = False) -> list[UnitChange]:
    """The KPIs a plan change gives another unit while values are recorded for them (``recorded``: how many
    per KPI id). Refused: their values would silently be read in the new unit (万人 taken as 千人), unless
    ``convert`` and the new unit is the old one in another magnitude (the caller records them again)."""
    from kpi_cli.core.decimals import unit_factor, unit_key

    before = {k.id: k for k in old.kpis}
    changes: list[UnitChange] = []
    problems = []
    for k in new.kpis:
        was = before.get(k.id)
        n = recorded.get(k.id, 0)
        if was is None or unit_key(was.unit) == unit_key(k.unit) or not n:
            continue
        factor = unit_factor(was.unit, k.unit)
        if factor is None:
            problems.append(
                Msg(
                    "KPI {id}: the unit would change from {old} to {new}, but {n} values are recorded in {old}, "
                    "and {new} is not {old} in another magnitude; keep the unit, or give the KPI a new id (the "
                    "values stay with the old one)",
                    id=k.id,
                    old=was.unit,
                    new=k.unit,
                    n=n,
                )
            )
        elif not convert:
            problems.append(
                Msg(
                    "KPI {id}: the unit would change from {old} to {new}, but {n} values are recorded in {old}; "
                    "add --convert-units to record each again in {new} (×{factor}), or keep the unit, or give the "
                    "KPI a new id (the values stay with the old one)",
                    id=k.id,
                    old=was.unit,
                    new=k.unit,
                    n=n,
                    factor=human(factor),
                )
            )
        else:
            changes.append(UnitChange(k, was.unit, factor, n))
    if len(problems) == 1:
        raise InputError(problems[0])
    if problems:
        raise InputError(
            Msg("{n} KPIs would change their unit; the plan was not changed", n=len(problems)), details=problems
        )
    return changes
