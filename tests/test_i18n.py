"""Japanese help and messages under a Japanese locale; English otherwise; one catalog for both."""

from __future__ import annotations

import os
import subprocess
import sys
import typing

import pytest

from kpi_cli import cli
from kpi_cli.i18n import help_text, japanese, message
from kpi_cli.i18n.ja import HELP
from kpi_cli.i18n.ja_messages import MESSAGES

KPI = [sys.executable, "-m", "kpi_cli"]


def run(args: list[str], lang: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KPI_", "LC_", "LANG"))}
    env |= {"LANG": lang, "KPI_LEDGER": os.devnull + "-none.csv", "COLUMNS": "100"}
    return subprocess.run([*KPI, *args], env=env, capture_output=True, text=True, check=False)


def _commands() -> list[typing.Callable[..., None]]:
    tables = [cli.COMMANDS, *(t for t, _ in cli.GROUPS.values())]
    return [cli.resolve(module) for table in tables for module in table.values()]


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
    ("english", "japanese_form"),
    [
        ("unknown KPI 'nosuch'; see: kpi kpis", "KPI 'nosuch' は見つかりません。一覧: kpi kpis"),
        (
            "donan-tourists H29/2017 already has the value 1171 (l.csv:2), not 1172; use --correct to supersede it",
            "donan-tourists H29/2017 には記録済みの値 1171（l.csv:2）があります（今回 1172）。"
            "訂正するには --correct を付けてください",
        ),
        ("interrupted, nothing was written", "中断しました。何も書き込んでいません"),
        (  # a key of the plan stays as it is, even when it is also a known word
            "plan.toml: kpis[0].baseline_old: unknown key 'baseline_old'; did you mean 'baseline'?",
            "plan.toml: kpis[0].baseline_old: キー 'baseline_old' はありません。もしかして 'baseline' ですか？",
        ),
        (
            "plan.toml: kpis[0].baseline.value: must be an integer or a number, not a string ('x')",
            "plan.toml: kpis[0].baseline.value: 整数または数値でなければなりません（文字列の 'x' になっています）",
        ),
        (  # the subject word is translated, the id list is joined by 、
            "value '1e30' is not a plain decimal number; write digits with an optional decimal point",
            "値 '1e30' は普通の10進数ではありません。1,372.6 のように数字と小数点（桁区切り可）で書いてください",
        ),
        (
            "unknown KPI 'donan-touris'; did you mean donan-tourists or doto-tourists?",
            "KPI 'donan-touris' は見つかりません。もしかして donan-tourists、doto-tourists ですか？",
        ),
        (
            "l.csv:3: re-saved by a spreadsheet (saved in cp932/Shift-JIS, TRUE/FALSE); the row is intact; "
            "run kpi verify --repair to restore kpi's own form (the file as found is kept beside it)",
            "l.csv:3: 表計算ソフトで保存し直されています（cp932（Shift-JIS）で保存、TRUE/FALSE）。内容は無事です。"
            "kpi verify --repair で元の形に戻せます（見つかったままのファイルは横に残します）",
        ),
        (  # a row's place (a CSV line, an Excel sheet and row) is kept, and the subject translated
            "t.csv:3: value '190品目' is in 品目, but this KPI is measured in 億円; "
            "convert it to 億円 (or give the number alone)",
            "t.csv:3: 値 '190品目' の単位は 品目 ですが、このKPIの単位は 億円 です。"
            "億円に換算するか数値だけを入力してください",
        ),
        (
            "t.xlsx:R1_2019 実績値の記入!3: value '1e30' is not a plain decimal number; write digits with an optional "
            "decimal point",
            "t.xlsx:R1_2019 実績値の記入!3: 値 '1e30' は普通の10進数ではありません。"
            "1,372.6 のように数字と小数点（桁区切り可）で書いてください",
        ),
        (  # an OS error's own text (a folder given where a file is wanted) is translated too
            "cannot read data: Is a directory; check the path",
            "data を読めません: フォルダです。パスを確認してください",
        ),
    ],
)
def test_message_patterns(english: str, japanese_form: str) -> None:
    assert message(english) == japanese_form
    assert len(MESSAGES) >= 10


def test_language_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KPI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert not japanese()
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert japanese()
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert not japanese()
    monkeypatch.setenv("KPI_LANG", "ja")
    assert japanese()


def test_japanese_locale_end_to_end() -> None:
    r = run(["record", "nosuch", "2020", "1"], "ja_JP.UTF-8")
    assert r.returncode == 2
    assert r.stderr.splitlines()[-1] == "kpi: KPI 'nosuch' は見つかりません。一覧: kpi kpis"
    h = run(["--help"], "ja_JP.UTF-8")
    assert h.returncode == 0
    assert h.stdout.startswith("使い方: kpi [OPTIONS] COMMAND [ARGS]...")
    assert "  record      年度の実績値を1件、台帳に記録します。" in h.stdout
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


def test_every_pattern_fills_its_placeholders() -> None:
    import re
    import string

    from kpi_cli.i18n.ja_messages import SUMMARIES

    for pattern, japanese_form in [*MESSAGES, *SUMMARIES]:
        groups = re.compile(pattern).groups
        used = [int(f) for _, f, _, _ in string.Formatter().parse(japanese_form) if f is not None and f != ""]
        assert all(i < groups for i in used), pattern


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


def test_a_table_line_is_not_taken_for_a_message() -> None:
    """Only "path: message" and "path:line: message" lines are translated; table rows are data."""
    from kpi_cli.i18n import summary

    row = "H28/2016  1,267万人  有効  did you mean this note"
    assert summary(row) == row
