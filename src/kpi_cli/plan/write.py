"""Write a plan back to TOML (with tomli-w): canonical order, stable bytes, atomic replace.

The text is generated from the model, so the same plan always gives the same
bytes, ordered like the hand-written plan: edition, rating, regions, offices,
then projects with their KPIs. tomli-w does not keep comments: everything that
matters (notes, inferred ownership) is data in the model, never a comment.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from kpi_cli.core.model import Baseline, Kpi, Period, Plan, Project, Revision, Source, Target
from kpi_cli.errors import InputError, PlanError
from kpi_cli.i18n.msg import Msg
from kpi_cli.plan.validate import SCHEMA_VERSION, validate
from kpi_cli.plan.vocabulary import to_doc as review_doc

HEADER = (
    "# 連携地域別政策展開方針: a plan file for kpi (see its README).\n"
    "# Written by `kpi plan ...`: comments are not kept when kpi rewrites this file; keep notes in\n"
    "# the `note` fields. Years are Western fiscal years; `label` keeps the printed form.\n\n"
)


def _number(value: Decimal) -> int | Decimal:
    """Write 2240 as 2240 (not 2240.0); keep printed decimals such as 806.0."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= 0:
        return int(value)
    return value


def _drop_empty(table: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in table.items() if v not in ("", None, [], ())}


def _baseline(b: Baseline) -> dict[str, Any]:
    return _drop_empty({"value": _number(b.value), "year": b.year, "year_from": b.year_from, "label": b.label})


def _target(t: Target) -> dict[str, Any]:
    return _drop_empty({"value": _number(t.value), "year": t.year, "label": t.label, "op": t.op})


def _period(p: Period) -> dict[str, Any]:
    return _drop_empty({"start": p.start, "end": p.end, "label": p.label})


def _revision(r: Revision) -> dict[str, Any]:
    return _drop_empty(
        {"from_year": r.from_year, "reason": r.reason, "revised_on": r.revised_on, "target": _target(r.target)}
    )


def _source(s: Source) -> dict[str, Any]:
    """The source card as [projects.kpis.source]: its fields in the model's order, empty ones left out."""
    return _drop_empty({**s._asdict(), "inferred": list(s.inferred)})


def _kpi(k: Kpi) -> dict[str, Any]:
    table: dict[str, Any] = {
        "id": k.id,
        "name": k.name,
        "unit": k.unit,
        "kind": k.kind,
        "direction": k.direction,
        "ownership": k.ownership,
        "note": k.note,
    }
    if k.period is not None:
        table["period"] = _period(k.period)
    if k.baseline is not None:
        table["baseline"] = _baseline(k.baseline)
    table["target"] = _target(k.target)
    if k.revisions:
        table["revisions"] = [_revision(r) for r in k.revisions]
    if k.parts:
        table["parts"] = list(k.parts)
        table["parts_ownership"] = k.parts_ownership
        table["parts_note"] = k.parts_note
    if k.municipalities:
        table["municipalities"] = list(k.municipalities)
        table["municipalities_ownership"] = k.municipalities_ownership
        table["municipalities_note"] = k.municipalities_note
    if not k.source.is_empty:
        table["source"] = _source(k.source)
    return _drop_empty(table)


def _project(p: Project) -> dict[str, Any]:
    return _drop_empty(
        {
            "id": p.id,
            "name": p.name,
            "region": p.region_id,
            "offices": list(p.office_ids),
            "lead": p.lead,
            "participation": p.participation,
            "policies": list(p.policies),
            "note": p.note,
            "kpis": [_kpi(k) for k in p.kpis],
        }
    )


def to_doc(plan: Plan) -> dict[str, Any]:
    e = plan.edition
    return {
        "schema_version": SCHEMA_VERSION,
        "edition": _drop_empty(
            {
                "id": e.id,
                "name": e.name,
                "start_year": e.start_year,
                "period_label": e.period_label,
                "source": e.source,
                "ledger": e.ledger,
            }
        ),
        "rating": {"nearly_pace": plan.bands.nearly_pace},
        "review": review_doc(plan.vocabulary),
        "regions": [
            _drop_empty(
                {
                    "id": r.id,
                    "name": r.name,
                    "core_city": r.core_city,
                    "project_count": r.project_count,
                    "vision": r.vision,
                    "directions": list(r.directions),
                }
            )
            for r in plan.regions
        ],
        "offices": [{"id": o.id, "name": o.name, "region": o.region_id} for o in plan.offices],
        "projects": [_project(p) for p in plan.projects],
    }


def dumps(plan: Plan) -> str:
    """The plan as TOML, section by section in the hand-written order."""
    import tomli_w

    doc = to_doc(plan)
    parts = [tomli_w.dumps({"schema_version": doc["schema_version"]})]
    for key in ("edition", "rating", "review", "regions", "offices", "projects"):
        if not doc[key]:
            continue
        # tomli-w writes a list of short tables inline (`offices = [{...}]`), which after
        # a [[table]] would belong to that table; a wide indent makes it choose [[offices]].
        # Regions keep the usual indent for their lists (directions): each is written as a
        # table under its own [[regions]] header, which is what tomli-w writes for long ones.
        if key == "regions":
            parts.append("\n".join("[[regions]]\n" + tomli_w.dumps(region) for region in doc[key]))
            continue
        indent = 200 if key in ("offices", "review") else 4
        parts.append(tomli_w.dumps({key: doc[key]}, indent=indent))
    return HEADER + "\n".join(parts)


def checked(plan: Plan, path: Path) -> str:
    """The TOML text of a plan, after the loader's own validation of exactly that text."""
    from kpi_cli.plan.load import parse_toml

    text = dumps(plan)
    validate(parse_toml(text.encode("utf-8"), str(path)), str(path))
    return text


def write_atomic(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Write a plan all or nothing; a symlinked plan is written through, and its mode kept."""
    from kpi_cli.files import atomic_write, reason

    if not overwrite and (path.exists() or path.is_symlink()):
        raise PlanError(
            Msg(
                "{path} already exists; choose another file name (kpi never overwrites a plan it did not read)",
                path=path,
            )
        )
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise PlanError(Msg("folder {folder} does not exist; create it first", folder=folder))
    try:
        atomic_write(path, text.encode("utf-8"), overwrite=overwrite)
    except FileExistsError:
        raise PlanError(Msg("{path} already exists; choose another file name", path=path)) from None
    except OSError as exc:
        raise PlanError(Msg("cannot write {path}: {why}", path=path, why=reason(exc))) from None


EDIT_RETRIES = 20


def edit(
    path: Path,
    change: Callable[[Plan], Plan],
    *,
    dry_run: bool = False,
    waiting: Callable[[], None] | None = None,
    after: Callable[[Plan, Plan], None] | None = None,
    kept: Callable[[], bool] = lambda: False,
) -> tuple[Plan, Plan]:
    """Change the plan at ``path`` under an exclusive lock, as the ledger is appended to: read it
    (the file at the path, after the lock), apply ``change``, check the result as the loader
    would, and replace the file all at once (unless ``dry_run``). Concurrent edits each see the
    one before. Returns the plan before and after; a refused edit changes nothing.

    ``after`` runs once the plan is written, still under its lock (the values of a KPI whose unit
    changed are recorded again); when it fails the plan is put back as it was, unless ``kept`` says
    that what it did stays (it was interrupted after its rows were written)."""
    import os
    import stat

    from kpi_cli.files import locked, reason
    from kpi_cli.plan.load import parse_toml

    for _ in range(EDIT_RETRIES):
        try:
            fd = os.open(path, os.O_RDWR | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        except OSError as exc:
            raise PlanError(Msg("cannot open plan {path} for editing: {why}", path=path, why=reason(exc))) from None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise PlanError(Msg("plan {path} is not a regular file; give the plan's .toml file", path=path))
            with locked(fd, path, waiting):
                try:
                    same = os.path.samestat(path.stat(), os.fstat(fd))
                except OSError:
                    same = False
                if not same:
                    continue  # replaced by another edit while we waited: read the new file
                with os.fdopen(os.dup(fd), "rb") as fh:
                    data = fh.read()
                old = validate(parse_toml(data, str(path)), str(path))
                new = change(old)
                try:
                    text = checked(new, path)
                except PlanError as exc:
                    raise InputError(
                        Msg("refused: the plan would not be valid; {path} is unchanged", path=path),
                        details=[without_path(d) for d in exc.details],
                    ) from None
                if not dry_run:
                    write_atomic(path, text)
                    if after is not None:
                        _then(path, data, old, new, after, kept)
                return old, new
        finally:
            os.close(fd)
    raise PlanError(
        Msg("{path} was replaced {n} times while kpi was editing it; nothing was changed", path=path, n=EDIT_RETRIES)
    )


def _then(
    path: Path, data: bytes, old: Plan, new: Plan, after: Callable[[Plan, Plan], None], kept: Callable[[], bool]
) -> None:
    """Run ``after`` on the written plan; put the plan back as it was (``data``) when it fails."""
    from kpi_cli.errors import KpiError
    from kpi_cli.files import atomic_write, reason

    try:
        after(old, new)
    except BaseException as exc:
        if kept():
            raise
        try:
            atomic_write(path, data)
        except OSError as put:
            raise PlanError(
                Msg(
                    "{path} could not be put back as it was ({why}) after this failed: {problem}; restore it from "
                    "a backup or the git history",
                    path=path,
                    why=reason(put),
                    problem=exc.message if isinstance(exc, KpiError) else Msg("interrupted"),
                )
            ) from None
        if isinstance(exc, KpiError):
            raise KpiError(
                Msg("{problem}; {path} was put back as it was", problem=exc.message, path=path), details=exc.details
            ) from None
        raise


def without_path(problem: Msg) -> Msg:
    """A plan problem without its file name (the edited plan is named once, above it)."""
    if problem.template == "{path}: {where}: {problem}":
        return Msg("{where}: {problem}", where=problem.fields["where"], problem=problem.fields["problem"])
    if problem.template == "{path}: {problem}":
        found = problem.fields["problem"]
        return found if isinstance(found, Msg) else problem
    return problem
