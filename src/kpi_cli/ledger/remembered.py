"""What reading a ledger file found, up to its last whole line, remembered for exactly those bytes.

A ledger is appended to, never rewritten, and pipelines call kpi many times on the same one. So after a
reading, the state of the scan at the end of the file's last whole line (the newest row per KPI and year,
the problems found, the chain's tip, what corrections name) is kept in the user's cache folder with the
SHA-256 of the file's bytes up to there. The next reading of the file hashes those bytes (one call, no
per-row work); only when the hash is the one remembered does it take the state and read on from there
with the rules, so it finds exactly what a reading from the first line finds. Any other trouble (no entry,
an unreadable or damaged one, another kpi version, a changed reader) means a reading from the first line:
like the plan cache, this can never change what a command finds, only how fast.
KPI_NO_CACHE=1 bypasses it (``kpi verify`` included).
"""

from __future__ import annotations

import contextlib
import marshal
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from kpi_cli import __version__
from kpi_cli.files import cache_dir, read_own

FORMAT = 2
Sha = Callable[..., Any]  # a SHA-256 constructor (``format.sha256_for``: the same digests)
BLOCK = 1 << 20  # bytes hashed at once
CHECK = 32  # an entry's first bytes: the SHA-256 of the rest


class Snapshot(NamedTuple):
    """A scan's state at the end of a file's last whole line."""

    end: int  # bytes up to there
    line: int  # the number of the line after it
    digest: bytes  # SHA-256 of the file's bytes up to ``end``
    state: Any  # the scan's state (``FileScan.frozen``), made of marshal's types


def enabled() -> bool:
    return not os.environ.get("KPI_NO_CACHE")


# The files of the modules whose rules decide a reading: the scan and every kpi module it imports, and so on
# (tests/test_ledger_remembered.py checks the list).
RULES = (
    "__init__.py",
    "errors.py",
    "files.py",
    "core/decimals.py",
    "i18n/msg.py",
    "ledger/format.py",
    "ledger/problems.py",
    "ledger/remembered.py",
    "ledger/scan.py",
)


def _readers() -> tuple[Any, ...]:
    """The modules whose rules decide a reading, as installed: a change to any of them makes entries stale."""
    package = Path(__file__).parent.parent
    stamps = []
    for name in RULES:
        st = (package / name).stat()
        stamps.append((name, st.st_size, st.st_mtime_ns))
    return (FORMAT, __version__, *stamps)


def _entry(path: Path, named: bool, sha: Sha) -> Path:
    key = sha(os.fsencode(path.resolve())).hexdigest()[:32]
    return cache_dir() / f"ledger-{key}-{int(named)}.marshal"


def recall(path: Path, fh: BinaryIO, size: int, named: bool, sha: Sha) -> tuple[Snapshot, Any] | None:
    """The snapshot remembered for ``path`` when the file (open as ``fh``, ``size`` bytes) still starts with
    exactly the bytes it was taken from, and the SHA-256 of those bytes, to be updated with what follows;
    else None."""
    try:
        raw = read_own(_entry(path, named, sha))
        # Checked whole before it is unpacked: a damaged entry (a length, a line number) is not used, nor read.
        body = memoryview(raw)[CHECK:]
        if len(raw) <= CHECK or sha(body).digest() != raw[:CHECK]:
            return None
        # The user's own entry, written only by kpi (checked whole above); marshal runs no code.
        shape, where, kind, end, line, digest_of, state = marshal.loads(body)  # noqa: S302
        if shape != _readers() or where != os.fsencode(path.resolve()) or kind != named or end > size:
            return None
        snapshot = Snapshot(end, line, digest_of, state)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    digest = sha()
    fh.seek(0)
    left = snapshot.end
    while left > 0 and (data := fh.read(min(BLOCK, left))):
        digest.update(data)
        left -= len(data)
    if left or digest.copy().digest() != snapshot.digest:
        return None
    return snapshot, digest


def remember(path: Path, named: bool, snapshot: Snapshot, sha: Sha) -> None:
    """Keep ``snapshot`` for ``path``; failures are ignored (this is only a speed-up)."""
    try:
        entry = _entry(path, named, sha)
    except OSError:  # (no cache folder)
        return
    tmp = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    try:
        where = os.fsencode(path.resolve())
        body = marshal.dumps((_readers(), where, named, *snapshot))
        data = sha(body).digest() + body  # (the SHA-256 of all the rest first)
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        tmp.replace(entry)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
