"""Writing to the ledger: one batch per append, under an exclusive lock, fsynced.

Each append writes complete lines with one write(), checks the byte count and
fsyncs (and fsyncs the folder when it creates the file) before it returns. An
unfinished tail left by an interrupted write is removed under the lock first.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .errors import LedgerError
from .ledger import HEADER_BYTES, LedgerRead, NewRow, Row, _csv_line, chain_hash, read, writer_file_name
from .records import record


def now_iso() -> str:
    """The current local time, ISO 8601 with its UTC offset."""
    from datetime import datetime

    return datetime.now().astimezone().isoformat(timespec="milliseconds")


def target_file(path: Path, recorded_by: str) -> Path:
    """The file a writer appends to: the ledger file, or its own file in folder mode."""
    if path.is_dir():
        return path / writer_file_name(recorded_by)
    return path


@contextmanager
def _locked(fh: BinaryIO) -> Iterator[None]:
    """An exclusive lock on the open file, held while the block runs."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        # Lock one byte far beyond any real data: readers are never blocked.
        fh.seek(0x7FFFFFFF)
        msvcrt.locking(fh.fileno(), msvcrt.LK_LOCK, 1)
        try:
            yield
        finally:
            fh.seek(0x7FFFFFFF)
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@record
class AppendResult:
    file: Path
    rows: list[Row]
    discarded_bytes: int  # an unfinished tail removed before appending


def append(
    path: Path,
    rows: Sequence[NewRow],
    *,
    check: Callable[[LedgerRead], None] | None = None,
    create_folder: bool = False,
) -> AppendResult:
    """Append rows as one batch (one write of complete lines), under an exclusive lock.

    ``check`` sees the whole ledger as read under the lock and may raise to
    refuse the write (a value already recorded, say). On success the rows are
    on disk (fsync) before this returns.
    """
    if not rows:
        raise LedgerError("nothing to write")
    file = target_file(path, rows[0].recorded_by)
    folder = file.parent
    if not folder.is_dir():
        if not create_folder:
            raise LedgerError(f"folder {folder} does not exist; create it or choose another --ledger")
        folder.mkdir(parents=True, exist_ok=True)
    created = not file.exists()
    try:
        fh = file.open("a+b")
    except OSError as exc:
        raise LedgerError(f"cannot open ledger {file} for writing: {exc.strerror}") from None
    with fh, _locked(fh):
        whole = read(path)
        if check is not None:
            check(whole)
        mine = next((f for f in whole.files if Path(f.path) == file), None)
        fd = fh.fileno()
        size = os.fstat(fd).st_size
        prefix = b""
        previous = b""
        discarded = 0
        if size == 0:
            prefix = HEADER_BYTES + b"\n"
        elif mine is not None:
            previous = mine.tip.encode("ascii")
            if mine.valid_end < size:
                discarded = size - mine.valid_end
                os.ftruncate(fd, mine.valid_end)
                size = mine.valid_end
            fh.seek(size - 1)
            if fh.read(1) != b"\n":
                prefix = b"\n"  # saved without a final newline (Excel): end that line first
        lines, written = _encode(rows, previous, str(file), _start_line(file, size, prefix))
        data = prefix + b"".join(lines)
        n = os.write(fd, data)
        if n != len(data):
            os.ftruncate(fd, size)
            raise LedgerError(f"short write to {file} ({n} of {len(data)} bytes); nothing was recorded")
        os.fsync(fd)
    if created:
        _fsync_dir(folder)
    return AppendResult(file=file, rows=written, discarded_bytes=discarded)


def _start_line(file: Path, size: int, prefix: bytes) -> int:
    """The line number the first new row will have."""
    if size == 0:
        return 2
    count = 0
    with file.open("rb") as fh:
        while size > 0:
            chunk = fh.read(min(size, 1 << 20))
            if not chunk:
                break
            count += chunk.count(b"\n")
            size -= len(chunk)
    return count + 1 + (1 if prefix == b"\n" else 0)


def _encode(
    rows: Sequence[NewRow], previous: bytes, shown: str, first_line: int, *, single_rows: bool = False
) -> tuple[list[bytes], list[Row]]:
    """Encode rows as chained lines; several rows form one import batch unless ``single_rows``."""
    batch_id = ""
    if len(rows) > 1 and not single_rows:
        import secrets  # only imports need a batch id; the module costs ~5 ms to import

        batch_id = secrets.token_hex(4)
    out: list[bytes] = []
    written: list[Row] = []
    for i, r in enumerate(rows, start=1):
        batch = f"{batch_id}:{i}/{len(rows)}" if batch_id else ""
        fields = [
            r.recorded_at,
            r.recorded_by,
            r.kpi_id,
            str(r.year),
            r.value,
            r.note,
            r.source,
            "true" if r.correction else "false",
            batch,
        ]
        body = _csv_line(fields).encode("utf-8")
        digest = chain_hash(previous, body)
        previous = digest.encode("ascii")
        out.append(body + b"," + previous + b"\n")
        written.append(
            Row(
                shown,
                first_line + i - 1,
                r.recorded_at,
                r.recorded_by,
                r.kpi_id,
                r.year,
                r.value,
                r.note,
                r.source,
                r.correction,
                batch,
                digest,
            )
        )
    return out, written
