"""Help pages that fit the terminal in cells: Click measures text in characters, so a Japanese
line of help is twice as wide as it thinks and runs past the edge. This hands Click's text
wrapping and column measuring the cell-aware rules of ``grid`` (Japanese at any character,
kinsoku, ASCII runs kept whole). Installed only when a help page or a usage error is shown.
"""

from __future__ import annotations

import re

from kpi_cli.render.grid import width as cells
from kpi_cli.render.grid import wrap


def install() -> None:
    """Make the (vendored) Click formatter wrap and measure in terminal cells."""
    from typer._click import formatting

    formatting.wrap_text = wrap_text
    setattr(formatting, "term_len", cells)  # noqa: B010 - a name Click imported, not a public attribute


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
