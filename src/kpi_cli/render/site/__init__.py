"""``kpi site``: a static site of the plan, the ledger and the reviews, as files in memory.

``build_site`` returns every file of the site (path → bytes); ``publish`` writes them. Pages:
``index.html`` (the 連携地域 with their rating counts), ``regions/<id>.html`` (printed: the
推進状況 summary) with ``regions/<id>.xlsx``, ``projects/<id>.html``, ``kpis/<id>.html`` (printed:
one A4 個票) with ``kpis/<id>.csv`` and ``.json``, ``reporting.html`` (who has reported what),
``data/<edition>-data.zip`` (everything), one style sheet ``site.css`` and the marker ``.kpi-site``.

No scripts, no fonts, styles or images from elsewhere; links are relative; the same inputs
give the same bytes.
"""

from __future__ import annotations

from kpi_cli.render.site.downloads import all_data_zip, kpi_csv, kpi_json, region_xlsx, w3c_stamp
from kpi_cli.render.site.kpis import kpi_page
from kpi_cli.render.site.layout import INDEX, MARKER, REPORTING, STYLE, kpi_path, project_path, region_path, zip_name
from kpi_cli.render.site.pages import index_page, project_page, region_page
from kpi_cli.render.site.reporting import reporting_page
from kpi_cli.render.site.style import CSS
from kpi_cli.reports.site import SiteData

MARKER_TEXT = (
    "kpi site 1\n"
    "This folder was made by `kpi site`; `kpi site -o` replaces it whole.\n"
    "このフォルダは kpi site が作成しました。kpi site -o で丸ごと置き換えられます。\n"
)


def build_site(data: SiteData, plan_bytes: bytes, plan_name: str = "plan.toml") -> dict[str, bytes]:
    """Every file of the site, by its path inside the site folder (sorted)."""
    plan = data.plan
    files: dict[str, bytes] = {
        MARKER: MARKER_TEXT.encode("utf-8"),
        STYLE: CSS.encode("utf-8"),
        INDEX: index_page(data),
        REPORTING: reporting_page(data),
        zip_name(data): all_data_zip(data, plan_bytes, plan_name),
    }
    stamp = w3c_stamp(data.updated)
    for region in plan.regions:
        files[region_path(region.id)] = region_page(data, region)
        files[region_path(region.id, "xlsx")] = region_xlsx(data, region, stamp)
    for project in plan.projects:
        files[project_path(project.id)] = project_page(data, project)
    for kpi in plan.kpis:
        files[kpi_path(kpi.id)] = kpi_page(data, kpi)
        files[kpi_path(kpi.id, "csv")] = kpi_csv(data, kpi)
        files[kpi_path(kpi.id, "json")] = kpi_json(data, kpi)
    return dict(sorted(files.items()))
