"""Opening a report workbook of the 北海道観光入込客数調査: every sheet as a grid of cell values.

python-calamine reads .xls, .xlsx, .xlsm and .ods (told from the content, not the file name); it
is a Rust extension, imported only here and only when a workbook is read. Hostile files are
refused before or while calamine reads them (size, declared unpacked size, cells per sheet), and
none of calamine's exceptions, nor a Rust panic, gets out: each becomes a one-line InputError.
"""

from __future__ import annotations

from pathlib import Path

from kpi_cli.errors import InputError
from kpi_cli.files import reason
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.tourism_records import refused

MAX_FILE_BYTES = 100 * 1024 * 1024  # a report workbook is a few MB
MAX_UNPACKED_BYTES = 512 * 1024 * 1024  # declared size of an .xlsx/.ods archive's parts
MAX_SHEET_CELLS = 4_000_000  # the monthly sheet has about 30,000
SUFFIXES = (".xls", ".xlsx", ".xlsm", ".ods")


def read_sheets(path: Path) -> list[tuple[str, list[list[object]]]]:
    """Every non-empty sheet of a workbook as (name, grid): rows of cell values from cell A1, so
    that row numbers are Excel's. Raises InputError (one line) for a file that cannot be read,
    is no workbook, or is far larger than a report."""
    shown = path.name
    data = _read_file(path, shown)
    kind = _workbook_kind(data, shown, path.suffix.lower())
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # pragma: no cover - a broken install
        raise refused(
            Msg("reading the report workbook needs python-calamine; install kpi again with its dependencies")
        ) from None
    import io

    sheets: list[tuple[str, list[list[object]]]] = []
    try:
        with CalamineWorkbook.from_filelike(io.BytesIO(data)) as book:
            for name in book.sheet_names:
                sheet = book.get_sheet_by_name(name)
                end = sheet.end
                if end is None:
                    continue
                if (end[0] + 1) * (end[1] + 1) > MAX_SHEET_CELLS:
                    raise refused(
                        Msg(
                            "{shown}: sheet {name!r} spans {rows} rows × {columns} columns, far more than a "
                            "report sheet; give the workbook as the 道 publishes it",
                            shown=shown,
                            name=name,
                            rows=end[0] + 1,
                            columns=end[1] + 1,
                        )
                    )
                grid: list[list[object]] = [list(row) for row in sheet.to_python(skip_empty_area=False)]
                sheets.append((name, grid))
    except InputError:
        raise
    except BaseException as exc:  # calamine's errors, and a Rust panic (a BaseException)
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise _unreadable(shown, kind, type(exc).__name__) from None
    return sheets


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (a compound document)
_ZIP_MAGIC = b"PK\x03\x04"  # .xlsx, .xlsm, .ods


def _unreadable(shown: str, kind: str, why: object) -> InputError:
    return refused(
        Msg(
            "{shown}: cannot be read as an {kind} workbook ({why}); open it in Excel and save it again",
            shown=shown,
            kind=kind,
            why=why,
        )
    )


def _read_file(path: Path, shown: str) -> bytes:
    try:
        if not path.is_file():
            raise refused(
                Msg("{shown}: no such file; check the path", shown=shown)
                if not path.exists()
                else Msg("{shown}: not a file; give the report workbook", shown=shown)
            )
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise refused(
                Msg(
                    "{shown}: {size:,} bytes, far more than a report workbook; give the file the 道 publishes",
                    shown=shown,
                    size=size,
                )
            )
        return path.read_bytes()
    except OSError as exc:
        raise refused(Msg("{shown}: cannot be read ({why}); check the path", shown=shown, why=reason(exc))) from None


def _workbook_kind(data: bytes, shown: str, suffix: str) -> str:
    """'.xls', '.xlsx' or '.ods' from the content; refuses what is none of them, and an archive
    that would unpack to far more than a report workbook."""
    if data.startswith(_OLE_MAGIC):
        return ".xls"
    if not data.startswith(_ZIP_MAGIC):
        if suffix in SUFFIXES:
            raise _unreadable(shown, suffix, Msg("not an Excel or OpenDocument file"))
        raise refused(
            Msg(
                "{shown}: not a report workbook; give the .xls or .xlsx file the 道 publishes (or an .ods)", shown=shown
            )
        )
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise _unreadable(shown, suffix if suffix in SUFFIXES else ".xlsx", type(exc).__name__) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise refused(
            Msg(
                "{shown}: unpacks to {unpacked:,} bytes, far more than a report workbook; it is refused",
                shown=shown,
                unpacked=unpacked,
            )
        )
    if "xl/workbook.xml" in names:
        return ".xlsx"
    if "content.xml" in names:
        return ".ods"
    raise refused(
        Msg("{shown}: a zip archive but not a workbook; give the .xls or .xlsx file the 道 publishes", shown=shown)
    )
