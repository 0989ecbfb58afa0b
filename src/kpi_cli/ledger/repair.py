"""`kpi verify --repair`: undo a spreadsheet's re-save (or an edited header), remove an unfinished last
line, write a missing head file; nothing else, and for a folder all files or none.

Every file of the ledger that needs it is locked (as writers lock it), read again under the lock and
checked before any is changed:

- rows re-saved by a spreadsheet (a BOM, CRLF, cp932, TRUE/FALSE, quotes) are put back in kpi's own
  form when each such row, so restored, verifies against its own stored hash (which proves its
  content unchanged); format 2 rows under a format 1 header get format 2's header back;
- an unfinished last line (a write interrupted) is removed, and said;
- a missing or unreadable head file is written anew from the rows as they are (the person ran the
  repair after a look at the file, as the message asking for it says).

A file whose head file remembers a row that is no longer there (rows cut, the chain rebuilt) is never
re-anchored: the head is the proof of the loss. Anything else that fails a check (an edited row, a
conflict marker) is refused. One refusal and nothing is changed; a rewrite that fails puts back the
files rewritten before it. A rewritten file as found is kept beside it (``<name>.as-found-<time>``,
with ``-2``, ``-3`` … when that name is taken).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from kpi_cli.errors import LedgerError
from kpi_cli.files import OPEN_ELSEWHERE, atomic_write, locked, reason, remove_stale_temps
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

BACKUPS = 100  # names tried for the file as found (the same second, again and again)
REPAIRABLE = ("resaved", "torn", "header")  # "header": format 2 rows under a format 1 header


class Fix(NamedTuple):
    """What the repair of one file does: its new bytes (None: the file stays as it is) and head."""

    file: Path
    found: bytes  # the file as found
    fixed: bytes | None
    head: heads.Head | None  # None: no row is left to anchor
    said: Callable[[str], list[Msg]]  # one line per thing done, given the name of the file as found


class _Undo(NamedTuple):
    """How to put one file back: its bytes, its head file as it was, and the copy made of it."""

    file: Path
    found: bytes | None  # None: the file was not rewritten
    head: tuple[str, bytes | str] | None  # ("bytes", data) or ("link", target); None: there was none
    backup: Path | None


def repair(path: Path, stamp: str, waiting: Callable[[], None] | None = None) -> list[Msg]:
    """Repair every file of the ledger at ``path`` that needs it, all or none; one line per thing done."""
    files = ledger_files(path)[0]
    for file in files:
        remove_stale_temps(file)  # a repair killed while writing leaves no copy behind for long
    wanted = [f for f in files if _needs_a_look(f)]
    if not wanted:
        return []
    with contextlib.ExitStack() as stack:
        for file in wanted:  # (in name order, like every repair: two repairs never wait for each other)
            fd = _open(file)
            stack.callback(os.close, fd)
            stack.enter_context(locked(fd, file, waiting))
            if not _same(file, fd):
                raise LedgerError(
                    Msg("{file} was replaced while kpi was repairing it; nothing was changed; try again", file=file)
                )
        fixes = [fix for fix in (_plan(file) for file in wanted) if fix is not None]
        return _apply(fixes, stamp)


def _needs_a_look(file: Path) -> bool:
    """Whether a file might need a repair (decided again under its lock)."""
    state = heads.load_state(file)
    try:
        found = scan(file, anchored=state.head.end if state.head is not None else -1, named=False)
    except LedgerError:
        return False  # not a ledger file: nothing of it can be repaired (kpi verify reports it)
    repairable = any(p.kind in REPAIRABLE for p in found.problems)
    return repairable or state.problem is not None or (not state.present and found.rows > 0)


def _open(file: Path) -> int:
    try:
        return os.open(file, os.O_RDWR | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
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


def _same(file: Path, fd: int) -> bool:
    try:
        return os.path.samestat(file.stat(), os.fstat(fd))
    except OSError:
        return False


def _plan(file: Path) -> Fix | None:
    """What to do with one file (under its lock); None when nothing; refused with a LedgerError."""
    data = file.read_bytes()
    state = heads.load_state(file)
    found = scan(file, anchored=state.head.end if state.head is not None else -1, named=False)
    if len(data) != found.size:  # pragma: no cover - changed by a program that does not lock
        raise LedgerError(Msg("{file} changed while kpi was reading it; nothing was changed; try again", file=file))
    if state.head is not None:
        lost = heads.check(file, state.head)
        if lost is not None:
            raise LedgerError(
                Msg(
                    "cannot repair {file}: it {problem}; nothing was changed (kpi never writes a new head over "
                    "rows that are missing)",
                    file=file,
                    problem=lost,
                )
            )
    other = [p for p in found.problems if p.kind not in REPAIRABLE]
    if other:
        raise LedgerError(
            Msg(
                "cannot repair {file}: {problem}; only a spreadsheet's re-save, an unfinished last line and a "
                "missing head file can be repaired (restore the file from a backup or the git history)",
                file=file,
                problem=other[0].msg(),
            )
        )
    fixed: bytes | None = None
    kept = data[: found.valid_end]
    torn = next((p for p in found.problems if p.kind == "torn"), None)
    if torn is not None:
        fixed = kept
    resaved = any(p.kind in ("resaved", "header") for p in found.problems)
    if resaved:
        fixed = _canonical_file(file, kept, found)
    if fixed is None and (found.rows == 0 or (state.problem is None and state.present)):
        return None
    head = _anchor(fixed if fixed is not None else data, found.head) if found.rows else None
    cut = data[found.valid_end :]

    def said(backup: str) -> list[Msg]:
        out = []
        if torn is not None:
            out.append(
                Msg(
                    "removed the unfinished end of {file} (from line {line}, {n} bytes: {text!r}); the file as "
                    "found is {backup}",
                    file=file,
                    line=torn.line,
                    n=len(cut),
                    text=cut.decode("utf-8", "replace"),
                    backup=backup,
                )
            )
        if resaved:
            out.append(
                Msg(
                    "repaired {file}: {n} rows back in kpi's own form; the file as found is {backup}",
                    file=file,
                    n=found.rows,
                    backup=backup,
                )
            )
        if fixed is None and head is not None:
            out.append(
                Msg(
                    "wrote a new head file for {file}: {n} rows, the last at line {line} (head {head}); from now "
                    "on kpi sees rows cut from its end",
                    file=file,
                    n=found.rows,
                    line=head.line,
                    head=head.hash,
                )
            )
        return out

    return Fix(file, data, fixed, head, said)


def _canonical_file(file: Path, data: bytes, found: FileScan) -> bytes:
    """The file's rows (up to where they are valid) back in kpi's own form, checked row by row."""
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
    return fixed


def _anchor(data: bytes, last: str) -> heads.Head:
    """The head of a file whose last row (hash ``last``) ends its bytes."""
    rows = data.rstrip(b"\r\n")
    ending = data[len(rows) : len(rows) + 2]
    end = len(rows) + (2 if ending == b"\r\n" else 1 if ending[:1] == b"\n" else 0)
    return heads.Head(rows.count(b"\n") + 1, end, last)


def _apply(fixes: list[Fix], stamp: str) -> list[Msg]:
    """Do every fix, or none: a failure puts back what was done before it."""
    done: list[_Undo] = []
    said: list[Msg] = []
    try:
        for fix in fixes:
            undo = _Undo(fix.file, None, _head_as_found(fix.file), None)
            done.append(undo)
            backup = None
            if fix.fixed is not None:
                backup = _keep_as_found(fix.file, fix.found, stamp)
                done[-1] = undo = undo._replace(backup=backup)
                atomic_write(fix.file, fix.fixed)
                done[-1] = undo._replace(found=fix.found)
            problem = heads.store(fix.file, fix.head) if fix.head is not None else None
            if problem is not None:
                raise LedgerError(problem)
            said += fix.said(backup.name if backup is not None else "")
    except (OSError, LedgerError, KeyboardInterrupt) as exc:
        _undo(done)
        if isinstance(exc, KeyboardInterrupt):
            raise
        why = exc.message if isinstance(exc, LedgerError) else reason(exc)
        failed, before = done[-1].file, len(done) - 1
        if before == 0:
            raise LedgerError(Msg("cannot repair {file}: {why}; nothing was changed", file=failed, why=why)) from None
        raise LedgerError(
            Msg(
                "cannot repair {file}: {why}; nothing was changed (the file repaired before it was put back)",
                file=failed,
                why=why,
            )
            if before == 1
            else Msg(
                "cannot repair {file}: {why}; nothing was changed (the {n} files repaired before it were put back)",
                file=failed,
                why=why,
                n=before,
            )
        ) from None
    return said


def _keep_as_found(file: Path, data: bytes, stamp: str) -> Path:
    """The file as found, kept beside it under a name no other file has."""
    for n in range(1, BACKUPS + 1):
        backup = file.with_name(f"{file.name}.as-found-{stamp}" + (f"-{n}" if n > 1 else ""))
        try:
            atomic_write(backup, data, overwrite=False)
        except FileExistsError:
            continue
        return backup
    raise FileExistsError(f"{file.name}.as-found-{stamp}")  # pragma: no cover - a hundred repairs in a second


def _head_as_found(file: Path) -> tuple[str, bytes | str] | None:
    path = heads.head_path(file)
    if path.is_symlink():
        return ("link", str(path.readlink()))
    try:
        return ("bytes", path.read_bytes())
    except FileNotFoundError:
        return None


def _undo(done: list[_Undo]) -> None:
    """Put back files and head files, newest first; the copies made of them removed."""
    for undo in reversed(done):
        with contextlib.suppress(OSError):
            if undo.found is not None:
                atomic_write(undo.file, undo.found)
        _put_head_back(undo)
        if undo.backup is not None:
            with contextlib.suppress(OSError):
                undo.backup.unlink()


def _put_head_back(undo: _Undo) -> None:
    path = heads.head_path(undo.file)
    with contextlib.suppress(OSError):
        if undo.head is None:
            if path.exists() and not path.is_symlink():
                path.unlink()
        elif undo.head[0] == "link":
            if not path.is_symlink():
                path.unlink(missing_ok=True)
                path.symlink_to(undo.head[1])
        else:
            assert isinstance(undo.head[1], bytes)
            atomic_write(path, undo.head[1], follow=False)


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
