"""The 推進状況 document in the format its file name asks for (.html, .pdf, .md or .xlsx)."""

from __future__ import annotations

from typing import Any

from kpi_cli.core.model import Kpi
from kpi_cli.reports.listing import SOURCE_COLUMNS, kpi_record
from kpi_cli.reports.meeting import MeetingReport
from kpi_cli.reports.reviews import review_record
from kpi_cli.reports.status import change_fields, status_record

# The reviews as people read them (the codes stay in kpi review list --format csv)
REVIEW_SHEET = (
    "region",
    "project",
    "year",
    "assessment_label",
    "direction_label",
    "suggested_label",
    "stage",
    "meeting_date",
    "office",
    "actions",
    "results",
    "next",
)


# The source card of each KPI as people read it (the codes stay in kpi kpis --format csv)
SOURCE_SHEET = ("id", "name", *SOURCE_COLUMNS)


def _card_for_people(record: dict[str, Any], kpi: Kpi) -> dict[str, Any]:
    """A source card as the 出典 sheet shows it: the period basis and the fields inferred in Japanese."""
    from kpi_cli.core.periods import basis_label
    from kpi_cli.render.labels import label

    inferred = record.get("source_inferred") or []
    return record | {
        "source_basis": basis_label(kpi.source),
        "source_inferred": "、".join(label(f"source_{field}") for field in inferred),
    }


def report_bytes(report: MeetingReport, kind: str) -> bytes:
    r = report
    if kind == ".md":
        from kpi_cli.render.report_md import report_markdown

        return report_markdown(r).encode()
    if kind == ".xlsx":
        from kpi_cli.render.xlsx import Sheet, status_sheets, workbook_bytes

        caption = str(r.meta["as_of_rule"])
        records = [
            status_record(r.plan, s) | change_fields(r.changes.get(s.kpi.id))
            for section in r.sections
            for _project, group in section.projects
            for s in group
        ]
        sheets = status_sheets(records, caption)
        reviews = [review_record(x) for x in r.reviews.values()]
        sheets.insert(1, Sheet("評価", REVIEW_SHEET, reviews, notes=(caption,), people=True, keys=False))
        kpis = [s.kpi for s in r.statuses if not s.kpi.source.is_empty]
        if kpis:
            cards = [_card_for_people(kpi_record(r.plan, k), k) for k in kpis]
            sheets.append(
                Sheet("出典", SOURCE_SHEET, cards, notes=("（推定）: 推定した項目の列名",), people=True, keys=False)
            )
        return workbook_bytes(sheets)
    from kpi_cli.files import fs_text
    from kpi_cli.render.report_html import report_html

    html = fs_text(report_html(r))  # a plan in a cp932-named folder: its path as text
    if kind == ".pdf":
        from kpi_cli.render.pdf import pdf_bytes

        return pdf_bytes(html)
    return html.encode("utf-8")
