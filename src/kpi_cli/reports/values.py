"""A KPI's value, in one place: from the whole-KPI value, or summed over a complete set of shares.

The ledger keeps a share under ``<kpi id>@<part>``: a 振興局's (``donan-tourists@oshima``) or, for a
KPI that counts a set of 市町村, a 市町村's (``yotei-nishiiburi-tourists@m:ニセコ町``, each as the
statistic prints it), so corrections, voids, history and verify work per share unchanged. For a KPI
and year the value recorded for the whole KPI wins; otherwise the sum of its shares counts once
every part is in (``Kpi.part_ids``). The sum is computed here, when read, and never stored.
A partial sum is never a value: it is reported as ``Pending`` (how many parts are in).
Every command and ``api`` get their values here (``kpi_values``), so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import NamedTuple

from kpi_cli.core.decimals import human
from kpi_cli.core.model import HALVES, Kpi, Plan, share_key, split_half, split_key
from kpi_cli.core.trajectory import Status
from kpi_cli.core.years import era_and_western
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.read import LedgerRead

Actuals = dict[str, dict[int, Decimal]]


class Pending(NamedTuple):
    """A year of a KPI with some but not all of its shares recorded."""

    year: int
    recorded: int
    total: int


class KpiValues(NamedTuple):
    actuals: Actuals  # per KPI id and year: the whole value, or the complete sum of shares
    shares: dict[str, dict[int, dict[str, Decimal]]]  # per KPI id, year and part (office id, or m:<市町村>)
    pending: dict[str, dict[int, Pending]]  # per KPI id and year: partial shares
    totals: Actuals  # a cumulative KPI's running totals given, per KPI id and year (summed like values)
    halves: dict[str, dict[int, dict[str, Decimal]]]  # half-year values per KPI id, year and half (H1, H2)
    provisional: dict[str, frozenset[int]]  # per KPI id: the years whose value is (or sums) a 速報
    # whole-KPI 速報 rows that gave way to a complete set of shares (the value is the shares' sum)
    superseded: frozenset[tuple[str, int]] = frozenset()


def kpi_values(plan: Plan, ledger: LedgerRead) -> KpiValues:
    """Each KPI's values per year as the ledger holds them, office shares summed; with the running
    totals given for cumulative KPIs and the half-year values (never rated), summed the same way."""
    raw = ledger.values()
    replaced = _superseded_estimates(plan, ledger, raw)
    for kpi_id, year in replaced:
        del raw[kpi_id][year]
    values = sum_shares(plan, raw)
    totals = sum_shares(plan, ledger.values("total")).actuals
    halves: dict[str, dict[int, dict[str, Decimal]]] = {}
    for half in HALVES:
        for kpi_id, years in sum_shares(plan, ledger.values(half=half)).actuals.items():
            for year, value in years.items():
                halves.setdefault(kpi_id, {}).setdefault(year, {})[half] = value
    early: dict[str, set[int]] = {}
    for (key, year), row in ledger.in_force.items():
        if row.status == "provisional" and not row.is_void and not split_half(key)[1] and (key, year) not in replaced:
            early.setdefault(split_key(key)[0], set()).add(year)
    provisional = {kpi_id: frozenset(years) for kpi_id, years in early.items()}
    return values._replace(totals=totals, halves=halves, provisional=provisional, superseded=frozenset(replaced))


def _superseded_estimates(
    plan: Plan, ledger: LedgerRead, raw: Mapping[str, Mapping[int, Decimal]]
) -> set[tuple[str, int]]:
    """The whole-KPI values that are a 速報 while every share of their year is in and none is one: the sum
    of those shares is the better figure (a 速報 is beaten by any other value, as in a ledger folder)."""
    out = set()
    for kpi in plan.kpis:
        if not kpi.part_ids or kpi.id not in raw:
            continue
        for year in raw[kpi.id]:
            whole = ledger.in_force.get((kpi.id, year))
            if whole is None or whole.status != "provisional":
                continue
            shares = [ledger.in_force.get((share_key(kpi.id, p), year)) for p in kpi.part_ids]
            if all(r is not None and not r.is_void and r.form == "" and r.status != "provisional" for r in shares):
                out.add((kpi.id, year))
    return out


def up_to(values: KpiValues, year: int | None) -> KpiValues:
    """The values as of a year (a report or site ``--year``): nothing of a later year; all when None."""
    if year is None:
        return values

    def cut(by_key: Mapping[str, Mapping[int, Decimal]]) -> dict[str, dict[int, Decimal]]:
        return {k: {y: v for y, v in years.items() if y <= year} for k, years in by_key.items()}

    return KpiValues(
        cut(values.actuals),
        {k: {y: v for y, v in ys.items() if y <= year} for k, ys in values.shares.items()},
        {k: {y: v for y, v in ys.items() if y <= year} for k, ys in values.pending.items()},
        cut(values.totals),
        {k: {y: v for y, v in ys.items() if y <= year} for k, ys in values.halves.items()},
        {k: frozenset(y for y in ys if y <= year) for k, ys in values.provisional.items()},
        frozenset(k for k in values.superseded if k[1] <= year),
    )


def sum_shares(plan: Plan, raw: Mapping[str, Mapping[int, Decimal]]) -> KpiValues:
    """Values per ledger key (a KPI, or a KPI's share ``kpi@office``, ``kpi@m:市町村``) as values per KPI."""
    by_id = {k.id: k for k in plan.kpis}
    actuals: Actuals = {}
    shares: dict[str, dict[int, dict[str, Decimal]]] = {}
    for key, by_year in raw.items():
        kpi_id, office_id = split_key(key)
        if office_id:
            for year, value in by_year.items():
                shares.setdefault(kpi_id, {}).setdefault(year, {})[office_id] = value
        else:
            actuals.setdefault(kpi_id, {}).update(by_year)
    pending: dict[str, dict[int, Pending]] = {}
    for kpi_id, years in shares.items():
        kpi = by_id.get(kpi_id)
        if kpi is None or not kpi.part_ids:
            continue
        parts = set(kpi.part_ids)
        for year, offices in years.items():
            if year in actuals.get(kpi_id, {}):
                continue  # the whole-KPI value wins
            counted = {o: v for o, v in offices.items() if o in parts}
            if len(counted) == len(parts):
                actuals.setdefault(kpi_id, {})[year] = sum(counted.values(), Decimal(0))
            else:
                pending.setdefault(kpi_id, {})[year] = Pending(year, len(counted), len(parts))
    return KpiValues(actuals, shares, pending, {}, {}, {})


def pending_for(values: KpiValues, kpi: Kpi, as_of: int, *, given: bool) -> Pending | None:
    """The partial year to show beside a KPI's status: the as-of year itself when it was
    given (and is partial), else the latest partial year after the as-of year."""
    mine = values.pending.get(kpi.id, {})
    if given:
        return mine.get(as_of)
    later = [y for y in mine if y > as_of or kpi.id not in values.actuals]
    return mine[max(later)] if later else None


def provisional_at(values: KpiValues, s: Status) -> bool:
    """Whether a KPI's actual at its as-of year is (or adds up) a 速報."""
    years = values.provisional.get(s.kpi.id, frozenset())
    if s.actual is None or not years:
        return False
    if s.kpi.kind == "cumulative" and s.kpi.period is not None:
        return any(s.kpi.period.start <= y <= s.as_of_year for y in years)
    return s.as_of_year in years


Halves = tuple[int, dict[str, Decimal]]  # a year and its half-year values (H1, H2)


def halves_for(values: KpiValues, kpi: Kpi, as_of: int, *, given: bool) -> Halves | None:
    """The half-year values to show beside a KPI's status (never rated): those of the as-of year when
    it was given, else of the latest year from the as-of year on (上期 comes out before the year's)."""
    mine = values.halves.get(kpi.id, {})
    if given:
        return (as_of, mine[as_of]) if as_of in mine else None
    later = [y for y in mine if y >= as_of or kpi.id not in values.actuals]
    return (max(later), mine[max(later)]) if later else None


def rounding_notes(plan: Plan, values: KpiValues) -> list[Msg]:
    """Whole-KPI values that differ from a complete sum of shares by more than the rounding of the figures."""
    by_id = {k.id: k for k in plan.kpis}
    notes: list[Msg] = []
    for kpi_id, years in sorted(values.shares.items()):
        kpi = by_id.get(kpi_id)
        if kpi is None or not kpi.part_ids:
            continue
        for year, offices in sorted(years.items()):
            whole = values.actuals.get(kpi_id, {}).get(year)
            if whole is None or not set(kpi.part_ids) <= set(offices):
                continue
            parts = [offices[o] for o in kpi.part_ids]
            total = sum(parts, Decimal(0))
            slack = max(_half_unit(v) for v in (whole, *parts))
            if abs(whole - total) > slack:
                shown = " + ".join(human(v) for v in parts)
                notes.append(
                    Msg(
                        "{kpi_id} {year}: the value for the whole KPI {whole} differs from the sum of its {n} shares "
                        "{total} ({shown}) by {difference}, more than the rounding of the figures (±{slack}); "
                        "the whole-KPI value is used",
                        kpi_id=kpi_id,
                        year=era_and_western(year),
                        whole=human(whole),
                        n=len(parts),
                        total=human(total),
                        shown=shown,
                        difference=human(abs(whole - total)),
                        slack=human(slack),
                    )
                )
    return notes


def _half_unit(value: Decimal) -> Decimal:
    exponent = value.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return Decimal(5) / Decimal(10) ** (places + 1)
