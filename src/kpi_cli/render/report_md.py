"""`kpi report -o FILE.md`: the 推進状況 document as Markdown (for a wiki, a mail or a diff).

The same parts as the HTML report, without charts: rating counts per part, each project's
評価 and 今後の方向性, then per project its KPIs (前年度比, the shares of the areas asked for),
each year's actuals, the notes and sources and the review text.
Text is inert: cells and headings are escaped inline (no HTML, no links, no code spans), and a review's
text or a ledger note is shown as plain paragraphs, whatever its lines start with (a ``` opens no
fence, a # no heading, a - no list).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from kpi_cli.core import years as eras
from kpi_cli.core.decimals import human
from kpi_cli.core.trajectory import RATING_ORDER, Status
from kpi_cli.render.human import status_line, value_said
from kpi_cli.render.labels import wareki_date
from kpi_cli.reports.meeting import MeetingReport

# Characters that make inline structure (code spans, emphasis, links, HTML, entities, strikethrough, cells),
# each shown as itself
_INLINE = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "~": "\\~",
        "|": "\\|",
        "[": "\\[",
        "]": "\\]",
        "<": "&lt;",
        ">": "&gt;",
        "&": "&amp;",
    }
)
# What opens a block at the start of a line: a heading, a list item, a setext underline or a thematic break
# (``*``, ``_``, backquotes and tildes, which open fences, are escaped inline already)
_BLOCK_START = r"[#+=-]|[0-9]{1,9}[.)]"


def _esc(text: str) -> str:
    """Text as inline text of one line (a table cell, a heading): no structure of its own."""
    return text.translate(_INLINE).replace("\n", "<br>")


def _paragraphs(text: str) -> str:
    """Text from a file (a review, a note) as plain paragraphs: every line inert, whatever it starts with
    (no heading, list, quote, fence or indented code), its line breaks kept."""
    lines = []
    for raw in text.split("\n"):
        line = raw.strip().translate(_INLINE)
        start = re.match(_BLOCK_START, line)
        if start is not None:
            line = line[: start.end() - 1] + "\\" + line[start.end() - 1 :]
        lines.append(line)
    return "  \n".join(lines)


def report_markdown(r: MeetingReport) -> str:
    """The document as Markdown: the areas' own projects first, then those shared with other regions."""
    day = wareki_date(r.generated.year, r.generated.month, r.generated.day)
    out = [
        f"# {_esc(r.title)}",
        "",
        f"{_esc(r.plan.edition.name)} · {_esc(str(r.meta['as_of_rule']))} · {day}",
        "",
    ]
    out += ["## 評価の概要", "", "| 区分 | " + " | ".join(x.ja for x in RATING_ORDER) + " |"]
    out.append("|---|" + "---:|" * len(RATING_ORDER))
    for section in r.sections:
        counts = {x: sum(1 for _p, g in section.projects for s in g if s.rating is x) for x in RATING_ORDER}
        out.append(f"| {_esc(section.title)} | " + " | ".join(str(counts[x]) for x in RATING_ORDER) + " |")
    out += ["", "| プロジェクト | 評価 | 今後の方向性 | KPIからの目安 |", "|---|---|---|---|"]
    for section in r.sections:
        for project, _group in section.projects:
            rec = r.reviews.get(project.id)
            said = ["未記入", "", ""]
            if rec:
                said = [
                    r.earlier_review(rec) + rec.assessment,
                    rec.direction,
                    rec.suggested.label if rec.suggested else "",
                ]
            out.append(f"| {_esc(project.name)} | " + " | ".join(_esc(x) for x in said) + " |")
    for section in r.sections:
        out += ["", f"## {_esc(section.title)}"]
        for project, group in section.projects:
            out += _project(r, project.name, group)
    return "\n".join(out) + "\n"


def _year_cell(year: int, mine: Mapping[int, Decimal], given: Mapping[int, Decimal]) -> str:
    """A year's value, or the running total given for it, marked as one."""
    if year in mine:
        return human(mine[year])
    return f"{human(given[year])}（累計）" if year in given else ""


def _project(r: MeetingReport, name: str, group: Sequence[Status]) -> list[str]:
    """One project: its KPIs (with the shares of the areas asked for), each year's actuals, notes and
    sources, and the review text."""
    out = ["", f"### {_esc(name)}", ""]
    out += [
        "| KPI | 基準値 | 目標値 | 実績 | 前年度比 | 期待値 | 差 | 進捗率 | 評価 |",
        "|---|" + "---:|" * 7 + "---|",
    ]
    for s in group:
        line = status_line(s, change=r.changes.get(s.kpi.id), said=value_said(r.is_provisional(s), None))
        cells = [
            f"{line.name}［{line.unit}］",
            f"{line.baseline}（{line.baseline_year}）",
            f"{line.target}{line.target_op}（{line.target_year}）",
            f"{line.actual}（{line.actual_year}）",
            f"{line.change}（{line.change_rate}）" if line.change_rate else line.change,
            line.expected,
            line.gap,
            line.progress,
            line.rating.ja,
        ]
        out.append("| " + " | ".join(_esc(c) for c in cells) + " |")
        now = r.shares.get(s.kpi.id, {}).get(s.as_of_year, {})
        for office in [o for o in (r.focus or s.kpi.parts) if o in s.kpi.parts and o in now]:
            out.append(f"| うち{_esc(r.plan.office(office).name)}分 |  |  | {human(now[office])} |  |  |  |  |  |")
    actuals, totals = r.values, r.totals
    years = sorted(
        {y for s in group for y in (*actuals.get(s.kpi.id, {}), *totals.get(s.kpi.id, {})) if y <= s.as_of_year}
    )
    if years:
        out += ["", "| 年度別実績 | " + " | ".join(eras.era(y) for y in years) + " |", "|---|" + "---:|" * len(years)]
        for s in group:
            mine, given = actuals.get(s.kpi.id, {}), totals.get(s.kpi.id, {})
            cells = [_year_cell(y, mine, given) for y in years]
            out.append(f"| {_esc(s.kpi.name)} | " + " | ".join(cells) + " |")
    lines = [
        line
        for s in group
        for line in (*r.notes.get(s.kpi.id, ()), *([r.sources[s.kpi.id]] if s.kpi.id in r.sources else []))
    ]
    out += [""] + [f"- {_paragraphs(line)}" for line in lines] if lines else []
    rec = r.reviews.get(group[0].kpi.project_id) if group else None
    if rec:
        rv = rec.review
        out += ["", f"**{eras.era(rv.year)}評価**: {_esc(rec.assessment)} · **今後の方向性**: {_esc(rec.direction)}"]
        for text, head in ((rv.actions, "取組状況"), (rv.results, "成果・課題"), (rv.next, "今後の取組")):
            if text:
                out += ["", f"**{head}**", "", _paragraphs(text)]
    return out
