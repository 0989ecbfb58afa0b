"""Reading files of values to import: CSV (UTF-8, UTF-8 with BOM, cp932, UTF-16) or a workbook
(.xlsx, .xlsm, .xls, .ods; see ``sheets``).

Each becomes ``ImportTable``s (``import_header``): a header and rows of text cells, each row with
the place a person finds it at (``file.csv:12`` or ``file.xlsx:十勝!12``). Of a workbook, every
visible sheet with the header is read, each its own table; hidden sheets are skipped (and said
when they have the header), and one line says which sheets were read. Nothing here writes anything.
"""

from __future__ import annotations

import csv
import io
from typing import Any, NamedTuple

from kpi_cli.errors import InputError
from kpi_cli.files import reason
from kpi_cli.i18n.msg import Joined, Msg
from kpi_cli.ledger.import_header import REVIEWS, VALUES, ImportTable, Layout, column_name, header_index, table
from kpi_cli.ledger.sheets import Sheet, cell_name, read_workbook, workbook_kind

__all__ = ["REVIEWS", "VALUES", "ImportFile", "ImportTable", "Layout", "column_name", "read_import", "read_tables"]


class ImportFile(NamedTuple):
    """One file to import: a table per sheet read (one for a CSV), and how it was read."""

    shown: str
    tables: list[ImportTable]
    notice: Msg | None  # an encoding guessed (a warning)
    sheets: Msg | None = None  # which sheets of a workbook of several were read


def read_tables(data: bytes, shown: str, encoding: str | None = None, layout: Layout = VALUES) -> ImportFile:
    """The tables of a CSV file or a workbook (every visible sheet with the header)."""
    if workbook_kind(data, shown):
        return _workbook_tables(read_workbook(data, shown), shown, layout)
    text, notice = decode(data, shown, encoding)
    if text.lstrip("\ufeff \t\r\n")[:1] in ("{", "["):  # (kpi's own JSON or NDJSON, or another program's)
        raise InputError(
            Msg(
                "{shown} is JSON, which kpi import does not read; give a CSV, TSV or workbook "
                "(kpi export -f csv writes one)",
                shown=shown,
            )
        )
    return ImportFile(shown, [table(shown, _csv_rows(text, shown), notice, layout)], notice)


def read_import(data: bytes, shown: str, encoding: str | None = None, layout: Layout = VALUES) -> ImportTable:
    """A file's tables as one: the rows of every sheet read, their cells in the layout's order."""
    found = read_tables(data, shown, encoding, layout)
    if len(found.tables) == 1:
        return found.tables[0]._replace(notice=found.notice or found.sheets)
    names = list(layout.aliases)
    rows: list[tuple[str, list[str]]] = []
    ignored: list[str] = []
    for t in found.tables:
        order = [t.columns.get(name) for name in names]
        rows += [
            (where, [cells[i] if i is not None and i < len(cells) else "" for i in order]) for where, cells in t.rows
        ]
        ignored += [c for c in t.ignored if c not in ignored]
    first = found.tables[0]
    columns = {name: i for i, name in enumerate(names)}
    return ImportTable(shown, columns, ignored, rows, first.header_where, len(names), found.sheets, keys=first.keys)


def _workbook_tables(sheets: list[Sheet], shown: str, layout: Layout) -> ImportFile:
    headed = [s for s in sheets if header_index(s.rows, layout) is not None]
    read = [s for s in headed if s.visible]
    hidden = [s.name for s in headed if not s.visible]
    if not read and len(sheets) == 1 and sheets[0].visible:  # the one sheet: say what its header lacks
        read = sheets
    if not read:
        if hidden:
            raise InputError(
                Msg(
                    "{shown}: the sheet with the header, {sheet!r}, is hidden; unhide it in Excel (or copy its "
                    "rows to a visible sheet) and import again",
                    shown=shown,
                    sheet=hidden[0],
                )
            )
        raise InputError(
            Msg("{shown}: no sheet has the header {example} in its first rows", shown=shown, example=layout.example)
        )
    tables = []
    for sheet in read:
        rows = [(f"{shown}:{sheet.name}!{n}", cells) for n, cells in enumerate(sheet.rows, start=1)]
        made = table(shown, rows, None, layout)
        _check_formulas(made, sheet, shown)
        tables.append(made)
    # which sheets were read is said when there was a choice: another visible sheet, or a hidden one with the
    # header (kpi's own sheets keep their drop-down lists on a hidden sheet: no choice, nothing to say)
    choice = sum(1 for s in sheets if s.visible) > 1 or bool(hidden)
    said = _sheets_read(shown, [s.name for s in read], hidden) if choice else None
    return ImportFile(shown, tables, None, said)


def _check_formulas(made: ImportTable, sheet: Sheet, shown: str) -> None:
    """A formula without a saved value in the header or in a column kpi reads is refused: its value
    is not in the file (a workbook written by a program, never opened in Excel)."""
    used = set(made.columns.values())
    missing = [(r, c) for r, c in sheet.uncached if r == made.header_at or (r > made.header_at and c in used)]
    if not missing:
        return
    where = f"{shown}:{sheet.name}!{cell_name(*missing[0])}"
    if len(missing) == 1:
        raise InputError(
            Msg(
                "{where}: a formula with no saved value; open the file in Excel, let it calculate, save, "
                "and import again",
                where=where,
            )
        )
    raise InputError(
        Msg(
            "{where}: a formula with no saved value (and {n} more cells); open the file in Excel, let it "
            "calculate, save, and import again",
            where=where,
            n=len(missing) - 1,
        )
    )


def _sheets_read(shown: str, read: list[str], hidden: list[str]) -> Msg:
    parts: list[Msg] = [
        Msg("read sheet {sheet!r}", sheet=read[0])
        if len(read) == 1
        else Msg("read sheets {sheets}", sheets=Joined([Msg("{name!r}", name=n) for n in read]))
    ]
    if len(hidden) == 1:
        parts.append(Msg("skipped the hidden sheet {sheet!r}, which has the header", sheet=hidden[0]))
    elif hidden:
        parts.append(
            Msg(
                "skipped the hidden sheets {sheets}, which have the header",
                sheets=Joined([Msg("{name!r}", name=n) for n in hidden]),
            )
        )
    return Msg("{shown}: {parts}", shown=shown, parts=Joined(parts, "; ", "。"))


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
