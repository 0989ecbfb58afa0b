"""What calamine does not say about a workbook, read from its parts: which cells are formatted as
a percentage, which formulas have no saved value, and how far each sheet reaches.

An .xlsx (.xlsm) is a zip of XML parts; an .ods keeps its sheets in ``content.xml``. Every part
kpi reads is checked first (declared sizes, CRC, count), so that neither this code nor calamine
unpacks a zip bomb; a part with a DOCTYPE is refused (a workbook's parts have none), so no entity
is ever expanded or fetched. A sheet whose cells reach far (a cell at XFD1048576) is measured
here, before calamine would make room for every cell up to it. Nothing here imports calamine.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

MAX_UNPACKED_BYTES = 512 * 1024 * 1024  # the parts kpi reads, unpacked
MAX_PARTS = 10_000
BUILTIN_PERCENT = frozenset({9, 10})  # 0% and 0.00%

# a cell's r as Excel, LibreOffice and openpyxl write it: the first attribute, in double quotes
_PLAIN_REF = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_CELL_OPENINGS = (b"<c ", b"<c>", b"<c/>", b"<c\t", b"<c\n", b"<c\r")


class Damaged(Exception):
    """A part that is no well-formed workbook XML (the reason, for the message)."""


class Marks(NamedTuple):
    """What one sheet's cells say beyond their values (rows and columns from 0, as in calamine's grid)."""

    rows: int  # how far the sheet reaches: rows × columns bounds the grid calamine builds
    columns: int
    percent: frozenset[tuple[int, int]]  # numbers formatted as a percentage
    uncached: tuple[tuple[int, int], ...]  # formulas without a saved value, in order


NO_MARKS = Marks(0, 0, frozenset(), ())


def parse(data: bytes, start: Callable[[str, dict[str, str]], None], end: Callable[[str], None] | None = None,
          text: Callable[[str], None] | None = None) -> None:  # fmt: skip
    """Parse one part with expat, element names without their prefix; a DOCTYPE (entities) refused."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def doctype(*_args: object) -> None:
        raise Damaged("DOCTYPE")

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = lambda name, attrs: start(name.rpartition(":")[2], attrs)
    if end is not None:
        parser.EndElementHandler = lambda name: end(name.rpartition(":")[2])
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise Damaged(expat.ErrorString(exc.code) if exc.code else "XML") from None
    except (ValueError, KeyError, IndexError) as exc:
        raise Damaged(type(exc).__name__) from None


def local_attrs(attrs: dict[str, str]) -> dict[str, str]:
    return {key.rpartition(":")[2]: value for key, value in attrs.items()}


# ---------------------------------------------------------------------- the zip


def read_parts(data: bytes, wanted: Callable[[str], bool]) -> tuple[dict[str, bytes], set[str]]:
    """The parts ``wanted`` picks, unpacked (each checked against its declared size and CRC), and
    the names of all parts. Raises Damaged for a broken archive, ValueError for one far too large."""
    import io
    import zipfile
    import zlib

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_PARTS:
                raise ValueError(f"{len(infos):,} parts")
            names = {info.filename for info in infos}
            chosen = [info for info in infos if wanted(info.filename) or is_xml(info.filename)]
            declared = sum(info.file_size for info in chosen)
            if declared > MAX_UNPACKED_BYTES:
                raise ValueError(f"{declared:,} bytes unpacked")
            parts: dict[str, bytes] = {}
            for info in chosen:  # every XML part calamine may read: a lying size or a bad CRC is found here
                with archive.open(info) as member:
                    content = member.read(info.file_size + 1)
                if len(content) != info.file_size:
                    raise Damaged("a part's size")
                if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
                    raise Damaged("DOCTYPE")  # no part of a workbook has one: entities are never expanded
                if wanted(info.filename):
                    parts[info.filename] = content
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise Damaged(type(exc).__name__) from None
    except (KeyError, UnicodeDecodeError, OverflowError, zlib.error) as exc:
        raise Damaged(type(exc).__name__) from None
    return parts, names


def is_xml(name: str) -> bool:
    """An XML part by its name, as calamine finds a part: whatever the case of its letters."""
    return name.lower().endswith((".xml", ".rels"))


# ---------------------------------------------------------------------- .xlsx

_UNIQUE_COUNT = re.compile(rb"<(?:[^\s<>:]+:)?sst\b[^>]*?\suniqueCount\s*=\s*[\"']\+?([0-9]+)")
MISCOUNTED_STRINGS = 1_000_000  # shared strings claimed beyond those a part holds (24 MB in calamine)


def check_shared_strings(parts: dict[str, bytes]) -> None:
    """calamine sets aside room for as many shared strings as the part's uniqueCount says (24 bytes
    each) before it reads one: a part claiming far more than it holds is Damaged."""
    for name, content in parts.items():
        if not name.lower().replace("\\", "/").endswith("sharedstrings.xml"):
            continue
        claimed = _UNIQUE_COUNT.search(content)
        held = content.count(b"<si") + content.count(b":si")
        if claimed is not None and int(claimed.group(1).lstrip(b"0")[:30] or b"0") > held + MISCOUNTED_STRINGS:
            raise Damaged(f"its shared strings claim {int(claimed.group(1)[:30]):,} strings and hold {held:,}")


def xlsx_sheet_parts(parts: dict[str, bytes]) -> dict[str, str]:
    """Sheet name -> the part holding the sheet (from xl/workbook.xml and its relationships)."""
    ids: dict[str, str] = {}
    targets: dict[str, str] = {}

    def sheet(name: str, attrs: dict[str, str]) -> None:
        if name == "sheet":
            a = local_attrs(attrs)
            ids[a.get("name", "")] = a.get("id", "")

    def relationship(name: str, attrs: dict[str, str]) -> None:
        if name == "Relationship":
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            targets[attrs.get("Id", "")] = _normal(path)

    parse(parts.get("xl/workbook.xml", b""), sheet)
    rels = parts.get("xl/_rels/workbook.xml.rels")
    if rels is not None:
        parse(rels, relationship)
    return {name: targets.get(rid, "") for name, rid in ids.items()}


def _normal(path: str) -> str:
    out: list[str] = []
    for piece in path.split("/"):
        if piece == "..":
            if out:
                out.pop()
        elif piece not in ("", "."):
            out.append(piece)
    return "/".join(out)


def percent_styles(styles: bytes | None) -> frozenset[int]:
    """The cell formats (indexes of cellXfs) that show a number as a percentage."""
    if not styles or (b"%" not in styles and b'numFmtId="9"' not in styles and b'numFmtId="10"' not in styles):
        return frozenset()
    codes: dict[int, str] = {}
    xfs: list[int] = []
    inside: list[bool] = [False]

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == "numFmt":
            codes[_int(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
        elif name == "cellXfs":
            inside[0] = True
        elif name == "xf" and inside[0]:
            xfs.append(_int(attrs.get("numFmtId")))

    def end(name: str) -> None:
        if name == "cellXfs":
            inside[0] = False

    parse(styles, start, end)
    percent = {i for i, c in codes.items() if is_percent_code(c)} | (BUILTIN_PERCENT - set(codes))
    return frozenset(i for i, fmt in enumerate(xfs) if fmt in percent)


def is_percent_code(code: str) -> bool:
    """Whether a number format shows its number as a percentage (a % outside quotes, escapes and [..])."""
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code)
    return "%" in bare


def _int(text: str | None) -> int:
    return int(text) if text and text.isdigit() and len(text) < 10 else -1


def column_index(letters: bytes | str) -> int:
    """A column's letters as an index from 0 (A -> 0, XFD -> 16383); give at most a few letters."""
    n = 0
    for ch in letters.upper() if isinstance(letters, str) else letters.decode("ascii").upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def xlsx_marks(sheet: bytes, percent_xfs: frozenset[int], limit: int) -> Marks:
    """How far a sheet reaches, its percent cells and its formulas without a saved value.

    The common sheet (every cell written <c r="C5"..., no formulas, no namespace prefix, no percent
    format in the workbook) is measured with one regular expression, counting formatted empty
    cells too; a sheet measured beyond ``limit`` cells that way, and every other sheet, is walked
    cell by cell (where only cells with content count, as calamine counts them)."""
    plain = not percent_xfs and b":c" not in sheet and b"<f" not in sheet  # (a prefixed <x:f> has <x:c> around it)
    if plain:
        refs = _PLAIN_REF.findall(sheet)
        if len(refs) == sum(sheet.count(opening) for opening in _CELL_OPENINGS):
            rows = max(map(int, (r for _, r in refs)), default=0)
            columns = max((column_index(c) + 1 for c in {c for c, _ in refs}), default=0)
            if rows * columns <= limit:
                return Marks(rows, columns, frozenset(), ())
    return _walk_xlsx(sheet, percent_xfs)


def _walk_xlsx(sheet: bytes, percent_xfs: frozenset[int]) -> Marks:
    walk = _XlsxWalk(percent_xfs)
    parse(sheet, walk.start, walk.end, walk.text)
    return Marks(walk.rows, walk.columns, frozenset(walk.percent), tuple(walk.uncached))


class _XlsxWalk:
    """A sheet's cells one by one: where each is (r, or the one after the last), its format and formula."""

    def __init__(self, percent_xfs: frozenset[int]) -> None:
        self.percent_xfs = percent_xfs
        self.row = self.col = -1
        self.rows = self.columns = 0
        self.percent: set[tuple[int, int]] = set()
        self.uncached: list[tuple[int, int]] = []
        self.kind = "n"
        self.formula = self.in_value = self.filled = False
        self.value = ""

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "row":
            r = attrs.get("r")
            if r is not None and not r.strip().isdigit():
                raise Damaged("a row number")
            self.row = int(r.strip()[:12]) - 1 if r is not None else self.row + 1
            self.col = -1
        elif name == "c":
            self._cell(attrs)
        elif name == "f":
            self.formula = self.filled = True
        elif name in ("v", "is"):
            self.in_value = name == "v"
            self.filled = True

    def _cell(self, attrs: dict[str, str]) -> None:
        r = attrs.get("r")
        if r is None:
            self.col += 1
        else:
            ref = re.fullmatch(r"([A-Za-z]+)([0-9]+)", r.strip())
            if ref is None:
                raise Damaged("a cell reference")
            self.row, self.col = int(ref.group(2)[:12]) - 1, column_index(ref.group(1)[:8])
        self.kind, self.formula, self.filled, self.value = attrs.get("t", "n"), False, False, ""
        if self.kind == "n" and _int(attrs.get("s")) in self.percent_xfs:
            self.percent.add((self.row, self.col))

    def end(self, name: str) -> None:
        if name == "v":
            self.in_value = False
        elif name == "c" and self.filled:
            self.rows, self.columns = max(self.rows, self.row + 1), max(self.columns, self.col + 1)
            if self.formula and not self.value.strip() and self.kind not in ("str", "s", "inlineStr"):
                self.uncached.append((self.row, self.col))  # (an empty text is a formula's saved "")

    def text(self, data: str) -> None:
        if self.in_value:
            self.value += data


# ---------------------------------------------------------------------- .ods


def ods_marks(content: bytes) -> dict[str, Marks]:
    """Each sheet of an .ods (content.xml) by name: its reach (repeated rows and cells counted),
    its percentage cells and its formulas without a saved value."""
    walk = _OdsWalk()
    parse(content, walk.start, walk.end)
    return walk.found


_VALUES = ("value-type", "value", "string-value", "date-value", "time-value", "boolean-value", "formula")
_CELLS = ("table-cell", "covered-table-cell")


class _OdsWalk:
    """The tables as calamine reads them: a cell counts when it has a value or a formula (a value
    type or not), and nothing inside a cell but its text is read (a table or row there, or an element
    of another namespace named table, ends or starts no table)."""

    def __init__(self) -> None:
        self.found: dict[str, Marks] = {}
        self.name = ""
        self.tables = 0  # how deep in tables
        self.inside = 0  # how deep in cells
        self.row = -1
        self.col = 0
        self.repeat = 1  # how often the current row is repeated
        self.last = (0, 0, 0)  # the last cell's row, column and span: text in it makes it count
        self.rows = self.columns = 0
        self.percent: set[tuple[int, int]] = set()
        self.uncached: list[tuple[int, int]] = []

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "p":  # text without a value type: calamine reads it too
            self._reach(*self.last)
        elif self.inside:
            self.inside += name in _CELLS
        elif name == "table":
            if not self.tables:
                self.name, self.row, self.repeat, self.rows, self.columns = (
                    local_attrs(attrs).get("name", ""),
                    -1,
                    1,
                    0,
                    0,
                )
                self.percent, self.uncached = set(), []
            self.tables += 1
        elif name == "table-row":
            self.row += self.repeat
            self.repeat = _count(local_attrs(attrs).get("number-rows-repeated"))
            self.col = 0
        elif name in _CELLS:
            self.inside = 1
            self._cell(local_attrs(attrs))

    def _cell(self, a: dict[str, str]) -> None:
        row, col, span = self.row, self.col, _count(a.get("number-columns-repeated"))
        kind = a.get("value-type", "")
        self.last = (row, col, span)
        if any(key in a for key in _VALUES):
            self._reach(row, col, span)
            if kind == "percentage":
                self.percent.update((row, c) for c in range(col, col + min(span, 1000)))
            if not kind and "formula" in a:
                self.uncached.append((row, col))
        self.col = col + span

    def _reach(self, row: int, col: int, span: int) -> None:
        self.rows = max(self.rows, row + self.repeat)
        self.columns = max(self.columns, col + span)

    def end(self, name: str) -> None:
        if self.inside:
            self.inside -= name in _CELLS
        elif name == "table" and self.tables:
            self.tables -= 1
            if not self.tables:  # calamine keeps the last table of a name: the farthest is measured
                earlier = self.found.get(self.name, NO_MARKS)
                rows, columns = max(self.rows, earlier.rows), max(self.columns, earlier.columns)
                self.found[self.name] = Marks(rows, columns, frozenset(self.percent), tuple(self.uncached))
                self.repeat = 1


def _count(text: str | None) -> int:
    """A repeat count as calamine reads it (a usize: digits, a + before them); 1 for any other, which
    calamine refuses."""
    digits = text[1:] if text and text[0] == "+" else text or ""
    significant = digits.lstrip("0")
    if not (digits.isascii() and digits.isdigit()) or len(significant) > 20:
        return 1
    return int(significant or "0")
