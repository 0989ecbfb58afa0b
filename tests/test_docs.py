"""The README tells the truth: its commands exist, its set-up is what CI runs, its examples print what they show."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO, SHIPPED_PLAN, Runner
from kpi_cli import cli

README = (REPO / "README.md").read_text("utf-8")
CI = (REPO / ".ci" / "run").read_text("utf-8")


def _console_examples() -> dict[str, str]:
    """Map 'kpi ...' command lines of the README's console blocks to their shown output."""
    out: dict[str, str] = {}
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        parts = re.split(r"^\$ ", block, flags=re.M)
        for part in parts[1:]:
            command, _, shown = part.partition("\n")
            out[command.strip()] = shown.rstrip("\n") + "\n"
    return out


def test_every_command_documented_with_help() -> None:
    """Every command is in the README, and the summary kpi --help lists (from the command table,
    without importing the command) is the first line of the command's own help."""
    from importlib import import_module

    tables = [("", cli.COMMANDS), *((f"{g} ", t) for g, (t, _) in cli.GROUPS.items())]
    for prefix, table in tables:
        for name, (module, summary) in table.items():
            assert f"kpi {prefix}{name}" in README, name
            doc = (import_module(f"kpi_cli.commands.{module}").command.__doc__ or "").strip()
            assert doc.split("\n")[0] == summary, name


def test_quick_start_is_what_ci_runs() -> None:
    setup = re.search(r"```sh\n(.*?)\n(.*?)\n```", README, re.S)
    assert setup is not None
    install = setup.group(1).split(" && .venv/bin/kpi ")[0]
    assert install in CI
    assert setup.group(2) in CI


@pytest.mark.parametrize(
    "command", ["kpi plan check --format table", "kpi regions", "kpi kpis --region 十勝", "kpi status --region 十勝"]
)
def test_readme_examples_print_what_they_show(kpi: Runner, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    Path("data").mkdir()
    shutil.copy(SHIPPED_PLAN, "data/plan.toml")
    if command.startswith("kpi status"):  # the quick start: the shipped published figures, in a copy
        shipped = SHIPPED_PLAN.with_name("ledger.csv")
        shutil.copy(shipped, "data/ledger.csv")
        shutil.copy(shipped.with_name("ledger.csv.head"), "data/ledger.csv.head")
        monkeypatch.delenv("KPI_LEDGER")
    monkeypatch.setenv("COLUMNS", "100")
    args = command.split()[1:]
    if "--format" not in args:
        args += ["--format", "table"]
    r = kpi(*args)
    assert r.code == 0
    assert r.out == _console_examples()[command]


def test_no_stray_files_in_the_repository_root() -> None:
    """Inputs made while trying kpi by hand belong in a temporary folder, not beside pyproject.toml."""
    root = Path(__file__).resolve().parent.parent
    stray = sorted(p.name for p in root.iterdir() if p.is_file() and p.suffix in {".csv", ".tsv", ".xlsx", ".json"})
    stray += sorted(p.name for p in root.iterdir() if p.suffix == ".toml" and p.name != "pyproject.toml")
    assert stray == []


WALK = "/tmp/kpi-r1"  # the walk-through's folder, as the README writes it


def _walk_through() -> list[tuple[str, str]]:
    """The README's yearly walk-through: (command line, what it shows: stderr, then stdout)."""
    block = README.split("<!-- the yearly walk-through: tests/test_docs.py runs it as written -->\n```console\n")[1]
    block = block.split("```", 1)[0]
    steps = []
    for part in re.split(r"^\$ ", block, flags=re.M)[1:]:
        command, _, shown = part.partition("\n")
        steps.append((command.strip(), shown.rstrip("\n") + "\n" if shown.strip() else ""))
    return steps


def test_the_yearly_walk_through_runs_as_written(kpi: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from a copy of the repository's plan and examples/R1 (the sheets three offices returned)."""
    import secrets
    import shlex
    import time
    from datetime import datetime

    from kpi_cli import streams

    Path("data").mkdir()
    shutil.copy(SHIPPED_PLAN, "data/plan.toml")
    shutil.copytree(REPO / "examples" / "R1", "examples/R1")
    folder = Path(f"/tmp/{secrets.token_hex(3)}")  # as long as /tmp/kpi-r1: tables wrap where the README shows
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    monkeypatch.setattr(streams, "_clock", lambda: datetime(2020, 6, 15, 10, 0).astimezone())
    try:
        steps = _walk_through()
        assert steps[0] == (f"mkdir -p {WALK} && export KPI_LEDGER={WALK}/ledger.csv", "")
        assert len(str(folder)) == len(WALK)
        folder.mkdir()
        monkeypatch.setenv("KPI_LEDGER", str(folder / "ledger.csv"))
        for command, shown in steps[1:]:
            args = shlex.split(command.replace(WALK, str(folder)))
            assert args[0] == "kpi"
            r = kpi(*args[1:])
            assert r.code == 0, (command, r.err)
            said = (r.err + r.out).replace(str(folder), WALK)
            row = r"the row [0-9a-f]{12}…"  # (a row's hash: its import's batch id is random)
            assert re.sub(row, "the row …", said) == re.sub(row, "the row …", shown), command
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
        shutil.rmtree(folder, ignore_errors=True)


def test_the_csv_example_is_what_status_writes(kpi: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's CSV example (piped through cut and head) on the shipped plan and ledger."""
    command = "kpi status --region 十勝 --year R1 --format csv | cut -d, -f1,15,17,18,19,26 | head -5"
    shown = _console_examples()[command]
    Path("data").mkdir()
    shutil.copy(SHIPPED_PLAN, "data/plan.toml")
    shipped = SHIPPED_PLAN.with_name("ledger.csv")
    shutil.copy(shipped, "data/ledger.csv")
    shutil.copy(shipped.with_name("ledger.csv.head"), "data/ledger.csv.head")
    monkeypatch.delenv("KPI_LEDGER")
    r = kpi("status", "--region", "十勝", "--year", "R1", "--format", "csv")
    assert r.code == 0, r.err
    cut = [",".join(line.split(",")[i - 1] for i in (1, 15, 17, 18, 19, 26)) for line in r.out.splitlines()[:5]]
    assert "\n".join(cut) + "\n" == shown
