"""`kpi report`: one self-contained HTML file for the 地域づくり連携会議.

No scripts, no external fonts, styles or images: the charts are inline SVG. All text
from the plan and the ledger is escaped. Ratings are told apart by their word and a
symbol, not by colour alone, and each project stays on one A4 page where it fits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from html import escape
from typing import Any

from kpi_cli.core.decimals import human, percent, plain
from kpi_cli.core.model import Plan, Project
from kpi_cli.core.series import series
from kpi_cli.core.trajectory import RATING_ORDER, Rating, Status
from kpi_cli.render.human import status_line
from kpi_cli.render.svg import chart_svg
from kpi_cli.reports.grouping import Groups, by_region
from kpi_cli.reports.reviews import ReviewLine
from kpi_cli.reports.status import older_values, status_record

SYMBOL = {
    Rating.achieved: "◎",
    Rating.on_track: "○",
    Rating.nearly: "△",
    Rating.behind: "▲",
    Rating.worse: "×",
    Rating.no_data: "－",
}
CSS = """
:root { --achieved:#1b7f3b; --on_track:#3f9d5a; --nearly:#c99a06; --behind:#d9480f; --worse:#b02a37;
  --no_data:#8a8f98; }
* { box-sizing: border-box; }
body { font-family: "Hiragino Kaku Gothic ProN", "Hiragino Sans", "Yu Gothic UI", "Yu Gothic", YuGothic, Meiryo,
  "Noto Sans CJK JP", "Noto Sans JP", sans-serif; color:#1d2330; margin: 0 auto; max-width: 1100px; padding: 24px;
  line-height: 1.55; font-size: 14px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; border-bottom: 2px solid #1d2330; padding-bottom: 2px;
  margin-top: 32px; } h3 { font-size: 15px; margin: 0 0 8px; }
.meta { color:#4a5260; font-size: 12px; margin: 2px 0; word-break: break-all; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
th, td { border-bottom: 1px solid #d5d9e0; padding: 4px 6px; vertical-align: top; }
th { background:#f1f3f6; font-weight: 600; text-align: left; white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.year { color:#5b6372; font-size: 11px; display: block; }
.rating { white-space: nowrap; font-weight: 600; }
.rating.achieved { color: var(--achieved); } .rating.on_track { color: var(--on_track); }
.rating.nearly { color: var(--nearly); } .rating.behind { color: var(--behind); }
.rating.worse { color: var(--worse); } .rating.no_data { color: var(--no_data); }
.bar { display: flex; height: 22px; border: 1px solid #b9bfca; border-radius: 3px; overflow: hidden;
  margin: 4px 0 2px; }
.bar span { display: block; color: #fff; font-size: 12px; line-height: 20px; padding: 0 4px; white-space: nowrap;
  overflow: hidden; }
.bar .achieved { background: var(--achieved); } .bar .on_track { background: var(--on_track); }
.bar .nearly { background: var(--nearly); color:#1d2330; } .bar .behind { background: var(--behind); }
.bar .worse { background: var(--worse); } .bar .no_data { background: #e6e8ec; color:#1d2330; }
.counts { font-size: 13px; margin: 0 0 12px; }
.region-summary { margin-bottom: 10px; }
article.project { border: 1px solid #d5d9e0; border-radius: 6px; padding: 12px 14px; margin: 14px 0;
  break-inside: avoid; page-break-inside: avoid; }
.policies { margin: 0 0 6px; padding-left: 18px; color:#3a4150; font-size: 13px; }
.charts { display: flex; flex-wrap: wrap; gap: 8px 24px; }
figure { margin: 4px 0 8px; break-inside: avoid; page-break-inside: avoid; flex: 0 1 520px; }
figcaption { font-size: 12px; color:#4a5260; }
svg.kpi-chart { max-width: 100%; height: auto; font-family: inherit; }
svg .grid { stroke:#e3e6eb; stroke-width:1; } svg .axis { stroke:#7b8291; stroke-width:1; }
svg .tick, svg .unit, svg .year { font-size: 11px; fill:#5b6372; } svg .era { font-size: 12px; fill:#1d2330; }
svg .planned { fill:none; stroke:#4c6ef5; stroke-width:2; stroke-dasharray:6 4; }
svg .actual-line { fill:none; stroke:#1d2330; stroke-width:1.5; }
svg .actual { fill:#1d2330; } svg .expected { fill:#fff; stroke:#4c6ef5; stroke-width:2; }
svg .target { fill:#f59f00; stroke:#1d2330; stroke-width:1; }
.legend { font-size: 12px; color:#4a5260; }
table.projects td { font-size: 12px; } table.projects a { color: inherit; }
table.years td, table.years th { font-size: 11px; padding: 2px 4px; }
.review { border-left: 3px solid #4c6ef5; padding: 2px 0 2px 10px; margin: 6px 0 8px; }
.review-head { margin: 0 0 4px; } .review-text h4 { font-size: 12px; margin: 4px 0 0; }
.review-text p { margin: 0 0 4px; } .sources { font-size: 11px; color:#5b6372; margin: 0 0 6px;
  padding-left: 18px; }
.note { font-size: 12px; color:#5b6372; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  figure { flex: 0 1 23%; } .charts { gap: 2px 10px; } figcaption { font-size: 9px; }
  h2 { margin-top: 14px; } .policies { font-size: 10px; margin-bottom: 2px; } p.note { margin: 2px 0; }
  article.project { break-inside: auto; page-break-inside: auto; padding: 8px 10px; margin: 8px 0; }
  table, .review, figure { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


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


def _kpi_row(plan: Plan, s: Status, older: tuple[int, Decimal] | None = None) -> str:
    """One KPI as a table row: cells formatted as in `kpi status`, raw numbers in data- attributes."""
    rec = status_record(plan, s)
    line = status_line(s, older=older)
    unit = escape(line.unit)
    attrs = " ".join(
        f'data-{name.replace("_", "-")}="{escape(plain(rec[name]) if not isinstance(rec[name], str) else rec[name])}"'
        for name in ("kpi_id", "as_of_year", "actual", "expected", "gap", "progress", "achievement", "rating")
    )
    name = escape(line.name)
    if line.revised:
        name += f'<span class="note">※{escape(line.revised)}</span>'
    if s.kpi.ownership == "inferred":
        name += '<span class="note">（所属は紙面配置からの推定）</span>'

    def num(value: str, under: str = "") -> str:
        shown = escape(value) + (unit if value not in ("―", "") else "")
        return shown + (f'<span class="year">{escape(under)}</span>' if under else "")

    return (
        f"<tr {attrs}><td>{name}</td><td class=num>{num(line.baseline, line.baseline_year)}</td>"
        f'<td class=num>{num(line.target)}{line.target_op}<span class="year">{escape(line.target_year)}</span></td>'
        f"<td class=num>{num(line.actual, line.actual_year)}</td><td class=num>{num(line.expected)}</td>"
        f"<td class=num>{num(line.gap)}</td><td class=num>{line.progress}</td>"
        f"<td class=num>{percent(s.achievement)}</td><td>{_rating(s.rating)}</td></tr>"
    )


def _years_table(group: Sequence[Status], actuals: Mapping[str, Mapping[int, Decimal]]) -> str:
    """The project's KPIs with fiscal years as columns: 基準値, each year's actual up to the
    as-of year, 目標値 (the layout of a 評価シート)."""
    first = min(
        (
            k.baseline.year if k.baseline else (k.period.start if k.period else k.target.year)
            for k in (s.kpi for s in group)
        ),
        default=0,
    )
    last = max((s.as_of_year for s in group), default=first)
    years = [y for y in range(first + 1, last + 1) if any(y in actuals.get(s.kpi.id, {}) for s in group)]
    if not years:
        return ""
    head = "".join(f"<th>{escape(_era(y))}</th>" for y in years)
    rows = []
    for s in group:
        mine = actuals.get(s.kpi.id, {})
        b = s.kpi.baseline
        cells = "".join(f"<td class=num>{escape(human(mine[y])) if y in mine else ''}</td>" for y in years)
        rows.append(
            f"<tr><td>{escape(s.kpi.name)}（{escape(s.kpi.unit)}）</td>"
            f"<td class=num>{escape(human(b.value)) if b else '―'}</td>{cells}"
            f"<td class=num>{escape(human(s.target.value))}</td></tr>"
        )
    return (
        f'<table class="years"><thead><tr><th>年度別実績</th><th>基準値</th>{head}<th>目標値</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _review(line: ReviewLine | None) -> str:
    """A project's review: 評価 and 今後の方向性 (with the suggestion from its KPIs), then the texts."""
    if line is None:
        return '<p class="note">評価: 未記入（kpi review add）</p>'
    r = line.review
    stage = "案" if r.stage == "draft" else f"地域づくり連携会議で検証（{escape(r.meeting_date)}）"
    hint = line.suggested.label if line.suggested else ""
    parts = [
        f'<p class="review-head"><strong>{escape(_era(r.year))}評価:</strong> '
        f"{escape(line.assessment)} · <strong>今後の方向性:</strong> {escape(line.direction)}"
        f'<span class="note">（{stage}{"; KPIからの目安: " + escape(hint) if hint else ""}）</span></p>'
    ]
    for text, head in ((r.actions, "取組状況"), (r.results, "成果・課題"), (r.next, "今後の取組")):
        if text:
            paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip())
            parts.append(f'<div class="review-text"><h4>{head}</h4>{paragraphs}</div>')
    return f'<section class="review">{"".join(parts)}</section>'


def _era(year: int) -> str:
    from kpi_cli.core.years import era

    return era(year)


def report_html(
    plan: Plan,
    statuses: Sequence[Status],
    actuals: Mapping[str, Mapping[int, Decimal]],
    *,
    meta: Mapping[str, Any],
    reviews: Mapping[str, ReviewLine] | None = None,
    notes: Mapping[str, Sequence[str]] | None = None,
) -> str:
    reviews = reviews or {}
    notes = notes or {}
    older = older_values(statuses, actuals, meta.get("as_of"))
    regions = by_region(plan, statuses)
    body = [*_header(plan, meta), *_summary(plan, regions, reviews)]
    for rid in regions:
        body.append(f'<section class="region"><h2>{escape(plan.region(rid).name)}</h2>')
        for pid, group in regions[rid].items():
            body += _article(plan, plan.project(pid), group, actuals, older, notes, reviews.get(pid))
        body.append("</section>")
    title = f"{plan.edition.name} KPI進捗報告"
    return (
        '<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _header(plan: Plan, meta: Mapping[str, Any]) -> list[str]:
    edition = escape(plan.edition.name)
    out = [
        f"<header><h1>{edition} KPI進捗報告</h1>",
        f'<p class="meta">計画: {edition}（{escape(str(meta["plan"]))}）</p>',
    ]
    for f in meta["ledgers"]:
        head = escape(f["head"] or "-")
        out.append(f'<p class="meta">台帳: {escape(f["path"])} — {f["rows"]}行, 末尾ハッシュ <code>{head}</code></p>')
    out.append(f'<p class="meta">作成: {escape(meta["generated"])} · {escape(meta["as_of_rule"])}</p></header>')
    return out


def _summary(plan: Plan, regions: Groups, reviews: Mapping[str, ReviewLine]) -> list[str]:
    """The first page: rating counts per region, and each project's 評価, 方向性 and 目安 (linked)."""
    out = ['<section class="summary"><h2>連携地域別の評価</h2>']
    for rid in regions:
        counts = dict.fromkeys(RATING_ORDER, 0)
        for group in regions[rid].values():
            for s in group:
                counts[s.rating] += 1
        summary = " · ".join(f"{r.ja} {counts[r]}" for r in RATING_ORDER if counts[r])
        out.append(
            f'<div class="region-summary" data-region="{escape(rid)}"><strong>{escape(plan.region(rid).name)}'
            f'</strong>{_bar(counts)}<p class="counts">{escape(summary)}</p></div>'
        )
    out.append(
        '<p class="legend">評価: ◎ 達成 · ○ 順調（期待値以上） · △ 概ね順調（期待値までの進み0.8以上） · '
        "▲ 遅れ · × 悪化（基準値より悪い） · － 未記録</p>"
    )
    out.append(
        '<table class="projects"><thead><tr><th>連携地域</th><th>プロジェクト</th><th>KPI</th><th>評価</th>'
        "<th>今後の方向性</th><th>KPIからの目安</th></tr></thead><tbody>"
    )
    for rid in regions:
        for pid, group in regions[rid].items():
            line = reviews.get(pid)
            worst = " ".join(_rating(r) for r in RATING_ORDER if any(s.rating is r for s in group))
            out.append(
                f'<tr data-project="{escape(pid)}"><td>{escape(plan.region(rid).name)}</td>'
                f'<td><a href="#p-{escape(pid)}">{escape(plan.project(pid).name)}</a></td><td>{worst}</td>'
                f"<td>{escape(line.assessment) if line else '未記入'}</td>"
                f"<td>{escape(line.direction) if line else ''}</td>"
                f"<td>{escape(line.suggested.label) if line and line.suggested else ''}</td></tr>"
            )
    out.append("</tbody></table></section>")
    return out


def _article(
    plan: Plan,
    project: Project,
    group: Sequence[Status],
    actuals: Mapping[str, Mapping[int, Decimal]],
    older: Mapping[str, tuple[int, Decimal]],
    notes: Mapping[str, Sequence[str]],
    review: ReviewLine | None,
) -> list[str]:
    """One project: 振興局 and 施策, its KPIs, each year's actuals, notes and sources, review, charts."""
    pid = escape(project.id)
    offices = "、".join(plan.office(o).name for o in project.office_ids)
    out = [f'<article class="project" id="p-{pid}" data-project="{pid}"><h3>{escape(project.name)}</h3>']
    out.append(f'<p class="note">振興局: {escape(offices)}</p>')
    if project.policies:
        out.append(f'<ul class="policies">{"".join(f"<li>{escape(p)}</li>" for p in project.policies)}</ul>')
    out.append(
        "<table><thead><tr><th>KPI</th><th>基準値</th><th>目標値</th><th>実績</th><th>期待値</th><th>差</th>"
        "<th>進捗率</th><th>達成率</th><th>評価</th></tr></thead><tbody>"
    )
    out += [_kpi_row(plan, s, older.get(s.kpi.id)) for s in group]
    out += ["</tbody></table>", _years_table(group, actuals)]
    footnotes = [f"<li>{escape(line)}</li>" for s in group for line in notes.get(s.kpi.id, ())]
    if footnotes:
        out.append(f'<ul class="sources">{"".join(footnotes)}</ul>')
    out += [_review(review), '<div class="charts">']
    for s in group:
        chart = chart_svg(series(s, actuals.get(s.kpi.id, {})), title=f"{s.kpi.name}の推移")
        out.append(
            f'<figure data-kpi-id="{escape(s.kpi.id)}">{chart}<figcaption>{escape(s.kpi.name)} — '
            "破線: 計画（基準値→目標値の直線）, ○: 期待値, ●: 実績, ◆: 目標</figcaption></figure>"
        )
    out.append("</div></article>")
    return out
