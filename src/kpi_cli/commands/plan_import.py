"""kpi plan import: build or extend a plan from a spreadsheet (new projects and KPIs added, known ids replaced)."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from decimal import Decimal
from typing import Annotated, NamedTuple

import typer

from kpi_cli.commands.editing import edit_plan
from kpi_cli.commands.options import ByOpt, DryRunOpt, LedgerOpt, PlanOpt
from kpi_cli.commands.session import Session, env_of
from kpi_cli.core.decimals import bound_problem, human, plain
from kpi_cli.core.model import Plan, split_key
from kpi_cli.core.years import era_and_western
from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.entries import Entry
from kpi_cli.ledger.format import NewRow, Row
from kpi_cli.ledger.import_file import decode, read_input_file
from kpi_cli.ledger.read import read as read_ledger
from kpi_cli.ledger.record import Options
from kpi_cli.locations import resolve
from kpi_cli.plan.edit import UnitChange, import_kpis, unit_changes


class Converted(NamedTuple):
    """A KPI whose unit changes in magnitude, and its values in force, each with its value in the new unit."""

    change: UnitChange
    values: list[tuple[Row, Decimal]]


def command(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="CSV with the columns of kpi kpis --format csv; - reads stdin.")],
    encoding: Annotated[
        str,
        typer.Option("--encoding", help="utf-8, utf-8-sig or cp932 (Excel on Japanese Windows); a BOM is detected."),
    ] = "utf-8",
    convert_units: Annotated[
        bool,
        typer.Option(
            "--convert-units",
            help="A KPI with recorded values whose unit changes in magnitude (万人 → 千人): record each of its "
            "values again in the new unit (a correction), then change the plan.",
        ),
    ] = False,
    dry_run: DryRunOpt = False,
    by: ByOpt = None,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Build or extend a plan from a spreadsheet: new projects and KPIs are added, known KPI ids replaced.

    The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields.
    A KPI whose unit would change while values are recorded for it is refused, unless the new unit is
    the old one in another magnitude and --convert-units is given: its values in force are then
    recorded again in the new unit (×10 for 万人 → 千人) as corrections, in one batch, and the plan is
    put back if they cannot be.

    \b
    Examples:
      kpi kpis -f csv > kpis.csv; kpi plan import kpis.csv --plan data/r7.toml
      kpi plan import kpis.csv --convert-units     (a KPI now counted in 千人, its values in 万人)
    """
    env = env_of(ctx)
    data, shown, forced = read_input_file(file, encoding, env.stdin)
    text, notice = decode(data, shown, forced)
    if notice is not None:
        env.warn(notice)
    planned: list[Converted] = []

    def change(p: Plan) -> Plan:
        new = import_kpis(p, text, shown)
        files = resolve(plan, ledger)
        if p.edition.ledger and not files.ledger_is_explicit and not files.plan_is_packaged:
            files = resolve(plan, ledger, p.edition.ledger)  # the ledger the plan names, as every command reads
        in_force = read_ledger(files.ledger).current
        recorded: dict[str, list[Row]] = {}
        for (key, _year), row in in_force.items():
            recorded.setdefault(split_key(key)[0], []).append(row)
        changes = unit_changes(p, new, {k: len(v) for k, v in recorded.items()}, convert=convert_units)
        planned[:] = [Converted(c, _converted(c, recorded[c.kpi.id])) for c in changes]
        return new

    def after(_old: Plan, _new: Plan) -> None:
        _record(ctx, plan, ledger, by, planned, dry_run=False)

    edit_plan(
        ctx,
        plan,
        change,
        lambda old, new: Msg(
            "imported {file}: {added} KPIs added, {n} in all",
            file=shown,
            added=len(new.kpis) - len(old.kpis),
            n=len(new.kpis),
        ),
        dry_run=dry_run,
        after=after,
    )
    if dry_run:
        _record(ctx, plan, ledger, by, planned, dry_run=True)


def _converted(change: UnitChange, rows: list[Row]) -> list[tuple[Row, Decimal]]:
    """Each value in the new unit; refused when one would need more decimal places than kpi keeps."""
    out = []
    for row in sorted(rows, key=lambda r: (r.kpi_id, r.year)):
        value = (Decimal(row.value) * change.factor).normalize()
        problem = bound_problem(value)
        if problem is not None:
            raise InputError(
                Msg(
                    "KPI {id}: {key} {year} = {value}{old} is {converted}{new} in the new unit, which is {problem}; "
                    "the plan was not changed (keep the unit, or give the KPI a new id)",
                    id=change.kpi.id,
                    key=row.kpi_id,
                    year=era_and_western(row.year),
                    value=human(Decimal(row.value)),
                    old=change.old,
                    converted=plain(value),
                    new=change.kpi.unit,
                    problem=problem,
                )
            )
        out.append((row, value))
    return out


def _record(
    ctx: typer.Context, plan: PlanOpt, ledger: LedgerOpt, by: str | None, planned: list[Converted], *, dry_run: bool
) -> None:
    """The values of the KPIs whose unit changed, recorded again in the new unit as one batch (or shown)."""
    if not planned:
        return
    s = Session.open(ctx, plan, ledger, writes=not dry_run)
    recorded_by, now = s.recorder(by), s.env.now_iso()
    entries = []
    for c in planned:
        said = f"単位換算 {c.change.old}→{c.change.kpi.unit}（×{human(c.change.factor)}）"
        for row, value in c.values:
            note = f"{row.note}（{said}）" if row.note else said
            new = NewRow(now, recorded_by, row.kpi_id, row.year, plain(value), note, row.source,
                         form=row.form, status=row.status)  # fmt: skip
            entries.append(Entry(c.change.kpi, new))
    done = s.record(entries, Options(correct=True, cumulative="yearly", unusual=True), dry_run=dry_run)
    for c in planned:
        what = Msg(
            "{n} values of {id} from {old} to {new} (×{factor})",
            n=len(c.values),
            id=c.change.kpi.id,
            old=c.change.old,
            new=c.change.kpi.unit,
            factor=human(c.change.factor),
        )
        if dry_run:
            s.say(Msg("dry run: would convert {what} in {ledger}; nothing written", what=what, ledger=s.files.ledger))
        else:
            s.say(Msg("converted {what} → {ledger}", what=what, ledger=done.file or s.files.ledger))
