"""`kpi import` of workbooks as clerks make them: cells as typed, every sheet considered, hostile files refused.

Every figure below is made up, plausible for its KPI (道南 arrivals in 万人, a coverage in ％)."""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from conftest import Runner, digest
from kpi_cli.ledger.read import read

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "workbooks"
HEADER = ["KPI ID", "年度", "実績値", "備考"]


def workbook(path: Path, sheets: dict[str, list[list[Any]]], *, hidden: tuple[str, ...] = ()) -> Any:
    """An .xlsx of the given sheets (rows from A1), some hidden; returns the openpyxl book to style."""
    book: Any = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return book


def ledger_rows(ledger: Path) -> list[tuple[str, int, str, str]]:
    return [(r.kpi_id, r.year, r.value, r.note) for r in read(ledger, keep=frozenset()).kept]


# ------------------------------------------------------------------------ cells as a person typed them


def test_numbers_percentages_and_dates_as_typed(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    src = tmp_path / "typed.xlsx"
    book = workbook(
        src,
        {
            "R1": [
                HEADER,
                ["donan-tourists", 2019, 1372.6, datetime.date(2020, 2, 14)],  # a float; a date cell as the note
                ["dohoku-disaster-org-coverage", "R1", 0.5, "50% typed in Excel"],  # stored 0.5, shown 50%
                ["dohoku-tourists", 2019.0, 2215.3000000000002, None],  # a formula's residue: Excel shows 2215.3
            ]
        },
    )
    book["R1"]["C3"].number_format = "0%"
    book.save(src)
    r = kpi("import", str(src))
    assert (r.code, r.err) == (0, ""), r.err
    assert ledger_rows(ledger_path) == [
        ("donan-tourists", 2019, "1372.6", "2020-02-14"),
        ("dohoku-disaster-org-coverage", 2019, "50", "50% typed in Excel"),
        ("dohoku-tourists", 2019, "2215.3", ""),
    ]


def test_a_percentage_for_a_kpi_in_another_unit_is_refused(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    src = tmp_path / "percent.xlsx"
    book = workbook(src, {"R1": [HEADER, ["donan-tourists", 2019, 0.125, None]]})
    book["R1"]["C2"].number_format = "0.0%"
    book.save(src)
    r = kpi("import", str(src))
    assert r.code == 2
    assert r.err.splitlines()[1] == (
        f"kpi: {src}:R1!2: value '12.5%' is in %, but this KPI is measured in 万人; "
        "convert it to 万人 (or give the number alone)"
    )
    assert not ledger_path.exists()


@pytest.mark.parametrize("code", ["0%", "0.00%", '0.0"pt"%', "0.0%;[Red]-0.0%", "#,##0.0%"])
def test_every_percent_format_is_seen(kpi: Runner, tmp_path: Path, ledger_path: Path, code: str) -> None:
    src = tmp_path / "formats.xlsx"
    book = workbook(src, {"R1": [HEADER, ["dohoku-disaster-org-coverage", 2018, 0.472, None]]})
    book["R1"]["C2"].number_format = code
    book.save(src)
    assert kpi("import", str(src)).code == 0
    assert ledger_rows(ledger_path) == [("dohoku-disaster-org-coverage", 2018, "47.2", "")]


@pytest.mark.parametrize("code", ['0.0"%"', "0\\%", "[$%-411]0.0"])
def test_a_percent_sign_as_text_in_the_format_is_no_percentage(kpi: Runner, tmp_path: Path, code: str) -> None:
    src = tmp_path / "formats.xlsx"
    book = workbook(src, {"R1": [HEADER, ["dohoku-disaster-org-coverage", 2018, 47.2, None]]})
    book["R1"]["C2"].number_format = code
    book.save(src)
    r = kpi("import", str(src), "--dry-run", "-f", "csv")
    assert r.code == 0, r.err
    assert ",2018,47.2,％," in r.out


def test_a_formula_without_a_saved_value_is_refused_naming_the_cell(
    kpi: Runner, tmp_path: Path, ledger_path: Path
) -> None:
    assert kpi("record", "donan-tourists", "2016", "1200").code == 0
    before = digest(ledger_path)
    src = tmp_path / "book.xlsx"  # openpyxl writes formulas without their values, as programs do
    workbook(
        src,
        {
            "Sheet1": [
                HEADER,
                ["donan-tourists", 2017, 1171, "=1+1"],  # the note: a formula, not read as a value either
                ["donan-tourists", 2018, 1210.5, None],
                ["donan-tourists", 2019, 1174, None],
                ["donan-tourists", 2020, "=C4*0.5", None],
            ]
        },
    )
    r = kpi("import", str(src))
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        f"kpi: {src}:Sheet1!D2: a formula with no saved value (and 1 more cells); open the file in Excel, "
        "let it calculate, save, and import again\n"
    )
    assert digest(ledger_path) == before


def test_a_formula_with_its_saved_value_is_read(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    src = tmp_path / "saved.xlsx"
    workbook(src, {"Sheet1": [HEADER, ["donan-tourists", 2019, 1430, None], ["donan-tourists", 2020, 1, None]]})
    data = _replace_part(
        src.read_bytes(),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b'<c r="C3" t="n"><v>1</v></c>', b'<c r="C3"><f>C2*0.6</f><v>858</v></c>'),
    )
    src.write_bytes(data)
    r = kpi("import", str(src))
    assert r.code == 0, r.err
    assert ledger_rows(ledger_path) == [("donan-tourists", 2019, "1430", ""), ("donan-tourists", 2020, "858", "")]
    alone = tmp_path / "alone.xlsx"
    alone.write_bytes(_replace_part(data, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"<v>858</v>", b"")))
    r = kpi("import", str(alone))
    assert r.err == (
        f"kpi: {alone}:Sheet1!C3: a formula with no saved value; open the file in Excel, let it calculate, "
        "save, and import again\n"
    )


def _replace_part(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            content = zin.read(info.filename)
            changed = change(content) if info.filename == part else content
            assert info.filename != part or changed != content, "the change did not apply"
            zout.writestr(info, changed)
    return out.getvalue()


# ------------------------------------------------------------------------ every sheet considered


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_xls_and_ods_are_read_like_xlsx(kpi: Runner, ledger_path: Path, kind: str) -> None:
    """Saved by LibreOffice (tests/fixtures/workbooks/make_workbooks.py): a title row over the header,
    a percent cell, a date cell, a blank value, a hidden sheet with the header and a memo sheet."""
    src = FIXTURES / f"values.{kind}"
    r = kpi("import", str(src))
    assert r.code == 0, r.err
    assert r.err == f"kpi: {src}: read sheet '十勝'; skipped the hidden sheet '旧', which has the header\n"
    assert r.out == f"imported 2 rows into {ledger_path} (lines 2-3); 1 blank (not yet known)\n"
    assert ledger_rows(ledger_path) == [
        ("donan-tourists", 2019, "1372.6", "速報"),
        ("dohoku-disaster-org-coverage", 2019, "50", "2020-02-14"),
    ]


def test_every_visible_sheet_with_the_header_is_read(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    src = tmp_path / "offices.xlsx"
    workbook(
        src,
        {
            "説明": [["記入方法: 実績値の列に入力してください"]],
            "渡島": [HEADER, ["donan-tourists", 2018, 1260.4, None]],
            "網走": [["オホーツク総合振興局"], HEADER, ["okhotsk-tourists", 2018, 870.2, None]],
            "旧": [HEADER, ["okhotsk-tourists", 2017, 1, "消し忘れ"]],
        },
        hidden=("旧",),
    )
    r = kpi("import", str(src), "--dry-run", "-f", "csv")
    assert r.code == 0, r.err
    assert r.err.splitlines()[0] == (
        f"kpi: {src}: read sheets '渡島', '網走'; skipped the hidden sheet '旧', which has the header"
    )
    assert [line.split(",")[-2] for line in r.out.splitlines()[1:]] == [f"{src}:渡島!2", f"{src}:網走!3"]
    assert kpi("import", str(src)).code == 0
    assert ledger_rows(ledger_path) == [("donan-tourists", 2018, "1260.4", ""), ("okhotsk-tourists", 2018, "870.2", "")]


def test_one_sheet_of_several_is_said(kpi: Runner, tmp_path: Path) -> None:
    src = tmp_path / "one.xlsx"
    workbook(src, {"values": [HEADER, ["donan-tourists", 2018, 1260.4, None]], "Sheet2": []})
    r = kpi("import", str(src))
    assert (r.code, r.err) == (0, f"kpi: {src}: read sheet 'values'\n")
    single = tmp_path / "single.xlsx"
    workbook(single, {"values": [HEADER, ["donan-tourists", 2017, 1171, None]]})
    assert kpi("import", str(single)).err == ""  # one sheet: nothing to say


def test_overlapping_sheets_are_refused_naming_both(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    src = tmp_path / "copies.xlsx"
    workbook(
        src,
        {
            "十勝": [HEADER, ["donan-tourists", 2018, 1260.4, None], ["okhotsk-tourists", 2018, 870.2, None]],
            "十勝 (2)": [HEADER, ["okhotsk-tourists", 2018, 871.0, "修正"]],
        },
    )
    r = kpi("import", str(src))
    assert (r.code, r.out) == (2, "")
    assert r.err.splitlines()[1:] == [
        f"kpi: {src}: 1 bad row; nothing was written. Fix it and import again:",
        f"kpi: {src}:十勝 (2)!2: okhotsk-tourists H30/2018 is also on sheet '十勝' ({src}:十勝!3); the sheets "
        "overlap: delete or hide the sheet that is not meant, and import again",
    ]
    assert not ledger_path.exists()


def test_a_header_only_on_a_hidden_sheet_is_refused(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    src = tmp_path / "hidden.xlsx"
    workbook(
        src, {"表紙": [["令和元年度"]], "data": [HEADER, ["donan-tourists", 2018, 1260.4, None]]}, hidden=("data",)
    )
    r = kpi("import", str(src))
    assert (r.code, r.err) == (
        2,
        f"kpi: {src}: the sheet with the header, 'data', is hidden; unhide it in Excel (or copy its rows to a "
        "visible sheet) and import again\n",
    )
    nothing = tmp_path / "nothing.xlsx"
    workbook(nothing, {"表紙": [["令和元年度"]], "メモ": [["担当"]]})
    r = kpi("import", str(nothing))
    assert r.err == (
        f"kpi: {nothing}: no sheet has the header kpi_id,year,value[,note,source] (or KPI ID,年度,実績値[,備考,出典]) "
        "in its first rows\n"
    )
    assert not ledger_path.exists()
