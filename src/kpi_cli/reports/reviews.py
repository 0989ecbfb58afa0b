"""Project reviews as report data: what each review says, in the plan's words, beside the suggestion."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from kpi_cli.core import years as eras
from kpi_cli.core.assessment import suggested
from kpi_cli.core.model import Plan, Project, Term, share_key
from kpi_cli.core.trajectory import Status
from kpi_cli.ledger.format import Row
from kpi_cli.ledger.reviews import Review
from kpi_cli.reports.status import NO_REVIEW, statuses

REVIEW_COLUMNS = (
    "project_id",
    "project",
    "region",
    "year",
    "assessment",
    "assessment_label",
    "direction",
    "direction_label",
    "suggested",
    "suggested_label",
    "stage",
    "meeting_date",
    "office",
    "actions",
    "results",
    "next",
    "recorded_at",
    "recorded_by",
)


def label(terms: Sequence[Term], code: str) -> str:
    return next((t.label for t in terms if t.code == code), code)


def suggestion(
    plan: Plan, project: Project, actuals: Mapping[str, Mapping[int, Decimal]], year: int, current_fy: int
) -> Term | None:
    """The assessment the KPI ratings at ``year`` suggest (see ``core.assessment``)."""
    results = statuses(
        plan, list(project.kpis), {k: dict(v) for k, v in actuals.items()}, year=year, current_fy=current_fy
    )
    words = plan.vocabulary.assessments
    index = suggested([s.rating for s in results], len(words))
    return None if index is None else words[index]


class ReviewLine(NamedTuple):
    """A review in the plan's words, beside the assessment its KPIs suggest (what people read)."""

    review: Review
    project: Project
    region: str
    assessment: str  # the label of the assessment code
    direction: str
    suggested: Term | None


def review_line(
    plan: Plan, review: Review, actuals: Mapping[str, Mapping[int, Decimal]], current_fy: int
) -> ReviewLine:
    project = plan.project(review.project_id)
    v = plan.vocabulary
    return ReviewLine(
        review,
        project,
        plan.region(project.region_id).name,
        label(v.assessments, review.assessment),
        label(v.directions, review.direction),
        suggestion(plan, project, actuals, review.year, current_fy),
    )


def review_record(line: ReviewLine) -> dict[str, Any]:
    """The machine form of a review line (REVIEW_COLUMNS)."""
    r, hint = line.review, line.suggested
    return {
        "project_id": line.project.id,
        "project": line.project.name,
        "region": line.region,
        "year": r.year,
        "assessment": r.assessment,
        "assessment_label": line.assessment,
        "direction": r.direction,
        "direction_label": line.direction,
        "suggested": hint.code if hint else None,
        "suggested_label": hint.label if hint else None,
        "stage": r.stage,
        "meeting_date": r.meeting_date or None,
        "office": r.office or None,
        "actions": r.actions,
        "results": r.results,
        "next": r.next,
        "recorded_at": r.recorded_at,
        "recorded_by": r.recorded_by,
    }


def latest(reviews: Mapping[tuple[str, int], Review], up_to: int | None = None) -> dict[str, Review]:
    """Each project's latest review (of ``up_to`` or before, when given)."""
    out: dict[str, Review] = {}
    for (project_id, year), review in sorted(reviews.items(), key=lambda kv: kv[0][1]):
        if up_to is None or year <= up_to:
            out[project_id] = review
    return out


def headline(plan: Plan, review: Review) -> str:
    """R2評価: 概ね順調に展開 · 継続 (the line beside a project's name)."""
    v = plan.vocabulary
    return (
        f"{eras.era(review.year)}評価: {label(v.assessments, review.assessment)} · "
        f"{label(v.directions, review.direction)}" + ("（案）" if review.stage == "draft" else "")
    )


def value_notes(plan: Plan, statuses: Sequence[Status], current: Mapping[tuple[str, int], Row]) -> dict[str, list[str]]:
    """Per KPI, the note and source of the value shown for its as-of year: the whole KPI's row,
    or when the value is a sum, each share's."""
    out: dict[str, list[str]] = {}
    for s in statuses:
        keys = [(s.kpi.id, "")]
        if (s.kpi.id, s.as_of_year) not in current:
            keys = [(share_key(s.kpi.id, o), plan.office(o).name) for o in s.kpi.parts]
        for key, office in keys:
            row = current.get((key, s.as_of_year))
            if row is None or not (row.note or row.source):
                continue
            said = "; ".join(x for x in (f"出典: {row.source}" if row.source else "", row.note) if x)
            share = f"（{office}分）" if office else ""
            out.setdefault(s.kpi.id, []).append(f"{s.kpi.name}{share} {eras.era(s.as_of_year)}: {said}")
    return out


def review_fields(plan: Plan, review: Review | None) -> dict[str, Any]:
    """The project's review beside each KPI of a status (machine columns)."""
    if review is None:
        return dict(NO_REVIEW)
    return {
        "review_year": review.year,
        "review_assessment": review.assessment,
        "review_direction": review.direction,
    }


REVIEW_TEMPLATE_COLUMNS = (
    "project_id",
    "region",
    "project",
    "year",
    "year_label",
    "kpis",
    "suggested_label",
    "assessment",
    "direction",
    "actions",
    "results",
    "next",
    "reviewed_on",
    "office",
)
REVIEW_INPUTS = frozenset({"assessment", "direction", "actions", "results", "next", "reviewed_on", "office"})


def review_template_rows(
    plan: Plan,
    projects: Sequence[Project],
    actuals: Mapping[str, Mapping[int, Decimal]],
    reviews: Mapping[tuple[str, int], Review],
    year: int,
    current_fy: int,
) -> list[dict[str, Any]]:
    """One row per project for a year: its KPIs' ratings as context, the suggestion, and the
    review already recorded (to edit) or empty cells (to fill in)."""
    v = plan.vocabulary
    out = []
    for project in projects:
        mine = {k.id: dict(actuals.get(k.id, {})) for k in project.kpis}
        results = statuses(plan, list(project.kpis), mine, year=year, current_fy=current_fy)
        lines = [f"{s.kpi.name}: {s.rating.ja}" for s in results]
        hint = suggestion(plan, project, actuals, year, current_fy)
        done = reviews.get((project.id, year))
        out.append(
            {
                "project_id": project.id,
                "region": plan.region(project.region_id).name,
                "project": project.name,
                "year": year,
                "year_label": eras.era(year),
                "kpis": "\n".join(lines),
                "suggested_label": hint.label if hint else None,
                "assessment": label(v.assessments, done.assessment) if done else None,
                "direction": label(v.directions, done.direction) if done else None,
                "actions": done.actions if done else None,
                "results": done.results if done else None,
                "next": done.next if done else None,
                "reviewed_on": done.meeting_date or None if done else None,
                "office": done.office or None if done else None,
            }
        )
    return out
