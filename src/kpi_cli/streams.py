"""The standard streams at the edge: closed descriptors, closed pipes, full devices, escapes.

``guard`` runs first in ``cli.main``. A closed descriptor 0-2 is reopened on the null device
(so that no file kpi opens later takes its number and receives output meant for the
terminal). stdout and stderr carry text for people only (machine formats go to the binary
buffer untouched), so control characters in that text are shown as escapes (``visible``).
On stdout a reader that went away (EPIPE) ends the call quietly with exit 0
(``PipeClosed``), and any other write error is one message (``OutputFailed``), never a
traceback; a message that cannot be written to stderr is dropped. The Click layer under
Typer turns a raw EPIPE into exit 1, which is why the conversion happens here.
``COMMITTED`` lists the ledger files written by this call: an output error after a commit
is reported as such, and the call still succeeds.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, Any, TextIO, cast

from kpi_cli.errors import KpiError, PipeClosed

COMMITTED: list[str] = []  # ledger files this call has written (fsynced)
JAPANESE = {"messages": False, "click": False}  # translate kpi's message lines / Click's help words


class OutputFailed(KpiError):
    """stdout cannot be written (a full device, an I/O error)."""


# Punctuation kpi prints that a Japanese Windows console (cp932) cannot show, and what it shows
# instead (rather than '?' or '\u2013'): only for a console whose encoding lacks them.
# Each stand-in takes the same cells, so tables keep their layout.
STAND_INS = {  # – — · • ㎥ → - ― ･ ･ m3
    "\u2013": "-",
    "\u2014": "\u2015",
    "\u00b7": "\uff65",
    "\u2022": "\uff65",
    "\u33a5": "m3",  # 千㎥ in the shipped plan: the same unit to kpi (NFKC), and two cells wide
}


def _stand_ins(encoding: str | None) -> dict[int, str]:
    if not encoding or encoding.lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig"):
        return {}
    table = {}
    for char, stand_in in STAND_INS.items():
        try:
            char.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            table[ord(char)] = stand_in
    return table


class _Guarded:
    """A stream whose write errors become kpi errors (stdout) or are dropped (stderr)."""

    def __init__(self, stream: Any, *, drop: bool) -> None:
        self._stream = stream
        self._drop = drop
        self._stand_ins = _stand_ins(getattr(stream, "encoding", None))

    def _call(self, name: str, *args: Any) -> Any:
        try:
            return getattr(self._stream, name)(*args)
        except BrokenPipeError:
            if self._drop:
                return None
            raise PipeClosed() from None
        except OSError as exc:
            if self._drop:
                return None
            raise OutputFailed(f"cannot write to stdout: {exc.strerror or exc}") from None

    def write(self, data: Any) -> Any:
        if isinstance(data, str):
            data = visible(_japanese(data) if JAPANESE["messages"] or JAPANESE["click"] else data)
            if self._stand_ins:
                data = data.translate(self._stand_ins)
        return self._call("write", data)

    def writelines(self, lines: Any) -> Any:
        return self._call("writelines", lines)

    def flush(self) -> Any:
        return self._call("flush")

    @property
    def buffer(self) -> Any:
        inner = getattr(self._stream, "buffer", None)
        return None if inner is None else _Guarded(inner, drop=self._drop)

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, encoding, reconfigure, ...
        return getattr(self._stream, name)


# Control characters other than line end and tab, and the bidirectional overrides: what could
# clear the screen, retitle the terminal, hide text or reorder a line if printed raw.
# Colour (SGR) sequences of the tables' own styles pass (they are written through this stream
# too); any other escape, a concealing or blinking SGR included, is shown as text.
TABLE_COLOURS = frozenset({"", "0", "1", "2", "22", "31", "32", "33", "35", "36", "39"})
_INVISIBLE = "(\x1b\\[[0-9;]*m)|[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"


def visible(text: str) -> str:
    """Text for a terminal: every control character shown as an escape (ESC as \\x1b)."""
    import re

    def shown(m: re.Match[str]) -> str:
        if m.group(1):
            if set(m.group(1)[2:-1].split(";")) <= TABLE_COLOURS:
                return m.group(1)  # a colour of kpi's own tables
            return "\\x1b" + m.group(1)[1:]
        code = ord(m.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return re.sub(_INVISIBLE, shown, text)


def _japanese(text: str) -> str:
    from kpi_cli import i18n

    if JAPANESE["messages"] and text.startswith("kpi: "):
        text = "kpi: " + i18n.message(text[5:].rstrip("\n")) + ("\n" if text.endswith("\n") else "")
    elif JAPANESE["messages"] and "\n" not in text.rstrip("\n"):  # one result line (record, import, verify)
        text = i18n.summary(text.rstrip("\n")) + ("\n" if text.endswith("\n") else "")
    if JAPANESE["click"]:
        import re

        from kpi_cli.i18n.ja import CLICK, CLICK_PATTERNS

        for pattern, japanese in CLICK_PATTERNS:
            text = re.sub(pattern, japanese, text)
        for english, japanese in CLICK.items():
            text = text.replace(english, japanese)
    return text


def guard() -> None:
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            os.open(os.devnull, os.O_RDWR)  # the lowest free number: this one
    if sys.stdout is None:
        sys.stdout = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    if sys.stderr is None:
        sys.stderr = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115
    if not isinstance(sys.stdout, _Guarded):
        sys.stdout = cast(TextIO, _Guarded(sys.stdout, drop=False))
    if not isinstance(sys.stderr, _Guarded):
        sys.stderr = cast(TextIO, _Guarded(sys.stderr, drop=True))


def unguard(original: tuple[IO[Any] | None, IO[Any] | None]) -> None:
    """Put back the streams ``guard`` wrapped (for callers that run kpi in-process)."""
    sys.stdout, sys.stderr = cast(TextIO, original[0]), cast(TextIO, original[1])
