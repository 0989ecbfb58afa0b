"""Appending to the ledger: one batch per append, under an exclusive lock, into the file at the path.

Each append: opens the file (creating it only once the rows are accepted), takes an
exclusive lock, checks that the locked file is still the one the path names (a sync client
or ``git pull`` may have replaced it), reads the whole ledger, lets the caller refuse or
complete the rows, removes a provable torn write, writes the rows with one ``write()``,
fsyncs, checks the path again, and only then remembers the new head and reports success.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from kpi_cli.errors import LedgerError
from kpi_cli.files import OPEN_ELSEWHERE, fsync_dir
from kpi_cli.ledger import head as heads
from kpi_cli.ledger.format import HEADER_BYTES, NewRow, Row, encode_rows, writer_file_name
from kpi_cli.ledger.read import LedgerRead, read

RETRIES = 20  # times the ledger may be replaced under us before we give up


class AppendResult(NamedTuple):
    file: Path
    rows: list[Row]
    discarded_bytes: int  # a torn write removed before appending
    head_problem: str  # "" or why the head file could not be updated


def now_iso() -> str:
    """The current local time, ISO 8601 with its UTC offset."""
    from datetime import datetime

    return datetime.now().astimezone().isoformat(timespec="milliseconds")


def target_file(path: Path, recorded_by: str, *, folder: bool = False) -> Path:
    """The file a writer appends to: the ledger file, or its own file in folder mode."""
    if folder or path.is_dir():
        return path / writer_file_name(recorded_by)
    return path


@contextlib.contextmanager
def _locked(fd: int) -> Iterator[None]:
    """An exclusive lock on the open file, held while the block runs."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        # Lock one byte far beyond any real data: readers are never blocked.
        os.lseek(fd, 0x7FFFFFFF, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
        try:
            yield
        finally:
            os.lseek(fd, 0x7FFFFFFF, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)


def _identity(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


def _at_path(file: Path) -> tuple[int, int] | None:
    try:
        return _identity(file.stat())
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise LedgerError(f"cannot check ledger {file}: {exc.strerror}") from None


def _open(file: Path) -> tuple[int, bool]:
    """An open descriptor of the ledger file (created empty if missing), and whether we created it."""
    flags = os.O_RDWR | os.O_APPEND | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    if file.is_symlink() and not file.exists():
        raise LedgerError(f"ledger {file} is a link to a missing file; fix the link or give another --ledger")
    while True:
        try:
            fd, created = os.open(file, flags), False
        except FileNotFoundError:
            try:
                fd, created = os.open(file, flags | os.O_CREAT | os.O_EXCL, 0o644), True
            except FileExistsError:
                continue
            except OSError as exc:
                raise LedgerError(f"cannot create ledger {file}: {exc.strerror}") from None
        except PermissionError as exc:  # on Windows also a file that Excel has open
            raise LedgerError(
                f"cannot open ledger {file} for writing: {exc.strerror}; {OPEN_ELSEWHERE}; nothing was recorded"
            ) from None
        except OSError as exc:
            raise LedgerError(f"cannot open ledger {file} for writing: {exc.strerror}") from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise LedgerError(f"ledger {file} is not a regular file (a device, a FIFO or a socket); give a CSV file")
        return fd, created


def append(
    path: Path,
    rows: Sequence[NewRow],
    *,
    prepare: Callable[[LedgerRead], Sequence[NewRow]] | None = None,
    folder: bool = False,
    create_folder: bool = False,
) -> AppendResult:
    """Append rows as one batch; ``prepare`` sees the ledger as read under the lock and may
    refuse (raise) or return the rows to write (a correction names the row it supersedes).
    On success the rows are on disk (fsync) in the file the path names."""
    if not rows:
        raise LedgerError("nothing to write")
    file = target_file(path, rows[0].recorded_by, folder=folder)
    _make_folder(file.parent, create_folder or folder)
    for _ in range(RETRIES):
        done = _append_once(path, file, rows, prepare)
        if done is not None:
            from kpi_cli import streams

            if done.rows:
                streams.COMMITTED.append(str(done.file))
            return done
    raise LedgerError(
        f"{file} was replaced {RETRIES} times while kpi was writing (a sync client or git?); nothing was recorded"
    )


def _make_folder(folder: Path, create: bool) -> None:
    if folder.is_dir():
        return
    if not create:
        raise LedgerError(f"folder {folder} does not exist; create it or choose another --ledger")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LedgerError(f"cannot create {folder}: {exc.strerror}; give --ledger a writable place") from None


def _append_once(
    path: Path, file: Path, rows: Sequence[NewRow], prepare: Callable[[LedgerRead], Sequence[NewRow]] | None
) -> AppendResult | None:
    """One attempt; None when the file was replaced under us (nothing was reported as written)."""
    fd, created = _open(file)
    try:
        with _locked(fd):
            if _at_path(file) != _identity(os.fstat(fd)):
                return None  # replaced while we waited for the lock: try the new file
            try:
                whole = read(path)
                final = list(prepare(whole) if prepare is not None else rows)
            except BaseException:
                _drop_if_empty(file, fd, created)
                raise
            marker = next((p for p in whole.problems if p.kind == "conflict" and Path(p.file) == file), None)
            if marker is not None:
                _drop_if_empty(file, fd, created)
                raise LedgerError(
                    f"{file} has a git merge conflict marker at line {marker.line}; nothing was recorded; "
                    "see kpi verify"
                )
            if not final:  # everything given is already in force: nothing to write
                _drop_if_empty(file, fd, created)
                return AppendResult(file, [], 0, "")
            mine = next((f for f in whole.files if Path(f.file) == file), None)
            size = os.fstat(fd).st_size
            prefix, previous, discarded = b"", b"", 0
            if size == 0:
                prefix = HEADER_BYTES + b"\n"
            elif mine is not None:
                previous = mine.tip
                if mine.valid_end < size:
                    discarded = size - mine.valid_end
                    os.ftruncate(fd, mine.valid_end)
                    size = mine.valid_end
                os.lseek(fd, size - 1, os.SEEK_SET)
                if os.read(fd, 1) != b"\n":
                    prefix = b"\n"  # saved without a final newline (Excel): end that line first
            batch_id = ""
            if len(final) > 1:
                batch_id = os.urandom(4).hex()
            lines, hashes = encode_rows(final, previous, batch_id)
            data = prefix + b"".join(lines)
            _write_all(fd, data, size, file, created)
            if _at_path(file) != _identity(os.fstat(fd)):
                return None  # replaced while we wrote: those bytes went to a file nobody sees
            first = _line_count(fd, size) + (1 if prefix == b"\n" else 0) + (2 if size == 0 else 1)
            written = [
                Row(str(file), first + i, r.recorded_at, r.recorded_by, r.kpi_id, r.year, r.value, r.note, r.source,
                    r.correction, f"{batch_id}:{i + 1}/{len(final)}" if batch_id else "", h)
                for i, (r, h) in enumerate(zip(final, hashes, strict=True))
            ]  # fmt: skip
    finally:
        os.close(fd)
    if created:
        with contextlib.suppress(OSError):
            fsync_dir(file.parent)
    last = written[-1]
    problem = heads.store(file, heads.Head(last.line, size + len(data), last.hash))
    return AppendResult(file=file, rows=written, discarded_bytes=discarded, head_problem=problem)


def _write_all(fd: int, data: bytes, size: int, file: Path, created: bool) -> None:
    """Write ``data`` at the end with one write() and fsync; on failure leave the file as it was."""
    try:
        n = os.write(fd, data)
        if n != len(data):
            raise OSError(errno.ENOSPC, f"short write ({n} of {len(data)} bytes)")
        os.fsync(fd)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, size)
        _drop_if_empty(file, fd, created)
        why = exc.strerror or str(exc)
        raise LedgerError(f"cannot write to {file}: {why}; nothing was recorded") from None


def _drop_if_empty(file: Path, fd: int, created: bool) -> None:
    """A file this call created and did not fill is removed again (a refused write leaves nothing)."""
    if created and os.fstat(fd).st_size == 0:
        with contextlib.suppress(OSError):
            file.unlink()


def _line_count(fd: int, size: int) -> int:
    """Line ends in the first ``size`` bytes."""
    count, offset = 0, 0
    while offset < size:
        os.lseek(fd, offset, os.SEEK_SET)
        chunk = os.read(fd, min(size - offset, 1 << 20))
        if not chunk:
            break
        count += chunk.count(b"\n")
        offset += len(chunk)
    return count
