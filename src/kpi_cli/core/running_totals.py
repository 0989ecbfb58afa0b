"""Cumulative (累計) KPIs entered as running totals: how to tell, and the yearly counts behind them.

A cumulative KPI's ledger values are each year's own count; ``kpi status`` adds them up.
Offices often report the total so far instead (40, 95, 155, 205), which would be summed
again. Values that never fall, grow like a sum (the last at least ``GROWTH`` times the
first) and add up to well past what the plan expects by then (``EXCESS`` times) are taken
to be running totals. Pure: no files, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from itertools import pairwise

from kpi_cli.core.model import Kpi
from kpi_cli.core.trajectory import expected_at
from kpi_cli.i18n.msg import Msg

GROWTH = Decimal("1.8")
EXCESS = Decimal("1.3")


def looks_like_running_totals(kpi: Kpi, yearly: Mapping[int, Decimal]) -> bool:
    if kpi.kind != "cumulative" or kpi.period is None:
        return False
    years = sorted(y for y in yearly if y >= kpi.period.start)
    values = [yearly[y] for y in years]
    if len(values) < 2 or values[0] <= 0:
        return False
    if any(later < earlier for earlier, later in pairwise(values)):
        return False
    if values[-1] < values[0] * GROWTH:
        return False
    expected = expected_at(kpi, kpi.target_for(years[-1]), years[-1])
    return expected is not None and expected > 0 and sum(values, Decimal(0)) > expected * EXCESS


def yearly_counts(
    kpi: Kpi,
    stored: Mapping[int, Decimal],
    totals: Mapping[int, Decimal],
    anchors: Mapping[int, Decimal] | None = None,
) -> dict[int, Decimal | Msg]:
    """Each given running total as that year's own count (the total minus what the years before it
    count: the last running total kept as one, ``anchors``, and the counts after it, stored or given);
    a message says why a total cannot be one (it fell)."""
    start = kpi.period.start if kpi.period is not None else min(totals)
    kept = {y: v for y, v in (anchors or {}).items() if y not in totals}
    counts: dict[int, Decimal] = {y: v for y, v in stored.items() if start <= y and y not in totals and y not in kept}
    out: dict[int, Decimal | Msg] = {}
    for year in sorted(totals):
        last = max((y for y in kept if y < year), default=None)
        base = kept[last] if last is not None else Decimal(0)
        after = last if last is not None else start - 1
        before = base + sum((v for y, v in counts.items() if after < y < year), Decimal(0))
        own = totals[year] - before
        if own < 0:
            out[year] = Msg(
                "the running total {total} is below the {before} counted before that year",
                total=totals[year],
                before=before,
            )
            continue
        counts[year] = own
        out[year] = own
    return out
