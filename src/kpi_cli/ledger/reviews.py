"""Project reviews (the A of PDCA) kept in the ledger itself, with every promise of a value row.

A review is one ledger row keyed ``review:<project id>`` for a fiscal year. Its ``value`` is
``0`` (a review has no number) and its ``note`` holds the review as compact JSON: the
assessment and direction codes, the three texts (paragraphs allowed: JSON keeps line breaks
as ``\\n``, so the row stays one line), the stage (``draft`` or ``reviewed`` at the 地域づくり
連携会議 on a date) and the office. Appending, locking, fsync, the hash chain, folder mode,
head files, ``kpi verify`` and the history all work unchanged; a later review of the same
project and year supersedes the earlier one, which stays in the ledger.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from kpi_cli.core.model import Plan
from kpi_cli.errors import InputError, KpiError
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.entries import Entry
from kpi_cli.ledger.format import REVIEW_PREFIX, NewRow, Row
from kpi_cli.ledger.import_file import ImportTable
from kpi_cli.ledger.read import LedgerRead

STAGES = ("draft", "reviewed")
TEXTS = ("actions", "results", "next")  # 取組状況, 成果・課題, 今後の取組


class Review(NamedTuple):
    project_id: str
    year: int
    assessment: str  # a code of the plan's vocabulary
    direction: str
    actions: str = ""
    results: str = ""
    next: str = ""
    stage: str = "draft"
    meeting_date: str = ""  # the 地域づくり連携会議 that reviewed it (stage "reviewed")
    office: str = ""
    recorded_at: str = ""
    recorded_by: str = ""
    where: str = ""  # file:line of the row in force


def review_key(project_id: str) -> str:
    return REVIEW_PREFIX + project_id


def is_review_key(key: str) -> bool:
    return key.startswith(REVIEW_PREFIX)


def encode(review: Review) -> str:
    import json

    payload = {
        "assessment": review.assessment,
        "direction": review.direction,
        **{name: getattr(review, name) for name in TEXTS},
        "stage": review.stage,
        "meeting_date": review.meeting_date,
        "office": review.office,
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def decode(row: Row) -> Review | None:
    """The review a row holds (None when its note is not a review: the row then counts for nothing)."""
    import json

    try:
        data = json.loads(row.note)
    except ValueError:
        return None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        return None
    fields = {k: data.get(k, "") for k in ("assessment", "direction", *TEXTS, "stage", "meeting_date", "office")}
    return Review(
        project_id=row.kpi_id[len(REVIEW_PREFIX) :],
        year=row.year,
        recorded_at=row.recorded_at,
        recorded_by=row.recorded_by,
        where=f"{row.file}:{row.line}",
        **fields,
    )


def row_for(review: Review, recorded_at: str, recorded_by: str) -> NewRow:
    return NewRow(recorded_at, recorded_by, review_key(review.project_id), review.year, "0", encode(review))


def check_text(text: str, what: str | Msg) -> str:
    """Review text: paragraphs allowed, other control characters refused."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = next((ch for ch in text if (ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) < 0xA0), None)
    if bad is not None:
        raise InputError(
            Msg("{what} contains the control character U+{code}; remove it", what=what, code=f"{ord(bad):04X}")
        )
    return text.strip("\n")


def in_force(read: LedgerRead) -> dict[tuple[str, int], Review]:
    """The review in force per project and year."""
    out = {}
    for (key, year), row in read.current.items():
        if is_review_key(key):
            review = decode(row)
            if review is not None:
                out[(review.project_id, year)] = review
    return out


def history(rows: Iterable[Row]) -> list[Review]:
    """Every review row, superseded ones too, in ledger order."""
    return [r for r in (decode(row) for row in rows if is_review_key(row.kpi_id)) if r is not None]


# ---------------------------------------------------------------------- input

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
    from kpi_cli.ledger.entries import limited

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
                assessment=cell("assessment"),
                direction=cell("direction"),
                texts={k: cell(k) for k in TEXTS},
                reviewed_on=cell("reviewed_on"),
                office=cell("office"),
                names=SHEET_NAMES,
            )
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
        n = len(problems)
        raise InputError(
            Msg("{file}: {n} bad rows; nothing was written", file=table.shown, n=n)
            if n > 1
            else Msg("{file}: 1 bad row; nothing was written", file=table.shown),
            details=limited(problems),
        )
    return SheetReviews(entries, blank)
