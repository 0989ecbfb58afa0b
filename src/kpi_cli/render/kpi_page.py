"""`kpi show` for people: the KPI's facts, its chart and its history."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, TextIO

from rich.text import Text

from kpi_cli.core import years as eras
from kpi_cli.core.decimals import percent, signed
from kpi_cli.core.series import Series
from kpi_cli.core.trajectory import Rating
from kpi_cli.render.grid import Cell
from kpi_cli.render.human import KIND_JA, kpi_history_view, value_cell
from kpi_cli.render.status_table import RATING_STYLE
from kpi_cli.render.table import Column, console, render
from kpi_cli.render.textchart import chart
from kpi_cli.reports.history import HistoryEntry


def draw(stream: TextIO, data: dict[str, Any], s: Series, entries: Sequence[HistoryEntry], caption: str) -> None:
    out = console(stream)
    k, p, st = data["kpi"], data["project"], data["status"]
    unit = k["unit"]
    text = Text()
    text.append(f"{k['name']}  [{k['id']}]\n", style="bold")
    facts = [
        ("プロジェクト", f"{p['name']}（{p['region']}）"),
        ("振興局", "、".join(p["offices"])),
        ("施策", "\n".join(p["policies"])),
        ("種別", KIND_JA[k["kind"]] + ("（減少が目標）" if k["direction"] == "decrease" else "")),
    ]
    if k["baseline_value"] is not None:
        facts.append(("基準値", f"{value_cell(k['baseline_value'], unit)}（{k['baseline_label'] or ''}）"))
    if k["period_start"] is not None:
        span = f"{eras.era(k['period_start'])}～{eras.era(k['period_end'])}"
        facts.append(("期間", f"{span}（{k['period_label']}）" if k["period_label"] else span))
    op = "以上" if k["target_op"] == ">=" else ""
    facts.append(("目標値", f"{value_cell(k['target_value'], unit)}{op}（{k['target_label']}）"))
    if k["revised_in"] is not None:
        facts.append(
            ("改定", f"{eras.era(k['revised_in'])}から（当初 {value_cell(k['original_target_value'], unit)}）")
        )
    if k["ownership"] == "inferred":
        facts.append(("注記", "所属は紙面の配置からの推定: " + k["note"]))
    rating = Rating(st["rating"])
    facts.append(("評価", f"{rating.ja}（{eras.era_and_western(st['as_of_year'])}時点）"))
    facts.append(("実績", value_cell(st["actual"], unit) or "―"))
    facts.append(("期待値", value_cell(st["expected"], unit) or "―"))
    if st["gap"] is not None:
        facts.append(("差", signed(st["gap"]) + unit))
    if st["progress"] is not None:
        facts.append(("進捗率", percent(st["progress"])))
    review = data.get("review")
    if review:
        stage = "案" if review["stage"] == "draft" else f"連携会議 {review['meeting_date']}"
        facts.append(
            (
                "プロジェクト評価",
                f"{eras.era(review['year'])}: {review['assessment_label']} · {review['direction_label']}（{stage}）",
            )
        )
    rows = [[Cell(label), Cell(value, RATING_STYLE[rating] if label == "評価" else "")] for label, value in facts]
    for line in _facts(out, rows):
        text.append_text(line)
    text.append("\n")
    for pieces in chart(s, width=min(out.width, 100)):
        for piece, style in pieces:
            text.append(piece, style=(style or None) if out.color_system else None)
        text.append("\n")
    text.append("\n")
    view = kpi_history_view(entries, caption)
    columns = [Column(h, "right" if i in view.right else "left", i in view.no_wrap) for i, h in enumerate(view.headers)]
    # Plain ASCII rules in a pipe or with NO_COLOR: the page may go anywhere (mail, a log).
    plain = not out.is_terminal or bool(os.environ.get("NO_COLOR"))
    rows = [[Cell(c) for c in row] for row in view.rows]
    text.append_text(render(out, columns, rows, title=view.title, plain=plain))
    if view.caption:
        text.append(view.caption + "\n", style="dim")
    out.print(text, end="")


def _facts(out: Any, rows: list[list[Cell]]) -> list[Text]:
    """Label and value pairs, the value lines aligned after the widest label."""
    from kpi_cli.render.grid import width, wrap

    label_width = max(width(r[0].lines[0]) for r in rows) + 2
    lines = []
    for label_cell, value_cell_ in rows:
        label = label_cell.lines[0]
        first = True
        for value_line in value_cell_.lines:
            for part in wrap(value_line, max(20, out.width - label_width)):
                t = Text()
                t.append((label if first else "") + " " * (label_width - (width(label) if first else 0)), style="dim")
                t.append(part + "\n", style=value_cell_.style or None)
                lines.append(t)
                first = False
    return lines
