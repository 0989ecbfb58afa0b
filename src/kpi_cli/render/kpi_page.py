"""`kpi show` for people: the KPI's facts, its chart and its history."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from kpi_cli.core import years as eras
from kpi_cli.core.decimals import human, percent, places_of, signed
from kpi_cli.core.model import Kpi, Plan
from kpi_cli.core.periods import basis_label, is_fiscal, period_label
from kpi_cli.core.series import Series
from kpi_cli.core.trajectory import Status
from kpi_cli.render.grid import Cell, width
from kpi_cli.render.human import KIND_JA, kpi_history_view, value_cell, year_cell
from kpi_cli.render.output import HumanView
from kpi_cli.render.status_table import RATING_STYLE
from kpi_cli.render.table import Column, caption_text, console, fit_with_lines_below, natural_width, render
from kpi_cli.render.textchart import chart
from kpi_cli.reports.history import HistoryEntry
from kpi_cli.reports.kpi_page import PartsLine
from kpi_cli.reports.reviews import ReviewLine

if TYPE_CHECKING:  # rich is imported only when a table is drawn
    from rich.text import Text


def draw(
    stream: TextIO,
    plan: Plan,
    st: Status,
    s: Series,
    entries: Sequence[HistoryEntry],
    review: ReviewLine | None,
    caption: str,
    parts: PartsLine | None = None,
    *,
    provisional: bool = False,
) -> None:
    """One KPI for people: its facts (with the parts a sum is made of), the project's latest review,
    a chart and its history (``provisional``: the value rated is a 速報)."""
    from rich.text import Text

    out = console(stream)
    k = st.kpi
    project = plan.project(k.project_id)
    unit = k.unit
    text = Text()
    title = f"{k.name}  [{k.id}]"
    text.append(title if width(title) <= out.width else f"{k.name}\n[{k.id}]", style="bold")  # the id whole
    text.append("\n")
    facts = [
        ("プロジェクト", f"{project.name}（{plan.region(project.region_id).name}）"),
        ("振興局", "、".join(plan.office(o).name for o in project.office_ids)),
        ("施策", "\n".join(project.policies)),
        ("種別", KIND_JA[k.kind] + ("（減少が目標）" if k.direction == "decrease" else "")),
    ]
    if k.baseline is not None:
        facts.append(("基準値", f"{value_cell(k.baseline.value, unit)}（{k.baseline.label or ''}）"))
    if k.period is not None:
        span = f"{eras.era(k.period.start)}～{eras.era(k.period.end)}"
        said = k.period.label.strip().removeprefix("（").removesuffix("）")  # (the plan prints （累計） itself)
        facts.append(("期間", f"{span}（{said}）" if said else span))
    latest = k.revisions[-1] if k.revisions else None
    target = latest.target if latest else k.target
    op = "以上" if target.op == ">=" else ""
    facts.append(("目標値", f"{value_cell(target.value, unit)}{op}（{target.label}）"))
    if latest is not None:
        facts.append(("改定", f"{eras.era(latest.from_year)}から（当初 {value_cell(k.target.value, unit)}）"))
    if k.ownership == "inferred":
        facts.append(("注記", "所属は紙面の配置からの推定: " + k.note))
    facts += source_facts(k, st.as_of_year)
    rating = st.rating
    facts.append(("評価", f"{rating.ja}（{eras.era_and_western(st.as_of_year)}時点）"))
    places = places_of(st.kpi.baseline.value if st.kpi.baseline else None, st.target.value, st.actual)
    said = value_cell(st.actual, unit)
    facts.append(("実績", f"{said}（速報）" if said and provisional else said or "―"))
    if parts is not None:
        facts.append(("内訳", parts_text(parts, k)))
    facts.append(("期待値", f"{human(st.expected, places=places)}{unit}" if st.expected is not None else "―"))
    if st.gap is not None:
        facts.append(("差", signed(st.gap, places=places) + unit))
    if st.progress is not None:
        facts.append(("進捗率", percent(st.progress)))
    if review is not None:
        r = review.review
        stage = "案" if r.stage == "draft" else f"連携会議 {r.meeting_date}"
        facts.append(("プロジェクト評価", f"{eras.era(r.year)}: {review.assessment} · {review.direction}（{stage}）"))
    rows = [[Cell(label), Cell(value, RATING_STYLE[rating] if label == "評価" else "")] for label, value in facts]
    for line in _facts(out, rows):
        text.append_text(line)
    text.append("\n")
    for pieces in chart(s, width=min(out.width, 100)):
        for piece, style in pieces:
            text.append(piece, style=(style or None) if out.color_system else None)
        text.append("\n")
    text.append("\n")
    labels = year_cell if is_fiscal(k) else (lambda y: period_label(k, y))
    text.append_text(_history(out, kpi_history_view(entries, caption, labels)))
    out.print(text, end="")


def parts_text(line: PartsLine, k: Kpi) -> str:
    """The parts of a sum, one year: the sum kpi computes (or how many parts are in), then each part's
    share (R1/2019: 14市町村の合計 2,240.31万人（kpi の計算）／ニセコ町 159.31、…)."""
    year = eras.era_and_western(line.year)
    n, word = len(line.parts), k.parts_word
    if line.total is not None:
        head = f"{year}: {n}{word}の合計 {value_cell(line.total, k.unit)}（kpi の計算）"
    else:
        head = f"{year}: {line.recorded}/{n} {word}のみ記録（合計待ち）"
    if line.whole is not None:
        head += f"。全体の値 {value_cell(line.whole, k.unit)} を使用"
    shown = "、".join(f"{name} {human(value)}" for _, name, value in line.parts if value is not None)
    missing = "、".join(name for _, name, value in line.parts if value is None)
    return "\n".join(x for x in (head, shown, missing and f"未記録: {missing}") if x)


def source_facts(k: Kpi, year: int) -> list[tuple[str, str]]:
    """The source card as label and value lines; a field not printed in a source says （推定）, and
    the period says what the year's value counts (R1/2019: 2019年（1〜12月）, or 2020年4月1日現在)."""
    s = k.source
    if s.is_empty:
        return []

    def mark(text: str, *fields: str) -> str:
        return text + ("（推定）" if any(f in s.inferred for f in fields) else "")

    facts = []
    if s.statistic or s.publisher:
        shown = f"{s.statistic}（{s.publisher}）" if s.statistic and s.publisher else s.statistic or s.publisher
        facts.append(("統計", mark(shown, "statistic", "publisher")))
    if s.department:
        facts.append(("担当", mark(s.department, "department")))
    if s.definition:
        facts.append(("定義", mark(s.definition, "definition")))
    if s.basis:
        said = basis_label(s)
        if not is_fiscal(k):
            said += f": {eras.era_and_western(year)}の値は{period_label(k, year)}"
        facts.append(("集計期間", mark(said, "basis", "as_of")))
    released = "、".join(f"{word} {when}" for word, when in (("速報", s.preliminary), ("確定", s.final)) if when)
    if released:
        facts.append(("公表", mark(released, "preliminary", "final")))
    if s.url:
        facts.append(("URL", mark(s.url, "url")))
    if s.inferred:
        facts.append(("出典の注記", s.note))
    return facts


def _history(out: Any, view: HumanView) -> Text:
    """The KPI's rows in the ledger; on a narrow terminal who and the source go under each row."""
    columns = [Column(h, "right" if i in view.right else "left", i in view.no_wrap) for i, h in enumerate(view.headers)]
    # Plain ASCII rules in a pipe or with NO_COLOR: the page may go anywhere (mail, a log).
    plain = not out.is_terminal or bool(os.environ.get("NO_COLOR"))
    rows: list[list[Cell] | None] = [[Cell(c) for c in row] for row in view.rows]
    gap = 2
    if natural_width(columns, view.rows) > out.width:
        fitted, rows, gap = fit_with_lines_below(out.width, columns, view.rows, view.below)
        columns = list(fitted)
    text = render(out, columns, rows, title=view.title, plain=plain, gap=gap)
    if view.caption:
        text.append_text(caption_text(out, view.caption))  # wrapped to the terminal (a long path too)
    return text


def _facts(out: Any, rows: list[list[Cell]]) -> list[Text]:
    """Label and value pairs, the value lines aligned after the widest label."""
    from rich.text import Text

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
