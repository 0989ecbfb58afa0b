"""The head file: what kpi remembers writing to a ledger file, so that a cut or rebuilt file shows.

Beside each ledger file ``x.csv`` kpi keeps ``x.csv.head``, rewritten atomically after every
append: the line number, end offset and hash of the last row it wrote. Every read checks
that this row is still there, unchanged; a ledger that lost rows at its end, whose chain was
rebuilt, or that was deleted is reported. Commit the head file with the ledger.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO, NamedTuple

from kpi_cli.files import atomic_write
from kpi_cli.ledger.format import HEAD_SUFFIX, looks_like_hash

MAGIC = "kpi-ledger-head 1"


class Head(NamedTuple):
    line: int
    end: int  # byte offset just after the line
    hash: str


def head_path(file: Path) -> Path:
    return file.with_name(file.name + HEAD_SUFFIX)


def load(file: Path) -> Head | None:
    """The remembered head of a ledger file (None when there is none or it cannot be read)."""
    try:
        text = head_path(file).read_text("ascii")
    except (OSError, UnicodeDecodeError):
        return None
    parts = text.split()
    if len(parts) != 5 or " ".join(parts[:2]) != MAGIC or not looks_like_hash(parts[4]):
        return None
    try:
        return Head(int(parts[2]), int(parts[3]), parts[4])
    except ValueError:
        return None


def store(file: Path, head: Head) -> str:
    """Remember a head; returns "" or why it could not be written (the rows are written anyway)."""
    data = f"{MAGIC} {head.line} {head.end} {head.hash}\n".encode("ascii")
    try:
        atomic_write(head_path(file), data)
    except OSError as exc:
        return f"could not update {head_path(file)}: {exc.strerror}"
    return ""


def check(file: Path, head: Head) -> str:
    """ "" when the remembered row is still in the file, else what happened to it."""
    short = head.hash[:12]
    try:
        with file.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size >= head.end:
                fh.seek(max(0, head.end - 67))
                tail = fh.read(67 if head.end >= 67 else head.end)
                if tail.endswith((f",{head.hash}\n".encode(), f",{head.hash}\r\n".encode())):
                    return ""
            stored = _stored_hash_at(fh, head.line)
    except OSError as exc:
        return f"cannot check it against {head_path(file).name}: {exc.strerror}"
    if stored == head.hash:
        return ""  # the same row, moved by a re-save (CRLF, quotes)
    fix = "restore it from a backup or the git history (or delete the .head file if this is intended)"
    if stored is None:
        return f"has fewer rows than when kpi last wrote to it (line {head.line}, hash {short}…): rows were cut; {fix}"
    return f"line {head.line} is no longer the row kpi wrote there (hash {short}…): the ledger was rebuilt; {fix}"


def _stored_hash_at(fh: BinaryIO, line: int) -> str | None:
    """The last field of line number ``line`` (None when the file is shorter)."""
    fh.seek(0)
    for lineno, raw in enumerate(fh, start=1):
        if lineno == line:  # the hash is the ASCII tail of the line, whatever the encoding of the rest
            return raw.rstrip(b"\r\n").rstrip(b'"')[-64:].decode("ascii", "replace")
    return None
