"""Plan edits from the command line: the plan in use changed under its lock, the result said."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import typer

from kpi_cli.commands.session import env_of
from kpi_cli.core.model import Plan
from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Msg
from kpi_cli.locations import find_plan
from kpi_cli.plan.write import edit


def edit_plan(
    ctx: typer.Context,
    plan: Path | None,
    change: Callable[[Plan], Plan],
    done: Callable[[Plan, Plan], Msg],
    *,
    dry_run: bool = False,
    after: Callable[[Plan, Plan], None] | None = None,
) -> None:
    """Change the plan in use under its lock (``plan.write.edit``) and say what was done; ``after`` runs
    once the plan is written, under its lock (the plan is put back when it fails, unless this call
    has written to the ledger by then)."""
    env = env_of(ctx)
    path, packaged = find_plan(plan)
    if packaged:
        raise InputError(
            Msg(
                "the plan shipped inside kpi is read-only; start your own with kpi plan init data/plan.toml "
                "(or copy it) and give it with --plan"
            )
        )
    old, new = edit(
        path,
        change,
        dry_run=dry_run,
        waiting=lambda: env.note(Msg("waiting for {plan}: another kpi is editing it", plan=path)),
        after=after,
        kept=lambda: bool(env.committed),
    )
    what = done(old, new)
    if dry_run:
        env.say(Msg("dry run: {what} → {plan}; nothing written", what=what, plan=path))
    else:
        env.say(Msg("{what} → {plan}", what=what, plan=path))
