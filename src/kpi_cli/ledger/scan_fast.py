"""The fast reader, for big ledgers: runs of common lines in blocks, every other line by the reference rules.

The file is read a megabyte at a time (``pread``, or seek and read where there is none) and
split into lines in one call; ``scan_blocks`` takes in the common lines a block at a time, and
each other line is handed to ``FileScan.check_line`` itself, so its rules exist once. Files of
16 MB and more are read in two halves, the second by a forked child (where ``fork`` exists).
The child stops at the first line that is not common, and the parent goes on from there
itself, so every uncommon line is still read by the parent.
"""

from __future__ import annotations

import marshal
import os
import sys
from itertools import repeat
from typing import BinaryIO, NamedTuple

from kpi_cli.ledger.format import Row
from kpi_cli.ledger.scan_blocks import CommonLines, Fields, Taken
from kpi_cli.ledger.scan_reference import FileScan

CHUNK = 1 << 20  # bytes read at once; split into lines in one call
PREAD = getattr(os, "pread", None)  # reads at an offset without moving the one a forked child shares
FORK_FROM = int(os.environ.get("KPI_FORK_FROM") or 16 << 20)  # bytes: from here on a child checks the second half


class _Progress(NamedTuple):
    """What the child sends back: how far it got and what it counted there."""

    lines: int
    offset: int
    previous: bytes
    rows: int
    head: bytes
    latest: dict[tuple[bytes, bytes], tuple[int, Fields]]
    kept: list[tuple[int, Fields]]
    found: list[bytes]
    superseded: set[bytes]


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


def _loop(
    scan: FileScan, taken: Taken, fd: int, offset: int, lineno: int, stop: int, *, common_only: bool = False
) -> tuple[int, int]:
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
        quoted, plain = b'"' in chunk, chunk.isascii()
        first, i = ln + 1, 0
        known, known_at = 0, base  # a line whose start is known (found when needed, in order)
        while (i := check.common(lines, i, first + i, quoted, plain)) < len(lines):
            ln = first + i  # a line that is not common
            known_at += sum(map(len, pieces[known:i])) + i - known
            known = i
            check.sync()
            if common_only:  # the child stops here: the parent reads this line
                _end_run(taken, ln - run, check.previous)
                return known_at, ln
            check.previous = _hand_over(scan, taken, lines[i], ln, known_at, True, check.previous, run)
            check.load_batch()
            run, i = ln + 1, i + 1
        ln = first + len(lines) - 1
    check.sync()
    if carry:  # the last line has no line end: never a common line
        return _last_line(scan, taken, carry, ln + 1, pos, check.previous, run, common_only)
    _end_run(taken, ln + 1 - run, check.previous)
    return pos, ln + 1


def _last_line(
    scan: FileScan, taken: Taken, carry: bytes, ln: int, end: int, previous: bytes, run: int, common_only: bool
) -> tuple[int, int]:
    """A last line without its line end (line ``ln``, ending at ``end``): the reference rules read it."""
    if common_only:
        _end_run(taken, ln - run, previous)
        scan.previous = previous
        return end - len(carry), ln
    _hand_over(scan, taken, carry.rstrip(b"\r"), ln, end - len(carry), False, previous, run)
    return end, ln + 1


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
    done = child.join()
    usable = offset == child.split and scan.batch is None and scan.previous == child.previous
    if done is not None and usable and done.rows:
        base = lineno
        taken.latest.update({k: (base + ln, f) for k, (ln, f) in done.latest.items()})
        taken.kept.extend((base + ln, f) for ln, f in done.kept)
        taken.found.extend(done.found)
        taken.superseded.update(done.superseded)
        taken.rows, taken.head = done.rows, done.head
        _flush(scan, taken)
        scan.previous = done.previous
        offset, lineno = done.offset, base + done.lines
    if offset < end:
        _loop(scan, taken, fd, offset, lineno, end)
    _flush(scan, taken, final=True)


class _Child:
    """A forked process that checks the common lines of the second half while the parent reads the first."""

    def __init__(self, pid: int, fd: int, split: int, previous: bytes) -> None:
        self.pid, self.fd, self.split = pid, fd, split
        self.previous = previous  # the chain the child assumed: the hash stored on the line before its half

    @classmethod
    def start(cls, scan: FileScan, fh: BinaryIO, start: int, end: int) -> _Child | None:
        if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
            return None  # pragma: no cover - Windows, or one core: one pass
        split, previous = _split_point(fh, start, end)
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

    def join(self) -> _Progress | None:
        with os.fdopen(self.fd, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        if status != 0 or not data:
            return None  # pragma: no cover - the parent reads the second half itself
        # Written a moment ago by our own forked child, through a private pipe.
        return _Progress(*marshal.loads(data))  # noqa: S302


def _split_point(fh: BinaryIO, start: int, end: int) -> tuple[int | None, bytes]:
    """A line start near the middle, and the stored hash of the line before it."""
    middle = start + (end - start) // 2
    low = max(start, middle - 4096)
    fh.seek(low)
    chunk = fh.read(8192)
    cut = chunk.rfind(b"\n", 0, middle - low)
    if cut < 0:
        return None, b""
    before = chunk[:cut].rsplit(b"\n", 1)[-1].rstrip(b"\r")
    return low + cut + 1, before[-64:]


def _check_second_half_in_child(
    scan: FileScan, fh: BinaryIO, split: int, end: int, previous: bytes, write_fd: int
) -> int:  # pragma: no cover - runs in the child process
    taken = Taken()
    scan.previous, scan.batch = previous, None
    offset, lines = _loop(scan, taken, fh.fileno(), split, 0, end, common_only=True)  # pread: no shared offset
    done = _Progress(
        lines, offset, scan.previous, taken.rows, taken.head, taken.latest, taken.kept, taken.found, taken.superseded
    )
    with os.fdopen(write_fd, "wb") as pipe:
        pipe.write(marshal.dumps(tuple(done)))
    return 0
