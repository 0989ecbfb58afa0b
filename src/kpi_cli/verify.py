"""`kpi verify`: every problem of a ledger as one line with file and line number."""

from __future__ import annotations

from pathlib import Path

from . import eras
from .entries import PLAUSIBLE_YEARS
from .ledger import LedgerRead
from .plan import Plan
from .records import record


@record
class VerifyReport:
    problems: list[str]
    summary: list[str]


def verify(plan: Plan, read: LedgerRead, ledger: Path) -> VerifyReport:
    problems = [str(p) for p in read.problems]
    known = {k.id: k for k in plan.kpis}
    for (kpi_id, year), row in sorted(read.current.items(), key=lambda kv: (kv[1].file, kv[1].line)):
        kpi = known.get(kpi_id)
        if kpi is None:
            problems.append(f"{row.file}:{row.line}: KPI id '{kpi_id}' is not in the plan {plan.source_path}")
            continue
        low, high = kpi.first_year - PLAUSIBLE_YEARS, kpi.last_year + PLAUSIBLE_YEARS
        if not low <= year <= high:
            problems.append(
                f"{row.file}:{row.line}: year {year} is far outside the plan for {kpi_id} "
                f"({eras.era(kpi.first_year)}–{eras.era(kpi.last_year)})"
            )
    for c in read.conflicts:
        first, *others = c.rows
        problems.append(
            f"{first.file}:{first.line}: conflict: {c.kpi_id} {eras.era_and_western(c.year)} = {first.value}, but "
            + ", ".join(f"{r.value} at {r.file}:{r.line}" for r in others)
            + "; record the right value with kpi record --correct"
        )
    summary = [f"{f.path}: {f.rows} rows, head {f.tip or '-'}" for f in read.files]
    if not read.files:
        summary.append(f"{ledger}: no ledger yet (0 rows)")
    elif len(read.files) > 1:
        summary.append(f"{ledger}: {read.row_count} rows in {len(read.files)} files")
    return VerifyReport(problems=problems, summary=summary)
