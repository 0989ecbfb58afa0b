"""`kpi verify`: every problem of a ledger as one line with file and line number."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import NamedTuple

from kpi_cli.core.model import Plan, ledger_keys, plan_span, split_half, split_key
from kpi_cli.core.years import era_and_western
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.problems import skipped_file, summarize
from kpi_cli.ledger.read import LedgerRead
from kpi_cli.ledger.reviews import decode, is_review_key, project_of, review_key

CLOCK_SLACK_DAYS = 1  # a recorded_at further than this in the future means a wrong clock


class VerifyReport(NamedTuple):
    problems: list[Msg]  # each makes verify fail
    notes: list[Msg]  # worth knowing, not failures (clocks)
    summary: list[Msg]


def unknown_kpis(plan: Plan, read: LedgerRead) -> list[Msg]:
    """One line for values of KPIs the plan in use does not have, one for reviews of its missing projects."""
    known = {key for k in plan.kpis for key in ledger_keys(k)}
    projects = {review_key(p.id) for p in plan.projects}
    unknown = Counter(key for (key, _) in read.in_force if key not in known and not is_review_key(key))
    gone = sorted({project_of(key) for (key, _) in read.in_force if is_review_key(key) and key not in projects})
    out = []
    if unknown:
        names = ", ".join(sorted(unknown)[:5]) + (", …" if len(unknown) > 5 else "")
        out.append(
            Msg(
                "{ledger}: {values} values of {kpis} KPIs the plan {plan} does not have ({names}): they are left "
                "out; was a KPI renamed or removed in the plan, or is this the ledger of another edition? keep the "
                "old id (or give the plan that goes with the ledger, --plan)",
                ledger=read.path,
                values=sum(unknown.values()),
                kpis=len(unknown),
                plan=plan.source_path,
                names=names,
            )
        )
    if len(gone) == 1:
        out.append(
            Msg(
                "{ledger}: the reviews of project {name} are left out: the plan {plan} does not have it; was it "
                "renamed or removed in the plan, or is this the ledger of another edition? keep the old id (or give "
                "the plan that goes with the ledger, --plan)",
                ledger=read.path,
                name=gone[0],
                plan=plan.source_path,
            )
        )
    elif gone:
        out.append(
            Msg(
                "{ledger}: the reviews of {n} projects are left out: the plan {plan} does not have them ({names}); "
                "was a project renamed or removed in the plan, or is this the ledger of another edition? keep the "
                "old ids (or give the plan that goes with the ledger, --plan)",
                ledger=read.path,
                n=len(gone),
                plan=plan.source_path,
                names=", ".join(gone[:5]) + (", …" if len(gone) > 5 else ""),
            )
        )
    return out


def total_problems(plan: Plan, read: LedgerRead) -> list[Msg]:
    """Running totals kpi cannot count: of a KPI that is not 累計 or of a half-year (written outside kpi),
    and totals below what the years before them count."""
    from kpi_cli.core.trajectory import total_conflicts

    kpis = {k.id: k for k in plan.kpis}
    out = []
    for (key, year), row in sorted(read.current.items(), key=lambda kv: (kv[1].file, kv[1].line)):
        kpi = kpis.get(split_key(key)[0])
        if row.form == "total" and (kpi is None or kpi.kind != "cumulative" or split_half(key)[1]):
            out.append(
                Msg(
                    "{file}:{line}: {key} {year} is a running total, but only a 累計 KPI's yearly value can be one; "
                    "it is not counted (kpi void it and record the figure as it is)",
                    file=row.file,
                    line=row.line,
                    key=key,
                    year=era_and_western(year),
                )
            )
    yearly, totals = read.values(), read.values("total")
    for key in sorted(totals):
        kpi = kpis.get(split_key(key)[0])
        if kpi is None:
            continue
        for year, total, counted in total_conflicts(kpi, yearly.get(key, {}), totals[key]):
            out.append(
                Msg(
                    "{key} {year}: the running total {total} is less than the years before it count ({counted}); "
                    "correct the total or the counts (kpi record --correct)",
                    key=key,
                    year=era_and_western(year),
                    total=total,
                    counted=counted,
                )
            )
    return out


def verify(plan: Plan, read: LedgerRead, ledger: Path, *, now: str = "", expect: tuple[str, ...] = ()) -> VerifyReport:
    problems = summarize(read.problems, folder=read.path.is_dir())
    problems += [skipped_file(read.path, name) for name in read.skipped]
    problems += unknown_kpis(plan, read)
    problems += review_problems(plan, read)
    problems += total_problems(plan, read)
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
    ids = {k.id for k in plan.kpis}
    for (kpi_id, year), row in sorted(read.current.items(), key=lambda kv: (kv[1].file, kv[1].line)):
        if not low <= year <= high and split_key(kpi_id)[0] in ids:
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
    notes += [
        Msg(
            "{file}:{line}: {kpi_id} {year}: revised to the 確定 {value}, which replaced an earlier value "
            "(a 速報 is not a conflict; kpi history {kpi_id} shows both)",
            file=row.file,
            line=row.line,
            kpi_id=kpi_id,
            year=era_and_western(year),
            value=row.value,
        )
        for (kpi_id, year), row in sorted(read.current.items(), key=lambda kv: (kv[1].file, kv[1].line))
        if row.status == "final" and row.supersedes
    ]
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

    try:
        limit = datetime.fromisoformat(now) + timedelta(days=CLOCK_SLACK_DAYS)
    except (OverflowError, ValueError):  # a clock at the end of time: nothing is later than it
        return _out_of_order(read)
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
