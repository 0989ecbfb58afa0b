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
from kpi_cli.files import reason
from kpi_cli.i18n.msg import Msg

XLSX_MAGIC = b"PK\x03\x04"
HEADER_SEARCH = 10  # rows searched for the header (a title or a note may come first)


class Layout(NamedTuple):
    """The columns a kind of import file has: machine name -> header aliases, which are required,
    which other columns of kpi's own files are read past, and how to say the header in a message."""

    aliases: dict[str, tuple[str, ...]]
    required: tuple[str, ...]
    known: frozenset[str]
    example: Msg

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
            "supplier",
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
    example=Msg("kpi_id,year,value[,note,source] (or KPI ID,年度,実績値[,備考,出典])"),
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
    example=Msg(
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
    notice: Msg | None  # how the file was read (an encoding guessed)


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
            raise InputError(
                Msg(
                    "{shown}: not an .xlsx workbook (it does not start like one); save it again from Excel", shown=shown
                )
            )
        return _table(shown, _xlsx_rows(data, shown, layout), None, layout)
    text, notice = decode(data, shown, encoding)
    return _table(shown, _csv_rows(text, shown), notice, layout)


def decode(data: bytes, shown: str, encoding: str | None) -> tuple[str, Msg | None]:
    """The text of a CSV file and a notice when its encoding was guessed."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text": UTF-16, tab separated
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            raise InputError(
                Msg('{shown}: broken UTF-16 text; save it as "CSV UTF-8" and import again', shown=shown)
            ) from None
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
                    why = Msg('neither UTF-8 nor cp932 text; save it as "CSV UTF-8"')
                else:
                    why = Msg(
                        "not valid {encoding} text; check --encoding (or leave it out: kpi detects UTF-8 and cp932)",
                        encoding=name,
                    )
                raise InputError(Msg("{shown}:{line}: {why}", shown=shown, line=line, why=why)) from None
            continue
        notice = (
            Msg("{shown}: read as cp932 (Shift-JIS, Excel's CSV on Japanese Windows)", shown=shown)
            if encoding is None and name == "cp932"
            else None
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
                Msg(
                    "{where}: a cell is longer than {limit:,} characters; is this the right file?",
                    where=where,
                    limit=csv.field_size_limit(),
                )
            ) from None
        raise InputError(
            Msg("{where}: not a well-formed CSV line ({exc}); check the quotes on that line", where=where, exc=exc)
        ) from None
    return rows


def _xlsx_rows(data: bytes, shown: str, layout: Layout) -> list[tuple[str, list[str]]]:
    import zipfile

    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - a broken install
        raise InputError(Msg("reading .xlsx needs openpyxl; install kpi again with its dependencies")) from None
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise InputError(
            Msg(
                "{shown}: cannot be read as an .xlsx workbook ({why}); save it again from Excel",
                shown=shown,
                why=type(exc).__name__,
            )
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
    raise InputError(
        Msg("{shown}: no sheet has the header {example} in its first rows", shown=shown, example=layout.example)
    )


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


def _table(shown: str, rows: list[tuple[str, list[str]]], notice: Msg | None, layout: Layout) -> ImportTable:
    while rows and not any(c.strip() for c in rows[-1][1]):
        rows.pop()
    if not rows:
        raise InputError(
            Msg("{shown}: empty; the first line must be the header {example}", shown=shown, example=layout.example)
        )
    at = next((i for i, (_, cells) in enumerate(rows[:HEADER_SEARCH]) if _is_header(cells, layout)), None)
    if at is None:
        where, cells = rows[0]
        names = {column_name(c, layout) for c in cells}
        missing = [c for c in layout.required if c not in names]
        raise InputError(
            Msg(
                "{where}: the header lacks {columns}; the first line must be {example}",
                where=where,
                columns=", ".join(missing),
                example=layout.example,
            )
        )
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


ENCODINGS = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "cp932": "cp932",
    "shift_jis": "cp932",
    "sjis": "cp932",
}
MAX_INPUT = 256 << 20  # bytes: an input file larger than this is not a sheet of values


def read_input_file(file: str, encoding: str, stdin: Any) -> tuple[bytes, str, str | None]:
    """The bytes of an input file (a path, or - for stdin), the name to show, and the forced encoding.
    Only a regular file (or stdin) is read, and at most ``MAX_INPUT`` bytes of it."""
    import os
    import stat

    forced = ENCODINGS.get(encoding.lower()) if encoding else None
    if encoding and forced is None:
        raise InputError(
            Msg(
                "unknown encoding {encoding!r}; use utf-8 or cp932 (or leave it out: kpi detects it)",
                encoding=encoding,
            )
        )
    if file == "-":
        data = stdin.buffer.read(MAX_INPUT + 1) if hasattr(stdin, "buffer") else stdin.read().encode("utf-8")
        shown = "stdin"
    else:
        shown = file
        try:
            fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        except OSError as exc:
            raise InputError(Msg("cannot read {file}: {why}; check the path", file=file, why=reason(exc))) from None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise InputError(
                    Msg(
                        "{file} is not a regular file (a device, a FIFO or a folder); give a CSV or .xlsx file",
                        file=file,
                    )
                )
            with os.fdopen(os.dup(fd), "rb") as fh:
                data = fh.read(MAX_INPUT + 1)
        finally:
            os.close(fd)
    if len(data) > MAX_INPUT:
        raise InputError(
            Msg(
                "{file} is larger than {mb} MB; split it into smaller files (one per office or year)",
                file=shown,
                mb=MAX_INPUT >> 20,
            )
        )
    return data, shown, forced
