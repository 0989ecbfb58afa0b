"""Human views of the yearly collection: the template rows and what each 振興局 still owes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kpi_cli.core import years as eras
from kpi_cli.render.human import value_cell, year_cell
from kpi_cli.render.output import HumanView
from kpi_cli.reports.collection import OfficeCount


def template_view(records: Sequence[dict[str, Any]], caption: str) -> HumanView:
    rows = []
    for r in records:
        latest = ""
        if r["latest_value"] is not None:
            latest = f"{value_cell(r['latest_value'], r['unit'])}（{eras.era(r['latest_year'])}）"
        so_far = value_cell(r["cumulative_so_far"], r["unit"])
        rows.append(
            [
                r["kpi_id"],
                r["kpi_name"],
                year_cell(r["year"]),
                value_cell(r["value"], r["unit"]),
                latest,
                f"累計 {so_far}" if so_far else "",
            ]
        )
    return HumanView(
        headers=["ID", "KPI", "年度", "実績値", "最新実績", "備考"],
        rows=rows,
        right=frozenset({3}),
        no_wrap=frozenset({0, 2, 3, 4}),
        title=f"記入するKPI {len(records)}件",
        caption=caption,
    )


def missing_view(counts: Sequence[OfficeCount], caption: str) -> HumanView:
    rows = []
    for c in counts:
        label = f"{c.office.name} {len(c.owed)}/{c.total}"
        if not c.owed:
            rows.append([label, "", "すべて記録済み", ""])
        for i, o in enumerate(c.owed):
            latest = year_cell(o.latest[0]) if o.latest else "なし"
            rows.append([label if i == 0 else "", o.kpi.id, o.kpi.name, latest])
    owed = sum(len(c.owed) for c in counts)
    return HumanView(
        headers=["振興局 未記録/KPI", "ID", "KPI", "最新実績"],
        rows=rows,
        no_wrap=frozenset({0, 1, 3}),
        title=f"未記録 {owed}件",
        caption=caption,
    )
