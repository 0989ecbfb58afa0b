"""kpi completion: print the shell completion script (bash, zsh, fish, PowerShell)."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from enum import StrEnum
from typing import Annotated

import typer
from typer._completion_shared import get_completion_script

from kpi_cli.commands.session import env_of


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"
    pwsh = "pwsh"


def command(
    ctx: typer.Context, shell: Annotated[Shell, typer.Argument(help="bash, zsh, fish, powershell or pwsh.")]
) -> None:
    """Print the completion script for a shell: commands, options, KPI ids, regions, offices, projects.

    \b
    Examples:
      kpi completion bash > ~/.local/share/bash-completion/completions/kpi
      kpi completion zsh > "${fpath[1]}/_kpi"
      kpi completion fish > ~/.config/fish/completions/kpi.fish
      kpi completion powershell >> $PROFILE
    """
    script = get_completion_script(prog_name="kpi", complete_var=COMPLETE_VAR, shell=shell.value)
    env_of(ctx).stdout.write(script + "\n")


COMPLETE_VAR = "_KPI_COMPLETE"
