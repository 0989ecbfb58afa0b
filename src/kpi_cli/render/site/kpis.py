"""A KPI's page: the headline (latest value, rating, progress against the target), the table of
years with the 振興局 shares, the chart, the notes and sources of each value, the project's
latest review and the downloads. Printed, it is one A4 個票."""

from __future__ import annotations

from kpi_cli.core import years as eras
from kpi_cli.core.decimals import human, percent, places_of, signed
from kpi_cli.core.model import HALF_NAMES, Kpi
from kpi_cli.render.labels import VALUE_LABELS
from kpi_cli.render.site.layout import (
    INDEX,
    a,
    amount,
    esc,
    kpi_path,
    link,
    page,
    progress_bar,
    project_path,
    rating,
    region_path,
    table,
)
from kpi_cli.render.svg import chart_svg
from kpi_cli.reports.site import KpiEntry, SiteData, ValueRow

KINDS = VALUE_LABELS["kind"]


def kpi_page(data: SiteData, kpi: Kpi) -> bytes:
    e = data.kpis[kpi.id]
    plan = data.plan
    project = plan.project(kpi.project_id)
    region = plan.region(project.region_id)
    here = kpi_path(kpi.id)
    offices = "、".join(plan.office(o).name for o in (kpi.parts or project.office_ids))
    body = [
        f"<h1>{esc(kpi.name)}</h1>",
        f'<p class="lead">{a(here, project_path(project.id), project.name)}（{esc(region.name)}）'
        f" · 振興局: {esc(offices)} · 単位: {esc(kpi.unit)} · {esc(KINDS.get(kpi.kind, kpi.kind))}</p>",
        _headline(e),
        _plan_notes(e),
        "<h2>年度別の実績</h2>",
        _years(data, e),
        _sources(e),
        _chart(e),
        _review(data, here, kpi),
        _downloads(here, kpi),
        f'<p class="meta">この KPI の最終記録: {esc(e.updated[:10]) if e.updated else "記録なし"}</p>',
    ]
    crumbs = [("トップ", INDEX), (region.name, region_path(region.id)), (project.name, project_path(project.id))]
    return page(data, here, title=kpi.name, crumbs=crumbs, body="\n".join(x for x in body if x), kind="kpi")


def _headline(e: KpiEntry) -> str:
    s = e.status
    unit = s.kpi.unit
    if s.actual is not None:
        said = "（速報）" if e.provisional else ""
        latest = f"{amount(s.actual, unit)}{said}<small>{esc(eras.era_and_western(s.as_of_year))}</small>"
    elif e.older is not None:
        latest = (
            f"（{amount(e.older[1], unit)}）<small>{esc(eras.era_and_western(e.older[0]))}時点; "
            f"{esc(eras.era_and_western(s.as_of_year))}は未記録</small>"
        )
    else:
        latest = f"未記録<small>{esc(eras.era_and_western(s.as_of_year))}時点</small>"
    if e.pending is not None:
        p = e.pending
        waiting = f"{s.kpi.parts_word}の内訳 {p.recorded}/{p.total} のみ記録（合計待ち）"
        latest += f"<small>{esc(eras.era(p.year))}: {waiting}</small>"
    op = "以上" if s.target.op == ">=" else ""
    target = f"{amount(s.target.value, unit)}{op}<small>{esc(eras.era_and_western(s.target.year))}</small>"
    progress = "―" if s.progress is None else esc(percent(s.progress))
    places = places_of(s.kpi.baseline.value if s.kpi.baseline else None, s.target.value, s.actual)
    gap = f"<small>期待値との差 {esc(signed(s.gap, places=places))}{esc(unit)}</small>" if s.gap is not None else ""
    expected = ""
    if s.expected is not None:
        expected = f"<small>期待値 {esc(human(s.expected, places=places))}{esc(unit)}</small>{gap}"
    cards = [
        ("最新の実績", latest),
        ("評価", f"{rating(s.rating)}<small>{esc(eras.era_and_western(s.as_of_year))}時点</small>"),
        ("目標に対する進捗率", f"{progress}{progress_bar(s.progress)}{expected}"),
        ("目標値", target),
    ]
    items = "".join(f"<div><dt>{t}</dt><dd>{v}</dd></div>" for t, v in cards)
    return f'<dl class="headline">{items}</dl>'


def _plan_notes(e: KpiEntry) -> str:
    k = e.status.kpi
    notes = []
    b = k.baseline
    if b is not None:
        notes.append(f"基準値: {human(b.value)}{k.unit}（{b.label or eras.era(b.year)}）")
    if e.status.revision is not None:
        r = e.status.revision
        notes.append(
            f"目標値は{eras.era(r.from_year)}から改定（当初 {human(k.target.value)}{k.unit}）"
            + (f": {r.reason}" if r.reason else "")
        )
    if k.ownership == "inferred":
        notes.append("所属は紙面配置からの推定")
    notes += [x for x in (k.note, k.parts_note if k.parts else "") if x]
    return f'<ul class="plain note">{"".join(f"<li>{esc(n)}</li>" for n in notes)}</ul>' if notes else ""


def _years(data: SiteData, e: KpiEntry) -> str:
    """One row per year with a value: the value (a running total marked 累計, half-years under it), the
    planned line, each 振興局's share, when recorded; a KPI over 市町村 lists their shares below."""
    k = e.status.kpi
    offices = [data.plan.office(o) for o in k.parts]
    by_year: dict[int, list[ValueRow]] = {}
    for r in e.rows:
        by_year.setdefault(r.year, []).append(r)
    places = places_of(k.baseline.value if k.baseline else None, e.status.target.value)

    def planned(row: ValueRow | None) -> str:  # (the line's value to the decimals of the plan's own figures)
        return "―" if row is None or row.planned is None else esc(human(row.planned, places=places))

    head = ["年度", "実績", "計画", *(f"{esc(o.name)}分" for o in offices), "記録日"]
    rows = []
    towns: list[str] = []
    for year, found in by_year.items():
        own = next((r for r in found if r.office is None and not r.half), None)
        shares = {r.office.id: r for r in found if r.office is not None}
        value = "―" if own is None else amount(own.value, "") if own.value is not None else "合計待ち"
        if own is not None and own.summed:
            value += f'<span class="year">{esc(k.parts_word)}分の合計</span>'
        if own is not None and own.form == "total":
            value += '<span class="year">累計</span>'
        if own is not None and own.status == "provisional":
            value += EARLY
        for r in found:
            if r.half:
                value += f'<span class="year">{HALF_NAMES[r.half]} {amount(r.value, "")}{_early(r)}</span>'
        cells = "".join(f"<td class=num>{_share_cell(shares[o.id]) if o.id in shares else '―'}</td>" for o in offices)
        mine = [
            f"{esc(r.office.name)} {amount(r.value, '')}{_early(r)}"
            for r in found
            if r.office and r.office.id not in k.parts
        ]
        if mine:
            towns.append(f"<li>{esc(eras.era(year))}: {'、'.join(mine)}</li>")
        when = own.recorded_at if own is not None else max((r.recorded_at for r in found), default="")
        rows.append(
            f'<tr><th scope="row">{esc(eras.era(year))}<span class="year">{year}</span></th>'
            f"<td class=num>{value}</td><td class=num>{planned(own)}</td>{cells}"
            f'<td class="date">{esc(when[:10]) if when else "―"}</td></tr>'
        )
    if not rows:
        return '<p class="note">実績はまだ記録されていません。</p>'
    numeric = frozenset(range(1, 3 + len(offices)))
    caption = f"年度別の実績（単位: {k.unit}、計画は基準値から目標値への直線）"
    listed = f"<h3>{esc(k.parts_word)}別の内訳（{esc(k.unit)}）</h3><ul>{''.join(towns)}</ul>" if towns else ""
    return table(caption, head, rows, numeric=numeric, kind="years") + listed


EARLY = '<span class="year">速報</span>'


def _early(r: ValueRow) -> str:
    return "（速報）" if r.status == "provisional" else ""


def _share_cell(r: ValueRow) -> str:
    return amount(r.value, "") + (EARLY if r.status == "provisional" else "")


def _sources(e: KpiEntry) -> str:
    """The note and source of each value, as recorded with it."""
    lines = []
    for r in e.rows:
        said = "; ".join(x for x in (f"出典: {r.source}" if r.source else "", r.note) if x)
        if said:
            who = f"（{r.office.name}分）" if r.office is not None else ""
            lines.append(f"<li>{esc(eras.era(r.year))}{esc(who)}: {esc(said)}</li>")
    return f'<h3>実績の備考と出典</h3><ul class="sources">{"".join(lines)}</ul>' if lines else ""


def _chart(e: KpiEntry) -> str:
    k = e.status.kpi
    svg = chart_svg(e.series, title=f"{k.name}の推移")
    return (
        f'<figure class="chart">{svg}<figcaption>{esc(k.name)}の推移 — 破線: 計画（基準値→目標値の直線）、'
        "○: 期待値、●: 実績、◆: 目標</figcaption></figure>"
    )


def _review(data: SiteData, here: str, kpi: Kpi) -> str:
    line = data.reviews.get(kpi.project_id)
    if line is None:
        return '<p class="note">プロジェクトの評価: 未記入</p>'
    r = line.review
    stage = "（案）" if r.stage == "draft" else ""
    hint = f"（KPIからの目安: {esc(line.suggested.label)}）" if line.suggested else ""
    return (
        f'<section class="review" aria-label="プロジェクトの評価"><p><strong>{esc(eras.era(r.year))}'
        f"プロジェクト評価{stage}:</strong> {esc(line.assessment)} · 今後の方向性: {esc(line.direction)}{hint}</p>"
        f'<p class="screen-only">{a(here, project_path(kpi.project_id), "評価の本文はプロジェクトのページへ")}</p>'
        "</section>"
    )


def _downloads(here: str, kpi: Kpi) -> str:
    csv_link = link(here, kpi_path(kpi.id, "csv"))
    json_link = link(here, kpi_path(kpi.id, "json"))
    return (
        '<section class="downloads" aria-labelledby="dl"><h2 id="dl">ダウンロード</h2><ul class="downloads">'
        f'<li><a href="{csv_link}" download>年度別の実績（CSV、Excel で開けます）</a></li>'
        f'<li><a href="{json_link}" download>年度別の実績と計画（JSON）</a></li></ul></section>'
    )
