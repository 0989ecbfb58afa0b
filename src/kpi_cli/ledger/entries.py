"""Turning what people type (or a spreadsheet holds) into entries to record, with every check
that needs only the plan: the KPI, the share, the year, the value and its unit, the texts.

Pure: the caller supplies the plan, the text and the current time; nothing here reads or
writes files. Checks that need the ledger (already recorded, voided, plausible next to the
values before it) are made by ``record`` under the ledger's lock.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from kpi_cli.core.decimals import parse_value, plain
from kpi_cli.core.model import Kpi, Plan, half_key, plan_span, share_key
from kpi_cli.core.periods import is_fiscal, period_label, year_of_input
from kpi_cli.core.years import era, era_and_western
from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.format import MAX_TEXT, NewRow
from kpi_cli.plan.selection import resolve_kpi, share_of


class Entry(NamedTuple):
    """One thing to record: a value (or a void, value "") of a KPI or share, or a review row."""

    kpi: Kpi | None  # None for a review row
    row: NewRow
    guessed: bool = False  # the KPI was found by a name fragment, not its id
    where: str = ""  # the place in an input file ("十勝.xlsx:R1!5", "values.csv:3"); "" when typed
    counted_on: str = ""  # a point-in-time KPI given by the day of its count (2020-04-01): that day


# Units of whole things: a value in them is a count (no fraction), e.g. 件, 人, 人／年, 社.
WHOLE_UNITS = frozenset(
    {"人", "件", "社", "か所", "箇所", "事業", "品目", "団体", "店", "日", "戸", "校", "回", "名", "組", "軒", "施設"}
)


def counts_whole(kpi: Kpi) -> bool:
    """Whether the KPI counts whole things (its values take no fraction)."""
    unit = unicodedata.normalize("NFKC", kpi.unit).replace(" ", "").split("/")[0]
    return unit in WHOLE_UNITS


def check_text(text: str, what: Msg, *, limit: int = MAX_TEXT) -> str:
    """One-line text for a note, a source or a name: no line breaks, no control characters, not
    longer than the ledger reads back, and text (not bytes a terminal or file system mangled)."""
    if text.isprintable() and len(text) <= limit:  # (no control, format or surrogate character: the usual text)
        return text
    if "\n" in text or "\r" in text:
        raise InputError(Msg("{what} contains a line break; keep it on one line (one row = one line)", what=what))
    if any("\udc80" <= c <= "\udcff" for c in text):
        raise InputError(
            Msg("{what} contains bytes that are not text in any encoding kpi reads; type it again", what=what)
        )
    bad = next((c for c in text if unicodedata.category(c) in ("Cc", "Cf") and c not in "\t\u200d"), None)
    if bad is not None:
        raise InputError(
            Msg(
                "{what} contains the control character U+{code}; remove it (copy the text again as plain text)",
                what=what,
                code=f"{ord(bad):04X}",
            )
        )
    if len(text) > limit:
        raise InputError(
            Msg(
                "{what} has {n} characters, more than the {limit} a ledger row keeps; shorten it "
                "(put long texts in a file and give its name or address)",
                what=what,
                n=len(text),
                limit=limit,
            )
        )
    return text


class Inputs:
    """What every entry is checked against, computed once (an import of 100,000 rows against a
    plan of thousands of KPIs looks each KPI up by id, not by a walk through the plan)."""

    def __init__(self, plan: Plan, *, current_fy: int, outside_plan: bool = False) -> None:
        self.plan = plan
        self.current_fy = current_fy
        self.outside_plan = outside_plan
        self.span = plan_span(plan)
        self.by_id = {k.id: k for k in plan.kpis}
        self._by_name: dict[str, list[Kpi]] | None = None

    def check_year(self, year: int) -> None:
        """A year for a value: inside the plan's span (unless ``outside_plan``) and already begun."""
        low, high = self.span
        if not self.outside_plan and not low <= year <= high:
            raise InputError(
                Msg(
                    "{year} is outside the plan's years ({low}–{high}); check the year and its era, "
                    "or add --outside-plan if it is meant",
                    year=era_and_western(year),
                    low=era_and_western(low),
                    high=era_and_western(high),
                )
            )
        if year > self.current_fy:
            raise InputError(
                Msg(
                    "FY{year} ({era}) has not started yet (the current fiscal year is {current}); "
                    "check the year (and its era)",
                    year=year,
                    era=era(year),
                    current=era_and_western(self.current_fy),
                )
            )

    def kpi(self, term: str, regions: Sequence[str] = ()) -> tuple[Kpi, bool]:
        """The KPI a term names and whether it was found by a name fragment."""
        found = self.by_id.get(term.strip())
        if found is not None:
            return found, False
        match = resolve_kpi(self.plan, term, regions)
        return match.kpi, not match.exact

    def kpi_named(self, name: str) -> Kpi:
        """The KPI whose name is exactly ``name`` (a KPI名 column), when no other KPI has that name."""
        from kpi_cli.plan.selection import name_key

        if self._by_name is None:
            self._by_name = {}
            for k in self.plan.kpis:
                self._by_name.setdefault(name_key(k.name), []).append(k)
        found = self._by_name.get(name_key(name), [])
        if len(found) == 1:
            return found[0]
        if not found:
            raise InputError(Msg("no KPI is named {name!r}; give its id in a kpi_id column (see: kpi kpis)", name=name))
        listing = ", ".join(k.id for k in found[:10]) + (", …" if len(found) > 10 else "")
        raise InputError(
            Msg(
                "{n} KPIs are named {name!r} ({listing}); give the KPI's id in a kpi_id column instead",
                n=len(found),
                name=name,
                listing=listing,
            )
        )

    def entry(
        self,
        *,
        kpi: str,
        year: str,
        value: str,
        note: str = "",
        source: str = "",
        recorded_by: str,
        recorded_at: str,
        office: str = "",
        regions: Sequence[str] = (),
        where: str = "",
        status: str = "",
        half: str = "",
        origin: str = "",
        returned_by: str = "",
        form: str = "",
    ) -> Entry:
        """A value as typed: the KPI (id or name fragment), its share, the year, the value in its unit;
        whether it is a 速報 or a 確定 (``status``), a half-year's (``half``), and where it came from."""
        k, guessed = self.kpi(kpi, regions)
        key = share_key(k.id, share_of(self.plan, k, office)) if office else k.id
        fy, day = year_of_input(k, year)  # a day only for a point-in-time KPI (2020-04-01 → FY2019)
        half = half_of(half)
        if half:
            if k.source.basis == "point" or day is not None:
                raise InputError(
                    Msg(
                        "{kpi} is a count at a day ({as_of}), which has no half-year; drop --half",
                        kpi=k.id,
                        as_of=k.source.as_of or "時点",
                    )
                )
            if form_of(form, k):
                raise InputError(
                    Msg("{kpi}: a half-year's value is never a running total; give the half-year's own count", kpi=k.id)
                )
            key = half_key(key, half)
        self.check_year(fy)
        if k.kind == "cumulative" and k.period is not None and fy > k.period.end and not self.outside_plan:
            raise InputError(
                Msg(
                    "{kpi} counts {start}～{end} (累計); {year} is after its period and is not counted; check the "
                    "year (or add --outside-plan to keep it anyway)",
                    kpi=k.id,
                    start=era(k.period.start),
                    end=era(k.period.end),
                    year=era_and_western(fy),
                )
            )
        number = parse_value(value, k.unit)
        if number < 0 and not k.may_be_negative:
            raise InputError(
                Msg(
                    "value {value} is negative, but {kpi} counts {unit}, which cannot be below zero; check the sign",
                    value=plain(number),
                    kpi=k.id,
                    unit=k.unit,
                )
            )
        if counts_whole(k) and number != number.to_integral_value():
            raise InputError(
                Msg(
                    "value {value} has a fraction, but {kpi} counts whole {unit}; give a whole number",
                    value=plain(number),
                    kpi=k.id,
                    unit=k.unit,
                )
            )
        row = NewRow(
            recorded_at=recorded_at,
            recorded_by=check_text(recorded_by, Msg("the recorder's name")),
            kpi_id=key,
            year=fy,
            value=plain(number),
            note=check_text(note, Msg("the note")),
            source=check_text(source, Msg("the source")),
            status=status_of(status),
            form=form_of(form, k),
            origin=check_text(origin, Msg("the place in the file")),
            returned_by=check_text(returned_by, Msg("the office that returned the sheet")),
        )
        return Entry(kpi=k, row=row, guessed=guessed, where=where, counted_on=day.isoformat() if day else "")

    def void(
        self,
        *,
        kpi: str,
        year: str,
        reason: str,
        recorded_by: str,
        recorded_at: str,
        office: str = "",
        half: str = "",
    ) -> Entry:
        """A tombstone for the value in force for a KPI (or share, or half-year) and year."""
        if not reason.strip():
            raise InputError(Msg("--reason is empty; say why the value is taken back"))
        k, guessed = self.kpi(kpi)
        key = share_key(k.id, share_of(self.plan, k, office)) if office else k.id
        if half_of(half):
            key = half_key(key, half_of(half))
        fy, _day = year_of_input(k, year)
        if fy > self.current_fy:
            raise InputError(
                Msg("FY{year} ({era}) has not started yet; check the year (and its era)", year=fy, era=era(fy))
            )
        row = NewRow(
            recorded_at,
            check_text(recorded_by, Msg("the recorder's name")),
            key,
            fy,
            "",
            check_text(reason.strip(), Msg("the reason")),
        )
        return Entry(kpi=k, row=row, guessed=guessed)


# What people write for 速報 and 確定, and for the halves of a fiscal year (folded by NFKC, lower case).
STATUS_WORDS = {
    "速報": "provisional",
    "速報値": "provisional",
    "provisional": "provisional",
    "確定": "final",
    "確定値": "final",
    "final": "final",
}
HALF_WORDS = {
    "h1": "H1",
    "上期": "H1",
    "上半期": "H1",
    "4-9月": "H1",
    "h2": "H2",
    "下期": "H2",
    "下半期": "H2",
    "10-3月": "H2",
}


def status_of(text: str) -> str:
    """``provisional`` (速報), ``final`` (確定) or "" (not said) from what a person wrote."""
    word = unicodedata.normalize("NFKC", text).strip().lower()
    if not word:
        return ""
    found = STATUS_WORDS.get(word)
    if found is None:
        raise InputError(
            Msg(
                "{text!r} is neither 速報 nor 確定; write 速報 (provisional) or 確定 (final), or leave it blank",
                text=text,
            )
        )
    return found


def form_of(text: str, kpi: Kpi) -> str:
    """``total`` for a 累計 KPI's running total (as a 累計 column says it), "" for a year's own count."""
    word = unicodedata.normalize("NFKC", text).strip().lower()
    if word in ("", "year", "単年", "年度値"):
        return ""
    if word not in ("total", "累計", "累計値"):
        raise InputError(
            Msg("{text!r} is not a form of a value; write 累計 (a running total) or leave it blank", text=text)
        )
    if kpi.kind != "cumulative":
        raise InputError(
            Msg("{kpi} is not a 累計 KPI, so a value of it cannot be a running total; leave the form blank", kpi=kpi.id)
        )
    return "total"


def half_of(text: str) -> str:
    """``H1`` (上期), ``H2`` (下期) or "" (the whole year) from what a person wrote."""
    word = unicodedata.normalize("NFKC", text).strip().lower().replace("〜", "-").replace("~", "-")
    if not word:
        return ""
    found = HALF_WORDS.get(word)
    if found is None:
        raise InputError(
            Msg("{text!r} is not a half of a fiscal year; write 上期 (H1, April-September) or 下期 (H2)", text=text)
        )
    return found


def period_said(entry: Entry) -> Msg | None:
    """Which period the fiscal-year column holds, for a KPI that does not count fiscal years: a day
    given for a point-in-time KPI and the year it went to, or what the year's value counts."""
    k = entry.kpi
    if k is None:
        return None
    year = era_and_western(entry.row.year)
    if entry.counted_on:
        return Msg(
            "{kpi}: the count of {date} ({as_of}) is kept in {year}, the fiscal year it falls in",
            kpi=k.id,
            date=entry.counted_on,
            as_of=k.source.as_of,
            year=year,
        )
    if is_fiscal(k):
        return None
    return Msg("{kpi}: {year} holds the value of {label}", kpi=k.id, year=year, label=period_label(k, entry.row.year))


SHOWN_PROBLEMS = 20


def limited(problems: list[Msg]) -> list[Msg]:
    """The first problems, then a count of the rest."""
    if len(problems) <= SHOWN_PROBLEMS:
        return problems
    return [*problems[:SHOWN_PROBLEMS], Msg("… and {n} more", n=len(problems) - SHOWN_PROBLEMS)]


def decimal_of(entry: Entry) -> Decimal:
    return Decimal(entry.row.value)
