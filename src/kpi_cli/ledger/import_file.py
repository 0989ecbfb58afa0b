"""Reading a file of values to import: CSV (UTF-8, UTF-8 with BOM, cp932, UTF-16) or .xlsx.

Both become an ``ImportTable``: a header and rows of text cells, each row with the place a
person finds it at (``file.csv:12`` or ``file.xlsx:十勝!J12``). Headers may be kpi's own
(``kpi_id,year,value,note,source``), the two-line headers of kpi's own .xlsx files and
templates (``実績値`` over ``value``), or Japanese aliases (``KPI ID``, ``年度``, ``実績値``…).
openpyxl is imported only for an .xlsx. Nothing here writes anything.
"""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from kpi_cli.errors import InputError

XLSX_MAGIC = b"PK\x03\x04"
HEADER_SEARCH = 10  # rows searched for the header (a title or a note may come first)


class Layout(NamedTuple):
    """The columns a kind of import file has: machine name -> header aliases, which are required,
    which other columns of kpi's own files are read past, and how to say the header in a message."""

    aliases: dict[str, tuple[str, ...]]
    required: tuple[str, ...]
    known: frozenset[str]
    example: str

    def name_of(self, key: str) -> str:
        for name, aliases in self.aliases.items():
            if key in aliases:
                return name
        return key if key in self.known else ""


VALUES = Layout(
    aliases={
        "kpi_id": ("kpi_id", "kpiid", "kpi id", "id", "kpi", "指標id", "指標"),
        "year": ("year", "fy", "年度", "年"),
        "value": ("value", "actual", "実績値", "実績", "値", "数値"),
        "note": ("note", "備考", "メモ"),
        "source": ("source", "出典", "出所"),
        "office": ("office", "振興局"),
    },
    required=("kpi_id", "year", "value"),
    known=frozenset(
        {
            "kpi_name",
            "region",
            "region_id",
            "offices",
            "office_id",
            "project",
            "project_id",
            "unit",
            "kind",
            "year_label",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_year",
            "latest_value",
            "latest_year",
            "cumulative_so_far",
            "instructions",
            "correction",
            "recorded_at",
            "recorded_by",
        }
    ),
    example="kpi_id,year,value[,note,source] (or KPI ID,年度,実績値[,備考,出典])",
)
REVIEWS = Layout(
    aliases={
        "project_id": ("project_id", "project id", "projectid", "プロジェクトid"),
        "year": ("year", "fy", "年度"),
        "assessment": ("assessment", "評価"),
        "direction": ("direction", "今後の方向性", "方向性"),
        "actions": ("actions", "取組状況"),
        "results": ("results", "成果・課題", "成果と課題"),
        "next": ("next", "今後の取組"),
        "reviewed_on": ("reviewed_on", "reviewed on", "検証日", "連携会議の日付"),
        "office": ("office", "振興局"),
    },
    required=("project_id", "year", "assessment", "direction"),
    known=frozenset({"project", "region", "year_label", "kpis", "suggested", "suggested_label", "instructions"}),
    example=(
        "project_id,year,assessment,direction[,actions,results,next,reviewed_on] "
        "(or プロジェクトID,年度,評価,今後の方向性)"
    ),
)


class ImportTable(NamedTuple):
    shown: str
    columns: dict[str, int]  # machine name -> cell index
    ignored: list[str]  # header cells that name nothing kpi reads
    rows: list[tuple[str, list[str]]]  # (where, cells) below the header
    header_where: str
    header_width: int
    notice: str  # "" or how the file was read (an encoding guessed)


def column_name(header_cell: str, layout: Layout = VALUES) -> str:
    """The machine column a header cell names, or "" (two-line cells: either line may name it)."""
    lines = [line for line in header_cell.replace("\r", "\n").split("\n") if line.strip()]
    for line in reversed(lines):
        key = unicodedata.normalize("NFKC", line).strip().lower().replace("_", " ").replace("　", " ")
        key = " ".join(key.split())
        for candidate in (key, key.replace(" ", "_"), key.replace(" ", "")):
            name = layout.name_of(candidate)
            if name:
                return name
    return ""


def read_import(data: bytes, shown: str, encoding: str | None = None, layout: Layout = VALUES) -> ImportTable:
    if data.startswith(XLSX_MAGIC) or shown.lower().endswith((".xlsx", ".xlsm")):
        if not data.startswith(XLSX_MAGIC):
            raise InputError(f"{shown}: not an .xlsx workbook (it does not start like one); save it again from Excel")
        return _table(shown, _xlsx_rows(data, shown, layout), "", layout)
    text, notice = decode(data, shown, encoding)
    return _table(shown, _csv_rows(text, shown), notice, layout)


def decode(data: bytes, shown: str, encoding: str | None) -> tuple[str, str]:
    """The text of a CSV file and a notice when its encoding was guessed."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text": UTF-16, tab separated
        try:
            return data.decode("utf-16"), ""
        except UnicodeDecodeError:
            raise InputError(f'{shown}: broken UTF-16 text; save it as "CSV UTF-8" and import again') from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        encoding = encoding if encoding not in (None, "utf-8-sig") else "utf-8"
    if encoding in ("utf-8-sig",):
        encoding = "utf-8"
    tries = [encoding] if encoding else ["utf-8", "cp932"]
    for name in tries:
        try:
            text = data.decode(name)
        except UnicodeDecodeError as exc:
            if name == tries[-1]:
                line = data[: exc.start].count(b"\n") + 1
                if encoding is None:
                    why = 'neither UTF-8 nor cp932 text; save it as "CSV UTF-8"'
                else:
                    why = f"not valid {name} text; check --encoding (or leave it out: kpi detects UTF-8 and cp932)"
                raise InputError(f"{shown}:{line}: {why}") from None
            continue
        notice = (
            f"{shown}: read as cp932 (Shift-JIS, Excel's CSV on Japanese Windows)"
            if encoding is None and name == "cp932"
            else ""
        )
        return text, notice
    raise AssertionError("unreachable")  # pragma: no cover


def _csv_rows(text: str, shown: str) -> list[tuple[str, list[str]]]:
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[str, list[str]]] = []
    try:
        for cells in reader:
            rows.append((f"{shown}:{reader.line_num}", cells))
    except csv.Error as exc:
        where = f"{shown}:{reader.line_num}"
        if "field larger than field limit" in str(exc):
            raise InputError(
                f"{where}: a cell is longer than {csv.field_size_limit():,} characters; is this the right file?"
            ) from None
        raise InputError(f"{where}: not a well-formed CSV line ({exc}); check the quotes on that line") from None
    return rows


def _xlsx_rows(data: bytes, shown: str, layout: Layout) -> list[tuple[str, list[str]]]:
    import zipfile

    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - a broken install
        raise InputError("reading .xlsx needs openpyxl; install kpi again with its dependencies") from None
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise InputError(
            f"{shown}: cannot be read as an .xlsx workbook ({type(exc).__name__}); save it again from Excel"
        ) from None
    try:
        for sheet in book.worksheets:
            rows: list[tuple[str, list[str]]] = []
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                rows.append((f"{shown}:{sheet.title}!{number}", [_text(v) for v in values]))
                if len(rows) >= HEADER_SEARCH and not any(_is_header(c, layout) for _, c in rows[:HEADER_SEARCH]):
                    break
            if any(_is_header(cells, layout) for _, cells in rows[:HEADER_SEARCH]):
                return rows
    finally:
        book.close()
    raise InputError(f"{shown}: no sheet has the header {layout.example} in its first rows")


def _text(value: Any) -> str:
    """A cell as the text a person typed: numbers exactly as Excel shows them in full."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        exact = Decimal(repr(value))
        return str(int(exact)) if exact == exact.to_integral_value() and abs(exact) < 10**15 else repr(value)
    if isinstance(value, int):
        return str(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _is_header(cells: Sequence[str], layout: Layout) -> bool:
    names = {column_name(c, layout) for c in cells}
    return all(r in names for r in layout.required)


def _table(shown: str, rows: list[tuple[str, list[str]]], notice: str, layout: Layout) -> ImportTable:
    while rows and not any(c.strip() for c in rows[-1][1]):
        rows.pop()
    if not rows:
        raise InputError(f"{shown}: empty; the first line must be the header {layout.example}")
    at = next((i for i, (_, cells) in enumerate(rows[:HEADER_SEARCH]) if _is_header(cells, layout)), None)
    if at is None:
        where, cells = rows[0]
        names = {column_name(c, layout) for c in cells}
        missing = [c for c in layout.required if c not in names]
        raise InputError(f"{where}: the header lacks {', '.join(missing)}; the first line must be {layout.example}")
    where, header = rows[at]
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for i, cell in enumerate(header):
        name = column_name(cell, layout)
        if name in layout.aliases and name not in columns:
            columns[name] = i
        elif not name and cell.strip():
            ignored.append(cell.strip().replace("\n", " "))
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    return ImportTable(shown, columns, ignored, rows[at + 1 :], where, width, notice)
