"""`kpi report`: one self-contained HTML file for the 地域づくり連携会議, made to be printed.

No scripts, no external fonts, styles or images: the charts are inline SVG. All text from the
plan and the ledger is escaped. Ratings are told apart by their word and a symbol, not by colour
alone. On paper (A4, or the PDF kpi writes): the date in the Japanese era, page numbers
("1 / 4") in the page margin, each project card on one page where it fits, charts half the page
wide with 8 pt text. The face of the paper carries no file path, hash, command or timestamp; the
colophon at the end keeps where the figures come from (on screen: the files, the ledger's head
and the time it was made; on paper: the plan, the ledger's row count and the date).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from html import escape

from kpi_cli.core import years as eras
from kpi_cli.core.decimals import human, percent, plain
from kpi_cli.core.model import Kpi, Plan, Project
from kpi_cli.core.series import series
from kpi_cli.core.trajectory import RATING_ORDER, Rating, Status
from kpi_cli.render.human import signed_percent, status_line, value_said
from kpi_cli.render.labels import wareki_date, wareki_fiscal_year
from kpi_cli.render.svg import chart_svg
from kpi_cli.reports.meeting import MeetingReport, Section
from kpi_cli.reports.reviews import ReviewLine
from kpi_cli.reports.status import Change, older_values, status_record

SYMBOL = {
    Rating.achieved: "◎",
    Rating.on_track: "○",
    Rating.nearly: "△",
    Rating.behind: "▲",
    Rating.worse: "×",
    Rating.no_data: "－",
}
# Fonts with Japanese glyphs on Windows (Yu Gothic, Meiryo), macOS (Hiragino) and Linux (Noto Sans CJK JP,
# IPAex): the browser, or WeasyPrint for a PDF, takes the first it has and embeds it in the PDF.
FONTS = (
    '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Kaku Gothic ProN", "Hiragino Sans", "Yu Gothic", YuGothic, '
    'Meiryo, "IPAexGothic", "Source Han Sans JP", sans-serif'
)
CSS = """
:root { --achieved:#1b7f3b; --on_track:#3f9d5a; --nearly:#a77f00; --behind:#d9480f; --worse:#b02a37;
  --no_data:#6b717c; }
* { box-sizing: border-box; }
body { font-family: FONTS; color:#1d2330; margin: 0 auto; max-width: 1100px; padding: 24px; line-height: 1.5;
  font-size: 14px; }
header.cover { border-bottom: 2px solid #1d2330; padding-bottom: 6px; margin-bottom: 10px; }
.edition { margin: 0; font-size: 13px; color:#3a4150; }
h1 { font-size: 22px; margin: 2px 0; }
.subtitle { margin: 0; font-size: 15px; }
.date { margin: 2px 0 0; text-align: right; font-size: 13px; }
h2 { font-size: 17px; border-bottom: 2px solid #1d2330; padding-bottom: 1px; margin: 22px 0 6px; }
h3 { font-size: 15px; margin: 0 0 2px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
th, td { border-bottom: 1px solid #d5d9e0; padding: 3px 5px; vertical-align: top; }
th { background:#eef1f5; font-weight: 600; text-align: left; white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.year { color:#4a5260; font-size: 11px; display: block; }
.rating { white-space: nowrap; font-weight: 600; }
.rating.achieved { color: var(--achieved); } .rating.on_track { color: var(--on_track); }
.rating.nearly { color: var(--nearly); } .rating.behind { color: var(--behind); }
.rating.worse { color: var(--worse); } .rating.no_data { color: var(--no_data); }
.bar { display: flex; height: 20px; border: 1px solid #b9bfca; border-radius: 3px; overflow: hidden;
  margin: 4px 0 2px; }
.bar span { display: block; color: #fff; font-size: 12px; line-height: 18px; padding: 0 4px; white-space: nowrap;
  overflow: hidden; }
.bar .achieved { background: var(--achieved); } .bar .on_track { background: var(--on_track); }
.bar .nearly { background: #e0b000; color:#1d2330; } .bar .behind { background: var(--behind); }
.bar .worse { background: var(--worse); } .bar .no_data { background: #e6e8ec; color:#1d2330; }
.counts { font-size: 13px; margin: 0 0 6px; }
.legend, .note { font-size: 12px; color:#3a4150; margin: 2px 0; }
article.project { border: 1px solid #c9ced8; border-radius: 5px; padding: 8px 12px; margin: 10px 0;
  break-inside: avoid; page-break-inside: avoid; }
.who { font-size: 12px; font-weight: normal; color:#3a4150; margin-left: 1em; }
.policies { margin: 0 0 4px; padding-left: 18px; color:#3a4150; font-size: 12px; }
table.kpis td, table.kpis th { font-size: 12px; }
tr.share td { border-bottom: 1px dotted #d5d9e0; color:#1d2330; background: #f7f8fa; }
tr.share td:first-child { padding-left: 16px; }
.review { border-left: 3px solid #4c6ef5; padding: 1px 0 1px 10px; margin: 4px 0 6px; }
.review-head { margin: 0 0 2px; font-size: 13px; }
.review-text { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0 14px; }
.review-text h4 { font-size: 12px; margin: 2px 0 0; } .review-text p { margin: 0 0 2px; font-size: 12px; }
.kpi-block { display: grid; grid-template-columns: 106mm 1fr; gap: 0 12px; align-items: start; margin: 6px 0;
  break-inside: avoid; page-break-inside: avoid; }
figure { margin: 0; }
p.caption { font-size: 12px; font-weight: 600; margin: 0 0 2px; }
svg.kpi-chart { width: 106mm; max-width: 100%; height: auto; }
table.years { width: auto; min-width: 60%; margin: 0; }
table.years td, table.years th { font-size: 12px; padding: 0 6px; line-height: 1.3; }
.parts { font-size: 12px; margin: 4px 0 0; }
.sources { font-size: 11px; color:#3a4150; margin: 2px 0 0; padding-left: 14px; }
table.projects td { font-size: 12px; } table.projects a { color: inherit; }
footer.colophon { margin-top: 24px; border-top: 1px solid #8a8f98; font-size: 12px; color:#3a4150; }
footer.colophon dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 12px; margin: 4px 0; }
footer.colophon dt { font-weight: 600; } footer.colophon dd { margin: 0; word-break: break-all; }
@page { size: A4; margin: 13mm 12mm 15mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-family: FONTS; font-size: 9pt;
    color: #3a4150; }
  @top-right { content: RUNNING; font-family: FONTS; font-size: 8pt; color: #3a4150; } }
@page :first { @top-right { content: none; } }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; line-height: 1.35; }
  h1 { font-size: 16pt; } h2 { font-size: 12pt; margin: 6pt 0 3pt; break-after: avoid; page-break-after: avoid; }
  h3 { font-size: 11pt; } .subtitle { font-size: 11pt; } .edition, .date { font-size: 9pt; }
  .who, .policies, .legend, .note, .counts, .parts, p.caption { font-size: 8.5pt; }
  .review-head { font-size: 9pt; } .review-text h4, .review-text p { font-size: 8.5pt; }
  table.kpis td, table.kpis th, table.years td, table.years th, table.projects td,
  table.projects th { font-size: 8.5pt; }
  .year, .sources { font-size: 8pt; }
  th, td { padding: 1.5pt 4pt; } table.years td, table.years th { padding: 0.5pt 4pt; }
  article.project { padding: 4pt 8pt; margin: 5pt 0; } .kpi-block { margin: 3pt 0; }
  .bar span { font-size: 8.5pt; }
  table, .review, .kpi-block { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  footer.colophon .screen { display: none; }
}
""".replace("FONTS", FONTS).strip()


def css_string(text: str) -> str:
    """Text as a CSS string: every character but letters, digits and spaces as a hex escape (no quote,
    backslash or </style> can end it)."""
    return '"' + "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):06x}" for ch in text) + '"'


def _rating(r: Rating) -> str:
    return f'<span class="rating {r.value}">{SYMBOL[r]} {r.ja}</span>'


def _bar(counts: Mapping[Rating, int]) -> str:
    total = sum(counts.values()) or 1
    parts = []
    for r in RATING_ORDER:
        n = counts.get(r, 0)
        if n:
            share = 100 * n / total
            parts.append(
                f'<span class="{r.value}" style="width:{share:.2f}%" title="{r.ja} {n}">{SYMBOL[r]} {r.ja} {n}</span>'
            )
    return f'<div class="bar" role="img" aria-label="評価の内訳">{"".join(parts)}</div>'


def report_html(r: MeetingReport) -> str:
    """The whole document: cover and summary, the projects (own first), the colophon."""
    older = older_values(r.statuses, r.values, r.meta.get("as_of"), r.totals)
    body = [*_cover(r), *_summary(r)]
    for section in r.sections:
        body.append(f'<section class="part"><h2>{escape(section.title)}</h2>')
        for project, group in section.projects:
            body += _article(r, project, group, older, section)
        body.append("</section>")
    body += _colophon(r)
    title = r.title
    css = CSS.replace("RUNNING", css_string(f"{title}（{_year_words(r)}）"))
    return (
        '<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n{_provenance_meta(r)}<style>{css}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _year_words(r: MeetingReport) -> str:
    as_of = r.meta.get("as_of")
    return f"{wareki_fiscal_year(as_of)}" if as_of is not None else "各KPIの最新年度"


def _cover(r: MeetingReport) -> list[str]:
    as_of = r.meta.get("as_of")
    if as_of is not None:
        subtitle = f"{wareki_fiscal_year(as_of)}（{eras.era_and_western(as_of)}）の実績による点検・評価"
    else:
        subtitle = "各KPIの実績のある最新年度による点検・評価"
    day = r.generated
    return [
        '<header class="cover">',
        f'<p class="edition">{escape(r.plan.edition.name)}</p>',
        f"<h1>{escape(r.title)}</h1>",
        f'<p class="subtitle">{escape(subtitle)}</p>',
        f'<p class="date">{wareki_date(day.year, day.month, day.day)}</p>',
        "</header>",
    ]


def _summary(r: MeetingReport) -> list[str]:
    """The first page: the ratings counted, and each project's 評価, 方向性 and 目安 (linked)."""
    counts = dict.fromkeys(RATING_ORDER, 0)
    for s in r.statuses:
        counts[s.rating] += 1
    said = " · ".join(f"{x.ja} {counts[x]}" for x in RATING_ORDER if counts[x])
    out = [
        '<section class="summary"><h2>評価の概要</h2>',
        f'<div class="region-summary"><p class="counts"><strong>KPI {len(r.statuses)}件</strong>: {escape(said)}</p>'
        f"{_bar(counts)}</div>",
        '<table class="projects"><thead><tr><th>区分</th><th>プロジェクト</th><th>KPIの評価</th><th>評価</th>'
        "<th>今後の方向性</th><th>KPIからの目安</th></tr></thead><tbody>",
    ]
    for section in r.sections:
        for project, group in section.projects:
            pid = escape(project.id)
            line = r.reviews.get(project.id)
            ratings = " ".join(_rating(x) for x in RATING_ORDER if any(s.rating is x for s in group))
            out.append(
                f'<tr data-project="{pid}"><td>{escape(section.short)}</td>'
                f'<td><a href="#p-{pid}">{escape(project.name)}</a></td><td>{ratings}</td>'
                f"<td>{escape(r.earlier_review(line) + line.assessment) if line else '未記入'}</td>"
                f"<td>{escape(line.direction) if line else ''}</td>"
                f"<td>{escape(line.suggested.label) if line and line.suggested else ''}</td></tr>"
            )
    out.append("</tbody></table>")
    out.append(
        '<p class="legend">KPIの評価: ◎ 達成 · ○ 順調（期待値以上） · △ 概ね順調（期待値までの進み0.8以上） · '
        "▲ 遅れ · × 悪化（基準値より悪い） · － 未記録。期待値は基準値から目標値への直線上の値。"
        "グラフ: 破線 計画 · ● 実績 · ○ 期待値 · ◆ 目標</p>"
    )
    out.append(f'<p class="note">{escape(str(r.meta["as_of_rule"]))}</p></section>')
    return out


def _article(
    r: MeetingReport,
    project: Project,
    group: Sequence[Status],
    older: Mapping[str, tuple[int, Decimal]],
    section: Section,
) -> list[str]:
    """One project: 振興局 and 施策, its KPIs (with the shares of the areas asked for), the review,
    a chart and the yearly values per KPI, the notes and sources."""
    plan = r.plan
    pid = escape(project.id)
    offices = "、".join(plan.office(o).name for o in project.office_ids)
    lead = plan.region(project.region_id).name
    out = [
        f'<article class="project" id="p-{pid}" data-project="{pid}"><h3>{escape(project.name)}'
        f'<span class="who">主管: {escape(lead)}連携地域 · 振興局: {escape(offices)}</span></h3>'
    ]
    if project.policies:
        out.append(f'<ul class="policies">{"".join(f"<li>{escape(p)}</li>" for p in project.policies)}</ul>')
    out.append(
        '<table class="kpis"><thead><tr><th>KPI（単位）</th><th class=num>基準値</th><th class=num>目標値</th>'
        "<th class=num>実績</th><th class=num>前年度比</th><th class=num>期待値</th><th class=num>差</th>"
        "<th class=num>進捗率</th><th class=num>達成率</th><th>評価</th></tr></thead><tbody>"
    )
    for s in group:
        out.append(_kpi_row(plan, s, older.get(s.kpi.id), r.changes.get(s.kpi.id), r.is_provisional(s)))
        out += _share_rows(r, s)
    out.append("</tbody></table>")
    out.append(_review(r.reviews.get(project.id)))
    out += [_kpi_block(r, s) for s in group]
    out.append("</article>")
    return out


def _kpi_row(plan: Plan, s: Status, older: tuple[int, Decimal] | None, change: Change | None, provisional: bool) -> str:
    """One KPI as a table row: cells formatted as in `kpi status`, raw numbers in data- attributes."""
    rec = status_record(plan, s)
    line = status_line(s, older=older, change=change, said=value_said(provisional and older is None, None))
    attrs = " ".join(
        f'data-{name.replace("_", "-")}="{escape(plain(rec[name]) if not isinstance(rec[name], str) else rec[name])}"'
        for name in ("kpi_id", "as_of_year", "actual", "expected", "gap", "progress", "achievement", "rating")
    )
    name = f"{escape(line.name)}（{escape(line.unit)}）"
    if line.revised:
        name += f'<span class="year">※{escape(line.revised)}</span>'
    if s.kpi.ownership == "inferred":
        name += '<span class="year">（所属は紙面配置からの推定）</span>'

    def num(value: str, under: str = "") -> str:
        return (
            f"<td class=num>{escape(value)}" + (f'<span class="year">{escape(under)}</span>' if under else "") + "</td>"
        )

    target = f"{line.target}{line.target_op}"
    return (
        f"<tr {attrs}><td>{name}</td>{num(line.baseline, line.baseline_year)}{num(target, line.target_year)}"
        f"{num(line.actual, line.actual_year)}{num(line.change, line.change_rate)}{num(line.expected)}"
        f"{num(line.gap)}{num(line.progress)}{num(percent(s.achievement))}<td>{_rating(s.rating)}</td></tr>"
    )


def _shown_parts(r: MeetingReport, kpi: Kpi) -> list[str]:
    """The 振興局 whose shares go under an area KPI: those of the areas asked for, else every part."""
    mine = [o for o in r.focus if o in kpi.parts]
    return mine if r.focus else list(kpi.parts)


def _share_rows(r: MeetingReport, s: Status) -> list[str]:
    """Under an area KPI (a sum over 振興局): each shown 振興局's own share of the as-of year, its part
    of the whole and its 前年度比."""
    out = []
    by_year = r.shares.get(s.kpi.id, {})
    now, before = by_year.get(s.as_of_year, {}), by_year.get(s.as_of_year - 1, {})
    for office in _shown_parts(r, s.kpi):
        value = now.get(office)
        if value is None:
            continue
        part = f"構成比 {percent(value / s.actual)}" if s.actual else ""
        change = rate = ""
        if office in before:
            diff = value - before[office]
            change = ("+" if diff > 0 else "") + human(diff)
            rate = signed_percent(diff / before[office]) if before[office] else ""
        name = r.plan.office(office).name
        out.append(
            f'<tr class="share" data-share-of="{escape(s.kpi.id)}" data-office="{escape(office)}" '
            f'data-value="{plain(value)}"><td>うち{escape(name)}分</td><td></td><td></td>'
            f'<td class=num>{human(value)}<span class="year">{part}</span></td>'
            f'<td class=num>{change}<span class="year">{rate}</span></td><td colspan="5"></td></tr>'
        )
    return out


def _kpi_block(r: MeetingReport, s: Status) -> str:
    """A KPI's chart (half the page wide) beside its values year by year (and the shares shown), with
    the notes and sources of the value of its year."""
    mine = r.values.get(s.kpi.id, {})
    chart = chart_svg(series(s, mine, r.totals.get(s.kpi.id)), title=f"{s.kpi.name}の推移")
    caption = f"{s.kpi.name}（{s.kpi.unit}）"
    said = [f"<li>{escape(line)}</li>" for line in r.notes.get(s.kpi.id, ())]
    notes = f'<ul class="sources">{"".join(said)}</ul>' if said else ""
    return (
        f'<div class="kpi-block" data-kpi-id="{escape(s.kpi.id)}"><figure>{chart}</figure>'
        f'<div><p class="caption">{escape(caption)}</p>{_years_table(r, s)}{_parts_line(r, s)}{notes}</div></div>'
    )


def _years_table(r: MeetingReport, s: Status) -> str:
    """年度 | 実績 (a cumulative KPI: 年間 | 累計) (| each shown 振興局's share), each year with a value up
    to the as-of year (the baseline and the target are in the KPI's row above)."""
    kpi = s.kpi
    mine = r.values.get(kpi.id, {})
    years = [y for y in sorted(mine) if y <= s.as_of_year]
    if not years:
        return '<p class="note">実績の記録なし</p>'
    cumulative = kpi.kind == "cumulative"
    parts = _shown_parts(r, kpi)
    shares = r.shares.get(kpi.id, {})
    heads = ["年度", *(("年間", "累計") if cumulative else ("実績",)), *(f"{r.plan.office(o).name}分" for o in parts)]
    rows = []
    running = Decimal(0)
    for y in years:
        running += mine[y]
        cells = [human(mine[y]), human(running)] if cumulative else [human(mine[y])]
        cells += [human(shares.get(y, {}).get(o)) for o in parts]
        tds = "".join(f"<td class=num>{escape(c)}</td>" for c in cells)
        rows.append(f"<tr><td>{escape(eras.era_and_western(y))}</td>{tds}</tr>")
    head = "".join(f"<th{' class=num' if i else ''}>{escape(h)}</th>" for i, h in enumerate(heads))
    return f'<table class="years"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _parts_line(r: MeetingReport, s: Status) -> str:
    """Every 振興局's share of the as-of year, under the table of an area KPI."""
    now = r.shares.get(s.kpi.id, {}).get(s.as_of_year, {})
    if not s.kpi.parts or not now:
        return ""
    said = " · ".join(f"{r.plan.office(o).name} {human(now[o])}" for o in s.kpi.parts if o in now)
    return f'<p class="parts">{escape(eras.era(s.as_of_year))}の内訳（{escape(s.kpi.unit)}）: {escape(said)}</p>'


def _review(line: ReviewLine | None) -> str:
    """A project's review: 評価 and 今後の方向性 (with the suggestion from its KPIs), then the texts."""
    if line is None:
        return '<p class="note">プロジェクト評価: 未記入</p>'
    rv = line.review
    stage = "案" if rv.stage == "draft" else "地域づくり連携会議で検証済み"
    if rv.stage != "draft" and rv.meeting_date:
        y, m, d = (int(x) for x in rv.meeting_date.split("-"))
        stage += f"（{wareki_date(y, m, d)}）"
    hint = f" · KPIからの目安: {escape(line.suggested.label)}" if line.suggested else ""
    parts = [
        f'<section class="review"><p class="review-head"><strong>{escape(eras.era(rv.year))}評価:</strong> '
        f"{escape(line.assessment)} · <strong>今後の方向性:</strong> {escape(line.direction)}"
        f'<span class="note">（{stage}{hint}）</span></p>'
    ]
    texts = []
    for text, head in ((rv.actions, "取組状況"), (rv.results, "成果・課題"), (rv.next, "今後の取組")):
        if text:
            paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip())
            texts.append(f"<div><h4>{head}</h4>{paragraphs}</div>")
    if texts:
        parts.append(f'<div class="review-text">{"".join(texts)}</div>')
    parts.append("</section>")
    return "".join(parts)


def _colophon(r: MeetingReport) -> list[str]:
    """Where the figures come from: on paper the plan, the ledger's size and the date; on screen also
    the files, the ledger's head hash and the time the document was made."""
    rows = sum(int(f["rows"]) for f in r.meta["ledgers"])
    day = r.generated
    names = {s.kpi.id: s.kpi.name for s in r.statuses}
    cards = "".join(f"<li>{escape(names[k])} — {escape(line)}</li>" for k, line in r.sources.items())
    out = [
        '<footer class="colophon"><p>この資料について: 計画「'
        f"{escape(r.plan.edition.name)}」、実績台帳 {rows}行（{wareki_date(day.year, day.month, day.day)}時点）"
        "から kpi で作成。</p>",
        *([f'<p>各KPIの出典（統計）:</p><ul class="sources">{cards}</ul>'] if cards else []),
        '<dl class="screen">',
        f"<dt>計画</dt><dd>{escape(str(r.meta['plan']))}</dd>",
    ]
    for f in r.meta["ledgers"]:
        out.append(
            f"<dt>台帳</dt><dd>{escape(str(f['path']))} — {f['rows']}行, 末尾ハッシュ <code>"
            f"{escape(str(f['head'] or '-'))}</code></dd>"
        )
    out.append(f"<dt>作成日時</dt><dd>{escape(str(r.meta['generated']))}</dd></dl></footer>")
    return out


def _provenance_meta(r: MeetingReport) -> str:
    """The same provenance for programs (and PDF metadata): plan, ledger heads, time made."""
    heads = "; ".join(f"{f['path']} {f['rows']} rows head {f['head'] or '-'}" for f in r.meta["ledgers"])
    said = f"plan {r.meta['plan']}; ledger {heads}; generated {r.meta['generated']}"
    return (
        f'<meta name="generator" content="kpi">\n<meta name="description" content="{escape(said)}">\n'
        f'<meta name="dcterms.created" content="{escape(str(r.meta["generated"]))}">\n'
    )
