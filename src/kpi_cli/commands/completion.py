"""kpi completion: print the shell completion script (bash, zsh, fish, PowerShell)."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from enum import StrEnum
from typing import Annotated

import typer


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"
    pwsh = "pwsh"


def command(shell: Annotated[Shell, typer.Argument(help="bash, zsh, fish, powershell or pwsh.")]) -> None:
    """Print the completion script for a shell: commands, options, KPI ids, regions, offices, projects.

    \b
    Examples:
      kpi completion bash > ~/.local/share/bash-completion/completions/kpi
      kpi completion zsh > "${fpath[1]}/_kpi"
      kpi completion fish > ~/.config/fish/completions/kpi.fish
      kpi completion powershell >> $PROFILE
    """
    from typer._completion_shared import get_completion_script

    print(get_completion_script(prog_name="kpi", complete_var=COMPLETE_VAR, shell=shell.value))


COMPLETE_VAR = "_KPI_COMPLETE"
