"""The plan as rows: regions, projects and KPIs for `kpi regions|projects|kpis`.

Each builder returns plain records (ASCII keys, raw values); the column lists
are the machine contract that scripts rely on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kpi_cli.core.model import SOURCE_FIELDS, Kpi, Plan, Project, Source

REGION_COLUMNS = ("id", "name", "core_city", "offices", "project_count", "projects_printed", "kpis_printed", "vision")
PROJECT_COLUMNS = ("id", "name", "region_id", "region", "offices", "participation", "policies", "kpi_count", "note")
KPI_BASE_COLUMNS = (
    "id",
    "name",
    "unit",
    "region",
    "project_id",
    "project",
    "offices",
    "kind",
    "direction",
    "target_op",
    "baseline_value",
    "baseline_year",
    "baseline_year_from",
    "baseline_label",
    "target_value",
    "target_year",
    "target_label",
    "period_start",
    "period_end",
    "period_label",
    "ownership",
    "note",
    "original_target_value",
    "original_target_year",
    "original_target_label",
    "revised_in",
    "revision_reason",
    "revised_on",
    "parts",
    "parts_ownership",
    "parts_note",
    "municipalities",
    "municipalities_ownership",
    "municipalities_note",
)
# The source card: one nested object in JSON and NDJSON, flattened to source_* columns in CSV,
# TSV and .xlsx (source_inferred ';'-joined). Adding it made the listing's schema_version 2.
SOURCE_KEYS = (*SOURCE_FIELDS, "inferred", "note")
SOURCE_COLUMNS = tuple(f"source_{key}" for key in SOURCE_KEYS)
KPI_COLUMNS = (*KPI_BASE_COLUMNS, *SOURCE_COLUMNS)
KPI_JSON_COLUMNS = (*KPI_BASE_COLUMNS, "source")
KPIS_SCHEMA_VERSION = 3  # 3: the 市町村 a KPI counts (municipalities, with their provenance)


def region_records(plan: Plan) -> list[dict[str, Any]]:
    out = []
    for r in plan.regions:
        projects = [p for p in plan.projects if p.region_id == r.id]
        out.append(
            {
                "id": r.id,
                "name": r.name,
                "core_city": r.core_city,
                "offices": [o.name for o in plan.offices if o.region_id == r.id],
                "project_count": r.project_count,
                "projects_printed": len(projects),
                "kpis_printed": sum(len(p.kpis) for p in projects),
                "vision": r.vision,
            }
        )
    return out


def project_records(plan: Plan, projects: Sequence[Project]) -> list[dict[str, Any]]:
    return [
        {
            "id": p.id,
            "name": p.name,
            "region_id": p.region_id,
            "region": plan.region(p.region_id).name,
            "offices": [plan.office(o).name for o in p.office_ids],
            "participation": p.participation,
            "policies": list(p.policies),
            "kpi_count": len(p.kpis),
            "note": p.note,
        }
        for p in projects
    ]


def kpi_record(plan: Plan, kpi: Kpi) -> dict[str, Any]:
    project = plan.project(kpi.project_id)
    b = kpi.baseline
    latest = kpi.revisions[-1] if kpi.revisions else None
    target = latest.target if latest else kpi.target
    return {
        "id": kpi.id,
        "name": kpi.name,
        "unit": kpi.unit,
        "region": plan.region(project.region_id).name,
        "project_id": project.id,
        "project": project.name,
        "offices": [plan.office(o).name for o in project.office_ids],
        "kind": kpi.kind,
        "direction": kpi.direction,
        "target_op": target.op,
        "baseline_value": b.value if b else None,
        "baseline_year": b.year if b else None,
        "baseline_year_from": b.year_from if b else None,
        "baseline_label": b.label if b else None,
        "target_value": target.value,
        "target_year": target.year,
        "target_label": target.label,
        "period_start": kpi.period.start if kpi.period else None,
        "period_end": kpi.period.end if kpi.period else None,
        "period_label": kpi.period.label if kpi.period else None,
        "ownership": kpi.ownership,
        "note": kpi.note,
        "original_target_value": kpi.target.value if latest else None,
        "original_target_year": kpi.target.year if latest else None,
        "original_target_label": kpi.target.label if latest else None,
        "revised_in": latest.from_year if latest else None,
        "revision_reason": latest.reason if latest else None,
        "revised_on": latest.revised_on if latest else None,
        "parts": list(kpi.parts),  # 振興局 ids whose shares add up to the KPI ([] when recorded whole)
        "parts_ownership": kpi.parts_ownership if kpi.parts else None,
        "parts_note": kpi.parts_note if kpi.parts else None,
        # 市町村 whose shares add up to the KPI ([] when it is not summed over a set of 市町村)
        "municipalities": list(kpi.municipalities),
        "municipalities_ownership": kpi.municipalities_ownership if kpi.municipalities else None,
        "municipalities_note": kpi.municipalities_note if kpi.municipalities else None,
        "source": source_record(kpi.source),
        **{f"source_{key}": value for key, value in (source_record(kpi.source) or {}).items()},
    }


def source_record(source: Source) -> dict[str, Any] | None:
    """A source card for machines (None when the KPI has none): every field, "" when not known;
    ``inferred`` lists the fields not printed in a source."""
    if source.is_empty:
        return None
    return {key: list(source.inferred) if key == "inferred" else getattr(source, key) for key in SOURCE_KEYS}


def kpi_records(plan: Plan, kpis: Sequence[Kpi]) -> list[dict[str, Any]]:
    return [kpi_record(plan, k) for k in kpis]


OFFICE_COLUMNS = ("id", "name", "region_id", "region", "leads", "kpis", "shares")


def office_records(plan: Plan) -> list[dict[str, Any]]:
    """The 14 振興局: their 連携地域, the projects each leads, and what each supplies every year: the
    KPIs of those projects not summed over offices, and its own share of each KPI that is."""
    from kpi_cli.core.model import lead_office, owners

    out = []
    for o in plan.offices:
        leads = [p.id for p in plan.projects if lead_office(plan, p) == o.id]
        mine = [k for k in plan.kpis if o.id in owners(plan, k)]
        out.append(
            {
                "id": o.id,
                "name": o.name,
                "region_id": o.region_id,
                "region": plan.region(o.region_id).name,
                "leads": leads,
                "kpis": [k.id for k in mine if not k.parts],
                "shares": [k.id for k in mine if k.parts],
            }
        )
    return out
