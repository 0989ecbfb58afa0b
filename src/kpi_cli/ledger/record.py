"""The one recording workflow: every command that writes to a ledger calls ``record``.

``record`` reads the ledger under its lock (``write.append``), decides for each entry what
to do against the row in force for its KPI (or share, or review) and year (``link``), then
appends what is new as one batch, or nothing. The rules, in one place:

- a value equal to the one in force is *unchanged* (nothing written); so is a value equal to
  one that was voided: what was taken back stays taken back (``--correct`` reinstates it);
- a different value needs ``--correct`` (the ledger keeps both rows); so does a value for a
  voided key, which counts as recorded;
- a note or source that differs while the value is the same is written with ``--correct`` (a
  blank note or source in the input changes nothing), and skipped with a notice otherwise;
- a void takes back the value in force; there must be one;
- a cumulative (累計) KPI's values are settled first (``settle_cumulative``);
- a value off by a factor of 1,000 or more from everything known of its KPI (baseline, target,
  latest value) is refused as a likely unit mistake unless ``--unusual``;
- a value of a KPI summed over 振興局 whose source is kpi's own mark of that sum (``sum of N 振興局
  shares``, as ``kpi export`` writes it) is a derived figure, never recorded: skipped and said when it
  is the sum of the shares in the ledger, refused otherwise;
- with ``skip_conflicts`` the entries that conflict are skipped and listed, the rest written.

A dry run makes the same decisions against the ledger as it is and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from kpi_cli.core.decimals import human, plain
from kpi_cli.core.model import Kpi, half_key, share_key, split_half, split_key
from kpi_cli.core.years import era, era_and_western
from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Joined, Msg
from kpi_cli.ledger.entries import Entry, limited
from kpi_cli.ledger.format import FIRST_VALUE, REVIEW_PREFIX, NewRow, Problem, Row, says_sum_of_shares
from kpi_cli.ledger.read import LedgerRead, read
from kpi_cli.ledger.reviews import decode
from kpi_cli.ledger.write import append


class Target(NamedTuple):
    """Where rows go: a ledger file, or a folder of writer files; whether kpi may create its folder."""

    path: Path
    folder: bool = False
    create_folder: bool = False


class Options(NamedTuple):
    correct: bool = False  # --correct: supersede the value in force
    cumulative: str = ""  # "" (refuse what looks like running totals), "running" or "yearly"
    skip_conflicts: bool = False  # write the rest and list the entries that conflict
    unusual: bool = False  # --unusual: accept a value far from everything known of its KPI
    batch: bool = False  # an import: its rows are one batch (kpi void --batch takes it back), even one row


class Linked(NamedTuple):
    """What ``link`` decided for each entry."""

    rows: list[NewRow]  # to write, each naming the row it supersedes
    written: list[Entry]  # the entries those rows come from (same order)
    unchanged: list[tuple[Entry, Msg]]  # nothing to write, and why
    skipped: list[tuple[Entry, Msg]]  # not written: a conflict (--skip-conflicts) or a note change without --correct
    notices: list[Msg]  # what was converted or assumed
    still_void: list[tuple[Entry, Msg]]  # among the unchanged: a value that was voided, given again (stays voided)


class Recorded(NamedTuple):
    """What a call of ``record`` did (or, in a dry run, would do)."""

    file: Path | None  # the file written to (None when nothing was written)
    rows: list[Row]  # the rows written, with their lines and hashes (empty in a dry run)
    linked: Linked
    discarded_bytes: int  # a torn write of kpi's own removed before appending
    head_problem: Msg | None  # the head file could not be updated (the rows are written)
    dry_run: bool
    unread: list[Problem]  # files of a ledger folder that could not be read (their rows were not compared)


def record(
    target: Target,
    entries: Sequence[Entry],
    options: Options | None = None,
    *,
    committed: list[str] | None = None,
    dry_run: bool = False,
    waiting: Callable[[], None] | None = None,
) -> Recorded:
    """Record ``entries`` as one batch (all or nothing), or say what would be recorded.

    ``committed`` receives the file name as soon as the rows are on disk, so that a caller
    interrupted later can say what was written. ``waiting`` is called when another writer holds
    the lock for a while."""
    options = options or Options()
    if not entries:
        return Recorded(None, [], Linked([], [], [], [], [], []), 0, None, dry_run, [])
    if dry_run:
        whole = read(target.path, keep=frozenset(e.row.kpi_id for e in entries))
        return Recorded(None, [], link(whole, entries, options), 0, None, True, whole.unreadable)
    decided: list[Linked] = []
    unread: list[Problem] = []

    def prepare(whole: LedgerRead) -> list[NewRow]:
        decided[:] = [link(whole, entries, options)]
        unread[:] = whole.unreadable
        return decided[0].rows

    result = append(
        target.path,
        [e.row for e in entries],
        prepare=prepare,
        folder=target.folder,
        create_folder=target.create_folder,
        committed=committed,
        keep=frozenset(e.row.kpi_id for e in entries),
        waiting=waiting,
        batch=options.batch,
    )
    return Recorded(
        result.file if result.rows else None,
        result.rows,
        decided[0],
        result.discarded_bytes,
        result.head_problem,
        False,
        unread,
    )


# ---------------------------------------------------------------------- the rules


def link(ledger: LedgerRead, entries: Sequence[Entry], options: Options) -> Linked:
    """What to write for each entry, against the rows in force; raise when any entry conflicts
    (unless ``skip_conflicts``)."""
    settled, said = settle_cumulative(ledger, entries, options.cumulative)
    rows: list[NewRow] = []
    written: list[Entry] = []
    unchanged: list[tuple[Entry, Msg]] = []
    still_void: list[tuple[Entry, Msg]] = []
    skipped: list[tuple[Entry, Msg]] = []
    problems: list[tuple[Entry, Msg]] = []
    hashes = _rows_by_hash(ledger) if any(_in_force_is_void(ledger, e) for e in settled) else {}
    others = {} if options.unusual else _values_by_key(ledger)
    given = Batch(  # the values this batch gives (a sum of shares is checked against them too)
        {
            (e.row.kpi_id, e.row.year, e.row.form): Decimal(e.row.value)
            for e in settled
            if not e.row.is_void and not says_sum_of_shares(e.row.source)
        }
    )
    for e in settled:
        decision = _decide(ledger, e, options, hashes, others, given)
        if isinstance(decision, NewRow):
            rows.append(decision)
            written.append(e)
        else:
            kind, why = decision
            if kind == "voided":
                still_void.append((e, why))
                kind = "unchanged"
            {"unchanged": unchanged, "skipped": skipped, "conflict": problems}[kind].append((e, why))
    if problems and options.skip_conflicts:
        skipped.extend((e, placed(e, why)) for e, why in problems)  # (said with the sheet and row they are on)
    elif len(problems) == 1:
        raise InputError(placed(*problems[0]))
    elif problems:
        raise InputError(
            Msg("{n} rows conflict with the ledger; nothing was written", n=len(problems)),
            details=limited([placed(e, why) for e, why in problems]),
        )
    done = {(e.row.kpi_id, e.row.year) for e in written}
    notices = [msg for key, msg in said if key in done]  # (nothing said of a value left as it was)
    return Linked(rows, written, unchanged, skipped, notices, still_void)


def placed(entry: Entry, why: Msg) -> Msg:
    return Msg("{where}: {problem}", where=entry.where, problem=why) if entry.where else why


def _in_force_is_void(ledger: LedgerRead, e: Entry) -> bool:
    existing = ledger.newest(e.row.kpi_id, e.row.year)
    return existing is not None and existing.is_void


def _rows_by_hash(ledger: LedgerRead) -> dict[str, Row]:
    """Every kept row by its hash (to find the value a void took back)."""
    return {r.hash: r for r in ledger.kept}


def _values_by_key(ledger: LedgerRead) -> dict[str, list[Row]]:
    """The values in force of each key (voids left out), for the plausibility check: gathered once, not
    looked for among every key of the ledger for each entry."""
    out: dict[str, list[Row]] = {}
    for (key, _year), row in ledger.in_force.items():
        if not row.is_void:
            out.setdefault(key, []).append(row)
    return out


Decision = NewRow | tuple[str, Msg]
Others = Mapping[str, list[Row]]  # see _values_by_key


class Batch(NamedTuple):
    """What the entries being recorded give: per ledger key, year and form, the value."""

    values: Mapping[tuple[str, int, str], Decimal]


def _decide(
    ledger: LedgerRead, e: Entry, options: Options, hashes: dict[str, Row], others: Others, given: Batch
) -> Decision:
    r = e.row
    existing = ledger.newest(r.kpi_id, r.year)
    where = f"{r.kpi_id} {era_and_western(r.year)}"
    if r.kpi_id.startswith(REVIEW_PREFIX):
        return _over_review(r, existing, options)
    summed = e.kpi is not None and bool(e.kpi.part_ids) and not split_key(r.kpi_id)[1]
    if summed and e.kpi is not None and not r.is_void and says_sum_of_shares(r.source):
        return _sum_of_shares(ledger, e.kpi, e, given)
    if r.is_void:
        if existing is None or existing.is_void:
            return (
                "conflict",
                Msg(
                    "{where} has no value to void; check the KPI and the year (kpi history {kpi})",
                    where=where,
                    kpi=r.kpi_id,
                ),
            )
        return r._replace(correction=existing.hash)
    if existing is None:
        if options.correct:
            return (
                "conflict",
                Msg("{where} has no value yet, so there is nothing to correct; drop --correct", where=where),
            )
        return _plausible(others, e, options) or r._replace(correction=FIRST_VALUE)
    if existing.is_void:
        return _after_void(others, e, existing, options, hashes)
    return _over(others, e, existing, options)


def _over_review(r: NewRow, existing: Row | None, options: Options) -> Decision:
    """A review: a later one supersedes a draft, the same one is unchanged; one the 地域づくり連携会議
    approved (stage "reviewed") is replaced only with ``--correct``."""
    if existing is None or existing.is_void:
        return r._replace(correction=existing.hash if existing is not None else FIRST_VALUE)
    if existing.note == r.note:
        return ("unchanged", Msg("says the same as the review recorded"))
    approved = decode(existing)
    if approved is not None and approved.stage == "reviewed" and not options.correct:
        return (
            "conflict",
            Msg(
                "the review of {project} {year} was approved at the 地域づくり連携会議 on {day} ({file}:{line}); "
                "use --correct to replace it",
                project=approved.project_id,
                year=era_and_western(r.year),
                day=approved.meeting_date,
                file=existing.file,
                line=existing.line,
            ),
        )
    return r._replace(correction=existing.hash)


def _sum_of_shares(ledger: LedgerRead, kpi: Kpi, e: Entry, batch: Batch) -> tuple[str, Msg]:
    """A row kpi wrote as the sum of a KPI's 振興局 shares (kpi export): a figure kpi derives, never a value
    of the whole KPI (it would win over the shares, and a later share's correction would no longer count).
    The same sum is skipped and said; another figure is refused (was it meant for the whole KPI?). The
    shares are those in force with the ones this batch gives (an export imported into a fresh ledger)."""
    r = e.row
    where = e.where or f"{r.kpi_id} {era_and_western(r.year)}"
    half = split_half(r.kpi_id)[1]
    sums = []
    for form in ("", "total"):
        values = ledger.values(form, half)
        keys = [share_key(kpi.id, o) for o in kpi.part_ids]
        parts = [
            batch.values.get((half_key(k, half) if half else k, r.year, form), values.get(k, {}).get(r.year))
            for k in keys
        ]
        known = [v for v in parts if v is not None]
        if len(known) == len(parts):
            sums.append(sum(known, Decimal(0)))
    given = Decimal(r.value)
    if given in sums:
        return (
            "skipped",
            Msg(
                "{where}: {value} is the sum of the {n} 振興局 shares of {kpi} {year}, which kpi adds up itself "
                "(source {source!r}); not recorded as a value of the whole KPI",
                where=where,
                value=human(given),
                n=len(kpi.part_ids),
                kpi=kpi.id,
                year=era_and_western(r.year),
                source=r.source,
            ),
        )
    found = (
        Msg("its shares add up to {total}", total=human(sums[0]))
        if sums
        else Msg("the ledger has no complete set of its {n} shares for that year", n=len(kpi.part_ids))
    )
    return (
        "conflict",
        Msg(
            "{kpi} {year} = {value} is marked as kpi's sum of {n} 振興局 shares (source {source!r}), but {found}; "
            "record the shares with their 振興局 (--office, or a 振興局分 column), or give a value of the whole "
            "KPI a source of its own (an older export? --skip-conflicts skips it)",
            kpi=kpi.id,
            year=era_and_western(r.year),
            value=human(given),
            n=len(kpi.part_ids),
            source=r.source,
            found=found,
        ),
    )


def _over(others: Others, e: Entry, existing: Row, options: Options) -> Decision:
    """A value for a key with a value in force."""
    r = e.row
    where = f"{r.kpi_id} {era_and_western(r.year)}"
    same_value = existing.decimal == Decimal(r.value) and existing.form == r.form
    revised = _revision(existing, r, same_value)
    if revised is not None:
        return revised if isinstance(revised, tuple) else _plausible(others, e, options) or revised
    changed_text = _text_changes(existing, r)
    if same_value and not changed_text:
        return ("unchanged", Msg("is already {value}", value=_shown_value(e, r.value)))
    if same_value:
        if not options.correct:
            return (
                "skipped",
                Msg(
                    "{where}: the value is unchanged but the {what} differs from the one recorded ({file}:{line}); "
                    "add --correct to record the new {what}",
                    where=e.where or where,
                    what=changed_text,
                    file=existing.file,
                    line=existing.line,
                ),
            )
        return _with_texts(r, existing)._replace(correction=existing.hash)
    if not options.correct and existing.decimal == Decimal(r.value):  # the same figure in the other form
        return (
            "conflict",
            Msg(
                "{where} already has {value} as {form} ({file}:{line}), and this gives it as {given_form}; "
                "use --correct if that is meant",
                where=where,
                value=existing.value,
                form=_form_words(existing.form),
                file=existing.file,
                line=existing.line,
                given_form=_form_words(r.form),
            ),
        )
    if not options.correct:
        return (
            "conflict",
            Msg(
                "{where} already has the value {value} ({file}:{line}), not {given}; use --correct to supersede it",
                where=where,
                value=_stored(existing),
                file=existing.file,
                line=existing.line,
                given=_stored(r),
            ),
        )
    return _plausible(others, e, options) or _with_texts(r, existing)._replace(correction=existing.hash)


def _after_void(others: Others, e: Entry, void: Row, options: Options, hashes: dict[str, Row]) -> Decision:
    """A value for a key whose value was voided: the voided value again is unchanged (it stays
    taken back); any value needs --correct, which writes it over the void."""
    r = e.row
    where = f"{r.kpi_id} {era_and_western(r.year)}"
    taken_back = hashes.get(void.supersedes)
    voided = Msg(
        "voided on {day} by {who}: {reason}", day=void.recorded_at[:10], who=void.recorded_by, reason=void.note
    )
    if not options.correct:
        if taken_back is not None and taken_back.value and Decimal(taken_back.value) == Decimal(r.value):
            return ("voided", Msg("{value} was {voided}", value=_shown_value(e, r.value), voided=voided))
        return (
            "conflict",
            Msg(
                "{where} was {voided} ({file}:{line}); use --correct to record {given} over the void",
                where=where,
                voided=voided,
                file=void.file,
                line=void.line,
                given=r.value,
            ),
        )
    return _plausible(others, e, options) or r._replace(correction=void.hash)


def _revision(existing: Row, new: NewRow, same_value: bool) -> NewRow | tuple[str, Msg] | None:
    """速報 and 確定: a 確定 replaces the 速報 (or a value that said neither, when the figure is the same)
    without --correct; a 速報 after the 確定 changes nothing. None: the usual rules decide."""
    if new.status == "final" and (existing.status == "provisional" or (existing.status == "" and same_value)):
        return _with_texts(new, existing)._replace(correction=existing.hash)
    if new.status == "provisional" and existing.status == "final":
        if same_value:
            return ("unchanged", Msg("is already {value} (確定)", value=_stored(existing)))
        return (
            "conflict",
            Msg(
                "{kpi} {year} has the 確定 value {value} ({file}:{line}); a 速報 ({given}) does not replace it; "
                "use --correct if the 確定 was wrong",
                kpi=new.kpi_id,
                year=era_and_western(new.year),
                value=_stored(existing),
                file=existing.file,
                line=existing.line,
                given=_stored(new),
            ),
        )
    return None


def _form_words(form: str) -> Msg:
    return Msg("the running total so far (累計)") if form == "total" else Msg("that year's own count")


def _stored(row: Row | NewRow) -> str:
    """A value as the ledger holds it, with its form when it is a running total."""
    return f"{row.value} (累計)" if row.form == "total" else row.value


def _text_changes(existing: Row, new: NewRow) -> Msg | None:
    """Which texts a new row changes: a blank note, source or status in the input changes nothing."""
    changed = [
        what
        for what, old, given in (
            ("note", existing.note, new.note),
            ("source", existing.source, new.source),
            ("status", existing.status, new.status),
        )
        if given and given != old
    ]
    return _CHANGED[tuple(changed)] if changed else None


_CHANGED = {
    ("note",): Msg("note"),
    ("source",): Msg("source"),
    ("status",): Msg("status (速報/確定)"),
    ("note", "source"): Msg("note and source"),
    ("note", "status"): Msg("note and status (速報/確定)"),
    ("source", "status"): Msg("source and status (速報/確定)"),
    ("note", "source", "status"): Msg("note, source and status (速報/確定)"),
}


def _with_texts(new: NewRow, existing: Row) -> NewRow:
    """A correction keeps the texts it does not change (a blank cell is not an erasure)."""
    return new._replace(
        note=new.note or existing.note, source=new.source or existing.source, status=new.status or existing.status
    )


def _shown_value(e: Entry, value: str) -> str:
    unit = e.kpi.unit if e.kpi is not None else ""
    return f"{human(Decimal(value))}{unit}"


# ---------------------------------------------------------------------- plausibility

UNIT_FACTOR = Decimal(1000)  # off by this factor or more from everything known: a unit mistake


def _plausible(others: Others, e: Entry, options: Options) -> tuple[str, Msg] | None:
    """A conflict when the value is off by a factor of 1,000 or more from the KPI's baseline,
    target and latest value alike (typed in 円 for 億円, in 人 for 万人); None when plausible."""
    k = e.kpi
    if options.unusual or k is None or k.kind == "cumulative":
        return None
    value = abs(Decimal(e.row.value))
    known = [abs(k.target.value)]
    if k.baseline is not None:
        known.append(abs(k.baseline.value))
    latest = [row for row in others.get(e.row.kpi_id, ()) if row.year != e.row.year]
    if latest:
        known.append(abs(max(latest, key=lambda row: row.year).decimal))
    if split_key(e.row.kpi_id)[1]:
        return None  # a share is a part of the whole: its size is not comparable
    known = [v for v in known if v > 0]
    if not known or value == 0:
        return None
    if all(value >= v * UNIT_FACTOR for v in known) or all(value * UNIT_FACTOR <= v for v in known):
        return (
            "conflict",
            Msg(
                "{kpi} {year}: {value} is {factor} times the plan's figures for this KPI ({known}, in {unit}); "
                "was it typed in another unit? give it in {unit}, or add --unusual if it is right",
                kpi=e.row.kpi_id,
                year=era_and_western(e.row.year),
                value=human(Decimal(e.row.value)),
                factor=_factor(value, known),
                known=", ".join(human(v) for v in known),
                unit=k.unit,
            ),
        )
    return None


def _factor(value: Decimal, known: list[Decimal]) -> str:
    ratio = value / min(known) if value > max(known) else max(known) / value
    if value < min(known):
        return f"1/{human(ratio.quantize(Decimal(1)))}"
    return human(ratio.quantize(Decimal(1)))


# ---------------------------------------------------------------------- cumulative KPIs

RUNNING_TOTAL_HINT = (
    "add --running-total if they are totals so far (kpi stores each year's own count), "
    "or --yearly if they are each year's own counts"
)


Notices = list[tuple[tuple[str, int], Msg]]  # a line for a value, by its key and year


def settle_cumulative(ledger: LedgerRead, entries: Sequence[Entry], mode: str) -> tuple[list[Entry], Notices]:
    """Cumulative KPIs: refuse values that look like running totals (``mode`` ""), store running
    totals as yearly counts (``"running"``), or take the values as yearly counts (``"yearly"``). A
    value that says it is a running total (form ``total``: a 累計 column of an export) is one, whatever
    the mode.

    Returns the entries to write and a line for each value converted or assumed."""
    by_kpi: dict[str, list[Entry]] = {}
    some = False
    for e in entries:
        cumulative = (
            e.kpi is not None and e.kpi.kind == "cumulative" and not e.row.is_void and not split_half(e.row.kpi_id)[1]
        )  # (a half-year's value is its own count, never added up)
        some = some or cumulative
        if cumulative and _as_recorded(ledger, e):
            continue  # the value in force, given again (a sheet imported again): unchanged, nothing to settle
        if cumulative and (mode != "yearly" or e.row.form == "total"):
            by_kpi.setdefault(e.row.kpi_id, []).append(e)  # a share is settled on its own
    if not some:
        return list(entries), []
    stored, totals = ledger.values(), ledger.values("total")
    problems: list[Msg] = []
    notices: Notices = []
    replaced: dict[tuple[str, int], Entry] = {}
    for kpi_id, mine in by_kpi.items():
        kpi = mine[0].kpi
        assert kpi is not None
        before = stored.get(kpi_id, {})
        running = [e for e in mine if mode == "running" or e.row.form == "total"]
        yearly = [e for e in mine if e not in running]
        known = {**totals.get(kpi_id, {}), **{e.row.year: Decimal(e.row.value) for e in running}}
        if running:
            given = {e.row.year: Decimal(e.row.value) for e in running}
            kept = totals.get(kpi_id, {})
            again = [e for e in running if kept.get(e.row.year) == Decimal(e.row.value)]  # the same total again
            replaced.update({(kpi_id, e.row.year): e._replace(row=e.row._replace(form="total")) for e in again})
            running = [e for e in running if e not in again]
            replaced.update(
                _from_running_totals(
                    kpi, kpi_id, running, before, (given, known, totals.get(kpi_id, {})), problems, notices
                )
            )
        if yearly:
            given = {e.row.year: Decimal(e.row.value) for e in yearly}
            _check_yearly(kpi, kpi_id, yearly, {**before, **given}, problems, notices, known)
    settled = [replaced.get((e.row.kpi_id, e.row.year), e) for e in entries]
    touched = {
        e.row.kpi_id: e.kpi
        for e in settled
        if e.kpi is not None and e.kpi.kind == "cumulative" and not e.row.is_void and not split_half(e.row.kpi_id)[1]
    }
    for kpi_id, kpi in touched.items():
        problems += _totals_hold(kpi, kpi_id, stored.get(kpi_id, {}), totals.get(kpi_id, {}), settled)
    if len(problems) == 1:
        raise InputError(problems[0])
    if problems:
        raise InputError(
            Msg("{n} cumulative KPIs need a decision; nothing was written", n=len(problems)),
            details=limited(problems),
        )
    return settled, notices


def _as_recorded(ledger: LedgerRead, e: Entry) -> bool:
    """Whether an entry gives the value in force for its key and year, in the same form."""
    existing = ledger.newest(e.row.kpi_id, e.row.year)
    return (
        existing is not None
        and not existing.is_void
        and existing.form == e.row.form
        and existing.decimal == Decimal(e.row.value)
    )


def _totals_hold(
    kpi: Kpi | None, kpi_id: str, yearly: Mapping[int, Decimal], totals: Mapping[int, Decimal], new: list[Entry]
) -> list[Msg]:
    """A running total must not fall below what the years before it count, with the new values in."""
    from kpi_cli.core.trajectory import total_conflicts

    if kpi is None:
        return []
    years, given = dict(yearly), dict(totals)
    for e in new:
        if e.row.kpi_id == kpi_id and not e.row.is_void:
            (given if e.row.form == "total" else years)[e.row.year] = Decimal(e.row.value)
            (years if e.row.form == "total" else given).pop(e.row.year, None)
    return [
        Msg(
            "{kpi} {year}: the running total {total} is less than the years before it count ({counted}); "
            "check the figures (a running total cannot fall)",
            kpi=kpi_id,
            year=era_and_western(year),
            total=plain(total),
            counted=plain(counted),
        )
        for year, total, counted in total_conflicts(kpi, years, given)
    ]


def _check_yearly(
    kpi: Kpi,
    kpi_id: str,
    mine: list[Entry],
    combined: dict[int, Decimal],
    problems: list[Msg],
    notices: Notices,
    totals: Mapping[int, Decimal],
) -> None:
    """Values taken as each year's own count: refused when they look like running totals."""
    from kpi_cli.core.running_totals import looks_like_running_totals

    if looks_like_running_totals(kpi, combined):
        years = sorted(combined)
        problems.append(
            Msg(
                "{kpi} is cumulative (累計: each year's own count, added up by kpi), but its values {values} "
                "({first}–{last}) look like running totals; add --running-total if they are totals so far "
                "(kpi stores each year's own count), or --yearly if they are each year's own counts",
                kpi=kpi_id,
                values=", ".join(plain(combined[y]) for y in years),
                first=era(years[0]),
                last=era(years[-1]),
            )
        )
        return
    for e in mine:
        value = Decimal(e.row.value)
        target = kpi.target_for(e.row.year).value
        if value > target:
            problems.append(
                Msg(
                    "{kpi} {year}: {value} is more than the target of the whole period ({target}); a 累計 KPI "
                    "takes each year's own count: add --running-total if it is the total so far, or --yearly "
                    "if it is that year's count",
                    kpi=kpi_id,
                    year=era_and_western(e.row.year),
                    value=plain(value),
                    target=plain(target),
                )
            )
        else:
            notices.append(((kpi_id, e.row.year), _form_notice(kpi, kpi_id, e.row.year, combined, totals)))


def _from_running_totals(
    kpi: Kpi,
    kpi_id: str,
    mine: list[Entry],
    before: Mapping[int, Decimal],
    given_known: tuple[dict[int, Decimal], dict[int, Decimal], Mapping[int, Decimal]],
    problems: list[Msg],
    notices: Notices,
) -> dict[tuple[str, int], Entry]:
    """Running totals stored as each year's own count (the total minus the counts before it), or, while a
    year before it is unknown (a year never recorded is not a zero), kept as the running total it is.
    ``given_known``: the totals given, every total known (the ledger's with them), and the ledger's."""
    from kpi_cli.core.running_totals import yearly_counts
    from kpi_cli.core.trajectory import unknown_years

    given, known, kept = given_known
    replaced: dict[tuple[str, int], Entry] = {}
    counts = yearly_counts(kpi, before, given, kept)
    for e in mine:
        where = f"{kpi_id} {era_and_western(e.row.year)}"
        earlier = {y: v for y, v in {**before, **given}.items() if y < e.row.year}
        missing = unknown_years(kpi, earlier, e.row.year - 1, {y: v for y, v in known.items() if y < e.row.year})
        own = counts[e.row.year]
        if missing:
            replaced[(kpi_id, e.row.year)] = e._replace(row=e.row._replace(form="total"))
            notices.append(
                (
                    (kpi_id, e.row.year),
                    Msg(
                        "{where}: kept as the running total so far, {total} (the counts of {years} are not recorded, "
                        "so that year's own count is not known; the KPI is rated from this total)",
                        where=where,
                        total=plain(given[e.row.year]),
                        years=Joined(era(y) for y in missing),
                    ),
                )
            )
        elif isinstance(own, Msg):
            problems.append(Msg("{where}: {problem}; check the totals", where=where, problem=own))
        else:
            replaced[(kpi_id, e.row.year)] = e._replace(row=e.row._replace(value=plain(own), form=""))
            notices.append(
                (
                    (kpi_id, e.row.year),
                    Msg(
                        "{where}: running total {total} stored as that year's own count {own}",
                        where=where,
                        total=plain(given[e.row.year]),
                        own=plain(own),
                    ),
                )
            )
    return replaced


def _form_notice(kpi: Kpi, kpi_id: str, year: int, values: dict[int, Decimal], totals: Mapping[int, Decimal]) -> Msg:
    """Which form a 累計 KPI's value was taken in, and the total it makes (or the years still unknown)."""
    from kpi_cli.core.trajectory import actual_at, unknown_years

    missing = unknown_years(kpi, values, year, totals)
    where = f"{kpi_id} {era_and_western(year)}"
    if missing:
        return Msg(
            "{where}: taken as that year's own count (累計 KPIs are recorded year by year); the total so far is "
            "not known until {years} are recorded",
            where=where,
            years=Joined(era(y) for y in missing),
        )
    return Msg(
        "{where}: taken as that year's own count (累計 KPIs are recorded year by year); the "
        "total so far is {total}{unit}",
        where=where,
        total=human(actual_at(kpi, values, year, totals) or Decimal(0)),
        unit=kpi.unit,
    )
