"""Reading a ledger file: one streaming pass, a byte-level fast path, a careful path.

The fast path handles the common line (chain intact, not part of an import batch)
in bytes with no per-row objects; every other line goes through the careful path,
which checks and reports. Big files are checked in two halves by a forked helper;
files of 1-64 MB remember what was checked (see the scan cache below).
"""

from __future__ import annotations

import csv
import os
import re
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from .errors import LedgerError
from .ledger import (
    _BATCH_RE,
    _HASH_RE,
    _N,
    HEADER,
    HEADER_BYTES,
    Conflict,
    FileSummary,
    LedgerRead,
    Problem,
    Row,
    _csv_line,
    _hasher,
    _parse_line,
    chain_hash,
)


def _split_quoted(line: bytes) -> list[bytes]:
    """Fields of a line with quotes (a note with a comma, say); [] if it is not one CSV record.

    The hash covers the raw line, which the writer produced in canonical form; a line
    whose quoting was changed (a spreadsheet saved it) goes to the careful path.
    """
    try:
        rows = list(csv.reader([line.decode("utf-8")], strict=True))
    except (csv.Error, UnicodeDecodeError):
        return []
    if len(rows) != 1:
        return []
    return [field.encode("utf-8") for field in rows[0]]


# ----------------------------------------------------------------------------- reading


PARALLEL_FROM = 16 << 20  # bytes: from here on a forked helper checks the second half


class _State:
    """Where a scan is, and what it has counted so far (in bytes, as read)."""

    def __init__(self, offset: int) -> None:
        self.offset = offset
        self.lineno = 1
        self.previous = b""
        self.tip = b""
        self.valid_end = offset
        self.counted = 0
        self.head_line = 0
        self.head = b""
        self.latest: dict[tuple[bytes, bytes], tuple[int, list[bytes]]] = {}
        # per KPI and year, the first row that is not a correction, and rows with other values
        self.plain: dict[tuple[bytes, bytes], tuple[int, list[bytes]]] = {}
        self.extra: dict[tuple[bytes, bytes], dict[bytes, tuple[int, list[bytes]]]] = {}
        self.kept: list[tuple[int, list[bytes]]] = []


class _Helper:
    """A forked process that checks the second half of a big file while we check the first.

    It takes only lines the fast path accepts and stops at the first other line; the
    parent then goes on from there itself, so every line is checked exactly as in a
    single pass, and any problem is found and reported by the parent. Where fork is
    not available (Windows) the file is read in one pass.
    """

    def __init__(self, pid: int, fd: int, split: int) -> None:
        self.pid = pid
        self.fd = fd
        self.split = split

    @classmethod
    def start(cls, scan: _FileScan, fh: BinaryIO, start: int, size: int) -> _Helper | None:
        if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
            return None
        split, previous = _split_point(fh, start, size)
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
                code = _help(scan, split, previous, write_fd)
            finally:
                os._exit(code)
        os.close(write_fd)
        return cls(pid, read_fd, split)

    def join(self, scan: _FileScan, st: _State) -> None:
        """Take over the helper's counts if the first half ended cleanly at the split."""
        import marshal

        with os.fdopen(self.fd, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        if status != 0 or not data or st.offset != self.split or scan.pending:
            return  # go on in this process from where the first half ended
        # Written by our own forked child a moment ago, through a private pipe.
        done = marshal.loads(data)  # noqa: S302
        lines, offset, previous, counted, head_line, latest, plain, extra, kept = done
        if not counted:
            return
        base = st.lineno
        for key, (ln, f) in latest.items():
            st.latest[key] = (base + ln, f)
        for key, (ln, f) in plain.items():
            first = st.plain.get(key)
            if first is None:
                st.plain[key] = (base + ln, f)
            elif first[1][4] != f[4]:
                st.extra.setdefault(key, {}).setdefault(f[4], (base + ln, f))
        for key, values in extra.items():
            for value, (ln, f) in values.items():
                if st.plain[key][1][4] != value:
                    st.extra.setdefault(key, {}).setdefault(value, (base + ln, f))
        st.kept.extend((base + ln, f) for ln, f in kept)
        st.counted += counted
        st.head_line, st.head = base + head_line, previous
        st.previous = st.tip = previous
        st.valid_end = st.offset = offset
        st.lineno = base + lines


def _split_point(fh: BinaryIO, start: int, size: int) -> tuple[int | None, bytes]:
    """A line start near the middle, and the stored hash of the line before it."""
    middle = start + (size - start) // 2
    fh.seek(max(start, middle - 4096))
    chunk = fh.read(8192)
    cut = chunk.rfind(b"\n", 0, middle - max(start, middle - 4096))
    if cut < 0:
        return None, b""
    before = chunk[:cut].rsplit(b"\n", 1)[-1].rstrip(b"\r")
    return max(start, middle - 4096) + cut + 1, before[-64:]


def _help(scan: _FileScan, split: int, previous: bytes, write_fd: int) -> int:  # pragma: no cover - child
    import marshal

    st = _State(split)
    st.lineno = 0
    st.previous = previous
    with scan.path.open("rb") as fh:
        fh.seek(split)
        scan._loop(fh, st, fast_only=True)
    done = (st.lineno, st.offset, st.previous, st.counted, st.head_line, st.latest, st.plain, st.extra, st.kept)
    data = marshal.dumps(done)
    with os.fdopen(write_fd, "wb") as pipe:
        pipe.write(data)
    return 0


def _fields(row: Row) -> list[bytes]:
    return [
        row.recorded_at.encode("utf-8"),
        row.recorded_by.encode("utf-8"),
        row.kpi_id.encode("utf-8"),
        str(row.year).encode("ascii"),
        row.value.encode("ascii"),
        row.note.encode("utf-8"),
        row.source.encode("utf-8"),
        b"true" if row.correction else b"false",
        row.batch.encode("ascii"),
        row.hash.encode("ascii"),
    ]


def _add_plain(st: _State, key: tuple[bytes, bytes], line: int, f: list[bytes]) -> None:
    """Keep the first row (by line) that is not a correction, and rows with other values."""
    first = st.plain.get(key)
    if first is None:
        st.plain[key] = (line, f)
        return
    other = (line, f)
    if line < first[0]:
        st.plain[key], other = other, first
    if other[1][4] != st.plain[key][1][4]:
        st.extra.setdefault(key, {}).setdefault(other[1][4], other)


# A file already checked need not be checked again: the cache keeps, per ledger file,
# the SHA-256 of the bytes checked and what the check found. A later read checks that
# those bytes are still exactly the same, then reads only what was appended since. Any
# difference (an edit, a truncation, another kpi version) and the file is read in full.
CACHE_FROM = 1 << 20  # bytes: below this, reading the file is cheaper than checking the cache
CACHE_UP_TO = 64 << 20  # bytes: above this, hashing the file to store the cache would slow the first read
_CACHE_FORMAT = 1


def _cache_entry(path: Path) -> Path:
    from .plan_cache import cache_dir

    return cache_dir() / f"ledger-{str(path.resolve()).encode('utf-8').hex()[-96:]}.marshal"


def _digest(fh: BinaryIO, length: int) -> str:
    h = _hasher(length)(b"")
    fh.seek(0)
    left = length
    while left > 0:
        chunk = fh.read(min(left, 1 << 20))
        if not chunk:
            break
        h.update(chunk)
        left -= len(chunk)
    return str(h.hexdigest())


def _restore(scan: _FileScan, fh: BinaryIO, st: _State) -> bool:
    import marshal

    from . import __version__

    if os.environ.get("KPI_NO_CACHE"):
        return False
    try:
        raw = _cache_entry(scan.path).read_bytes()
        # Written by kpi itself into the user's own cache folder.
        data = marshal.loads(raw)  # noqa: S302
        fmt, version, length, digest, saved, problems = data
        if fmt != _CACHE_FORMAT or version != __version__ or length > os.fstat(fh.fileno()).st_size:
            return False
        if _digest(fh, length) != digest:
            return False
        (st.offset, st.lineno, st.previous, st.tip, st.valid_end, st.counted, st.head_line, st.head) = saved[:8]
        st.latest, st.plain, st.extra = saved[8:11]
    except (OSError, ValueError, EOFError, TypeError):
        return False
    scan.result.problems.extend(Problem(scan.shown, line, message) for line, message in problems)
    scan.previous = st.previous
    fh.seek(st.offset)
    return True


def _store(scan: _FileScan, fh: BinaryIO, st: _State) -> None:
    import contextlib
    import marshal

    from . import __version__

    if os.environ.get("KPI_NO_CACHE"):
        return
    fh.seek(st.offset - 1)
    if fh.read(1) != b"\n":
        return  # the last line has no end yet: a resumed read would miscount it
    saved = (
        st.offset, st.lineno, st.previous, st.tip, st.valid_end, st.counted, st.head_line, st.head,
        st.latest, st.plain, st.extra,
    )  # fmt: skip
    problems = [(p.line, p.message) for p in scan.result.problems if p.file == scan.shown]
    entry = _cache_entry(scan.path)
    tmp = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    try:
        data = marshal.dumps((_CACHE_FORMAT, __version__, st.offset, _digest(fh, st.offset), saved, problems))
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        tmp.replace(entry)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


class _FileScan:
    """One pass over one ledger file: checks every line, keeps what is asked for."""

    def __init__(self, path: Path, result: LedgerRead, keep_kpis: frozenset[str] | None) -> None:
        self.path = path
        self.shown = str(path)
        self.result = result
        self.keep = keep_kpis
        self.summary = FileSummary(self.shown)
        self.latest: dict[tuple[str, int], Row] = {}  # rows counted by the careful path (see _fold)
        self.state = _State(0)
        self.plain: dict[tuple[str, int], list[Row]] = {}  # rows that are not corrections, for conflicts
        self.previous = b""  # the chain: stored hash of the last complete line
        self.pending: list[Row] = []  # rows of an import batch not yet complete
        self.pending_id = ""
        self.head_line = 0  # line of the last row counted by ``_count``
        self.sha256: Callable[[bytes], Any] = _hasher(0)

    def problem(self, line: int, message: str) -> None:
        self.result.problems.append(Problem(self.shown, line, message))

    def run(self) -> None:
        try:
            fh = self.path.open("rb")
        except OSError as exc:
            raise LedgerError(f"cannot read ledger {self.shown}: {exc.strerror}") from None
        with fh:
            size = os.fstat(fh.fileno()).st_size
            self.sha256 = _hasher(size)
            self._scan(fh, size)
        self.result.files.append(self.summary)

    def _scan(self, fh: BinaryIO, size: int) -> None:
        summary = self.summary
        header = fh.readline()
        if not header:
            return  # an empty file is an empty ledger
        if header.startswith(b"\xef\xbb\xbf"):
            header = header[3:]
        if header.rstrip(b"\r\n") != HEADER_BYTES:
            got = header.rstrip(b"\r\n").decode("utf-8", "replace")[:120]
            raise LedgerError(f"{self.shown}:1: not a kpi ledger (header is '{got}'); the first line must be: {HEADER}")
        start = fh.tell()
        summary.valid_end = start
        state = _State(start)
        cacheable = self.keep is None and CACHE_FROM <= size < CACHE_UP_TO
        if cacheable and _restore(self, fh, state):
            start = state.offset
        helper = _Helper.start(self, fh, start, size) if size - start >= PARALLEL_FROM else None
        fh.seek(start)
        if helper is not None:
            self._loop(fh, state, stop=helper.split)
            helper.join(self, state)
            if state.offset < size:
                fh.seek(state.offset)
                self._loop(fh, state)
        else:
            self._loop(fh, state)
        self._fold(state)
        if cacheable and not self.pending and state.valid_end == state.offset == size:
            _store(self, fh, state)
        self._finish(state)

    def _fold(self, st: _State) -> None:
        """Bring rows counted by the careful path into the byte-level state (one form to finish and cache)."""
        for row in self.latest.values():
            key = (row.kpi_id.encode("utf-8"), str(row.year).encode("ascii"))
            if key not in st.latest or st.latest[key][0] < row.line:
                st.latest[key] = (row.line, _fields(row))
        for rows in self.plain.values():
            for row in rows:
                _add_plain(st, (row.kpi_id.encode("utf-8"), str(row.year).encode("ascii")), row.line, _fields(row))
        self.latest.clear()
        self.plain.clear()
        if self.head_line > st.head_line:
            st.head_line, st.head = self.head_line, self.summary.head.encode("ascii")
        st.counted = self.summary.rows + st.counted
        self.summary.rows = 0
        self.head_line = 0

    def _loop(self, fh: BinaryIO, st: _State, *, stop: int | None = None, fast_only: bool = False) -> None:
        """Check lines from the file's position on, until ``stop`` (an offset) or the end.

        The fast path handles the common line (chain intact, not part of an import
        batch) in bytes, with no per-row objects; anything else goes through
        ``_line``, which checks and reports (or, with ``fast_only``, ends the loop).
        """
        summary = self.summary
        sha = self.sha256
        keep = self.keep
        keep_ids = {k.encode("utf-8") for k in keep} if keep else set()
        keep_all = keep is not None and not keep
        keeping = keep is not None
        latest, plain, extra, kept = st.latest, st.plain, st.extra, st.kept
        previous, tip, valid_end = st.previous, st.tip, st.valid_end
        counted, head_line, head = st.counted, st.head_line, st.head
        offset, lineno = st.offset, st.lineno
        pending = bool(self.pending)
        end = (1 << 62) if stop is None else stop
        for raw in fh:
            if offset >= end:
                break
            lineno += 1
            offset += len(raw)
            line = raw.rstrip(b"\r\n")
            if line and not pending:
                f = line.split(b",") if b'"' not in line else _split_quoted(line)
                # A row whose hash checks out was written by kpi as it stands, so its
                # fields are well formed; only the batch column needs the careful path.
                if len(f) == _N and not f[8] and sha(previous + b"," + line[:-65]).hexdigest().encode() == f[9]:
                    previous = f[9]
                    key = (f[2], f[3])
                    latest[key] = (lineno, f)
                    if f[7] != b"true":
                        first = plain.get(key)
                        if first is None:
                            plain[key] = (lineno, f)
                        elif first[1][4] != f[4]:
                            extra.setdefault(key, {}).setdefault(f[4], (lineno, f))
                    if keeping and (keep_all or f[2] in keep_ids):
                        kept.append((lineno, f))
                    counted += 1
                    head_line = lineno
                    head = previous
                    valid_end = offset
                    tip = previous
                    continue
            if fast_only:
                lineno -= 1
                offset -= len(raw)
                break
            self.previous = previous
            summary.valid_end = valid_end
            if line and not self._line(line, lineno, raw.endswith(b"\n")):
                break  # a torn last line
            previous = self.previous
            pending = bool(self.pending)
            valid_end = summary.valid_end
            if not pending:
                valid_end = offset
                tip = previous
        st.previous, st.tip, st.valid_end = previous, tip, valid_end
        st.counted, st.head_line, st.head = counted, head_line, head
        st.offset, st.lineno = offset, lineno

    def _finish(self, st: _State) -> None:
        summary = self.summary
        summary.size = st.offset
        summary.valid_end = st.valid_end
        summary.tip = st.tip.decode("ascii")
        summary.rows = st.counted
        summary.head = st.head.decode("ascii")
        if self.pending:
            self._unfinished()
        self.result.kept.extend(self._row(ln, f) for ln, f in st.kept)
        self.result.kept.sort(key=lambda r: r.line)
        self.state = st

    def _row(self, lineno: int, f: list[bytes]) -> Row:
        return Row(
            self.shown,
            lineno,
            f[0].decode("utf-8"),
            f[1].decode("utf-8"),
            f[2].decode("utf-8"),
            int(f[3]),
            f[4].decode("ascii"),
            f[5].decode("utf-8"),
            f[6].decode("utf-8"),
            f[7] == b"true",
            "",
            f[9].decode("ascii"),
        )

    def _line(self, line: bytes, lineno: int, complete: bool) -> bool:
        """Check and count one line; False when it is a torn (incomplete) last line."""
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            return self._bad(lineno, complete, "not UTF-8 text")
        quoted = b'"' in line
        fields = _parse_line(text) if quoted else text.split(",")
        if fields is None or len(fields) != _N:
            return self._bad(lineno, complete, f"cannot be read as {_N} CSV fields")
        body = _csv_line(fields[:-1]).encode("utf-8") if quoted else line[: line.rindex(b",")]
        stored = fields[9]
        if chain_hash(self.previous, body, self.sha256) != stored:
            if not complete:
                return self._bad(lineno, complete, "")
            self.problem(
                lineno,
                "hash does not match: this row was edited, or a row before it was deleted or moved; "
                "it is left out (compare with a backup or the git history)",
            )
            if re.match(_HASH_RE, stored):
                self.previous = stored.encode("ascii")
            return True
        self.previous = stored.encode("ascii")
        try:
            year = int(fields[3])
            Decimal(fields[4])
        except (ValueError, ArithmeticError):
            self.problem(lineno, f"year '{fields[3]}' or value '{fields[4]}' is not a number; row left out")
            return True
        row = Row(
            self.shown,
            lineno,
            fields[0],
            fields[1],
            fields[2],
            year,
            fields[4],
            fields[5],
            fields[6],
            fields[7] == "true",
            fields[8],
            stored,
        )
        if row.batch:
            self._batch_row(row)
        else:
            if self.pending:
                self._unfinished()
            self._count(row)
        return True

    def _batch_row(self, row: Row) -> None:
        m = re.match(_BATCH_RE, row.batch)
        if m is None:
            self.problem(row.line, f"batch '{row.batch}' is not of the form ID:i/n; row left out")
            return
        bid, i, n = m.group(1), int(m.group(2)), int(m.group(3))
        if i == 1:
            if self.pending:
                self._unfinished()
            self.pending_id = bid
        elif bid != self.pending_id or i != len(self.pending) + 1:
            if self.pending:
                self._unfinished()
            self.problem(row.line, f"row {i}/{n} of import {bid} is out of place; row left out")
            return
        self.pending.append(row)
        if i == n:
            for r in self.pending:
                self._count(r)
            self.pending = []

    def _bad(self, lineno: int, complete: bool, why: str) -> bool:
        if not complete:
            self.problem(
                lineno,
                "incomplete last line (a write was interrupted); it is ignored, and removed by the next kpi record",
            )
            return False
        self.problem(lineno, f"{why}; row left out")
        return True

    def _unfinished(self) -> None:
        row = self.pending[0]
        total = row.batch.rsplit("/", 1)[-1]
        self.problem(
            row.line,
            f"import {row.batch.split(':')[0]} is incomplete ({len(self.pending)} of {total} rows: the import was "
            "interrupted); its rows are ignored, and removed by the next kpi record or import",
        )
        self.pending = []

    def _count(self, row: Row) -> None:
        self.summary.rows += 1
        self.summary.head = row.hash
        self.head_line = row.line
        key = (row.kpi_id, row.year)
        self.latest[key] = row
        if not row.correction:
            self.plain.setdefault(key, []).append(row)
        if self.keep is not None and (not self.keep or row.kpi_id in self.keep):
            self.result.kept.append(row)


def find_conflicts(result: LedgerRead, scans: list[_FileScan]) -> None:
    """The same KPI and year with different values, none of them a correction."""
    candidates = {key for scan in scans for key in scan.state.extra}
    if len(scans) > 1:
        first: dict[tuple[bytes, bytes], bytes] = {}
        for scan in scans:
            for key, (_, f) in scan.state.plain.items():
                if first.setdefault(key, f[4]) != f[4]:
                    candidates.add(key)
    for key in sorted(candidates):  # the text differs; a conflict only if the numbers do (1.0 = 1)
        rows = []
        for scan in scans:
            if key in scan.state.plain:
                rows.append(scan._row(*scan.state.plain[key]))
            rows.extend(scan._row(ln, f) for ln, f in scan.state.extra.get(key, {}).values())
        if len({Decimal(r.value) for r in rows}) > 1:
            kpi_id, year = key[0].decode("utf-8"), int(key[1])
            result.conflicts.append(Conflict(kpi_id, year, sorted(rows, key=lambda r: (r.file, r.line))))
