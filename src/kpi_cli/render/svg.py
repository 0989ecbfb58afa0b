"""A KPI chart as inline SVG: planned line, expected point, actual points, target marker.

Small and dependency-free; coordinates are rounded to 0.1 so the output is stable
(the golden test pins it). Every mark carries its value in a data- attribute and
a <title> tooltip, with the same numbers as `kpi status`.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from kpi_cli.core import years as eras
from kpi_cli.core.decimals import axis_label, human, plain
from kpi_cli.core.series import Series

WIDTH, HEIGHT = 560, 230
LEFT, RIGHT, TOP, BOTTOM = 72, 16, 22, 46


def _fmt(x: float) -> str:
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _ticks(low: Decimal, high: Decimal) -> list[Decimal]:
    return [low, (low + high) / 2, high]


def chart_svg(s: Series, *, title: str) -> str:
    values = [v for v in (*s.planned, *s.actual, s.target_value) if v is not None]
    if s.expected is not None:
        values.append(s.expected)
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) / 10
    low = low - pad if low < 0 or low - pad >= 0 else Decimal(0)
    high = high + pad
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(s.years)
    step = plot_w / max(n, 1)

    def x(year: int) -> float:
        return LEFT + step * (s.years.index(year) + 0.5)

    def y(value: Decimal) -> float:
        return TOP + plot_h * float((high - value) / (high - low))

    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" class="kpi-chart">',
        f"<title>{escape(title)}</title>",
        f'<text x="4" y="14" class="unit">[{escape(s.unit)}]</text>',
    ]
    for tick in _ticks(low, high):
        at = _fmt(y(tick))
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{at}" y2="{at}" class="grid"/>')
        out.append(f'<text x="{LEFT - 6}" y="{at}" dy="4" text-anchor="end" class="tick">{axis_label(tick)}</text>')
    for year in s.years:
        cx = _fmt(x(year))
        out.append(
            f'<text x="{cx}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" class="era">{eras.era(year)}</text>'
        )
        out.append(f'<text x="{cx}" y="{HEIGHT - BOTTOM + 31}" text-anchor="middle" class="year">{year}</text>')
    out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM}" class="axis"/>')
    planned = [(yr, v) for yr, v in zip(s.years, s.planned, strict=True) if v is not None]
    if len(planned) > 1:
        pts = " ".join(f"{_fmt(x(yr))},{_fmt(y(v))}" for yr, v in planned)
        out.append(f'<polyline points="{pts}" class="planned"><title>計画（基準値→目標値の直線）</title></polyline>')
    actual = [(yr, v) for yr, v in zip(s.years, s.actual, strict=True) if v is not None]
    if len(actual) > 1:
        pts = " ".join(f"{_fmt(x(yr))},{_fmt(y(v))}" for yr, v in actual)
        out.append(f'<polyline points="{pts}" class="actual-line"/>')
    tx, ty = x(s.target_year), y(s.target_value)
    diamond = f"{_fmt(tx)},{_fmt(ty - 8)} {_fmt(tx + 8)},{_fmt(ty)} {_fmt(tx)},{_fmt(ty + 8)} {_fmt(tx - 8)},{_fmt(ty)}"
    out.append(
        f'<polygon points="{diamond}" class="target" data-target="{plain(s.target_value)}">'
        f"<title>目標 {eras.era_and_western(s.target_year)}: {human(s.target_value)}{escape(s.unit)}</title></polygon>"
    )
    if s.expected is not None and s.as_of_year in s.years:
        out.append(
            f'<circle cx="{_fmt(x(s.as_of_year))}" cy="{_fmt(y(s.expected))}" r="6" class="expected" '
            f'data-year="{s.as_of_year}" data-expected="{plain(s.expected)}">'
            f"<title>期待値 {eras.era_and_western(s.as_of_year)}: {human(s.expected)}{escape(s.unit)}</title></circle>"
        )
    what = "実績（累計）" if s.cumulative else "実績"
    for yr, v in actual:
        out.append(
            f'<circle cx="{_fmt(x(yr))}" cy="{_fmt(y(v))}" r="4.5" class="actual" data-year="{yr}" '
            f'data-value="{plain(v)}"><title>{what} {eras.era_and_western(yr)}: {human(v)}{escape(s.unit)}</title>'
            "</circle>"
        )
    out.append("</svg>")
    return "\n".join(out)
