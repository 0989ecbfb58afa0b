"""Human tables: laid out by ``grid``, printed with colour through a Rich console.

Rich is imported only here, and only when a table is drawn. The console
honours NO_COLOR and prints plain text when stdout is not a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from rich.console import Console
from rich.text import Text

from kpi_cli.render.grid import Cell, Justify, Piece, layout, wrap


class Column:
    __slots__ = ("header", "justify", "no_wrap")

    def __init__(self, header: str, justify: Justify = "left", no_wrap: bool = False) -> None:
        self.header = header
        self.justify: Justify = justify
        self.no_wrap = no_wrap


MIN_WIDTH = 40  # narrower than this, a table is drawn at this width (COLUMNS=0 draws nothing otherwise)


def console(stream: TextIO) -> Console:
    return Console(file=stream, width=table_width(), highlight=False, soft_wrap=True, markup=False, emoji=False)


def table_width() -> int:
    """COLUMNS when it is a positive number, else the terminal's width, else 80; at least MIN_WIDTH."""
    import shutil

    return max(MIN_WIDTH, shutil.get_terminal_size(fallback=(80, 24)).columns)


def _rule_char(out: Console, plain: bool = False) -> str:
    if plain:
        return "-"
    try:
        "─".encode(out.encoding)
    except (LookupError, UnicodeEncodeError):
        return "-"
    return "─"


def render(
    out: Console,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell] | None],
    *,
    title: str | None = None,
    caption: str | None = None,
    plain: bool = False,
) -> Text:
    """The table as one styled Text, fitted to the console's width."""
    text = Text()
    if title:
        text.append(title + "\n", style="bold")
    lines: list[list[Piece]] = layout(
        [c.header for c in columns],
        rows,
        justify=[c.justify for c in columns],
        no_wrap=[c.no_wrap for c in columns],
        total=out.width,
        rule=_rule_char(out, plain),
    )
    for pieces in lines:
        for piece, style in pieces:
            text.append(piece, style=style or None)
        text.append("\n")
    if caption:
        text.append_text(caption_text(out, caption))
    return text


def caption_text(out: Console, caption: str) -> Text:
    """A dim note under a table, wrapped to the console's width."""
    text = Text()
    for line in caption.split("\n"):
        for part in wrap(line, out.width):
            text.append(part + "\n", style="dim")
    return text


def print_rows(
    stream: TextIO,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    caption: str | None = None,
) -> None:
    out = console(stream)
    out.print(render(out, columns, [[Cell(c) for c in row] for row in rows], title=title, caption=caption), end="")
