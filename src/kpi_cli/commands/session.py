"""The session: what one command works with, opened once and passed down.

``Session.open`` finds the plan and the ledger in use, loads the plan, and remembers which
files an ``--output`` must never replace; ``read`` reads the ledger once (its problems said
once, as warnings); ``record`` is the recording workflow every writing command uses; what a
call has committed to disk is kept here, so that an interruption or an output error after it
can say so. Nothing here is module state: tests build their own ``Env`` and session.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from kpi_cli.core.model import Kpi, Plan, plan_span
from kpi_cli.core.years import era_and_western, parse_year
from kpi_cli.errors import InputError
from kpi_cli.files import reason
from kpi_cli.i18n.msg import Joined, Msg
from kpi_cli.ledger.problems import skipped_file, summarize
from kpi_cli.ledger.read import LedgerRead
from kpi_cli.ledger.read import read as read_ledger
from kpi_cli.ledger.verify import unknown_kpis
from kpi_cli.locations import Files, resolve
from kpi_cli.plan.load import load_plan
from kpi_cli.plan.selection import resolve_kpi
from kpi_cli.render.output import Out, Protected
from kpi_cli.reports.values import KpiValues, kpi_values
from kpi_cli.streams import Env

if TYPE_CHECKING:  # the recording workflow is imported by the commands that write, when they write
    from kpi_cli.ledger.entries import Entry, Inputs
    from kpi_cli.ledger.record import Options, Recorded, Target
    from kpi_cli.render import Format

SHOWN_LEDGER_PROBLEMS = 10
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".txt")  # what a filled sheet may be
T = TypeVar("T")


def env_of(ctx: typer.Context) -> Env:
    """The call's ``Env``, which ``cli.main`` hands every command through Click's context."""
    root = ctx.find_root()
    obj: Any = root.obj
    if isinstance(obj, Env):
        return obj
    made = Env()
    root.obj = made
    return made


def _usable(ledger: Path) -> None:
    """A ledger path the system refuses to look up (a name longer than the file system allows, a
    folder on the way that cannot be searched) is said once, here, before anything reads it."""
    import errno
    import os

    try:
        os.lstat(ledger)
    except OSError as exc:
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR):
            raise InputError(
                Msg(
                    "cannot use the ledger {path}: {why}; give another path (--ledger or KPI_LEDGER)",
                    path=ledger,
                    why=reason(exc),
                )
            ) from None


class Session:
    """One command's files, plan, ledger and messages."""

    def __init__(self, env: Env, files: Files, plan: Plan) -> None:
        self.env = env
        self.files = files
        self.plan = plan
        self.committed = env.committed  # ledger files this call has written (fsynced)
        # never an --output; nor, unless forced, a sheet holding what someone filled in and nobody imported
        self.protected = Protected.of((files.plan, files.ledger), self._keep_filled)
        self.force_output = False  # --force of kpi template and kpi review template
        self.can_force = False  # whether the command has --force (the refusal says so, or not)
        self._read: LedgerRead | None = None
        self._values: KpiValues | None = None

    def out(self, fmt: Format | None, output: Path | None = None, excel: bool = False) -> Out:
        """Where a report of this command goes (see ``render.output.emit``): never over the files it protects."""
        return Out(self.env, fmt, output, excel, self.protected)

    def _keep_filled(self, output: Path) -> None:
        """Refuse to replace a collection or review sheet (of either kind, whichever command writes)
        that holds filled-in rows the ledger does not hold yet."""
        if self.force_output or output.suffix.lower() not in SHEET_SUFFIXES or not output.is_file():
            return
        from kpi_cli.ledger.reviews import in_force
        from kpi_cli.reports.filled import refuse_unsaved, unsaved_reviews, unsaved_values

        values = unsaved_values(self.plan, self.values(), output)
        refuse_unsaved(output, values, "kpi import", forceable=self.can_force)
        reviews = unsaved_reviews(self.plan, in_force(self.read()), output)
        refuse_unsaved(output, reviews, "kpi review import", forceable=self.can_force)

    @classmethod
    def open(
        cls,
        ctx: typer.Context,
        plan: Path | None,
        ledger: str | None,
        *,
        uses_ledger: bool = True,
        writes: bool = False,
    ) -> Session:
        """The files in use and the loaded plan. A ledger given explicitly must be in an existing
        folder (for a writer); the shipped plan's per-user ledger is said on stderr."""
        env = env_of(ctx)
        if ledger is None:  # a command without --ledger still protects the ledger KPI_LEDGER names
            ledger = env.environ.get("KPI_LEDGER") or None
        files = resolve(plan, ledger)
        p = load_plan(files.plan)
        if p.edition.ledger and not files.ledger_is_explicit and not files.plan_is_packaged:
            files = resolve(plan, ledger, p.edition.ledger)
        if uses_ledger or writes:
            _usable(files.ledger)
        if (uses_ledger or writes) and files.ledger_is_explicit and not files.ledger_is_folder:
            where = files.ledger
            if not where.exists() and not where.is_symlink() and not where.parent.is_dir():
                raise InputError(
                    Msg("folder {folder} does not exist; create it or choose another --ledger", folder=where.parent)
                )
        session = cls(env, files, p)
        if uses_ledger and files.plan_is_packaged and plan is None and not files.ledger_is_explicit:
            session.warn(
                Msg(
                    "no data/plan.toml in this folder or its parents: using the plan shipped with kpi and the "
                    "ledger {ledger}",
                    ledger=files.ledger,
                )
            )
        return session

    # ---------------------------------------------------------------- messages

    def warn(self, msg: Msg) -> None:
        self.env.warn(msg)

    def note(self, msg: Msg) -> None:
        self.env.note(msg)

    def say(self, msg: Msg) -> None:
        self.env.say(msg)

    # ---------------------------------------------------------------- the ledger

    def read(self, keep: frozenset[str] | None = None) -> LedgerRead:
        """The ledger, read once; rows left out of what follows are never silent (one warning each).
        ``keep``: the KPIs (ledger keys) whose every row is kept, for a history."""
        if self._read is None or keep is not None:
            self._read = read_ledger(self.files.ledger, keep=keep)
            self._values = None
            self._warn_problems(self._read)
        return self._read

    def values(self) -> KpiValues:
        """Each KPI's values (its office shares summed), read once."""
        if self._values is None:
            self._values = kpi_values(self.plan, self.read())
        return self._values

    def _warn_problems(self, read: LedgerRead) -> None:
        drift = unknown_kpis(self.plan, read)  # values the plan no longer names: never dropped in silence
        if not (read.problems or read.skipped or read.conflicts or drift):
            return
        problems = summarize(read.problems, folder=read.path.is_dir()) + drift
        problems += [skipped_file(read.path, name) for name in read.skipped]
        problems += [
            Msg("{file}:{line}: {conflict}", file=c.rows[0].file, line=c.rows[0].line, conflict=c.msg())
            for c in read.conflicts
        ]
        for msg in problems[:SHOWN_LEDGER_PROBLEMS]:
            self.warn(msg)
        if len(problems) > SHOWN_LEDGER_PROBLEMS:
            self.warn(Msg("{n} more problems; run: kpi verify", n=len(problems) - SHOWN_LEDGER_PROBLEMS))

    def target(self) -> Target:
        """Where a writer's rows go. kpi creates a missing folder only for the per-user ledger of the
        shipped plan, and for a ledger folder itself (given with a trailing /)."""
        from kpi_cli.ledger.record import Target

        f = self.files
        create = (f.plan_is_packaged and not f.ledger_is_explicit) or f.ledger_is_folder
        return Target(f.ledger, folder=f.ledger_is_folder, create_folder=create)

    def inputs(self, *, outside_plan: bool = False) -> Inputs:
        from kpi_cli.ledger.entries import Inputs

        return Inputs(self.plan, current_fy=self.env.current_fy(), outside_plan=outside_plan)

    def record(self, entries: Sequence[Entry], options: Options | None = None, *, dry_run: bool = False) -> Recorded:
        """The recording workflow: link under the lock, append, then say what else happened."""
        from kpi_cli.ledger.record import Options, record

        done = record(
            self.target(),
            entries,
            options or Options(),
            committed=self.committed,
            dry_run=dry_run,
            waiting=lambda: self.note(
                Msg(
                    "waiting for {ledger}: another kpi is writing to it (Ctrl-C stops this one; nothing is recorded)",
                    ledger=self.files.ledger,
                )
            ),
        )
        if done.discarded_bytes:
            self.warn(
                Msg(
                    "removed an interrupted write ({n} bytes) from the end of {file}",
                    n=done.discarded_bytes,
                    file=done.file,
                )
            )
        if done.head_problem is not None:
            self.warn(done.head_problem)
        for problem in done.unread:
            self.warn(
                Msg(
                    "{problem}; its values were not compared with what was recorded now (kpi verify)",
                    problem=problem.msg(),
                )
            )
        for msg in done.linked.notices:
            self.note(msg)
        return done

    def recorder(self, by: str | None) -> str:
        """Who records: --by (or KPI_USER), else the login name."""
        if by is not None:
            if not by.strip():
                raise InputError(Msg("--by (or KPI_USER) is blank; give a name, e.g. --by oshima-taro"))
            return by.strip()
        import getpass

        try:
            return getpass.getuser() or "unknown"
        except (OSError, KeyError):  # pragma: no cover - no login name on this system
            return "unknown"

    # ---------------------------------------------------------------- what commands ask for

    def kpi(self, term: str, regions: Sequence[str] = ()) -> Kpi:
        """A KPI by id or name fragment (narrowed by --region); says on stderr which one a fragment was taken as."""
        match = resolve_kpi(self.plan, term, regions)
        if not match.exact:
            self.warn(Msg("{term!r} taken as {id} ({name})", term=term, id=match.kpi.id, name=match.kpi.name))
        return match.kpi

    def year_in_plan(self, text: str, option: str) -> int:
        """A year given to a report: one the plan speaks of."""
        year = parse_year(text)
        low, high = plan_span(self.plan)
        if not low <= year <= high:
            raise InputError(
                Msg(
                    "{option} {year} is outside the plan's years ({low}–{high}); check the year and its era",
                    option=option,
                    year=era_and_western(year),
                    low=era_and_western(low),
                    high=era_and_western(high),
                )
            )
        return year

    def collection_year(self, text: str | None) -> int:
        """The fiscal year of a collection: given, or last fiscal year (within the plan)."""
        if text is not None:
            return self.year_in_plan(text, "--year")
        low, high = plan_span(self.plan)
        return min(max(self.env.current_fy() - 1, low), high)

    def input_bytes(self, file: str, encoding: str) -> tuple[bytes, str, str | None]:
        """The bytes of an input file (a path, or - for stdin), the name to show, and the forced encoding."""
        from kpi_cli.ledger.import_file import read_input_file

        return read_input_file(file, encoding, self.env.stdin)

    def caption(self) -> str:
        """The plan in use, for the caption of a listing."""
        return Msg("plan: {path}", path=self.plan.source_path or self.files.plan).text(self.env.ja)


def cumulative_mode(running_total: bool, yearly: bool) -> str:
    """How values of cumulative KPIs are read: "" (refuse running totals), "running" or "yearly"."""
    if running_total and yearly:
        raise InputError(Msg("--running-total and --yearly contradict each other; give one"))
    return "running" if running_total else ("yearly" if yearly else "")


def read_every(files: Sequence[str], read: Callable[[str], T]) -> list[T]:
    """Every file an import is given, read: a file given twice is refused; one that cannot be read stops
    the import, but all are tried first, so that one message lists every such file (of one file, its
    own message)."""
    import os

    given: set[str] = set()
    for file in files:
        key = file if file == "-" else os.path.realpath(file)
        if key in given:
            raise InputError(Msg("{file} is given twice; give each file once", file=file))
        given.add(key)
    found: list[T] = []
    problems: list[Msg] = []
    for file in files:
        try:
            found.append(read(file))
        except InputError as exc:
            if len(files) == 1:
                raise
            problems += [exc.message, *exc.details]
    if problems:
        from kpi_cli.ledger.entries import limited

        raise InputError(
            Msg(
                "{n} of {total} files cannot be imported; nothing was written. Fix them and import again:",
                n=len(files) - len(found),
                total=len(files),
            ),
            details=limited(problems),
        )
    return found


def imported(s: Session, done: Recorded, fmt: Format | None, shown: Joined, blank: int = 0) -> None:
    """What every import says when it is done (kpi import, kpi import-stats): in a dry run the rows it
    would write (in ``fmt``), then each row skipped, each value given again that stays voided, and its
    closing line."""
    if done.dry_run:
        from kpi_cli.render.human import new_rows_view
        from kpi_cli.render.output import emit
        from kpi_cli.reports.history import NEW_ROW_COLUMNS, new_row_records

        emit(
            Out(s.env, fmt),
            records=new_row_records(s.plan, done.linked),
            columns=NEW_ROW_COLUMNS,
            key="rows",
            human=lambda: new_rows_view(s.plan, done.linked, s.env.ja),
        )
    for _e, why in done.linked.skipped:
        s.warn(why)
    for e, why in done.linked.still_void:
        s.note(
            Msg(
                "{where}: {kpi} {year} {why}; it stays voided (kpi record --correct reinstates it)",
                where=e.where,
                kpi=e.row.kpi_id,
                year=era_and_western(e.row.year),
                why=why,
            )
        )
    import_summary(s, done, shown, blank)


def import_summary(s: Session, done: Recorded, shown: Joined, blank: int = 0) -> None:
    """The last line of an import: how many rows were recorded where, and what was left (unchanged,
    blank, skipped); in a dry run, what would be."""
    linked = done.linked
    counts = []
    if linked.unchanged:
        counts.append(Msg("{n} unchanged", n=len(linked.unchanged)))
    if blank:
        counts.append(Msg("{n} blank (not yet known)", n=blank))
    if linked.skipped:
        counts.append(Msg("{n} skipped (listed above)", n=len(linked.skipped)))
    if done.dry_run:
        n, ledger = len(linked.rows), s.files.ledger
        s.note(
            Msg(
                "dry run: {n} rows would be recorded in {ledger} ({counts}); nothing written",
                n=n,
                ledger=ledger,
                counts=Joined(counts),
            )
            if counts
            else Msg("dry run: {n} rows would be recorded in {ledger}; nothing written", n=n, ledger=ledger)
        )
        return
    if not done.rows:
        if counts:
            s.say(Msg("imported 0 rows: nothing new in {file}; {counts}", file=shown, counts=Joined(counts)))
        else:
            s.say(Msg("imported 0 rows: nothing new in {file}", file=shown))
        return
    first, last = done.rows[0].line, done.rows[-1].line
    if counts:
        s.say(
            Msg(
                "imported {n} rows into {file} (lines {first}-{last}); {counts}",
                n=len(done.rows),
                file=done.file,
                first=first,
                last=last,
                counts=Joined(counts),
            )
        )
    else:
        s.say(
            Msg(
                "imported {n} rows into {file} (lines {first}-{last})",
                n=len(done.rows),
                file=done.file,
                first=first,
                last=last,
            )
        )
