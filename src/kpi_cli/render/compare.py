"""The human view of ``kpi diff``: each change with both years side by side."""

from __future__ import annotations

from kpi_cli.core import years as eras
from kpi_cli.core.decimals import human
from kpi_cli.core.model import Plan
from kpi_cli.core.trajectory import Status
from kpi_cli.render.output import HumanView
from kpi_cli.reports.compare import Comparison, review_words


def _rated(s: Status) -> str:
    """The rating over the value it rates."""
    return s.rating.ja + (f"\n{human(s.actual)}{s.kpi.unit}" if s.actual is not None else "")


def diff_view(plan: Plan, c: Comparison, caption: str) -> HumanView:
    rows = [["KPI", r.before.kpi.name, _rated(r.before), _rated(r.after)] for r in c.ratings]
    rows += [["評価", v.project.name, review_words(plan, v.before), review_words(plan, v.after)] for v in c.reviews]
    a, b = eras.era_and_western(c.year_from), eras.era_and_western(c.year_to)
    n = len(rows)
    return HumanView(
        headers=["区分", "名称", eras.era(c.year_from), eras.era(c.year_to)],
        rows=rows,
        no_wrap=frozenset({0}),
        title=f"{a} → {b} の変化 {n}件" if n else f"{a} → {b} の変化なし",
        caption=caption,
    )
