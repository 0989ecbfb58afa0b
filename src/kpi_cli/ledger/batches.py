"""Imports as units: the rows one import wrote (its batch), and taking them all back at once."""

from __future__ import annotations

from pathlib import Path

from kpi_cli.core.model import Plan, split_key
from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.entries import Entry, check_text
from kpi_cli.ledger.format import REVIEW_PREFIX, NewRow
from kpi_cli.ledger.read import read


def batch_voids(
    path: Path, plan: Plan, batch_id: str, *, reason: str, recorded_by: str, recorded_at: str
) -> list[Entry]:
    """A void for every value an import wrote that is still in force (one tombstone per value)."""
    wanted = batch_id.strip().lower()
    whole = read(path, keep=frozenset())
    rows = [r for r in whole.kept if r.batch.split(":", 1)[0] == wanted]
    if not rows:
        raise InputError(
            Msg(
                "no import {batch} in {ledger}; kpi history --format csv shows each row's batch",
                batch=batch_id,
                ledger=path,
            )
        )
    by_id = {k.id: k for k in plan.kpis}
    out = []
    for row in rows:
        current = whole.in_force.get((row.kpi_id, row.year))
        if current is None or current.hash != row.hash or row.kpi_id.startswith(REVIEW_PREFIX):
            continue  # corrected or voided since: that later row stays
        void = NewRow(
            recorded_at, check_text(recorded_by, Msg("the recorder's name")), row.kpi_id, row.year, "", reason.strip()
        )
        out.append(Entry(kpi=by_id.get(split_key(row.kpi_id)[0]), row=void))
    if not out:
        raise InputError(
            Msg("every value of import {batch} was already corrected or voided; nothing to take back", batch=batch_id)
        )
    return out
