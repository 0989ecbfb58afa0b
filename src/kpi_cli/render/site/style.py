"""The site's one style sheet (``site.css``): system fonts only, readable from 390 px wide up,
and print rules: a KPI page prints as one A4 個票, a region page as its 推進状況 summary.

Every colour of text passes WCAG AA contrast (4.5:1) on its background; ratings carry a
symbol and a word, never colour alone.
"""

CSS = """\
:root { --ink:#1d2330; --muted:#4a5260; --line:#d5d9e0; --head:#f1f3f6; --link:#1a4fb4;
  --achieved:#1b6e35; --on_track:#2a7a45; --nearly:#7a5a00; --behind:#b3400c; --worse:#a3202f; --no_data:#5f6570;
  --bar-achieved:#1b7f3b; --bar-on_track:#5cb26f; --bar-nearly:#e0b32a; --bar-behind:#e8703a; --bar-worse:#b02a37;
  --bar-no_data:#d7dae0; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { font-family: "Hiragino Kaku Gothic ProN", "Hiragino Sans", "Yu Gothic UI", "Yu Gothic", YuGothic, Meiryo,
  "Noto Sans CJK JP", "Noto Sans JP", sans-serif; color: var(--ink); background: #fff; margin: 0;
  line-height: 1.6; font-size: 15px; overflow-wrap: anywhere; }
a { color: var(--link); }
a:focus-visible, .scroll:focus-visible { outline: 3px solid #f59f00; outline-offset: 2px; }
.skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: 6px 10px; }
.skip:focus { left: 8px; top: 8px; z-index: 10; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
header.site { background: #1d2330; color: #fff; padding: 10px 0; }
.wrap { max-width: 1100px; margin: 0 auto; padding: 0 16px; }
header.site a { color: #fff; }
.site-name { margin: 0; font-weight: 700; font-size: 15px; }
nav.crumbs ol { list-style: none; margin: 4px 0 0; padding: 0; font-size: 13px; display: flex; flex-wrap: wrap; }
nav.crumbs li + li::before { content: "›"; margin: 0 6px; color: #c9ced8; }
nav.crumbs [aria-current] { color: #e6e9ef; }
main { display: block; max-width: 1100px; margin: 0 auto; padding: 16px 16px 32px; }
footer.site { color: var(--muted); font-size: 13px; padding-bottom: 24px; }
footer.site .wrap > :first-child { border-top: 1px solid var(--line); padding-top: 12px; }
footer.site p { margin: 2px 0; }
h1 { font-size: 24px; line-height: 1.35; margin: 4px 0 6px; }
h2 { font-size: 19px; margin: 28px 0 8px; padding-bottom: 3px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 16px; margin: 18px 0 6px; }
p { margin: 6px 0; }
.lead { color: var(--muted); margin: 0 0 8px; }
.meta { color: var(--muted); font-size: 13px; }
.note { color: var(--muted); font-size: 13px; }
ul.plain { margin: 4px 0; padding-left: 20px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
dl.facts dt { color: var(--muted); font-weight: 600; }
dl.facts dd { margin: 0; }
.rating { white-space: nowrap; font-weight: 700; }
.rating.achieved { color: var(--achieved); } .rating.on_track { color: var(--on_track); }
.rating.nearly { color: var(--nearly); } .rating.behind { color: var(--behind); }
.rating.worse { color: var(--worse); } .rating.no_data { color: var(--no_data); }
.bar { display: flex; height: 14px; border-radius: 3px; overflow: hidden; background: var(--bar-no_data);
  margin: 6px 0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.bar span { display: block; height: 100%; }
.bar .achieved { background: var(--bar-achieved); } .bar .on_track { background: var(--bar-on_track); }
.bar .nearly { background: var(--bar-nearly); } .bar .behind { background: var(--bar-behind); }
.bar .worse { background: var(--bar-worse); } .bar .no_data { background: var(--bar-no_data); }
ul.counts { list-style: none; padding: 0; margin: 4px 0; display: flex; flex-wrap: wrap; gap: 2px 14px;
  font-size: 14px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 14px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; }
.card h2, .card h3 { margin: 0 0 4px; border: 0; padding: 0; font-size: 18px; }
.headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 10px; margin: 12px 0; }
.headline > div { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
.headline dt { color: var(--muted); font-size: 13px; font-weight: 600; }
.headline dd { margin: 2px 0 0; font-size: 20px; font-weight: 700; line-height: 1.3; }
.headline dd small { display: block; font-size: 12px; font-weight: 400; color: var(--muted); }
.progress { height: 10px; background: #e6e8ec; border-radius: 5px; overflow: hidden; margin-top: 6px;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.progress span { display: block; height: 100%; background: #2f5fc4; }
.scroll { overflow-x: auto; max-width: 100%; margin: 6px 0 12px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
caption { text-align: left; font-weight: 700; padding: 4px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; vertical-align: top; text-align: left; }
thead th { background: var(--head); white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.group th { background: #fafbfc; font-size: 15px; padding-top: 10px; }
.year { display: block; color: var(--muted); font-size: 12px; font-weight: 400; white-space: nowrap; }
td.mark { text-align: center; }
td.date { white-space: nowrap; }
table.years { width: auto; min-width: min(100%, 640px); }
table.marks th[scope="row"], table.counts th[scope="row"] { min-width: 9em; }
table.marks thead th, table.counts thead th { text-align: center; }
table.marks thead th:first-child, table.counts thead th:first-child { text-align: left; }
.review { border-left: 4px solid #2f5fc4; padding: 4px 0 4px 12px; margin: 10px 0; }
.review h3 { margin: 8px 0 2px; font-size: 15px; }
.review p { margin: 0 0 6px; }
figure.chart { margin: 10px 0; max-width: 620px; }
figcaption { font-size: 13px; color: var(--muted); }
svg.kpi-chart { display: block; max-width: 100%; height: auto; font-family: inherit; }
svg .grid { stroke: #e3e6eb; stroke-width: 1; } svg .axis { stroke: #7b8291; stroke-width: 1; }
svg .tick, svg .unit, svg .year { font-size: 11px; fill: #4a5260; } svg .era { font-size: 12px; fill: #1d2330; }
svg .planned { fill: none; stroke: #3b5bdb; stroke-width: 2; stroke-dasharray: 6 4; }
svg .actual-line { fill: none; stroke: #1d2330; stroke-width: 1.5; }
svg .actual { fill: #1d2330; } svg .expected { fill: #fff; stroke: #3b5bdb; stroke-width: 2; }
svg .target { fill: #f59f00; stroke: #1d2330; stroke-width: 1; }
ul.sources { font-size: 13px; color: var(--muted); padding-left: 20px; margin: 4px 0 10px; }
ul.downloads { padding-left: 20px; }
.print-only { display: none; }
@media (max-width: 600px) {
  body { font-size: 14px; }
  main { padding: 12px 12px 24px; }
  .wrap { padding: 0 12px; }
  table.marks th, table.marks td, table.counts th, table.counts td, table.years th, table.years td {
    padding: 4px 3px; font-size: 13px; }
  table.marks th[scope="row"], table.counts th[scope="row"] { min-width: 6.5em; }
  table.kpis thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.kpis tr { display: grid; grid-template-columns: 1fr 1fr; column-gap: 10px;
    border-bottom: 1px solid var(--line); padding: 6px 0; }
  table.kpis th, table.kpis td { display: block; border: 0; padding: 2px 4px; text-align: left; white-space: normal; }
  table.kpis th[scope="row"], table.kpis tr.group th { grid-column: 1 / -1; }
  table.kpis td::before { content: attr(data-label); display: block; font-size: 12px; color: var(--muted); }
  table.kpis td .year { display: inline-block; margin-left: 4px; }
  svg .tick, svg .unit { font-size: 15px; } svg .era { font-size: 16px; } svg .year { font-size: 13px; }
  h1 { font-size: 20px; }
  th, td { padding: 4px 6px; }
  .headline dd { font-size: 18px; }
}
@page { size: A4; margin: 12mm; }
@media print {
  body { font-size: 10pt; line-height: 1.45; }
  header.site, footer.site .screen-only, .skip, .downloads, .screen-only { display: none; }
  .print-only { display: block; }
  main { max-width: none; padding: 0; }
  footer.site { padding: 0; font-size: 7.5pt; }
  footer.site .wrap { max-width: none; padding: 0; }
  footer.site p { display: inline; margin: 0 3mm 0 0; }
  a { color: inherit; text-decoration: none; }
  h1 { font-size: 15pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 4mm 0 1.5mm; break-after: avoid; }
  .scroll { overflow: visible; }
  svg .tick, svg .unit, svg .year { font-size: 11px; } svg .era { font-size: 12px; }
  table { font-size: 8.5pt; } th, td { padding: 1.5px 4px; }
  thead { display: table-header-group; } tr { break-inside: avoid; }
  .headline { grid-template-columns: repeat(4, 1fr); gap: 2mm; margin: 2mm 0; }
  .headline > div { padding: 1.5mm 2.5mm; }
  .headline dd { font-size: 12pt; }
  body.kpi-page figure.chart { margin: 2mm 0; max-width: 150mm; }
  body.kpi-page svg.kpi-chart { max-height: 54mm; width: auto; }
  body.kpi-page ul.sources, body.kpi-page .note { font-size: 7.5pt; }
  body.kpi-page ul.sources { columns: 2; column-gap: 6mm; }
  body.kpi-page h3 { font-size: 10pt; margin: 2mm 0 1mm; }
  body.kpi-page th .year { display: inline; margin-left: 1.5mm; }
  body.kpi-page .review { margin: 2mm 0; padding: 0 0 0 3mm; }
  body.region-page .cards, body.region-page .screen-only { display: none; }
  .card, .review, figure { break-inside: avoid; }
}
"""
