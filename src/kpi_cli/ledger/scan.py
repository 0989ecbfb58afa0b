"""Reading one ledger file: the header, then every line by the reference or the fast reader.

``scan`` chooses the reference reader below ``FAST_FROM`` bytes and the fast one above
(``KPI_LEDGER_READER=reference|fast`` forces one). Both return the same ``FileScan``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from kpi_cli.errors import LedgerError
from kpi_cli.files import reason
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.format import BOM, COLUMNS, HEADER, HEADER_BYTES, parse_line
from kpi_cli.ledger.scan_reference import FileScan

FAST_FROM = 1 << 20  # bytes: below this the reference reader is as fast as the byte loop
MAX_HEADER = 4096  # bytes read to find the header line (a device or a binary file never ends it)


def open_regular(path: Path) -> BinaryIO:
    """Open a ledger file, refusing anything that is not a regular file (a FIFO, a device)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise LedgerError(Msg("cannot read ledger {path}: {why}", path=path, why=reason(exc))) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise LedgerError(
            Msg("ledger {path} is not a regular file (a device, a FIFO or a socket); give a CSV file", path=path)
        )
    return os.fdopen(fd, "rb")


def read_header(fh: BinaryIO, shown: str) -> int:
    """Check the header line; return the offset where rows start (0 for an empty file)."""
    header = fh.readline(MAX_HEADER)
    if not header:
        return 0
    start = len(header)
    if header.startswith(BOM):
        header = header[len(BOM) :]
    if header.rstrip(b"\r\n") != HEADER_BYTES and not _resaved_header(header):
        got = header.rstrip(b"\r\n").decode("utf-8", "replace")[:120]
        if header.startswith((b"\xff\xfe", b"\xfe\xff")):
            got = "UTF-16 text"
        raise LedgerError(
            Msg(
                "{file}:{line}: {problem}",
                file=shown,
                line=1,
                problem=Msg(
                    "not a kpi ledger (header is {got!r}); the first line must be: {header}", got=got, header=HEADER
                ),
            )
        )
    return start


def _resaved_header(header: bytes) -> bool:
    """The header as a spreadsheet saves it back: every column name quoted ("recorded_at",...)."""
    fields = parse_line(header.rstrip(b"\r\n").decode("ascii", "replace"))
    return fields == list(COLUMNS)


def scan(
    path: Path,
    *,
    keep: frozenset[str] | None = None,
    wanted: frozenset[str] = frozenset(),
    anchored: int = 0,
    reader: str = "",
    named: bool = True,
) -> FileScan:
    """Read one ledger file. ``anchored``: the end of what kpi remembers writing (see ``head``);
    ``named``: collect the hashes that corrections name (only a folder's files need them)."""
    result = FileScan(str(path), keep, wanted, named)
    with open_regular(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        start = read_header(fh, str(path))
        if start == 0:
            result.finish(0, 0)
            return result
        chosen = reader or os.environ.get("KPI_LEDGER_READER", "") or ("fast" if size >= FAST_FROM else "reference")
        _read(result, fh, start, size, chosen)
        torn = result.torn_batch(anchored)
        if torn is None:
            result.finish(size, anchored)
            return result
        # The file ends in an interrupted import: read again up to where it starts.
        again = FileScan(str(path), keep, wanted, named)
        _read(again, fh, start, torn.start, chosen)
        again.cut_at(torn, size)
        return again


def _read(result: FileScan, fh: BinaryIO, start: int, end: int, reader: str) -> None:
    if reader == "fast":
        from kpi_cli.ledger import scan_fast

        scan_fast.scan_lines(result, fh, start, 2, end)
        return
    from kpi_cli.ledger import scan_reference

    fh.seek(start)
    scan_reference.scan_lines(result, fh.read(end - start), start, 2)
