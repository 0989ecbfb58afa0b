"""Human views (Japanese headers, formatted cells) of the plan listings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import eras
from .numbers import human
from .render.output import HumanView

KIND_JA = {"level": "水準", "cumulative": "累計", "target_only": "目標のみ"}


def year_cell(year: int | None) -> str:
    return eras.era_and_western(year) if year is not None else ""


def value_cell(value: Any, unit: str) -> str:
    return f"{human(value)}{unit}" if value is not None else ""


def regions_view(records: Sequence[dict[str, Any]], caption: str) -> HumanView:
    rows = [
        [
            r["name"],
            r["id"],
            r["core_city"],
            "、".join(r["offices"]),
            f"{r['projects_printed']}/{r['project_count'] if r['project_count'] is not None else '?'}",
            str(r["kpis_printed"]),
        ]
        for r in records
    ]
    return HumanView(
        headers=["連携地域", "ID", "中核都市", "振興局", "事業(掲載/全)", "KPI"],
        rows=rows,
        right=frozenset({4, 5}),
        no_wrap=frozenset({1, 4, 5}),
        title="連携地域",
        caption=caption,
    )


def projects_view(records: Sequence[dict[str, Any]], caption: str) -> HumanView:
    rows = [[r["region"], r["name"], r["id"], "、".join(r["offices"]), str(r["kpi_count"])] for r in records]
    return HumanView(
        headers=["連携地域", "プロジェクト", "ID", "振興局", "KPI"],
        rows=rows,
        right=frozenset({4}),
        no_wrap=frozenset({2}),
        title=f"プロジェクト {len(records)}件",
        caption=caption,
    )


def kpis_view(records: Sequence[dict[str, Any]], caption: str) -> HumanView:
    rows = []
    for r in records:
        if r["baseline_value"] is not None:
            label = r["baseline_label"] or eras.era(r["baseline_year"])
            base = f"{value_cell(r['baseline_value'], r['unit'])}（{label}）"
        else:
            base = "―"
        op = "以上" if r["target_op"] == ">=" else ""
        target = f"{value_cell(r['target_value'], r['unit'])}{op}（{r['target_label'] or eras.era(r['target_year'])}）"
        if r["revised_in"] is not None:
            target += f" ※{eras.era(r['revised_in'])}改定"
        name = r["name"] + (" ※推定" if r["ownership"] == "inferred" else "")
        rows.append([r["id"], name, r["region"], base, target, KIND_JA[r["kind"]]])
    return HumanView(
        headers=["ID", "KPI", "連携地域", "基準値", "目標値", "種別"],
        rows=rows,
        no_wrap=frozenset({0}),
        title=f"KPI {len(records)}件",
        caption=caption,
    )
