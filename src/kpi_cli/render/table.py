"""Human tables with Rich (imported only when a table is drawn)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

Justify = Literal["left", "right", "center"]


@dataclass(frozen=True)
class Column:
    header: str
    justify: Justify = "left"
    no_wrap: bool = False
    style: str | None = None


def console(stream: TextIO) -> Console:
    """A console on ``stream``; Rich honours NO_COLOR and plain output in pipes."""
    return Console(file=stream, highlight=False, soft_wrap=False)


def new_table(columns: Sequence[Column], *, title: str | None = None, caption: str | None = None) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD,
        title=title,
        caption=caption,
        title_justify="left",
        caption_justify="left",
        pad_edge=False,
        collapse_padding=True,
        show_edge=False,
    )
    for c in columns:
        table.add_column(c.header, justify=c.justify, no_wrap=c.no_wrap, style=c.style, overflow="fold")
    return table


def print_rows(
    stream: TextIO,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str | Text]],
    *,
    title: str | None = None,
    caption: str | None = None,
) -> None:
    table = new_table(columns, title=title, caption=caption)
    for row in rows:
        table.add_row(*row)
    console(stream).print(table)
