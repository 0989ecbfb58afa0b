"""Human views (Japanese headers, formatted cells) of the plan listings."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from . import eras
from .ledger import LedgerRead, NewRow
from .numbers import human
from .plan import Plan
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


NEW_ROW_COLUMNS = ("kpi_id", "kpi_name", "year", "value", "unit", "note", "source", "correction")


def new_row_records(plan: Plan, rows: Sequence[NewRow]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        kpi = plan.kpi(r.kpi_id)
        out.append(
            {
                "kpi_id": r.kpi_id,
                "kpi_name": kpi.name,
                "year": r.year,
                "value": Decimal(r.value),
                "unit": kpi.unit,
                "note": r.note,
                "source": r.source,
                "correction": r.correction,
            }
        )
    return out


def new_rows_view(records: Sequence[dict[str, Any]]) -> HumanView:
    rows = [
        [r["kpi_id"], r["kpi_name"], year_cell(r["year"]), value_cell(r["value"], r["unit"]), r["note"]]
        for r in records
    ]
    return HumanView(
        headers=["ID", "KPI", "年度", "値", "備考"],
        rows=rows,
        right=frozenset({3}),
        no_wrap=frozenset({0, 2, 3}),
        title=f"記録予定 {len(records)}件",
    )


HISTORY_COLUMNS = (
    "kpi_id",
    "kpi_name",
    "year",
    "value",
    "unit",
    "note",
    "source",
    "recorded_at",
    "recorded_by",
    "correction",
    "superseded",
    "file",
    "line",
)


def history_records(plan: Plan, read: LedgerRead, year: int | None) -> list[dict[str, Any]]:
    known = {k.id: k for k in plan.kpis}
    out = []
    for row in read.kept:
        if year is not None and row.year != year:
            continue
        kpi = known.get(row.kpi_id)
        current = read.current.get((row.kpi_id, row.year))
        out.append(
            {
                "kpi_id": row.kpi_id,
                "kpi_name": kpi.name if kpi else "",
                "year": row.year,
                "value": row.decimal,
                "unit": kpi.unit if kpi else "",
                "note": row.note,
                "source": row.source,
                "recorded_at": row.recorded_at,
                "recorded_by": row.recorded_by,
                "correction": row.correction,
                "superseded": current is not row,
                "file": row.file,
                "line": row.line,
            }
        )
    out.sort(key=lambda r: (r["kpi_id"], r["year"], r["recorded_at"], r["file"], r["line"]))
    return out


def history_view(records: Sequence[dict[str, Any]], caption: str) -> HumanView:
    rows = []
    for r in records:
        state = "置換済" if r["superseded"] else ("訂正" if r["correction"] else "有効")
        rows.append(
            [
                r["kpi_id"],
                year_cell(r["year"]),
                value_cell(r["value"], r["unit"]),
                state,
                r["recorded_at"][:10],
                r["recorded_by"],
                r["note"],
            ]
        )
    return HumanView(
        headers=["ID", "年度", "値", "状態", "記録日", "記録者", "備考"],
        rows=rows,
        right=frozenset({2}),
        no_wrap=frozenset({1, 2, 3, 4}),
        title=f"記録履歴 {len(records)}件",
        caption=caption,
    )
