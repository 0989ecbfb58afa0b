"""The header of a file to import: which column gives which field, as people name columns.

Headers may be kpi's own (``kpi_id,year,value,note,source``), the two-line headers of kpi's own
.xlsx files and templates (``実績値`` over ``value``), or Japanese aliases (``KPI ID``, ``年度``,
``実績値``…). Two columns naming the same field (``ID`` and ``KPI ID``, ``実績`` and ``実績値``)
are refused: kpi never picks one silently. Pure: rows of text in, an ``ImportTable`` out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Msg

HEADER_SEARCH = 10  # rows searched for the header (a title or a note may come first)


class Layout(NamedTuple):
    """The columns a kind of import file has: machine name -> header aliases, which are required
    (``instead``: a column that may stand for a required one), which other columns of kpi's own
    files are read past, and how to say the header in a message."""

    aliases: dict[str, tuple[str, ...]]
    required: tuple[str, ...]
    known: frozenset[str]
    example: Msg
    instead: dict[str, str]

    def name_of(self, key: str) -> str:
        for name, aliases in self.aliases.items():
            if key in aliases:
                return name
        return key if key in self.known else ""


VALUES = Layout(
    aliases={
        "kpi_id": ("kpi_id", "kpiid", "kpi id", "id", "kpi", "指標id", "指標"),
        "kpi_name": ("kpi_name", "kpi name", "kpi名", "指標名"),
        "year": ("year", "fy", "年度", "年"),
        "value": ("value", "actual", "実績値", "実績", "値", "数値"),
        "note": ("note", "備考", "メモ"),
        "source": ("source", "出典", "出所"),
        "office": ("office", "振興局"),
        "status": ("status", "速報/確定", "速報・確定", "速報確定", "確定/速報"),
        "half": ("half", "上期/下期", "上期・下期", "半期"),
        "form": ("form", "値の形"),
        "supplier": ("supplier", "記入する振興局", "returned_by", "返送した振興局"),  # (returned_by: an export)
        "year_label": ("year_label",),  # what the year holds, in words (kpi template): checked against the year
    },
    required=("kpi_id", "year", "value"),
    known=frozenset(
        {
            "region",
            "region_id",
            "offices",
            "office_id",
            "project",
            "project_id",
            "unit",
            "kind",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_year",
            "latest_value",
            "latest_year",
            "cumulative_so_far",
            "instructions",
            "correction",
            "recorded_at",
            "recorded_by",
        }
    ),
    example=Msg("kpi_id,year,value[,note,source] (or KPI ID,年度,実績値[,備考,出典])"),
    instead={"kpi_id": "kpi_name"},
)
REVIEWS = Layout(
    aliases={
        "project_id": ("project_id", "project id", "projectid", "プロジェクトid"),
        "year": ("year", "fy", "年度"),
        "assessment": ("assessment", "評価"),
        "direction": ("direction", "今後の方向性", "方向性"),
        "actions": ("actions", "取組状況"),
        "results": ("results", "成果・課題", "成果と課題"),
        "next": ("next", "今後の取組"),
        "reviewed_on": ("reviewed_on", "reviewed on", "検証日", "連携会議の日付"),
        "office": ("office", "振興局"),
        "year_label": ("year_label",),  # the year in words (kpi review template): checked against the year
    },
    required=("project_id", "year", "assessment", "direction"),
    known=frozenset({"project", "region", "kpis", "suggested", "suggested_label", "instructions"}),
    example=Msg(
        "project_id,year,assessment,direction[,actions,results,next,reviewed_on] "
        "(or プロジェクトID,年度,評価,今後の方向性)"
    ),
    instead={},
)


class ImportTable(NamedTuple):
    shown: str
    columns: dict[str, int]  # machine name -> cell index
    ignored: list[str]  # header cells that name nothing kpi reads
    rows: list[tuple[str, list[str]]]  # (where, cells) below the header
    header_where: str
    header_width: int
    notice: Msg | None  # how the file was read (an encoding guessed, the sheets read)
    header_at: int = 0  # the header's index among the rows given
    keys: tuple[str, ...] = ()  # each header cell's last line (a workbook kpi wrote: its machine name)


def column_name(header_cell: str, layout: Layout) -> str:
    """The machine column a header cell names, or "" (two-line cells: either line may name it)."""
    lines = [line for line in header_cell.replace("\r", "\n").split("\n") if line.strip()]
    for line in reversed(lines):
        key = unicodedata.normalize("NFKC", line).strip().lower().replace("_", " ").replace("　", " ")
        key = " ".join(key.split())
        for candidate in (key, key.replace(" ", "_"), key.replace(" ", "")):
            name = layout.name_of(candidate)
            if name:
                return name
    return ""


def is_header(cells: Sequence[str], layout: Layout) -> bool:
    names = {column_name(c, layout) for c in cells}
    return all(r in names or layout.instead.get(r, r) in names for r in layout.required)


def header_index(rows: Sequence[Sequence[str]], layout: Layout) -> int | None:
    """Which of the first rows is the header (None: none is)."""
    return next((i for i, cells in enumerate(rows[:HEADER_SEARCH]) if is_header(cells, layout)), None)


def table(shown: str, rows: list[tuple[str, list[str]]], notice: Msg | None, layout: Layout) -> ImportTable:
    """The rows of a file (or sheet) below its header, and which column gives which field."""
    while rows and not any(c.strip() for c in rows[-1][1]):
        rows.pop()
    if not rows:
        raise InputError(
            Msg("{shown}: empty; the first line must be the header {example}", shown=shown, example=layout.example)
        )
    at = header_index([cells for _, cells in rows], layout)
    if at is None:
        where, cells = rows[0]
        names = {column_name(c, layout) for c in cells}
        missing = [c for c in layout.required if c not in names]
        raise InputError(
            Msg(
                "{where}: the header lacks {columns}; the first line must be {example}",
                where=where,
                columns=", ".join(missing),
                example=layout.example,
            )
        )
    where, header = rows[at]
    columns: dict[str, int] = {}
    ignored: list[str] = []
    # kpi export's own file: its "actual" is the status figure beside the value, not a second value
    # (in a workbook kpi wrote, a header cell is its label over its machine name: the last line counts)
    keys = [([line.strip() for line in c.replace("\r", "\n").split("\n") if line.strip()] or [""])[-1] for c in header]
    exported = set(keys) >= STATUS_MARKS
    for i, cell in enumerate(header):
        name = "" if exported and keys[i] == "actual" else column_name(cell, layout)
        if name in columns:
            raise _collision(where, header[columns[name]], cell, name)
        if name in layout.aliases:
            columns[name] = i
        elif not name and cell.strip():
            ignored.append(_one_line(cell))
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    return ImportTable(shown, columns, ignored, rows[at + 1 :], where, width, notice, at, tuple(keys))


STATUS_MARKS = frozenset({"value", "actual", "expected"})  # the columns of kpi export's files


def _one_line(cell: str) -> str:
    return " ".join(cell.strip().split("\n"))


def _collision(where: str, first: str, second: str, name: str) -> InputError:
    return InputError(
        Msg(
            "{where}: the columns {first!r} and {second!r} both give the {field}; keep one of them "
            "(delete or rename the other) and import again",
            where=where,
            first=_one_line(first),
            second=_one_line(second),
            field=FIELDS.get(name, name),
        )
    )


FIELDS = {
    "kpi_id": Msg("KPI ID (kpi_id)"),
    "kpi_name": Msg("KPI name (kpi_name)"),
    "year": Msg("year (year)"),
    "value": Msg("value (value)"),
    "note": Msg("note (note)"),
    "source": Msg("source (source)"),
    "office": Msg("office (office)"),
    "project_id": Msg("project ID (project_id)"),
    "assessment": Msg("assessment (assessment)"),
    "direction": Msg("direction (direction)"),
    "actions": Msg("actions (actions)"),
    "results": Msg("results (results)"),
    "next": Msg("next steps (next)"),
    "reviewed_on": Msg("date of review (reviewed_on)"),
}
