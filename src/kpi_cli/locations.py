"""Where the plan and the ledger are, when the user does not say.

The plan: ``--plan`` / ``KPI_PLAN``; else ``data/plan.toml`` in the current folder or the
nearest parent that has one (as git finds its repository); else the plan shipped with kpi.
The ledger: ``--ledger`` / ``KPI_LEDGER``; else the ledger the plan names (``[edition]
ledger``, relative to the plan file); else ``ledger.csv`` beside the plan; for the shipped
plan, ``ledger.csv`` in the per-user data folder. A ``--ledger`` ending in a path separator
is a folder of writer files (created on the first write).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from kpi_cli.files import user_data_dir

PACKAGED_PLAN = Path(__file__).parent / "data" / "plan.toml"
LOCAL_PLAN = Path("data") / "plan.toml"


class Files(NamedTuple):
    plan: Path
    plan_is_packaged: bool
    ledger: Path
    ledger_is_folder: bool = False  # asked for as a folder (a trailing separator)
    ledger_is_explicit: bool = False  # given by --ledger / KPI_LEDGER


def find_plan(option: Path | None) -> tuple[Path, bool]:
    """The plan file to use, and whether it is the copy shipped with kpi."""
    if option is not None:
        return option, False
    here = Path.cwd()
    for folder in (here, *here.parents):
        candidate = folder / LOCAL_PLAN
        if candidate.is_file():
            return candidate if folder != here else LOCAL_PLAN, False
    return PACKAGED_PLAN, True


def find_ledger(option: str | None, plan: Path, plan_is_packaged: bool, named: str = "") -> tuple[Path, bool]:
    """The ledger path, and whether it was asked for as a folder."""
    if option:
        return Path(option), option.endswith((os.sep, "/"))
    if plan_is_packaged:
        return user_data_dir() / "ledger.csv", False
    if named:
        return plan.parent / named, named.endswith("/")
    return plan.parent / "ledger.csv", False


def resolve(plan_option: Path | None, ledger_option: str | None = None, named: str = "") -> Files:
    plan, packaged = find_plan(plan_option)
    ledger, folder = find_ledger(ledger_option, plan, packaged, named)
    return Files(plan, packaged, ledger, folder, bool(ledger_option))
