"""The static site (``kpi site``) as data: every KPI's status, its values year by year with their
office shares, notes, sources and recording time, each project's latest review, and which
振興局 has reported what for which year.

Built as of a year (``--year``): values of later years are left out everywhere (the tables, the
charts, the projection and the downloads), and so are reviews of later years.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, NamedTuple

from kpi_cli.core import years as eras
from kpi_cli.core.decimals import rounded
from kpi_cli.core.model import Kpi, Office, Plan, Project, half_key, part_name, share_key
from kpi_cli.core.series import Series, series
from kpi_cli.core.trajectory import RATING_ORDER, Rating, Status, expected_at
from kpi_cli.ledger.format import Row
from kpi_cli.ledger.read import LedgerRead
from kpi_cli.ledger.reviews import in_force
from kpi_cli.reports.reviews import ReviewLine, latest, review_fields, review_line
from kpi_cli.reports.status import NO_REVIEW, older_values, status_record, statuses
from kpi_cli.reports.values import KpiValues, Pending, kpi_values, pending_for, provisional_at, up_to

# One value of a KPI's series (the machine form; CSV and JSON downloads, the .xlsx per region).
VALUE_COLUMNS = (
    "kpi_id",
    "kpi_name",
    "unit",
    "year",
    "year_label",
    "office_id",
    "office",
    "value",
    "expected",
    "summed",
    "note",
    "source",
    "recorded_at",
    "form",
    "half",
    "status",
)


class Part(NamedTuple):
    """A part of a KPI summed over parts: a 振興局 (its id) or a 市町村 (``m:<name>``), and its name."""

    id: str
    name: str


class ValueRow(NamedTuple):
    """A KPI's value for a year (``office`` None), one part's share of it, or a half-year's value."""

    kpi: Kpi
    year: int
    office: Part | None
    value: Decimal | None  # None: the KPI's value of a year whose shares are only partly in
    planned: Decimal | None  # on the straight line from baseline to target (the KPI's rows only)
    summed: bool  # the KPI's value is the sum of its shares (it has no ledger row of its own)
    note: str
    source: str
    recorded_at: str  # "" for a sum of shares (see ``updated``)
    form: str = ""  # "total": a 累計 KPI's running total given for the year
    half: str = ""  # H1 (上期) or H2 (下期): a half-year's value, never rated
    status: str = ""  # "provisional" (速報), "final" (確定) or "" as recorded; a sum: 速報 when a share is


class KpiEntry(NamedTuple):
    """One KPI on the site."""

    status: Status
    series: Series  # what the chart draws
    rows: list[ValueRow]  # by year; each year the KPI's own value first, then the shares
    pending: Pending | None
    older: tuple[int, Decimal] | None  # --year without a value for it: the latest earlier value
    updated: str  # the latest recorded_at of the rows shown ("" when none)
    provisional: bool = False  # the value rated is (or sums) a 速報


class OfficeReport(NamedTuple):
    """What one 振興局 reports: the KPIs it takes part in, and per KPI and year whether it is in."""

    office: Office
    kpis: list[Kpi]
    cells: dict[tuple[str, int], str]  # (kpi id, year) -> "value" | "share" (its share, the total waits) | ""


class SiteData(NamedTuple):
    plan: Plan
    as_of: int | None
    kpis: dict[str, KpiEntry]  # in plan order
    reviews: dict[str, ReviewLine]  # per project id: its latest review (up to as_of)
    reporting: list[OfficeReport]
    years: tuple[int, ...]  # the years of the reporting status
    updated: str  # the latest recorded_at of any value or review shown

    def rating_counts(self, kpis: Sequence[Kpi]) -> dict[Rating, int]:
        counts = dict.fromkeys(RATING_ORDER, 0)
        for k in kpis:
            counts[self.kpis[k.id].status.rating] += 1
        return counts

    def region_kpis(self, region_id: str) -> list[Kpi]:
        return [k for p in self.region_projects(region_id) for k in p.kpis]

    def region_projects(self, region_id: str) -> list[Project]:
        return [p for p in self.plan.projects if p.region_id == region_id]


def site_data(plan: Plan, ledger: LedgerRead, *, as_of: int | None, current_fy: int) -> SiteData:
    """Everything the site shows, from the plan and the ledger read once."""
    values = up_to(kpi_values(plan, ledger), as_of)  # (a KPI's value: one home, reports/values.py)
    current = {k: r for k, r in ledger.current.items() if as_of is None or k[1] <= as_of}
    totals = values.totals
    results = statuses(plan, plan.kpis, values.actuals, year=as_of, current_fy=current_fy, totals=totals)
    older = older_values(results, values.actuals, as_of, values.totals)
    kpis = {}
    for s in results:
        rows = value_rows(plan, s.kpi, values, current)
        kpis[s.kpi.id] = KpiEntry(
            s,
            series(s, values.actuals.get(s.kpi.id, {}), totals.get(s.kpi.id)),
            rows,
            pending_for(values, s.kpi, s.as_of_year, given=as_of is not None),
            older.get(s.kpi.id),
            newest(r.recorded_at for r in rows),
            provisional_at(values, s),
        )
    known = {p.id for p in plan.projects}
    chosen = {pid: r for pid, r in latest(in_force(ledger), up_to=as_of).items() if pid in known}
    reviews = {pid: review_line(plan, r, values.actuals, current_fy) for pid, r in chosen.items()}
    years = reporting_years(plan, as_of)
    reporting = [office_report(plan, o, values, years) for o in plan.offices]
    updated = newest([*(e.updated for e in kpis.values()), *(r.review.recorded_at for r in reviews.values())])
    return SiteData(plan, as_of, kpis, reviews, reporting, years, updated)


def value_rows(plan: Plan, kpi: Kpi, values: KpiValues, current: Mapping[tuple[str, int], Row]) -> list[ValueRow]:
    """Every year with a value or a share of the KPI: its value (recorded, the sum of its shares, or a
    running total given), then each share recorded, then the half-year values, with the note, source
    and recording time of each."""
    mine = values.actuals.get(kpi.id, {})
    totals = values.totals.get(kpi.id, {})
    shares = values.shares.get(kpi.id, {})
    halves = values.halves.get(kpi.id, {})
    out = []
    early = values.provisional.get(kpi.id, frozenset())
    for year in sorted({*mine, *totals, *shares, *halves}):
        # (a whole-KPI 速報 that gave way to its complete shares is not the year's row: their sum is)
        own = None if (kpi.id, year) in values.superseded else current.get((kpi.id, year))
        known = (*kpi.part_ids, *sorted(set(shares.get(year, {})) - set(kpi.part_ids)))
        parts = [
            (Part(p, part_name(plan, p)), current.get((share_key(kpi.id, p), year)))
            for p in known
            if p in shares.get(year, {})
        ]
        planned = expected_at(kpi, kpi.target_for(year), year) if kpi.kind != "target_only" else None
        if kpi.baseline is not None and year < kpi.baseline.year:
            planned = None
        total = year not in mine and year in totals
        value = totals[year] if total else mine.get(year)
        if value is not None or parts:
            out.append(
                ValueRow(
                    kpi,
                    year,
                    None,
                    value,
                    planned,
                    own is None and year in mine,
                    own.note if own else "",
                    own.source if own else "",
                    own.recorded_at if own else newest(r.recorded_at for _, r in parts if r is not None),
                    "total" if total else "",
                    status=own.status if own else "provisional" if year in early and value is not None else "",
                )
            )
        for part, row in parts:
            if row is not None:
                out.append(
                    ValueRow(kpi, year, part, row.decimal, None, False, row.note, row.source, row.recorded_at,
                             status=row.status)
                )  # fmt: skip
        for half, value in sorted(halves.get(year, {}).items()):
            row = current.get((half_key(kpi.id, half), year))
            note, source, at, status = (row.note, row.source, row.recorded_at, row.status) if row else ("", "", "", "")
            out.append(ValueRow(kpi, year, None, value, None, row is None, note, source, at, half=half, status=status))
    return out


def value_record(row: ValueRow) -> dict[str, Any]:
    """The machine form of a value row (VALUE_COLUMNS)."""
    return {
        "kpi_id": row.kpi.id,
        "kpi_name": row.kpi.name,
        "unit": row.kpi.unit,
        "year": row.year,
        "year_label": eras.era(row.year),
        "office_id": row.office.id if row.office else "",
        "office": row.office.name if row.office else "",
        "value": row.value,
        "expected": rounded(row.planned),
        "summed": row.summed,
        "note": row.note,
        "source": row.source,
        "recorded_at": row.recorded_at,
        "form": row.form,
        "half": row.half,
        "status": row.status,
    }


def kpi_status_record(data: SiteData, kpi: Kpi) -> dict[str, Any]:
    """A KPI's status as ``kpi status`` gives it (STATUS_COLUMNS), as of the site's year."""
    e = data.kpis[kpi.id]
    review = data.reviews.get(kpi.project_id)
    return (
        status_record(data.plan, e.status, e.pending)
        | (review_fields(data.plan, review.review) if review else dict(NO_REVIEW))
        | {"latest_year": e.older[0] if e.older else None, "latest_value": e.older[1] if e.older else None}
    )


def reporting_years(plan: Plan, as_of: int | None) -> tuple[int, ...]:
    """The years the reporting status shows: from the most common baseline year (the year the
    plan measures from) to the plan's last year, or to ``as_of``."""
    base = [k.baseline.year for k in plan.kpis if k.baseline is not None]
    first = max(set(base), key=lambda y: (base.count(y), y)) if base else plan.edition.start_year
    last = as_of if as_of is not None else plan.end_year
    first = min(first, last)
    return tuple(range(first, last + 1))


def office_report(plan: Plan, office: Office, values: KpiValues, years: Sequence[int]) -> OfficeReport:
    """The KPIs an office takes part in (its share of a KPI summed over 振興局, or a KPI of a
    project it joins) and, per year, whether its figure is in."""
    kpis = [k for p in plan.projects for k in p.kpis if office.id in (k.parts or p.office_ids)]
    cells: dict[tuple[str, int], str] = {}
    for k in kpis:
        mine = values.actuals.get(k.id, {})
        shares = values.shares.get(k.id, {})
        for y in years:
            if y in mine:
                cells[(k.id, y)] = "value"
            elif office.id in shares.get(y, {}):
                cells[(k.id, y)] = "share"
            else:
                cells[(k.id, y)] = ""
    return OfficeReport(office, kpis, cells)


def newest(stamps: Iterable[str]) -> str:
    """The latest of ISO 8601 times (compared as instants where they parse); "" for none."""
    best, best_key = "", None
    for stamp in stamps:
        if not stamp:
            continue
        try:
            key = datetime.fromisoformat(stamp).timestamp()
        except (ValueError, OverflowError, OSError):
            continue
        if best_key is None or key > best_key:
            best, best_key = stamp, key
    return best
