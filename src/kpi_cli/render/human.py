"""Human views (Japanese headers, formatted cells) of the listings, history and status."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from kpi_cli.core import years as eras
from kpi_cli.core.decimals import human, percent, places_of, signed
from kpi_cli.core.model import HALF_NAMES, Kpi, Plan, Project
from kpi_cli.core.trajectory import RATING_ORDER, Rating, Status
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.format import FIRST_VALUE, NewRow
from kpi_cli.render.labels import VALUE_LABELS
from kpi_cli.render.output import HumanView
from kpi_cli.reports.grouping import by_region
from kpi_cli.reports.history import HistoryEntry
from kpi_cli.reports.status import Change, ExportEntry
from kpi_cli.reports.values import Halves, Pending
from kpi_cli.reports.wide import WideEntry

if TYPE_CHECKING:  # types only: an import runs the recording workflow's module
    from kpi_cli.ledger.entries import Entry
    from kpi_cli.ledger.record import Linked

KIND_JA = VALUE_LABELS["kind"]  # one word for each kind, as the workbooks say it


def year_cell(year: int | None) -> str:
    return eras.era_and_western(year) if year is not None else ""


def value_cell(value: Any, unit: str) -> str:
    return f"{human(value)}{unit}" if value is not None else ""


def regions_view(plan: Plan, caption: str) -> HumanView:
    rows = []
    for r in plan.regions:
        projects = [p for p in plan.projects if p.region_id == r.id]
        offices = "、".join(o.name for o in plan.offices if o.region_id == r.id)
        printed = f"{len(projects)}/{r.project_count if r.project_count is not None else '?'}"
        rows.append([r.name, r.id, r.core_city, offices, printed, str(sum(len(p.kpis) for p in projects))])
    return HumanView(
        headers=["連携地域", "ID", "中核都市", "振興局", "事業(掲載/全)", "KPI"],
        id_column=1,
        rows=rows,
        right=frozenset({4, 5}),
        no_wrap=frozenset({1, 4, 5}),
        title="連携地域",
        caption=caption,
    )


def offices_view(records: Sequence[dict[str, Any]], caption: str) -> HumanView:
    """The 振興局 and what each supplies."""
    rows = [
        [r["name"], r["id"], r["region"], str(len(r["leads"])), str(len(r["kpis"])), "、".join(r["shares"]) or "―"]
        for r in records
    ]
    return HumanView(
        headers=["振興局", "ID", "連携地域", "主管事業", "KPI", "内訳を記入するKPI"],
        id_column=1,
        rows=rows,
        right=frozenset({3, 4}),
        no_wrap=frozenset({1, 3, 4}),
        title="振興局",
        caption=caption,
        below=1,
    )


def projects_view(plan: Plan, projects: Sequence[Project], caption: str) -> HumanView:
    rows = [
        [
            plan.region(p.region_id).name,
            p.name,
            p.id,
            "、".join(plan.office(o).name for o in p.office_ids),
            str(len(p.kpis)),
        ]
        for p in projects
    ]
    return HumanView(
        headers=["連携地域", "プロジェクト", "ID", "振興局", "KPI"],
        id_column=2,
        rows=rows,
        right=frozenset({4}),
        no_wrap=frozenset({2}),
        title=f"プロジェクト {len(projects)}件",
        caption=caption,
    )


def kpis_view(plan: Plan, kpis: Sequence[Kpi], caption: str) -> HumanView:
    """The KPIs with baseline and the target in force (the latest revision, marked)."""
    rows = []
    for k in kpis:
        b = k.baseline
        base = f"{value_cell(b.value, k.unit)}（{b.label or eras.era(b.year)}）" if b is not None else "―"
        latest = k.revisions[-1] if k.revisions else None
        t = latest.target if latest else k.target
        target = f"{value_cell(t.value, k.unit)}{'以上' if t.op == '>=' else ''}（{t.label or eras.era(t.year)}）"
        if latest is not None:
            target += f" ※{eras.era(latest.from_year)}改定"
        name = k.name + (" ※推定" if k.ownership == "inferred" else "")
        region = plan.region(plan.project(k.project_id).region_id).name
        rows.append([k.id, name, region, base, target, KIND_JA[k.kind]])
    return HumanView(
        headers=["ID", "KPI", "連携地域", "基準値", "目標値", "種別"],
        rows=rows,
        no_wrap=frozenset({0, 3, 4, 5}),
        stack_id=True,
        title=f"KPI {len(kpis)}件",
        caption=caption,
    )


ACTIONS = {"record": "記録", "correct": "訂正", "void": "取消", "unchanged": "変更なし", "skipped": "見送り"}


def new_rows_view(plan: Plan, linked: Linked, ja: bool) -> HumanView:
    """What an import would do with each row (a dry run), the reasons in the user's language."""
    cells = []
    listed: list[tuple[NewRow, Entry, Msg | None]] = [
        (row, e, None) for row, e in zip(linked.rows, linked.written, strict=True)
    ]
    listed += [(e.row, e, why) for e, why in (*linked.unchanged, *linked.skipped)]
    for row, e, why in listed:
        unit = e.kpi.unit if e.kpi is not None else ""
        if why is None:
            action = "void" if row.is_void else ("record" if row.correction == FIRST_VALUE else "correct")
        else:
            action = "unchanged" if (e, why) in linked.unchanged else "skipped"
        value = value_cell(Decimal(row.value), unit) if row.value else ""
        cells.append(
            [row.kpi_id, ACTIONS[action], year_cell(row.year), value, why.text(ja) if why is not None else row.note]
        )
    n = len(linked.rows)
    return HumanView(
        headers=["ID", "処理", "年度", "値", "備考・理由"],
        rows=cells,
        stack_id=False,
        right=frozenset({3}),
        no_wrap=frozenset({0, 1, 2, 3}),
        title=f"記録予定 {n}件",
        below=1,
    )


def history_view(entries: Sequence[HistoryEntry], caption: str) -> HumanView:
    rows = [
        [
            e.row.kpi_id,
            year_cell(e.row.year) + e.half,
            value_cell(None if e.row.is_void else e.row.decimal, e.kpi.unit if e.kpi else ""),
            e.state,
            e.row.recorded_at[:10],
            e.row.recorded_by,
            " ".join(x for x in (e.row.note, e.provenance) if x),
        ]
        for e in entries
    ]
    return HumanView(
        headers=["ID", "年度", "値", "状態", "記録日", "記録者", "備考"],
        rows=rows,
        right=frozenset({2}),
        no_wrap=frozenset({0, 1, 2, 3, 4}),
        below=2,
        title=f"記録履歴 {len(entries)}件",
        caption=caption,
    )


def kpi_history_view(
    entries: Sequence[HistoryEntry], caption: str, year_label: Callable[[int], str] = year_cell
) -> HumanView:
    """One KPI's history (kpi show): no id column (it is the same on every row), the share's
    振興局 (or 市町村) when the KPI is summed over parts, and the source; ``year_label`` names each year
    (what a calendar-year or point-in-time KPI's value counts)."""
    shares = any(e.office for e in entries)
    word = next((e.kpi.parts_word for e in entries if e.office and e.kpi is not None), "振興局")
    rows = []
    for e in sorted(entries, key=lambda x: (x.row.year, x.office, x.row.recorded_at)):
        r = e.row
        unit = e.kpi.unit if e.kpi else ""
        cells = [year_label(r.year) + e.half, value_cell(None if r.is_void else r.decimal, unit), e.state]
        cells += [r.recorded_at[:10], r.recorded_by]
        cells.append(" ".join(x for x in (r.note, r.source and f"出典: {r.source}", e.provenance) if x))
        rows.append([e.office or "全体", *cells] if shares else cells)
    headers = ["年度", "値", "状態", "記録日", "記録者", "備考・出典"]
    return HumanView(
        headers=[word, *headers] if shares else headers,
        rows=rows,
        right=frozenset({2 if shares else 1}),
        no_wrap=frozenset(range(5 if shares else 4)),
        below=2,
        title=f"記録履歴 {len(entries)}件",
        caption=caption,
    )


class StatusLine(NamedTuple):
    name: str
    unit: str
    baseline: str
    baseline_year: str
    target: str
    target_op: str  # '以上' for an at-least target, written after the unit
    target_year: str
    actual: str
    actual_year: str
    expected: str
    gap: str
    progress: str
    rating: Rating
    revised: str  # '' or a note on the revision in force
    change: str = ""  # 前年度比: +14 ('' without the previous year's value)
    change_rate: str = ""  # +1.5%


class ProjectGroup:
    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: list[StatusLine] = []


class RegionGroup:
    def __init__(self, name: str) -> None:
        self.name = name
        self.projects: list[ProjectGroup] = []
        self.counts: dict[Rating, int] = dict.fromkeys(RATING_ORDER, 0)

    @property
    def summary(self) -> str:
        parts = [f"{r.ja} {self.counts[r]}" for r in RATING_ORDER if self.counts.get(r)]
        return f"{self.name}: " + " · ".join(parts)


def status_line(
    s: Status,
    pending: Pending | None = None,
    older: tuple[int, Decimal] | None = None,
    mark: str = "",
    change: Change | None = None,
    said: str = "",
) -> StatusLine:
    """One KPI's table line; a year with only some 振興局 shares in shows as ``1/2 振興局``; ``said``:
    what the value is, under its year (速報, half-year values: see ``value_said``)."""
    kpi = s.kpi
    b = kpi.baseline
    unit = kpi.unit
    places = places_of(b.value if b else None, s.target.value)
    if b is not None:
        baseline = human(b.value)
        baseline_year = b.label.replace("～", "～\n", 1) if b.is_average else eras.era_and_western(b.year)
    elif kpi.period is not None:
        baseline, baseline_year = "―", f"累計{eras.era(kpi.period.start)}～"
    else:
        baseline, baseline_year = "―", ""
    target = human(s.target.value)
    revised = ""
    if s.revision is not None:
        revised = f"{eras.era(s.revision.from_year)}改定（当初 {human(kpi.target.value)}{unit}）"
    actual_places = max(places, places_of(s.actual))
    return StatusLine(
        name=kpi.name + (f" {mark}" if mark else ""),
        unit=unit,
        baseline=baseline,
        baseline_year=baseline_year,
        target=target,
        target_op="以上" if s.target.op == ">=" else "",
        target_year=eras.era_and_western(s.target.year),
        actual=_actual_cell(s, pending) if older is None else f"（{human(older[1])}）",
        actual_year=(eras.era_and_western(s.as_of_year) if older is None else f"{eras.era_and_western(older[0])}時点")
        + _later_partial(s, pending).replace("（", "\n", 1).replace("）", "")
        + said,
        expected=human(s.expected, places=actual_places) if s.expected is not None else "―",
        gap=signed(s.gap, places=actual_places) if s.gap is not None else "",
        progress=percent(s.progress),
        rating=s.rating,
        revised=revised,
        change=signed(change.change, places=actual_places) if change is not None else "",
        change_rate=signed_percent(change.rate) if change is not None else "",
    )


def value_said(provisional: bool, halves: Halves | None) -> str:
    """Under a KPI's year in the status table: 速報 when its value is one, then the half-year values
    (R2上期 520, 下期 530), which are shown and never rated."""
    out = " 速報" if provisional else ""
    if halves is not None:
        year, values = halves
        parts = [f"{HALF_NAMES[h]} {human(v)}" for h, v in sorted(values.items())]
        out += f"\n{eras.era(year)}" + "・".join(parts)
    return out


def signed_percent(ratio: Decimal | None) -> str:
    """A rate of change for people: +1.5% / -0.8% ('' for None)."""
    if ratio is None:
        return ""
    return ("+" if ratio > 0 else "") + percent(ratio)


def _actual_cell(s: Status, pending: Pending | None) -> str:
    if s.actual is not None:
        return human(s.actual)
    if pending is not None and pending.year == s.as_of_year:
        return f"{pending.recorded}/{pending.total} {s.kpi.parts_word}"
    if s.unknown_years:
        return f"{years_span(s.unknown_years)}不明"
    return "―"


def years_span(years: Sequence[int]) -> str:
    """Years as people write them: H28・H30, or H28～H30 for a run of three or more."""
    out: list[str] = []
    run: list[int] = []
    for y in [*sorted(years), 0]:
        if run and y == run[-1] + 1:
            run.append(y)
            continue
        if run:
            out.append(f"{eras.era(run[0])}～{eras.era(run[-1])}" if len(run) >= 3 else "・".join(map(eras.era, run)))
        run = [y]
    return "・".join(out)


def _later_partial(s: Status, pending: Pending | None) -> str:
    if pending is None or pending.year == s.as_of_year:
        return ""
    return f"（{eras.era(pending.year)}:{pending.recorded}/{pending.total}）"


def status_groups(
    plan: Plan,
    statuses: Sequence[Status],
    pending: Mapping[str, Pending | None] | None = None,
    headlines: Mapping[str, str] | None = None,
    older: Mapping[str, tuple[int, Decimal]] | None = None,
    marks: Mapping[str, str] | None = None,
    changes: Mapping[str, Change] | None = None,
    said: Mapping[str, str] | None = None,
) -> list[RegionGroup]:
    """Lines grouped by region and project. ``older``: for a KPI without a value for the year
    asked, its latest earlier value (shown in brackets with its year, not rated for that year)."""
    out = []
    for rid, projects in by_region(plan, statuses).items():
        group = RegionGroup(plan.region(rid).name)
        for pid, found in projects.items():
            headline = (headlines or {}).get(pid)
            pg = ProjectGroup(plan.project(pid).name + (f"［{headline}］" if headline else ""))
            group.projects.append(pg)
            for s in found:
                k = s.kpi.id
                pg.lines.append(
                    status_line(
                        s,
                        (pending or {}).get(k),
                        (older or {}).get(k),
                        (marks or {}).get(k, ""),
                        (changes or {}).get(k),
                        (said or {}).get(k, ""),
                    )
                )
                group.counts[s.rating] += 1
        out.append(group)
    return out


STATUS_HEADERS = [
    "連携地域",
    "プロジェクト",
    "KPI",
    "単位",
    "基準値",
    "目標値",
    "年度",
    "実績",
    "前年度比",
    "期待値",
    "差",
    "進捗率",
    "評価",
]


def overall(groups: Sequence[RegionGroup]) -> str:
    """All regions shown, counted together ("" for one region)."""
    if len(groups) < 2:
        return ""
    total = dict.fromkeys(RATING_ORDER, 0)
    for g in groups:
        for rating, n in g.counts.items():
            total[rating] += n
    return "全体: " + " · ".join(f"{r.ja} {total[r]}" for r in RATING_ORDER if total[r])


def status_markdown_view(groups: Sequence[RegionGroup], caption: str) -> HumanView:
    rows = []
    for g in groups:
        for p in g.projects:
            for line in p.lines:
                rows.append(
                    [
                        g.name,
                        p.name,
                        line.name + (f"（{line.revised}）" if line.revised else ""),
                        line.unit,
                        f"{line.baseline}（{line.baseline_year}）" if line.baseline_year else line.baseline,
                        f"{line.target}{line.target_op}（{line.target_year}）",
                        line.actual_year,
                        line.actual,
                        f"{line.change}（{line.change_rate}）" if line.change_rate else line.change,
                        line.expected,
                        line.gap,
                        line.progress,
                        line.rating.ja,
                    ]
                )
    summary = "  \n".join([*(g.summary for g in groups), *([overall(groups)] if len(groups) > 1 else [])])
    return HumanView(
        headers=STATUS_HEADERS,
        rows=rows,
        right=frozenset({7, 8, 9, 10, 11}),
        caption=f"{summary}\n\n{caption}" if summary else caption,
    )


def export_view(entries: Sequence[ExportEntry], caption: str) -> HumanView:
    """Each recorded value with that year's figures; a cumulative KPI's running total in 累計;
    derived figures to the decimals of the KPI's own (as in ``kpi status``)."""
    rows = []
    for e in entries:
        s, unit = e.status, e.status.kpi.unit
        if e.part:  # a 振興局's share or a half-year's value (said under its year): the value alone, never rated
            year = e.row.year if e.row is not None else s.as_of_year
            rows.append([s.kpi.id, f"{year_cell(year)}\n{e.part_said}", value_cell(e.value, unit), "", "", "", "", ""])
            continue
        b = s.kpi.baseline
        places = max(places_of(b.value if b else None, s.target.value), places_of(e.value))
        rows.append(
            [
                s.kpi.id,
                year_cell(s.as_of_year),
                value_cell(e.value, unit),
                human(s.actual) if s.kpi.kind == "cumulative" and s.actual is not None else "",
                human(s.expected, places=places) if s.expected is not None else "",
                signed(s.gap, places=places),
                percent(s.progress),
                s.rating.ja,
            ]
        )
    return HumanView(
        headers=["ID", "年度", "値", "累計", "期待値", "差", "進捗率", "評価"],
        id_column=0,
        optional=frozenset() if any(r[3] for r in rows) else frozenset({3}),  # no cumulative KPI
        rows=rows,
        right=frozenset({2, 3, 4, 5, 6}),
        no_wrap=frozenset({0, 2, 3, 4, 5, 6, 7}),
        title=f"実績一覧 {len(entries)}件",
        caption=caption,
    )


def wide_view(entries: Sequence[WideEntry], years: Sequence[int], caption: str) -> HumanView:
    """Years as columns: baseline, each year's actual, target (with the unit), rating."""
    rows = []
    shares = any(e.office is not None for e in entries)
    for e in entries:
        k, b = e.status.kpi, e.status.kpi.baseline
        if e.office is not None:  # a 振興局's share: in CSV, JSON and the workbook (a terminal has no room)
            continue
        rows.append(
            [
                f"{k.id}［{k.unit}］",
                value_cell(b.value if b else None, ""),
                *(value_cell(e.values.get(y), "") for y in years),
                value_cell(e.status.target.value, ""),
                e.status.rating.ja,
            ]
        )
    n = len(years)
    return HumanView(
        headers=["ID［単位］", "基準値", *(eras.era(y) for y in years), "目標値", "評価"],
        id_column=0,
        # when narrow: years without values, then the baseline (it is in kpi kpis and the workbook)
        optional=frozenset(2 + i for i in range(n) if not any(r[2 + i] for r in rows)) | {1},
        rows=rows,
        right=frozenset(range(1, n + 3)),
        no_wrap=frozenset(range(n + 4)),
        title=f"年度別実績 {len(rows)}件",
        caption=caption + ("\n振興局別の内訳の行は --format csv か -o FILE.xlsx にあります" if shares else ""),
    )
