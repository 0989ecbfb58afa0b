"""The ledger: an append-only CSV file (or a folder of per-writer files) of yearly actuals.

File format (UTF-8, LF, header first)::

    recorded_at,recorded_by,kpi_id,year,value,note,source,correction,batch,hash

``hash`` chains each row to the previous row of the same file:
``sha256(previous_hash + "," + row)`` in hex, where ``row`` is the row's other
fields written as one CSV line (minimal quoting, no line end) and the first row's
previous hash is empty. An edited, deleted or reordered row therefore breaks
the chain at its own line.

``batch`` is empty for a single record and ``ID:i/n`` for the rows of one
import; readers ignore a batch whose rows are not all there (an import killed
mid-write) and a last line without its end that does not check out (a torn
write). The next writer removes such an unfinished tail under the lock before
appending; nothing else ever rewrites or deletes bytes.

This module holds the format and what a read returns; ``ledger_scan`` reads files and
``ledger_write`` appends to them (with ``plan_file``, ``plan_write`` and the caches,
the only modules that touch files).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .records import record

if TYPE_CHECKING:
    from datetime import datetime

    from .ledger_scan import _FileScan

COLUMNS = (
    "recorded_at",
    "recorded_by",
    "kpi_id",
    "year",
    "value",
    "note",
    "source",
    "correction",
    "batch",
    "hash",
)
HEADER = ",".join(COLUMNS)
HEADER_BYTES = HEADER.encode("ascii")
_N = len(COLUMNS)
# Patterns are plain strings: `re` compiles each on first use, so importing costs nothing.
_BATCH_RE = r"^([0-9a-f]{1,32}):(\d+)/(\d+)$"
_HASH_RE = r"^[0-9a-f]{64}$"
_UNSAFE_NAME = r'[\\/:*?"<>|\x00-\x1f]'


class Row(NamedTuple):
    """One counted ledger row (a tuple: a million of them are made quickly)."""

    file: str
    line: int
    recorded_at: str
    recorded_by: str
    kpi_id: str
    year: int
    value: str
    note: str
    source: str
    correction: bool
    batch: str
    hash: str

    @property
    def decimal(self) -> Decimal:
        return Decimal(self.value)


@record
class Problem:
    file: str
    line: int  # 0 when the problem is about the whole file
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


class FileSummary:
    """What one pass learned about one file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.rows = 0  # rows that check out and count
        self.head = ""  # hash of the last row that counts
        self.tip = ""  # stored hash of the last complete line before an unfinished tail: the chain goes on here
        self.valid_end = 0  # byte offset where an unfinished tail (torn line, incomplete import) starts
        self.size = 0


@record
class Conflict:
    kpi_id: str
    year: int
    rows: list[Row]


class LedgerRead:
    """Everything a report needs from the ledger, gathered in one pass per file."""

    def __init__(self) -> None:
        self.files: list[FileSummary] = []
        self.kept: list[Row] = []  # rows asked for (history)
        self.problems: list[Problem] = []
        self.conflicts: list[Conflict] = []
        self._scans: list[_FileScan] = []
        self._current: dict[tuple[str, int], Row] | None = None

    @property
    def row_count(self) -> int:
        return sum(f.rows for f in self.files)

    @property
    def current(self) -> dict[tuple[str, int], Row]:
        """The newest row per KPI and year (made on first use; across files the later recorded_at wins)."""
        if self._current is None:
            current: dict[tuple[str, int], Row] = {}
            for scan in self._scans:
                for (kpi_id, year), (line, f) in scan.state.latest.items():
                    key = (kpi_id.decode("utf-8"), int(year))
                    row = scan._row(line, f)
                    other = current.get(key)
                    if other is None or _newer(row, other):
                        current[key] = row
            self._current = current
        return self._current

    def newest(self, kpi_id: str, year: int) -> Row | None:
        """The row in force for one KPI and year (without making the others)."""
        key = (kpi_id.encode("utf-8"), str(year).encode("ascii"))
        found = None
        for scan in self._scans:
            entry = scan.state.latest.get(key)
            if entry is not None:
                row = scan._row(*entry)
                if found is None or _newer(row, found):
                    found = row
        return found

    def values(self) -> dict[str, dict[int, Decimal]]:
        """The value in force per KPI and year, without making Row objects (the status fast path)."""
        if len(self._scans) != 1:
            out: dict[str, dict[int, Decimal]] = {}
            for (kpi_id, year), row in self.current.items():
                out.setdefault(kpi_id, {})[year] = Decimal(row.value)
            return out
        fast: dict[str, dict[int, Decimal]] = {}
        for (kpi_b, year_b), (_, f) in self._scans[0].state.latest.items():
            key = kpi_b.decode("utf-8")
            mine = fast.get(key)
            if mine is None:
                mine = fast[key] = {}
            mine[int(year_b)] = Decimal(f[4].decode("ascii"))
        return fast


def _small_sha256() -> Callable[[bytes], Any]:
    """CPython's built-in SHA-256: about 1 ms to import where OpenSSL's costs about 5 ms.

    For a few thousand rows that import is most of the work; for big ledgers
    ``hashlib`` (OpenSSL, faster per row) is used instead. Both give the same digest.
    """
    for name in ("_sha256", "_sha2"):  # renamed in Python 3.12
        try:
            module = __import__(name)
        except ImportError:
            continue
        return module.sha256  # type: ignore[no-any-return]
    import hashlib

    return hashlib.sha256


_sha256: Callable[[bytes], Any] | None = None
BIG_FILE = 4 << 20  # bytes: from here on the OpenSSL hash pays for its import


def _hasher(size: int) -> Callable[[bytes], Any]:
    global _sha256  # noqa: PLW0603 - chosen once per process
    if size >= BIG_FILE:
        import hashlib

        return hashlib.sha256
    if _sha256 is None:
        _sha256 = _small_sha256()
    return _sha256


def chain_hash(previous: bytes, body: bytes, sha256: Callable[[bytes], Any] | None = None) -> str:
    return (sha256 or _hasher(0))(previous + b"," + body).hexdigest()  # type: ignore[no-any-return]


def _csv_line(fields: Sequence[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(fields)
    return buf.getvalue()[:-1]


def _parse_line(text: str) -> list[str] | None:
    """Split one line into fields; None if it is not one well-formed CSV record."""
    if '"' not in text:
        return text.split(",")
    try:
        rows = list(csv.reader([text], strict=True))
    except csv.Error:
        return None
    return rows[0] if len(rows) == 1 else None


def writer_file_name(recorded_by: str) -> str:
    """The file a writer appends to in folder mode: <recorded_by>.csv, made safe."""
    name = re.sub(_UNSAFE_NAME, "_", recorded_by).strip(" .") or "unknown"
    return f"{name}.csv"


def ledger_files(path: Path) -> list[Path]:
    """The CSV files that make up the ledger: the file itself, or every *.csv in the folder."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    if path.exists():
        return [path]
    return []


def _timestamp(row: Row) -> datetime | None:
    from datetime import datetime

    try:
        stamp = datetime.fromisoformat(row.recorded_at)
    except ValueError:
        return None
    return stamp if stamp.tzinfo is not None else None


def _newer(a: Row, b: Row) -> bool:
    """Across files of a folder the later recorded_at wins (file and line break ties)."""
    ta, tb = _timestamp(a), _timestamp(b)
    if ta is None or tb is None or ta == tb:
        return (a.file, a.line) > (b.file, b.line)
    return ta > tb


def read(path: Path, *, keep_kpis: frozenset[str] | None = None) -> LedgerRead:
    """Read the ledger (a file or a folder) in one streaming pass per file.

    ``keep_kpis``: None keeps no rows in full; an empty set keeps every row;
    otherwise rows of those KPIs.
    """
    from .ledger_scan import _FileScan, find_conflicts

    result = LedgerRead()
    scans = []
    for file in ledger_files(path):
        scan = _FileScan(file, result, keep_kpis)
        scan.run()
        scans.append(scan)
    result._scans = scans
    find_conflicts(result, scans)
    return result


@record
class NewRow:
    recorded_at: str
    recorded_by: str
    kpi_id: str
    year: int
    value: str
    note: str = ""
    source: str = ""
    correction: bool = False
