"""The fast reader's rule for a common line, checked a block of lines at a time.

A common line is a single row (or the next row of the import being read) in UTF-8 whose chain
and fields check out and that has a value (is not a void); quoted fields (a note
with a comma) are split by ``csv``. Each rule is one pass over a block in C (``map`` over its
lines; a loop of Python statements per line costs more), and where a rule fails, a search
for the first line failing it, which ends the run of common lines there. That line goes to
``FileScan.check_line`` (see ``scan_fast``), so the rules for everything else exist once.
Values already checked are remembered, since most repeat. Hashes are OpenSSL's (``hashlib``),
faster per row than the built-in module.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from itertools import compress, count, repeat
from operator import itemgetter, ne, not_

from kpi_cli.ledger.format import FIELD_COUNT, HASH_PATTERN, VALUE_PATTERN, parse_line
from kpi_cli.ledger.scan_reference import FileScan

FIRST_BLOCK = 16  # lines in the first block, and more than the last run after an uncommon line
BLOCK = 4096  # lines in a block at most (it doubles while every line is common)

Fields = list[bytes]
_BODY = itemgetter(slice(None, -65))  # a line without ",hash": what its hash is over, after the chain
_KEY = itemgetter(2, 3)  # (kpi_id, year)
_YEAR, _VALUE, _CORRECTION, _BATCH, _HASH = (itemgetter(i) for i in (3, 4, 7, 8, 9))
_CORRECTIONS = frozenset((b"false", b"true"))
_GOOD_MAX = 1 << 16  # values remembered as checked: a bound on memory for a file of all-different values


class Taken:
    """The common rows taken in, kept as split bytes until the end (and sent back by a forked child)."""

    def __init__(self) -> None:
        self.latest: dict[tuple[bytes, bytes], tuple[int, Fields]] = {}
        self.kept: list[tuple[int, Fields]] = []
        self.found: list[bytes] = []
        self.superseded: set[bytes] = set()  # hashes named by corrections
        self.rows = 0
        self.head = b""

    def reset(self) -> None:
        """Empty, in place (the loop holds references to the containers)."""
        self.kept.clear()
        self.found.clear()
        self.superseded.clear()
        self.rows = 0
        self.head = b""


def _first(flags: Iterable[object], default: int) -> int:
    """The index of the first true flag, or ``default`` if there is none."""
    return next(compress(count(), flags), default)


class CommonLines:
    """Checks lines a block at a time and takes in the common ones; carries the chain and the
    import being read from block to block (written back to the scan before it reads a line)."""

    def __init__(self, scan: FileScan, taken: Taken) -> None:
        import hashlib  # OpenSSL's SHA-256: worth its 2.5 ms import on a file of a megabyte and more

        self.scan, self.taken = scan, taken
        self.sha = hashlib.sha256
        self.hexdigest = type(self.sha()).hexdigest
        self.value_ok = re.compile(VALUE_PATTERN).fullmatch
        self.hash_ok = re.compile(HASH_PATTERN.encode("ascii")).fullmatch
        self.naming = False  # whether some row of the block names the row it corrects
        self.good_values: set[bytes] = set()
        keep = scan.keep
        self.keep_ids = {k.encode("utf-8") for k in keep} if keep else set()
        self.keep_all = keep is not None and not keep
        self.keeping = keep is not None
        self.wanted = {w.encode("ascii") for w in scan.wanted}
        self.previous = scan.previous
        self.size = FIRST_BLOCK  # lines in the next block
        self.load_batch()

    def load_batch(self) -> None:
        """The import being read, from the scan: the number of its next row and that row's field's parts."""
        b = self.batch = self.scan.batch
        self.next = b.next if b is not None else 0
        self.prefix = f"{b.id}:".encode("ascii") if b is not None else b""
        self.tail = f"/{b.total}".encode("ascii") if b is not None else b""

    def sync(self) -> None:
        """Write the chain and the count of the import's rows back to the scan."""
        self.scan.previous = self.previous
        if self.batch is not None and self.batch.next != self.next:
            self.scan.batch = self.batch._replace(next=self.next)

    def common(self, lines: list[bytes], i: int, ln: int, quoted: list[int], plain: bool) -> int:
        """Take in the common lines from ``lines[i]`` (line ``ln``) on; return the index of the first other one.
        ``quoted``: the indexes of the lines with a double quote, in order (see ``quoted_lines``).

        A block grows while its lines are all common and shrinks to the last run's length after
        one that is not, so lines after an uncommon one are checked again only a few at a time."""
        while i < len(lines):
            block = lines[i : i + self.size]
            within = quoted[bisect_left(quoted, i) : bisect_left(quoted, i + len(block))] if quoted else quoted
            m = self.take(block, ln, [q - i for q in within], plain)
            i, ln = i + m, ln + m
            if m < len(block):
                self.size = min(BLOCK, m + FIRST_BLOCK)
                return i
            self.size = min(BLOCK, 2 * self.size)
        return i

    def take(self, block: list[bytes], ln: int, quoted: list[int], plain: bool) -> int:
        """How many lines at the start of ``block`` are common; those are taken in (``quoted``: the
        indexes of its lines with a double quote). Each rule is one count over the block, and only
        where it fails a search for the first line failing it, which shortens the run to the lines before."""
        fields = list(map(bytes.split, block, repeat(b",")))
        for j in quoted:
            fields[j] = quoted_fields(block[j])
        _upto(fields, list(map(len, fields)), FIELD_COUNT)
        if not plain:  # some line is not ASCII
            del fields[_utf8_prefix(block, len(fields)) :]
        self.batch_fields(fields)
        hashes = list(map(_HASH, fields))
        self.chain(fields, block, hashes)
        corrections = list(map(_CORRECTION, fields))
        self.naming = corrections.count(b"false") + corrections.count(b"true") != len(fields)
        if self.naming:  # a correction names its row by hash: anything else is not common
            bad = {c for c in set(corrections).difference(_CORRECTIONS) if self.hash_ok(c) is None}
            if bad:
                del fields[_first(map(bad.__contains__, corrections), len(fields)) :]
        years = list(map(_YEAR, fields))  # four ASCII digits: each of length 4, all of them digits
        if years and not b"".join(years).isdigit():
            del fields[_first(map(not_, map(bytes.isdigit, years)), len(fields)) :]
        _upto(fields, list(map(len, years)), 4)
        _checked(fields, _VALUE, self.value_ok, self.good_values)
        if fields:
            self.add(fields, hashes[len(fields) - 1], ln)
        return len(fields)

    def batch_fields(self, fields: list[Fields]) -> None:
        """Keep the rows whose batch field is due: the import's next rows, then none."""
        got = list(map(_BATCH, fields))
        if self.batch is None:
            _upto(fields, got, b"")
            return
        rows = range(self.next, min(self.batch.total + 1, self.next + len(got)))
        due = [self.prefix + b"%d" % i + self.tail for i in rows]
        due += [b""] * (len(got) - len(due))
        if got != due:
            del fields[_first(map(ne, got, due), len(got)) :]

    def chain(self, fields: list[Fields], block: list[bytes], hashes: list[bytes]) -> None:
        """Keep the rows whose line carries the hash of the chain so far and its own bytes."""
        if not fields:
            return
        chain = [self.previous, *hashes[: len(fields) - 1]]  # each line's chain, if the lines before check out
        made = "".join(map(self.hexdigest, map(self.sha, map(b",".join, zip(chain, map(_BODY, block), strict=False)))))
        if made.encode() != b"".join(hashes[: len(fields)]):
            made_each = [made[i : i + 64].encode() for i in range(0, len(made), 64)]
            del fields[_first(map(ne, made_each, hashes), len(fields)) :]
        _upto(fields, list(map(len, hashes)), 64)  # (joined hashes of other lengths could still agree)

    def add(self, fields: list[Fields], last_hash: bytes, ln: int) -> None:
        """Take in common rows (the first on line ``ln``): the chain, the import, the latest row per key."""
        taken, n = self.taken, len(fields)
        self.previous = last_hash
        if self.batch is not None:
            left = self.batch.total - self.next + 1  # its rows still to come
            if n >= left:
                self.batch = self.scan.batch = None
            else:
                self.next += n
        taken.latest.update(zip(map(_KEY, fields), zip(count(ln), fields), strict=True))
        if self.keep_all:
            taken.kept.extend(zip(count(ln), fields))
        elif self.keeping:
            ids = self.keep_ids
            taken.kept.extend((i, f) for i, f in zip(count(ln), fields) if f[2] in ids)
        if self.naming and self.scan.named:
            taken.superseded.update(c for c in map(_CORRECTION, fields) if c not in _CORRECTIONS)
        if self.wanted:
            taken.found.extend(h for h in map(_HASH, fields) if h in self.wanted)


def quoted_lines(chunk: bytes) -> list[int]:
    """The indexes of the lines of ``chunk`` (split at ``\\n``) that have a double quote, in order.
    A search of the whole chunk: quoted notes are rare, and a test of every line costs more."""
    found: list[int] = []
    at = chunk.find(b'"')
    line, counted = 0, 0  # the line of the quote at ``at``; the line ends counted up to ``counted``
    while at != -1:
        line += chunk.count(b"\n", counted, at)
        found.append(line)
        end = chunk.find(b"\n", at)
        if end == -1:
            break
        line, counted = line + 1, end + 1
        at = chunk.find(b'"', counted)
    return found


def _upto(fields: list[Fields], got: list[object], due: object) -> None:
    """Keep the rows before the first whose ``got`` is not ``due``."""
    if got.count(due) < len(fields):
        del fields[_first(map(ne, got, repeat(due)), len(fields)) :]


def _checked(
    fields: list[Fields], column: Callable[[Fields], bytes], check: Callable[[bytes], object], good: set[bytes]
) -> None:
    """Keep the rows before the first that fails ``check`` in ``column`` (fields that passed are remembered)."""
    new = set(map(column, fields)).difference(good)
    if not new:
        return
    bad = {v for v in new if check(v) is None}
    if len(good) < _GOOD_MAX:
        good.update(new.difference(bad))
    if bad:
        del fields[_first(map(bad.__contains__, map(column, fields)), len(fields)) :]


def _utf8_prefix(block: list[bytes], m: int) -> int:
    """How many of the first ``m`` lines are UTF-8 (one decode: a bad byte's line is the first bad line)."""
    text = b"\n".join(block[:m])
    try:
        text.decode("utf-8")
    except UnicodeDecodeError as exc:
        return text.count(b"\n", 0, exc.start)
    return m


def quoted_fields(line: bytes) -> Fields:
    """The fields of a line with quoted fields (a note with a comma), or none if it is not one CSV record."""
    try:
        fields = parse_line(line.decode("utf-8"))
    except UnicodeDecodeError:
        return []
    if fields is None or len(line) < 65 or line[-65:-64] != b",":
        return []
    return [field.encode("utf-8") for field in fields]
