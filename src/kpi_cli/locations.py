"""Where the plan and the ledger are, when the user does not say."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .records import record

PACKAGED_PLAN = Path(__file__).parent / "data" / "plan.toml"


@record
class Files:
    plan: Path
    plan_is_packaged: bool
    ledger: Path


def find_plan(option: Path | None) -> tuple[Path, bool]:
    """--plan / KPI_PLAN, else ./data/plan.toml, else the copy shipped in the package."""
    if option is not None:
        return option, False
    local = Path("data") / "plan.toml"
    if local.is_file():
        return local, False
    return PACKAGED_PLAN, True


def user_data_dir() -> Path:
    """The per-user data folder (used when the packaged plan is in use)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "kpi"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "kpi"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "kpi"


def find_ledger(option: Path | None, plan: Path, plan_is_packaged: bool) -> Path:
    """--ledger / KPI_LEDGER, else ledger.csv beside the plan (per-user folder for the packaged plan)."""
    if option is not None:
        return option
    if plan_is_packaged:
        return user_data_dir() / "ledger.csv"
    return plan.parent / "ledger.csv"


def resolve(plan_option: Path | None, ledger_option: Path | None = None) -> Files:
    plan, packaged = find_plan(plan_option)
    return Files(plan=plan, plan_is_packaged=packaged, ledger=find_ledger(ledger_option, plan, packaged))
