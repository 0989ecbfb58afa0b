"""`kpi verify`: every problem of a ledger as one line with file and line number."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import NamedTuple

from kpi_cli.core.model import Plan, plan_span, share_key, split_key
from kpi_cli.core.years import era_and_western
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.format import Problem
from kpi_cli.ledger.read import LedgerRead
from kpi_cli.ledger.reviews import decode, is_review_key, review_key

CLOCK_SLACK_DAYS = 1  # a recorded_at further than this in the future means a wrong clock


class VerifyReport(NamedTuple):
    problems: list[Msg]  # each makes verify fail
    notes: list[Msg]  # worth knowing, not failures (clocks)
    summary: list[Msg]


def summarize(problems: list[Problem]) -> list[Msg]:
    """Problems as lines; rows re-saved by a spreadsheet become one line per file, and so does a
    git merge's conflict (its markers and the rows between them, which cannot all verify)."""
    out: list[Msg] = []
    resaved: Counter[str] = Counter()
    causes: dict[str, dict[str, None]] = {}  # per file, every row's causes in the order first found
    hunks = _conflicts(problems)
    for file, spans in hunks.items():
        shown = ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in spans)
        out.append(
            Msg(
                "{file}: a git merge left conflict markers (lines {lines}) and the rows of one side do not verify; "
                "keep one side (git checkout --ours {file} {file}.head) and record the other side's values again; "
                "a ledger folder (--ledger data/ledger/) gives each writer a file of its own that git never has "
                "to merge",
                file=file,
                lines=shown,
            )
        )
    for p in problems:
        if any(a <= p.line <= b for a, b in hunks.get(p.file, ())):
            continue
        if p.kind == "resaved":
            resaved[p.file] += 1
            causes.setdefault(p.file, {}).update(dict.fromkeys(p.detail.split(", ")))
        else:
            out.append(p.msg())
    for file, n in resaved.items():
        out.append(
            Msg(
                "{file}: {n} rows re-saved by a spreadsheet ({causes}); their content is intact; run kpi verify "
                "--repair to restore kpi's own form (the file as found is kept beside it)",
                file=file,
                n=n,
                causes=", ".join(causes[file]),
            )
            if n > 1
            else Msg(
                "{file}: 1 row re-saved by a spreadsheet ({causes}); its content is intact; run kpi verify "
                "--repair to restore kpi's own form (the file as found is kept beside it)",
                file=file,
                causes=", ".join(causes[file]),
            )
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
        if p.detail == ">>>>>>>":
            found[-1][2] = 1
    return {file: [(first, last) for first, last, _ in found] for file, found in spans.items()}


def unknown_kpis(plan: Plan, read: LedgerRead) -> list[Msg]:
    """One line for rows of KPIs the plan in use does not have."""
    known = {k.id for k in plan.kpis} | {share_key(k.id, o) for k in plan.kpis for o in k.parts}
    known |= {review_key(p.id) for p in plan.projects}
    unknown = Counter(kpi_id for (kpi_id, _) in read.in_force if kpi_id not in known)
    if not unknown:
        return []
    names = ", ".join(sorted(unknown)[:5]) + (", …" if len(unknown) > 5 else "")
    return [
        Msg(
            "{ledger}: {values} values of {kpis} KPIs not in the plan {plan} ({names}); is this the ledger of "
            "another edition? give the plan that goes with it (--plan)",
            ledger=read.path,
            values=sum(unknown.values()),
            kpis=len(unknown),
            plan=plan.source_path,
            names=names,
        )
    ]


def verify(plan: Plan, read: LedgerRead, ledger: Path, *, now: str = "", expect: tuple[str, ...] = ()) -> VerifyReport:
    problems = summarize(read.problems)
    problems += [skipped_file(read.path, name) for name in read.skipped]
    problems += unknown_kpis(plan, read)
    problems += review_problems(plan, read)
    low, high = plan_span(plan)
    notes = _clock_notes(read, now)
    notes += [
        Msg(
            "{ledger}: {name}: a file of the ledger is open in Excel (this is its lock file); "
            "close it without saving, or a save re-saves the ledger",
            ledger=read.path,
            name=name,
        )
        for name in read.locks
    ]
    for (kpi_id, year), row in sorted(read.current.items(), key=lambda kv: (kv[1].file, kv[1].line)):
        if not low <= year <= high and split_key(kpi_id)[0] in {k.id for k in plan.kpis}:
            notes.append(
                Msg(
                    "{file}:{line}: {kpi_id} {year} is outside the plan's years ({low}–{high}); "
                    "kpi void it if it was a typo",
                    file=row.file,
                    line=row.line,
                    kpi_id=kpi_id,
                    year=era_and_western(year),
                    low=era_and_western(low),
                    high=era_and_western(high),
                )
            )
    problems += [
        Msg("{file}:{line}: {conflict}", file=c.rows[0].file, line=c.rows[0].line, conflict=c.msg())
        for c in read.conflicts
    ]
    found = {h for f in read.files for h in f.found}
    for h in expect:
        if h not in found:
            problems.append(
                Msg(
                    "{ledger}: the expected head {head}… is not in the ledger: rows were removed or rewritten since "
                    "it was noted; compare with the git history",
                    ledger=ledger,
                    head=h[:12],
                )
            )
    summary = [Msg("{file}: {n} rows, head {head}", file=f.file, n=f.rows, head=f.head or "-") for f in read.files]
    if not read.files:
        summary.append(Msg("{ledger}: no ledger yet (0 rows)", ledger=ledger))
    elif len(read.files) > 1:
        summary.append(
            Msg("{ledger}: {n} rows in {files} files", ledger=ledger, n=read.row_count, files=len(read.files))
        )
    return VerifyReport(problems=problems, notes=notes, summary=summary)


def _clock_notes(read: LedgerRead, now: str) -> list[Msg]:
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
                Msg(
                    "{file}:{line}: recorded_at {recorded_at} is in the future: the clock of {recorded_by}'s computer "
                    "is wrong (kpi's corrections do not depend on it)",
                    file=row.file,
                    line=row.line,
                    recorded_at=row.recorded_at,
                    recorded_by=row.recorded_by,
                )
            )
    return notes


def review_problems(plan: Plan, read: LedgerRead) -> list[Msg]:
    """Review rows in force that cannot be read as a review in this plan's words."""
    v = plan.vocabulary
    out: list[Msg] = []
    for (key, _year), row in sorted(read.current.items(), key=lambda kv: (kv[1].file, kv[1].line)):
        if not is_review_key(key):
            continue
        review = decode(row)
        if review is None:
            out.append(
                Msg(
                    "{file}:{line}: {key} is not a review (its note is not kpi's review record)",
                    file=row.file,
                    line=row.line,
                    key=key,
                )
            )
        elif review.assessment not in {t.code for t in v.assessments} or review.direction not in {
            t.code for t in v.directions
        }:
            out.append(
                Msg(
                    "{file}:{line}: {key} uses words the plan's vocabulary does not have ({assessment}, {direction}); "
                    "add them to [review] in the plan or review again",
                    file=row.file,
                    line=row.line,
                    key=key,
                    assessment=review.assessment,
                    direction=review.direction,
                )
            )
    return out


def _out_of_order(read: LedgerRead) -> list[Msg]:
    """Rows of one file stamped earlier than the row before them by more than a day (a clock set back)."""
    from datetime import datetime, timedelta

    notes: list[Msg] = []
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
                    Msg(
                        "{file}:{line}: recorded_at {recorded_at} is earlier than the row before it: the clock of "
                        "{recorded_by}'s computer may be wrong (kpi's corrections do not depend on it)",
                        file=row.file,
                        line=row.line,
                        recorded_at=row.recorded_at,
                        recorded_by=row.recorded_by,
                    )
                )
            previous = stamp
    return notes


def skipped_file(ledger: Path, name: str) -> Msg:
    return Msg("{ledger}: {name}: not a kpi writer file; skipped", ledger=ledger, name=name)
