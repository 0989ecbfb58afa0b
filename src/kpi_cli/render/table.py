"""Human tables: laid out by ``grid``, printed with colour through a Rich console.

Rich is imported only here, and only when a table is drawn. The console
honours NO_COLOR and prints plain text when stdout is not a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from kpi_cli.render.grid import MIN_TEXT, Cell, Justify, Piece, Span, layout, width, wrap

if TYPE_CHECKING:  # rich is imported only when a table is drawn
    from rich.console import Console
    from rich.text import Text


class Column:
    __slots__ = ("header", "justify", "minimum", "no_wrap")

    def __init__(self, header: str, justify: Justify = "left", no_wrap: bool = False, minimum: int = 0) -> None:
        self.header = header
        self.justify: Justify = justify
        self.no_wrap = no_wrap
        self.minimum = minimum  # a wrapped column never narrower than this (an id under a name)


MIN_WIDTH = 40  # narrower than this, a table is drawn at this width (COLUMNS=0 draws nothing otherwise)


def console(stream: TextIO) -> Console:
    from rich.console import Console

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
    widths: Sequence[int] | None = None,
    gap: int = 2,
) -> Text:
    """The table as one styled Text, fitted to the console's width."""
    from rich.text import Text

    text = Text()
    if title:
        text.append(title + "\n", style="bold")
    lines: list[list[Piece]] = layout(
        [c.header for c in columns],
        rows,
        justify=[c.justify for c in columns],
        no_wrap=[c.no_wrap for c in columns],
        minimum=[c.minimum for c in columns],
        total=out.width,
        widths=widths,
        gap=gap,
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
    from rich.text import Text

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
    stack_id: bool = False,
    below: int = 0,
    id_column: int | None = None,
    optional: frozenset[int] = frozenset(),
) -> None:
    """A table fitted to the terminal. When it is wider than the terminal, a figure with its
    year in brackets (8,228千人（H26）) takes two lines, with ``below`` the last columns (free
    text: who, note, source) go on a line of their own under each row, and with ``stack_id`` the
    first column (an id) moves under the second (its name): ids, numbers and units are never broken."""
    out = console(stream)
    cols, body = list(columns), [list(r) for r in rows]
    gap = 2
    if natural_width(cols, body) > out.width:
        if optional:  # what says nothing new goes first
            keep = [i for i in range(len(cols)) if i not in optional]
            if id_column is not None:
                id_column = keep.index(id_column)
            cols, body = [cols[i] for i in keep], [[r[i] for i in keep] for r in body]
        body = [[_split_bracket(c) if col.no_wrap else c for c, col in zip(r, cols, strict=False)] for r in body]
        if below and natural_width(cols, body) > out.width:
            columns_left, lines, gap = fit_with_lines_below(out.width, cols, body, below)
            out.print(render(out, columns_left, lines, title=title, caption=caption, gap=gap), end="")
            return
        if id_column is not None and natural_width(cols, body) > out.width:
            columns_left, lines, gap = _fit_with_ids_above(out.width, cols, body, id_column)
            out.print(render(out, columns_left, lines, title=title, caption=caption, gap=gap), end="")
            return
        if stack_id and len(cols) > 1 and natural_width(cols, body) > out.width:
            ids = max((width(r[0]) for r in body), default=0)
            narrow = [Column(c.header, c.justify, no_wrap=c.no_wrap, minimum=4) for c in cols[2:]]  # 2 kanji
            stacked = [Column(cols[1].header, cols[1].justify, no_wrap=False, minimum=max(ids, 8)), *narrow]
            gap = 1  # one space between columns when even that is tight
            if natural_width(stacked, [[f"{r[1]}\n{r[0]}", *r[2:]] for r in body]) + len(stacked) - 1 > out.width:
                # Still too wide (ids of 30 characters and more): each name and id on lines of their
                # own across the table, the other columns below them.
                grid: list[list[Cell] | None] = []
                for r in body:
                    grid += [[Span(r[1], "bold")], [Span("  " + r[0], "dim")], [Cell(c) for c in r[2:]]]
                out.print(render(out, narrow, grid, title=title, caption=caption, gap=gap), end="")
                return
            cols, body = stacked, [[f"{r[1]}\n{r[0]}", *r[2:]] for r in body]
    table = render(out, cols, [[Cell(c) for c in row] for row in body], title=title, caption=caption, gap=gap)
    out.print(table, end="")


def with_lines_below(columns: Sequence[Column], body: Sequence[Sequence[str]], below: int) -> list[list[Cell] | None]:
    """Each row without its last ``below`` cells, which follow on dim lines of their own
    (labelled by their headers, but for the last one, whose text says what it is)."""
    grid: list[list[Cell] | None] = []
    labels = [f"{c.header}: " for c in columns[-below:-1]] + [""]
    for row in body:
        grid.append([Cell(c) for c in row[:-below]])
        tail = [f"  {label}{text}" for label, text in zip(labels, row[-below:], strict=True) if text]
        if tail:
            grid.append([Span("\n".join(line.replace("\n", " ") for line in tail), "dim")])
    return grid


def fit_with_lines_below(
    limit: int, cols: Sequence[Column], body: Sequence[Sequence[str]], below: int
) -> tuple[Sequence[Column], list[list[Cell] | None], int]:
    """The columns, rows and gap of a table whose last ``below`` columns go under each row; when
    even that is too wide, one space between columns, and then each row's id on a line above it."""
    rest, kept = cols[:-below], [r[:-below] for r in body]
    gap = 1 if natural_width(rest, kept) > limit else 2
    if natural_width(rest, kept) - len(rest) + 1 <= limit:
        return rest, with_lines_below(cols, body, below), gap
    grid = with_lines_below(cols[1:], [r[1:] for r in body], below)
    return rest[1:], _ids_above(grid, [r[0] for r in body]), gap


def _fit_with_ids_above(
    limit: int, cols: Sequence[Column], body: Sequence[Sequence[str]], at: int
) -> tuple[Sequence[Column], list[list[Cell] | None], int]:
    """The table without its id column, each id on a line above its row (ids are never broken)."""
    rest = [c for i, c in enumerate(cols) if i != at]
    kept = [[c for i, c in enumerate(r) if i != at] for r in body]
    gap = 1 if _least_width(rest, kept) > limit else 2
    return rest, _ids_above([[Cell(c) for c in r] for r in kept], [r[at] for r in body]), gap


def _ids_above(grid: list[list[Cell] | None], ids: Sequence[str]) -> list[list[Cell] | None]:
    """Each row's id on a line of its own above it (the rows of ``grid`` that are not spans)."""
    out: list[list[Cell] | None] = []
    pending = iter(ids)
    for row in grid:
        if row is not None and not isinstance(row[0], Span):
            out.append([Span(next(pending), "bold")])
        out.append(row)
    return out


def _least_width(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> int:
    """The narrowest the table can be with two spaces between columns (text wraps, numbers do not)."""
    each = [natural_width([c], [[r[i]] for r in rows]) for i, c in enumerate(columns)]
    fixed = sum(w if c.no_wrap else min(w, MIN_TEXT) for w, c in zip(each, columns, strict=True))
    return fixed + 2 * (len(columns) - 1)


def natural_width(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> int:
    widths = [width(c.header) for c in columns]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max([widths[i], *(width(line) for line in cell.split("\n"))])
    return sum(widths) + 2 * (len(widths) - 1)


def _split_bracket(cell: str) -> str:
    """8,228千人（H26） → 8,228千人 over （H26）."""
    at = cell.find("（")
    return cell if at <= 0 else cell[:at] + "\n" + cell[at:]
