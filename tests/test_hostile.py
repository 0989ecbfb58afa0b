"""Hostile and malformed input (red-team findings D7-D27): one line on stderr, no traceback, nothing changed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHIPPED_PLAN, Runner, anchor, bare_env, digest
from kpi_cli.ledger.format import HEADER, NewRow, encode_rows

KPI = [sys.executable, "-m", "kpi_cli"]


def run(args: list[str], env: dict[str, str], **kw: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*KPI, *args], env=env, capture_output=True, check=False, **kw)  # type: ignore[call-overload, no-any-return]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    base = bare_env()
    return base | {"KPI_LEDGER": str(tmp_path / "l.csv"), "KPI_PLAN": str(SHIPPED_PLAN), "KPI_USER": "t"}


# ---------------------------------------------------------------- values (D9, D12)


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("5²", "'²' is not a plain digit"),
        ("⑩", "'⑩' is not a plain digit"),
        ("٣", "'٣' is not a plain digit"),
        ("1e25", "is not a plain decimal number"),
        ("10000000000000000000000000", "too large: kpi keeps at most 15 digits before the decimal point"),
        ("1.1234567", "has more than 6 decimal places, which kpi does not keep; round it (such as 1.123457)"),
        ("2020-02-14", "'2020-02-14' is a date or a time, not a number (a date cell?); give the KPI's figure in 万人"),
        ("2020/2/14", "is a date or a time, not a number"),
        ("R2.2.14", "is a date or a time, not a number"),
        ("2020-02-14 00:00:00", "is a date or a time, not a number"),
        ("12:30:00", "'12:30:00' is a date or a time, not a number (a date cell?)"),
        ("−5", "is negative, but donan-tourists counts 万人"),
    ],
)
def test_values_that_are_not_plain_numbers(kpi: Runner, ledger_path: Path, typed: str, why: str) -> None:
    r = kpi("record", "donan-tourists", "H28", typed)
    assert r.code == 2 and why in r.err and r.err.count("\n") == 1, r.err
    assert not ledger_path.exists()


@pytest.mark.parametrize("year", ["R٣", "H²⁸", "R③"])
def test_years_in_other_digits(kpi: Runner, year: str) -> None:
    r = kpi("record", "donan-tourists", year, "5")
    assert r.code == 2 and "is not a plain digit" in r.err


def test_full_width_digits_are_fine(kpi: Runner) -> None:
    r = kpi("record", "donan-tourists", "Ｈ２８", "１，３７２．６")
    assert r.code == 0 and "H28/2016 = 1,372.6万人" in r.out


# ---------------------------------------------------------------- plan (D7, D10)


def test_a_revision_on_the_wrong_side_of_the_baseline_is_refused(kpi: Runner, tmp_path: Path) -> None:
    plan = tmp_path / "r7.toml"
    assert kpi("plan", "init", str(plan), "--edition", "X", "--start", "R7").code == 0
    assert kpi("plan", "add-project", "--id", "tf", "--name", "食", "--region", "十勝", "--plan", str(plan)).code == 0
    add = ["--project", "tf", "--id", "tfv", "--name", "付加価値額", "--unit", "億円", "--baseline", "1,050"]
    add += ["--baseline-year", "R5", "--target", "1,200", "--target-year", "R11", "--plan", str(plan)]
    assert kpi("plan", "add-kpi", *add).code == 0
    before = digest(plan)
    r = kpi("plan", "revise", "tfv", "--target", "10", "--from-year", "R8", "--reason", "typo", "--plan", str(plan))
    assert r.code == 2
    assert r.err.splitlines() == [
        f"kpi: refused: the plan would not be valid; {plan} is unchanged",
        "kpi: projects[0].kpis[0].revisions[0].target.value: the revised target 10 is at or below the baseline "
        "1050 of a KPI that must rise; check the number (a typo?)",
    ]
    r = kpi("plan", "revise", "tfv", "--target", "1310", "--from-year", "R4", "--reason", "x", "--plan", str(plan))
    assert r.code == 2 and "is not after the baseline year 2023" in r.err
    assert digest(plan) == before


def test_plan_numbers_are_bounded_and_json_is_exact(kpi: Runner, tmp_path: Path) -> None:
    inf = tmp_path / "inf.toml"
    inf.write_text(SHIPPED_PLAN.read_text("utf-8").replace("target = { value = 2789,", "target = { value = 1e400,"))
    r = kpi("plan", "check", str(inf), "--format", "table")
    assert r.code == 2 and "too large: kpi keeps at most 15 digits" in r.err
    assert kpi("record", "dohoku-tourists", "H28", "123456789012345.5", "--unusual").code == 0
    out = kpi("history", "dohoku-tourists", "--format", "json").out
    assert '"value": 123456789012345.5,' in out  # the exact literal, not 123456789012345.5 rounded by a float
    assert json.loads(out, parse_float=str)["rows"][0]["value"] == "123456789012345.5"
    nd = kpi("history", "dohoku-tourists", "--format", "ndjson").out
    assert '"value": 123456789012345.5,' in nd


# ---------------------------------------------------------------- output (D16, D20, D21, D26)


def test_closed_stdout_full_device_and_closed_pipes(env: dict[str, str], tmp_path: Path) -> None:
    ledger = tmp_path / "l.csv"
    closed = subprocess.run([*KPI, "status", "--format", "csv"], env=env, stdout=subprocess.DEVNULL, check=False)
    assert closed.returncode == 0
    with open("/dev/full", "wb") as full:  # noqa: PTH123
        r = subprocess.run(
            [*KPI, "record", "dohoku-tourists", "H28", "5"], env=env, stdout=full, stderr=subprocess.PIPE, check=False
        )
    assert r.returncode == 0  # the row is committed: that is success
    assert (
        r.stderr
        == f"kpi: cannot write to stdout: No space left on device; the values were recorded in {ledger}\n".encode()
    )
    assert b"dohoku-tourists" in ledger.read_bytes()
    with open("/dev/full", "wb") as full:  # noqa: PTH123
        r = subprocess.run([*KPI, "kpis"], env=env, stdout=full, stderr=subprocess.PIPE, check=False)
    assert (r.returncode, r.stderr) == (2, b"kpi: cannot write to stdout: No space left on device\n")
    for args in (["verify"], ["history"], ["--help"], ["status", "-f", "table"], ["kpis"]):
        p = subprocess.Popen([*KPI, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert p.stdout is not None and p.stderr is not None
        p.stdout.close()  # the reader went away before kpi wrote anything
        err = p.stderr.read()
        assert p.wait() == 0, (args, err)
        assert b"Traceback" not in err
    shut = subprocess.run(
        [*KPI, "record", "okhotsk-tourists", "H28", "5"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        check=False, pass_fds=(), close_fds=True,
    )  # fmt: skip
    assert shut.returncode == 0


def test_closed_descriptors_get_no_ledger_bytes(env: dict[str, str], tmp_path: Path) -> None:
    """With fd 1 closed the ledger could be opened as fd 1 and receive the confirmation: it must not."""
    code = "import os,sys; os.close(1); os.close(2); sys.argv=['kpi','record','okhotsk-tourists','H28','5']; "
    code += "from kpi_cli.cli import main; main()"
    r = subprocess.run([sys.executable, "-c", code], env=env, check=False)
    assert r.returncode == 0
    text = (tmp_path / "l.csv").read_text("utf-8")
    assert "recorded:" not in text and text.count("\n") == 2


def test_control_characters_in_a_row_are_a_problem_and_reach_no_terminal(kpi: Runner, ledger_path: Path) -> None:
    """A hash-valid row written by another tool with escapes in its note: kpi never writes one, so
    verify reports it and the row counts for nothing; no command shows its text."""
    note = "\x1b[2J\x1b]0;pwned\x07\u202etxt<img src=http://x>"
    row = NewRow("2026-06-01T10:00:00.000+09:00", "x", "donan-tourists", 2016, "1500", note, "<img src=http://x>")
    lines, _ = encode_rows([row], b"")
    ledger_path.write_bytes(HEADER.encode() + b"\n" + lines[0])
    anchor(ledger_path)
    v = kpi("verify")
    assert v.code == 1
    assert (
        f"{ledger_path}:2: note holds the control character U+001B, which kpi never writes: the row was written "
        in v.out
    )
    for fmt in ("table", "markdown", "json"):
        r = kpi("history", "--format", fmt)
        assert r.code == 0 and "pwned" not in r.out and "\x1b" not in r.out + r.err
    shown = kpi("status", "-k", "donan-tourists", "--format", "json")
    assert json.loads(shown.out)["kpis"][0]["actual"] is None


def test_excel_on_every_csv_command(kpi: Runner) -> None:
    for args in (["history"], ["kpis"], ["regions"], ["projects"], ["status"], ["export"], ["missing", "-y", "R1"]):
        r = kpi(*args, "--excel")
        assert r.code == 0, (args, r.err)
        assert r.out.startswith("\ufeff") and "\r\n" in r.out, args


@pytest.mark.parametrize("columns", ["0", "-3", "abc", "10"])
def test_odd_columns_still_draw_a_table(kpi: Runner, monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    r = kpi("kpis", "--region", "十勝", "--format", "table")
    assert r.code == 0 and "tokachi-food-value-added" in r.out


# ---------------------------------------------------------------- messages (D18, D22, D25, D27)


def test_unwritable_home_is_one_line(env: dict[str, str], tmp_path: Path) -> None:
    bare = {k: v for k, v in env.items() if k not in ("KPI_LEDGER", "KPI_PLAN")}
    bare |= {"HOME": "/proc/self/nonexistent", "XDG_DATA_HOME": "", "XDG_CACHE_HOME": ""}
    r = run(["record", "donan-tourists", "R1", "1000"], bare, cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.decode().splitlines()[-1] == (
        "kpi: cannot create /proc/self/nonexistent/.local/share/kpi: No such file or directory; "
        "give --ledger a writable place"
    )


def test_ctrl_c_after_a_commit_says_so(kpi: Runner, monkeypatch: pytest.MonkeyPatch, ledger_path: Path) -> None:
    from kpi_cli.commands import record

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(record, "entry_name", interrupted)  # right after the write
    r = kpi("record", "donan-tourists", "R1", "1000")
    assert r.code == 130
    assert r.err == f"kpi: interrupted; {ledger_path} was written before that (kpi verify checks it)\n"
    monkeypatch.undo()


def test_ctrl_c_during_start_up_is_one_line(kpi: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C while Typer and the command are still being imported: one line, exit 130."""
    from kpi_cli import cli

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "build", interrupted)
    r = kpi("status")
    assert (r.code, r.out, r.err) == (130, "", "kpi: interrupted, nothing was written\n")


def test_a_negative_number_gets_a_hint(kpi: Runner) -> None:
    r = kpi("record", "okhotsk-tourists", "R1", "-5")
    assert r.code == 2
    assert r.err.splitlines()[-1] == "kpi: a negative number? put -- before it: kpi record KPI YEAR -- -5"


def test_many_bad_rows_are_summarized(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    src = tmp_path / "bad.csv"
    src.write_text("kpi_id,year,value\n" + "nowhere,2016,1\n" * 5000, "utf-8")
    r = kpi("import", str(src))
    lines = r.err.splitlines()
    assert r.code == 2 and len(lines) == 22
    assert lines[0] == f"kpi: {src}: 5000 bad rows; nothing was written. Fix them and import again:"
    assert lines[-1] == "kpi: … and 4980 more"
    assert not ledger_path.exists()


def test_output_never_names_a_ledger_that_does_not_exist_yet(kpi: Runner, ledger_path: Path) -> None:
    """Found by the fuzz test: --output naming the ledger before its first row created it as a report."""
    r = kpi("status", "--output", str(ledger_path))
    assert r.code == 2 and "is the plan or ledger in use" in r.err
    assert not ledger_path.exists()


def test_only_the_tables_own_colours_pass() -> None:
    from kpi_cli.streams import visible

    assert visible("\x1b[1;32m達成\x1b[0m") == "\x1b[1;32m達成\x1b[0m"  # kpi's own styles
    assert visible("\x1b[8mhidden\x1b[0m") == "\\x1b[8mhidden\x1b[0m"  # conceal: shown as text
    assert visible("\x1b[5mblink \x1b[2J\x1b]0;t\x07") == "\\x1b[5mblink \\x1b[2J\\x1b]0;t\\x07"


@pytest.mark.parametrize(
    "args", [["import", "a\x00b.csv"], ["review", "import", "\x00"], ["status", "--plan", "p\x00"]]
)
def test_a_nul_in_a_file_name_is_one_line(kpi: Runner, args: list[str]) -> None:
    """Found by the fuzz test: a NUL in a path raised ValueError (a traceback) before."""
    r = kpi(*args)
    assert (r.code, r.err) == (2, "kpi: a file name contains a NUL character (\\x00); check the arguments\n")


@pytest.mark.parametrize("command", ["regions", "projects", "kpis"])
def test_listings_never_write_over_the_ledger(kpi: Runner, ledger_path: Path, command: str) -> None:
    """Found by the fuzz test: a listing's --output could name the ledger (it does not read it)."""
    r = kpi(command, "--output", str(ledger_path))
    assert r.code == 2 and "is the plan or ledger in use" in r.err
    assert not ledger_path.exists()


def test_a_huge_input_is_cut_in_the_message(kpi: Runner) -> None:
    huge = "x" * 20_000
    r = kpi("record", huge, "2020", "1")
    assert r.code == 2
    assert r.err == f"kpi: unknown KPI '{'x' * 60}…'; see: kpi kpis\n"
    r = kpi("record", "donan-tourists", "2020", "1000" + huge)
    assert r.code == 2 and len(r.err) < 200 and "has trailing text" in r.err


def test_an_apostrophe_is_not_a_quote_to_cut() -> None:
    """Only a quoted input ({x!r}) is cut when long; the message's own words never are."""
    from kpi_cli.errors import InputError
    from kpi_cli.i18n.msg import Msg

    words = "add --running-total (kpi stores each year's own count), " + "or --yearly " * 10
    assert InputError(Msg("{words}if they are each year's", words=words)).lines() == [words + "if they are each year's"]
