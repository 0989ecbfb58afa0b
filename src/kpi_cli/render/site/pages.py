"""The index (the 6 連携地域 with their rating counts), a page per 連携地域 (printed: its 推進状況
summary) and a page per project (its KPIs and its latest review)."""

from __future__ import annotations

from collections.abc import Sequence

from kpi_cli.core import years as eras
from kpi_cli.core.model import Kpi, Project, Region
from kpi_cli.render.human import status_line
from kpi_cli.render.site.layout import (
    INDEX,
    REPORTING,
    a,
    esc,
    kpi_path,
    link,
    page,
    project_path,
    rating,
    rating_bar,
    region_path,
    scroll,
    share,
    zip_name,
)
from kpi_cli.reports.reviews import ReviewLine
from kpi_cli.reports.site import SiteData

KPI_HEAD = (
    '<thead><tr><th scope="col">KPI</th><th scope="col" class=num>基準値</th><th scope="col" class=num>目標値</th>'
    '<th scope="col" class=num>実績</th><th scope="col" class=num>進捗率</th><th scope="col">評価</th></tr></thead>'
)
LEGEND = (
    "評価: ◎ 達成 · ○ 順調（期待値以上） · △ 概ね順調（期待値までの進み0.8以上） · ▲ 遅れ · "
    "× 悪化（基準値より悪い） · － 未記録。期待値は基準値から目標値への直線上の値です。"
)


def index_page(data: SiteData) -> bytes:
    plan = data.plan
    here = INDEX
    counts = data.rating_counts(plan.kpis)
    cards = []
    for r in plan.regions:
        kpis = data.region_kpis(r.id)
        projects = data.region_projects(r.id)
        cards.append(
            f'<section class="card" aria-labelledby="r-{esc(r.id)}"><h2 id="r-{esc(r.id)}">'
            f"{a(here, region_path(r.id), r.name)}</h2>"
            f'<p class="meta">中核都市 {esc(r.core_city)} · プロジェクト {len(projects)} · KPI {len(kpis)}</p>'
            f"{rating_bar(data.rating_counts(kpis))}</section>"
        )
    body = [
        f"<h1>{esc(plan.edition.name)} KPI 推進状況</h1>",
        f'<p class="lead">{len(plan.regions)}つの連携地域、{len(plan.projects)}のプロジェクト、'
        f"{len(plan.kpis)}のKPIの実績と評価。</p>",
        '<section aria-labelledby="all"><h2 id="all">全体の評価</h2>',
        rating_bar(counts),
        f'<p class="note">{esc(LEGEND)}</p></section>',
        '<section aria-labelledby="regions"><h2 id="regions">連携地域</h2>',
        f'<div class="cards">{"".join(cards)}</div></section>',
        '<section aria-labelledby="more"><h2 id="more">報告とデータ</h2><ul class="plain">',
        f"<li>{a(here, REPORTING, '報告状況（振興局ごと・年度ごとの実績の記録）')}</li>",
        f'<li><a href="{link(here, zip_name(data))}" download>'
        "全データ（CSV・JSON・計画ファイル・列の説明、zip）</a></li>",
        "</ul></section>",
    ]
    return page(data, here, title=f"{plan.edition.name} KPI 推進状況", crumbs=[], body="\n".join(body), kind="index")


def region_page(data: SiteData, region: Region) -> bytes:
    """A 連携地域: its vision, rating counts and the 推進状況 of each project's KPIs (the printed summary)."""
    plan = data.plan
    here = region_path(region.id)
    kpis = data.region_kpis(region.id)
    offices = "、".join(o.name for o in plan.offices if o.region_id == region.id)
    body = [
        f"<h1>{esc(region.name)}連携地域 推進状況</h1>",
        f'<p class="lead">中核都市 {esc(region.core_city)} · 振興局: {esc(offices)}</p>',
    ]
    if region.vision:
        body.append(f"<p>{esc(region.vision)}</p>")
    body += [
        '<section aria-labelledby="counts"><h2 id="counts">KPIの評価</h2>',
        rating_bar(data.rating_counts(kpis)),
        "</section>",
        '<section aria-labelledby="summary"><h2 id="summary">プロジェクトとKPI</h2>',
        _summary_table(data, here, region),
        f'<p class="note">{esc(LEGEND)}</p></section>',
        '<section class="downloads" aria-labelledby="dl"><h2 id="dl">ダウンロード</h2><ul class="downloads">',
        f'<li><a href="{link(here, region_path(region.id, "xlsx"))}" download>'
        f"{esc(region.name)}の推進状況・実績・評価（Excel .xlsx）</a></li></ul></section>",
    ]
    return page(
        data, here, title=f"{region.name}連携地域", crumbs=[("トップ", INDEX)], body="\n".join(body), kind="region"
    )


def _summary_table(data: SiteData, here: str, region: Region) -> str:
    """Each project (its review's 評価 and 方向性), then its KPIs: baseline, target, actual, progress, rating."""
    groups = []
    for project in data.region_projects(region.id):
        review = data.reviews.get(project.id)
        said = f"（{_review_words(review)}）" if review else "（評価 未記入）"
        rows = [
            f'<tr class="group"><th colspan="6" scope="colgroup">{a(here, project_path(project.id), project.name)}'
            f'<span class="year">{esc(said)}</span></th></tr>'
        ]
        rows += [_kpi_row(data, here, k) for k in project.kpis]
        groups.append(f"<tbody>{''.join(rows)}</tbody>")
    return scroll(
        f"{region.name}のKPI一覧",
        f'<table class="kpis"><caption>{esc(region.name)}連携地域のKPI</caption>{KPI_HEAD}{"".join(groups)}</table>',
    )


def _kpi_row(data: SiteData, here: str, kpi: Kpi) -> str:
    e = data.kpis[kpi.id]
    s = e.status
    line = status_line(s, e.pending, e.older, said=" 速報" if e.provisional and e.older is None else "")
    unit = esc(line.unit)

    def num(value: str, under: str = "") -> str:
        shown = esc(value) + (unit if value not in ("―", "") and kpi.parts_word not in value else "")
        return shown + "".join(f'<span class="year">{esc(x)}</span>' for x in under.split("\n") if x)

    actual_year = line.actual_year.split("\n")[0]
    p = e.pending
    if p is not None and p.year != s.as_of_year:  # a later year waits for some 振興局 (or 市町村)
        actual_year += f"\n{eras.era(p.year)}: {kpi.parts_word} {p.recorded}/{p.total} のみ"
    target = num(line.target) + esc(line.target_op) + f'<span class="year">{esc(line.target_year)}</span>'
    return (
        f'<tr><th scope="row">{a(here, kpi_path(kpi.id), kpi.name)}</th>'
        f'<td class=num data-label="基準値">{num(line.baseline, line.baseline_year)}</td>'
        f'<td class=num data-label="目標値">{target}</td>'
        f'<td class=num data-label="実績">{num(line.actual, actual_year)}</td>'
        f'<td class=num data-label="進捗率">{share(s.progress)}</td><td data-label="評価">{rating(s.rating)}</td></tr>'
    )


def _review_words(line: ReviewLine) -> str:
    stage = "（案）" if line.review.stage == "draft" else ""
    return f"{eras.era(line.review.year)}評価{stage}: {line.assessment} · 今後の方向性: {line.direction}"


def project_page(data: SiteData, project: Project) -> bytes:
    plan = data.plan
    here = project_path(project.id)
    region = plan.region(project.region_id)
    offices = "、".join(plan.office(o).name for o in project.office_ids)
    facts = [("連携地域", a(here, region_path(region.id), region.name)), ("振興局", esc(offices))]
    if project.participation:
        facts.append(("参加", esc(project.participation)))
    body = [
        f"<h1>{esc(project.name)}</h1>",
        '<dl class="facts">' + "".join(f"<dt>{t}</dt><dd>{v}</dd>" for t, v in facts) + "</dl>",
    ]
    if project.policies:
        body.append('<h2>主な施策</h2><ul class="plain">')
        body += [f"<li>{esc(p)}</li>" for p in project.policies]
        body.append("</ul>")
    if project.note:
        body.append(f'<p class="note">{esc(project.note)}</p>')
    body += ["<h2>KPI</h2>", _kpi_table(data, here, project.kpis), "<h2>プロジェクトの評価</h2>"]
    body.append(_review(data.reviews.get(project.id)))
    crumbs = [("トップ", INDEX), (region.name, region_path(region.id))]
    return page(data, here, title=project.name, crumbs=crumbs, body="\n".join(body), kind="project")


def _kpi_table(data: SiteData, here: str, kpis: Sequence[Kpi]) -> str:
    rows = [_kpi_row(data, here, k) for k in kpis]
    return scroll(
        "KPIの一覧",
        f'<table class="kpis"><caption>KPIの進捗</caption>{KPI_HEAD}<tbody>{"".join(rows)}</tbody></table>',
    )


def _review(line: ReviewLine | None) -> str:
    """The latest review: 評価 and 今後の方向性 (with the suggestion from the KPIs), then its texts."""
    if line is None:
        return '<p class="note">評価はまだ記録されていません。</p>'
    r = line.review
    stage = "案" if r.stage == "draft" else f"地域づくり連携会議で検証（{r.meeting_date}）"
    hint = f"; KPIからの目安: {line.suggested.label}" if line.suggested else ""
    parts = [
        f"<p><strong>{esc(eras.era_and_western(r.year))}の評価:</strong> {esc(line.assessment)} · "
        f"<strong>今後の方向性:</strong> {esc(line.direction)}"
        f'<span class="year">（{esc(stage)}{esc(hint)}）</span></p>'
    ]
    for text, head in ((r.actions, "取組状況"), (r.results, "成果・課題"), (r.next, "今後の取組")):
        if text.strip():
            paragraphs = "".join(f"<p>{esc(p)}</p>" for p in text.split("\n") if p.strip())
            parts.append(f"<h3>{head}</h3>{paragraphs}")
    return f'<section class="review" aria-label="評価の本文">{"".join(parts)}</section>'
