"""`kpi verify`: every problem of a ledger as one line with file and line number."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import NamedTuple

from kpi_cli.core import years as eras
from kpi_cli.core.model import Plan, plan_span, share_key, split_key
from kpi_cli.ledger.format import Problem
from kpi_cli.ledger.read import LedgerRead
from kpi_cli.ledger.reviews import decode, is_review_key, review_key

CLOCK_SLACK_DAYS = 1  # a recorded_at further than this in the future means a wrong clock


class VerifyReport(NamedTuple):
    problems: list[str]  # each makes verify fail
    notes: list[str]  # worth knowing, not failures (clocks)
    summary: list[str]


def summarize(problems: list[Problem]) -> list[str]:
    """Problems as lines; rows re-saved by a spreadsheet become one line per file, and so does a
    git merge's conflict (its markers and the rows between them, which cannot all verify)."""
    out: list[str] = []
    resaved: Counter[str] = Counter()
    causes: dict[str, dict[str, None]] = {}  # per file, every row's causes in the order first found
    hunks = _conflicts(problems)
    for file, spans in hunks.items():
        shown = ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in spans)
        out.append(
            f"{file}: a git merge left conflict markers (lines {shown}) and the rows of one side do not verify; "
            f"keep one side (git checkout --ours {file} {file}.head) and record the other side's values again; "
            "a ledger folder (--ledger data/ledger/) gives each writer a file of its own that git never has to merge"
        )
    for p in problems:
        if any(a <= p.line <= b for a, b in hunks.get(p.file, ())):
            continue
        if p.kind == "resaved":
            resaved[p.file] += 1
            found = p.message.split("(", 1)[1].split(")", 1)[0].split(", ")
            causes.setdefault(p.file, {}).update(dict.fromkeys(found))
        else:
            out.append(str(p))
    for file, n in resaved.items():
        out.append(
            f"{file}: {n} row{'s' if n > 1 else ''} re-saved by a spreadsheet ({', '.join(causes[file])}); "
            "their content is intact; run kpi verify --repair to restore kpi's own form "
            "(the file as found is kept beside it)"
        )
    return out


def _conflicts(problems: list[Problem]) -> dict[str, list[tuple[int, int]]]:
    """Per file, the line spans of git's conflicts: from a marker to the next >>>>>>> (or to the
    last marker, when the closing one is missing)."""
    spans: dict[str, list[list[int]]] = {}  # [first line, last line, closed]
    for p in sorted((p for p in problems if p.kind == "conflict"), key=lambda p: (p.file, p.line)):
        found = spans.setdefault(p.file, [])
        if not found or found[-1][2]:
            found.append([p.line, p.line, 0])
        found[-1][1] = p.line
        if p.message.endswith(">>>>>>>"):
            found[-1][2] = 1
    return {file: [(first, last) for first, last, _ in found] for file, found in spans.items()}


def unknown_kpis(plan: Plan, read: LedgerRead) -> list[str]:
    """One line for rows of KPIs the plan in use does not have."""
    known = {k.id for k in plan.kpis} | {share_key(k.id, o) for k in plan.kpis for o in k.parts}
    known |= {review_key(p.id) for p in plan.projects}
    unknown = Counter(kpi_id for (kpi_id, _) in read.in_force if kpi_id not in known)
    if not unknown:
        return []
    names = ", ".join(sorted(unknown)[:5]) + (", …" if len(unknown) > 5 else "")
    return [
        f"{read.path}: {sum(unknown.values())} values of {len(unknown)} KPIs not in the plan {plan.source_path} "
        f"({names}); is this the ledger of another edition? give the plan that goes with it (--plan)"
    ]


def verify(plan: Plan, read: LedgerRead, ledger: Path, *, now: str = "", expect: tuple[str, ...] = ()) -> VerifyReport:
    problems = summarize(read.problems)
    problems += [f"{read.path}: {name}: not a kpi writer file; skipped" for name in read.skipped]
    problems += unknown_kpis(plan, read)
    problems += review_problems(plan, read)
    low, high = plan_span(plan)
    notes = _clock_notes(read, now)
    notes += [
        f"{read.path}: {name}: a file of the ledger is open in Excel (this is its lock file); "
        "close it without saving, or a save re-saves the ledger"
        for name in read.locks
    ]
    for (kpi_id, year), row in sorted(read.current.items(), key=lambda kv: (kv[1].file, kv[1].line)):
        if not low <= year <= high and split_key(kpi_id)[0] in {k.id for k in plan.kpis}:
            notes.append(
                f"{row.file}:{row.line}: {kpi_id} {eras.era_and_western(year)} is outside the plan's years "
                f"({eras.era_and_western(low)}–{eras.era_and_western(high)}); kpi void it if it was a typo"
            )
    problems += [f"{c.rows[0].file}:{c.rows[0].line}: {c}" for c in read.conflicts]
    found = {h for f in read.files for h in f.found}
    for h in expect:
        if h not in found:
            problems.append(
                f"{ledger}: the expected head {h[:12]}… is not in the ledger: rows were removed or rewritten "
                "since it was noted; compare with the git history"
            )
    summary = [f"{f.file}: {f.rows} rows, head {f.head or '-'}" for f in read.files]
    if not read.files:
        summary.append(f"{ledger}: no ledger yet (0 rows)")
    elif len(read.files) > 1:
        summary.append(f"{ledger}: {read.row_count} rows in {len(read.files)} files")
    return VerifyReport(problems=problems, notes=notes, summary=summary)


def _clock_notes(read: LedgerRead, now: str) -> list[str]:
    """Rows stamped in the future, and conflicts settled only by clocks."""
    if not now:
        return []
    from datetime import datetime, timedelta

    limit = datetime.fromisoformat(now) + timedelta(days=CLOCK_SLACK_DAYS)
    notes = _out_of_order(read)
    for row in (r for f in read.files for r in f.latest.values()):
        try:
            stamp = datetime.fromisoformat(row.recorded_at)
        except ValueError:
            continue
        if stamp.tzinfo is not None and stamp > limit:
            notes.append(
                f"{row.file}:{row.line}: recorded_at {row.recorded_at} is in the future: the clock of "
                f"{row.recorded_by}'s computer is wrong (kpi's corrections do not depend on it)"
            )
    return notes


def review_problems(plan: Plan, read: LedgerRead) -> list[str]:
    """Review rows in force that cannot be read as a review in this plan's words."""
    v = plan.vocabulary
    out = []
    for (key, _year), row in sorted(read.current.items(), key=lambda kv: (kv[1].file, kv[1].line)):
        if not is_review_key(key):
            continue
        review = decode(row)
        if review is None:
            out.append(f"{row.file}:{row.line}: {key} is not a review (its note is not kpi's review record)")
        elif review.assessment not in {t.code for t in v.assessments} or review.direction not in {
            t.code for t in v.directions
        }:
            out.append(
                f"{row.file}:{row.line}: {key} uses words the plan's vocabulary does not have "
                f"({review.assessment}, {review.direction}); add them to [review] in the plan or review again"
            )
    return out


def _out_of_order(read: LedgerRead) -> list[str]:
    """Rows of one file stamped earlier than the row before them by more than a day (a clock set back)."""
    from datetime import datetime, timedelta

    notes = []
    for f in read.files:
        previous = None
        for row in sorted(f.latest.values(), key=lambda r: r.line):
            try:
                stamp = datetime.fromisoformat(row.recorded_at)
            except ValueError:
                continue
            aware = previous is not None and stamp.tzinfo is not None and previous.tzinfo is not None
            if aware and previous is not None and stamp < previous - timedelta(days=1):
                notes.append(
                    f"{row.file}:{row.line}: recorded_at {row.recorded_at} is earlier than the row before it: the "
                    f"clock of {row.recorded_by}'s computer may be wrong (kpi's corrections do not depend on it)"
                )
            previous = stamp
    return notes
