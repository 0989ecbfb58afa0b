"""What calamine does not say about an .xls (Excel 97–2003): which cells are formatted as a
percentage, and how far each sheet reaches, read from the BIFF records of its Workbook stream.

An .xls is a compound document (a small FAT file system) holding the stream ``Workbook``: records
of type and length. The globals give the number formats (FORMAT), the cell formats (XF) and the
sheets (BOUNDSHEET8, with the offset of each sheet's records); a sheet's cell records carry the
row, the column and the cell format. Every offset, chain and length is checked: a damaged or
hostile file raises ``Damaged``, never reads outside its bytes, never loops.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator

from kpi_cli.ledger.workbook_parts import BUILTIN_PERCENT, NO_MARKS, Damaged, Marks, is_percent_code

_FREE, _END, _RESERVED = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFA
_BOF, _EOF, _BOUNDSHEET, _FORMAT, _XF, _FILEPASS = 0x0809, 0x000A, 0x0085, 0x041E, 0x00E0, 0x002F
_NUMBER, _RK, _MULRK, _FORMULA = 0x0203, 0x027E, 0x00BD, 0x0006
_DIMENSIONS, _MAX_ROWS, _MAX_COLUMNS = 0x0200, 65536, 256  # (an .xls sheet has at most 65,536 rows of 256 columns)
_CELLS = frozenset({_NUMBER, _RK, _MULRK, _FORMULA, 0x00FD, 0x0204, 0x0205, 0x0201, 0x00BE, 0x00D6})


def xls_marks(data: bytes) -> dict[str, Marks]:
    """Each sheet by name: how far it reaches and its numbers formatted as a percentage."""
    try:
        return _marks(_workbook_stream(data))
    except (struct.error, IndexError, ValueError, OverflowError) as exc:
        raise Damaged(type(exc).__name__) from None


def _marks(stream: bytes) -> dict[str, Marks]:
    sheets: list[tuple[str, int]] = []
    codes: dict[int, str] = {}
    xfs: list[int] = []
    for kind, body, _at in _records(stream, 0):
        if kind == _FILEPASS and body[:2] != b"\0\0":
            return {}  # encrypted: calamine says so (it reads on past an XOR obfuscation, type 0)
        if kind == _BOUNDSHEET and len(body) >= 4:  # (calamine reads a BIFF5 sheet from 7 bytes)
            sheets.append((_short_string(body, 6), struct.unpack_from("<I", body)[0]))
        elif kind == _FORMAT and len(body) >= 5:
            codes[struct.unpack_from("<H", body)[0]] = _string(body, 2)
        elif kind == _XF and len(body) >= 4:
            xfs.append(struct.unpack_from("<H", body, 2)[0])
        elif kind == _EOF:
            break
    percent_formats = {i for i, code in codes.items() if is_percent_code(code)} | (BUILTIN_PERCENT - set(codes))
    percent_xfs = frozenset(i for i, fmt in enumerate(xfs) if fmt in percent_formats)
    found: dict[str, Marks] = {}
    for name, offset in sheets:  # calamine reads every sheet, the last of a name kept: the farthest is measured
        mark, earlier = _sheet_marks(stream, offset, percent_xfs), found.get(name, NO_MARKS)
        found[name] = mark._replace(rows=max(mark.rows, earlier.rows), columns=max(mark.columns, earlier.columns))
    return found


def _sheet_marks(stream: bytes, offset: int, percent_xfs: frozenset[int]) -> Marks:
    rows = columns = 0
    percent: set[tuple[int, int]] = set()
    for kind, body in _sheet_records(stream, offset):
        if kind == _DIMENSIONS and len(body) >= 8:  # the grid calamine sets aside before it reads a cell
            end_row, end_col = _dimensions(body)
            rows, columns = max(rows, end_row), max(columns, end_col)
            continue
        if kind not in _CELLS or len(body) < 6:
            continue
        row, col = struct.unpack_from("<HH", body)
        last = struct.unpack_from("<H", body, len(body) - 2)[0] if kind in (_MULRK, 0x00BE) else col
        rows, columns = max(rows, row + 1), max(columns, last + 1, col + 1)
        if kind in (_NUMBER, _RK, _FORMULA) and struct.unpack_from("<H", body, 4)[0] in percent_xfs:
            percent.add((row, col))
        elif kind == _MULRK:
            for i in range((len(body) - 6) // 6):
                if struct.unpack_from("<H", body, 4 + 6 * i)[0] in percent_xfs:
                    percent.add((row, col + i))
    return Marks(rows, columns, frozenset(percent), ())


def _sheet_records(stream: bytes, offset: int) -> Iterator[tuple[int, bytes]]:
    """A sheet's records as calamine reads them: from its offset to its EOF, those of a nested
    substream (an embedded chart: BOF .. EOF after the sheet's own BOF) left out, those after it read."""
    if not 0 <= offset < len(stream):
        return
    opened, nested = False, 0
    for kind, body, _at in _records(stream, offset):
        if nested:
            nested += (kind == _BOF) - (kind == _EOF)
        elif kind == _BOF:
            nested, opened = nested + opened, True
        elif kind == _EOF:
            return
        else:
            yield kind, body


def _dimensions(body: bytes) -> tuple[int, int]:
    """The end row and column of a DIMENSIONS record (rows in 32 bits in BIFF8, in 16 before: calamine
    reads both); beyond an .xls sheet's grid, Damaged."""
    first_row, end_row, first_col, end_col = struct.unpack_from("<IIHH" if len(body) >= 12 else "<HHHH", body)
    if not (first_row <= end_row <= _MAX_ROWS and first_col <= end_col <= _MAX_COLUMNS):
        raise Damaged(f"a sheet's DIMENSIONS record says rows {first_row}-{end_row}, columns {first_col}-{end_col}")
    return end_row, end_col


def _records(stream: bytes, offset: int) -> Iterator[tuple[int, bytes, int]]:
    at = offset
    while at + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, at)
        body = stream[at + 4 : at + 4 + size]
        if len(body) < size:
            return
        yield kind, body, at
        at += 4 + size


def _string(body: bytes, at: int) -> str:
    """An XLUnicodeString: a 16-bit count, a flags byte, then the characters."""
    if len(body) < at + 3:
        return ""
    count, flags = struct.unpack_from("<HB", body, at)
    return _chars(body, at + 3, count, flags)


def _short_string(body: bytes, at: int) -> str:
    """A ShortXLUnicodeString: an 8-bit count, a flags byte, then the characters."""
    if len(body) < at + 2:
        return ""
    return _chars(body, at + 2, body[at], body[at + 1])


def _chars(body: bytes, at: int, count: int, flags: int) -> str:
    wide = flags & 1
    raw = body[at : at + count * (2 if wide else 1)]
    return raw.decode("utf-16-le", "replace") if wide else raw.decode("latin-1")


# ---------------------------------------------------------------------- the compound document


def _workbook_stream(data: bytes) -> bytes:
    """The bytes of the Workbook (or Book) stream of a compound document."""
    if len(data) < 512:
        raise Damaged("short")
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        raise Damaged("sector size")
    size = 1 << shift
    sectors = (len(data) + size - 1) // size - 1  # the header takes the place of one

    def sector(n: int) -> bytes:
        if not 0 <= n < sectors:
            raise Damaged("sector")
        start = (n + 1) << shift
        return data[start : start + size].ljust(size, b"\0")

    fat = _fat(data, sector, size, sectors)

    def chain(first: int, table: list[int], limit: int) -> list[int]:
        out: list[int] = []
        n = first
        while n not in (_END, _FREE):
            if not 0 <= n < len(table) or len(out) > limit:
                raise Damaged("chain")
            out.append(n)
            n = table[n]
        return out

    directory = b"".join(sector(n) for n in chain(struct.unpack_from("<I", data, 0x30)[0], fat, sectors))
    entries = [directory[i : i + 128] for i in range(0, len(directory) - 127, 128)]
    if not entries:
        raise Damaged("directory")
    root = entries[0]
    for entry in entries:
        length = min(struct.unpack_from("<H", entry, 64)[0], 64)
        name = entry[: max(0, length - 2)].decode("utf-16-le", "replace")
        if entry[66] == 2 and name in ("Workbook", "Book"):
            first, stream_size = struct.unpack_from("<II", entry, 116)
            if stream_size >= struct.unpack_from("<I", data, 0x38)[0]:
                return b"".join(sector(n) for n in chain(first, fat, sectors))[:stream_size]
            mini_fat_data = b"".join(sector(n) for n in chain(struct.unpack_from("<I", data, 0x3C)[0], fat, sectors))
            mini_fat = list(struct.unpack(f"<{len(mini_fat_data) // 4}I", mini_fat_data[: len(mini_fat_data) // 4 * 4]))
            mini_stream = b"".join(sector(n) for n in chain(struct.unpack_from("<I", root, 116)[0], fat, sectors))
            pieces = [mini_stream[n * 64 : n * 64 + 64] for n in chain(first, mini_fat, len(mini_fat))]
            return b"".join(pieces)[:stream_size]
    raise Damaged("no Workbook stream")


def _fat(data: bytes, sector: Callable[[int], bytes], size: int, sectors: int) -> list[int]:
    """The file allocation table, from the header's 109 entries and the DIFAT chain after them."""
    listed = list(struct.unpack_from("<109I", data, 0x4C))
    n = struct.unpack_from("<I", data, 0x44)[0]
    seen: set[int] = set()
    while n < _RESERVED:  # to its end, as calamine follows it (round a loop for ever, till memory runs out)
        if n in seen:
            raise Damaged("the DIFAT chain loops")
        seen.add(n)
        entries = struct.unpack(f"<{size // 4}I", sector(n))
        listed += entries[:-1]
        n = entries[-1]
    fat_sectors = [s for s in listed if s not in (_END, _FREE)][: sectors + 1]
    table: list[int] = []
    for s in fat_sectors:
        table += struct.unpack(f"<{size // 4}I", sector(s))
    return table
