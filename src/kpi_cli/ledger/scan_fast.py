"""The fast reader, for big ledgers: the common line in bytes, every other line by the reference rules.

The common line is a single row (or the next row of the import being read) in UTF-8 whose chain
and fields check out and whose ``correction`` is ``false`` or ``true``; quoted fields (a note
with a comma) are split by ``csv``. Years and values already checked are remembered, since
most repeat. Hashes are OpenSSL's (``hashlib``), faster per row than the built-in module. For it this loop does in
bytes what ``FileScan.check_line`` does; every other line is handed to ``check_line`` itself,
so the rules exist once. The file is read a megabyte at a time (``pread``, or seek and read
where there is none) and split into lines in one call. Files of 16 MB and more are read in two halves, the second by a
forked child (where ``fork`` exists). The child stops at the first line that is not common,
and the parent goes on from there itself, so every uncommon line is still read by the parent.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from collections.abc import Callable
from typing import BinaryIO, NamedTuple

from kpi_cli.ledger.format import FIELD_COUNT, VALUE_PATTERN, Row, parse_line
from kpi_cli.ledger.scan_reference import Batch, FileScan

CHUNK = 1 << 20  # bytes read at once; split into lines in one call
PREAD = getattr(os, "pread", None)  # reads at an offset without moving the one a forked child shares
FORK_FROM = int(os.environ.get("KPI_FORK_FROM") or 16 << 20)  # bytes: from here on a child checks the second half

_Fields = list[bytes]


class _Fast:
    """The loop's own state: rows kept as split bytes until the end."""

    def __init__(self) -> None:
        self.latest: dict[tuple[bytes, bytes], tuple[int, _Fields]] = {}
        self.kept: list[tuple[int, _Fields]] = []
        self.found: list[bytes] = []
        self.rows = 0
        self.head = b""

    def reset(self) -> None:
        """Empty, in place (the loop holds references to the containers)."""
        self.kept.clear()
        self.found.clear()
        self.rows = 0
        self.head = b""


class _Progress(NamedTuple):
    """What the child sends back: how far it got and what it counted there."""

    lines: int
    offset: int
    previous: bytes
    rows: int
    head: bytes
    latest: dict[tuple[bytes, bytes], tuple[int, _Fields]]
    kept: list[tuple[int, _Fields]]
    found: list[bytes]


def _row(file: str, lineno: int, f: _Fields) -> Row:
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
    scan: FileScan, fast: _Fast, fd: int, offset: int, lineno: int, stop: int, *, common_only: bool = False
) -> tuple[int, int]:
    """Read lines from ``offset`` (line ``lineno``) up to ``stop``; return where it ended.

    Rows are counted per run of common lines (the run's length), and a run's last hash is the
    chain (``previous``): the loop itself only checks lines and remembers the latest row."""
    import hashlib  # OpenSSL's SHA-256: worth its 2.5 ms import on a file of a megabyte and more

    sha = hashlib.sha256
    read_at = PREAD or _seek_and_read
    value_ok = re.compile(VALUE_PATTERN).fullmatch
    year_ok = re.compile(rb"[0-9]{4}").fullmatch
    good_years: set[bytes] = set()  # fields already checked: most values repeat
    good_values: set[bytes] = set()
    keep = scan.keep
    keep_ids = {k.encode("utf-8") for k in keep} if keep else set()
    keep_all = keep is not None and not keep
    keeping = keep is not None
    wanted = {w.encode("ascii") for w in scan.wanted}
    latest, kept = fast.latest, fast.kept
    previous = scan.previous
    batch, nxt, prefix, tail, expect = _batch_state(scan)  # the import being read: its next row's field
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
        lines = (carry + data).split(b"\n") if carry else data.split(b"\n")
        carry = lines.pop()
        first = ln + 1
        known, known_at = 0, base  # a line whose start is known (found when needed, in order)
        for ln, piece in enumerate(lines, first):
            line = piece.rstrip(b"\r")
            f = line.split(b",") if b'"' not in line else _quoted(line)
            if (
                len(f) == FIELD_COUNT
                and (line.isascii() or _utf8(line))
                and f[8] == expect
                and sha(previous + b"," + line[:-65]).hexdigest().encode() == f[9]
                and (f[7] == b"false" or f[7] == b"true")
                and (f[3] in good_years or _remember(year_ok, f[3], good_years))
                and (f[4] in good_values or _remember(value_ok, f[4], good_values))
            ):
                previous = f[9]
                if f[8]:  # the next row of the import (counted here, written back to the scan when it stops)
                    if batch is not None and nxt < batch.total:
                        nxt += 1
                        expect = prefix + b"%d" % nxt + tail
                    else:
                        batch, scan.batch, expect = None, None, b""
                latest[(f[2], f[3])] = (ln, f)
                if keeping and (keep_all or f[2] in keep_ids):
                    kept.append((ln, f))
                if wanted and f[9] in wanted:
                    fast.found.append(f[9])
                continue
            while known < ln - first:  # where this line starts
                known_at += len(lines[known]) + 1
                known += 1
            _sync(scan, batch, nxt)
            if common_only:  # the child stops here: the parent reads this line
                _end_run(fast, ln - run, previous)
                scan.previous = previous
                return known_at, ln
            previous = _hand_over(scan, fast, line, ln, known_at, True, previous, run)
            batch, nxt, prefix, tail, expect = _batch_state(scan)
            run = ln + 1
    _sync(scan, batch, nxt)
    if carry:  # the last line has no line end: never a common line
        return _last_line(scan, fast, carry, ln + 1, pos, previous, run, common_only)
    _end_run(fast, ln + 1 - run, previous)
    scan.previous = previous
    return pos, ln + 1


def _last_line(
    scan: FileScan, fast: _Fast, carry: bytes, ln: int, end: int, previous: bytes, run: int, common_only: bool
) -> tuple[int, int]:
    """A last line without its line end (line ``ln``, ending at ``end``): the reference rules read it."""
    if common_only:
        _end_run(fast, ln - run, previous)
        scan.previous = previous
        return end - len(carry), ln
    _hand_over(scan, fast, carry.rstrip(b"\r"), ln, end - len(carry), False, previous, run)
    return end, ln + 1


def _seek_and_read(fd: int, size: int, offset: int) -> bytes:
    """``pread`` where there is none (Windows, which has no fork either, so no shared offset)."""
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, size)


def _hand_over(
    scan: FileScan, fast: _Fast, line: bytes, ln: int, here: int, complete: bool, previous: bytes, run: int
) -> bytes:
    """A line that is not common: count the run before it, then check it by the reference rules."""
    _end_run(fast, ln - run, previous)
    scan.previous = previous
    _flush(scan, fast)
    scan.check_line(line, ln, here, complete)
    return scan.previous


def _batch_state(scan: FileScan) -> tuple[Batch | None, int, bytes, bytes, bytes]:
    """The import being read (or None), the number of its next row, the two fixed parts of that
    row's batch field (``id:`` and ``/n``), and the field itself (empty outside an import)."""
    b = scan.batch
    if b is None:
        return None, 0, b"", b"", b""
    prefix, tail = f"{b.id}:".encode("ascii"), f"/{b.total}".encode("ascii")
    return b, b.next, prefix, tail, prefix + b"%d" % b.next + tail


def _sync(scan: FileScan, batch: Batch | None, nxt: int) -> None:
    """Write the loop's count of the import's rows back to the scan (before it reads a line itself)."""
    if batch is not None and batch.next != nxt:
        scan.batch = batch._replace(next=nxt)


def _end_run(fast: _Fast, rows: int, previous: bytes) -> None:
    """A run of common lines ended: count its rows; its last row's hash is the chain so far."""
    if rows > 0:
        fast.rows += rows
        fast.head = previous


def _remember(check: Callable[[bytes], object], field: bytes, good: set[bytes]) -> bool:
    if check(field) is None:
        return False
    if len(good) < 1 << 16:  # a bound on memory for a file of all-different values
        good.add(field)
    return True


def _quoted(line: bytes) -> _Fields:
    """The fields of a line with quoted fields (a note with a comma), or none if it is not one CSV record."""
    try:
        fields = parse_line(line.decode("utf-8"))
    except UnicodeDecodeError:
        return []
    if fields is None or len(line) < 65 or line[-65:-64] != b",":
        return []
    return [field.encode("utf-8") for field in fields]


def _utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _flush(scan: FileScan, fast: _Fast, *, final: bool = False) -> None:
    """Hand what the loop counted to the scan (the latest rows only at the end: by line number)."""
    if final:
        for (_, _), (lineno, f) in fast.latest.items():
            row = _row(scan.file, lineno, f)
            other = scan.latest.get((row.kpi_id, row.year))
            if other is None or other.line < lineno:
                scan.latest[(row.kpi_id, row.year)] = row
        fast.latest.clear()
    if not fast.rows:
        return
    scan.kept.extend(_row(scan.file, ln, f) for ln, f in fast.kept)
    scan.found.update(h.decode("ascii") for h in fast.found)
    scan.rows += fast.rows
    scan.head = fast.head.decode("ascii")
    fast.reset()


def scan_lines(scan: FileScan, fh: BinaryIO, start: int, first_line: int, end: int) -> None:
    """Check every line from offset ``start`` (line ``first_line``) to ``end``."""
    fast = _Fast()
    child = _Child.start(scan, fh, start, end) if end - start >= FORK_FROM else None
    fd = fh.fileno()
    if child is None:
        _loop(scan, fast, fd, start, first_line, end)
        _flush(scan, fast, final=True)
        return
    offset, lineno = _loop(scan, fast, fd, start, first_line, child.split)
    _flush(scan, fast)
    done = child.join()
    usable = offset == child.split and scan.batch is None and scan.previous == child.previous
    if done is not None and usable and done.rows:
        base = lineno
        fast.latest.update({k: (base + ln, f) for k, (ln, f) in done.latest.items()})
        fast.kept.extend((base + ln, f) for ln, f in done.kept)
        fast.found.extend(done.found)
        fast.rows, fast.head = done.rows, done.head
        _flush(scan, fast)
        scan.previous = done.previous
        offset, lineno = done.offset, base + done.lines
    if offset < end:
        _loop(scan, fast, fd, offset, lineno, end)
    _flush(scan, fast, final=True)


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
    fast = _Fast()
    scan.previous, scan.batch = previous, None
    offset, lines = _loop(scan, fast, fh.fileno(), split, 0, end, common_only=True)  # pread: no shared offset
    done = _Progress(lines, offset, scan.previous, fast.rows, fast.head, fast.latest, fast.kept, fast.found)
    with os.fdopen(write_fd, "wb") as pipe:
        pipe.write(marshal.dumps(tuple(done)))
    return 0
