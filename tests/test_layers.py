"""The import contract: it passes on the code, and fails when a lower layer imports a higher one."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).parent / "lint-imports"


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    return subprocess.run(
        [str(LINT), "--config", str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_contract_holds_and_breaks_on_an_upward_import(tmp_path: Path) -> None:
    assert _lint(REPO).returncode == 0
    copy = tmp_path / "repo"
    shutil.copytree(REPO / "src", copy / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copy(REPO / "pyproject.toml", copy / "pyproject.toml")
    years = copy / "src" / "kpi_cli" / "core" / "years.py"
    years.write_text(years.read_text("utf-8") + "\nimport kpi_cli.ledger.read  # noqa\n", "utf-8")
    broken = _lint(copy)
    assert broken.returncode != 0
    assert "BROKEN" in broken.stdout and "kpi_cli.core.years -> kpi_cli.ledger.read" in broken.stdout


def test_core_touches_no_files() -> None:
    """Nothing under core/ opens files or imports the modules that do."""
    for path in (REPO / "src" / "kpi_cli" / "core").glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                assert not {n.split(".")[0] for n in names} & {"os", "pathlib", "io", "shutil", "tempfile"}, path
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id != "open", path
