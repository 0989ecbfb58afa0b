"""Shared fixtures. Every test runs in its own folder with its own ledger and home:
nothing here reads or writes the user's files or the repository's data/ledger.csv."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from kpi_cli.cli import main
from kpi_cli.core.model import Plan
from kpi_cli.locations import PACKAGED_PLAN
from kpi_cli.plan.load import load_plan

REPO = Path(__file__).resolve().parent.parent
SHIPPED_PLAN = REPO / "data" / "plan.toml"


@pytest.fixture(autouse=True)
def hermetic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    _hermetic(tmp_path, monkeypatch)
    return tmp_path


def _hermetic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in [n for n in os.environ if n.startswith("KPI_") and n != "KPI_FUZZ_EXAMPLES"]:
        monkeypatch.delenv(name)  # a developer's own settings (KPI_LANG, KPI_LEDGER_READER, ...)
    # English unless a test asks for Japanese, whatever the developer's locale (a Japanese
    # Windows or LANG=ja_JP); KPI_TEST_LANG=ja runs the language-neutral tests, such as the
    # fuzzing, under Japanese
    monkeypatch.setenv("KPI_LANG", os.environ.get("KPI_TEST_LANG", "en"))
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("LOCALAPPDATA", str(home / "AppData"))
    monkeypatch.setenv("KPI_LEDGER", str(tmp_path / "ledger.csv"))
    monkeypatch.setenv("KPI_USER", "tester")
    monkeypatch.delenv("KPI_PLAN", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")


def bare_env() -> dict[str, str]:
    """The environment for a kpi subprocess without the test's KPI_ files, in the test's language."""
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("KPI_") or k == "KPI_LANG"}


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.csv"


@pytest.fixture(scope="session")
def plan() -> Plan:
    return load_plan(PACKAGED_PLAN)


@dataclass
class Result:
    code: int
    out: str
    err: str


Runner = Callable[..., Result]


@pytest.fixture
def kpi(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Runner:
    """Run the real entry point in-process; return exit code, stdout and stderr."""

    def run(*args: str, stdin: str | bytes | None = None) -> Result:
        if stdin is not None:
            data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@contextmanager
def hermetic_kpi(root: Path) -> Iterator[tuple[Runner, pytest.MonkeyPatch]]:
    """For a fixture wider than one test (files that several tests only read, built once): inside,
    the settings of ``hermetic`` in ROOT (its own home, ledger and work folder, the current folder),
    kpi run in-process as ``kpi`` runs it, and the MonkeyPatch that undoes it all on leaving."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        _hermetic(root, monkeypatch)

        def run(*args: str, stdin: str | bytes | None = None) -> Result:
            data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
            buffers = [io.BytesIO(data or b""), io.BytesIO(), io.BytesIO()]
            streams = [io.TextIOWrapper(b, encoding="utf-8", newline="") for b in buffers]
            saved = sys.stdin, sys.stdout, sys.stderr
            sys.stdin = streams[0] if data is not None else sys.stdin  # as ``kpi``: stdin only when given
            sys.stdout, sys.stderr = streams[1:]
            try:
                main(list(args))
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            finally:
                sys.stdin, sys.stdout, sys.stderr = saved
                for stream in streams:
                    stream.flush()
            return Result(code, buffers[1].getvalue().decode("utf-8"), buffers[2].getvalue().decode("utf-8"))

        yield run, monkeypatch


def digest(path: Path) -> str:
    """The SHA-256 of a file's bytes ("" when it does not exist): "unchanged" means equal digests."""
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


GOLDEN = REPO / "tests" / "golden"


def golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites it (review the diff)."""
    import os

    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, "utf-8")
    assert text == path.read_text("utf-8")


def anchor(path: Path) -> None:
    """Write the head file of a ledger file made by hand in a test, as kpi does after a write
    (a file without one is reported by kpi verify: truncation could not be seen)."""
    from kpi_cli.ledger.head import Head, store

    data = path.read_bytes()
    lines = data.splitlines()
    last = lines[-1].decode("utf-8")
    assert store(path, Head(len(lines), len(data), last.rsplit(",", 1)[1])) is None
