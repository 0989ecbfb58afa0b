"""Help pages and Click's messages, in terminal cells and in the user's language.

Click measures text in characters, so a Japanese line of help is twice as wide as it thinks
and runs past the edge. ``CellHelpFormatter`` wraps and measures with the cell-aware rules of
``grid`` (Japanese at any character, kinsoku, ASCII runs kept whole), and says Click's own
words (Usage, Options, ...) in Japanese from their small table when the user reads Japanese.
``KpiContext`` makes Click use it for the commands of one call; nothing global is changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from typer._click.core import Context
from typer._click.formatting import HelpFormatter, iter_rows

from kpi_cli.render.grid import width as cells
from kpi_cli.render.grid import wrap


def _ja(ctx: Any) -> bool:
    obj = ctx.find_root().obj if ctx is not None else None
    return bool(getattr(obj, "ja", False))


def click_words(text: str, ja: bool) -> str:
    """Click's own words and usage errors in Japanese (patterns first, then words)."""
    if not ja:
        return text
    from kpi_cli.i18n.ja import CLICK, CLICK_PATTERNS

    for pattern, japanese in CLICK_PATTERNS:
        text = re.sub(pattern, japanese, text)
    for english, japanese in CLICK.items():
        text = text.replace(english, japanese)
    return text


class CellHelpFormatter(HelpFormatter):
    """Click's help formatter, measuring and wrapping in terminal cells, in the user's language."""

    def __init__(self, *args: Any, ja: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ja = ja

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = click_words(prefix or "Usage: ", self.ja)
        usage_prefix = f"{prefix:>{self.current_indent}}{prog} "
        indent = " " * cells(usage_prefix)
        self.write(wrap_text(args, self.width - self.current_indent, usage_prefix, indent) + "\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{click_words(heading, self.ja)}:\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap_text(text, self.width, indent, indent, preserve_paragraphs=True) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(first, click_words(second, self.ja)) for first, second in rows]
        widest = max((cells(first) for first, _ in rows), default=0)
        first_col = min(widest, col_max) + col_spacing
        for first, second in iter_rows(rows, 2):
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cells(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_text(second, max(self.width - first_col - 2, 10), preserve_paragraphs=True).splitlines()
            self.write(f"{lines[0] if lines else ''}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class KpiContext(Context):
    """A Click context whose help formatter is ``CellHelpFormatter`` in the call's language."""

    def make_formatter(self) -> HelpFormatter:
        return CellHelpFormatter(width=self.terminal_width, max_width=self.max_content_width, ja=_ja(self))


def click_error_text(exc: Any, ja: bool) -> str:
    """A Click usage error as Click shows it (usage, hint, error), in the user's language."""
    lines = []
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        lines.append(click_words(ctx.get_usage(), ja))
        names = ctx.help_option_names
        if names:
            lines.append(click_words(f"Try '{ctx.command_path} {names[0]}' for help.", ja))
        lines.append("")
    lines.append(click_words(f"Error: {exc.format_message()}", ja))
    return "\n".join(lines) + "\n"


def wrap_text(
    text: str,
    width: int = 78,
    initial_indent: str = "",
    subsequent_indent: str = "",
    preserve_paragraphs: bool = False,
) -> str:
    """Click's ``wrap_text`` in cells: paragraphs are filled, a block after a ``\\b`` line is kept
    (an example whose trailing "(comment)" does not fit gets it on a line below)."""
    text = text.expandtabs()
    if not preserve_paragraphs:
        return _fill(" ".join(text.split()), width, initial_indent, subsequent_indent)
    out = []
    for indent, raw, lines in _paragraphs(text):
        first, rest = initial_indent + " " * indent, subsequent_indent + " " * indent
        if raw:
            kept = [part for line in lines for part in _example(line, width - cells(rest))]
            out.append("\n".join((first if i == 0 else rest) + line for i, line in enumerate(kept)))
        else:
            out.append(_fill(" ".join(" ".join(line.split()) for line in lines), width, first, rest))
    return "\n\n".join(out)


def _example(line: str, limit: int) -> list[str]:
    """A line of a kept block: as written, or when too wide its trailing "(comment)" below it
    (the command itself is never broken: it must still paste into a shell)."""
    m = re.fullmatch(r"(\s*)(\S.*?)\s{2,}([(（].*[)）])", line)
    if m is None or cells(line) <= limit:
        return [line]
    indent = m.group(1) + "  "
    return [m.group(1) + m.group(2), *(indent + piece for piece in wrap(m.group(3), max(limit - len(indent), 10)))]


def _paragraphs(text: str) -> list[tuple[int, bool, list[str]]]:
    """(indent, kept as written, lines) for each paragraph (split at blank lines)."""
    found: list[tuple[int, bool, list[str]]] = []
    block: list[str] = []
    indent = 0

    def flush() -> None:
        if block:
            raw = block[0].strip() == "\b"
            found.append((indent, raw, block[1:] if raw else list(block)))
            block.clear()

    for line in text.splitlines():
        if not line.strip():
            flush()
            continue
        if not block:
            indent = len(line) - len(line.lstrip())
        block.append(line if block else line.lstrip())
    flush()
    return found


def _fill(text: str, limit: int, first: str, rest: str) -> str:
    room = max(limit - max(cells(first), cells(rest)), 10)
    pieces = wrap(text, room) if text else [""]
    return "\n".join((first if i == 0 else rest) + piece for i, piece in enumerate(pieces))
