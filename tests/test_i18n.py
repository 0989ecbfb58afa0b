"""Japanese help and messages under a Japanese locale; English otherwise; one catalog for both."""

from __future__ import annotations

import os
import subprocess
import sys
import typing

import pytest

from kpi_cli import cli
from kpi_cli.i18n import help_text
from kpi_cli.i18n.ja import HELP
from kpi_cli.i18n.msg import Joined, Msg, either
from kpi_cli.streams import japanese

KPI = [sys.executable, "-m", "kpi_cli"]


def run(args: list[str], lang: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KPI_", "LC_", "LANG"))}
    env |= {"LANG": lang, "KPI_LEDGER": os.devnull + "-none.csv", "COLUMNS": "100"}
    return subprocess.run([*KPI, *args], env=env, capture_output=True, text=True, check=False)


def _commands() -> list[typing.Callable[..., None]]:
    from importlib import import_module

    tables = [cli.COMMANDS, *(t for t, _ in cli.GROUPS.values())]
    return [import_module(f"kpi_cli.commands.{module}").command for table in tables for module, _ in table.values()]


def test_every_summary_and_option_help_has_japanese() -> None:
    missing = []
    for fn in _commands():
        summary = (fn.__doc__ or "").strip().split("\n\n")[0]
        if summary not in HELP:
            missing.append(summary)
        for hint in typing.get_type_hints(fn, include_extras=True).values():
            for meta in getattr(hint, "__metadata__", ()):
                text = getattr(meta, "help", None)
                if isinstance(text, str) and text not in HELP and text not in HELP.values():
                    missing.append(text)
    assert missing == []


def test_catalog_has_no_stale_entries() -> None:
    """Every English key is still a text of the program (or of its app help)."""
    texts = {cli.HELP.split("\n\n")[0], *(text for _, text in cli.GROUPS.values())}
    for fn in _commands():
        texts.add((fn.__doc__ or "").strip().split("\n\n")[0])
        for hint in typing.get_type_hints(fn, include_extras=True).values():
            texts.update(m.help for m in getattr(hint, "__metadata__", ()) if isinstance(getattr(m, "help", None), str))
    texts |= {help_text(t) for t in texts}
    stale = [key for key in HELP if key not in texts and HELP[key] not in texts]
    assert stale == []


@pytest.mark.parametrize(
    ("msg", "japanese_form"),
    [
        (Msg("unknown KPI {term!r}; see: kpi kpis", term="nosuch"), "KPI 'nosuch' は見つかりません。一覧: kpi kpis"),
        (  # what the user typed comes back as typed, even when it looks like a message
            Msg("unknown KPI {term!r}; see: kpi kpis", term="a; see: kpi kpis"),
            "KPI 'a; see: kpi kpis' は見つかりません。一覧: kpi kpis",
        ),
        (
            Msg(
                "{where} already has the value {value} ({file}:{line}), not {given}; use --correct to supersede it",
                where="donan-tourists H29/2017",
                value="1171",
                file="l.csv",
                line=2,
                given="1172",
            ),
            "donan-tourists H29/2017 には記録済みの値 1171（l.csv:2）があります（今回 1172）。"
            "訂正するには --correct を付けてください",
        ),
        (Msg("interrupted, nothing was written"), "中断しました。何も書き込んでいません"),
        (  # a nested message is said in the same language; a word too
            Msg(
                "{path}: {where}: {problem}",
                path="plan.toml",
                where="kpis[0].baseline.value",
                problem=Msg(
                    "must be {kind}, not {got} ({value!r})",
                    kind=either([Msg("an integer"), Msg("a number")]),
                    got=Msg("a string"),
                    value="x",
                ),
            ),
            "plan.toml: kpis[0].baseline.value: 整数、数値でなければなりません（文字列の 'x' になっています）",
        ),
        (
            Msg("unknown KPI {term!r}; did you mean {close}?", term="donan-touris", close=either(["a", "b"])),
            "KPI 'donan-touris' は見つかりません。もしかして a、b ですか？",
        ),
        (Msg("{n} unchanged", n=3), "変更なし3件"),
        (
            Joined([Msg("{n} unchanged", n=3), Msg("{n} blank (not yet known)", n=7)]),
            "変更なし3件、空欄（まだ不明）7件",
        ),
    ],
)
def test_messages_by_template(msg: Msg, japanese_form: str) -> None:
    assert msg.text(True) == japanese_form


def test_a_long_quoted_input_is_cut_in_both_languages() -> None:
    msg = Msg("unknown KPI {term!r}; see: kpi kpis", term="x" * 20_000)
    for ja in (False, True):
        assert len(msg.text(ja)) < 120 and "x" * 60 + "…" in msg.text(ja)


def test_language_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not japanese({})
    assert japanese({"LANG": "ja_JP.UTF-8"})
    assert not japanese({"LANG": "ja_JP.UTF-8", "LC_ALL": "C.UTF-8"})
    assert japanese({"LANG": "ja_JP.UTF-8", "LC_ALL": "C.UTF-8", "KPI_LANG": "ja"})


def test_japanese_locale_end_to_end() -> None:
    r = run(["record", "nosuch", "2020", "1"], "ja_JP.UTF-8")
    assert r.returncode == 2
    assert r.stderr.splitlines()[-1] == "kpi: KPI 'nosuch' は見つかりません。一覧: kpi kpis"
    h = run(["--help"], "ja_JP.UTF-8")
    assert h.returncode == 0
    assert h.stdout.startswith("使い方: kpi [OPTIONS] COMMAND [ARGS]...")
    assert "  record        年度の実績値を1件、台帳に記録します。" in h.stdout
    sub = run(["status", "--help"], "ja_JP.UTF-8")
    assert "出力形式 [既定: 端末では表、パイプではCSV]。" in sub.stdout and "  例:" in sub.stdout
    en = run(["record", "nosuch", "2020", "1"], "C.UTF-8")
    assert en.stderr.splitlines()[-1] == "kpi: unknown KPI 'nosuch'; see: kpi kpis"
    csv = run(["kpis", "--format", "csv"], "ja_JP.UTF-8")
    assert csv.stdout.startswith("id,name,unit,")  # machine formats stay ASCII


def test_result_lines_in_japanese(tmp_path: object) -> None:
    import pathlib

    ledger = pathlib.Path(str(tmp_path)) / "l.csv"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KPI_", "LC_", "LANG"))}
    env |= {"LANG": "ja_JP.UTF-8", "KPI_LEDGER": str(ledger), "KPI_USER": "t"}
    first = subprocess.run(
        [*KPI, "record", "donan-tourists", "R1", "1430"], env=env, capture_output=True, text=True, check=False
    )
    assert first.stdout == f"記録しました: 観光入込客数 [donan-tourists] R1/2019 = 1,430万人 → {ledger}:2\n"
    same = subprocess.run(
        [*KPI, "record", "donan-tourists", "R1", "1430"], env=env, capture_output=True, text=True, check=False
    )
    assert same.stdout.startswith("変更なし: 観光入込客数 [donan-tourists]")
    table = subprocess.run(
        [*KPI, "kpis", "-f", "table", "-r", "十勝"], env=env, capture_output=True, text=True, check=False
    )
    assert "KPI 8件" in table.stdout  # tables are untouched


def _help_pieces() -> tuple[set[str], set[str]]:
    """Every paragraph after a summary, and every example's trailing comment, of every help page."""
    import inspect
    import re

    paragraphs: set[str] = set()
    comments: set[str] = set()
    docs = [cli.HELP, *(inspect.cleandoc(fn.__doc__ or "") for fn in _commands())]
    for doc in docs:
        for paragraph in doc.split("\n\n")[1:]:
            if paragraph.startswith("\b"):
                comments.update(m.group(1) for m in re.finditer(r"\s{2,}(\(.*\))\s*$", paragraph, re.M))
            else:
                paragraphs.add(" ".join(paragraph.split()))
    return paragraphs, comments


def test_every_help_paragraph_and_example_comment_has_japanese() -> None:
    from kpi_cli.i18n.ja_help import COMMENTS, PARAGRAPHS

    paragraphs, comments = _help_pieces()
    assert len(paragraphs) >= 10 and len(comments) >= 9
    assert sorted(paragraphs - set(PARAGRAPHS)) == []
    assert sorted(comments - set(COMMENTS)) == []
    assert sorted(set(PARAGRAPHS) - paragraphs) == [] and sorted(set(COMMENTS) - comments) == []  # none stale


def test_a_whole_help_page_in_japanese() -> None:
    out = run(["verify", "--help"], "ja_JP.UTF-8").stdout
    assert "問題がなければ終了コード0、問題があれば1（標準出力に1件1行）、入力の誤りは2です。" in out
    assert "（前回のコミットに控えた末尾ハッシュ）" in out and "Exit 0" not in out
