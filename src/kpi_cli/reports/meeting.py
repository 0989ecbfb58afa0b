"""The 推進状況 document as data: the statuses, the values, the reviews and the notes of a year.

For a report of one year, nothing later than that year is counted or drawn: the values (and the
振興局 shares) of later years are left out here, once, so that every part of the document agrees.
For a report of some areas (``--region 十勝``), their own projects come first and the projects
shared with another 連携地域 after, and the shares of their 振興局 are shown first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from kpi_cli.core.model import Kpi, Plan, Project
from kpi_cli.core.trajectory import Status
from kpi_cli.core.years import era
from kpi_cli.ledger.read import LedgerRead
from kpi_cli.ledger.reviews import in_force
from kpi_cli.reports.grouping import by_region
from kpi_cli.reports.reviews import ReviewLine, latest, review_line, value_notes
from kpi_cli.reports.status import Change, as_of_rule, statuses, year_over_year
from kpi_cli.reports.values import kpi_values, provisional_at, up_to

Shares = dict[str, dict[int, dict[str, Decimal]]]  # per KPI id, year and office id


class Section(NamedTuple):
    """A part of the document: a 連携地域's projects, or the projects shared with other regions."""

    title: str
    short: str  # in the summary table's 区分 column
    projects: list[tuple[Project, list[Status]]]
    shared: bool  # projects that involve another 連携地域


class MeetingReport(NamedTuple):
    plan: Plan
    statuses: list[Status]
    values: dict[str, dict[int, Decimal]]
    reviews: dict[str, ReviewLine]
    notes: dict[str, list[str]]
    meta: dict[str, Any]
    sections: list[Section]
    shares: Shares
    changes: dict[str, Change]
    focus: tuple[str, ...]  # the 振興局 of the areas asked for (their shares first)
    areas: tuple[str, ...]  # the names of the areas asked for (十勝)
    generated: datetime
    sources: dict[str, str]  # per KPI id: its source card in one line (source_line)
    totals: dict[str, dict[int, Decimal]]  # a cumulative KPI's running totals given (see reports.values)
    provisional: frozenset[str]  # the KPIs whose value rated is (or sums, or counts) a 速報

    def earlier_review(self, line: ReviewLine) -> str:
        """（R1評価） before a review of a year before the report's own (a project not reviewed for it
        yet shows its latest review, which must not read as this year's); "" otherwise."""
        as_of = self.meta.get("as_of")
        return f"（{era(line.review.year)}評価）" if as_of is not None and line.review.year != as_of else ""

    def is_provisional(self, s: Status) -> bool:
        """Whether the value a KPI is rated by is a 速報."""
        return s.kpi.id in self.provisional

    @property
    def title(self) -> str:
        """十勝 地域重点政策ユニットの推進状況 (the name of the published page per 連携地域)."""
        who = "・".join(self.areas)
        return f"{who} 地域重点政策ユニットの推進状況" if who else "地域重点政策ユニットの推進状況"


def meeting_report(
    plan: Plan,
    ledger: LedgerRead,
    kpis: Sequence[Kpi],
    *,
    as_of: int | None,
    year_text: str | None,
    current_fy: int,
    plan_path: Path,
    ledger_path: Path,
    generated: datetime,
    regions: Sequence[str] = (),
) -> MeetingReport:
    found = kpi_values(plan, ledger)
    values = _up_to(found.actuals, as_of)
    shares: Shares = _up_to(found.shares, as_of)
    totals = _up_to(found.totals, as_of)
    results = statuses(plan, kpis, values, year=as_of, current_fy=current_fy, totals=totals)
    meta = {
        "plan": plan_path,
        "ledgers": [{"path": f.file, "rows": f.rows, "head": f.head} for f in ledger.files]
        or [{"path": str(ledger_path), "rows": 0, "head": ""}],
        "generated": generated.isoformat(timespec="seconds"),
        "as_of_rule": as_of_rule(year_text),
        "as_of": as_of,
    }
    known = {p.id for p in plan.projects}
    chosen = {pid: r for pid, r in latest(in_force(ledger), up_to=as_of).items() if pid in known}
    reviews = {pid: review_line(plan, r, values, current_fy) for pid, r in chosen.items()}
    notes = value_notes(plan, results, ledger.current)
    sources = {s.kpi.id: said for s in results if (said := source_line(s.kpi))}
    changes = {s.kpi.id: c for s in results if (c := year_over_year(s, values.get(s.kpi.id, {}))) is not None}
    focus, home, names = _areas(plan, regions)
    return MeetingReport(
        plan,
        results,
        values,
        reviews,
        notes,
        meta,
        sections(plan, results, home),
        shares,
        changes,
        focus,
        names,
        generated,
        sources,
        totals,
        frozenset(s.kpi.id for s in results if provisional_at(up_to(found, as_of), s)),
    )


def source_line(kpi: Kpi) -> str:
    """The KPI's source card in one line, for the paper: 統計 北海道観光入込客数調査（北海道）・年度, with
    （推定） after what no source prints; "" without a card."""
    from kpi_cli.core.periods import basis_label

    card = kpi.source
    if card.is_empty or not (card.statistic or card.publisher):
        return ""
    named = (
        f"{card.statistic}（{card.publisher}）"
        if card.statistic and card.publisher
        else card.statistic or card.publisher
    )
    if {"statistic", "publisher"} & set(card.inferred):
        named += "（推定）"
    basis = basis_label(card)
    return f"統計: {named}" + (f"・{basis}" if basis else "")


def _up_to(by_key: Mapping[Any, Mapping[int, Any]], year: int | None) -> dict[Any, dict[int, Any]]:
    """Values of ``year`` and before (all of them when no year is given)."""
    return {k: {y: v for y, v in by_year.items() if year is None or y <= year} for k, by_year in by_key.items()}


def _areas(plan: Plan, terms: Sequence[str]) -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]:
    """The 振興局 of the areas asked for, their 連携地域, and their names as the document says them."""
    from kpi_cli.plan.selection import resolve_area

    offices: list[str] = []
    home: set[str] = set()
    names: list[str] = []
    for term in terms:
        area = resolve_area(plan, term)
        offices += [o.id for o in plan.offices if o.id in area.office_ids and o.id not in offices]
        home |= area.region_ids or {plan.office(o).region_id for o in area.office_ids}
        shown = [r.name for r in plan.regions if r.id in area.region_ids]
        shown = shown or [o.name for o in plan.offices if o.id in area.office_ids]
        names += [n for n in shown if n not in names]
    return tuple(offices), frozenset(home), tuple(names)


def sections(plan: Plan, results: Sequence[Status], home: frozenset[str]) -> list[Section]:
    """Without areas, one section per 連携地域. With areas, the projects of their 連携地域 first (釧路
    asked for: 釧路・根室's), then the projects that involve another 連携地域 (those they lead before
    those they take part in)."""
    names = [r.name for r in plan.regions if r.id in home]
    groups = by_region(plan, results)
    if not home:
        return [
            Section(
                plan.region(rid).name,
                plan.region(rid).name,
                [(plan.project(pid), found) for pid, found in projects.items()],
                False,
            )
            for rid, projects in groups.items()
        ]
    own: list[tuple[Project, list[Status]]] = []
    led: list[tuple[Project, list[Status]]] = []
    joined: list[tuple[Project, list[Status]]] = []
    for rid, projects in groups.items():
        for pid, found in projects.items():
            project = plan.project(pid)
            regions = {plan.office(o).region_id for o in project.office_ids} | {rid}
            if rid in home and regions <= home:
                own.append((project, found))
            else:
                (led if rid in home else joined).append((project, found))
    out = []
    if own:
        out.append(Section(f"{'・'.join(names)}の事業", "・".join(names), own, False))
    if led or joined:
        out.append(Section("他の連携地域と連携する事業", "他地域と連携", led + joined, True))
    return out
