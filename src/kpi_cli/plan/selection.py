"""Selection: what the user's --region / --project / KPI arguments refer to.

Names are compared after NFKC (ｵﾎｰﾂｸ = オホーツク) and without the suffixes
連携地域, 総合振興局, 振興局, 地域.
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from kpi_cli.core.model import Kpi, Plan, Project, municipal_part
from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Joined, Msg, either

_SUFFIXES = ("連携地域", "総合振興局", "振興局", "地域")


@functools.lru_cache(maxsize=1 << 14)
def name_key(text: str) -> str:
    """The form in which names are compared (remembered: an import's rows that name KPIs by a fragment each
    compare it with every KPI's name)."""
    s = unicodedata.normalize("NFKC", text).strip().lower()
    s = "".join(s.split()).replace("・", "")
    for suffix in _SUFFIXES:
        if s.endswith(suffix) and len(s) > len(suffix):
            s = s[: -len(suffix)]
            break
    return s


class Area(NamedTuple):
    """What one --region term means: regions owning projects, offices taking part."""

    region_ids: frozenset[str]
    office_ids: frozenset[str]


def resolve_area(plan: Plan, term: str) -> Area:
    """A 連携地域 or 振興局, by name (with or without suffix) or id."""
    key = name_key(term)
    regions = {r.id for r in plan.regions if key in _region_keys(r.name, r.id)}
    offices = {o.id for o in plan.offices if key in (name_key(o.name), o.id)}
    if not regions and not offices:
        names = list(dict.fromkeys([r.name for r in plan.regions] + [o.name for o in plan.offices]))
        keys = {name_key(n): n for n in names} | {r.id: r.id for r in plan.regions}
        close = difflib.get_close_matches(key, list(keys), n=3, cutoff=0.5)
        if close:
            raise InputError(
                Msg(
                    "unknown region {term!r}; did you mean {close}? valid names: {names}",
                    term=term,
                    close=either(keys[c] for c in close),
                    names=", ".join(names),
                )
            )
        raise InputError(Msg("unknown region {term!r}; valid names: {names}", term=term, names=", ".join(names)))
    for region_id in regions:
        offices |= {o.id for o in plan.offices if o.region_id == region_id}
    return Area(region_ids=frozenset(regions), office_ids=frozenset(offices))


def _region_keys(name: str, region_id: str) -> tuple[str, ...]:
    key = name_key(name)
    return (key, key.removesuffix("広域"), region_id)


def project_in_area(project: Project, area: Area) -> bool:
    """A project belongs to an area if the area owns it or one of its offices takes part."""
    return project.region_id in area.region_ids or bool(area.office_ids.intersection(project.office_ids))


def resolve_project(plan: Plan, term: str) -> Project:
    """A project by id, or by a name fragment that matches exactly one project."""
    for project in plan.projects:
        if project.id == term:
            return project
    key = name_key(term)
    found = [p for p in plan.projects if key and key in name_key(p.name)]
    if len(found) == 1:
        return found[0]
    if found:
        listing = "; ".join(f"{p.id} ({p.name})" for p in found[:8])
        raise InputError(
            Msg(
                "project {term!r} matches {n} projects; give one id: {listing}",
                term=term,
                n=len(found),
                listing=listing,
            )
        )
    close = difflib.get_close_matches(term, [p.id for p in plan.projects], n=3, cutoff=0.5)
    if close:
        raise InputError(Msg("unknown project {term!r}; did you mean {close}?", term=term, close=either(close)))
    raise InputError(Msg("unknown project {term!r}; see: kpi projects", term=term))


class KpiMatch(NamedTuple):
    kpi: Kpi
    exact: bool  # False when found by a name fragment (tell the user which was taken)


def resolve_kpi(plan: Plan, term: str, regions: Sequence[str] = ()) -> KpiMatch:
    """A KPI by id, or by a name fragment that matches exactly one KPI (of ``regions``, if given)."""
    stripped = term.strip()
    for kpi in plan.kpis:
        if kpi.id == stripped:
            return KpiMatch(kpi, exact=True)
    key = name_key(stripped)
    within = select_kpis(plan, regions) if regions else plan.kpis
    found = [k for k in within if key and (key in name_key(k.name) or key in k.id)]
    if len(found) == 1:
        return KpiMatch(found[0], exact=False)
    if found:
        listing = "; ".join(f"{k.id} ({k.name}, {_region_of(plan, k)})" for k in found[:10])
        if len(found) > 10:
            listing += "; …"
        if regions:
            raise InputError(
                Msg("KPI {term!r} matches {n} KPIs; give one id: {listing}", term=term, n=len(found), listing=listing)
            )
        raise InputError(
            Msg(
                "KPI {term!r} matches {n} KPIs; give one id; or narrow it with --region: {listing}",
                term=term,
                n=len(found),
                listing=listing,
            )
        )
    close = difflib.get_close_matches(stripped, [k.id for k in plan.kpis], n=3, cutoff=0.5)
    if close:
        raise InputError(Msg("unknown KPI {term!r}; did you mean {close}?", term=term, close=either(close)))
    raise InputError(Msg("unknown KPI {term!r}; see: kpi kpis", term=term))


def select_projects(plan: Plan, regions: Sequence[str] = (), projects: Sequence[str] = ()) -> list[Project]:
    """Projects matching any of the regions (if given) and any of the projects (if given)."""
    areas = [resolve_area(plan, r) for r in regions]
    wanted = {resolve_project(plan, p).id for p in projects}
    out = []
    for project in plan.projects:
        if areas and not any(project_in_area(project, a) for a in areas):
            continue
        if wanted and project.id not in wanted:
            continue
        out.append(project)
    return out


def select_kpis(
    plan: Plan,
    regions: Sequence[str] = (),
    projects: Sequence[str] = (),
    kpis: Iterable[str] = (),
) -> list[Kpi]:
    """KPIs of the selected projects, narrowed to the given KPIs if any, in plan order."""
    chosen = select_projects(plan, regions, projects)
    wanted = {k.id for term in kpis for k in match_kpis(plan, term)}
    return [k for p in chosen for k in p.kpis if not wanted or k.id in wanted]


def match_kpis(plan: Plan, term: str) -> list[Kpi]:
    """Every KPI whose id is ``term`` or whose id or name contains it (a filter: -k 観光 finds all nine)."""
    stripped = term.strip()
    exact = [k for k in plan.kpis if k.id == stripped]
    if exact:
        return exact
    key = name_key(stripped)
    found = [k for k in plan.kpis if key and (key in name_key(k.name) or key in k.id)]
    if found:
        return found
    close = difflib.get_close_matches(stripped, [k.id for k in plan.kpis], n=3, cutoff=0.5)
    if close:
        raise InputError(Msg("no KPI matches {term!r}; did you mean {close}?", term=term, close=either(close)))
    raise InputError(Msg("no KPI matches {term!r}; see: kpi kpis", term=term))


def resolve_office(plan: Plan, term: str) -> str:
    """A 振興局 id, by name (with or without 振興局/総合振興局) or id."""
    key = name_key(term)
    for office in plan.offices:
        if key in (name_key(office.name), office.id):
            return office.id
    names = [o.name for o in plan.offices]
    close = difflib.get_close_matches(key, [name_key(n) for n in names], n=3, cutoff=0.5)
    if close:
        raise InputError(
            Msg(
                "unknown 振興局 {term!r}; did you mean {close}? valid names: {names}",
                term=term,
                close=either(close),
                names=", ".join(names),
            )
        )
    raise InputError(Msg("unknown 振興局 {term!r}; valid names: {names}", term=term, names=", ".join(names)))


def share_of(plan: Plan, kpi: Kpi, term: str) -> str:
    """The part id of a share of ``kpi``: a 振興局's id, or for a KPI that counts a set of 市町村 the
    市町村's (``m:ニセコ町``); refused (with the parts listed) if it is not a part."""
    if kpi.municipalities and not kpi.parts:
        return _town_of(kpi, term)
    office_id = resolve_office(plan, term)
    names = {o.id: o.name for o in plan.offices}
    listed = ", ".join(f"{names.get(p, p)} ({p})" for p in kpi.parts)
    if not kpi.parts:
        raise InputError(
            Msg(
                "{id} is recorded for the whole KPI, not per 振興局 (the plan gives it no parts); drop --office",
                id=kpi.id,
            )
        )
    if office_id not in kpi.parts:
        raise InputError(
            Msg(
                "{office} is not a part of {id}; its parts are {listed}",
                office=names[office_id],
                id=kpi.id,
                listed=listed,
            )
        )
    return office_id


def _region_of(plan: Plan, kpi: Kpi) -> str:
    return plan.region(plan.project(kpi.project_id).region_id).name


def _town_of(kpi: Kpi, term: str) -> str:
    """The part id of one of the 市町村 a KPI counts (names compared after NFKC, without spaces)."""
    key = "".join(unicodedata.normalize("NFKC", term).split())
    if key in kpi.municipalities:
        return municipal_part(key)
    close = difflib.get_close_matches(key, kpi.municipalities, n=3, cutoff=0.5)
    if close:
        raise InputError(
            Msg(
                "{term!r} is not one of the 市町村 of {id}; did you mean {close}?",
                term=term,
                id=kpi.id,
                close=either(close),
            )
        )
    raise InputError(
        Msg(
            "{term!r} is not one of the 市町村 of {id}; they are {listed}",
            term=term,
            id=kpi.id,
            listed=Joined(kpi.municipalities),
        )
    )


def offices_of(plan: Plan, regions: Sequence[str], offices: Sequence[str]) -> frozenset[str]:
    """The 振興局 a --region (a 連携地域 or 振興局) and an --office (a 振興局, or a 連携地域 for its
    振興局) name; an --office that names neither is said as an unknown 振興局."""
    found = {o for term in regions for o in resolve_area(plan, term).office_ids}
    for term in offices:
        try:
            found.add(resolve_office(plan, term))
        except InputError as not_an_office:
            try:
                found.update(resolve_area(plan, term).office_ids)
            except InputError:
                raise not_an_office from None
    return frozenset(found)
