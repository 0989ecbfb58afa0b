"""The `kpi status` table: grouped by 連携地域 and project, ratings in colour."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from rich.table import Table
from rich.text import Text

from ..progress import Rating
from ..views import RegionGroup, StatusLine
from .table import Column, console, new_table

RATING_STYLE = {
    Rating.achieved: "bold green",
    Rating.on_track: "green",
    Rating.nearly: "yellow",
    Rating.behind: "red",
    Rating.worse: "bold red",
    Rating.no_data: "dim",
}
WIDE = 110  # from this width, units go with every number


def _columns(wide: bool) -> list[Column]:
    num = {"justify": "right", "no_wrap": True}
    return [
        Column("KPI"),
        Column("基準値", **num),  # type: ignore[arg-type]
        Column("目標値", **num),  # type: ignore[arg-type]
        Column("実績", **num),  # type: ignore[arg-type]
        Column("期待値", **num),  # type: ignore[arg-type]
        Column("差", **num),  # type: ignore[arg-type]
        Column("進捗率", **num),  # type: ignore[arg-type]
        Column("評価", no_wrap=True),
    ]


def _cells(line: StatusLine, wide: bool) -> list[str | Text]:
    unit = line.unit if wide else ""

    def with_unit(value: str) -> str:
        return f"{value}{unit}" if value not in ("―", "") else value

    name = Text("  " + line.name)
    if not wide:
        name.append(f"［{line.unit}］", style="dim")
    if line.revised:
        name.append(f"\n  ※{line.revised}", style="italic")
    return [
        name,
        f"{with_unit(line.baseline)}\n{line.baseline_year}".rstrip(),
        f"{with_unit(line.target)}\n{line.target_year}",
        f"{with_unit(line.actual)}\n{line.actual_year}",
        with_unit(line.expected),
        with_unit(line.gap) if line.gap else "",
        line.progress,
        Text(line.rating.ja, style=RATING_STYLE[line.rating]),
    ]


def draw(stream: TextIO, groups: Sequence[RegionGroup], caption: str) -> None:
    out = console(stream)
    wide = out.width >= WIDE
    for group in groups:
        table: Table = new_table(_columns(wide), title=f"{group.name}")
        table.title_style = "bold"
        for project in group.projects:
            table.add_row(Text(project.name, style="bold"), *[""] * 7)
            for i, line in enumerate(project.lines):
                table.add_row(*_cells(line, wide), end_section=i == len(project.lines) - 1)
        out.print(table)
        out.print(Text(group.summary, style="bold"))
        out.print()
    out.print(Text(caption, style="dim"))
