"""A KPI chart in plain ASCII: the planned line (.), actual values (*), the target (T).

Only ASCII is drawn, so the chart keeps its shape in any terminal font, in a pipe,
in a log file and with NO_COLOR; colour, when wanted, is added by the caller
from the styles returned with each character.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from kpi_cli.core import years as eras
from kpi_cli.core.decimals import axis_label
from kpi_cli.core.series import Series
from kpi_cli.render.grid import Piece
from kpi_cli.render.grid import width as cells_wide

HEIGHT = 12
PLAN, ACTUAL, TARGET, EXPECTED = ".", "*", "T", "+"
STYLES = {PLAN: "cyan", ACTUAL: "bold green", TARGET: "bold yellow", EXPECTED: "magenta"}


def chart(s: Series, width: int = 80) -> list[list[Piece]]:
    """Lines of (text, style) pieces, at most ``width`` columns wide."""
    low, high = _scale(s)
    label_width = max(len(axis_label(high)), len(axis_label(low)), len(s.unit) + 2) + 1
    n = len(s.years)
    step = max(4, min(8, (width - label_width - 2) // n))
    cols = step * n
    lines: list[list[Piece]] = [[(f"[{s.unit}]".rjust(label_width - 1), "dim")]]
    label_rows = {0: high, HEIGHT - 1: low, (HEIGHT - 1) // 2: (high + low) / 2}
    for r, cells in enumerate(_grid(s, low, high, step)):
        label = axis_label(label_rows[r]) if r in label_rows else ""
        lines.append([(label.rjust(label_width - 1) + " |", "dim"), *_runs(cells)])
    lines.append([(" " * (label_width - 1) + " +" + "-" * cols, "dim")])
    era_row = "".join(eras.era(y).center(step) for y in s.years)
    year_row = "".join(str(y).center(step) if step >= 5 or i % 2 == 0 else " " * step for i, y in enumerate(s.years))
    lines.append([(" " * (label_width + 1) + era_row.rstrip(), "")])
    lines.append([(" " * (label_width + 1) + year_row.rstrip(), "dim")])
    legend = f"{PLAN} 計画（基準値→目標値）  {ACTUAL} 実績  {EXPECTED} 期待値  {TARGET} 目標"
    if s.cumulative:
        legend += "（累計）"
    indent = " " * (label_width + 1)
    if cells_wide(indent + legend) > width:  # a narrow terminal: the legend from the left edge
        indent = ""
    lines.append([(indent + legend, "")])
    return lines


def _scale(s: Series) -> tuple[Decimal, Decimal]:
    """The value range of the chart: every value with a margin, from zero where it can."""
    values = [v for v in (*s.planned, *s.actual, s.target_value) if v is not None]
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) / 20
    return (low - pad if low < 0 or low - pad >= 0 else Decimal(0)), high + pad


def _grid(s: Series, low: Decimal, high: Decimal, step: int) -> list[list[str]]:
    """The plotted characters: the planned line, the expected value, the target and the actuals."""
    grid = [[" "] * (step * len(s.years)) for _ in range(HEIGHT)]

    def row_of(value: Decimal) -> int:
        frac = (value - low) / (high - low)
        return max(0, min(HEIGHT - 1, HEIGHT - 1 - int(frac * (HEIGHT - 1) + Decimal("0.5"))))

    def col_of(index: int) -> int:
        return index * step + step // 2

    # the planned line, interpolated between year centres
    points = [(col_of(i), v) for i, v in enumerate(s.planned) if v is not None]
    for (c0, v0), (c1, v1) in itertools.pairwise(points):
        for c in range(c0, c1 + 1):
            grid[row_of(v0 + (v1 - v0) * (c - c0) / (c1 - c0))][c] = PLAN
    if len(points) == 1:
        grid[row_of(points[0][1])][points[0][0]] = PLAN
    if s.expected is not None and s.as_of_year in s.years:
        grid[row_of(s.expected)][col_of(s.years.index(s.as_of_year))] = EXPECTED
    if s.target_year in s.years:
        grid[row_of(s.target_value)][col_of(s.years.index(s.target_year))] = TARGET
    for i, v in enumerate(s.actual):
        if v is not None:
            grid[row_of(v)][col_of(i)] = ACTUAL
    return grid


def _runs(cells: list[str]) -> list[Piece]:
    """A grid row as runs of one style."""
    pieces: list[Piece] = []
    run, style = "", ""
    for ch in cells:
        st = STYLES.get(ch, "")
        if st != style and run:
            pieces.append((run, style))
            run = ""
        run, style = run + ch, st
    pieces.append((run.rstrip(), style))
    return pieces


def plain(lines: list[list[Piece]]) -> str:
    return "".join("".join(text for text, _ in pieces) + "\n" for pieces in lines)
