"""Fuzzing every input path: import files, ledgers, plans and argument lists.

The property: the exit code is one of the documented ones, nothing raises (an exception
here would be a traceback for a user), and the ledger's bytes change only when the command
said it wrote. Bounded for the suite (KPI_FUZZ_EXAMPLES, default 60 per test); a longer run:
    KPI_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest -q tests/test_fuzz.py
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHIPPED_PLAN, Runner, digest

EXAMPLES = int(os.environ.get("KPI_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
# What a command prints when it wrote to the ledger, in English and in Japanese (KPI_TEST_LANG=ja)
WROTE = (
    "recorded:",
    "corrected:",
    "imported ",
    "voided",
    "記録しました",
    "訂正しました",
    "取り込みました",
    "取り消しました",
)

HOSTILE = st.sampled_from(
    [
        "", "0", "-5", "1,372.6", "1e400", "NaN", "Infinity", "١٢٣", "5²", "⑩", "R1", "H32", "令和元年度", "2016",
        "donan-tourists", "doto-tourists", "観光", "十勝", "渡島", "=1+1", "+81", "@x", '"', "'", ",", "\t", "\x1b[2J",
        "\u202e", "\x00", "a" * 300, "𠮷", "　", "\r\n", "..", "/", "~$x.csv", "-", "--", "%s", "{}", "[]",
    ]
)  # fmt: skip


def cells() -> st.SearchStrategy[str]:
    return HOSTILE | st.text(max_size=12)


@st.composite
def import_files(draw: st.DrawFn) -> bytes:
    """Random bytes, or CSV with a plausible header and hostile cells, in various encodings."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=300))
    header = draw(st.sampled_from(["kpi_id,year,value", "KPI ID,年度,実績値,備考", "kpi_id,office,year,value", "x,y"]))
    rows = [",".join(draw(st.lists(cells(), min_size=1, max_size=5))) for _ in range(draw(st.integers(0, 5)))]
    text = header + "\n" + "\n".join(rows) + "\n"
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp932", "utf-16"]))
    return text.encode(encoding, errors="replace")


@FUZZ
@given(data=import_files(), flags=st.lists(st.sampled_from(["--correct", "--dry-run", "--running-total"]), max_size=2))
def test_fuzz_import(kpi: Runner, tmp_path: Path, ledger_path: Path, data: bytes, flags: list[str]) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(data)
    before = digest(ledger_path)
    r = kpi("import", str(src), *flags)
    assert r.code in (0, 2), r.err
    if digest(ledger_path) != before:  # only a real import writes, and says so
        assert r.code == 0 and "--dry-run" not in flags and any(word in r.out for word in WROTE), r.out


@FUZZ
@given(
    data=st.binary(max_size=600), head=st.booleans(), command=st.sampled_from(["status", "verify", "history", "export"])
)
def test_fuzz_ledger(kpi: Runner, tmp_path: Path, data: bytes, head: bool, command: str) -> None:
    ledger = tmp_path / "fuzz.csv"
    body = (b"recorded_at,recorded_by,kpi_id,year,value,note,source,correction,batch,hash\n" if head else b"") + data
    ledger.write_bytes(body)
    r = (
        kpi(command, "--ledger", str(ledger), "--format", "csv")
        if command != "verify"
        else kpi(command, "--ledger", str(ledger))
    )
    assert r.code in (0, 1, 2), r.err
    assert ledger.read_bytes() == body  # reading never changes a ledger


@st.composite
def plans(draw: st.DrawFn) -> str:
    text = SHIPPED_PLAN.read_text("utf-8")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        else:
            text = (
                text[:at]
                + draw(HOSTILE | st.sampled_from(["[[", "]]", "= {", "value = ", "1e999", "[[projects]]"]))
                + text[at:]
            )
    return text


@FUZZ
@given(text=plans())
def test_fuzz_plan(kpi: Runner, tmp_path: Path, text: str) -> None:
    plan = tmp_path / "p.toml"
    plan.write_text(text, "utf-8")
    assert kpi("plan", "check", str(plan), "--format", "csv").code in (0, 2)
    assert kpi("status", "--plan", str(plan), "--format", "csv").code in (0, 2)


COMMANDS = [
    ["status"], ["export"], ["export", "--wide"], ["show"], ["record"], ["import"], ["void"], ["history"], ["verify"],
    ["regions"], ["projects"], ["kpis"], ["template"], ["missing"], ["import-stats"], ["plan", "check"],
    ["plan", "revise"], ["review", "add"], ["review", "list"], ["review", "template"], ["review", "import"],
    ["completion"],
]  # fmt: skip
OPTIONS = st.sampled_from(
    [
        "--region", "--project", "--kpi", "--year", "--format", "--output", "--excel", "--office", "--correct",
        "--note", "--source", "--reason", "--rating", "--fail-on", "--all", "--running-total", "--yearly", "-y",
        "-f", "-o", "--by", "--outside-plan", "--expect-head", "--target", "--from-year", "--help",
        "--assessment", "--direction", "--reviewed-on", "--sort", "--since", "--wide", "--history", "-k",
    ]
)  # fmt: skip


@FUZZ
@given(
    command=st.sampled_from(COMMANDS),
    args=st.lists(
        OPTIONS | HOSTILE | st.sampled_from(["csv", "json", "table", "xlsx", "out.csv", "out.xlsx"]), max_size=6
    ),
)
def test_fuzz_arguments(kpi: Runner, ledger_path: Path, command: list[str], args: list[str]) -> None:
    before = digest(ledger_path)
    outputs = [*args, str(ledger_path)] if "--output" in args[-1:] else args  # --output naming the ledger too
    r = kpi(*command, *outputs, stdin="")  # `kpi import -` reads stdin: an empty one, never the terminal's
    assert r.code in (0, 1, 2, 3), r.err
    if not any(word in r.out for word in WROTE):
        assert digest(ledger_path) == before, (command, args, r.out, r.err)
