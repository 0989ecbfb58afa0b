"""`kpi verify --repair`: undo a spreadsheet's re-save (or an edited header), and nothing else.

A file is rewritten only when every line that fails the checks fails them only because of
formatting (a BOM, CRLF, cp932, TRUE/FALSE, quotes): each such row, put back in kpi's own
form, must verify against its own stored hash, which proves its content unchanged; format 2
rows under a format 1 header get format 2's header back. The file
as found is kept beside it (``<name>.as-found-<time>``). Anything else is refused.
"""

from __future__ import annotations

import os
from pathlib import Path

from kpi_cli.errors import LedgerError
from kpi_cli.files import OPEN_ELSEWHERE, atomic_write, locked, reason
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger import head as heads
from kpi_cli.ledger.format import (
    FIELD_COUNT,
    FIELD_COUNT_V2,
    HEADER_BYTES,
    HEADER_V2_BYTES,
    csv_line,
    parse_line,
    restore_resaved,
    unpadded,
)
from kpi_cli.ledger.read import ledger_files
from kpi_cli.ledger.scan import FileScan, scan, scan_lines

REPAIRABLE = ("resaved", "header")  # a spreadsheet's re-save; format 2 rows under a format 1 header


def repair(path: Path, stamp: str) -> list[Msg]:
    """Repair every re-saved file of the ledger; returns one line per file repaired."""
    done = []
    for file in ledger_files(path)[0]:
        found = scan(file)
        if not any(p.kind in REPAIRABLE for p in found.problems):
            continue
        other = [p for p in found.problems if p.kind not in REPAIRABLE]
        if other:
            raise LedgerError(
                Msg(
                    "cannot repair {file}: {problem}; only a spreadsheet's re-save can be undone (restore the file "
                    "from a backup or the git history)",
                    file=file,
                    problem=other[0].msg(),
                )
            )
        done.append(_rewrite(file, found, stamp))
    return done


def _rewrite(file: Path, found: FileScan, stamp: str) -> Msg:
    try:
        fd = os.open(file, os.O_RDWR | getattr(os, "O_BINARY", 0))
    except PermissionError as exc:  # on Windows also a file that Excel has open
        raise LedgerError(
            Msg(
                "cannot repair {file}: {why}; {advice}; nothing was changed",
                file=file,
                why=reason(exc),
                advice=OPEN_ELSEWHERE,
            )
        ) from None
    except OSError as exc:
        raise LedgerError(Msg("cannot repair {file}: {why}; nothing was changed", file=file, why=reason(exc))) from None
    try:
        with locked(fd, file):
            data = file.read_bytes()
            version = 2 if found.version == 2 or any(p.kind == "header" for p in found.problems) else 1
            lines = [(HEADER_V2_BYTES if version == 2 else HEADER_BYTES) + b"\n"]
            previous = b""
            for raw in data.split(b"\n")[1:]:
                line = raw.rstrip(b"\r")
                if line:
                    canonical = _canonical(line, previous)
                    lines.append(canonical + b"\n")
                    previous = canonical[canonical.rindex(b",") + 1 :]
            fixed = b"".join(lines)
            check = FileScan(str(file), None, frozenset())
            check.version = version
            scan_lines(check, fixed[len(lines[0]) :], len(lines[0]), 2)
            check.finish(len(fixed), 0)
            if check.problems or check.rows != found.rows:
                raise LedgerError(
                    Msg("cannot repair {file}: the rewritten rows do not all verify; nothing was changed", file=file)
                )
            backup = file.with_name(f"{file.name}.as-found-{stamp}")
            try:
                atomic_write(backup, data, overwrite=False)
                atomic_write(file, fixed)
            except OSError as exc:
                raise LedgerError(
                    Msg("cannot repair {file}: {why}; nothing was changed", file=file, why=reason(exc))
                ) from None
    finally:
        os.close(fd)
    heads.store(file, heads.Head(len(lines), len(fixed), check.head))
    return Msg(
        "repaired {file}: {n} rows back in kpi's own form; the file as found is {backup}",
        file=file,
        n=found.rows,
        backup=backup.name,
    )


def _canonical(line: bytes, previous: bytes) -> bytes:
    """A line back in kpi's form: as the scan restores it when a re-save explains it, else as found."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        text = line.decode("cp932")
    fields = parse_line(text)
    fields = (unpadded(fields) or fields) if fields is not None else None  # (a format 1 row padded by a re-save)
    if fields is None or len(fields) not in (FIELD_COUNT, FIELD_COUNT_V2):  # pragma: no cover - refused by the scan
        raise LedgerError(Msg("a line cannot be read; nothing was changed"))
    restored = restore_resaved(previous, fields, fields[-1])
    if restored is not None:
        fields = restored[0]
    return (csv_line(fields[:-1]) + "," + fields[-1]).encode("utf-8")
