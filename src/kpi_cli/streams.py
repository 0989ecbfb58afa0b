"""The standard streams at the edge, and ``Env``: what one call of kpi sees of its surroundings.

``guard`` runs first in ``cli.main``. A closed descriptor 0-2 is reopened on the null device
(so that no file kpi opens later takes its number and receives output meant for the
terminal). stdout and stderr carry text for people only (machine formats go to the binary
buffer untouched), so control characters in that text are shown as escapes (``visible``).
On stdout a reader that went away (EPIPE) ends the call quietly with exit 0
(``PipeClosed``), and any other write error is one message (``OutputFailed``), never a
traceback; a message that cannot be written to stderr is dropped.

``Env`` is built once per call and passed down (nothing here is module state): the streams,
the environment variables, the language of messages and the clock. Tests build their own.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, TextIO, cast

from kpi_cli.errors import OutputFailed, PipeClosed
from kpi_cli.files import reason
from kpi_cli.i18n.msg import Msg

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
            raise OutputFailed(Msg("cannot write to stdout: {why}", why=reason(exc))) from None

    def write(self, data: Any) -> Any:
        if isinstance(data, str):
            data = visible(data)
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


def inert(text: str) -> str:
    """Text from a file (a ledger row, a review) made harmless wherever it is shown: every control
    character but tab and line end, and every escape sequence, shown as an escape."""
    import re

    return re.sub(
        "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]",
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
        text,
    )


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


def japanese(environ: Mapping[str, str]) -> bool:
    """Whether the user reads Japanese: ``KPI_LANG`` (``ja``/``en``) when set, else the locale
    (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else on Windows the user's display language."""
    chosen = environ.get("KPI_LANG", "").strip().lower()
    if chosen:
        return chosen.startswith("ja")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return value.lower().startswith("ja")
    if sys.platform == "win32":  # pragma: no cover - Windows only
        try:
            import ctypes

            return int(ctypes.windll.kernel32.GetUserDefaultUILanguage()) & 0x3FF == 0x11
        except (AttributeError, OSError):
            return False
    return False


def _clock() -> datetime:
    return datetime.now()


class Env:
    """One call's surroundings: streams, environment variables, language and clock."""

    def __init__(
        self,
        *,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        stdin: TextIO | None = None,
        environ: Mapping[str, str] | None = None,
        ja: bool | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.stdout: TextIO = stdout if stdout is not None else sys.stdout
        self.stderr: TextIO = stderr if stderr is not None else sys.stderr
        self.stdin: TextIO = stdin if stdin is not None else sys.stdin
        self.environ: Mapping[str, str] = environ if environ is not None else os.environ
        self.ja: bool = japanese(self.environ) if ja is None else ja
        self._clock = clock  # None: the system's clock
        self.committed: list[str] = []  # ledger files this call has written (fsynced)

    # ---------------------------------------------------------------- messages

    def text(self, msg: Msg) -> str:
        """A message in the user's language."""
        return msg.text(self.ja)

    def say(self, msg: Msg) -> None:
        """A result line for people, on stdout."""
        self.stdout.write(msg.text(self.ja) + "\n")

    def note(self, msg: Msg) -> None:
        """A message on stderr: ``kpi: ...``."""
        self.stderr.write(f"kpi: {msg.text(self.ja)}\n")

    def warn(self, msg: Msg) -> None:
        """A warning on stderr: ``kpi: warning: ...``."""
        self.stderr.write(f"kpi: {'警告' if self.ja else 'warning'}: {msg.text(self.ja)}\n")

    # ---------------------------------------------------------------- clock

    def now(self) -> datetime:
        """Local time, aware; a clock or time zone Python cannot represent falls back to UTC."""

        try:
            return (self._clock or _clock)().astimezone()
        except (OverflowError, ValueError, OSError):
            try:
                return datetime.now(UTC)
            except (OverflowError, ValueError, OSError):  # pragma: no cover - no clock at all
                return datetime(2000, 1, 1, tzinfo=UTC)

    def now_iso(self) -> str:
        """The current local time, ISO 8601 with its UTC offset, in milliseconds."""
        return self.now().isoformat(timespec="milliseconds")

    def current_fy(self) -> int:
        """The fiscal year (April to March) of today."""
        today = self.now()
        return today.year if today.month >= 4 else today.year - 1
