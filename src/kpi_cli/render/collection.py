"""Human views of the yearly collection: the template rows and what each 振興局 still owes."""

from __future__ import annotations

from collections.abc import Sequence

from kpi_cli.core import years as eras
from kpi_cli.core.periods import is_fiscal, period_label
from kpi_cli.render.human import value_cell, year_cell
from kpi_cli.render.output import HumanView
from kpi_cli.reports.collection import OfficeCount, Owed


def template_view(items: Sequence[Owed], caption: str) -> HumanView:
    rows = []
    for o in items:
        unit = o.kpi.unit
        latest = f"{value_cell(o.latest[1], unit)}（{eras.era(o.latest[0])}）" if o.latest else ""
        so_far = "累計 不明" if o.unknown else (f"累計 {value_cell(o.so_far, unit)}" if o.so_far is not None else "")
        name = o.kpi.name + (f"（{o.office.name}分）" if o.share else "")
        year = year_cell(o.year) if is_fiscal(o.kpi) else period_label(o.kpi, o.year)  # 2019年（1〜12月）
        rows.append([o.kpi.id, name, year, value_cell(o.value, unit), latest, so_far])
    return HumanView(
        headers=["ID", "KPI", "年度", "実績値", "最新実績", "備考"],
        rows=rows,
        right=frozenset({3}),
        no_wrap=frozenset({0, 2, 3, 4}),
        stack_id=True,
        title=f"記入するKPI {len(items)}件",
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
        id_column=1,
        rows=rows,
        no_wrap=frozenset({0, 1, 3}),
        title=f"未記録 {owed}件",
        caption=caption,
    )
