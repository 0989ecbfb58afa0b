"""Japanese labels for the machine columns (headers of .xlsx sheets and templates).

Machine formats keep the snake_case names; people read these. A column without a label
shows its machine name.
"""

from __future__ import annotations

COLUMN_LABELS = {
    "id": "ID",
    "kpi_id": "KPI ID",
    "name": "名称",
    "kpi_name": "KPI名",
    "region": "連携地域",
    "region_id": "連携地域ID",
    "office": "振興局分",
    "offices": "参加振興局",
    "supplier": "記入する振興局",
    "status": "速報/確定",
    "form": "値の形",
    "half": "上期/下期",
    "origin": "取込元",
    "returned_by": "返送した振興局",
    "provisional": "速報",
    "office_id": "振興局ID",
    "project": "プロジェクト",
    "project_id": "プロジェクトID",
    "unit": "単位",
    "kind": "種類",
    "direction": "方向",
    "target_op": "目標の形",
    "baseline_value": "基準値",
    "baseline_year": "基準年度",
    "baseline_year_from": "基準年度（から）",
    "baseline_label": "基準値（計画の表記）",
    "target_value": "目標値",
    "target_year": "目標年度",
    "target_label": "目標値（計画の表記）",
    "period_start": "期間開始",
    "period_end": "期間終了",
    "period_label": "期間（計画の表記）",
    "ownership": "担当の根拠",
    "source_statistic": "統計",
    "source_publisher": "公表者",
    "source_department": "担当課",
    "source_url": "URL",
    "source_definition": "定義",
    "source_basis": "集計期間",
    "source_as_of": "調査日",
    "source_preliminary": "速報の公表",
    "source_final": "確定の公表",
    "source_inferred": "推定した項目",
    "source_note": "出典の注記",
    "note": "備考",
    "source": "出典",
    "original_target_value": "当初目標値",
    "original_target_year": "当初目標年度",
    "original_target_label": "当初目標（計画の表記）",
    "revised_in": "改定",
    "revision_reason": "改定理由",
    "revised_on": "改定日",
    "as_of_year": "時点年度",
    "as_of_rule": "時点の決め方",
    "actual": "実績値",
    "expected": "期待値",
    "gap": "差",
    "progress": "進捗率",
    "achievement": "達成率",
    "pace": "ペース",
    "needed_per_year": "必要な年あたり増減",
    "projected": "見込み",
    "projected_reaches_target": "目標到達見込み",
    "rating": "評価",
    "rating_ja": "評価",
    "year": "年度",
    "year_label": "年度（和暦）",
    "value": "実績値",
    "recorded_at": "記録日時",
    "recorded_by": "記録者",
    "correction": "訂正",
    "superseded": "訂正済み",
    "void": "取消",
    "supersedes": "訂正対象",
    "file": "ファイル",
    "line": "行",
    "batch": "取込の単位",
    "core_city": "中核都市",
    "project_count": "プロジェクト数",
    "projects_printed": "プロジェクト数（計画）",
    "kpis_printed": "KPI数（計画）",
    "vision": "将来像",
    "participation": "参加",
    "policies": "施策",
    "kpi_count": "KPI数",
    "latest_value": "最新実績値",
    "latest_year": "最新実績年度",
    "cumulative_so_far": "累計（これまで）",
    "instructions": "記入の注意",
    "owed": "未記録",
    "recorded": "記録済み",
    "total": "KPI数",
    "parts": "振興局別の内訳",
    "municipalities": "市町村別の内訳",
    "parts_total": "内訳の振興局数",
    "parts_recorded": "記録済みの内訳",
    "partial_year": "内訳が揃わない年度",
    "achieved": "達成",
    "on_track": "順調",
    "nearly": "概ね順調",
    "behind": "遅れ",
    "worse": "悪化",
    "no_data": "未記録",
    "previous_year": "前年度",
    "previous_value": "前年度実績",
    "change": "前年度比（増減）",
    "change_rate": "前年度比（率）",
    "review_year": "評価年度",
    "assessment": "評価",
    "assessment_label": "評価",
    "direction_label": "今後の方向性",
    "suggested": "KPIからの目安（コード）",
    "suggested_label": "KPIからの目安",
    "stage": "段階",
    "meeting_date": "連携会議の日付",
    "reviewed_on": "連携会議の日付",
    "actions": "取組状況",
    "results": "成果・課題",
    "next": "今後の取組",
    "kpis": "KPIの評価",
    "what": "区分",
    "year_from": "比較元の年度",
    "year_to": "比較先の年度",
    "before": "比較元",
    "after": "比較先",
    "value_before": "比較元の値",
    "value_after": "比較先の値",
    "direction_before": "比較元の方向性",
    "direction_after": "比較先の方向性",
    "review_assessment": "プロジェクト評価",
    "review_direction": "今後の方向性（プロジェクト評価）",
}

PERCENT_COLUMNS = frozenset({"progress", "achievement", "pace", "change_rate"})
YEAR_COLUMNS = frozenset(
    {
        "year",
        "baseline_year",
        "target_year",
        "as_of_year",
        "latest_year",
        "original_target_year",
        "baseline_year_from",
        "previous_year",
        "review_year",
    }
)


# Codes in machine columns, as people read them in a workbook (CSV and JSON keep the codes).
VALUE_LABELS: dict[str, dict[object, str]] = {
    "rating": {
        "achieved": "達成",
        "on_track": "順調",
        "nearly": "概ね順調",
        "behind": "遅れ",
        "worse": "悪化",
        "no_data": "未記録",
    },
    "kind": {"level": "単年", "cumulative": "累計", "target_only": "目標値のみ"},
    "direction": {"increase": "増加", "decrease": "減少"},
    "target_op": {"=": "", ">=": "以上"},
    "as_of_rule": {"given": "指定年度", "latest": "最新の実績", "current": "今年度"},
    "stage": {"draft": "案", "reviewed": "検証済み"},
    "projected_reaches_target": {True: "到達", False: "未達"},
    "ownership": {"printed": "計画に記載", "inferred": "推定"},
}


def value_label(column: str, value: object) -> object:
    """A code as people read it (達成 for achieved, 累計 for cumulative); anything else as it is."""
    return VALUE_LABELS.get(column, {}).get(value, value)


def label(column: str) -> str:
    """The Japanese label of a column; ``fy2019`` (a year of ``export --wide``) reads R1/2019."""
    if column.startswith("fy") and column[2:].isdigit() and len(column) == 6:
        from kpi_cli.core.years import era_and_western

        return era_and_western(int(column[2:]))
    return COLUMN_LABELS.get(column, column)


# Era names for dates on a document people read: 令和 from 1 May 2019, 平成 from 8 January 1989.
_ERA_STARTS = (((2019, 5, 1), "令和", 2019), ((1989, 1, 8), "平成", 1989))


def wareki_date(year: int, month: int, day: int) -> str:
    """A calendar date in the Japanese era: 令和8年12月3日 (元年 for the first year)."""
    for start, name, first in _ERA_STARTS:
        if (year, month, day) >= start:
            n = year - first + 1
            return f"{name}{'元' if n == 1 else n}年{month}月{day}日"
    return f"{year}年{month}月{day}日"


def wareki_fiscal_year(year: int) -> str:
    """A fiscal year in the Japanese era: 令和元年度 (FY2019), 平成28年度 (FY2016)."""
    from kpi_cli.core.years import HEISEI_START, REIWA_START

    if year >= REIWA_START:
        n, name = year - REIWA_START + 1, "令和"
    elif year >= HEISEI_START:
        n, name = year - HEISEI_START + 1, "平成"
    else:
        return f"{year}年度"
    return f"{name}{'元' if n == 1 else n}年度"
