"""Reviews as people give them: typed (kpi review add) or filled in on a review sheet (kpi review
import), checked against the plan and turned into entries for the recording workflow."""

from __future__ import annotations

from typing import NamedTuple

from kpi_cli.core.model import Plan
from kpi_cli.errors import InputError, KpiError
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.entries import Entry
from kpi_cli.ledger.import_file import ImportTable
from kpi_cli.ledger.import_rows import bad_rows, check_year_label
from kpi_cli.ledger.reviews import TEXTS, Review, check_text, row_for

TEXT_HEADINGS = {
    "actions": ("取組状況", "actions"),
    "results": ("成果・課題", "成果と課題", "results"),
    "next": ("今後の取組", "next"),
}
MAX_REVIEW_TEXT = 10_000  # characters of one text: a review row stays within what the reader reads back


def review_text(text: str, what: str) -> str:
    """Review text: paragraphs allowed, other control characters refused, within the length kept."""
    text = check_text(text, what)
    if len(text) > MAX_REVIEW_TEXT:
        raise InputError(
            Msg(
                "{what} has {n} characters, more than the {limit} a review keeps; shorten it",
                what=what,
                n=len(text),
                limit=MAX_REVIEW_TEXT,
            )
        )
    return text


def make_review(
    plan: Plan,
    *,
    project: str,
    year: int,
    current_fy: int,
    assessment: str,
    direction: str,
    texts: dict[str, str],
    reviewed_on: str,
    office: str,
    names: dict[str, str],
    today: str = "",
) -> Review:
    """A review as typed (``review add``) or filled in (``review import``), checked against the plan.
    ``names``: how the input calls each field, for messages (--assessment, or 評価 (assessment))."""
    from kpi_cli.core.model import plan_span
    from kpi_cli.core.years import era_and_western, iso_date
    from kpi_cli.plan.selection import resolve_office, resolve_project
    from kpi_cli.plan.vocabulary import term_code

    found = resolve_project(plan, project)
    low, high = plan_span(plan)
    if not low <= year <= high:
        raise InputError(
            Msg(
                "{what} {year} is outside the plan's years ({low}–{high}); check the year and its era",
                what=names["year"],
                year=era_and_western(year),
                low=era_and_western(low),
                high=era_and_western(high),
            )
        )
    if year > current_fy:
        raise InputError(
            Msg("{year} has not started yet; a review looks back on a year that began", year=era_and_western(year))
        )
    day = iso_date(reviewed_on, names["reviewed_on"]) if reviewed_on else ""
    if day and (day < f"{year}-04-01" or (today and day > today)):  # (ISO days compare as text)
        raise InputError(
            Msg(
                "{what} {day} cannot be the day the 地域づくり連携会議 reviewed {year}: it is {why}; check the "
                "date (and its era)",
                what=names["reviewed_on"],
                day=day,
                year=era_and_western(year),
                why=Msg("before that year began") if day < f"{year}-04-01" else Msg("after today"),
            )
        )
    return Review(
        project_id=found.id,
        year=year,
        assessment=term_code(plan.vocabulary.assessments, assessment, names["assessment"]),
        direction=term_code(plan.vocabulary.directions, direction, names["direction"]),
        actions=review_text(texts.get("actions", ""), names["actions"]),
        results=review_text(texts.get("results", ""), names["results"]),
        next=review_text(texts.get("next", ""), names["next"]),
        stage="reviewed" if day else "draft",
        meeting_date=day,
        office=plan.office(resolve_office(plan, office)).name if office else "",
    )


def review_entry(review: Review, recorded_at: str, recorded_by: str, where: str = "") -> Entry:
    return Entry(kpi=None, row=row_for(review, recorded_at, recorded_by), where=where)


SHEET_NAMES = {
    "year": "年度 (year)",
    "reviewed_on": "連携会議の日付 (reviewed_on)",
    "assessment": "評価 (assessment)",
    "direction": "今後の方向性 (direction)",
    "actions": "取組状況",
    "results": "成果・課題",
    "next": "今後の取組",
}


class SheetReviews(NamedTuple):
    entries: list[Entry]
    blank: int  # projects not reviewed yet (no 評価 and no 今後の方向性)


def sheet_reviews(
    plan: Plan, table: ImportTable, *, current_fy: int, recorded_at: str, recorded_by: str
) -> SheetReviews:
    """Every filled-in row of a review sheet as an entry; one InputError listing every bad row."""
    from kpi_cli.core.years import parse_year

    entries: list[Entry] = []
    problems: list[Msg] = []
    seen: dict[tuple[str, int], str] = {}
    blank = 0
    for where, cells in table.rows:

        def cell(name: str, cells: list[str] = cells) -> str:
            i = table.columns.get(name)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        if not any(c.strip() for c in cells):
            continue
        if not cell("assessment") and not cell("direction"):
            if cell("project_id") and cell("year"):
                blank += 1  # a project not reviewed yet; a note below the table counts for nothing
            continue
        try:
            review = make_review(
                plan,
                project=cell("project_id"),
                year=parse_year(cell("year")),
                current_fy=current_fy,
                today=recorded_at[:10],
                assessment=cell("assessment"),
                direction=cell("direction"),
                texts={k: cell(k) for k in TEXTS},
                reviewed_on=cell("reviewed_on"),
                office=cell("office"),
                names=SHEET_NAMES,
            )
            if cell("year_label"):
                check_year_label(cell("year"), cell("year_label"), review.year)
        except KpiError as exc:
            problems.append(Msg("{where}: {problem}", where=where, problem=exc.message))
            continue
        key = (review.project_id, review.year)
        if key in seen:
            problems.append(
                Msg(
                    "{where}: {project} {year} appears again (first at {first}); keep one row per project and year",
                    where=where,
                    project=key[0],
                    year=key[1],
                    first=seen[key],
                )
            )
            continue
        seen[key] = where
        entries.append(review_entry(review, recorded_at, recorded_by, where))
    if problems:
        raise bad_rows([(table.shown, p) for p in problems])
    return SheetReviews(entries, blank)
