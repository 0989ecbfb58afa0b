"""The reporting status: per 振興局, which KPIs have a value for which year."""

from __future__ import annotations

from kpi_cli.core import years as eras
from kpi_cli.render.site.layout import INDEX, REPORTING, a, esc, kpi_path, page, region_path, table
from kpi_cli.reports.site import OfficeReport, SiteData

MARKS = {
    "value": ("●", "記録あり"),
    "share": ("◐", "自局分は記録あり、合計は他の振興局待ち"),
    "": ("", "未記録"),
}


def reporting_page(data: SiteData) -> bytes:
    here = REPORTING
    years = data.years
    body = [
        "<h1>報告状況</h1>",
        '<p class="lead">振興局ごとに、参加するKPIの実績が年度ごとに記録されているかを示します'
        "（複数の振興局の合計で出すKPIは、各振興局の分）。</p>",
        f'<p class="note">● {MARKS["value"][1]} · ◐ {MARKS["share"][1]} · 空欄 {MARKS[""][1]}</p>',
        "<h2>振興局ごとの記録数</h2>",
        _summary(data),
    ]
    for r in data.reporting:
        if not r.kpis:
            continue
        region = data.plan.region(r.office.region_id)
        body.append(
            f'<h2 id="o-{esc(r.office.id)}">{esc(r.office.name)}'
            f'<span class="year">{a(here, region_path(region.id), region.name + "連携地域")}</span></h2>'
        )
        body.append(_office_table(here, r, years))
    title = "報告状況" + (f"（{eras.era(data.as_of)}時点）" if data.as_of is not None else "")
    return page(data, here, title=title, crumbs=[("トップ", INDEX)], body="\n".join(body), kind="reporting")


def _summary(data: SiteData) -> str:
    head = ["振興局", *(f'{esc(eras.era(y))}<span class="year">{y}</span>' for y in data.years)]
    rows = []
    for r in data.reporting:
        total = len(r.kpis)
        cells = "".join(
            f"<td class=num>{sum(1 for k in r.kpis if r.cells[(k.id, y)])}/{total}</td>" for y in data.years
        )
        name = f'<a href="#o-{esc(r.office.id)}">{esc(r.office.name)}</a>' if total else esc(r.office.name)
        rows.append(f'<tr><th scope="row">{name}</th>{cells}</tr>')
    numeric = frozenset(range(1, len(data.years) + 1))
    return table("記録のあるKPIの数 / 参加するKPIの数", head, rows, numeric=numeric, kind="counts")


def _office_table(here: str, r: OfficeReport, years: tuple[int, ...]) -> str:
    head = ["KPI", *(esc(eras.era(y)) for y in years)]
    rows = []
    for k in r.kpis:
        cells = []
        for y in years:
            mark, words = MARKS[r.cells[(k.id, y)]]
            cells.append(f'<td class="mark">{mark}<span class="sr">{esc(eras.era(y))} {words}</span></td>')
        rows.append(f'<tr><th scope="row">{a(here, kpi_path(k.id), k.name)}</th>{"".join(cells)}</tr>')
    return table(f"{r.office.name}の報告状況", head, rows, kind="marks")
