"""`kpi report -o FILE.md`: the 推進状況 document as Markdown (for a wiki, a mail or a diff).

The same parts as the HTML report, without charts: rating counts per region, each project's
評価 and 今後の方向性, then per project its KPIs, the notes and sources and the review text.
Cell text is escaped as in every Markdown table of kpi (no HTML, no links).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from kpi_cli.core import years as eras
from kpi_cli.core.decimals import human
from kpi_cli.core.model import Plan
from kpi_cli.core.trajectory import RATING_ORDER, Status
from kpi_cli.render.human import status_line
from kpi_cli.reports.grouping import by_region
from kpi_cli.reports.reviews import ReviewLine


def _esc(text: str) -> str:
    for raw, safe in (("\\", "\\\\"), ("|", "\\|"), ("<", "&lt;"), (">", "&gt;"), ("[", "\\["), ("]", "\\]")):
        text = text.replace(raw, safe)
    return text.replace("\n", "<br>")


def report_markdown(
    plan: Plan,
    statuses: Sequence[Status],
    actuals: Mapping[str, Mapping[int, Decimal]],
    *,
    meta: Mapping[str, Any],
    reviews: Mapping[str, ReviewLine],
    notes: Mapping[str, Sequence[str]],
) -> str:
    groups = by_region(plan, statuses)
    out = [
        f"# {_esc(plan.edition.name)} KPI進捗報告",
        "",
        f"{_esc(str(meta['as_of_rule']))} · 作成 {meta['generated']}",
        "",
    ]
    out += ["## 連携地域別の評価", "", "| 連携地域 | " + " | ".join(r.ja for r in RATING_ORDER) + " |"]
    out.append("|---|" + "---:|" * len(RATING_ORDER))
    for rid in groups:
        counts = {r: sum(1 for g in groups[rid].values() for s in g if s.rating is r) for r in RATING_ORDER}
        out.append(f"| {_esc(plan.region(rid).name)} | " + " | ".join(str(counts[r]) for r in RATING_ORDER) + " |")
    out += ["", "| プロジェクト | 評価 | 今後の方向性 | KPIからの目安 |", "|---|---|---|---|"]
    for rid in groups:
        for pid in groups[rid]:
            rec = reviews.get(pid)
            said = ["未記入", "", ""]
            if rec:
                said = [rec.assessment, rec.direction, rec.suggested.label if rec.suggested else ""]
            out.append(f"| {_esc(plan.project(pid).name)} | " + " | ".join(_esc(x) for x in said) + " |")
    for rid in groups:
        out += ["", f"## {_esc(plan.region(rid).name)}"]
        for pid, group in groups[rid].items():
            out += _project(plan.project(pid).name, group, actuals, notes, reviews.get(pid))
    return "\n".join(out) + "\n"


def _project(
    name: str,
    group: Sequence[Status],
    actuals: Mapping[str, Mapping[int, Decimal]],
    notes: Mapping[str, Sequence[str]],
    rec: ReviewLine | None,
) -> list[str]:
    """One project: its KPIs, each year's actuals, notes and sources, and the review text."""
    out = ["", f"### {_esc(name)}", ""]
    out += ["| KPI | 基準値 | 目標値 | 実績 | 期待値 | 差 | 進捗率 | 評価 |", "|---|" + "---:|" * 6 + "---|"]
    for s in group:
        line = status_line(s)
        cells = [
            f"{line.name}［{line.unit}］",
            f"{line.baseline}（{line.baseline_year}）",
            f"{line.target}{line.target_op}（{line.target_year}）",
            f"{line.actual}（{line.actual_year}）",
            line.expected,
            line.gap,
            line.progress,
            line.rating.ja,
        ]
        out.append("| " + " | ".join(_esc(c) for c in cells) + " |")
    years = sorted({y for s in group for y in actuals.get(s.kpi.id, {}) if y <= s.as_of_year})
    if years:
        out += ["", "| 年度別実績 | " + " | ".join(eras.era(y) for y in years) + " |", "|---|" + "---:|" * len(years)]
        for s in group:
            mine = actuals.get(s.kpi.id, {})
            out.append(
                f"| {_esc(s.kpi.name)} | " + " | ".join(human(mine[y]) if y in mine else "" for y in years) + " |"
            )
    lines = [line for s in group for line in notes.get(s.kpi.id, ())]
    out += [""] + [f"- {_esc(line)}" for line in lines] if lines else []
    if rec:
        r = rec.review
        out += ["", f"**{eras.era(r.year)}評価**: {_esc(rec.assessment)} · **今後の方向性**: {_esc(rec.direction)}"]
        for text, head in ((r.actions, "取組状況"), (r.results, "成果・課題"), (r.next, "今後の取組")):
            if text:
                out += ["", f"**{head}**", "", _esc(text).replace("<br>", "  \n")]
    return out
