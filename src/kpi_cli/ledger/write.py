"""Appending to the ledger: one batch per append, under an exclusive lock, into the file at the path.

Each append: opens the file (creating it only once the rows are accepted), takes an
exclusive lock (saying so when another kpi holds it), checks that the locked file is still
the one the path names (a sync client or ``git pull`` may have replaced it), reads the whole
ledger, checks the file against its head anchor, lets the caller refuse or complete the
rows, removes a torn write that is provably kpi's own, writes the rows with one ``write()``,
fsyncs, checks the path again, and only then remembers the new head and reports success.

Never written to: a file whose head anchor says rows were cut or rewritten, whose head file
cannot be read, that ends in an unfinished write kpi cannot prove is its own (no anchor),
that is not a kpi ledger (a foreign ``notes.csv`` in a ledger folder), or that holds a git
merge conflict.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from kpi_cli.errors import LedgerError
from kpi_cli.files import OPEN_ELSEWHERE, atomic_write, fsync_dir, locked, reason
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger import head as heads
from kpi_cli.ledger.format import (
    HEADER_BYTES,
    HEADER_V2_BYTES,
    MAX_FIELD,
    NewRow,
    Row,
    encode_rows,
    writer_file_name,
)
from kpi_cli.ledger.read import LedgerRead, read

RETRIES = 20  # times the ledger may be replaced under us before we give up


class AppendResult(NamedTuple):
    file: Path
    rows: list[Row]
    discarded_bytes: int  # a torn write removed before appending
    head_problem: Msg | None  # None, or why the head file could not be updated


def target_file(path: Path, recorded_by: str, *, folder: bool = False) -> Path:
    """The file a writer appends to: the ledger file, or its own file in folder mode."""
    if folder or path.is_dir():
        return path / writer_file_name(recorded_by)
    return path


def _identity(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


def _at_path(file: Path) -> tuple[int, int] | None:
    try:
        return _identity(file.stat())
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise LedgerError(Msg("cannot check ledger {file}: {why}", file=file, why=reason(exc))) from None


def _open(file: Path) -> tuple[int, bool]:
    """An open descriptor of the ledger file (created empty if missing), and whether we created it."""
    flags = os.O_RDWR | os.O_APPEND | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    if file.is_symlink() and not file.exists():
        raise LedgerError(
            Msg("ledger {file} is a link to a missing file; fix the link or give another --ledger", file=file)
        )
    while True:
        try:
            fd, created = os.open(file, flags), False
        except FileNotFoundError:
            try:
                fd, created = os.open(file, flags | os.O_CREAT | os.O_EXCL, 0o644), True
            except FileExistsError:
                continue
            except OSError as exc:
                raise LedgerError(
                    Msg("cannot create ledger {file}: {why}; nothing was recorded", file=file, why=reason(exc))
                ) from None
        except PermissionError as exc:  # on Windows also a file that Excel has open
            raise LedgerError(
                Msg(
                    "cannot open ledger {file} for writing: {why}; {advice}; nothing was recorded",
                    file=file,
                    why=reason(exc),
                    advice=OPEN_ELSEWHERE,
                )
            ) from None
        except OSError as exc:
            raise LedgerError(
                Msg("cannot open ledger {file} for writing: {why}; nothing was recorded", file=file, why=reason(exc))
            ) from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise LedgerError(
                Msg("ledger {file} is not a regular file (a device, a FIFO or a socket); give a CSV file", file=file)
            )
        return fd, created


def append(
    path: Path,
    rows: Sequence[NewRow],
    *,
    prepare: Callable[[LedgerRead], Sequence[NewRow]] | None = None,
    folder: bool = False,
    create_folder: bool = False,
    committed: list[str] | None = None,
    keep: frozenset[str] | None = None,
    waiting: Callable[[], None] | None = None,
    batch: bool = False,
) -> AppendResult:
    """Append rows as one batch; ``prepare`` sees the ledger as read under the lock (rows of the
    KPIs in ``keep`` kept in full) and may refuse (raise) or return the rows to write (a
    correction names the row it supersedes). On success the rows are on disk (fsync) in the file
    the path names, and its name is added to ``committed``."""
    if not rows:
        raise LedgerError(Msg("nothing to write"))
    file = target_file(path, rows[0].recorded_by, folder=folder)
    _make_folder(file.parent, create_folder or folder)
    for _ in range(RETRIES):
        done = _append_once(path, file, rows, prepare, keep, waiting, committed, batch)
        if done is not None:
            return done
    raise LedgerError(
        Msg(
            "{file} was replaced {n} times while kpi was writing (a sync client or git?); nothing was recorded",
            file=file,
            n=RETRIES,
        )
    )


def _make_folder(folder: Path, create: bool) -> None:
    if folder.is_dir():
        return
    if not create:
        raise LedgerError(Msg("folder {folder} does not exist; create it or choose another --ledger", folder=folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LedgerError(
            Msg("cannot create {folder}: {why}; give --ledger a writable place", folder=folder, why=reason(exc))
        ) from None


def _refusal(file: Path, whole: LedgerRead, size: int) -> Msg | None:
    """Why kpi must not append to ``file`` as it stands (None when it may)."""
    marker = next((p for p in whole.problems if p.kind == "conflict" and Path(p.file) == file), None)
    if marker is not None:
        return Msg(
            "{file} has a git merge conflict marker at line {line}; nothing was recorded; see kpi verify",
            file=file,
            line=marker.line,
        )
    header = next((p for p in whole.problems if p.kind == "header" and Path(p.file) == file), None)
    if header is not None:
        return Msg(
            "{file} has a row of ledger format 2 under a format 1 header at line {line}; nothing was recorded; "
            "run kpi verify --repair to put back the format 2 header",
            file=file,
            line=header.line,
        )
    state = whole.heads.get(str(file), heads.HeadState(None, None, False))
    if state.problem is not None and state.present:
        return Msg(
            "{file}: {problem}; nothing was recorded (kpi does not write to a ledger it cannot check)",
            file=file,
            problem=state.problem,
        )
    mine = next((f for f in whole.files if Path(f.file) == file), None)
    if size > 0 and mine is None:
        problem = next((p for p in whole.problems if Path(p.file) == file), None)
        return Msg(
            "{file} is not a kpi ledger file ({problem}); nothing was recorded; give another --by (it names the "
            "file) or move that file out of the ledger folder",
            file=file,
            problem=problem.message if problem is not None else Msg("unreadable"),
        )
    if mine is not None and mine.valid_end < size and state.head is None:
        return Msg(
            "{file} ends in an unfinished write that kpi cannot prove is its own (there is no head file to "
            "check it against); nothing was recorded; run kpi verify --repair to see it and remove it",
            file=file,
        )
    return None


def _append_once(
    path: Path,
    file: Path,
    rows: Sequence[NewRow],
    prepare: Callable[[LedgerRead], Sequence[NewRow]] | None,
    keep: frozenset[str] | None,
    waiting: Callable[[], None] | None,
    committed: list[str] | None,
    batch: bool = False,
) -> AppendResult | None:
    """One attempt; None when the file was replaced under us (nothing was reported as written)."""
    state = heads.load_state(file)
    if state.present and state.problem is not None and state.head is None:
        raise LedgerError(
            Msg(
                "{file}: {problem}; nothing was recorded (kpi does not write to a ledger it cannot check)",
                file=file,
                problem=state.problem,
            )
        )
    if state.present and not file.exists() and not file.is_symlink():
        raise LedgerError(
            Msg(
                "{file} is missing, but kpi wrote to it ({name} remembers it); nothing was recorded; restore it "
                "from a backup or the git history (or delete {name} if it was removed on purpose)",
                file=file,
                name=heads.head_path(file).name,
            )
        )
    fd, created = _open(file)
    try:
        with locked(fd, file, waiting):
            if _at_path(file) != _identity(os.fstat(fd)):
                return None  # replaced while we waited for the lock: try the new file
            try:
                whole = read(path, keep=keep)
                size = os.fstat(fd).st_size
                refusal = _refusal(file, whole, size)
                if refusal is not None:
                    raise LedgerError(refusal)
                final = list(prepare(whole) if prepare is not None else rows)
            except BaseException:
                _drop_if_empty(file, fd, created)
                raise
            if not final:  # everything given is already in force: nothing to write
                _drop_if_empty(file, fd, created)
                return AppendResult(file, [], 0, None)
            v2 = any(any(r.extras) for r in final)
            if v2 and size > 0 and _upgrade(fd, file, whole, size):
                return None  # the file now has format 2's header: write to it
            prefix, previous, size, discarded = _tail(fd, file, whole, size, v2)
            batch_id = os.urandom(4).hex() if len(final) > 1 or batch else ""  # (an import: one, even of one row)
            lines, hashes = encode_rows(final, previous, batch_id)
            if any(len(line) > MAX_FIELD for line in lines):
                _drop_if_empty(file, fd, created)
                raise LedgerError(
                    Msg("a row is longer than a ledger row may be; shorten its texts; nothing was recorded")
                )
            data = prefix + b"".join(lines)
            if not _commit(fd, data, size, file, created, committed):
                return None  # replaced while we wrote: those bytes went to a file nobody sees
            first = _line_count(fd, size) + (1 if prefix == b"\n" else 0) + (2 if size == 0 else 1)
            written = [
                Row(str(file), first + i, r.recorded_at, r.recorded_by, r.kpi_id, r.year, r.value, r.note, r.source,
                    r.correction, f"{batch_id}:{i + 1}/{len(final)}" if batch_id else "", h, *r.extras)
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


def _commit(fd: int, data: bytes, size: int, file: Path, created: bool, committed: list[str] | None) -> bool:
    """Write the rows; whether they are in the file the path names. From then on (or from a Ctrl-C once
    they are in the file) ``committed`` names the file, whatever interrupts the call later."""
    try:
        _write_all(fd, data, size, file, created)
        landed = _at_path(file) == _identity(os.fstat(fd))
    except KeyboardInterrupt:
        if committed is not None and os.fstat(fd).st_size >= size + len(data):
            committed.append(str(file))
        raise
    if landed and committed is not None:
        committed.append(str(file))
    return landed


def _upgrade(fd: int, file: Path, whole: LedgerRead, size: int) -> bool:
    """Give a format 1 file format 2's header (its rows unchanged, so their hashes hold), all at once;
    whether it was rewritten. The head moves with the rows; a writer waiting for the lock of the file
    replaced finds the new one (see ``_append_once``)."""
    mine = next((f for f in whole.files if Path(f.file) == file), None)
    if mine is None or mine.version != 1:
        return False
    os.lseek(fd, 0, os.SEEK_SET)
    data = b""
    while len(data) < size and (chunk := os.read(fd, size - len(data))):
        data += chunk
    end = data.find(b"\n") + 1
    if end <= 0:  # a header without its line end: the rows would not follow it
        return False
    upgraded = HEADER_V2_BYTES + b"\n" + data[end:]
    try:
        atomic_write(file, upgraded)
    except OSError as exc:
        raise LedgerError(
            Msg(
                "cannot give {file} the header of ledger format 2: {why}; nothing was recorded",
                file=file,
                why=reason(exc),
            )
        ) from None
    state = whole.heads.get(str(file))
    if state is not None and state.head is not None:
        moved = len(upgraded) - len(data)
        heads.store(file, state.head._replace(end=state.head.end + moved))
    return True


def _tail(fd: int, file: Path, whole: LedgerRead, size: int, v2: bool) -> tuple[bytes, bytes, int, int]:
    """Where the rows go on: what to write before them (the header, or the end of a last line saved
    without one), the chain so far, the size after removing a torn write of kpi's own, and its bytes."""
    mine = next((f for f in whole.files if Path(f.file) == file), None)
    if size == 0:
        return (HEADER_V2_BYTES if v2 else HEADER_BYTES) + b"\n", b"", 0, 0
    if mine is None:
        return b"", b"", size, 0
    discarded = 0
    if mine.valid_end < size:
        discarded = size - mine.valid_end
        os.ftruncate(fd, mine.valid_end)
        size = mine.valid_end
    os.lseek(fd, size - 1, os.SEEK_SET)
    prefix = b"\n" if os.read(fd, 1) != b"\n" else b""  # saved without a final newline (Excel): end it first
    return prefix, mine.tip, size, discarded


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
        why = reason(exc)
        raise LedgerError(Msg("cannot write to {file}: {why}; nothing was recorded", file=file, why=why)) from None


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
