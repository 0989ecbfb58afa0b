"""The ledger format: the one place that says what a ledger line is.

A ledger is a UTF-8 CSV file (LF line ends, header first)::

    recorded_at,recorded_by,kpi_id,year,value,note,source,correction,batch,hash

or a folder of such files, one per writer (``<writer>.csv``). That is format 1. Format 2 adds
four columns before the hash::

    recorded_at,recorded_by,kpi_id,year,value,note,source,correction,batch,form,status,origin,returned_by,hash

A format 2 file keeps the format 1 rows it began with (ten fields); a row is written with fourteen only
when one of the four says something, and a file's header becomes format 2's (rewritten once,
atomically) when the first such row is written to it. So a ledger that never needed them stays
readable by a kpi that knows only format 1, and a header kpi does not know (a later format) is
reported as written by a newer kpi, not as damage.

Fields
    ``recorded_at``  ISO 8601 local time with offset; informative only (no rule depends on a clock).
    ``recorded_by``  who wrote the row.
    ``kpi_id``, ``year``  the KPI and fiscal year (four ASCII digits). A half-year value is kept under
        ``<kpi_id>#H1`` (上期) or ``<kpi_id>#H2`` (下期): its own key, never rated.
    ``value``  a plain decimal (``-?digits[.digits]``, at most 15 integer digits and 6 places), or
        empty for a *void* row: a tombstone that takes back the row it names in ``correction``.
    ``note``, ``source``  free text on one line.
    ``correction``  ``false`` for a first value; the 64-hex ``hash`` of the row this one supersedes
        (a correction or a void); ``true`` in ledgers written by kpi 0.1.0 (supersedes the earlier
        rows of the same KPI and year in the same file).
    ``batch``  empty for a single row; ``ID:i/n`` for row i of an import of n rows.
    ``form``  (format 2) empty: the year's own value (a 累計 KPI's count of that year); ``total``: a 累計
        KPI's running total up to that year, as published.
    ``status``  (format 2) empty, ``provisional`` (速報) or ``final`` (確定). A final value that replaces
        a provisional one is a revision: it needs no ``--correct``.
    ``origin``  (format 2) where an imported value came from: the file's name and ``sheet!row``.
    ``returned_by``  (format 2) the 振興局 whose sheet it was (from the sheet), beside ``recorded_by``
        (who ran the import).
    ``hash``  ``sha256(previous + "," + body)`` in hex, where ``body`` is the row's other fields as one
        CSV line (minimal quoting, no line end) and ``previous`` the stored hash of the line before
        (empty for the first row). An edited, deleted or moved row breaks the chain at its own line.

A line that is a git merge conflict marker (``<<<<<<< HEAD``, ``=======``, ``>>>>>>> other``)
is reported as one (kind ``conflict``), and no row is appended to a file that has one.

Which row is in force for a KPI and year: within a file, the last one; across the files of a
folder, the one no other row supersedes (a correction beats a first value it has not seen;
only two unrelated corrections fall back to ``recorded_at``, and ``kpi verify`` reports them).
A correction supersedes only a row of its own KPI and year: one whose ``correction`` names a row
of another KPI or year, or no row at all, supersedes nothing, counts as a first value (a conflict
where the values differ) and is a problem ``kpi verify`` reports.

A torn write (a crash during ``write()``) can leave only a prefix of what kpi wrote: a last line
without its end that is not a complete row, or the first rows of an import batch. Only such a
tail, after the last row kpi remembers writing (the head file, ``<ledger>.head``), is ignored by
readers and removed by the next writer. Anything else that fails a check is reported by line and
left in place.
"""

# No `from __future__ import annotations` here: a NamedTuple makes a ForwardRef of each string
# annotation, compiling it, at every start (about 5 ms for these classes).
import csv
import io
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from enum import IntEnum
from typing import Any, NamedTuple

from kpi_cli.core.decimals import MAX_PLACES
from kpi_cli.files import is_windows_device
from kpi_cli.i18n.msg import Msg

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
COLUMNS_V2 = (*COLUMNS[:-1], "form", "status", "origin", "returned_by", "hash")


class Field(IntEnum):
    """Column positions, for code that works on split lines."""

    RECORDED_AT = 0
    RECORDED_BY = 1
    KPI_ID = 2
    YEAR = 3
    VALUE = 4
    NOTE = 5
    SOURCE = 6
    CORRECTION = 7
    BATCH = 8
    FORM = 9  # format 2 only, like the three below (a row's hash is always its last field)
    STATUS = 10
    ORIGIN = 11
    RETURNED_BY = 12


FIELD_COUNT = len(COLUMNS)
FIELD_COUNT_V2 = len(COLUMNS_V2)
HEADER = ",".join(COLUMNS)
HEADER_BYTES = HEADER.encode("ascii")
HEADER_V2 = ",".join(COLUMNS_V2)
HEADER_V2_BYTES = HEADER_V2.encode("ascii")
FORMS = ("", "total")
STATUSES = ("", "provisional", "final")
BOM = b"\xef\xbb\xbf"
# Patterns are plain strings or compiled on first use: importing this module compiles nothing.
VALUE_PATTERN = rb"-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,6})?"
BATCH_PATTERN = r"([0-9a-f]{1,32}):([1-9][0-9]{0,8})/([1-9][0-9]{0,8})"
HASH_PATTERN = r"[0-9a-f]{64}"
_UNSAFE_NAME = r'[\\/:*?"<>|\x00-\x1f]'
# The longest note, source or review text kpi writes: whatever its characters, its row stays
# within what Python's csv module reads back (131,072 characters per field).
MAX_TEXT = 10_000
MAX_FIELD = 131_072
LEGACY_CORRECTION = "true"
FIRST_VALUE = "false"


class Row(NamedTuple):
    """One counted ledger row."""

    file: str
    line: int
    recorded_at: str
    recorded_by: str
    kpi_id: str
    year: int
    value: str  # "" for a void row
    note: str
    source: str
    correction: str  # "false", "true" (0.1.0) or the hash of the superseded row
    batch: str
    hash: str
    form: str = ""  # see the module's docstring (format 2)
    status: str = ""
    origin: str = ""
    returned_by: str = ""

    @property
    def decimal(self) -> Decimal:
        return Decimal(self.value)

    @property
    def is_void(self) -> bool:
        return self.value == ""

    @property
    def is_correction(self) -> bool:
        return self.correction != FIRST_VALUE

    @property
    def supersedes(self) -> str:
        """The hash of the row this one supersedes ("" when it names none)."""
        return self.correction if len(self.correction) == 64 else ""


class NewRow(NamedTuple):
    """A row about to be written (the writer adds batch and hash)."""

    recorded_at: str
    recorded_by: str
    kpi_id: str
    year: int
    value: str  # "" for a void row
    note: str = ""
    source: str = ""
    correction: str = FIRST_VALUE
    form: str = ""
    status: str = ""
    origin: str = ""
    returned_by: str = ""

    @property
    def is_void(self) -> bool:
        return self.value == ""

    @property
    def extras(self) -> tuple[str, str, str, str]:
        """The format 2 fields (all empty: a format 1 row)."""
        return self.form, self.status, self.origin, self.returned_by


class Problem(NamedTuple):
    file: str
    line: int  # 0 when the problem is about the whole file
    message: Msg
    kind: str = ""  # "resaved": a row intact but re-formatted by a spreadsheet; "conflict": a git marker;
    # "torn": an unfinished write at the end, ignored (removable); "nohead": no head file
    detail: str = ""  # resaved: what the spreadsheet changed ("quotes, TRUE/FALSE"); conflict: the marker

    def text(self, ja: bool = False) -> str:
        return (
            f"{self.file}:{self.line}: {self.message.text(ja)}"
            if self.line
            else f"{self.file}: {self.message.text(ja)}"
        )

    def msg(self) -> Msg:
        """The problem as one message, with its place."""
        if self.line:
            return Msg("{file}:{line}: {problem}", file=self.file, line=self.line, problem=self.message)
        return Msg("{file}: {problem}", file=self.file, problem=self.message)

    def __str__(self) -> str:
        return self.text(False)


# ------------------------------------------------------------------ hashing


def _builtin_sha256() -> Callable[[bytes], Any]:
    """CPython's own SHA-256 (about 0.2 ms to import; OpenSSL's ``hashlib`` costs about 2.5 ms)."""
    for name in ("_sha256", "_sha2"):  # renamed in Python 3.12
        try:
            module = __import__(name)
        except ImportError:
            continue
        return module.sha256  # type: ignore[no-any-return]
    import hashlib  # pragma: no cover - a Python without the built-in module

    return hashlib.sha256  # pragma: no cover


_sha256: Callable[[bytes], Any] | None = None


def sha256() -> Callable[[bytes], Any]:
    """The SHA-256 constructor used for ledger chains (both give the same digest)."""
    global _sha256  # noqa: PLW0603 - chosen once per process
    if _sha256 is None:
        _sha256 = _builtin_sha256()
    return _sha256


OPENSSL_FROM = 1 << 20  # bytes to hash from which OpenSSL's SHA-256 (faster) is worth its 4 ms import


def sha256_for(size: int) -> Callable[..., Any]:
    """The SHA-256 constructor quickest for hashing ``size`` bytes, its import included (the same digests)."""
    if size < OPENSSL_FROM:
        return sha256()
    import hashlib

    return hashlib.sha256


def chain_hash(previous: bytes, body: bytes) -> str:
    return str(sha256()(previous + b"," + body).hexdigest())


# ------------------------------------------------------------------ lines


def csv_line(fields: Sequence[str]) -> str:
    """Fields as one canonical CSV line (minimal quoting, no line end)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(fields)
    return buf.getvalue()[:-1]


def parse_line(text: str) -> list[str] | None:
    """Split one line into fields; None if it is not one well-formed CSV record."""
    if '"' not in text:
        return text.split(",")
    try:
        rows = list(csv.reader([text], strict=True))
    except csv.Error:
        return None
    return rows[0] if len(rows) == 1 else None


def restore_resaved(previous: bytes, fields: list[str], stored: str) -> tuple[list[str], list[str]] | None:
    """The fields as kpi wrote them, and what a spreadsheet changed, when its re-save alone explains
    why the row's hash fails; None when something else changed (the stored hash is the proof).

    A re-save may requote fields (checked by writing the fields back in kpi's form), write
    TRUE/FALSE for true/false, and drop a value's trailing zeros (1372.60 → 1372.6). (It may also pad
    a row to the header's width: see ``unpadded``.)"""
    fixed = list(fields)
    causes = []
    flag = fixed[Field.CORRECTION]
    if flag in ("TRUE", "FALSE", "True", "False"):
        fixed[Field.CORRECTION] = flag.lower()
        causes.append("TRUE/FALSE")
    value = fixed[Field.VALUE]
    for candidate in _with_zeros(value):
        fixed[Field.VALUE] = candidate
        if chain_hash(previous, csv_line(fixed[:-1]).encode("utf-8")) == stored:
            return fixed, causes + (["trailing zeros"] if candidate != value else [])
    return None


def unpadded(fields: list[str]) -> list[str] | None:
    """A format 1 row that a spreadsheet padded to the width of a format 2 header (its hash, then four
    empty cells), as kpi wrote it; None when the row is not one."""
    if len(fields) == FIELD_COUNT_V2 and not any(fields[FIELD_COUNT:]) and looks_like_hash(fields[FIELD_COUNT - 1]):
        return fields[:FIELD_COUNT]
    return None


def _with_zeros(value: str) -> list[str]:
    """The value as found, then with the trailing zeros a spreadsheet may have dropped."""
    if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value):
        return [value]
    whole, _, places = value.partition(".")
    return [value] + [f"{whole}.{places}{'0' * n}" for n in range(1, MAX_PLACES - len(places) + 1)]


CONFLICT_MARKERS = (b"<<<<<<<", b"|||||||", b"=======", b">>>>>>>")


def conflict_marker(line: bytes) -> bytes:
    """The git merge conflict marker a line is (``<<<<<<<``, ``|||||||``, ``=======``,
    ``>>>>>>>``, alone or before a space and a name), or b"" when it is none."""
    mark = line[:7]
    return mark if mark in CONFLICT_MARKERS and line[7:8] in (b"", b" ") else b""


def looks_like_hash(text: str) -> bool:
    return re.fullmatch(HASH_PATTERN, text) is not None


def _control(char: str) -> bool:
    """A character kpi never writes into a text field: a control character other than tab (a review's
    JSON keeps its line breaks escaped), or a bidirectional override."""
    code = ord(char)
    return (code < 0x20 and char != "\t") or 0x7F <= code < 0xA0 or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069


def _odd_text(fields: Sequence[str]) -> Msg | None:
    """A text field holding a character kpi never writes."""
    texts = [("recorded_by", fields[Field.RECORDED_BY]), ("note", fields[Field.NOTE]), ("source", fields[Field.SOURCE])]
    if len(fields) == FIELD_COUNT_V2:
        texts += [("origin", fields[Field.ORIGIN]), ("returned_by", fields[Field.RETURNED_BY])]
    for name, text in texts:
        odd = next((c for c in text if _control(c)), None)
        if odd is not None:
            return Msg(
                "{field} holds the control character U+{code}, which kpi never writes: the row was written outside kpi",
                field=name,
                code=f"{ord(odd):04X}",
            )
    return None


def field_problem(fields: Sequence[str]) -> Msg | None:
    """Why a hash-valid row's fields cannot be counted (None when they can)."""
    year, value, correction, batch = (
        fields[Field.YEAR],
        fields[Field.VALUE],
        fields[Field.CORRECTION],
        fields[Field.BATCH],
    )
    odd = _odd_text(fields)
    if odd is not None:
        return odd
    if not (len(year) == 4 and year.isascii() and year.isdigit()):
        return Msg("year {year!r} is not a four-digit year", year=year[:20])
    if value == "":
        if not looks_like_hash(correction):
            return Msg("an empty value (a void row) must name the row it takes back")
    elif not (value.isascii() and re.fullmatch(VALUE_PATTERN, value.encode("ascii"))):
        return Msg("value {value!r} is not a plain decimal of at most 15 digits and 6 places", value=value[:30])
    if correction not in (FIRST_VALUE, LEGACY_CORRECTION) and not looks_like_hash(correction):
        return Msg("correction {correction!r} is neither true, false nor a row's hash", correction=correction[:30])
    if batch and re.fullmatch(BATCH_PATTERN, batch) is None:
        return Msg("batch {batch!r} is not of the form ID:i/n", batch=batch[:40])
    return _v2_problem(fields) if len(fields) == FIELD_COUNT_V2 else None


def _v2_problem(fields: Sequence[str]) -> Msg | None:
    if fields[Field.FORM] not in FORMS:
        return Msg("form {form!r} is neither empty nor total", form=fields[Field.FORM][:30])
    if fields[Field.STATUS] not in STATUSES:
        return Msg("status {status!r} is neither empty, provisional nor final", status=fields[Field.STATUS][:30])
    return None


def header_version(line: bytes) -> int:
    """The format a header line (without its line end) names: 1, 2, or 0 when it names none."""
    if line == HEADER_BYTES:
        return 1
    if line == HEADER_V2_BYTES:
        return 2
    fields = parse_line(line.decode("ascii", "replace"))
    return {tuple(COLUMNS): 1, tuple(COLUMNS_V2): 2}.get(tuple(fields or ()), 0)


def looks_newer(line: bytes) -> bool:
    """Whether a header no format names looks like a later format's: format 2's columns but the hash,
    then columns kpi does not know (a later format adds columns before the hash, as format 2 did)."""
    return line.startswith(",".join(COLUMNS_V2[:-1]).encode("ascii") + b",")


def header_shown(line: bytes) -> str:
    """A header as a message shows it: from the first column that is not kpi's (…, when the columns
    before it are kpi's own), so that what differs is not cut off."""
    text = line.decode("utf-8", "replace")
    got = text.split(",")
    same = 0
    for mine, theirs in zip(COLUMNS_V2, got, strict=False):
        if mine != theirs:
            break
        same += 1
    return text if same < 3 else "…," + ",".join(got[same:])


def make_row(file: str, line: int, fields: Sequence[str]) -> Row:
    f = fields
    if len(f) == FIELD_COUNT_V2:
        return Row(
            file, line, f[0], f[1], f[2], int(f[3]), f[4], f[5], f[6], f[7], f[8], f[13], f[9], f[10], f[11], f[12]
        )
    return Row(file, line, f[0], f[1], f[2], int(f[3]), f[4], f[5], f[6], f[7], f[8], f[9])


def row_fields(r: NewRow, batch: str) -> list[str]:
    """A new row's fields before its hash: nine, or thirteen when a format 2 field says something."""
    fields = [r.recorded_at, r.recorded_by, r.kpi_id, str(r.year), r.value, r.note, r.source, r.correction, batch]
    return [*fields, *r.extras] if any(r.extras) else fields


def encode_rows(rows: Sequence[NewRow], previous: bytes, batch_id: str = "") -> tuple[list[bytes], list[str]]:
    """Chained lines (with their line ends) and their hashes; several rows form batch ``batch_id``."""
    lines: list[bytes] = []
    hashes: list[str] = []
    n = len(rows)
    for i, r in enumerate(rows, start=1):
        batch = f"{batch_id}:{i}/{n}" if batch_id else ""
        body = csv_line(row_fields(r, batch)).encode("utf-8")
        digest = chain_hash(previous, body)
        previous = digest.encode("ascii")
        lines.append(body + b"," + previous + b"\n")
        hashes.append(digest)
    return lines, hashes


# ------------------------------------------------------------------ files


def writer_file_name(recorded_by: str) -> str:
    """The file a writer appends to in folder mode: <recorded_by>.csv, made safe, and always a name
    the readers read back (never hidden, never taken for Office's lock file, never too long)."""
    name = re.sub(_UNSAFE_NAME, "_", recorded_by).strip(" .") or "unknown"
    if name.startswith(("~", ".")):
        name = "_" + name[1:]
    if is_windows_device(name):  # CON.csv is the console on Windows, not a file
        name = "_" + name
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        digest = sha256()(recorded_by.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        kept = name.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", "ignore")
        name = f"{kept}-{digest}"
    return f"{name}.csv"


MAX_NAME_BYTES = 160  # a writer's file name, before its hash suffix: well inside any file system's 255


def is_writer_file(name: str) -> bool:
    """Whether a file of a ledger folder is a writer's file (not ``~$x.csv``, ``._x.csv``, ``x.csv.head``)."""
    return name.lower().endswith(".csv") and not name.startswith((".", "~"))


def is_lock_file(name: str) -> bool:
    """Office's owner file (``~$x.csv``), there while a file of the folder is open in Excel."""
    return name.startswith("~$")


def is_system_file(name: str) -> bool:
    """A file an office program or an operating system keeps beside the ledger's files:
    Office's owner file, macOS's metadata (``._x.csv``). Harmless, so skipped without a word."""
    return is_lock_file(name) or name.startswith("._")


# What kpi writes as the source of a KPI's value it added up from its 振興局 shares (kpi export): a
# derived figure, never a value recorded for the whole KPI. An import of such a row records nothing.
SUM_OF_SHARES = "sum of {n} {parts} shares"  # parts: 振興局, or 市町村 for a KPI over a set of 市町村


def sum_of_shares(n: int, parts: str = "振興局") -> str:
    """The source kpi writes for a value it added up from ``n`` shares (of 振興局 or 市町村)."""
    return SUM_OF_SHARES.format(n=n, parts=parts)


def says_sum_of_shares(source: str) -> bool:
    """Whether a source is the mark of a sum kpi derived (see ``SUM_OF_SHARES``)."""
    return re.fullmatch(r"sum of [0-9]{1,4} (振興局|市町村) shares", source.strip()) is not None


HEAD_SUFFIX = ".head"
REVIEW_PREFIX = "review:"  # the kpi_id of a project review row: review:<project id> (see ledger/reviews.py)
