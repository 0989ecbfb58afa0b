"""Grouping statuses as every report shows them: by 連携地域, then by project, in plan order."""

from __future__ import annotations

from collections.abc import Sequence

from kpi_cli.core.model import Plan
from kpi_cli.core.trajectory import Status

Groups = dict[str, dict[str, list[Status]]]  # region id -> project id -> the statuses of its KPIs


def by_region(plan: Plan, statuses: Sequence[Status]) -> Groups:
    """Regions in plan order, each with its projects in the order their KPIs come."""
    found: Groups = {}
    for s in statuses:
        project = plan.project(s.kpi.project_id)
        found.setdefault(project.region_id, {}).setdefault(project.id, []).append(s)
    order = [r.id for r in plan.regions]
    return {rid: found[rid] for rid in sorted(found, key=order.index)}
