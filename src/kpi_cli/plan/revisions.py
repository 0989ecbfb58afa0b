"""Revised targets are checked like original ones: their years, and their side of the baseline."""

from __future__ import annotations

from kpi_cli.core.model import Baseline, Revision
from kpi_cli.plan.checker import _Checker


def check_revisions(
    c: _Checker, w: str, revisions: list[Revision], baseline: Baseline | None, direction: str, kind: str
) -> None:
    """A revised target is checked like the original: its years, and its side of the baseline."""
    seen: set[int] = set()
    for j, r in enumerate(revisions):
        rw = f"{w}.revisions[{j}]"
        if r.from_year in seen:
            c.problem(f"{rw}.from_year", f"a second revision from {r.from_year}; keep one per year")
        seen.add(r.from_year)
        if r.target.year < r.from_year:
            c.problem(
                f"{rw}.target.year",
                f"the revised target year {r.target.year} is before the revision takes effect ({r.from_year})",
            )
        if baseline is not None and r.from_year <= baseline.year:
            c.problem(
                f"{rw}.from_year",
                f"{r.from_year} is not after the baseline year {baseline.year}; a revision takes effect later",
            )
        if kind == "cumulative" and r.target.value <= 0:
            c.problem(f"{rw}.target.value", "a cumulative target must be above zero")
        if baseline is not None and kind != "cumulative":
            wrong = r.target.value <= baseline.value if direction == "increase" else r.target.value >= baseline.value
            if wrong:
                side = "at or below" if direction == "increase" else "at or above"
                c.problem(
                    f"{rw}.target.value",
                    f"the revised target {r.target.value} is {side} the baseline {baseline.value} of a KPI that must "
                    f"{'rise' if direction == 'increase' else 'fall'}; check the number (a typo?)",
                )
