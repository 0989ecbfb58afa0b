"""Read and validate a plan TOML file into the ``plan`` model.

Every problem found becomes one line naming the file, the TOML location
(``projects[3].kpis[1].target.year``) and the fix; all of them are reported at
once in a ``PlanError``.
"""

from __future__ import annotations

from typing import Any

from kpi_cli.core import years as eras
from kpi_cli.core.model import (
    BASES,
    DIRECTIONS,
    KINDS,
    OWNERSHIPS,
    SOURCE_FIELDS,
    TARGET_OPS,
    Baseline,
    Basis,
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
    Source,
    Target,
    TargetOp,
)
from kpi_cli.errors import PlanError
from kpi_cli.files import is_windows_device
from kpi_cli.i18n.msg import Joined, Msg, either
from kpi_cli.plan.checker import ID_RE, SCHEMA_VERSION, _Checker, _duplicates, _ref
from kpi_cli.plan.revisions import check_revisions
from kpi_cli.plan.vocabulary import vocabulary

__all__ = ["ID_RE", "SCHEMA_VERSION", "validate"]


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
        c.problem(
            "edition.ledger",
            Msg("{name!r} must be a path relative to the plan's folder, e.g. ledger-r7.csv", name=name),
        )
        return ""
    parts = name.replace("\\", "/").split("/")
    device = next((part for part in parts if is_windows_device(part)), None)
    if device is not None:  # (con.csv is the console on Windows: the ledger would be written nowhere)
        fixed = "/".join("_" + part if part == device else part for part in parts)
        c.problem(
            "edition.ledger",
            Msg(
                "{name!r} is a device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9), not a file; "
                "rename it, e.g. {fixed!r}",
                name=name,
                fixed=fixed,
            )
            if device == name
            else Msg(
                "{name!r}: {device!r} is a device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9), not a "
                "file or folder; rename it, e.g. {fixed!r}",
                name=name,
                device=device,
                fixed=fixed,
            ),
        )
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
        c.problem("rating.nearly_pace", Msg("{value} must be above 0 and at most 1, e.g. 0.8", value=value))
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
        c.problem("regions", Msg("no regions; add at least one [[regions]] table with id and name"))
    return out


def _offices(c: _Checker, doc: dict[str, Any], region_ids: dict[str, str]) -> list[Office]:
    out = []
    for i, t in enumerate(c.table_list(doc, "", "offices")):
        w = f"offices[{i}]"
        c.keys(t, w, ("id", "name", "region"))
        region = c.text(t, w, "region")
        if region:
            _ref(c, f"{w}.region", region, region_ids, Msg("region"))
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


KPI_KEYS = (
    "id",
    "name",
    "unit",
    "kind",
    "direction",
    "ownership",
    "note",
    "baseline",
    "target",
    "period",
    "revisions",
    "parts",
    "parts_ownership",
    "parts_note",
    "municipalities",
    "municipalities_ownership",
    "municipalities_note",
    "source",
)


def _parts(c: _Checker, t: dict[str, Any], w: str, office_ids: dict[str, str]) -> tuple[tuple[str, ...], str, str]:
    parts = c.str_list(t, w, "parts")
    for j, office in enumerate(parts):
        _ref(c, f"{w}.parts[{j}]", office, office_ids, Msg("office (振興局)"))
    if len(set(parts)) != len(parts):
        c.problem(f"{w}.parts", Msg("an office appears twice; list each 振興局 once"))
    parts_ownership = c.choice(t, w, "parts_ownership", OWNERSHIPS, "printed")
    parts_note = c.text(t, w, "parts_note", required=False)
    if parts and parts_ownership == "inferred" and not parts_note:
        c.problem(
            f"{w}.parts_note", Msg('parts the plan does not print need a note saying why; add parts_note = "..."')
        )
    return parts, parts_ownership, parts_note


def _municipalities(c: _Checker, t: dict[str, Any], w: str, parts: tuple[str, ...]) -> tuple[tuple[str, ...], str, str]:
    """The 市町村 a KPI counts: names of Hokkaido's 179 市町村 as the 道 writes them, each once; never
    beside 振興局 parts; with where the set is printed or the evidence for it (``municipalities_note``)."""
    names = c.str_list(t, w, "municipalities")
    for j, name in enumerate(names):
        problem = _town_problem(name)
        if problem is not None:
            c.problem(f"{w}.municipalities[{j}]", problem)
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        c.problem(f"{w}.municipalities", Msg("{names} listed twice; list each 市町村 once", names=Joined(twice)))
    ownership = c.choice(t, w, "municipalities_ownership", OWNERSHIPS, "printed")
    note = c.text(t, w, "municipalities_note", required=False)
    if names and parts:
        c.problem(
            f"{w}.municipalities",
            Msg("a KPI is summed over 振興局 (parts) or over 市町村 (municipalities), not both; keep one"),
        )
    if names and not note:
        c.problem(
            f"{w}.municipalities_note",
            Msg(
                'say where the set of 市町村 is printed, or (municipalities_ownership = "inferred") the evidence '
                'for it; add municipalities_note = "..."'
            ),
        )
    if "municipalities" not in t and ("municipalities_ownership" in t or note):
        c.problem(
            f"{w}.municipalities", Msg("missing; add municipalities = [...] or remove the other municipalities_ keys")
        )
    return names, ownership, note


def _town_problem(name: str) -> Msg | None:
    """Why a name is not one of Hokkaido's 市町村 as the 道 writes it (None when it is)."""
    from kpi_cli.core.municipalities import MUNICIPALITIES, canonical, close_names

    if name in MUNICIPALITIES:
        return None
    fixed = canonical(name)
    if fixed is not None:
        return Msg("write {name!r} as {fixed}, as the 道 writes it", name=name, fixed=fixed)
    near = close_names(name)
    if near:
        return Msg("{name!r} is not a 市町村 of Hokkaido; did you mean {near}?", name=name, near=either(near))
    return Msg("{name!r} is not a 市町村 of Hokkaido; check the spelling (e.g. ニセコ町, 倶知安町)", name=name)


def _source(c: _Checker, t: dict[str, Any], w: str) -> Source:
    """A KPI's source card: known keys, text fields, a basis from the list (a point basis with its
    day), and ``inferred`` naming fields the card fills (with a note saying why)."""
    card = c.get(t, w, "source", dict, required=False, default=None)
    if card is None:
        return Source()
    sw = f"{w}.source"
    c.keys(card, sw, (*SOURCE_FIELDS, "inferred", "note"))
    texts = {name: c.text(card, sw, name, required=False) for name in SOURCE_FIELDS}
    note = c.text(card, sw, "note", required=False)
    inferred = c.str_list(card, sw, "inferred")
    allowed = set(SOURCE_FIELDS) | {"inferred", "note"}
    typed = all(isinstance(card.get(name, ""), str) for name in SOURCE_FIELDS)
    if not any(texts.values()) and typed and set(card) <= allowed:  # not a typo's echo
        c.problem(sw, Msg('the source card is empty; add statistic = "..." (or remove the card)'))
    basis = texts["basis"]
    if basis and basis not in BASES:
        c.problem(f"{sw}.basis", Msg("{value!r} is not one of {choices}", value=basis, choices=", ".join(BASES)))
        basis = ""
    else:
        _source_day(c, sw, basis, texts["as_of"])
    url = texts["url"]
    if url and not url.startswith(("https://", "http://")):
        c.problem(f"{sw}.url", Msg("{url!r} is not a web address; give it whole, starting with https://", url=url))
    for j, name in enumerate(inferred):
        if name not in SOURCE_FIELDS:
            c.problem(
                f"{sw}.inferred[{j}]",
                Msg(
                    "{name!r} is not a field of a source card; name one of {fields}",
                    name=name,
                    fields=", ".join(SOURCE_FIELDS),
                ),
            )
        elif not texts[name]:
            c.problem(
                f"{sw}.inferred[{j}]",
                Msg(
                    "{name} is marked inferred but the card has no {name}; fill it or remove it from inferred",
                    name=name,
                ),
            )
        elif name in inferred[:j]:
            c.problem(f"{sw}.inferred[{j}]", Msg("{name} is listed twice; list each field once", name=name))
    if inferred and not note:
        c.problem(f"{sw}.note", Msg('inferred fields need a note saying why; add note = "..."'))
    return Source(
        statistic=texts["statistic"],
        publisher=texts["publisher"],
        department=texts["department"],
        url=url,
        definition=texts["definition"],
        basis=_as_basis(basis),
        as_of=texts["as_of"],
        preliminary=texts["preliminary"],
        final=texts["final"],
        inferred=inferred,
        note=note,
    )


def _source_day(c: _Checker, sw: str, basis: str, as_of: str) -> None:
    """A point-in-time basis names its day (4月1日現在, 3月末); no other basis has one."""
    from kpi_cli.core.periods import count_day

    if basis == "point" and not as_of:
        c.problem(f"{sw}.as_of", Msg('a point-in-time (時点) basis needs its day; add as_of = "4月1日現在"'))
    elif as_of and basis != "point":
        c.problem(
            f"{sw}.as_of",
            Msg(
                'only a point-in-time basis has a day; remove as_of or set basis = "point" (basis is {basis!r})',
                basis=basis,
            ),
        )
    elif as_of and count_day(as_of) is None:
        c.problem(
            f"{sw}.as_of", Msg("{as_of!r} is not a day of the year; write it like 4月1日現在 or 3月末", as_of=as_of)
        )


def _as_basis(basis: str) -> Basis:
    return {"fiscal": "fiscal", "calendar": "calendar", "point": "point", "cohort": "cohort"}.get(basis, "")  # type: ignore[return-value]


def _baseline(c: _Checker, t: dict[str, Any], w: str, kind: str) -> Baseline | None:
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
                Msg(
                    "{year_from} is after the baseline year {year}; the average runs from year_from to year",
                    year_from=year_from,
                    year=year,
                ),
            )
        if value is not None and year is not None:
            baseline = Baseline(value=value, year=year, label=label, year_from=year_from)
            c.label_year(bw, label, (year_from or year, year))
    return baseline


def _period(c: _Checker, t: dict[str, Any], w: str, kind: str) -> Period | None:
    period: Period | None = None
    p = c.get(t, w, "period", dict, required=False, default=None)
    if kind == "cumulative" and p is None:
        c.problem(f"{w}.period", Msg("a cumulative KPI needs its period; add period = {{ start = 2015, end = 2019 }}"))
    if p is not None:
        pw = f"{w}.period"
        c.keys(p, pw, ("start", "end", "label"))
        start = c.year(p, pw, "start")
        end = c.year(p, pw, "end")
        label = c.text(p, pw, "label", required=False)
        if start is not None and end is not None:
            if end < start:
                c.problem(
                    f"{pw}.end",
                    Msg("{end} is before the start {start}; the period runs start..end", end=end, start=start),
                )
            else:
                period = Period(start=start, end=end, label=label)
                c.label_year(pw, label, (start, end))
        if kind != "cumulative":
            c.problem(
                pw,
                Msg(
                    'only a cumulative KPI has a period; remove it or set kind = "cumulative" (kind is {kind})',
                    kind=kind,
                ),
            )
    return period


def _direction(c: _Checker, t: dict[str, Any], w: str, baseline: Baseline | None, target: Target | None) -> str:
    explicit_direction = "direction" in t
    direction = c.choice(t, w, "direction", DIRECTIONS, "increase")
    if baseline is not None and target is not None:
        if target.year < baseline.year:
            c.problem(
                f"{w}.target.year",
                Msg(
                    "target year {target} is before the baseline year {baseline}; correct one of them",
                    target=target.year,
                    baseline=baseline.year,
                ),
            )
        if target.value == baseline.value and not explicit_direction:
            c.problem(
                f"{w}.direction",
                Msg(
                    "baseline equals target, so the direction cannot be inferred; "
                    'add direction = "increase" or "decrease" (the side on which the value must stay)'
                ),
            )
        elif not explicit_direction:
            direction = "increase" if target.value > baseline.value else "decrease"
        elif target.value != baseline.value:
            implied = "increase" if target.value > baseline.value else "decrease"
            if implied != direction:
                c.problem(
                    f"{w}.direction",
                    (
                        Msg(
                            "direction is {direction} but the target {target} is above the baseline {baseline}; "
                            "correct the direction or the values",
                            direction=direction,
                            target=target.value,
                            baseline=baseline.value,
                        )
                        if implied == "increase"
                        else Msg(
                            "direction is {direction} but the target {target} is below the baseline {baseline}; "
                            "correct the direction or the values",
                            direction=direction,
                            target=target.value,
                            baseline=baseline.value,
                        )
                    ),
                )
    return direction


def _kpi(c: _Checker, t: dict[str, Any], w: str, project_id: str, office_ids: dict[str, str]) -> Kpi | None:
    """One KPI table: its fields, then the checks that tie them together (each in its own helper)."""
    c.keys(t, w, KPI_KEYS)
    parts, parts_ownership, parts_note = _parts(c, t, w, office_ids)
    towns, towns_ownership, towns_note = _municipalities(c, t, w, parts)
    kpi_id = c.ident(t, w)
    name = c.text(t, w, "name")
    unit = c.text(t, w, "unit")
    kind = c.choice(t, w, "kind", KINDS, "level")
    ownership = c.choice(t, w, "ownership", OWNERSHIPS, "printed")
    note = c.text(t, w, "note", required=False)
    if ownership == "inferred" and not note:
        c.problem(f"{w}.note", Msg('an inferred owner needs a note saying why; add note = "..."'))
    source = _source(c, t, w)
    baseline = _baseline(c, t, w, kind)
    target: Target | None = None
    tt = c.get(t, w, "target", dict, default=None)
    if tt is not None:
        target = _target(c, tt, f"{w}.target")
        if target is not None and kind != "cumulative":
            c.label_year(f"{w}.target", target.label, (target.year, target.year))
    period = _period(c, t, w, kind)
    direction = _direction(c, t, w, baseline, target)
    if period is not None and target is not None and target.year != period.end:
        c.problem(
            f"{w}.target.year",
            Msg("{year} differs from the period end {end}; make them equal", year=target.year, end=period.end),
        )
    if kind == "target_only" and baseline is not None:
        c.problem(f"{w}.baseline", Msg('a target_only KPI has no baseline; remove it or set kind = "level"'))

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
    check_revisions(c, w, revisions, baseline, direction, kind)

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
        parts=parts,
        parts_ownership=_as_ownership(parts_ownership),
        parts_note=parts_note,
        source=source,
        municipalities=towns,
        municipalities_ownership=_as_ownership(towns_ownership),
        municipalities_note=towns_note,
    )


def _as_kind(kind: str) -> Kind:
    return {"level": "level", "cumulative": "cumulative", "target_only": "target_only"}[kind]  # type: ignore[return-value]


def _as_direction(direction: str) -> Direction:
    return "decrease" if direction == "decrease" else "increase"


def _as_ownership(ownership: str) -> Ownership:
    return "inferred" if ownership == "inferred" else "printed"


def _lead(c: _Checker, t: dict[str, Any], w: str, offices: tuple[str, ...]) -> str:
    lead = c.text(t, w, "lead", required=False)
    if lead and lead not in offices:
        c.problem(
            f"{w}.lead",
            Msg(
                "{lead!r} is not one of the project's offices ({offices}); name one of them",
                lead=lead,
                offices=", ".join(offices),
            ),
        )
        return ""
    return lead


def _projects(
    c: _Checker, doc: dict[str, Any], region_ids: dict[str, str], office_ids: dict[str, str]
) -> tuple[list[Project], list[tuple[str, str]]]:
    projects = []
    kpi_ids: list[tuple[str, str]] = []
    for i, t in enumerate(c.table_list(doc, "", "projects")):
        w = f"projects[{i}]"
        c.keys(t, w, ("id", "name", "region", "offices", "lead", "participation", "policies", "note", "kpis"))
        project_id = c.ident(t, w)
        region = c.text(t, w, "region")
        if region:
            _ref(c, f"{w}.region", region, region_ids, Msg("region"))
        offices = c.str_list(t, w, "offices")
        for j, office in enumerate(offices):
            _ref(c, f"{w}.offices[{j}]", office, office_ids, Msg("office (振興局)"))
        kpis = []
        for j, kt in enumerate(c.table_list(t, w, "kpis")):
            kw = f"{w}.kpis[{j}]"
            kpi = _kpi(c, kt, kw, project_id, office_ids)
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
                lead=_lead(c, t, w, offices),
            )
        )
    return projects, kpi_ids


def validate(doc: dict[str, Any], path: str) -> Plan:
    """Build a ``Plan`` from a parsed TOML document, or raise ``PlanError``."""
    c = _Checker(path)
    c.keys(doc, "", ("schema_version", "edition", "rating", "review", "regions", "offices", "projects"))
    version = doc.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        c.problem(
            "schema_version",
            Msg(
                "{version!r} is not supported; this kpi reads schema_version = {supported}",
                version=version,
                supported=SCHEMA_VERSION,
            ),
        )
    edition = _edition(c, doc)
    bands = _bands(c, doc)
    words = vocabulary(c, doc)
    regions = _regions(c, doc)
    region_ids = {r.id: r.name for r in regions if r.id}
    offices = _offices(c, doc, region_ids)
    office_ids = {o.id: o.name for o in offices if o.id}
    projects, kpi_ids = _projects(c, doc, region_ids, office_ids)
    _duplicates(c, [(f"regions[{i}]", r.id) for i, r in enumerate(regions)], Msg("region"))
    _duplicates(c, [(f"offices[{i}]", o.id) for i, o in enumerate(offices)], Msg("office"))
    _duplicates(c, [(f"projects[{i}]", p.id) for i, p in enumerate(projects)], Msg("project"))
    _duplicates(c, kpi_ids, Msg("KPI"))
    if c.problems:
        n = len(c.problems)
        raise PlanError(
            Msg(
                "plan {path} is not valid ({n} problems); fix the lines below, then run: kpi plan check", path=path, n=n
            )
            if n > 1
            else Msg("plan {path} is not valid (1 problem); fix the line below, then run: kpi plan check", path=path),
            details=c.problems,
        )
    return Plan(
        edition=edition,
        regions=tuple(regions),
        offices=tuple(offices),
        projects=tuple(projects),
        bands=bands,
        source_path=path,
        vocabulary=words,
    )
