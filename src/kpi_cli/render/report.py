"""The 推進状況 document in the format its file name asks for (.html, .pdf, .md or .xlsx)."""

from __future__ import annotations

from kpi_cli.reports.meeting import MeetingReport
from kpi_cli.reports.reviews import REVIEW_COLUMNS, review_record
from kpi_cli.reports.status import status_record


def report_bytes(report: MeetingReport, kind: str) -> bytes:
    r = report
    if kind == ".md":
        from kpi_cli.render.report_md import report_markdown

        return report_markdown(r).encode()
    if kind == ".xlsx":
        from kpi_cli.render.xlsx import Sheet, status_sheets, workbook_bytes

        caption = str(r.meta["as_of_rule"])
        sheets = status_sheets([status_record(r.plan, s) for s in r.statuses], caption)
        reviews = [review_record(x) for x in r.reviews.values()]
        sheets.insert(1, Sheet("評価", REVIEW_COLUMNS, reviews, notes=(caption,)))
        return workbook_bytes(sheets)
    from kpi_cli.render.report_html import report_html

    if kind == ".pdf":
        from kpi_cli.render.pdf import pdf_bytes

        return pdf_bytes(report_html(r))
    return report_html(r).encode("utf-8")
