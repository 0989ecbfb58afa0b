"""Revised targets are checked like original ones: their years, and their side of the baseline."""

from __future__ import annotations

from kpi_cli.core.model import Baseline, Revision
from kpi_cli.i18n.msg import Msg
from kpi_cli.plan.checker import _Checker


def check_revisions(
    c: _Checker, w: str, revisions: list[Revision], baseline: Baseline | None, direction: str, kind: str
) -> None:
    """A revised target is checked like the original: its years, and its side of the baseline."""
    seen: set[int] = set()
    for j, r in enumerate(revisions):
        rw = f"{w}.revisions[{j}]"
        if r.from_year in seen:
            c.problem(
                f"{rw}.from_year", Msg("a second revision from {from_year}; keep one per year", from_year=r.from_year)
            )
        seen.add(r.from_year)
        if r.target.year < r.from_year:
            c.problem(
                f"{rw}.target.year",
                Msg(
                    "the revised target year {year} is before the revision takes effect ({from_year})",
                    year=r.target.year,
                    from_year=r.from_year,
                ),
            )
        if baseline is not None and r.from_year <= baseline.year:
            c.problem(
                f"{rw}.from_year",
                Msg(
                    "{from_year} is not after the baseline year {year}; a revision takes effect later",
                    from_year=r.from_year,
                    year=baseline.year,
                ),
            )
        if kind == "cumulative" and r.target.value <= 0:
            c.problem(f"{rw}.target.value", Msg("a cumulative target must be above zero"))
        if baseline is not None and kind != "cumulative":
            wrong = r.target.value <= baseline.value if direction == "increase" else r.target.value >= baseline.value
            if wrong:
                c.problem(
                    f"{rw}.target.value",
                    Msg(
                        "the revised target {target} is at or below the baseline {baseline} of a KPI that must rise; "
                        "check the number (a typo?)",
                        target=r.target.value,
                        baseline=baseline.value,
                    )
                    if direction == "increase"
                    else Msg(
                        "the revised target {target} is at or above the baseline {baseline} of a KPI that must fall; "
                        "check the number (a typo?)",
                        target=r.target.value,
                        baseline=baseline.value,
                    ),
                )
