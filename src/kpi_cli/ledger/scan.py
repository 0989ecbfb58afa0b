"""Reading one ledger file: the header, then every line by the rules (``FileScan.check_line``); a common line
(a row in UTF-8 whose chain and fields check out, with a value, single or the next of the import being read)
first by a shortcut on bytes (``_Lines.common``) that keeps each KPI and year's newest line (a ``Row`` at the
end). A line that fails a check of the shortcut goes to the rules as it is, so each rule exists once."""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple, SupportsIndex

from kpi_cli.errors import LedgerError
from kpi_cli.files import reason
from kpi_cli.i18n.msg import Msg, Unkept, as_data, from_data
from kpi_cli.ledger import format as fmt
from kpi_cli.ledger import remembered
from kpi_cli.ledger.format import FIELD_COUNT, FIELD_COUNT_V2, HEADER, Field, Problem, Row, conflict_marker, parse_line
from kpi_cli.ledger.problems import HEADER_ROW

MAX_HEADER = 4096  # bytes read to find the header line (a device or a binary file never ends it)
CHUNK = 1 << 20  # bytes read at once and split into lines in one call
SHAPES = 1 << 12  # shapes of values remembered as checked: a bound on memory
DIGITS = bytes.maketrans(b"123456789", b"999999999")  # a value's shape (its check depends on nothing else)
FLAGS = frozenset((fmt.FIRST_VALUE.encode("ascii"), fmt.LEGACY_CORRECTION.encode("ascii")))
FORMS = frozenset(f.encode("ascii") for f in fmt.FORMS)
STATUSES = frozenset(s.encode("ascii") for s in fmt.STATUSES)
# Bytes of a character kpi never writes into a row (see format.field_problem): C0 controls but tab and
# line ends, DEL, C1 controls and the bidirectional overrides, in UTF-8.
CONTROL = rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
# A chunk is searched for them only when it holds one of their first bytes (a regular expression over a
# megabyte costs more than the shortcut's every other check of its lines; deleting the bytes that start
# none costs a twentieth of it): the ASCII controls, a lone CR, C1 (after a \xc2), an override (after a \xe2).
STARTS = bytes(range(0x09)) + bytes(range(0x0B, 0x20)) + b"\x7f\xc2\xe2"
NOT_STARTS = bytes(sorted(set(range(256)) - set(STARTS)))
C1 = rb"\xc2[\x80-\x9f]"
OVERRIDE = rb"\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])"  # (a literal first byte: searched for as such)
BODY = slice(None, -65)  # a line without ",hash": what its hash is over, after the chain
Key = tuple[str, int]  # a KPI (or share, half, review) and a year


def read_header(fh: BinaryIO, shown: str) -> tuple[int, int]:
    """Check the header line (also as a spreadsheet saves it back); return where rows start (0: no rows)
    and the file's format (1 or 2; 1 for an empty file)."""
    header = fh.readline(MAX_HEADER)
    if not header:
        return 0, 1
    start, header = len(header), header.removeprefix(fmt.BOM)
    line = header.rstrip(b"\r\n")
    version = fmt.header_version(line)
    if version:
        return start, version
    got = "UTF-16 text" if header.startswith((b"\xff\xfe", b"\xfe\xff")) else fmt.header_shown(line)[:120]
    if fmt.looks_newer(line):
        problem = Msg(
            "written by a newer kpi (its header has columns this kpi does not know: {got!r}); upgrade kpi "
            "(pip install -U kpi-cli) to read it",
            got=got,
        )
    else:
        problem = Msg(
            "not a kpi ledger (header is {got!r}); the first line must be kpi's header: {header} (format 1), or "
            "{header_v2} (format 2)",
            got=got,
            header=HEADER,
            header_v2=fmt.HEADER_V2,
        )
    raise LedgerError(Msg("{file}:{line}: {problem}", file=shown, line=1, problem=problem))


def scan(
    path: Path,
    *,
    keep: frozenset[str] | None = None,
    wanted: frozenset[str] = frozenset(),
    anchored: int = 0,
    named: bool = True,
    shortcut: bool = True,
    remember: bool = False,
) -> FileScan:
    """Read one ledger file (a regular file, not a FIFO or a device). ``anchored``: the end of what kpi remembers
    writing (see ``head``); ``named``: collect the hashes corrections name (a folder's files need them);
    ``remember``: start from what an earlier reading of the same bytes found, and keep what this one finds
    (see ``remembered``; only for a reading that keeps no rows and looks for no hashes)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise LedgerError(Msg("cannot read ledger {path}: {why}", path=path, why=reason(exc))) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise LedgerError(
            Msg("ledger {path} is not a regular file (a device, a FIFO or a socket); give a CSV file", path=path)
        )
    result = FileScan(str(path), keep, wanted, named)
    remember = remember and keep is None and not wanted and remembered.enabled()
    snapshot = None
    with os.fdopen(fd, "rb") as fh:
        size, (start, result.version) = os.fstat(fd).st_size, read_header(fh, str(path))
        if start:  # (0: an empty file)
            snapshot = _read_on(result, path, fh, start, size, shortcut) if remember else None
            if not remember:
                _read(result, fh, start, size, shortcut)
        torn = result.batch  # an import the file ends in is a torn write when provably so: every row of it checks
        # (anchored -1: no head to remember anything by, so no torn write is provable)
        if (
            torn is None or not torn.clean or anchored < 0 or torn.start < anchored
        ):  # out, and it starts after what kpi remembers
            result.finish(size, anchored)
            if snapshot is not None:
                remembered.remember(path, named, snapshot, fmt.sha256_for(size))
            return result
        again = FileScan(str(path), keep, wanted, named)
        again.version = result.version
        _read(again, fh, start, torn.start, shortcut)
        again.cut_at(torn, size)  # (read again, up to where the torn import starts)
        return again


def scan_lines(scan: FileScan, data: bytes, start: int, first_line: int) -> None:
    """Check every line of ``data``: the file's bytes from offset ``start`` (line ``first_line``) on."""
    _Lines(scan, True, len(data)).take(data, start, first_line, final=True)


def _read(
    scan: FileScan, fh: BinaryIO, start: int, end: int, shortcut: bool, lineno: int = 2, digest: Any = None
) -> remembered.Snapshot | None:
    """Check the lines from offset ``start`` (line ``lineno``) to ``end``, a chunk at a time. With ``digest`` (a
    SHA-256 of the bytes before ``start``): the state at the end of the last whole line, to be remembered, when
    no import is open there."""
    lines = _Lines(scan, shortcut, end - start)
    fh.seek(start)
    pos, carry = start, b""
    while pos < end and (data := fh.read(min(CHUNK, end - pos))):  # (a file shorter than it was: what there is)
        chunk = carry + data if carry else data
        carry, lineno = lines.take(chunk, pos - len(carry), lineno)
        if digest is not None:
            digest.update(memoryview(chunk)[: len(chunk) - len(carry)])
        pos += len(data)
    snapshot = None
    if digest is not None and scan.batch is None and pos - len(carry) > start:
        with contextlib.suppress(Unkept):
            snapshot = remembered.Snapshot(pos - len(carry), lineno, digest.digest(), scan.frozen())
    lines.take(carry, pos - len(carry), lineno, final=True)
    return snapshot


def _read_on(scan: FileScan, path: Path, fh: BinaryIO, start: int, size: int, shortcut: bool) -> Any:
    """``_read`` from where an earlier reading of the same bytes ended (see ``remembered``), else from ``start``;
    the snapshot to remember when this reading went further."""
    sha = fmt.sha256_for(size)
    found = remembered.recall(path, fh, size, scan.named, sha)
    if found is None:
        digest = sha()
        fh.seek(0)
        digest.update(fh.read(start))
        return _read(scan, fh, start, size, shortcut, 2, digest)
    before, digest = found
    scan.thaw(before.state)
    snapshot = _read(scan, fh, before.end, size, shortcut, before.line, digest)
    return snapshot if snapshot is not None and snapshot.end > before.end else None


class Batch(NamedTuple):
    """An import batch being read: which row comes next, and whether all so far checked out."""

    id: str
    next: int
    total: int
    start: int  # byte offset of its first line
    line: int  # line number of its first line
    before: bytes  # the chain before it
    clean: bool


class FileScan:
    """What one pass over one ledger file found."""

    def __init__(self, shown: str, keep: frozenset[str] | None, wanted: frozenset[str], named: bool = True) -> None:
        self.file, self.wanted = shown, wanted  # wanted: hashes to look for (kpi verify --expect-head)
        self.version = 1  # the file's format (its header's)
        self.keep = keep  # None: keep no rows; empty: every row; else rows of these KPIs
        self.named = named  # whether to collect the hashes that corrections name (a folder's files need them)
        self.size = self.rows = self.valid_end = 0  # rows that count; bytes after valid_end: a removable torn write
        self.head = ""  # stored hash of the last row that counts
        self.tip = self.previous = b""  # the chain where the next row goes on (at valid_end); so far (while reading)
        self.latest: dict[tuple[str, int], Row] = {}  # last counted row per KPI and year (at the end)
        self.pending: dict[tuple[bytes, bytes], Row | tuple[int, bytes]] = {}  # the same while reading (by bytes)
        self.superseded: dict[str, set[Key]] = {}  # hashes named by corrections and voids: by which KPIs and years
        self.local: set[str] = set()  # corrections (their hashes) naming the row they follow of their KPI and year
        self.problems: list[Problem] = []
        self.kept: list[Row] = []
        self.found: dict[str, Key] = {}  # the wanted hashes found, and their rows' KPI and year
        self.batch: Batch | None = None
        self.torn_line: tuple[int, int, bytes] | None = None  # (offset, line, chain before it)

    def frozen(self) -> Any:
        """The state of a reading between two lines, outside an import, as marshal's types (see ``thaw``)."""
        assert self.batch is None and self.torn_line is None and not self.kept and not self.found
        # (without the file's name: the same file may be named otherwise next time, e.g. by a relative path)
        pending = [
            (k, tuple(v)[1:] if isinstance(v, Row) else (v[0], bytes(v[1])), isinstance(v, Row))
            for k, v in self.pending.items()
        ]
        problems = [(p.line, as_data(p.message), p.kind, p.detail) for p in self.problems]
        superseded = {named: frozenset(keys) for named, keys in self.superseded.items()}
        return (self.version, self.rows, self.head, self.previous, pending, problems, superseded, frozenset(self.local))

    def thaw(self, state: Any) -> None:
        """Take the state ``frozen`` gave."""
        self.version, self.rows, self.head, self.previous, pending, problems, superseded, local = state
        self.pending = {k: Row(self.file, *v) if row else v for k, v, row in pending}
        self.problems = [Problem(self.file, n, from_data(m), kind, detail) for n, m, kind, detail in problems]
        self.superseded = {named: set(keys) for named, keys in superseded.items()}
        self.local = set(local)

    def counts(self) -> tuple[int, ...]:
        """How many fields a row of this file may have."""
        return (FIELD_COUNT,) if self.version == 1 else (FIELD_COUNT, FIELD_COUNT_V2)

    def _unsplit(self, fields: list[str] | None) -> Msg:
        """Why a line is not a row of this file: its number of fields."""
        if self.version == 1 and fields is not None and len(fields) == FIELD_COUNT_V2:
            return Msg("a format 2 row in a file whose header is format 1's (the header was edited?); row left out")
        if self.version == 1:
            return Msg("cannot be read as {n} CSV fields; row left out", n=FIELD_COUNT)
        return Msg("cannot be read as {n} or {m} CSV fields; row left out", n=FIELD_COUNT, m=FIELD_COUNT_V2)

    def problem(self, line: int, message: Msg, kind: str = "", detail: str = "") -> None:
        self.problems.append(Problem(self.file, line, message, kind, detail))

    def check_line(self, line: bytes, lineno: int, start: int, complete: bool) -> None:
        """Check one line (without its line end) and count its row if it checks out."""
        if not line:
            return
        if complete and conflict_marker(line):
            marker = conflict_marker(line).decode()
            self.problem(lineno, Msg("git merge conflict marker {marker}", marker=marker), "conflict", marker)
            self._in_batch_broken("", start, lineno, self.previous)
            return
        before = self.previous
        decoded = self._decode(line, lineno, start, complete)
        if decoded is None:
            return
        fields, cause = decoded
        stored = fields[-1]
        if not complete and not fmt.looks_like_hash(stored):
            self._bad(line, lineno, start, complete, None)
            return
        if cause or fmt.chain_hash(self.previous, line[: line.rindex(b",")]) != stored:
            restored = fmt.restore_resaved(self.previous, fields, stored)  # (when a spreadsheet's re-save alone did it)
            if restored is None:
                self._mismatch(lineno, fields, stored)
                self._in_batch_broken(fields[Field.BATCH], start, lineno, before)
                return
            fields, causes = restored
            cause = ", ".join(([cause] if cause else []) + causes) or "quotes"
            self.problem(
                lineno,
                Msg(
                    "re-saved by a spreadsheet ({cause}); the row is intact; run kpi verify --repair to restore "
                    "kpi's own form (the file as found is kept beside it)",
                    cause=cause,
                ),
                "resaved",
                cause,
            )
        self.previous = stored.encode("ascii")
        why = fmt.field_problem(fields)
        if why is not None:
            self.problem(lineno, Msg("{problem}; row left out", problem=why))
            self._in_batch_broken(fields[Field.BATCH], start, lineno, before)
            return
        row = fmt.make_row(self.file, lineno, fields)
        if row.batch:
            self._batch_row(row, start, before)
        else:
            self._close_batch()
        self.count(row)

    def _decode(self, line: bytes, lineno: int, start: int, complete: bool) -> tuple[list[str], str] | None:
        """The line's fields and what changed their form (a spreadsheet's re-save), or None when it is left out."""
        cause = ""
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text, cause = line.decode("cp932"), "saved in cp932/Shift-JIS"
            except UnicodeDecodeError:
                self._bad(line, lineno, start, complete, Msg("not UTF-8 text; row left out"))
                return None
        fields = parse_line(text)
        if fields is not None and self.version == 2 and (short := fmt.unpadded(fields)) is not None:
            fields, cause = short, ", ".join(x for x in (cause, "empty columns added") if x)
        if fields is not None and len(fields) in self.counts():
            return fields, cause
        if complete and self.version == 1 and fields is not None and len(fields) == FIELD_COUNT_V2:
            self.problem(lineno, HEADER_ROW, "header")
            return fields, cause  # (its hash decides, as for any row)
        self._bad(line, lineno, start, complete, self._unsplit(fields))
        return None

    def _mismatch(self, lineno: int, fields: list[str], stored: str) -> None:
        self.problem(
            lineno,
            Msg(
                "hash does not match: this row was edited, or a row before it was deleted or moved; "
                "it is left out (compare with a backup or the git history)"
            ),
        )
        if fmt.looks_like_hash(stored):
            self.previous = stored.encode("ascii")

    def _bad(self, line: bytes, lineno: int, start: int, complete: bool, why: Msg | None) -> None:
        if not complete or why is None:  # a last line without its end that is not a whole row: a torn write
            self.torn_line = (start, lineno, self.previous)
            return
        self.problem(lineno, why)
        self._in_batch_broken("", start, lineno, self.previous)

    def _in_batch_broken(self, batch: str, start: int, lineno: int, before: bytes) -> None:
        """A row of an import failed a check: its batch goes on, but is no longer provably a torn write."""
        b = self.batch
        m = re.fullmatch(fmt.BATCH_PATTERN, batch) if batch else None
        if b is None:
            if m is not None and m.group(2) == "1" and int(m.group(3)) > 1:
                self.batch = Batch(m.group(1), 2, int(m.group(3)), start, lineno, before, False)
            return
        step = 1 if m is not None and m.group(1) == b.id and int(m.group(2)) == b.next else 0
        self.batch = b._replace(next=b.next + step, clean=False)
        if step and b.next == b.total:
            self.batch = None

    def _batch_row(self, row: Row, start: int, before: bytes) -> None:
        m = re.fullmatch(fmt.BATCH_PATTERN, row.batch)
        assert m is not None  # checked by field_problem
        bid, i, n = m.group(1), int(m.group(2)), int(m.group(3))
        b = self.batch
        if b is not None and bid == b.id and i == b.next:
            self.batch = b._replace(next=i + 1) if i < n else None
            return
        self._close_batch()
        if i == 1:
            self.batch = Batch(bid, 2, n, start, row.line, before, True) if n > 1 else None
            return
        self.problem(
            row.line,
            Msg(
                "row {i}/{n} of import {batch} is out of place (rows before it are missing); row kept",
                i=i,
                n=n,
                batch=bid,
            ),
        )

    def _close_batch(self) -> None:
        if (b := self.batch) is not None:
            self.problem(
                b.line,
                Msg(
                    "import {batch} is incomplete ({present} of {total} rows present); its rows are kept",
                    batch=b.id,
                    present=b.next - 1,
                    total=b.total,
                ),
            )
            self.batch = None

    def count(self, row: Row) -> None:
        self.rows += 1
        self.head = row.hash
        key = row.kpi_id.encode("utf-8"), b"%04d" % row.year
        if self.named and row.correction not in (fmt.FIRST_VALUE, fmt.LEGACY_CORRECTION):
            self.named_by(row.correction, (row.kpi_id, row.year), row.hash, key)
        self.pending[key] = row
        if self.keep is not None and (not self.keep or row.kpi_id in self.keep):
            self.kept.append(row)
        if row.hash in self.wanted:
            self.found[row.hash] = (row.kpi_id, row.year)

    def named_by(self, named: str, key: Key, correction: str, pending: tuple[bytes, bytes]) -> None:
        """A correction (or void) of ``key`` names the row ``named``; it is settled here when that is the row
        of the same KPI and year just before it in this file (else read.py looks for the row)."""
        self.superseded.setdefault(named, set()).add(key)
        before = self.pending.get(pending)
        if before is not None and (before.hash if isinstance(before, Row) else before[1][-64:].decode()) == named:
            self.local.add(correction)

    def finish(self, size: int, anchored: int) -> None:
        """Close the scan of a file of ``size`` bytes (that does not end in a torn import)."""
        self.size = self.valid_end = size
        self.tip, torn, self.torn_line = self.previous, self.torn_line, None
        if torn is not None and torn[0] < anchored:
            self.problem(
                torn[1],
                Msg(
                    "the last line is cut short, but kpi had written past it: the file was truncated; "
                    "restore it from a backup or the git history"
                ),
            )
        elif torn is not None and anchored < 0:
            self.problem(
                torn[1],
                Msg(
                    "incomplete last line, and no head file to tell whether kpi was writing it; it is ignored; "
                    "kpi verify --repair shows it and removes it"
                ),
                "torn",
            )
            self.valid_end, self.tip = torn[0], torn[2]
        elif torn is not None:
            self.problem(
                torn[1],
                Msg(
                    "incomplete last line (a write was interrupted); it is ignored, and removed by the next kpi record"
                ),
                "torn",
            )
            self.valid_end, self.tip = torn[0], torn[2]
        self._close_batch()
        self._settle()

    def cut_at(self, batch: Batch, size: int) -> None:
        """Close a scan that stopped where the torn ``batch`` starts."""
        self.size, self.valid_end, self.tip = size, batch.start, batch.before
        self.problem(
            batch.line,
            Msg(
                "import {batch} is incomplete ({present} of {total} rows: the import was interrupted); "
                "its rows are ignored, and removed by the next kpi record or import",
                batch=batch.id,
                present=batch.next - 1,
                total=batch.total,
            ),
            "torn",
        )
        self._settle()

    def _settle(self) -> None:
        """The newest rows as ``Row``s (a common line's made now), and the kept rows in line order."""
        for got in self.pending.values():
            row = got if isinstance(got, Row) else _row(self.file, *got)
            self.latest[row.kpi_id, row.year] = row
        self.pending.clear()
        self.kept.sort(key=lambda r: r.line)


def _row(file: str, lineno: int, line: bytes) -> Row:
    fields = parse_line(line.decode("utf-8"))
    assert fields is not None  # a common line is one CSV record
    return fmt.make_row(file, lineno, fields)


class _Lines:
    """Hands a chunk's lines to the rules, common ones first to the shortcut (see the module's docstring)."""

    def __init__(self, scan: FileScan, shortcut: bool, size: int) -> None:
        self.scan, self.shortcut = scan, shortcut
        self.sha = fmt.sha256_for(size if shortcut else 0)
        self.value_ok = re.compile(fmt.VALUE_PATTERN).fullmatch
        self.hash_ok = re.compile(fmt.HASH_PATTERN.encode("ascii")).fullmatch
        self.years, self.shapes = set[bytes](), set[bytes]()  # years and values' shapes that passed (most repeat)
        self.keep_ids = None if scan.keep is None else {k.encode("utf-8") for k in scan.keep}
        self.wanted = {w.encode("ascii") for w in scan.wanted}
        self.extra = scan.keep is not None or bool(scan.wanted) or scan.named  # a common row adds more than a count

    def take(self, chunk: bytes, offset: int, lineno: int, final: bool = False) -> tuple[bytes, int]:
        """Check the lines of ``chunk`` (from ``offset``, line ``lineno``); return the rest after the last line end
        (``final``: none, the last line has no line end)."""
        raw, careful, rules = _split(chunk) if self.shortcut else (chunk.split(b"\n"), [], [])
        rest = raw.pop()
        lines = [line.rstrip(b"\r") for line in raw] if chunk.find(b"\r") >= 0 else raw
        for k in careful:
            lines[k] = _Careful(lines[k])
        for k in rules:
            lines[k] = _Rules(lines[k])
        rows, end = enumerate(lines, lineno), lineno + len(lines)
        here, known = offset, lineno  # a line's offset, and its number
        while (other := self.common(rows, known, end) if self.shortcut else next(rows, None)) is not None:
            i, line = other
            here += sum(map(len, raw[known - lineno : i - lineno])) + i - known
            self.scan.check_line(bytes(line), i, here, True)
            known = i + 1  # (where the next run of common lines starts)
            here += len(raw[i - lineno]) + 1
        if final and rest:  # the last line, without a line end
            self.scan.check_line(rest.rstrip(b"\r"), end, offset + len(chunk) - len(rest), False)
        return rest, end

    def common(self, rows: Iterator[tuple[int, bytes]], begin: int, end: int) -> tuple[int, bytes] | None:
        """Take in the common lines of ``rows`` (from line ``begin``); return the first other one (None at ``end``)."""
        scan, sha, years, shapes, extra = self.scan, self.sha, self.years, self.shapes, self.extra
        pending, previous, b, digits, flags, body = scan.pending, scan.previous, scan.batch, DIGITS, FLAGS, BODY
        due, last, prefix, tail = (b.next, b.total, b"%s:" % b.id.encode(), b"/%d" % b.total) if b else (0, 0, b"", b"")
        expect = prefix + b"%d" % due + tail if b else b""  # the batch field due
        i, line = end, b""
        v1, v2 = FIELD_COUNT, FIELD_COUNT_V2 if scan.version == 2 else -1  # (the fields a row may have)
        forms, statuses = FORMS, STATUSES
        for numbered in rows:  # (kept whole as the newest of its key: no tuple made per line)
            i, line = numbered
            parts = line.split(b",")  # (a _Careful line is split as the rules read it)
            if len(parts) == v1:
                _, _, kpi, year, value, _, _, correction, batch, stored = parts
            elif len(parts) == v2 and parts[9] in forms and parts[10] in statuses:  # (a format 2 row that says more)
                _, _, kpi, year, value, _, _, correction, batch, _, _, _, _, stored = parts
            else:  # (not one, as a raised ValueError would say: raising one costs as much as a line's other checks)
                break
            if batch != expect:
                break
            if (
                year not in years or value.translate(digits) not in shapes or correction not in flags
            ) and not self.rare(year, value, correction):
                break
            if sha(previous + b"," + line[body]).hexdigest().encode() != stored:
                break
            previous = stored
            if extra:  # (before the row is the newest of its KPI and year: a correction names the one before)
                self.taken(kpi, year, correction, stored, i, line)
            pending[kpi, year] = numbered
            if expect:
                due += 1
                expect = prefix + b"%d" % due + tail if due <= last else b""
        else:
            i = end
        if i > begin:
            scan.rows += i - begin
            scan.previous, scan.head = previous, previous.decode("ascii")
            if b is not None:
                scan.batch = b._replace(next=due) if expect else None
        return (i, line) if i < end else None

    def rare(self, year: bytes, value: bytes, correction: bytes) -> bool:
        """The checks of a year, a value and a correction unlike those seen before (remembered when they pass)."""
        ok = len(year) == 4 and year.isdigit() and self.value_ok(value) is not None
        if not ok or (correction not in FLAGS and self.hash_ok(correction) is None):
            return False
        self.years.add(year)
        if len(self.shapes) < SHAPES:
            self.shapes.add(value.translate(DIGITS))
        return True

    def taken(self, kpi: bytes, year: bytes, correction: bytes, stored: bytes, lineno: int, line: bytes) -> None:
        """What a common row adds beyond its count (see ``FileScan.count``)."""
        if self.scan.named and correction not in FLAGS:
            key = (kpi.decode("utf-8"), int(year))
            self.scan.named_by(correction.decode("ascii"), key, stored.decode("ascii"), (kpi, year))
        if self.keep_ids is not None and (not self.keep_ids or kpi in self.keep_ids):
            self.scan.kept.append(_row(self.scan.file, lineno, line))
        if stored in self.wanted:
            self.scan.found[stored.decode("ascii")] = (kpi.decode("utf-8"), int(year))


def _split(chunk: bytes) -> tuple[list[bytes], list[int], list[int]]:
    """The lines of ``chunk`` (the last perhaps cut short), those not to split at commas (with a quote or a
    conflict marker, or all if one is not UTF-8) and those only the rules read (with a character kpi never
    writes). Rare: found by searching the chunk (the quickest), not each line."""
    lines = chunk.split(b"\n")
    if not chunk.isascii() and _odd_text(chunk[: len(chunk) - len(lines[-1])]):
        return lines, list(range(len(lines) - 1)), []  # (or a note has a replacement character: the rules read it too)
    found = []
    for what in (b'"', *(m[:1] for m in fmt.CONFLICT_MARKERS)):
        at = chunk.find(what)
        while at >= 0 and (end := chunk.find(b"\n", at)) >= 0:  # (once a line: a line's first is enough)
            found.append(at)
            at = chunk.find(what, end)
    careful, k, last = [], 0, -1  # the lines found; where the next is searched; the last one's start
    for at in sorted(found):
        start, end = chunk.rfind(b"\n", 0, at) + 1, chunk.find(b"\n", at)
        if start != last and (chunk[at] == 34 or (at == start and chunk.startswith(fmt.CONFLICT_MARKERS, at))):
            k, last = lines.index(chunk[start:end], k), start  # (a line equal to one before it is the next one)
            careful.append(k)
            k += 1
    rules = []
    if _may_hold_control(chunk):
        rules = [i for i in range(len(lines) - 1) if re.search(CONTROL, lines[i].removesuffix(b"\r"))]
    return lines, careful, rules


def _odd_text(data: bytes) -> bool:
    """Whether ``data`` is not UTF-8 or holds a replacement character (a strict decode is the quicker)."""
    try:
        return "\ufffd" in data.decode("utf-8")
    except UnicodeDecodeError:
        return True


def _may_hold_control(chunk: bytes) -> bool:
    """False when no line of ``chunk`` holds a character kpi never writes (``CONTROL``); True when one may."""
    starts = chunk.translate(None, NOT_STARTS)
    if not starts:
        return False
    if starts.translate(None, b"\r\xc2\xe2"):
        return True  # an ASCII control
    if b"\r" in starts and starts.count(b"\r") != chunk.count(b"\r\n"):
        return True  # a CR that is not a line's own end
    if b"\xc2" in starts and re.search(C1, chunk):
        return True
    return b"\xe2" in starts and re.search(OVERRIDE, chunk) is not None


class _Rules(bytes):
    """A line only the rules read: the shortcut cannot split it."""

    def split(self, sep: bytes | None = None, maxsplit: SupportsIndex = -1) -> list[bytes]:  # type: ignore[override]
        return []


class _Careful(bytes):
    """A line split as the rules read it; none if not UTF-8, a conflict marker or not 10 or 14 fields ending in
    the hash."""

    def split(self, sep: bytes | None = None, maxsplit: SupportsIndex = -1) -> list[bytes]:  # type: ignore[override]
        text = self.decode("utf-8", "replace")  # (a replacement character: not UTF-8, or one in a note; for the rules)
        fields = None if "\ufffd" in text or conflict_marker(self) else parse_line(text)
        if fields is None or len(fields) not in (FIELD_COUNT, FIELD_COUNT_V2):
            return []
        encoded = "\n".join(fields).encode("utf-8").split(b"\n")  # (a field has no line end)
        return encoded if self.endswith(b"," + encoded[-1]) else []  # (the hash is over the bytes before it)
