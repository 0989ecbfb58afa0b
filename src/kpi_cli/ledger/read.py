"""Reading a whole ledger (a file or a folder of writer files) into what reports need.

One ``FileScan`` per file; then, per KPI and year, the row in force across files
(see ``format`` for the rule) and the conflicts that no correction has settled.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from kpi_cli.core.model import split_half
from kpi_cli.core.years import era, era_and_western
from kpi_cli.errors import LedgerError
from kpi_cli.files import reason
from kpi_cli.i18n.msg import Joined, Msg
from kpi_cli.ledger import head as heads
from kpi_cli.ledger.format import (
    HEAD_SUFFIX,
    REVIEW_PREFIX,
    Problem,
    Row,
    is_lock_file,
    is_system_file,
    is_writer_file,
)
from kpi_cli.ledger.scan import FileScan, scan


class Conflict(NamedTuple):
    """Rows for one KPI and year that no correction orders: different values, or unrelated corrections."""

    kpi_id: str
    year: int
    rows: list[Row]  # the one in force first

    def msg(self) -> Msg:
        first, *others = self.rows
        if self.kpi_id.startswith(REVIEW_PREFIX):
            return Msg(
                "conflict: the review of {project} {year} is {said} ({where}, the newest by its clock), but also "
                "{others}; settle it with kpi review add {project} {era} (the review it then records replaces "
                "both)",
                project=self.kpi_id.removeprefix(REVIEW_PREFIX),
                year=era_and_western(self.year),
                era=era(self.year),
                said=_review_said(first),
                where=f"{first.file}:{first.line}",
                others=Joined(
                    Msg("{value} ({where})", value=_review_said(r), where=f"{r.file}:{r.line}") for r in others
                ),
            )
        by_status = STATUS_RANK.get(first.status, 1) > max(STATUS_RANK.get(r.status, 1) for r in others)
        return Msg(
            "conflict: {kpi_id} {year} = {value} ({where}, {why}), but also {others}; "
            "settle it with kpi record --correct",
            why=Msg("the 確定") if by_status else Msg("the newest by its clock"),
            kpi_id=self.kpi_id,
            year=era_and_western(self.year),
            value=_shown(first),
            where=f"{first.file}:{first.line}",
            others=Joined(Msg("{value} ({where})", value=_shown(r), where=f"{r.file}:{r.line}") for r in others),
        )

    def __str__(self) -> str:
        return str(self.msg())


def _shown(row: Row) -> object:
    return row.value or Msg("void")


def _review_said(row: Row) -> str:
    """A review in a conflict line: its 評価 and 今後の方向性 codes, its stage (as recorded)."""
    import json

    try:
        data = json.loads(row.note)
    except ValueError:
        return "?"
    if not isinstance(data, dict):
        return "?"
    return "/".join(str(data.get(k, "")) for k in ("assessment", "direction", "stage"))


class LedgerRead:
    """Everything a report needs from the ledger."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.files: list[FileScan] = []
        self.problems: list[Problem] = []
        self.conflicts: list[Conflict] = []
        self.skipped: list[str] = []  # files of a ledger folder that are not writer files
        self.locks: list[str] = []  # Office's owner files in a ledger folder: a file is open in Excel
        self.in_force: dict[tuple[str, int], Row] = {}  # voids included
        self.heads: dict[str, heads.HeadState] = {}  # per file read: what its head file says
        self.unreadable: list[Problem] = []  # files of a ledger folder that could not be read at all

    @property
    def row_count(self) -> int:
        return sum(f.rows for f in self.files)

    @property
    def kept(self) -> list[Row]:
        return [r for f in self.files for r in f.kept]

    @property
    def current(self) -> dict[tuple[str, int], Row]:
        """The value in force per KPI and year (voided values left out)."""
        return {k: r for k, r in self.in_force.items() if not r.is_void}

    def newest(self, kpi_id: str, year: int) -> Row | None:
        """The row in force for one KPI and year (a void row too)."""
        return self.in_force.get((kpi_id, year))

    def values(self, form: str = "", half: str = "") -> dict[str, dict[int, Decimal]]:
        """The value in force per key (a KPI or a share) and year: of the year's own values (``form`` ""),
        the running totals given (``"total"``), or the half-year values of ``half`` (H1, H2)."""
        out: dict[str, dict[int, Decimal]] = {}
        for (key, year), row in self.in_force.items():
            if row.is_void or row.form != form:
                continue
            base, its_half = split_half(key)
            if its_half == half:
                out.setdefault(base, {})[year] = Decimal(row.value)
        return out

    def superseded(self) -> dict[str, set[tuple[str, int]]]:
        """The hashes corrections and voids name, and the KPIs and years of those that name them."""
        out: dict[str, set[tuple[str, int]]] = {}
        for f in self.files:
            for h, keys in f.superseded.items():
                out.setdefault(h, set()).update(keys)
        return out


def ledger_files(path: Path) -> tuple[list[Path], list[str], list[str]]:
    """The files of the ledger at ``path`` (a file, a folder of writer files, or nothing yet); in a
    folder also the other files a person may have meant as part of it (named, then skipped) and
    Office's owner files (there while a file is open in Excel; skipped, and noted by verify)."""
    files: list[Path] = []
    skipped: list[str] = []
    locks: list[str] = []
    if path.is_dir():
        try:
            entries = sorted(path.iterdir())
        except OSError as exc:
            raise LedgerError(
                Msg(
                    "cannot list the ledger folder {folder}: {why}; check its permissions",
                    folder=path,
                    why=reason(exc),
                )
            ) from None
        for p in entries:
            name = p.name
            if name.endswith(HEAD_SUFFIX) or (name.startswith(".") and name.endswith(".tmp")):
                continue
            if is_system_file(name):
                if is_lock_file(name):
                    locks.append(name)
            elif is_writer_file(name) and p.is_file():
                files.append(p)
            elif p.suffix.lower() in (".csv", ".xlsx", ".tsv", ".txt"):
                skipped.append(name)
    elif path.exists() or path.is_symlink():
        files.append(path)
    return files, skipped, locks


def read(path: Path, *, keep: frozenset[str] | None = None, wanted: frozenset[str] = frozenset()) -> LedgerRead:
    """Read the ledger at ``path``: a file, a folder of writer files, or nothing yet.

    ``keep``: None keeps no rows in full; an empty set keeps every row; otherwise rows of
    those KPIs. ``wanted``: hashes to look for.
    """
    result = LedgerRead(path)
    files, result.skipped, result.locks = ledger_files(path)
    folder = path.is_dir()
    for file in files:
        state = heads.load_state(file)
        remembered = state.head
        try:
            # Without a head (none, or unreadable) no torn write can be proved kpi's own: -1.
            anchored = remembered.end if remembered is not None else -1
            one = scan(file, keep=keep, wanted=wanted, anchored=anchored, named=folder, remember=True)
        except LedgerError as exc:
            found = exc.message
            if found.template == "{file}:{line}: {problem}" and isinstance(found.fields["problem"], Msg):
                found = found.fields["problem"]  # the file is named once, by the problem line
            if not folder or found.template.startswith("written by a newer kpi"):
                raise  # (a writer file of a newer kpi holds values: never read past it as a stray file)
            problem = Problem(str(file), 0, Msg("{problem}; file skipped", problem=found))
            result.problems.append(problem)
            result.unreadable.append(problem)
            continue
        if remembered is not None:
            why = heads.check(file, remembered)
            if why is not None:
                state = state._replace(problem=why)
        if state.problem is not None:
            one.problems.insert(0, Problem(str(file), 0, state.problem))
        elif not state.present and one.rows:
            one.problems.insert(
                0,
                Problem(
                    str(file),
                    0,
                    Msg(
                        "has no head file ({name}), so kpi cannot tell whether rows were cut from its end; the next "
                        "kpi record writes one (or kpi verify --repair, after a look at the file)",
                        name=heads.head_path(file).name,
                    ),
                    "nohead",
                ),
            )
        result.heads[str(file)] = state
        result.files.append(one)
        result.problems.extend(one.problems)
    result.problems.extend(_orphan_heads(path, files))
    _settle(result)
    return result


def _orphan_heads(path: Path, files: list[Path]) -> list[Problem]:
    """Head files whose ledger file is gone: a deleted ledger."""
    if path.is_dir():
        candidates = [p for p in path.iterdir() if p.name.endswith(".csv" + HEAD_SUFFIX)]
    else:
        candidates = [heads.head_path(path)] if heads.head_path(path).exists() else []
    out = []
    for h in sorted(candidates):
        ledger_file = h.with_name(h.name[: -len(HEAD_SUFFIX)])
        if ledger_file not in files and not ledger_file.exists():
            out.append(
                Problem(
                    str(ledger_file),
                    0,
                    Msg(
                        "is missing, but kpi wrote to it ({name} remembers it); restore it from a backup or the git "
                        "history (or delete the .head file if it was removed on purpose)",
                        name=h.name,
                    ),
                )
            )
    return out


STATUS_RANK = {"final": 2, "": 1, "provisional": 0}  # which of two unrelated rows is in force, before clocks


def _settle(result: LedgerRead) -> None:
    """The row in force per KPI and year across files, and the conflicts. A correction supersedes only a
    row of its own KPI and year; one that names another row, or none, supersedes nothing (a problem)."""
    misdirected = _misdirected(result) if result.path.is_dir() else set()
    if len(result.files) == 1:
        result.in_force = dict(result.files[0].latest)
        return
    superseded = result.superseded()
    candidates: dict[tuple[str, int], list[Row]] = {}
    for f in result.files:
        for key, row in f.latest.items():
            candidates.setdefault(key, []).append(row)
    for key, rows in candidates.items():
        if len(rows) == 1:
            result.in_force[key] = rows[0]
            continue
        alive = [r for r in rows if key not in superseded.get(r.hash, ())] or rows
        top = [r for r in alive if r.is_correction and r.hash not in misdirected] or alive
        # a 確定 beats what is not one, and a 速報 is beaten by any other value: no clock decides that
        top.sort(key=lambda r: (STATUS_RANK.get(r.status, 1), r.recorded_at, r.file, r.line), reverse=True)
        result.in_force[key] = top[0]
        revised = top[0].status == "final" and all(r.status == "provisional" for r in top[1:])
        review = key[0].startswith(REVIEW_PREFIX)  # (a review's row holds it in its note; its value is 0)
        said = {r.note if review else r.value if r.is_void else Decimal(r.value) for r in top}
        if not revised and len(said) > 1:
            result.conflicts.append(Conflict(key[0], key[1], top))
    result.conflicts.sort(key=lambda c: (c.kpi_id, c.year))


def _misdirected(result: LedgerRead) -> set[str]:
    """The corrections in force in their files (their hashes) that name no row of their own KPI and year,
    each also a problem. Most are settled by the reading (the row just before, or another file's newest);
    for the others the files are read again, looking for the rows named."""
    newest = {r.hash: key for f in result.files for key, r in f.latest.items()}
    local = {h for f in result.files for h in f.local}
    unsettled: dict[str, list[Row]] = {}
    for f in result.files:
        for key, row in f.latest.items():
            named = row.supersedes
            if named and row.hash not in local and newest.get(named) != key:
                unsettled.setdefault(named, []).append(row)
    if not unsettled:
        return set()
    found: dict[str, tuple[str, int]] = {}
    for f in result.files:
        state = result.heads.get(f.file)
        anchored = state.head.end if state is not None and state.head is not None else -1
        found.update(scan(Path(f.file), wanted=frozenset(unsettled), anchored=anchored, named=False).found)
    out = set()
    for named, rows in unsettled.items():
        for row in rows:
            where = found.get(named, newest.get(named))
            if where == (row.kpi_id, row.year):
                continue
            out.add(row.hash)
            result.problems.append(
                Problem(
                    row.file,
                    row.line,
                    Msg(
                        "{kpi_id} {year} is a correction of row {hash}…, which is {what}: it supersedes nothing, "
                        "and the other values of {kpi_id} {year} stand (a conflict where they differ); settle it "
                        "with kpi record --correct",
                        kpi_id=row.kpi_id,
                        year=era_and_western(row.year),
                        hash=named[:12],
                        what=Msg("no row of the ledger")
                        if where is None
                        else Msg("a row of {kpi_id} {year}", kpi_id=where[0], year=era_and_western(where[1])),
                    ),
                    "misdirected",
                )
            )
    return out
