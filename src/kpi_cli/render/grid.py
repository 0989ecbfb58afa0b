"""Lay out a table in terminal cells (wide Japanese characters count two).

Pure layout, no Rich: returns lines of (text, style) pieces that ``table.py``
prints through a Rich console. Rich's own Table measures and renders each cell
through several layers, ~60 ms for the status table here; this does the same
layout in a few milliseconds.

Rules: numbers (``no_wrap`` columns) never break; text columns wrap to fit the
width, Japanese at any character and ASCII at spaces when it can; cells may
hold several lines.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Literal, NamedTuple

Justify = Literal["left", "right"]
Piece = tuple[str, str]  # (text, style); style '' is plain
GAP = 2
MIN_TEXT = 8  # a wrapped column never gets narrower than this


def char_width(ch: str) -> int:
    if ch < "\u1100":  # fast path: ASCII, Latin, Greek, Cyrillic, ...
        return 0 if unicodedata.combining(ch) else 1
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(char_width(c) for c in text)


# Japanese line-breaking (kinsoku): no line starts with a closing mark, none ends with an opening one.
_NO_START = "、。，．）」』】〕］｝〉》・ー々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ：；！？"
_NO_END = "（「『【〔［｛〈《"
_NO_START_CUT = _NO_START + ")]},;:!?"  # (a cut inside a run: nor a line starting with an ASCII closer)
_COUNTERS = "年月日時人件円歳回位"  # a number keeps its counter (28年, 7月) on its line
_CLOSERS = re.escape(")]},;:!?")  # ASCII marks that stay with what they follow (典], 年,)
# a word or two in ASCII brackets ([必須], [億円], [既定: level]) is kept whole
_BRACKETED = r"\[[^\[\]\s]{1,8}(?: [^\[\]\s]{1,12})?\]"
_TOKEN = (
    f"{_BRACKETED}[{_NO_START}{_CLOSERS}]*|"
    f"[{_NO_END}]*(?:[!-~]*[0-9][{_COUNTERS}]|[!-~]+|[^ !-~{_NO_END}])[{_NO_START}{_CLOSERS}]*| +|[{_NO_END}]+"
)


def wrap(text: str, limit: int) -> list[str]:
    """Break one line into pieces of at most ``limit`` cells: Japanese between any two characters
    (but not before a closing mark or after an opening one), a run of ASCII (a word, a number, an
    id, a path) only where it must (when it is wider than a line). A line indented (a KPI under its
    project) keeps its indent on the lines it wraps to."""
    if width(text) <= limit:
        return [text]
    out: list[str] = []
    indent = text[: len(text) - len(text.lstrip(" "))]
    if len(indent) * 2 > limit:
        indent = ""
    line, used = "", 0
    for token in re.findall(_TOKEN, text):
        piece, w = token, width(token)
        if used + w > limit and line:
            if line.strip():
                out.append(line.rstrip())
                line, used = indent, len(indent)  # (the space the break replaces is dropped)
            else:
                line, used = "", 0  # (an indent alone is dropped: the piece gets the whole line)
            if piece.startswith(" "):
                continue
        if w > limit - used and line and not line.strip():
            line, used = "", 0  # (an indent gives way to a piece wider than the rest of the line)
        while w > limit - used:  # a token wider than a whole line: cut it at the line's end
            head = _cut(piece, max(limit - used, 1))
            out.append(line + head)
            piece, w = piece[len(head) :], w - width(head)
            line, used = ("", 0) if w + len(indent) > limit else (indent, len(indent))
        line += piece
        used += w
    if line.strip():
        out.append(line.rstrip())
    return out


def _cut(text: str, room: int) -> str:
    """The start of ``text`` to leave on a line of ``room`` cells when all of it does not fit, cut
    by the kinsoku rules: the rest does not start with a closing mark, the start does not end with an
    opening one (（2021-10-2 | 0）, not （2021-10-20 | ）); cut at the edge when no such place is left."""
    edge = head = _cells(text, room)
    while head and head != text and (text[len(head)] in _NO_START_CUT or head[-1] in _NO_END):
        head = head[:-1]
    return head or edge


def _cells(text: str, room: int) -> str:
    """The longest start of ``text`` that fits ``room`` cells (at least one character)."""
    used = 0
    for i, ch in enumerate(text):
        used += char_width(ch)
        if used > room:
            return text[: max(i, 1)]
    return text


class Cell:
    __slots__ = ("lines", "style")

    def __init__(self, text: str, style: str = "") -> None:
        self.lines = text.split("\n") if text else [""]
        self.style = style


class Span(Cell):
    """A row of its own across the whole table (a KPI's name above its numbers on a narrow terminal)."""

    __slots__ = ()


def is_span(row: Sequence[Cell]) -> bool:
    return len(row) == 1 and isinstance(row[0], Span)


def column_widths(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    no_wrap: Sequence[bool],
    total: int,
    minimum: Sequence[int] = (),
    gap: int = GAP,
) -> list[int]:
    natural = [width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            for line in cell.lines:
                w = width(line)
                natural[i] = max(natural[i], w)
    widths = list(natural)
    budget = total - gap * (len(widths) - 1)
    excess = sum(widths) - budget
    floor = [minimum[i] if i < len(minimum) and minimum[i] else MIN_TEXT for i in range(len(widths))]
    while excess > 0:
        wrappable = [i for i, w in enumerate(widths) if not no_wrap[i] and w > floor[i]]
        if not wrappable:
            break  # too narrow: let the line run long rather than break a number
        widest = max(wrappable, key=lambda i: widths[i] - floor[i])
        others = [widths[i] for i in wrappable if i != widest]
        step = max(1, min(excess, widths[widest] - max([floor[widest], *others])))
        widths[widest] -= step
        excess -= step
    return widths


class _Shape(NamedTuple):
    widths: Sequence[int]
    justify: Sequence[Justify]
    no_wrap: Sequence[bool]
    gap: int


def layout(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell] | None],
    *,
    justify: Sequence[Justify],
    no_wrap: Sequence[bool],
    total: int,
    rule: str = "─",
    minimum: Sequence[int] = (),
    widths: Sequence[int] | None = None,
    gap: int = GAP,
) -> list[list[Piece]]:
    """Lines of pieces for a header, a rule and the rows; ``None`` as a row is a blank separator,
    a ``Span`` row runs across the table (wrapped to the terminal's width, not the table's).
    ``widths`` fixes the columns (tables that line up)."""
    real = [r for r in rows if r is not None and not is_span(r)]
    if widths is None:
        widths = column_widths(headers, real, no_wrap, total, minimum, gap)
    shape = _Shape(widths, justify, no_wrap, gap)
    across = sum(widths) + gap * (len(widths) - 1)
    out = _row_lines(shape, [Cell(h) for h in headers], header=True)
    out.append([(rule * across, "dim")])
    for row in rows:
        if row is None:
            out.append([])
        elif is_span(row):
            for line in row[0].lines:
                out.extend([[(part, row[0].style)] for part in wrap(line, max(across, total, 1))])
        else:
            out.extend(_row_lines(shape, row))
    return out


def _row_lines(shape: _Shape, cells: Sequence[Cell], *, header: bool = False) -> list[list[Piece]]:
    """One row as lines of pieces: text cells wrapped to their column, numbers never."""
    wrapped = []
    for i, cell in enumerate(cells):
        lines: list[str] = []
        for line in cell.lines:
            lines.extend([line] if shape.no_wrap[i] else wrap(line, shape.widths[i]))
        wrapped.append(lines)
    out = []
    for k in range(max(len(lines) for lines in wrapped)):
        pieces: list[Piece] = []
        for i, lines in enumerate(wrapped):
            text = lines[k] if k < len(lines) else ""
            pad = (" " * (shape.widths[i] - width(text)), "")
            if i:
                pieces.append((" " * shape.gap, ""))
            shown = (text, "bold" if header else cells[i].style)
            pieces += [pad, shown] if shape.justify[i] == "right" else [shown, pad]
        while pieces and not pieces[-1][0].strip():
            pieces.pop()  # no trailing blanks
        out.append(pieces)
    return out
