"""kpi void: take back a value recorded by mistake (a tombstone row; nothing is deleted)."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import Annotated

import typer

from kpi_cli.commands.context import current_fy, find_kpi, open_plan, recorder, warn_discarded
from kpi_cli.commands.options import ByOpt, KpiArg, LedgerOpt, PlanOpt, complete_office
from kpi_cli.core import years as eras
from kpi_cli.errors import InputError


def command(
    kpi: KpiArg,
    year: Annotated[str, typer.Argument(help="The fiscal year whose value is taken back: 2019, R1, H31, ...")],
    reason: Annotated[str, typer.Option("--reason", help="Why the value is taken back (kept in the ledger).")],
    office: Annotated[
        str,
        typer.Option(
            "--office",
            help="Take back one 振興局's share of a KPI summed over offices.",
            show_default=False,
            autocompletion=complete_office,
        ),
    ] = "",
    by: ByOpt = None,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Take back the value in force for a KPI and year: it then counts as not recorded.

    The ledger keeps both rows (kpi history shows them); kpi record can then give the right value.

    \b
    Examples:
      kpi void donan-tourists R8 --reason "typo: meant R1"
      kpi record donan-tourists R1 1430
    """
    from kpi_cli.ledger.format import NewRow
    from kpi_cli.ledger.new_rows import Entry, check_text, link_rows
    from kpi_cli.ledger.write import append, now_iso

    if not reason.strip():
        raise InputError("--reason is empty; say why the value is taken back")
    files, p = open_plan(plan, ledger)
    match = find_kpi(p, kpi)
    fy = eras.parse_year(year)
    if fy > current_fy():
        raise InputError(f"FY{fy} ({eras.era(fy)}) has not started yet; check the year (and its era)")
    key = match.kpi.id
    if office:
        from kpi_cli.core.model import share_key
        from kpi_cli.plan.selection import share_of

        key = share_key(match.kpi.id, share_of(p, match.kpi, office))
    row = NewRow(now_iso(), check_text(recorder(by), "the recorder's name"), key, fy, "", reason_text(reason))
    entry = Entry(kpi=match.kpi, row=row, guessed=not match.exact, correct=True)
    result = append(
        files.ledger,
        [row],
        prepare=lambda whole: link_rows(whole, [entry]).rows,
        folder=files.ledger_is_folder,
    )
    warn_discarded(result)
    written = result.rows[0]
    print(
        f"voided: {match.kpi.name} [{key}] {eras.era_and_western(fy)} "
        f"(the row {written.correction[:12]}… no longer counts) → {written.file}:{written.line}"
    )


def reason_text(reason: str) -> str:
    from kpi_cli.ledger.new_rows import check_text

    return check_text(reason.strip(), "the reason")
