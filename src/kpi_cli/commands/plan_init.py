"""kpi plan init: Start a new plan with the 6 連携地域 and 14 振興局 and no projects."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from pathlib import Path
from typing import Annotated

import typer

from kpi_cli.commands.session import env_of
from kpi_cli.core.years import parse_year
from kpi_cli.files import is_windows_device
from kpi_cli.i18n.msg import Msg
from kpi_cli.locations import PACKAGED_PLAN
from kpi_cli.plan.edit import init_plan
from kpi_cli.plan.load import load_plan
from kpi_cli.plan.write import checked, write_atomic


def command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="The new plan file (must not exist).")],
    edition: Annotated[
        str, typer.Option("--edition", help="The edition's name, e.g. 連携地域別政策展開方針（令和7年）.")
    ],
    start: Annotated[str, typer.Option("--start", help="First fiscal year of the edition, e.g. R7 or 2025.")],
) -> None:
    """Start a new plan with the 6 連携地域 and 14 振興局 and no projects.

    The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields.

    \b
    Examples:
      kpi plan init data/r7.toml --edition "連携地域別政策展開方針（令和7年）" --start R7
    """
    env = env_of(ctx)
    new = init_plan(load_plan(PACKAGED_PLAN), edition=edition, start_year=parse_year(start))
    own = f"{path.stem}-ledger.csv"  # (aux.r7.toml: aux.r7-ledger.csv is a device on Windows)
    new = new._replace(edition=new.edition._replace(ledger="_" + own if is_windows_device(own) else own))
    write_atomic(path, checked(new, path), overwrite=False)
    env.say(
        Msg(
            "created {path}: {regions} regions, {offices} offices, no projects yet; its values go to its own "
            "ledger {ledger}",
            path=path,
            regions=len(new.regions),
            offices=len(new.offices),
            ledger=path.parent / new.edition.ledger,
        )
    )
