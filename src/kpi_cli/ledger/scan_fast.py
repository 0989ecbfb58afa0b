"""The fast reader, for big ledgers: runs of common lines in blocks, every other line by the reference rules.

The file is read a quarter megabyte at a time (``pread``, or seek and read where there is none) and
split into lines in one call; ``scan_blocks`` takes in the common lines a block at a time, and
each other line is handed to ``FileScan.check_line`` itself, so its rules exist once. Files of
16 MB and more are read in two halves, the second by a forked child (where ``fork`` exists),
split at a line that does not continue an import. The child reads its half by the same rules
from the chain stored on the line before it; the parent uses what it found only if the first
half ends in that very state (the same chain, no import or cut line being read), and
otherwise reads the second half itself, so the result is always that of one pass.
"""

from __future__ import annotations

import marshal
import os
import sys
from itertools import repeat
from typing import Any, BinaryIO, NamedTuple

from kpi_cli.ledger.format import Problem, Row
from kpi_cli.ledger.scan_blocks import CommonLines, Fields, Taken, quoted_lines
from kpi_cli.ledger.scan_reference import Batch, FileScan

CHUNK = 1 << 18  # bytes read at once, split into lines in one call (its lines stay in cache: 1 MB was slower)
PREAD = getattr(os, "pread", None)  # reads at an offset without moving the one a forked child shares
FORK_FROM = int(os.environ.get("KPI_FORK_FROM") or 16 << 20)  # bytes: from here on a child reads the second half
SPLIT_WINDOW = 1 << 20  # bytes after the middle searched for a line that does not continue an import


class _Half(NamedTuple):
    """What the child found in the second half, as plain values (its lines numbered from 0)."""

    previous: bytes
    rows: int
    head: str
    latest: list[tuple[Any, ...]]  # Row
    kept: list[tuple[Any, ...]]  # Row
    problems: list[tuple[Any, ...]]  # Problem
    superseded: set[str]
    found: set[str]
    batch: tuple[Any, ...] | None  # Batch
    torn_line: tuple[int, int, bytes] | None


def _row(file: str, lineno: int, f: Fields) -> Row:
    return Row(
        file,
        lineno,
        f[0].decode("utf-8"),
        f[1].decode("utf-8"),
        f[2].decode("utf-8"),
        int(f[3]),
        f[4].decode("ascii"),
        f[5].decode("utf-8"),
        f[6].decode("utf-8"),
        f[7].decode("ascii"),
        f[8].decode("ascii"),
        f[9].decode("ascii"),
    )


def _loop(scan: FileScan, taken: Taken, fd: int, offset: int, lineno: int, stop: int) -> tuple[int, int]:
    """Read lines from ``offset`` (line ``lineno``) up to ``stop``; return where it ended.

    Rows are counted per run of common lines (the run's length), and a run's last hash is the
    chain (``previous``): the blocks themselves only check lines and remember the latest row."""
    check = CommonLines(scan, taken)
    read_at = PREAD or _seek_and_read
    run = lineno  # the first line of the current run of common lines
    ln = lineno - 1  # the last line read
    pos = offset  # where the next read starts
    carry = b""  # the start of a line that goes on in the next chunk
    while pos < stop:
        data = read_at(fd, min(CHUNK, stop - pos), pos)
        if not data:  # the file is shorter than it was: read what there is
            break
        base = pos - len(carry)  # where the first line of this chunk starts
        pos += len(data)
        chunk = carry + data if carry else data
        pieces = chunk.split(b"\n")
        carry = pieces.pop()
        lines = list(map(bytes.rstrip, pieces, repeat(b"\r"))) if b"\r" in chunk else pieces
        quoted, plain = quoted_lines(chunk), chunk.isascii()
        first, i = ln + 1, 0
        known, known_at = 0, base  # a line whose start is known (found when needed, in order)
        while (i := check.common(lines, i, first + i, quoted, plain)) < len(lines):
            ln = first + i  # a line that is not common
            known_at += sum(map(len, pieces[known:i])) + i - known
            known = i
            check.sync()
            check.previous = _hand_over(scan, taken, lines[i], ln, known_at, True, check.previous, run)
            check.load_batch()
            run, i = ln + 1, i + 1
        ln = first + len(lines) - 1
    check.sync()
    if carry:  # the last line has no line end: never a common line
        _hand_over(scan, taken, carry.rstrip(b"\r"), ln + 1, pos - len(carry), False, check.previous, run)
        return pos, ln + 2
    _end_run(taken, ln + 1 - run, check.previous)
    return pos, ln + 1


def _seek_and_read(fd: int, size: int, offset: int) -> bytes:
    """``pread`` where there is none (Windows, which has no fork either, so no shared offset)."""
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, size)


def _hand_over(
    scan: FileScan, taken: Taken, line: bytes, ln: int, here: int, complete: bool, previous: bytes, run: int
) -> bytes:
    """A line that is not common: count the run before it, then check it by the reference rules."""
    _end_run(taken, ln - run, previous)
    scan.previous = previous
    _flush(scan, taken)
    scan.check_line(line, ln, here, complete)
    return scan.previous


def _end_run(taken: Taken, rows: int, previous: bytes) -> None:
    """A run of common lines ended: count its rows; its last row's hash is the chain so far."""
    if rows > 0:
        taken.rows += rows
        taken.head = previous


def _flush(scan: FileScan, taken: Taken, *, final: bool = False) -> None:
    """Hand what the loop counted to the scan (the latest rows only at the end: by line number)."""
    if final:
        for (_, _), (lineno, f) in taken.latest.items():
            row = _row(scan.file, lineno, f)
            other = scan.latest.get((row.kpi_id, row.year))
            if other is None or other.line < lineno:
                scan.latest[(row.kpi_id, row.year)] = row
        taken.latest.clear()
    if not taken.rows:
        return
    scan.kept.extend(_row(scan.file, ln, f) for ln, f in taken.kept)
    scan.found.update(h.decode("ascii") for h in taken.found)
    scan.superseded.update(h.decode("ascii") for h in taken.superseded)
    scan.rows += taken.rows
    scan.head = taken.head.decode("ascii")
    taken.reset()


def scan_lines(scan: FileScan, fh: BinaryIO, start: int, first_line: int, end: int) -> None:
    """Check every line from offset ``start`` (line ``first_line``) to ``end``."""
    taken = Taken()
    child = _Child.start(scan, fh, start, end) if end - start >= FORK_FROM else None
    fd = fh.fileno()
    if child is None:
        _loop(scan, taken, fd, start, first_line, end)
        _flush(scan, taken, final=True)
        return
    offset, lineno = _loop(scan, taken, fd, start, first_line, child.split)
    _flush(scan, taken)
    half = child.join()
    if half is not None and _agrees(scan, offset, child):
        _merge(scan, half, lineno)
    else:  # the child assumed a chain or a state the first half does not end in: read on here
        _loop(scan, taken, fd, offset, lineno, end)
    _flush(scan, taken, final=True)


def _agrees(scan: FileScan, offset: int, child: _Child) -> bool:
    """Whether the first half ends where the child began, in the state it assumed: the chain it
    took from the line before, and no import or cut line being read."""
    return offset == child.split and scan.previous == child.previous and scan.batch is None and scan.torn_line is None


def _merge(scan: FileScan, half: _Half, shift: int) -> None:
    """Add what the child found to the first half's scan, its line numbers moved by ``shift``."""

    def moved(t: tuple[Any, ...]) -> tuple[Any, ...]:  # (file, line, ...)
        return (t[0], t[1] + shift, *t[2:])

    scan.latest.update({(r.kpi_id, r.year): r for r in (Row._make(moved(t)) for t in half.latest)})
    scan.kept.extend(Row._make(moved(t)) for t in half.kept)
    scan.problems.extend(Problem._make(moved(t)) for t in half.problems)
    scan.superseded |= half.superseded
    scan.found |= half.found
    scan.rows += half.rows
    scan.head = half.head if half.rows else scan.head
    scan.previous = half.previous
    b = None if half.batch is None else Batch._make(half.batch)
    scan.batch = None if b is None else b._replace(line=b.line + shift)
    torn = half.torn_line
    scan.torn_line = None if torn is None else (torn[0], torn[1] + shift, torn[2])


class _Child:
    """A forked process that reads the second half while the parent reads the first."""

    def __init__(self, pid: int, fd: int, split: int, previous: bytes) -> None:
        self.pid, self.fd, self.split = pid, fd, split
        self.previous = previous  # the chain the child assumed: the hash stored on the line before its half

    @classmethod
    def start(cls, scan: FileScan, fh: BinaryIO, start: int, end: int) -> _Child | None:
        if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
            return None  # pragma: no cover - Windows, or one core: one pass
        split, previous = split_point(fh, start, end)
        if split is None:
            return None
        read_fd, write_fd = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child process
            code = 1
            try:
                os.close(read_fd)
                code = _check_second_half_in_child(scan, fh, split, end, previous, write_fd)
            finally:
                os._exit(code)
        os.close(write_fd)
        fh.seek(start)
        return cls(pid, read_fd, split, previous)

    def join(self) -> _Half | None:
        with os.fdopen(self.fd, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        if status != 0 or not data:
            return None  # pragma: no cover - the parent reads the second half itself
        # Written a moment ago by our own forked child, through a private pipe.
        return _Half(*marshal.loads(data))  # noqa: S302


def split_point(fh: BinaryIO, start: int, end: int) -> tuple[int | None, bytes]:
    """A line start near the middle, not inside an import (the first half would end still
    reading it), and the stored hash of the line before it."""
    middle = start + (end - start) // 2
    low = max(start, middle - 4096)
    fh.seek(low)
    window = fh.read(middle - low + SPLIT_WINDOW)
    cut = window.rfind(b"\n", 0, middle - low)
    if cut < 0:
        return None, b""
    after = window[cut + 1 :].split(b"\n")[:-1]  # the whole lines after the cut
    skip = next((i for i, line in enumerate(after) if not _continues_import(line)), 0)
    cut += sum(map(len, after[:skip])) + skip
    if low + cut + 1 >= end:
        return None, b""
    before = window[:cut].rsplit(b"\n", 1)[-1].rstrip(b"\r")
    return low + cut + 1, before[-64:]


def _continues_import(line: bytes) -> bool:
    """Whether a line is row 2 or later of an import (by its batch field, the one before the hash)."""
    fields = line.rstrip(b"\r").rsplit(b",", 2)
    return len(fields) == 3 and b":" in fields[1] and not fields[1].partition(b":")[2].startswith(b"1/")


def _check_second_half_in_child(
    scan: FileScan, fh: BinaryIO, split: int, end: int, previous: bytes, write_fd: int
) -> int:  # pragma: no cover - runs in the child process
    half = FileScan(scan.file, scan.keep, scan.wanted, scan.named)
    half.previous = previous
    taken = Taken()
    _loop(half, taken, fh.fileno(), split, 0, end)  # pread: no shared offset
    _flush(half, taken, final=True)
    done = _Half(
        half.previous,
        half.rows,
        half.head,
        [tuple(r) for r in half.latest.values()],
        [tuple(r) for r in half.kept],
        [tuple(p) for p in half.problems],
        half.superseded,
        half.found,
        None if half.batch is None else tuple(half.batch),
        half.torn_line,
    )
    with os.fdopen(write_fd, "wb") as pipe:
        pipe.write(marshal.dumps(tuple(done)))
    return 0
