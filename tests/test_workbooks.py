"""Workbooks for people print: Japanese headers and words, widths, wrapped headers, A4 page set-up; the
status workbook of one region prints in three A4 pages (LibreOffice converts it to PDF here); the
評価シート has a row per KPI and per office share; the review sheet has drop-down lists and takes
every date form back, filled in with openpyxl or LibreOffice."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from conftest import Runner
from tokachi_year import record_year

WORDS = {"達成", "順調", "概ね順調", "遅れ", "悪化", "未記録"}


def soffice() -> str:
    """LibreOffice (.ci/run installs libreoffice-calc); missing is a failure, not a skip."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "no LibreOffice: apt-get install libreoffice-calc (as .ci/run does)"
    return found


def convert(src: Path, to: str, *, infilter: str = "") -> Path:
    """LibreOffice headless: a workbook to PDF, a CSV to .xlsx (its own profile: runs do not collide)."""
    out = src.parent / "converted"
    profile = (src.parent / "lo-profile").as_uri()
    args = [soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", to, "--outdir", str(out)]
    args += [f"--infilter={infilter}"] if infilter else []
    done = subprocess.run([*args, str(src)], capture_output=True, timeout=180, check=False)
    made = out / f"{src.stem}.{to.split(':', maxsplit=1)[0]}"
    assert done.returncode == 0 and made.exists(), done.stderr.decode(errors="replace")[-2000:]
    return made


@pytest.fixture
def year(kpi: Runner, tmp_path: Path) -> Path:
    record_year(kpi, tmp_path)
    return tmp_path


def _visible(path: Path) -> list[Any]:
    return [ws for ws in load_workbook(path).worksheets if ws.sheet_state == "visible"]


WORKBOOKS = [
    ("status", ["status", "--region", "十勝", "--year", "R1"]),
    ("report", ["report", "--region", "十勝", "--year", "R1"]),
    ("wide", ["export", "--wide", "--region", "十勝"]),
    ("template", ["template", "--region", "十勝", "--year", "R2", "--all"]),
    ("missing", ["missing", "--region", "十勝", "--year", "R2"]),
    ("review", ["review", "template", "--region", "十勝", "--year", "R1"]),
]


@pytest.mark.parametrize(("name", "command"), WORKBOOKS)
def test_every_workbook_for_people_prints(kpi: Runner, year: Path, name: str, command: list[str]) -> None:
    out = year / f"{name}.xlsx"
    r = kpi(*command, "-o", str(out))
    assert r.code == 0, r.err
    for ws in _visible(out):
        heads = [c.value for c in ws[1]]
        first_lines = [str(h).split("\n")[0] for h in heads]
        assert not [h for h in first_lines if re.fullmatch(r"[a-z][a-z0-9_]*", h)], (ws.title, first_lines)
        assert all(c.alignment.wrap_text and c.font.b for c in ws[1]), ws.title
        assert ws.row_dimensions[1].height >= 15
        assert all(ws.column_dimensions[c.column_letter].width for c in ws[1])  # widths for the content
        setup = ws.page_setup
        assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (9, "landscape", 1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$1"  # the header on every page
        assert ws.oddFooter.center.text == "&P / &N"  # page numbers
        assert ws.freeze_panes == "A2"


def test_the_status_workbook_in_japanese(kpi: Runner, year: Path) -> None:
    out = year / "status.xlsx"
    assert kpi("status", "--region", "十勝", "--year", "R1", "-o", str(out)).code == 0
    book: Any = load_workbook(out)
    assert book.sheetnames == ["概要", "道央広域", "十勝"]
    ws = book["十勝"]
    heads = [c.value for c in ws[1]]
    assert heads == [
        "プロジェクト", "KPI名", "単位", "種類", "基準値", "基準年度", "目標値", "目標年度", "時点", "実績値",
        "前年度比", "前年度比（率）", "期待値", "差", "進捗率", "達成率", "評価",
    ]  # fmt: skip
    rows = {r[1]: dict(zip(heads, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True) if r[1]}
    food = rows["食品工業の付加価値額"]
    assert (food["種類"], food["基準年度"], food["時点"], food["実績値"]) == ("単年", "H26", "R1", 962)
    assert (food["前年度比"], food["前年度比（率）"]) == (14, pytest.approx(0.0148))  # 14 on 948
    assert food["評価"] == "概ね順調"
    assert rows["女性キャリアデザインロールモデル輩出数"]["種類"] == "累計"
    assert {r["評価"] for r in rows.values()} <= WORDS
    summary = book["概要"]
    assert [c.value for c in summary[1]] == ["連携地域", "KPI数", "達成", "順調", "概ね順調", "遅れ", "悪化", "未記録"]
    raw = year / "raw.xlsx"
    assert kpi("status", "--region", "十勝", "--year", "R1", "-o", str(raw), "--raw").code == 0
    codes: Any = load_workbook(raw)["十勝"]
    assert codes.cell(row=1, column=1).value == "KPI ID\nkpi_id"  # for scripts: every machine column
    rating = next(c.column for c in codes[1] if str(c.value).endswith("\nrating"))
    assert {codes.cell(row=i, column=rating).value for i in range(2, 9)} == {"nearly", "behind"}  # the codes


def test_the_status_workbook_of_one_region_prints_in_three_pages(kpi: Runner, year: Path) -> None:
    from pypdf import PdfReader

    out = year / "十勝.xlsx"
    assert kpi("status", "--region", "十勝", "--year", "R1", "-o", str(out)).code == 0
    pages = PdfReader(convert(out, "pdf")).pages
    assert 1 <= len(pages) <= 3
    assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in pages)  # landscape
    assert all(abs(float(p.mediabox.width) - 841.89) < 1 for p in pages)  # A4


def test_export_wide_is_the_evaluation_sheet(kpi: Runner, year: Path) -> None:
    out = year / "評価シート.xlsx"
    assert kpi("export", "--wide", "--region", "十勝", "-o", str(out)).code == 0
    ws: Any = load_workbook(out)["評価シート"]
    heads = [c.value for c in ws[1]]
    assert heads[:8] == ["連携地域", "プロジェクト", "KPI名", "振興局分", "単位", "種類", "基準値", "基準年度"]
    assert heads[-4:] == ["目標値", "目標年度", "評価の年度", "評価"]
    years = heads[8:-4]
    assert years[0] == "H25/2013" and "R1/2019" in years and years[-1] == "R2/2020"
    rows = [dict(zip(heads, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True) if r[2]]
    doto = [r for r in rows if r["KPI名"] == "道東地域への観光入込客数"]
    assert [r["振興局分"] for r in doto] == [None, "十勝", "オホーツク", "釧路", "根室"]  # the KPI, then each share
    tokachi = doto[1]
    assert [tokachi[y] for y in ("H28/2016", "H29/2017", "H30/2018", "R1/2019", "R2/2020")] == [
        1030, 1045, 1052, pytest.approx(1068.4), 706,
    ]  # fmt: skip
    assert doto[0]["評価"] in WORDS and tokachi["評価"] is None
    assert len(rows) == 8 + 4  # one row per KPI and per 道東 share
    csv_out = kpi("export", "--wide", "--region", "十勝", "-f", "csv").out
    shares = [r for r in csv.DictReader(io.StringIO(csv_out)) if r["kpi_id"] == "doto-tourists"]
    assert [r["office"] for r in shares] == ["", "十勝", "オホーツク", "釧路", "根室"]


def _review_sheet(kpi: Runner, folder: Path) -> tuple[Path, Any, dict[str, int], dict[str, int]]:
    sheet = folder / "十勝-R1-評価.xlsx"
    r = kpi("review", "template", "--year", "R1", "--region", "十勝", "-o", str(sheet))
    assert r.code == 0, r.err
    wb: Any = load_workbook(sheet)
    ws = wb.worksheets[0]
    col = {str(c.value).split("\n")[-1]: c.column for c in ws[1]}
    rows = {ws.cell(row=i, column=1).value: i for i in range(2, ws.max_row + 1) if ws.cell(row=i, column=1).value}
    return sheet, wb, col, rows


def test_the_review_sheet_has_japanese_headers_and_drop_downs(kpi: Runner, tmp_path: Path) -> None:
    sheet, wb, col, _rows = _review_sheet(kpi, tmp_path)
    ws = wb.worksheets[0]
    heads = {str(c.value).split("\n")[-1]: str(c.value).split("\n")[0] for c in ws[1]}
    assert [heads[k] for k in ("assessment", "direction", "actions", "results", "next", "reviewed_on", "office")] == [
        "評価", "今後の方向性", "取組状況", "成果・課題", "今後の取組", "連携会議の日付", "記入した振興局",
    ]  # fmt: skip
    lists = wb["選択肢"]
    assert lists.sheet_state == "hidden"
    checks = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    letter = {k: ws.cell(row=1, column=c).column_letter for k, c in col.items()}
    words = {}
    for key in ("assessment", "direction"):
        (found,) = [v for ref, v in checks.items() if ref.startswith(letter[key])]
        assert found.type == "list" and found.showErrorMessage
        cells = re.fullmatch(r"'?選択肢'?!\$([A-Z]+)\$2:\$[A-Z]+\$(\d+)", found.formula1)
        assert cells, found.formula1
        words[key] = [lists[f"{cells[1]}{i}"].value for i in range(2, int(cells[2]) + 1)]
    assert words == {
        "assessment": ["概ね順調に展開", "課題等はあるが引き続き推進", "遅れなどがあり改善が必要"],
        "direction": ["拡充", "継続", "見直し", "廃止", "終了"],
    }
    assert sheet.exists()


def test_a_sheet_filled_with_openpyxl_imports(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    _sheet, wb, col, rows = _review_sheet(kpi, tmp_path)
    ws = wb.worksheets[0]
    food, talent = rows["tokachi-food-hub"], rows["tokachi-diverse-talent"]
    ws.cell(row=food, column=col["assessment"], value="概ね順調に展開")  # a word of the drop-down list
    ws.cell(row=food, column=col["direction"], value="継続")
    ws.cell(row=food, column=col["reviewed_on"], value=datetime(2020, 10, 20))  # Excel made a date cell of it
    ws.cell(row=talent, column=col["assessment"], value="遅れなどがあり改善が必要")
    ws.cell(row=talent, column=col["direction"], value="見直し")
    ws.cell(row=talent, column=col["reviewed_on"], value=44124)  # the same day as a serial number
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    dry = kpi("review", "import", str(filled), "--dry-run")
    assert dry.code == 0 and "dry run: 2 reviews would be recorded" in dry.err
    r = kpi("review", "import", str(filled))
    assert r.code == 0, r.err
    assert r.out == f"imported 2 reviews into {ledger_path}; 0 unchanged, 3 not filled in\n"
    done = {x["project_id"]: x for x in json.loads(kpi("review", "list", "-f", "json").out)["reviews"]}
    assert done["tokachi-food-hub"]["meeting_date"] == "2020-10-20"
    assert done["tokachi-diverse-talent"]["meeting_date"] == "2020-10-20"
    assert done["tokachi-diverse-talent"]["stage"] == "reviewed"


def test_a_sheet_filled_in_libreoffice_imports(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    """The sheet saved again by LibreOffice, and a CSV of it typed in Japanese date forms and opened
    (converted) by LibreOffice: both import, the dates as the days typed."""
    _sheet, wb, col, rows = _review_sheet(kpi, tmp_path)
    ws = wb.worksheets[0]
    ws.cell(row=rows["tokachi-food-hub"], column=col["assessment"], value="概ね順調に展開")
    ws.cell(row=rows["tokachi-food-hub"], column=col["direction"], value="拡充")
    ws.cell(row=rows["tokachi-food-hub"], column=col["reviewed_on"], value="R2.10.20")
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    resaved = convert(filled, "xlsx:Calc MS Excel 2007 XML")
    r = kpi("review", "import", str(resaved))
    assert r.code == 0, r.err
    typed = tmp_path / "typed.csv"
    out = kpi("review", "template", "--year", "R1", "--region", "十勝", "-f", "csv").out
    table = list(csv.reader(io.StringIO(out)))
    head = table[0]
    for line in table[1:]:
        if line[0] == "tokachi-next-industry":
            line[head.index("assessment")], line[head.index("direction")] = "概ね順調に展開", "拡充"
            line[head.index("reviewed_on")] = "2020/10/20"  # LibreOffice reads it as a date
        if line[0] == "higashi-hokkaido-tourism":
            line[head.index("assessment")], line[head.index("direction")] = "課題等はあるが引き続き推進", "見直し"
            line[head.index("reviewed_on")] = "令和2年10月20日"  # left as text
    buffer = io.StringIO()
    csv.writer(buffer).writerows(table)
    typed.write_text(buffer.getvalue(), "utf-8")
    opened = convert(typed, "xlsx:Calc MS Excel 2007 XML", infilter="CSV:44,34,76,1,,1041")
    book: Any = load_workbook(opened)
    cell = book.active.cell(row=1 + [x[0] for x in table].index("tokachi-next-industry"), column=13)
    assert isinstance(cell.value, datetime)  # LibreOffice made a date cell of 2020/10/20
    r = kpi("review", "import", str(opened))
    assert r.code == 0, r.err
    done = {x["project_id"]: x["meeting_date"] for x in json.loads(kpi("review", "list", "-f", "json").out)["reviews"]}
    assert done == {
        "tokachi-food-hub": "2020-10-20",
        "tokachi-next-industry": "2020-10-20",
        "higashi-hokkaido-tourism": "2020-10-20",
    }
