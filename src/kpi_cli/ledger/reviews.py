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

from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.format import REVIEW_PREFIX, NewRow, Row
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


def project_of(key: str) -> str:
    """The project id of a review's ledger key."""
    return key.removeprefix(REVIEW_PREFIX)


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
    if any(_control(c) for v in data.values() for c in v):  # kpi writes none: the row was made elsewhere
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


def _control(char: str) -> bool:
    code = ord(char)
    return (
        (code < 0x20 and char not in "\n\t")
        or 0x7F <= code < 0xA0
        or 0x202A <= code <= 0x202E
        or 0x2066 <= code <= 0x2069
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
