"""Two fiscal years side by side (``kpi diff Y1 Y2``): the KPIs whose rating changed, with the value
of each year, and the projects whose review (評価 or 今後の方向性) changed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from kpi_cli.core.model import Kpi, Plan, Project
from kpi_cli.core.trajectory import Status
from kpi_cli.ledger.reviews import Review
from kpi_cli.reports.reviews import label
from kpi_cli.reports.status import statuses

DIFF_COLUMNS = (
    "what",
    "id",
    "name",
    "region",
    "year_from",
    "year_to",
    "before",
    "after",
    "value_before",
    "value_after",
    "direction_before",
    "direction_after",
)


class RatingChange(NamedTuple):
    before: Status
    after: Status


class ReviewChange(NamedTuple):
    project: Project
    before: Review | None
    after: Review | None


class Comparison(NamedTuple):
    year_from: int
    year_to: int
    ratings: list[RatingChange]
    reviews: list[ReviewChange]


def compare(
    plan: Plan,
    kpis: Sequence[Kpi],
    actuals: Mapping[str, Mapping[int, Decimal]],
    reviews: Mapping[tuple[str, int], Review],
    projects: Sequence[Project],
    years: tuple[int, int],
    current_fy: int,
    totals: Mapping[str, Mapping[int, Decimal]] | None = None,
) -> Comparison:
    """Each KPI rated at both years (rating changed: listed), each project's review of both years."""
    first, second = years
    values = {k: dict(v) for k, v in actuals.items()}
    before = statuses(plan, kpis, values, year=first, current_fy=current_fy, totals=totals)
    after = statuses(plan, kpis, values, year=second, current_fy=current_fy, totals=totals)
    ratings = [RatingChange(a, b) for a, b in zip(before, after, strict=True) if a.rating is not b.rating]
    changed = []
    for project in projects:
        old, new = reviews.get((project.id, first)), reviews.get((project.id, second))
        if (old and (old.assessment, old.direction)) != (new and (new.assessment, new.direction)):
            changed.append(ReviewChange(project, old, new))
    return Comparison(first, second, ratings, changed)


def diff_records(plan: Plan, c: Comparison) -> list[dict[str, Any]]:
    """The machine form: one record per KPI whose rating changed (codes), then per project whose review did."""
    out: list[dict[str, Any]] = []
    for r in c.ratings:
        kpi = r.before.kpi
        out.append(
            {
                "what": "kpi",
                "id": kpi.id,
                "name": kpi.name,
                "region": plan.region(plan.project(kpi.project_id).region_id).name,
                "year_from": c.year_from,
                "year_to": c.year_to,
                "before": r.before.rating.value,
                "after": r.after.rating.value,
                "value_before": r.before.actual,
                "value_after": r.after.actual,
                "direction_before": None,
                "direction_after": None,
            }
        )
    for v in c.reviews:
        out.append(
            {
                "what": "review",
                "id": v.project.id,
                "name": v.project.name,
                "region": plan.region(v.project.region_id).name,
                "year_from": c.year_from,
                "year_to": c.year_to,
                "before": v.before.assessment if v.before else None,
                "after": v.after.assessment if v.after else None,
                "value_before": None,
                "value_after": None,
                "direction_before": v.before.direction if v.before else None,
                "direction_after": v.after.direction if v.after else None,
            }
        )
    return out


def review_words(plan: Plan, review: Review | None) -> str:
    """評価 · 今後の方向性 in the plan's words ("―" without a review)."""
    if review is None:
        return "―"
    v = plan.vocabulary
    return f"{label(v.assessments, review.assessment)} · {label(v.directions, review.direction)}"
