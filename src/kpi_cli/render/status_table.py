"""The `kpi status` table: grouped by 連携地域 and project, ratings in colour."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from kpi_cli.core.trajectory import Rating
from kpi_cli.render.grid import Cell, Span, column_widths, is_span
from kpi_cli.render.human import RegionGroup, StatusLine, overall
from kpi_cli.render.table import Column, caption_text, console, render

if TYPE_CHECKING:  # rich is imported only when a table is drawn
    pass

RATING_STYLE = {
    Rating.achieved: "bold green",
    Rating.on_track: "green",
    Rating.nearly: "yellow",
    Rating.behind: "red",
    Rating.worse: "bold red",
    Rating.no_data: "dim",
}
WIDE = 110  # from this width, units go with every number
COLUMNS = [
    Column("KPI"),
    Column("基準値", "right", no_wrap=True),
    Column("目標値", "right", no_wrap=True),
    Column("実績", "right", no_wrap=True),
    Column("前年度比", "right", no_wrap=True),
    Column("期待値", "right", no_wrap=True),
    Column("差", "right", no_wrap=True),
    Column("進捗率", "right", no_wrap=True),
    Column("評価", no_wrap=True),
]


def _cells(line: StatusLine, wide: bool) -> list[Cell]:
    unit = line.unit if wide else ""

    def with_unit(value: str) -> str:
        return f"{value}{unit}" if value not in ("―", "") else value

    name = "  " + line.name + ("" if wide else f"［{line.unit}］")
    if line.revised:
        name += f"\n  ※{line.revised}"
    return [
        Cell(name),
        Cell(f"{with_unit(line.baseline)}\n{line.baseline_year}".rstrip()),
        Cell(f"{with_unit(line.target)}{line.target_op}\n{line.target_year}"),
        Cell(_actual(line, with_unit(line.actual), wide)),
        Cell(f"{line.change}\n{line.change_rate}".rstrip()),  # the unit is the 実績's
        Cell(with_unit(line.expected)),
        Cell(with_unit(line.gap) if line.gap else ""),
        Cell(line.progress),
        Cell(line.rating.ja, RATING_STYLE[line.rating]),
    ]


def _actual(line: StatusLine, value: str, wide: bool) -> str:
    """The actual value over its year. An older one (status --year) is in brackets with its year
    "時点"; below the wide layout the brackets are half-width and the year alone (the caption says
    what brackets mean), so the column fits a 60-column terminal."""
    if wide:
        return f"{value}\n{line.actual_year}"
    return f"{value.replace('（', '(').replace('）', ')')}\n{line.actual_year.removesuffix('時点')}"


NARROW = 90  # below this width each KPI's name takes a line of its own above its numbers, and 前年度比 follows it
CHANGE = 4  # the 前年度比 column's place (left out when narrow)
TIGHT = 66  # below this, one space between columns


def _rows(group: RegionGroup, wide: bool, narrow: bool, left_out: tuple[int, ...]) -> list[list[Cell] | None]:
    """One region's rows: each project's name across the table, then its KPIs (narrow: each KPI's
    name, with its 前年度比, on a line of its own above its numbers)."""
    rows: list[list[Cell] | None] = []
    for project in group.projects:
        if rows:
            rows.append(None)
        rows.append([Span(project.name, "bold")])  # across the table: the KPI column keeps its width
        for line in project.lines:
            cells = _cells(line, wide)
            if narrow:
                name = cells[0].lines[0].strip() + "".join(x.strip() for x in cells[0].lines[1:])
                change = f" 前年度比 {line.change}" + (f"（{line.change_rate}）" if line.change_rate else "")
                rows.append([Span(name + (change if line.change else ""))])
            rows.append([c for i, c in enumerate(cells) if i not in left_out])
    return rows


def draw(stream: TextIO, groups: Sequence[RegionGroup], caption: str) -> None:
    """Every region's table with the same column positions; narrow terminals put names above numbers."""
    from rich.text import Text

    out = console(stream)
    wide = out.width >= WIDE
    narrow = out.width < NARROW
    changes = any(line.change for g in groups for p in g.projects for line in p.lines)
    left_out = (0, CHANGE) if narrow else (() if changes else (CHANGE,))  # 前年度比 only when there is one
    columns = [c for i, c in enumerate(COLUMNS) if i not in left_out]
    tables = [(group.name, _rows(group, wide, narrow, left_out), group.summary) for group in groups]
    every = [r for _, rows, _ in tables for r in rows if r is not None and not is_span(r)]
    gap = 1 if out.width < TIGHT else 2
    widths = column_widths([c.header for c in columns], every, [c.no_wrap for c in columns], out.width, gap=gap)
    text = Text()
    for name, rows, summary in tables:
        text.append_text(render(out, columns, rows, title=name, widths=widths, gap=gap))
        text.append(summary + "\n\n", style="bold")
    if len(groups) > 1:
        text.append(overall(groups) + "\n\n", style="bold")
    text.append_text(caption_text(out, caption))
    out.print(text, end="")
