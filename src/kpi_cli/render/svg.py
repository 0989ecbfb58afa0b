"""A KPI chart as inline SVG: planned line, expected point, actual points, target marker.

Small and dependency-free; coordinates are rounded to 0.1 so the output is stable
(the golden test pins it). Every mark carries its value in a data- attribute and
a <title> tooltip, with the same numbers as `kpi status`.

Sized for print: drawn at 400 × 108 units and printed 106 mm wide (one unit ≈ one CSS pixel,
half an A4 page), so that its 11-unit text prints at 8.25 pt.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from kpi_cli.core import years as eras
from kpi_cli.core.decimals import axis_label, human, plain
from kpi_cli.core.series import Series

WIDTH, HEIGHT = 400, 108
LEFT, RIGHT, TOP, BOTTOM = 56, 10, 20, 22
TEXT = 11  # units: every label (8.25 pt at the printed width)
# Presentation attributes, not a page's CSS: the chart looks the same in a browser, in WeasyPrint
# (which does not apply the page's styles inside an SVG) and copied out on its own.
FONTS = "Noto Sans CJK JP, Noto Sans JP, Hiragino Kaku Gothic ProN, Hiragino Sans, Yu Gothic, Meiryo, sans-serif"
STYLE = {
    "grid": 'stroke="#e3e6eb" stroke-width="1"',
    "axis": 'stroke="#7b8291" stroke-width="1"',
    "planned": 'fill="none" stroke="#4c6ef5" stroke-width="2" stroke-dasharray="6 4"',
    "actual-line": 'fill="none" stroke="#1d2330" stroke-width="1.5"',
    "actual": 'fill="#1d2330"',
    "expected": 'fill="#ffffff" stroke="#4c6ef5" stroke-width="2"',
    "target": 'fill="#f59f00" stroke="#1d2330" stroke-width="1"',
    "text": 'fill="#3a4150"',
}


def _mark(cls: str) -> str:
    """A mark's class and its look."""
    return f'class="{cls}" {STYLE[cls]}'


def _fmt(x: float) -> str:
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _scale(low: Decimal, high: Decimal) -> tuple[Decimal, Decimal, list[Decimal]]:
    """The axis: from ``low`` to ``high`` widened to round ticks (1, 2, 2.5 or 5 times a power of
    ten, three to five of them)."""
    import math

    if low == high:
        low, high = low - 1, high + 1
    raw = float(high - low) / 3
    power = Decimal(10) ** math.floor(math.log10(raw))
    step = next(
        m * power for m in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)) if m * power >= raw
    )
    bottom = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    top = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    ticks, tick = [], bottom
    while tick <= top:
        ticks.append(tick)
        tick += step
    return bottom, top, ticks


def chart_svg(s: Series, *, title: str) -> str:
    values = [v for v in (*s.planned, *s.actual, s.target_value) if v is not None]
    if s.expected is not None:
        values.append(s.expected)
    low, high, ticks = _scale(min(values), max(values))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(s.years)
    step = plot_w / max(n, 1)

    def x(year: int) -> float:
        return LEFT + step * (s.years.index(year) + 0.5)

    def y(value: Decimal) -> float:
        return TOP + plot_h * float((high - value) / (high - low))

    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" class="kpi-chart" font-size="{TEXT}" font-family="{FONTS}" '
        f"{STYLE['text']}>",
        f"<title>{escape(title)}</title>",
        f'<text x="{LEFT}" y="11" class="unit">[{escape(s.unit)}]</text>',
    ]
    for tick in ticks:
        at = _fmt(y(tick))
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{at}" y2="{at}" {_mark("grid")}/>')
        out.append(f'<text x="{LEFT - 6}" y="{at}" dy="4" text-anchor="end" class="tick">{axis_label(tick)}</text>')
    for year in s.years:
        cx = _fmt(x(year))
        out.append(
            f'<text x="{cx}" y="{HEIGHT - BOTTOM + 15}" text-anchor="middle" class="era">{eras.era(year)}</text>'
        )
    out.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM}" {_mark("axis")}/>'
    )
    planned = [(yr, v) for yr, v in zip(s.years, s.planned, strict=True) if v is not None]
    if len(planned) > 1:
        pts = " ".join(f"{_fmt(x(yr))},{_fmt(y(v))}" for yr, v in planned)
        out.append(f'<polyline points="{pts}" {_mark("planned")}><title>計画（基準値→目標値の直線）</title></polyline>')
    actual = [(yr, v) for yr, v in zip(s.years, s.actual, strict=True) if v is not None]
    if len(actual) > 1:
        pts = " ".join(f"{_fmt(x(yr))},{_fmt(y(v))}" for yr, v in actual)
        out.append(f'<polyline points="{pts}" {_mark("actual-line")}/>')
    tx, ty = x(s.target_year), y(s.target_value)
    diamond = f"{_fmt(tx)},{_fmt(ty - 7)} {_fmt(tx + 7)},{_fmt(ty)} {_fmt(tx)},{_fmt(ty + 7)} {_fmt(tx - 7)},{_fmt(ty)}"
    out.append(
        f'<polygon points="{diamond}" {_mark("target")} data-target="{plain(s.target_value)}">'
        f"<title>目標 {eras.era_and_western(s.target_year)}: {human(s.target_value)}{escape(s.unit)}</title></polygon>"
    )
    if s.expected is not None and s.as_of_year in s.years:
        out.append(
            f'<circle cx="{_fmt(x(s.as_of_year))}" cy="{_fmt(y(s.expected))}" r="5.5" {_mark("expected")} '
            f'data-year="{s.as_of_year}" data-expected="{plain(s.expected)}">'
            f"<title>期待値 {eras.era_and_western(s.as_of_year)}: {human(s.expected)}{escape(s.unit)}</title></circle>"
        )
    what = "実績（累計）" if s.cumulative else "実績"
    for yr, v in actual:
        out.append(
            f'<circle cx="{_fmt(x(yr))}" cy="{_fmt(y(v))}" r="4" {_mark("actual")} data-year="{yr}" '
            f'data-value="{plain(v)}"><title>{what} {eras.era_and_western(yr)}: {human(v)}{escape(s.unit)}</title>'
            "</circle>"
        )
    out.append("</svg>")
    return "\n".join(out)
