"""The reference reader: the ledger format's rules, line by line, as plainly as they can be written.

It reads small files (below ``scan.FAST_FROM``) and every line the fast reader does not
handle itself, so each rule exists once. ``tests/test_ledger_readers.py`` checks that both
readers give the same ``FileScan`` for the same bytes.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.format import (
    BATCH_PATTERN,
    FIELD_COUNT,
    FIRST_VALUE,
    LEGACY_CORRECTION,
    Field,
    Problem,
    Row,
    chain_hash,
    conflict_marker,
    field_problem,
    looks_like_hash,
    make_row,
    parse_line,
    restore_resaved,
)


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
    """What one pass over one ledger file found (the one result type of both readers)."""

    def __init__(self, shown: str, keep: frozenset[str] | None, wanted: frozenset[str], named: bool = True) -> None:
        self.file = shown
        self.keep = keep  # None: keep no rows; empty: every row; else rows of these KPIs
        self.wanted = wanted  # hashes to look for (kpi verify --expect-head)
        self.size = 0
        self.rows = 0  # rows that count
        self.head = ""  # stored hash of the last row that counts
        self.tip = b""  # the chain where the next row goes on (at ``valid_end``)
        self.valid_end = 0  # bytes after this are a removable torn write
        self.previous = b""  # the chain so far (while reading)
        self.latest: dict[tuple[str, int], Row] = {}  # last counted row per KPI and year
        self.named = named  # whether to collect the hashes that corrections name (a folder's files need them)
        self.superseded: set[str] = set()  # hashes named by corrections and voids
        self.problems: list[Problem] = []
        self.kept: list[Row] = []
        self.found: set[str] = set()
        self.batch: Batch | None = None
        self.torn_line: tuple[int, int, bytes] | None = None  # (offset, line, chain before it)

    def key(self) -> tuple[object, ...]:
        """Everything a reader decides, for comparing two readers."""
        return (
            self.file,
            self.size,
            self.rows,
            self.head,
            self.tip,
            self.valid_end,
            sorted(self.latest.items()),
            sorted(self.superseded),
            self.problems,
            self.kept,
            sorted(self.found),
        )

    def problem(self, line: int, message: Msg, kind: str = "", detail: str = "") -> None:
        self.problems.append(Problem(self.file, line, message, kind, detail))

    # ------------------------------------------------------------- one line

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
        cause = ""
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text, cause = line.decode("cp932"), "saved in cp932/Shift-JIS"
            except UnicodeDecodeError:
                self._bad(line, lineno, start, complete, Msg("not UTF-8 text; row left out"))
                return
        fields = parse_line(text)
        if fields is None or len(fields) != FIELD_COUNT:
            self._bad(
                line, lineno, start, complete, Msg("cannot be read as {n} CSV fields; row left out", n=FIELD_COUNT)
            )
            return
        stored = fields[Field.HASH]
        if not complete and not looks_like_hash(stored):
            self._bad(line, lineno, start, complete, None)
            return
        body = line[: line.rindex(b",")]
        if cause or chain_hash(self.previous, body) != stored:
            fields, cause = self._resaved(fields, stored, cause)
            if not cause:
                self._mismatch(lineno, fields, stored)
                self._in_batch_broken(fields[Field.BATCH], start, lineno, before)
                return
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
        why = field_problem(fields)
        if why is not None:
            self.problem(lineno, Msg("{problem}; row left out", problem=why))
            self._in_batch_broken(fields[Field.BATCH], start, lineno, before)
            return
        row = make_row(self.file, lineno, fields)
        if row.batch:
            self._batch_row(row, start, before)
        else:
            self._close_batch()
        self.count(row)

    def _resaved(self, fields: list[str], stored: str, cause: str) -> tuple[list[str], str]:
        """The fields as kpi wrote them, and why they differ, when only a spreadsheet's re-save changed them."""
        restored = restore_resaved(self.previous, fields, stored)
        if restored is None:
            return fields, ""
        fixed, causes = restored
        return fixed, ", ".join(([cause] if cause else []) + causes) or "quotes"

    def _mismatch(self, lineno: int, fields: list[str], stored: str) -> None:
        self.problem(
            lineno,
            Msg(
                "hash does not match: this row was edited, or a row before it was deleted or moved; "
                "it is left out (compare with a backup or the git history)"
            ),
        )
        if looks_like_hash(stored):
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
        m = re.fullmatch(BATCH_PATTERN, batch) if batch else None
        if b is None:
            if m is not None and m.group(2) == "1" and int(m.group(3)) > 1:
                self.batch = Batch(m.group(1), 2, int(m.group(3)), start, lineno, before, False)
            return
        step = 1 if m is not None and m.group(1) == b.id and int(m.group(2)) == b.next else 0
        self.batch = b._replace(next=b.next + step, clean=False)
        if step and b.next == b.total:
            self.batch = None

    def _batch_row(self, row: Row, start: int, before: bytes) -> None:
        m = re.fullmatch(BATCH_PATTERN, row.batch)
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
        b = self.batch
        if b is not None:
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
        self.latest[(row.kpi_id, row.year)] = row
        if self.named and row.correction not in (FIRST_VALUE, LEGACY_CORRECTION):
            self.superseded.add(row.correction)
        if self.keep is not None and (not self.keep or row.kpi_id in self.keep):
            self.kept.append(row)
        if row.hash in self.wanted:
            self.found.add(row.hash)

    # ------------------------------------------------------------- the end

    def torn_batch(self, anchored: int) -> Batch | None:
        """The import batch the file ends in, when it is provably a torn write (else None).

        Provable: every row of it checks out, and it starts after the last byte kpi
        remembers writing (``anchored``), so a cut file is never mistaken for a torn write.
        ``anchored`` -1: there is no head to remember anything by, so nothing is provable.
        """
        b = self.batch
        return b if b is not None and b.clean and anchored >= 0 and b.start >= anchored else None

    def finish(self, size: int, anchored: int) -> None:
        """Close the scan of a file of ``size`` bytes (after ``torn_batch`` found none)."""
        self.size = size
        self.valid_end = size
        self.tip = self.previous
        torn = self.torn_line
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
            )
            self.valid_end, self.tip = torn[0], torn[2]
        elif torn is not None:
            self.problem(
                torn[1],
                Msg(
                    "incomplete last line (a write was interrupted); it is ignored, and removed by the next kpi record"
                ),
            )
            self.valid_end, self.tip = torn[0], torn[2]
        self.torn_line = None
        self._close_batch()
        self.kept.sort(key=lambda r: r.line)

    def cut_at(self, batch: Batch, size: int) -> None:
        """Close a scan that stopped where the torn ``batch`` starts."""
        self.size = size
        self.valid_end = batch.start
        self.tip = batch.before
        self.problem(
            batch.line,
            Msg(
                "import {batch} is incomplete ({present} of {total} rows: the import was interrupted); "
                "its rows are ignored, and removed by the next kpi record or import",
                batch=batch.id,
                present=batch.next - 1,
                total=batch.total,
            ),
        )
        self.kept.sort(key=lambda r: r.line)


def scan_lines(scan: FileScan, data: bytes, start: int, first_line: int) -> None:
    """Check every line of ``data``: the file's bytes from offset ``start`` (line ``first_line``) on."""
    offset, lineno = start, first_line
    parts = data.split(b"\n")
    last = len(parts) - 1
    for i, raw in enumerate(parts):
        if i == last and not raw:
            break
        scan.check_line(raw.rstrip(b"\r"), lineno, offset, i < last)
        offset += len(raw) + 1
        lineno += 1
