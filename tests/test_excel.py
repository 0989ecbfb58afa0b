"""The yearly collection as Excel users run it: templates, .xlsx in and out, re-imports, cp932 consoles."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from conftest import Runner, bare_env, digest
from kpi_cli import render

TOKACHI = [
    "geopark-tourists",
    "tokachi-food-value-added",
    "tokachi-certified-products",
    "doto-tourists",
    "tokachi-tech-sites",
    "tokachi-renewable-capacity",
    "tokachi-trial-stay-days",
    "tokachi-women-role-models",
]


def column(ws: Any, name: str) -> int:
    header = [c.value for c in ws[1]]
    return next(i for i, h in enumerate(header, start=1) if h and h.split("\n")[-1] == name)


def test_template_fill_import_status_round_trip(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    """十勝's sheet asks 十勝 for what 十勝 supplies: the KPIs of the projects it leads and its own share
    of 道東's arrivals; not 釧路's or 根室's share, not the ジオパーク KPI 胆振 leads, not a 累計 KPI whose
    period ended in R1 (made-up values)."""
    sheet = tmp_path / "十勝.xlsx"
    r = kpi("template", "--region", "十勝", "--year", "R2", "-o", str(sheet))
    assert r.code == 0, r.err
    assert r.err == f"kpi: wrote 6 values to collect to {sheet}\n"
    wb: Any = load_workbook(sheet)
    ws = wb.active
    assert ws.freeze_panes == "A2"
    office = column(ws, "office")
    rows = [(ws.cell(row=i, column=1).value, ws.cell(row=i, column=office).value) for i in range(2, 8)]
    assert rows == [
        ("tokachi-food-value-added", None),
        ("tokachi-certified-products", None),
        ("doto-tourists", "十勝"),  # 十勝's own share of a KPI summed over 振興局
        ("tokachi-tech-sites", None),
        ("tokachi-renewable-capacity", None),
        ("tokachi-trial-stay-days", None),
    ]
    supplier = column(ws, "supplier")
    assert {ws.cell(row=i, column=supplier).value for i in range(2, 8)} == {"十勝"}
    assert ws.cell(row=1, column=office).value == "振興局分\noffice"  # no two columns called 振興局
    value = column(ws, "value")
    assert ws.cell(row=1, column=value).value == "実績値\nvalue"
    assert ws.cell(row=2, column=column(ws, "year")).value == 2020
    assert ws.cell(row=2, column=column(ws, "baseline_value")).value == 876
    # a person fills it in: a number typed as text with a separator, text digits, a number, a number;
    # the rest stays blank
    for row, typed in {2: "1,050", 3: "37", 4: 706, 5: 12}.items():
        ws.cell(row=row, column=value, value=typed)
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)

    r = kpi("import", str(filled))
    assert r.code == 0, r.err
    assert r.out == f"imported 4 rows into {ledger_path} (lines 2-5); 2 blank (not yet known)\n"
    status = kpi("status", "--region", "十勝", "--year", "R2", "-f", "json")
    actual = {k["kpi_id"]: (k["actual"], k["parts_recorded"]) for k in json.loads(status.out)["kpis"]}
    assert actual == {
        "geopark-tourists": (None, None),
        "tokachi-food-value-added": (1050, None),
        "tokachi-certified-products": (37, None),
        "doto-tourists": (None, 1),  # 1 of 4 shares: not a value yet
        "tokachi-tech-sites": (12, None),
        "tokachi-renewable-capacity": (None, None),
        "tokachi-trial-stay-days": (None, None),
        "tokachi-women-role-models": (None, None),
    }
    before = digest(ledger_path)
    again = kpi("import", str(filled))  # the same sheet twice: nothing changes
    assert again.code == 0
    assert again.out == f"imported 0 rows: nothing new in {filled}; 4 unchanged, 2 blank (not yet known)\n"
    assert digest(ledger_path) == before
    correct = kpi("import", str(filled), "--correct")  # --correct with equal values: still nothing
    assert correct.code == 0 and digest(ledger_path) == before

    missing = kpi("missing", "--year", "R2", "--region", "十勝", "-f", "csv")
    assert missing.code == 0
    assert [line.split(",")[:4:3] for line in missing.out.splitlines()[1:]] == [
        ["十勝", "tokachi-renewable-capacity"],
        ["十勝", "tokachi-trial-stay-days"],
    ]
    owed = kpi("missing", "--year", "R2", "--region", "十勝", "--fail-on-missing", "-f", "json")
    assert owed.code == 3
    assert json.loads(owed.out)["offices"] == [
        {"office": "十勝", "office_id": "tokachi", "region": "十勝", "owed": 2, "total": 6},
    ]
    assert owed.err == "kpi: 2 values still owed for R2/2020\n"
    rest = kpi("template", "--region", "十勝", "--year", "R2", "-f", "csv")
    assert [line.split(",")[:5:4] for line in rest.out.splitlines()[1:]] == [
        ["tokachi-renewable-capacity", "十勝"],
        ["tokachi-trial-stay-days", "十勝"],
    ]
    others = kpi("missing", "--year", "R2", "--office", "釧路", "-f", "csv")  # 釧路 owes its own share
    assert [line.split(",")[:4:3] for line in others.out.splitlines()[1:]] == [
        ["釧路", "doto-tourists"],
        ["釧路", "kushiro-nemuro-raw-milk"],
        ["釧路", "kushiro-nemuro-tourists"],
        ["釧路", "kushiro-nemuro-park-visitors"],
        ["釧路", "kushiro-nemuro-child-centers"],
        ["釧路", "northern-territories-signatures"],
    ]


def test_a_changed_value_needs_correct_and_is_listed(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    first = tmp_path / "a.csv"
    first.write_text("kpi_id,year,value\ndonan-tourists,2017,1171\nokhotsk-tourists,2017,900\n", "utf-8")
    assert kpi("import", str(first)).code == 0
    before = digest(ledger_path)
    second = tmp_path / "b.csv"
    second.write_text("kpi_id,year,value\ndonan-tourists,2017,1171\nokhotsk-tourists,2017,901\n", "utf-8")
    r = kpi("import", str(second))
    assert r.code == 2
    assert r.err == (  # the row of the sheet comes first
        f"kpi: {second}:3: okhotsk-tourists H29/2017 already has the value 900 ({ledger_path}:3), not 901; "
        "use --correct to supersede it\n"
    )
    assert digest(ledger_path) == before
    r = kpi("import", str(second), "--correct")
    assert r.code == 0
    assert r.out == f"imported 1 rows into {ledger_path} (lines 4-4); 1 unchanged\n"


@pytest.mark.parametrize(
    "header",
    ["KPI ID,年度,実績値,備考,出典", "KPI,年度,実績値", "ID,年度,値", "ｋｐｉ＿ｉｄ,ＹＥＡＲ,Value", "指標,年度,実績"],
)
def test_japanese_and_full_width_headers(kpi: Runner, tmp_path: Path, header: str) -> None:
    src = tmp_path / "ja.csv"
    extra = ",コロナ,観光統計" if header.count(",") == 4 else ""
    src.write_text(f"{header}\ndonan-tourists,R1,1430{extra}\n", "utf-8")
    r = kpi("import", str(src))
    assert r.code == 0, r.err
    hist = json.loads(kpi("history", "donan-tourists", "-f", "json").out)["rows"]
    assert [(h["year"], h["value"], h["note"]) for h in hist] == [(2019, 1430, "コロナ" if extra else "")]


def test_unknown_columns_are_named_and_ignored(kpi: Runner, tmp_path: Path) -> None:
    src = tmp_path / "x.csv"
    src.write_text("kpi_id,year,value,担当者\ndonan-tourists,R1,1430,山田\n", "utf-8")
    r = kpi("import", str(src))
    assert r.code == 0
    assert r.err == "kpi: warning: ignored columns: 担当者\n"


def test_xlsx_problems_name_the_cell_row(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    wb: Any = Workbook()
    ws = wb.active
    ws.title = "R1"
    ws.append(["KPI ID", "年度", "実績値"])
    ws.append(["donan-tourists", "R1", "abc"])
    src = tmp_path / "bad.xlsx"
    wb.save(src)
    r = kpi("import", str(src))
    assert r.code == 2
    assert r.err.splitlines()[1].startswith(f"kpi: {src}:R1!2: ")
    assert not ledger_path.exists()
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    r = kpi("import", str(broken))
    assert r.code == 2
    assert r.err == (
        f"kpi: {broken}: cannot be read as an .xlsx workbook (BadZipFile); open it in Excel and save it again\n"
    )


def test_utf16_tab_separated_text_is_read(kpi: Runner, tmp_path: Path) -> None:
    src = tmp_path / "unicode.txt"
    src.write_bytes("kpi_id\tyear\tvalue\r\ndonan-tourists\tR1\t1430\r\n".encode("utf-16"))
    r = kpi("import", str(src))
    assert r.code == 0, r.err


@pytest.mark.parametrize("terminal", [True, False])
@pytest.mark.parametrize(
    ("suffix", "starts"),
    [
        (".csv", b"\xef\xbb\xbfkpi_id,"),  # a file a person double-clicks: UTF-8 with BOM
        (".tsv", b"kpi_id\t"),
        (".json", b"{"),
        (".ndjson", b'{"schema_version": 1, "kpi_id"'),
        (".md", "| 連携地域 |".encode()),
    ],
)
def test_output_format_from_the_extension(
    kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool, suffix: str, starts: bytes
) -> None:
    monkeypatch.setattr(render, "is_terminal", lambda stream: terminal)
    out = tmp_path / f"s{suffix}"
    r = kpi("status", "--region", "十勝", "-o", str(out))
    assert r.code == 0, r.err
    assert out.read_bytes().startswith(starts)
    assert r.out == ""


def test_excel_flag_and_unknown_extension(kpi: Runner, tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    assert kpi("status", "--excel", "--output", str(out)).code == 0  # the README's own command
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfkpi_id,") and b"\r\n" in data
    r = kpi("status", "-o", str(tmp_path / "s.txt"))
    assert r.code == 2
    assert "cannot tell the format of --output s.txt from its extension" in r.err
    assert not (tmp_path / "s.txt").exists()
    assert kpi("status", "-o", str(tmp_path / "s.txt"), "--format", "table").code == 0


def test_template_csv_is_for_excel(kpi: Runner, tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    assert kpi("template", "--region", "十勝", "--year", "R1", "-o", str(out)).code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfkpi_id,region,offices,office,supplier,project,kpi_name,unit,year,year_label,")
    assert data.count(b"\r\n") == 8  # the header and 7 rows: 十勝's KPIs, its 道東 share, its 累計 KPI
    assert "累計KPI: R1年度の1年分の数値を記入してください（累計ではありません）。" in data.decode("utf-8-sig")


def test_xlsx_output_types_formats_and_formula_text(kpi: Runner, tmp_path: Path) -> None:
    assert kpi("record", "donan-tourists", "R1", "1,372.6", "--note", '=HYPERLINK("http://x")').code == 0
    assert kpi("record", "okhotsk-tourists", "R1", "900", "--note", "+81 phone").code == 0
    status = tmp_path / "s.xlsx"
    assert kpi("status", "-o", str(status), "--raw").code == 0  # every machine column (for people: test_workbooks)
    wb: Any = load_workbook(status)
    assert wb.sheetnames == ["概要", "道央広域", "道南", "道北", "オホーツク", "十勝", "釧路・根室"]
    summary = [tuple(r) for r in wb["概要"].iter_rows(min_row=2, max_row=7, values_only=True)]
    assert summary[1][:2] == ("道南", 6)
    ws = wb["道南"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "donan-tourists")
    cells = {ws.cell(row=1, column=c.column).value.split("\n")[-1]: c for c in row}
    assert cells["actual"].value == Decimal("1372.6") or cells["actual"].value == 1372.6
    assert cells["actual"].data_type == "n" and cells["actual"].number_format == "#,##0.0"
    assert cells["baseline_value"].number_format == "#,##0"
    assert cells["baseline_year"].number_format == "0"
    assert cells["achievement"].number_format == "0.0%"
    assert cells["rating_ja"].value in ("達成", "順調", "概ね順調", "遅れ", "悪化")
    assert cells["rating_ja"].fill.fgColor.rgb.endswith(("A9D08E", "C6EFCE", "FFEB9C", "FFC7CE", "FF8B8B"))
    hist = tmp_path / "h.xlsx"
    assert kpi("history", "-o", str(hist)).code == 0
    hs: Any = load_workbook(hist).active
    notes = {hs.cell(row=i, column=column(hs, "note")) for i in (2, 3)}
    assert {c.value for c in notes} == {'=HYPERLINK("http://x")', "+81 phone"}
    assert all(c.data_type == "s" for c in notes)  # text, never a formula


def test_xlsx_to_a_terminal_is_refused(kpi: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "is_terminal", lambda stream: True)
    r = kpi("kpis", "-f", "xlsx")
    assert (r.code, r.err) == (2, "kpi: an .xlsx workbook is not for the terminal; add --output FILE.xlsx\n")


COMMANDS = [
    ["status", "-f", "csv"],
    ["status", "-f", "table"],
    ["status", "--excel"],
    ["status", "-f", "json"],
    ["status", "-f", "markdown"],
    ["export"],
    ["history"],
    ["history", "-f", "table"],
    ["kpis", "-f", "table"],
    ["kpis"],
    ["projects", "-f", "table"],
    ["regions", "-f", "markdown"],
    ["show", "donan-tourists"],
    ["template", "--year", "R1", "-f", "table"],
    ["missing", "--year", "R1", "-f", "table"],
    ["verify"],
    ["plan", "check"],
    ["--help"],
]


def test_every_command_on_a_cp932_console(tmp_path: Path) -> None:
    """Japanese Windows: stdout redirected in cp932. ㎥ (in the plan) and an emoji (in a note) must not crash."""
    env = bare_env()
    env |= {"PYTHONIOENCODING": "cp932", "KPI_LEDGER": str(tmp_path / "l.csv"), "KPI_USER": "tester"}
    run = [sys.executable, "-m", "kpi_cli"]
    ok = subprocess.run([*run, "record", "donan-tourists", "R1", "1430", "--note", "絵文字😀"], env=env, check=False)
    assert ok.returncode == 0
    for args in COMMANDS:
        done = subprocess.run([*run, *args], env=env, capture_output=True, check=False)
        assert done.returncode == 0, (args, done.stderr.decode("cp932", "replace"))
        assert b"Traceback" not in done.stderr, args
    csv_out = subprocess.run([*run, "status", "-f", "csv"], env=env, capture_output=True, check=False).stdout
    assert "千㎥".encode() in csv_out  # machine formats: UTF-8 bytes whatever the console
    hist = subprocess.run([*run, "history", "-f", "json"], env=env, capture_output=True, check=False).stdout
    assert json.loads(hist)["rows"][0]["note"] == "絵文字😀"


def test_punctuation_a_cp932_console_lacks_gets_a_stand_in(tmp_path: Path) -> None:
    """– and · (in year spans and captions) are not in cp932: '-' and '･' (as wide) instead of '?'."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KPI_", "LC_", "LANG"))}
    env |= {"PYTHONIOENCODING": "cp932", "KPI_LEDGER": str(tmp_path / "l.csv"), "KPI_LANG": "ja"}
    run = [sys.executable, "-m", "kpi_cli"]
    r = subprocess.run([*run, "record", "donan-tourists", "2099", "1000"], env=env, capture_output=True, check=False)
    assert r.returncode == 2
    assert "（H21/2009-R2/2020）の外です" in r.stderr.decode("cp932")
    table = subprocess.run([*run, "status", "-r", "十勝", "-f", "table"], env=env, capture_output=True, check=False)
    text = table.stdout.decode("cp932")
    assert " ･ 台帳:" in text and "?" not in text
    kpis = subprocess.run([*run, "kpis", "-r", "オホーツク", "-f", "table"], env=env, capture_output=True, check=False)
    assert "63.4千m3" in kpis.stdout.decode("cp932")
    utf8 = subprocess.run(
        [*run, "status", "-r", "十勝", "-f", "table"],
        env=env | {"PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        check=False,
    )
    assert " · 台帳:" in utf8.stdout.decode()  # a console that has them keeps them


def test_export_wide_has_years_as_columns(kpi: Runner, tmp_path: Path) -> None:
    assert kpi("record", "doto-tourists", "H28", "2,700").code == 0
    assert kpi("record", "doto-tourists", "R1", "2,950.5").code == 0
    r = kpi("export", "--wide", "--region", "十勝", "-f", "csv")
    assert r.code == 0
    lines = r.out.splitlines()
    assert lines[0] == (
        "kpi_id,kpi_name,region,project,unit,kind,baseline_value,baseline_year,fy2013,fy2014,fy2015,fy2016,"
        "fy2017,fy2018,fy2019,fy2020,target_value,target_year,as_of_year,rating,office"
    )
    doto = next(line for line in lines if line.startswith("doto-tourists,"))
    assert doto.endswith(",2620,2013,,,,2700,,,2950.5,,2987,2020,2019,on_track,")
    out = tmp_path / "wide.xlsx"
    assert kpi("export", "--wide", "--region", "十勝", "-o", str(out)).code == 0
    ws: Any = load_workbook(out).active
    heads = [c.value for c in ws[1]]
    assert "R1/2019" in heads and "fy2019" not in str(heads)  # a sheet for people (test_workbooks.py)
