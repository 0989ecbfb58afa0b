"""Read and validate a plan TOML file into the ``plan`` model.

Every problem found becomes one line naming the file, the TOML location
(``projects[3].kpis[1].target.year``) and the fix; all of them are reported at
once in a ``PlanError``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from kpi_cli.core import years as eras
from kpi_cli.errors import InputError, PlanError
from kpi_cli.plan.model import (
    DIRECTIONS,
    KINDS,
    OWNERSHIPS,
    TARGET_OPS,
    Baseline,
    Direction,
    Edition,
    Kind,
    Kpi,
    Office,
    Ownership,
    Period,
    Plan,
    Project,
    RatingBands,
    Region,
    Revision,
    Target,
    TargetOp,
)

SCHEMA_VERSION = 1
# Patterns are plain strings: `re` compiles each on first use, so importing costs nothing.
ID_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ID_FIX = "use lower-case ASCII letters, digits and single hyphens, e.g. tokachi-food-value-added"
_MISSING = object()
T = TypeVar("T")


class _Checker:
    """Collects problems while walking the TOML document."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[str] = []

    def problem(self, where: str, text: str) -> None:
        self.problems.append(f"{self.path}: {where}: {text}" if where else f"{self.path}: {text}")

    def keys(self, table: dict[str, Any], where: str, allowed: tuple[str, ...]) -> None:
        for key in table:
            if key not in allowed:
                import difflib

                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
                self.problem(f"{where}.{key}" if where else key, f"unknown key '{key}'; {hint}")

    def get(
        self,
        table: dict[str, Any],
        where: str,
        key: str,
        kind: type[T] | tuple[type, ...],
        *,
        required: bool = True,
        default: Any = None,
    ) -> Any:
        loc = f"{where}.{key}" if where else key
        value = table.get(key, _MISSING)
        if value is _MISSING:
            if required:
                self.problem(loc, f"missing; add {key} = {_EXAMPLES.get(key) or _example(kind)}")
            return default
        if isinstance(value, bool) or not isinstance(value, kind):
            self.problem(loc, f"must be {_kind_name(kind)}, not {_kind_name(type(value))} ({value!r})")
            return default
        return value

    def text(self, table: dict[str, Any], where: str, key: str, *, required: bool = True) -> str:
        value = self.get(table, where, key, str, required=required, default="")
        return str(value)

    def number(self, table: dict[str, Any], where: str, key: str) -> Decimal | None:
        value = self.get(table, where, key, (int, Decimal), default=None)
        if value is None:
            return None
        number = Decimal(value)
        if not number.is_finite():
            self.problem(f"{where}.{key}", "must be a finite number")
            return None
        return number

    def year(self, table: dict[str, Any], where: str, key: str, *, required: bool = True) -> int | None:
        value = self.get(table, where, key, int, required=required, default=None)
        if value is None:
            return None
        if not eras.HEISEI_START <= value <= eras.MAX_YEAR:
            self.problem(
                f"{where}.{key}",
                f"{value} is not a fiscal year between {eras.HEISEI_START} and {eras.MAX_YEAR}; "
                "write the Western year, e.g. 2019 for R1",
            )
            return None
        return int(value)

    def choice(self, table: dict[str, Any], where: str, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.get(table, where, key, str, required=False, default=default)
        if value not in choices:
            self.problem(f"{where}.{key}", f"'{value}' is not one of {', '.join(choices)}")
            return default
        return str(value)

    def ident(self, table: dict[str, Any], where: str) -> str:
        value = self.text(table, where, "id")
        if value and not re.match(ID_RE, value):
            self.problem(f"{where}.id", f"'{value}' is not a valid id; {_ID_FIX}")
        return value

    def table_list(self, doc: dict[str, Any], where: str, key: str) -> list[dict[str, Any]]:
        loc = f"{where}.{key}" if where else key
        value = doc.get(key, _MISSING)
        if value is _MISSING:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(loc, f"must be an array of tables ([[{key}]])")
            return []
        return value

    def str_list(self, table: dict[str, Any], where: str, key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(f"{where}.{key}", 'must be a list of strings, e.g. ["..."]')
            return ()
        return tuple(value)

    def label_year(self, where: str, label: str, years: tuple[int, int]) -> None:
        """A printed label that reads as a year or range must agree with the years."""
        if not label:
            return
        try:
            if re.search(r"[～~〜]", label):
                got = eras.parse_range(label)
            else:
                y = eras.parse_year(label)
                got = (y, y)
        except InputError:
            return  # free text such as （累計）
        if got != years:
            shown = str(years[0]) if years[0] == years[1] else f"{years[0]}..{years[1]}"
            read = str(got[0]) if got[0] == got[1] else f"{got[0]}..{got[1]}"
            self.problem(
                f"{where}.label",
                f"label '{label}' reads as {read} but the year is {shown}; correct one of them",
            )


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {
        str: "a string",
        int: "an integer",
        Decimal: "a number",
        float: "a number",
        list: "a list",
        dict: "a table",
    }
    out = []
    for k in kinds:
        name = names.get(k, k.__name__)
        if name not in out:
            out.append(name)
    return " or ".join(out)


_EXAMPLES = {
    "target": "{ value = 1440, year = 2019 }",
    "baseline": "{ value = 1162, year = 2014 }",
    "period": "{ start = 2015, end = 2019 }",
    "edition": '{ name = "...", start_year = 2016 }',
}


def _example(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if str in kinds:
        return '"..."'
    if Decimal in kinds:
        return "a number"
    if int in kinds:
        return "an integer"
    return "a value"


def _duplicates(checker: _Checker, items: list[tuple[str, str]], what: str) -> None:
    seen: dict[str, str] = {}
    for where, ident in items:
        if not ident:
            continue
        if ident in seen:
            checker.problem(f"{where}.id", f"duplicate {what} id '{ident}' (also at {seen[ident]}); make it unique")
        else:
            seen[ident] = where


def _ref(checker: _Checker, where: str, value: str, known: dict[str, str], what: str) -> bool:
    if value in known:
        return True
    import difflib

    close = difflib.get_close_matches(value, list(known), n=3)
    hint = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else f"known: {', '.join(known)}"
    checker.problem(where, f"unknown {what} '{value}'; {hint}")
    return False


def _edition(c: _Checker, doc: dict[str, Any]) -> Edition:
    table = c.get(doc, "", "edition", dict, default={})
    c.keys(table, "edition", ("id", "name", "start_year", "period_label", "source", "ledger"))
    start = c.year(table, "edition", "start_year")
    return Edition(
        id=c.text(table, "edition", "id", required=False),
        name=c.text(table, "edition", "name"),
        start_year=start or eras.HEISEI_START,
        period_label=c.text(table, "edition", "period_label", required=False),
        source=c.text(table, "edition", "source", required=False),
        ledger=_ledger_name(c, c.text(table, "edition", "ledger", required=False)),
    )


def _ledger_name(c: _Checker, name: str) -> str:
    """An edition's ledger: a file or folder name relative to the plan, inside its folder tree."""
    if name and (name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/") or ":" in name):
        c.problem("edition.ledger", f"'{name}' must be a path relative to the plan's folder, e.g. ledger-r7.csv")
        return ""
    return name


def _bands(c: _Checker, doc: dict[str, Any]) -> RatingBands:
    table = c.get(doc, "", "rating", dict, required=False, default={})
    c.keys(table, "rating", ("nearly_pace",))
    if "nearly_pace" not in table:
        return RatingBands()
    value = c.number(table, "rating", "nearly_pace")
    if value is None:
        return RatingBands()
    if not 0 < value <= 1:
        c.problem("rating.nearly_pace", f"{value} must be above 0 and at most 1, e.g. 0.8")
        return RatingBands()
    return RatingBands(nearly_pace=value)


def _regions(c: _Checker, doc: dict[str, Any]) -> list[Region]:
    out = []
    for i, t in enumerate(c.table_list(doc, "", "regions")):
        w = f"regions[{i}]"
        c.keys(t, w, ("id", "name", "core_city", "project_count", "vision", "directions"))
        count = c.get(t, w, "project_count", int, required=False, default=None)
        out.append(
            Region(
                id=c.ident(t, w),
                name=c.text(t, w, "name"),
                core_city=c.text(t, w, "core_city", required=False),
                project_count=count,
                vision=c.text(t, w, "vision", required=False),
                directions=c.str_list(t, w, "directions"),
            )
        )
    if not out:
        c.problem("regions", "no regions; add at least one [[regions]] table with id and name")
    return out


def _offices(c: _Checker, doc: dict[str, Any], region_ids: dict[str, str]) -> list[Office]:
    out = []
    for i, t in enumerate(c.table_list(doc, "", "offices")):
        w = f"offices[{i}]"
        c.keys(t, w, ("id", "name", "region"))
        region = c.text(t, w, "region")
        if region:
            _ref(c, f"{w}.region", region, region_ids, "region")
        out.append(Office(id=c.ident(t, w), name=c.text(t, w, "name"), region_id=region))
    return out


def _target(c: _Checker, t: dict[str, Any], w: str) -> Target | None:
    c.keys(t, w, ("value", "year", "label", "op"))
    value = c.number(t, w, "value")
    year = c.year(t, w, "year")
    label = c.text(t, w, "label", required=False)
    op = c.choice(t, w, "op", TARGET_OPS, "=")
    if value is None or year is None:
        return None
    return Target(value=value, year=year, label=label, op=_as_op(op))


def _as_op(op: str) -> TargetOp:
    return ">=" if op == ">=" else "="


def _kpi(c: _Checker, t: dict[str, Any], w: str, project_id: str) -> Kpi | None:
    c.keys(
        t,
        w,
        ("id", "name", "unit", "kind", "direction", "ownership", "note", "baseline", "target", "period", "revisions"),
    )
    kpi_id = c.ident(t, w)
    name = c.text(t, w, "name")
    unit = c.text(t, w, "unit")
    kind = c.choice(t, w, "kind", KINDS, "level")
    ownership = c.choice(t, w, "ownership", OWNERSHIPS, "printed")
    note = c.text(t, w, "note", required=False)
    if ownership == "inferred" and not note:
        c.problem(f"{w}.note", 'an inferred owner needs a note saying why; add note = "..."')

    baseline: Baseline | None = None
    b = c.get(t, w, "baseline", dict, required=kind == "level", default=None)
    if b is not None:
        bw = f"{w}.baseline"
        c.keys(b, bw, ("value", "year", "label", "year_from"))
        value = c.number(b, bw, "value")
        year = c.year(b, bw, "year")
        year_from = c.year(b, bw, "year_from", required=False)
        label = c.text(b, bw, "label", required=False)
        if year_from is not None and year is not None and year_from > year:
            c.problem(
                f"{bw}.year_from",
                f"{year_from} is after the baseline year {year}; the average runs from year_from to year",
            )
        if value is not None and year is not None:
            baseline = Baseline(value=value, year=year, label=label, year_from=year_from)
            c.label_year(bw, label, (year_from or year, year))

    target: Target | None = None
    tt = c.get(t, w, "target", dict, default=None)
    if tt is not None:
        target = _target(c, tt, f"{w}.target")
        if target is not None and kind != "cumulative":
            c.label_year(f"{w}.target", target.label, (target.year, target.year))

    period: Period | None = None
    p = c.get(t, w, "period", dict, required=False, default=None)
    if kind == "cumulative" and p is None:
        c.problem(f"{w}.period", "a cumulative KPI needs its period; add period = { start = 2015, end = 2019 }")
    if p is not None:
        pw = f"{w}.period"
        c.keys(p, pw, ("start", "end", "label"))
        start = c.year(p, pw, "start")
        end = c.year(p, pw, "end")
        label = c.text(p, pw, "label", required=False)
        if start is not None and end is not None:
            if end < start:
                c.problem(f"{pw}.end", f"{end} is before the start {start}; the period runs start..end")
            else:
                period = Period(start=start, end=end, label=label)
                c.label_year(pw, label, (start, end))
        if kind != "cumulative":
            c.problem(pw, f'only a cumulative KPI has a period; remove it or set kind = "cumulative" (kind is {kind})')

    explicit_direction = "direction" in t
    direction = c.choice(t, w, "direction", DIRECTIONS, "increase")
    if baseline is not None and target is not None:
        if target.year < baseline.year:
            c.problem(
                f"{w}.target.year",
                f"target year {target.year} is before the baseline year {baseline.year}; correct one of them",
            )
        if target.value == baseline.value and not explicit_direction:
            c.problem(
                f"{w}.direction",
                "baseline equals target, so the direction cannot be inferred; "
                'add direction = "increase" or "decrease" (the side on which the value must stay)',
            )
        elif not explicit_direction:
            direction = "increase" if target.value > baseline.value else "decrease"
        elif target.value != baseline.value:
            implied = "increase" if target.value > baseline.value else "decrease"
            if implied != direction:
                c.problem(
                    f"{w}.direction",
                    f"direction is {direction} but the target {target.value} is "
                    f"{'above' if implied == 'increase' else 'below'} the baseline {baseline.value}; "
                    "correct the direction or the values",
                )
    if period is not None and target is not None and target.year != period.end:
        c.problem(f"{w}.target.year", f"{target.year} differs from the period end {period.end}; make them equal")
    if kind == "target_only" and baseline is not None:
        c.problem(f"{w}.baseline", 'a target_only KPI has no baseline; remove it or set kind = "level"')

    revisions: list[Revision] = []
    for j, r in enumerate(c.table_list(t, w, "revisions")):
        rw = f"{w}.revisions[{j}]"
        c.keys(r, rw, ("from_year", "target", "reason", "revised_on"))
        from_year = c.year(r, rw, "from_year")
        reason = c.text(r, rw, "reason")
        revised_on = c.text(r, rw, "revised_on", required=False)
        rt = c.get(r, rw, "target", dict, default=None)
        rtarget = _target(c, rt, f"{rw}.target") if rt is not None else None
        if from_year is not None and rtarget is not None:
            revisions.append(Revision(target=rtarget, from_year=from_year, reason=reason, revised_on=revised_on))

    if target is None:
        return None
    return Kpi(
        id=kpi_id,
        name=name,
        unit=unit,
        kind=_as_kind(kind),
        direction=_as_direction(direction),
        project_id=project_id,
        target=target,
        baseline=baseline,
        period=period,
        ownership=_as_ownership(ownership),
        note=note,
        revisions=tuple(revisions),
    )


def _as_kind(kind: str) -> Kind:
    return {"level": "level", "cumulative": "cumulative", "target_only": "target_only"}[kind]  # type: ignore[return-value]


def _as_direction(direction: str) -> Direction:
    return "decrease" if direction == "decrease" else "increase"


def _as_ownership(ownership: str) -> Ownership:
    return "inferred" if ownership == "inferred" else "printed"


def _projects(
    c: _Checker, doc: dict[str, Any], region_ids: dict[str, str], office_ids: dict[str, str]
) -> tuple[list[Project], list[tuple[str, str]]]:
    projects = []
    kpi_ids: list[tuple[str, str]] = []
    for i, t in enumerate(c.table_list(doc, "", "projects")):
        w = f"projects[{i}]"
        c.keys(t, w, ("id", "name", "region", "offices", "participation", "policies", "note", "kpis"))
        project_id = c.ident(t, w)
        region = c.text(t, w, "region")
        if region:
            _ref(c, f"{w}.region", region, region_ids, "region")
        offices = c.str_list(t, w, "offices")
        for j, office in enumerate(offices):
            _ref(c, f"{w}.offices[{j}]", office, office_ids, "office (振興局)")
        kpis = []
        for j, kt in enumerate(c.table_list(t, w, "kpis")):
            kw = f"{w}.kpis[{j}]"
            kpi = _kpi(c, kt, kw, project_id)
            kpi_ids.append((kw, str(kt.get("id", ""))))
            if kpi is not None:
                kpis.append(kpi)
        projects.append(
            Project(
                id=project_id,
                name=c.text(t, w, "name"),
                region_id=region,
                office_ids=offices,
                participation=c.text(t, w, "participation", required=False),
                policies=c.str_list(t, w, "policies"),
                kpis=tuple(kpis),
                note=c.text(t, w, "note", required=False),
            )
        )
    return projects, kpi_ids


def validate(doc: dict[str, Any], path: str) -> Plan:
    """Build a ``Plan`` from a parsed TOML document, or raise ``PlanError``."""
    c = _Checker(path)
    c.keys(doc, "", ("schema_version", "edition", "rating", "regions", "offices", "projects"))
    version = doc.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        c.problem("schema_version", f"{version!r} is not supported; this kpi reads schema_version = {SCHEMA_VERSION}")
    edition = _edition(c, doc)
    bands = _bands(c, doc)
    regions = _regions(c, doc)
    region_ids = {r.id: r.name for r in regions if r.id}
    offices = _offices(c, doc, region_ids)
    office_ids = {o.id: o.name for o in offices if o.id}
    projects, kpi_ids = _projects(c, doc, region_ids, office_ids)
    _duplicates(c, [(f"regions[{i}]", r.id) for i, r in enumerate(regions)], "region")
    _duplicates(c, [(f"offices[{i}]", o.id) for i, o in enumerate(offices)], "office")
    _duplicates(c, [(f"projects[{i}]", p.id) for i, p in enumerate(projects)], "project")
    _duplicates(c, kpi_ids, "KPI")
    if c.problems:
        n = len(c.problems)
        raise PlanError(
            f"plan {path} is not valid ({n} problem{'s' if n > 1 else ''}); "
            "fix the lines below, then run: kpi plan check",
            details=c.problems,
        )
    return Plan(
        edition=edition,
        regions=tuple(regions),
        offices=tuple(offices),
        projects=tuple(projects),
        bands=bands,
        source_path=path,
    )


def parse_toml(data: bytes, path: str) -> dict[str, Any]:
    """Decode (UTF-8, BOM accepted) and parse TOML, with file:line:column on error."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PlanError(f"{path}:{line}: not UTF-8 text; save the plan as UTF-8") from None
    import tomllib

    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        where = f"{path}:{m.group(1)}:{m.group(2)}" if m else path
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg) if m else msg
        if reason == msg and "end of document" in msg:
            where = f"{path}:{text.count(chr(10)) + 1}"
        raise PlanError(f"{where}: not valid TOML: {reason}; fix the syntax there") from None


def load_plan(path: Path) -> Plan:
    """Read, parse and validate a plan file."""
    shown = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PlanError(f"plan file {shown} not found; give an existing file with --plan or KPI_PLAN") from None
    except IsADirectoryError:
        raise PlanError(f"plan {shown} is a folder; give the plan's .toml file") from None
    except OSError as exc:
        raise PlanError(f"cannot read plan {shown}: {exc.strerror}") from None
    from kpi_cli.plan import cache as plan_cache

    cached = plan_cache.load(path, data)
    if cached is not None:
        return cached._replace(source_path=shown)
    plan = validate(parse_toml(data, shown), shown)
    plan_cache.store(path, data, plan)
    return plan
