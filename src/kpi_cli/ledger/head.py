"""The head file: what kpi remembers writing to a ledger file, so that a cut or rebuilt file shows.

Beside each ledger file ``x.csv`` kpi keeps ``x.csv.head``, rewritten atomically after every
append: the line number, end offset and hash of the last row it wrote. Every read checks
that this row is still there, unchanged; a ledger that lost rows at its end, whose chain was
rebuilt, or that was deleted is reported. Commit the head file with the ledger.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO, NamedTuple

from kpi_cli.files import atomic_write, reason
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.format import HEAD_SUFFIX, looks_like_hash

MAGIC = "kpi-ledger-head 1"


class Head(NamedTuple):
    line: int
    end: int  # byte offset just after the line
    hash: str


def head_path(file: Path) -> Path:
    return file.with_name(file.name + HEAD_SUFFIX)


class HeadState(NamedTuple):
    """What the head file of a ledger file says: the head (None when absent or unreadable), what is
    wrong with it or with the ledger against it (None when nothing), and whether the file exists."""

    head: Head | None
    problem: Msg | None
    present: bool


def load_state(file: Path) -> HeadState:
    """The head file of a ledger file, read without following a link and checked for sense."""
    path = head_path(file)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return HeadState(None, None, path.is_symlink())
    except OSError as exc:
        if path.is_symlink():
            return HeadState(None, _unreadable(path, Msg("it is a link; kpi keeps head files as plain files")), True)
        return HeadState(None, _unreadable(path, Msg("{why}", why=reason(exc))), True)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return HeadState(None, _unreadable(path, Msg("it is not a regular file")), True)
        data = os.read(fd, 512)
    finally:
        os.close(fd)
    head = parse(data)
    if head is None:
        shown = data[:40].decode("utf-8", "replace").strip() or ""
        return HeadState(None, _unreadable(path, Msg("it holds {text!r}, not a head", text=shown)), True)
    return HeadState(head, None, True)


def _unreadable(path: Path, why: Msg) -> Msg:
    return Msg(
        "{name} cannot be read ({why}), so kpi cannot tell whether rows were cut; if the ledger is complete, "
        "kpi verify --repair writes a new head file",
        name=path.name,
        why=why,
    )


def parse(data: bytes) -> Head | None:
    """A head from the bytes of a head file (None when they are not one)."""
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        return None
    parts = text.split()
    if len(parts) != 5 or " ".join(parts[:2]) != MAGIC or not looks_like_hash(parts[4]):
        return None
    if not (parts[2].isdigit() and parts[3].isdigit()) or len(parts[2]) > 12 or len(parts[3]) > 15:
        return None
    line, end = int(parts[2]), int(parts[3])
    if line < 2 or end < 1:
        return None
    return Head(line, end, parts[4])


def load(file: Path) -> Head | None:
    """The remembered head of a ledger file (None when there is none or it cannot be read)."""
    return load_state(file).head


def store(file: Path, head: Head) -> Msg | None:
    """Remember a head; returns None or why it could not be written (the rows are written anyway)."""
    data = f"{MAGIC} {head.line} {head.end} {head.hash}\n".encode("ascii")
    try:
        atomic_write(head_path(file), data, follow=False)
    except OSError as exc:
        return Msg("could not update {file}: {why}", file=head_path(file), why=reason(exc))
    return None


def check(file: Path, head: Head) -> Msg | None:
    """None when the remembered row is still in the file, else what happened to it."""
    short = head.hash[:12]
    try:
        with file.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size >= head.end:
                fh.seek(max(0, head.end - 67))
                tail = fh.read(67 if head.end >= 67 else head.end)
                if tail.endswith((f",{head.hash}\n".encode(), f",{head.hash}\r\n".encode())):
                    return None
            stored = _stored_hash_at(fh, head.line)
    except OSError as exc:
        return Msg("cannot check it against {name}: {why}", name=head_path(file).name, why=reason(exc))
    if stored == head.hash:
        return None  # the same row, moved by a re-save (CRLF, quotes)
    if stored is None:
        return Msg(
            "has fewer rows than when kpi last wrote to it (line {line}, hash {hash}…): rows were cut; restore it "
            "from a backup or the git history (or delete the .head file if this is intended)",
            line=head.line,
            hash=short,
        )
    return Msg(
        "line {line} is no longer the row kpi wrote there (hash {hash}…): the ledger was rebuilt; restore it from "
        "a backup or the git history (or delete the .head file if this is intended)",
        line=head.line,
        hash=short,
    )


def _stored_hash_at(fh: BinaryIO, line: int) -> str | None:
    """The last field of line number ``line`` (None when the file is shorter)."""
    fh.seek(0)
    for lineno, raw in enumerate(fh, start=1):
        if lineno == line:  # the hash is the ASCII tail of the line, whatever the encoding of the rest
            # (a spreadsheet's re-save may quote it, or pad a format 1 row with empty cells after it)
            return raw.rstrip(b"\r\n").rstrip(b'",')[-64:].decode("ascii", "replace")
    return None
