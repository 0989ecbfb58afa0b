"""The status and export reports as data: one record per KPI (or per KPI and year)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from kpi_cli.core.decimals import rounded
from kpi_cli.core.model import HALF_NAMES, HALVES, Kpi, Plan, part_name, split_half, split_key
from kpi_cli.core.trajectory import Status, actual_at, compute
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.format import Row, sum_of_shares
from kpi_cli.reports.values import Halves, KpiValues, Pending

STATUS_COLUMNS = (
    "kpi_id",
    "kpi_name",
    "region",
    "region_id",
    "project_id",
    "project",
    "unit",
    "kind",
    "direction",
    "target_op",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
    "as_of_year",
    "as_of_rule",
    "actual",
    "expected",
    "gap",
    "progress",
    "achievement",
    "pace",
    "needed_per_year",
    "projected",
    "projected_reaches_target",
    "rating",
    "original_target_value",
    "revised_in",
    "parts_total",
    "parts_recorded",
    "partial_year",
    "review_year",
    "review_assessment",
    "review_direction",
    "latest_year",
    "latest_value",
    "unknown_years",
    "previous_year",
    "previous_value",
    "change",
    "change_rate",
    "provisional",
    "half_year",
    "first_half",
    "second_half",
)


def as_of_rule(year: str | None) -> str:
    """The as-of rule in force, as captions say it (status, report)."""
    if year is None:
        return "各KPIの実績のある最新年度（実績がなければ今年度）時点"
    return f"全KPIを {year} 時点で評価（その年度の実績がないKPIは（）内に直近の実績と年度を示し、評価しません）"


NO_REVIEW = {"review_year": None, "review_assessment": None, "review_direction": None}
EXPORT_COLUMNS = (
    "kpi_id",
    "kpi_name",
    "region",
    "region_id",
    "project_id",
    "project",
    "unit",
    "kind",
    "year",
    "value",
    "actual",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
    "expected",
    "gap",
    "progress",
    "achievement",
    "pace",
    "rating",
    "note",
    "source",
    "recorded_at",
    "recorded_by",
    "form",
    "status",
    "origin",
    "returned_by",
    "office",
    "half",
)
EXPORT_SCHEMA_VERSION = 2  # 2: a row per 振興局 share and per half-year value, with office and half

Actuals = dict[str, dict[int, Decimal]]


def edition_span(plan: Plan) -> tuple[int, int]:
    return plan.edition.start_year, plan.end_year


def statuses(
    plan: Plan,
    kpis: Sequence[Kpi],
    actuals: Actuals,
    *,
    year: int | None,
    current_fy: int,
    totals: Mapping[str, Mapping[int, Decimal]] | None = None,
) -> list[Status]:
    """Each KPI's status (``totals``: running totals given for cumulative KPIs, see ``KpiValues``)."""
    span = edition_span(plan)
    totals = totals or {}
    return [
        compute(
            k,
            actuals.get(k.id, {}),
            year=year,
            current_fy=current_fy,
            plan_span=span,
            bands=plan.bands,
            totals=totals.get(k.id),
        )
        for k in kpis
    ]


def status_record(
    plan: Plan,
    s: Status,
    pending: Pending | None = None,
    *,
    provisional: bool = False,
    halves: Halves | None = None,
) -> dict[str, Any]:
    """One KPI's status; ``pending``: a year whose 振興局 shares are only partly recorded; ``provisional``:
    the actual is a 速報; ``halves``: half-year values shown beside it (never rated)."""
    kpi = s.kpi
    project = plan.project(kpi.project_id)
    region = plan.region(project.region_id)
    b = kpi.baseline
    return {
        "kpi_id": kpi.id,
        "kpi_name": kpi.name,
        "region": region.name,
        "region_id": region.id,
        "project_id": project.id,
        "project": project.name,
        "unit": kpi.unit,
        "kind": kpi.kind,
        "direction": kpi.direction,
        "target_op": s.target.op,
        "baseline_value": b.value if b else None,
        "baseline_year": b.year if b else None,
        "target_value": s.target.value,
        "target_year": s.target.year,
        "as_of_year": s.as_of_year,
        "as_of_rule": s.as_of_rule,
        "actual": s.actual,
        "expected": s.expected,
        "gap": s.gap,
        "progress": s.progress,
        "achievement": s.achievement,
        "pace": s.pace,
        "needed_per_year": s.needed_per_year,
        "projected": s.projected,
        "projected_reaches_target": s.projected_reaches_target,
        "rating": s.rating.value,
        "original_target_value": kpi.target.value if s.revision else None,
        "revised_in": s.revision.from_year if s.revision else None,
        "parts_total": len(kpi.part_ids),
        "parts_recorded": pending.recorded if pending else None,
        "partial_year": pending.year if pending else None,
        "unknown_years": list(s.unknown_years),
        "provisional": provisional,
        "half_year": halves[0] if halves else None,
        "first_half": halves[1].get("H1") if halves else None,
        "second_half": halves[1].get("H2") if halves else None,
    }


class ExportEntry(NamedTuple):
    """One recorded value with the figures for its own year (``row`` is None for a sum of shares).

    A 振興局's share or a half-year value is a row of its own (``part``: its ledger key), with the
    KPI's data but no figures: those belong to the KPI's value for the year, never to a part of it."""

    status: Status
    value: Decimal
    row: Row | None
    part: str = ""  # a share's or half-year's ledger key
    part_said: str = ""  # as people read it: 十勝分, 上期, 十勝分 上期
    provisional: bool = False  # a sum of shares one of which is a 速報 (a row says its own status)


def export_entries(
    plan: Plan,
    kpis: Sequence[Kpi],
    actuals: Mapping[str, Mapping[int, Decimal]],
    current: Mapping[tuple[str, int], Row],
    *,
    current_fy: int,
    totals: Mapping[str, Mapping[int, Decimal]] | None = None,
    values: KpiValues | None = None,
) -> list[ExportEntry]:
    """Every actual with the status computed at its own year (a running total given too: its row says
    so), each followed by the shares and half-year values recorded for its year (a year whose shares
    are not all in has its shares only). ``values``: which sums are 速報, and which whole-KPI 速報 gave
    way to the sum of its shares (exported as that sum, never as the row it no longer is)."""
    superseded = values.superseded if values is not None else frozenset()
    early = values.provisional if values is not None else {}
    span = edition_span(plan)
    parts: dict[str, list[tuple[int, str, Row]]] = {}
    for (key, year), row in current.items():
        if not row.is_void and (split_key(key)[1] or split_half(key)[1]):
            parts.setdefault(split_key(key)[0], []).append((year, key, row))
    out = []
    for kpi in kpis:
        mine, given = actuals.get(kpi.id, {}), (totals or {}).get(kpi.id, {})
        own = sorted(parts.get(kpi.id, ()), key=lambda p: (p[0], _part_order(kpi, p[1])))
        for year in sorted({*mine, *given, *(p[0] for p in own)}):
            s = compute(kpi, mine, year=year, current_fy=current_fy, plan_span=span, bands=plan.bands, totals=given)
            if year in mine or year in given:
                value = mine[year] if year in mine else given[year]
                whole = None if (kpi.id, year) in superseded else current.get((kpi.id, year))
                said = whole is None and year in early.get(kpi.id, frozenset())
                out.append(ExportEntry(s, value, whole, provisional=said))
            out += [ExportEntry(s, Decimal(r.value), r, key, _part_said(plan, key)) for y, key, r in own if y == year]
    return out


def _part_order(kpi: Kpi, key: str) -> tuple[int, int]:
    """Shares in the plan's order of 振興局, each year's before its half-years."""
    base, half = split_half(key)
    office = split_key(base)[1]
    parts = kpi.part_ids
    return (parts.index(office) if office in parts else len(parts), HALVES.index(half) + 1 if half else 0)


def _part_said(plan: Plan, key: str) -> str:
    base, half = split_half(key)
    office = split_key(base)[1]
    return " ".join(x for x in (f"{part_name(plan, office)}分" if office else "", HALF_NAMES.get(half, "")) if x)


_FIGURES = ("actual", "expected", "gap", "progress", "achievement", "pace", "rating")


def export_record(plan: Plan, e: ExportEntry) -> dict[str, Any]:
    """The machine form: the status record plus the value's own fields. A value summed from
    振興局 (or 市町村) shares has no row of its own: its source says so."""
    row = e.row
    record = status_record(plan, e.status) | {
        "year": e.status.as_of_year,
        "value": e.value,
        "note": row.note if row else "",
        "source": row.source if row else sum_of_shares(len(e.status.kpi.part_ids), e.status.kpi.parts_word),
        "recorded_at": row.recorded_at if row else None,
        "recorded_by": row.recorded_by if row else None,
        "form": row.form if row else "",
        "status": row.status if row else "provisional" if e.provisional else "",
        "origin": row.origin if row else "",
        "returned_by": row.returned_by if row else "",
        "office": "",
        "half": "",
    }
    if e.part:
        base, half = split_half(e.part)
        office = split_key(base)[1]
        record |= dict.fromkeys(_FIGURES) | {
            "year": row.year if row else e.status.as_of_year,
            "office": part_name(plan, office) if office else "",
            "half": half,
        }
    return record


class Change(NamedTuple):
    """前年度比: the value shown for the as-of year against the previous fiscal year's."""

    year: int  # the previous fiscal year
    previous: Decimal
    change: Decimal
    rate: Decimal | None  # change ÷ previous; None when the previous value is 0


NO_CHANGE = {"previous_year": None, "previous_value": None, "change": None, "change_rate": None}


def year_over_year(s: Status, actuals: Mapping[int, Decimal]) -> Change | None:
    """The change from the previous fiscal year's value (of a cumulative KPI: its running total),
    or None when the as-of year or the year before it has no value."""
    before = s.as_of_year - 1
    if s.actual is None or before not in actuals:
        return None
    previous = actual_at(s.kpi, actuals, before)
    if previous is None:  # pragma: no cover - a value for the year before gives a value at it
        return None
    change = s.actual - previous
    return Change(before, previous, rounded(change) or Decimal(0), rounded(change / previous) if previous else None)


def change_fields(change: Change | None) -> dict[str, Any]:
    """The 前年度比 columns of a status record."""
    if change is None:
        return dict(NO_CHANGE)
    return {
        "previous_year": change.year,
        "previous_value": change.previous,
        "change": change.change,
        "change_rate": change.rate,
    }


SORTS = ("gap", "progress", "rating", "name")


def sorted_statuses(statuses: Sequence[Status], key: str) -> list[Status]:
    """Worst first for gap, progress and rating (unrated last); by KPI name for name."""
    from kpi_cli.errors import InputError

    if key not in SORTS:
        raise InputError(Msg("--sort {key}: unknown; use one of {choices}", key=key, choices=", ".join(SORTS)))
    if key == "name":
        return sorted(statuses, key=lambda s: s.kpi.name)
    if key == "rating":
        return sorted(statuses, key=lambda s: -s.rating.severity if s.rating.severity >= 0 else 99)
    big = Decimal("1e30")

    def value(s: Status) -> Decimal:
        v = s.gap if key == "gap" else s.progress
        if v is None:
            return big
        return v if s.kpi.direction == "increase" or key == "progress" else -v

    return sorted(statuses, key=value)


def older_values(
    statuses: Sequence[Status],
    actuals: Mapping[str, Mapping[int, Decimal]],
    as_of: int | None,
    totals: Mapping[str, Mapping[int, Decimal]] | None = None,
) -> dict[str, tuple[int, Decimal]]:
    """For a review of one year: each KPI without a value for it, and its latest earlier value (of a
    cumulative KPI its running total then, from a total given too; none while a year before is unknown)."""
    out: dict[str, tuple[int, Decimal]] = {}
    if as_of is None:
        return out
    for s in statuses:
        mine, given = actuals.get(s.kpi.id, {}), (totals or {}).get(s.kpi.id, {})
        earlier = [y for y in {*mine, *given} if y < as_of]
        if s.actual is not None or not earlier:
            continue
        year = max(earlier)
        value = actual_at(s.kpi, mine, year, given) if s.kpi.kind == "cumulative" else mine.get(year)
        if value is not None:
            out[s.kpi.id] = (year, value)
    return out
