"""Under a Japanese locale, the messages a user meets for common mistakes are Japanese.

A corpus of bad invocations (the mistakes of the red-team report and of a first day with the
tool); each must fail, and no line of its stderr may keep a run of three English words.
Names, ids, paths, options and library details (a TOML parser's own words) may stay as they are.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import Runner

FILES = {
    "bad.csv": b"kpi_id,year,value\ndonan-tourists,2019,abc\n",
    "header.csv": b"x,y\n1,2\n",
    "empty.csv": b"",
    "norows.csv": b"kpi_id,year,value\n",
    "notledger.csv": b"garbage\n",
    "bad.xlsx": b"PK\x03\x04junk",
    "wide.csv": b"kpi_id,year,value\ndonan-tourists,2019,1,372.6\n",
    "twice.csv": b"kpi_id,year,value\ndonan-tourists,2019,1\ndonan-tourists,2019,2\n",
}

CASES = [
    "record nosuch 2020 1",
    "record donan-toursts 2020 1",
    "record donan-tourists 2099 1",
    "record donan-tourists H40 1",
    "record donan-tourists H0 1",
    "record donan-tourists 2020x 1",
    "record donan-tourists 2020 abc",
    "record donan-tourists 2020 1e30",
    "record donan-tourists 2020 1234567890123456",
    "record donan-tourists 2020 1.1234567",
    "record donan-tourists 2020 5²",
    "record donan-tourists 2020 5kg",
    "record donan-tourists 2020-04-01 1",
    "record soya-new-farmers 2019-12-31 1",
    "record sorachi-graduate-local-jobs 2020-03-01 1",
    "record kushiro-nemuro-child-centers 2020-03-31 1",
    "record northern-territories-signatures 2020-04-01 1",
    "record kushiro-nemuro-child-centers 2020-02-30 1",
    "record donan-tourists 2020 -5",
    "record donan-tourists 2020 -- -5",
    "record donan-tourists 2020 1 --office 十勝",
    "record tokachi-trial-stay-days 2020 1 --office 十勝",
    "record donan-tourists 2020 1 --office 渡島x",
    "record donan-tourists 2020 1 --correct",
    "record 観光 2020 1",
    "void donan-tourists 2020 --reason x",
    "import nofile.csv",
    "import bad.csv",
    "import header.csv",
    "import empty.csv",
    "import norows.csv",
    "import bad.xlsx",
    "import wide.csv",
    "import twice.csv",
    "import bad.csv --encoding foo",
    "status --region zz",
    "status --region 十勝x",
    "status --project zz",
    "status -k zzzz",
    "status --year 2099",
    "status --sort zz",
    "status --output x.zz",
    "status --output nodir/x.csv",
    "status --ledger notledger.csv",
    "status --plan nofile.toml",
    "verify --ledger nofile.csv",
    "verify --expect-head abc",
    "history --since zz",
    "history --office zz",
    "show zz",
    "missing --year zz",
    "report --output x.txt",
    "template --year 2020 --output x.zz",
]

ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}\b")
COMMAND = re.compile(  # a command to run is shown as typed: kpi, its command, options, ids, placeholders
    r"\bkpi (?:(?:plan|review) )?[a-z-]+(?: (?:--?\S+|[A-Z_]+|\S*[-_./0-9]\S*|\S*[^\x00-\x7f]\S*))*"
)


@pytest.mark.parametrize("line", CASES)
def test_message_is_japanese(kpi: Runner, monkeypatch: pytest.MonkeyPatch, line: str) -> None:
    monkeypatch.setenv("KPI_LANG", "ja")
    for name, data in FILES.items():
        Path(name).write_bytes(data)
    r = kpi(*line.split(" "))
    assert r.code != 0
    lines = [text for text in r.err.splitlines() if text]
    assert lines[-1].startswith(("kpi: ", "エラー: ")), r.err
    for text in lines:
        assert not ENGLISH.search(COMMAND.sub("", text)), text


WARNINGS = [
    ("record donan-touris 2020 1000", "kpi: 警告: 'donan-touris' を donan-tourists（観光入込客数）とみなしました"),
    ("import sjis.csv", "kpi: 警告: sjis.csv: cp932（Shift-JIS、日本語版 Windows の Excel のCSV）として読みました"),
    ("import extra.csv", "kpi: 警告: 使わない列: 担当"),
]


@pytest.mark.parametrize(("line", "expected"), WARNINGS)
def test_warning_is_japanese(kpi: Runner, monkeypatch: pytest.MonkeyPatch, line: str, expected: str) -> None:
    monkeypatch.setenv("KPI_LANG", "ja")
    Path("sjis.csv").write_bytes("KPI ID,年度,実績値\ndonan-tourists,2019,1000\n".encode("cp932"))
    Path("extra.csv").write_bytes("kpi_id,year,value,担当\ndonan-tourists,2019,1000,x\n".encode())
    r = kpi(*line.split(" "))
    assert r.code == 0
    assert r.err.splitlines()[0] == expected


def test_english_without_the_locale(kpi: Runner) -> None:
    Path("bad.csv").write_bytes(FILES["bad.csv"])
    r = kpi("import", "bad.csv")
    assert r.code == 2
    assert "bad.csv:2: value 'abc' is not a decimal number; give digits such as 1372.6 or 1,372.6" in r.err


@pytest.mark.parametrize("damage", ["edit", "cut", "resave", "drop"])
def test_verify_findings_are_japanese(
    kpi: Runner, monkeypatch: pytest.MonkeyPatch, ledger_path: Path, damage: str
) -> None:
    for year in (2014, 2015, 2016):
        assert kpi("record", "donan-tourists", str(year), "1000").code == 0
    data = ledger_path.read_bytes()
    damaged = {
        "edit": data.replace(b",1000,", b",1001,", 1),
        "cut": data[:-30],
        "resave": data.replace(b"\n", b"\r\n").replace(b",false,", b",FALSE,"),
        "drop": b"".join(data.splitlines(keepends=True)[:-1]),
    }[damage]
    ledger_path.write_bytes(damaged)
    monkeypatch.setenv("KPI_LANG", "ja")
    r = kpi("verify")
    assert r.code == 1
    findings = r.out.splitlines()[:-1]  # the last line is the count of rows and the head
    assert findings
    for text in findings + r.err.splitlines():
        assert not ENGLISH.search(COMMAND.sub("", text)), text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("status --format", "エラー: オプション --format には値が必要です。"),
        ("record a b c d", "エラー: 余分な引数があります（d）"),
        ("stat", "エラー: コマンド 'stat' はありません。 もしかして 'status' ですか？"),
        ("review add x 2020", "エラー: オプション --assessment がありません。"),
        ("status --output /", "エラー: --output の '/' はフォルダです。ファイル名を指定してください。"),
        (
            "status -f zz",
            "エラー: --format の値 'zz' は使えません。次のいずれか: "
            "'table', 'csv', 'tsv', 'json', 'ndjson', 'markdown', 'xlsx'",
        ),
    ],
)
def test_usage_errors_are_japanese(kpi: Runner, monkeypatch: pytest.MonkeyPatch, line: str, expected: str) -> None:
    monkeypatch.setenv("KPI_LANG", "ja")
    r = kpi(*line.split(" "))
    assert r.code == 2
    assert r.err.rstrip("\n").splitlines()[-1] == expected


def test_version_and_captions_in_japanese(kpi: Runner, monkeypatch: pytest.MonkeyPatch, ledger_path: Path) -> None:
    monkeypatch.setenv("KPI_LANG", "ja")
    lines = kpi("--version").out.splitlines()
    assert lines[1].startswith("計画 ") and lines[1].endswith(f"、台帳 {ledger_path}")
    assert kpi("record", "donan-tourists", "R1", "1430").code == 0
    assert kpi("history", "--format", "table").out.rstrip().endswith(f"台帳: {ledger_path}")
    monkeypatch.setenv("KPI_LANG", "en")
    assert kpi("--version").out.splitlines()[1].endswith(f"; ledger {ledger_path}")


def test_plan_check_line_in_japanese(kpi: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", "ja")
    out = kpi("plan", "check", "--format", "table").out
    assert out.endswith(": OK — 連携地域6、振興局14、プロジェクト34、KPI40（連携地域別政策展開方針（平成28年7月））\n")


def test_help_language_follows_each_call_in_one_process(kpi: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """Japanese help put in place for one call is English again for the next (a program or a test
    that runs the CLI in-process more than once)."""
    monkeypatch.setenv("KPI_LANG", "ja")
    assert "計画ファイル" in kpi("status", "--help").out
    monkeypatch.setenv("KPI_LANG", "en")
    out = kpi("status", "--help").out
    assert "Plan file [env KPI_PLAN" in out and "計画ファイル" not in out


@pytest.mark.parametrize("command", [("template",), ("review", "import"), ("plan", "add-kpi"), ("plan", "import")])
def test_required_and_default_are_said_in_japanese(
    kpi: Runner, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    monkeypatch.setenv("KPI_LANG", "ja")
    r = kpi(*command, "--help")
    assert r.code == 0 and "[必須]" in r.out and "required" not in r.out
    assert "[default" not in r.out
    assert all("[必" not in line or "[必須]" in line for line in r.out.splitlines())  # (never [必 | 須])
    monkeypatch.setenv("KPI_LANG", "en")
    assert "[required]" in kpi(*command, "--help").out
