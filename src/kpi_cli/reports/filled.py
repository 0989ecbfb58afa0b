"""What a person typed into a sheet that the ledger does not hold yet.

``kpi template -o`` and ``kpi review template -o`` onto an existing collection or review sheet
(.xlsx or CSV) are refused when it holds such cells, unless ``--force``: a filled-in sheet is
never replaced silently. A cell equal to what the ledger already holds (the sheet was imported)
counts as kept; a file that is not a sheet of that kind (no such header), or that kpi wrote as a
record of the ledger (an export or history: it has a recorded_at column), is not looked into.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from kpi_cli.core.model import Plan
from kpi_cli.errors import InputError, KpiError
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.import_file import REVIEWS, VALUES, ImportTable, Layout, read_import
from kpi_cli.ledger.reviews import TEXTS, Review
from kpi_cli.reports.values import KpiValues

MAX_SHEET = 64 << 20  # bytes: a larger file is not a sheet kpi wrote


def _table(path: Path, layout: Layout) -> ImportTable | None:
    """The existing file as a sheet of ``layout``, or None (no file, or not such a sheet)."""
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size > MAX_SHEET:
            return None
        found = read_import(path.read_bytes(), str(path), None, layout)
    except (OSError, KpiError):
        return None
    if "recorded_at" in found.keys:
        return None  # kpi's own record of what the ledger held (export, history, review list): no sheet to fill
    return found


def _cells(table: ImportTable, cells: list[str]) -> dict[str, str]:
    return {name: cells[i].strip() for name, i in table.columns.items() if i < len(cells)}


def unsaved_values(plan: Plan, values: KpiValues, path: Path) -> list[str]:
    """The places of the rows of a collection sheet whose 実績値 the ledger does not hold (as typed)."""
    from kpi_cli.core.decimals import parse_value
    from kpi_cli.core.years import parse_year

    table = _table(path, VALUES)
    if table is None:
        return []
    offices = {o.name: o.id for o in plan.offices} | {o.id: o.id for o in plan.offices}
    out = []
    for where, raw in table.rows:
        cell = _cells(table, raw)
        if not cell.get("value"):
            continue
        try:
            kpi, year = cell.get("kpi_id", ""), parse_year(cell.get("year", ""))
            office = offices.get(cell.get("office", ""), "")
            if office:
                held = values.shares.get(kpi, {}).get(year, {}).get(office)
            else:
                held = values.actuals.get(kpi, {}).get(year)
            unit = next((k.unit for k in plan.kpis if k.id == kpi), None)  # (a value typed with its unit)
            if held is not None and parse_value(cell["value"], unit) == held:
                continue
        except KpiError:
            pass
        out.append(where)
    return out


def _text(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def unsaved_reviews(plan: Plan, reviews: Mapping[tuple[str, int], Review], path: Path) -> list[str]:
    """The places of the rows of a review sheet whose 評価, 今後の方向性 or texts differ from the review
    in force for that project and year (or have none)."""
    from kpi_cli.core.years import parse_year
    from kpi_cli.plan.vocabulary import term_code

    table = _table(path, REVIEWS)
    if table is None:
        return []
    v = plan.vocabulary
    out = []
    for where, raw in table.rows:
        cell = _cells(table, raw)
        typed = {k: cell.get(k, "") for k in ("assessment", "direction", *TEXTS)}
        if not any(typed.values()):
            continue
        try:
            held = reviews.get((cell.get("project_id", ""), parse_year(cell.get("year", ""))))
            if held is not None and (
                term_code(v.assessments, typed["assessment"], "") == held.assessment
                and term_code(v.directions, typed["direction"], "") == held.direction
                and all(_text(typed[k]) == _text(getattr(held, k)) for k in TEXTS)
            ):
                continue
        except KpiError:
            pass
        out.append(where)
    return out


def refuse_unsaved(output: Path, places: list[str], command: str, *, forceable: bool = True) -> None:
    """One line: the sheet holds what was typed and not imported; import it, or --force (a command
    without --force: write elsewhere)."""
    if not places:
        return
    n = len(places)
    fix = Msg("give --force to replace the file") if forceable else Msg("write the output elsewhere")
    raise InputError(
        Msg(
            "{output} holds {n} filled-in rows that are not in the ledger (the first: {where}); import them "
            "({command} {output}) or {fix}",
            output=output,
            n=n,
            where=places[0],
            command=command,
            fix=fix,
        )
        if n > 1
        else Msg(
            "{output} holds a filled-in row that is not in the ledger ({where}); import it ({command} {output}) "
            "or {fix}",
            output=output,
            where=places[0],
            command=command,
            fix=fix,
        )
    )
