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
    assert [line.split(",")[9] for line in r.out.splitlines()[1:]] == [f"{src}:渡島!2", f"{src}:網走!3"]
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


# ------------------------------------------------------------------------ hostile files: one line, nothing written


def _refused(kpi: Runner, path: Path, ledger: Path) -> str:
    """The one line a file is refused with (exit 2, nothing written)."""
    before = digest(ledger)
    r = kpi("import", str(path))
    assert (r.code, r.out) == (2, ""), r.err
    assert r.err.count("\n") == 1 and "Traceback" not in r.err, r.err
    assert digest(ledger) == before
    return r.err.removeprefix("kpi: ").removesuffix("\n")


@pytest.fixture
def good_xlsx(tmp_path: Path) -> bytes:
    path = tmp_path / "good.xlsx"
    workbook(path, {"R1": [HEADER, ["donan-tourists", 2018, 1260.4, None], ["memo"]]})
    return path.read_bytes()


def _with_shared_strings(data: bytes, strings: bytes, index: bytes) -> bytes:
    """The workbook with a shared-strings part, the memo cell pointing into it at ``index``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            content = zin.read(info.filename)
            if info.filename == "xl/_rels/workbook.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings"/></Relationships>',
                )
            elif info.filename == "xl/worksheets/sheet1.xml":
                memo = b'<c r="A3" t="inlineStr"><is><t>memo</t></is></c>'
                assert memo in content
                content = content.replace(memo, b'<c r="A3" t="s"><v>' + index + b"</v></c>")
            zout.writestr(info, content)
        zout.writestr("xl/sharedStrings.xml", strings)
    return out.getvalue()


SST = b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
)
EXTERNAL = b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY e SYSTEM "http://127.0.0.1:9/secret">]>'


def test_shared_strings_as_made_and_as_broken(kpi: Runner, tmp_path: Path, ledger_path: Path, good_xlsx: bytes) -> None:
    path = tmp_path / "strings.xlsx"
    path.write_bytes(_with_shared_strings(good_xlsx, SST + b"<si><t>memo</t></si></sst>", b"0"))
    assert kpi("import", str(path), "--dry-run").code == 0
    cases = {
        "out of range": _with_shared_strings(good_xlsx, SST + b"<si><t>memo</t></si></sst>", b"99"),
        "a bomb": _with_shared_strings(good_xlsx, BOMB + SST + b"<si><t>&d;</t></si></sst>", b"0"),
        "an external entity": _with_shared_strings(good_xlsx, EXTERNAL + SST + b"<si><t>&e;</t></si></sst>", b"0"),
    }
    for data in cases.values():
        path.write_bytes(data)
        assert _refused(kpi, path, ledger_path).startswith(f"{path}: cannot be read as an .xlsx workbook (")


@pytest.mark.parametrize(
    ("part", "old", "new", "says"),
    [
        ("xl/worksheets/sheet1.xml", b'<c r="A3"', b'<c r="XFD1048576"', "reaches 1,048,576 rows × 16,384 columns"),
        ("xl/worksheets/sheet1.xml", b'<c r="A3"', b'<c r="ZZZZZZZZ3"', "far more than a sheet of values"),
        ("xl/worksheets/sheet1.xml", b'<row r="3"><c r="A3"', b'<row r="4000000000"><c', "4,000,000,000 rows"),
        ("xl/worksheets/sheet1.xml", b'<c r="A3"', b'<c r="3A"', "(a cell reference)"),
        ("xl/worksheets/sheet1.xml", b"<sheetData>", b"<sheetData><!DOCTYPE x>", "(DOCTYPE)"),
        ("xl/worksheets/sheet1.xml", b"</sheetData>", b"<row><c><v>1</v></c>", "cannot be read as an .xlsx"),
        ("xl/workbook.xml", b"<sheets>", b"<sheets><sheet", "cannot be read as an .xlsx workbook"),
        ("xl/styles.xml", b"<cellXfs", b"<!DOCTYPE x><cellXfs", "(DOCTYPE)"),
    ],
)
def test_damaged_and_hostile_xlsx_parts(
    kpi: Runner, tmp_path: Path, ledger_path: Path, good_xlsx: bytes, part: str, old: bytes, new: bytes, says: str
) -> None:
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(_replace_part(good_xlsx, part, lambda xml: xml.replace(old, new, 1)))
    assert says in _refused(kpi, path, ledger_path)


def test_what_is_no_workbook_is_refused(
    kpi: Runner, tmp_path: Path, ledger_path: Path, good_xlsx: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.xlsx"
    for cut in (4, 30, 100, len(good_xlsx) // 2, len(good_xlsx) - 10):
        path.write_bytes(good_xlsx[:cut])
        assert "cannot be read as an .xlsx workbook (" in _refused(kpi, path, ledger_path)
    path.write_text("kpi_id,year,value\n", "utf-8")
    assert _refused(kpi, path, ledger_path) == (
        f"{path}: not an .xlsx workbook (it does not start like one); open it in Excel and save it again"
    )
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("readme.txt", "no workbook here")
    assert _refused(kpi, archive, ledger_path) == (
        f"{archive}: a zip archive but not a workbook; give an .xlsx, .xls, .ods or CSV file"
    )
    binary = tmp_path / "book.xlsb"
    with zipfile.ZipFile(binary, "w") as out:
        out.writestr("xl/workbook.bin", b"\x83\x01\x00")
    assert "an .xlsb workbook; save it as .xlsx" in _refused(kpi, binary, ledger_path)
    ole = tmp_path / "old.xls"
    ole.write_bytes(FIXTURES.joinpath("values.xls").read_bytes()[:600])
    assert "cannot be read as an .xls workbook (" in _refused(kpi, ole, ledger_path)
    from kpi_cli.ledger import workbook_parts

    path.write_bytes(good_xlsx)
    monkeypatch.setattr(workbook_parts, "MAX_UNPACKED_BYTES", 1000)
    assert "a workbook far larger than a sheet of values (" in _refused(kpi, path, ledger_path)


def test_a_part_larger_than_it_says_is_refused(
    kpi: Runner, tmp_path: Path, ledger_path: Path, good_xlsx: bytes
) -> None:
    """A zip bomb's declared sizes lie: the part is checked against them before calamine unpacks it."""
    data = bytearray(good_xlsx)
    with zipfile.ZipFile(io.BytesIO(good_xlsx)) as book:
        info = book.getinfo("xl/worksheets/sheet1.xml")
    central = bytes(data).rfind(b"PK\x01\x02", 0, len(data))
    while bytes(data[central + 46 : central + 46 + len(info.filename)]) != info.filename.encode():
        central = bytes(data).rfind(b"PK\x01\x02", 0, central)
    data[central + 24 : central + 28] = (100).to_bytes(4, "little")  # the declared unpacked size
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(bytes(data))
    assert "cannot be read as an .xlsx workbook (" in _refused(kpi, path, ledger_path)


def test_an_ods_reaching_far_is_refused_before_it_is_read(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    with zipfile.ZipFile(FIXTURES / "values.ods") as book:
        content = book.read("content.xml")
    far = (
        b'<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
        b'table:number-columns-repeated="1000" office:value-type="float" office:value="1"/></table:table-row>'
    )
    end = content.index(b"</table:table>")
    path = tmp_path / "far.ods"
    path.write_bytes(
        _replace_part(
            (FIXTURES / "values.ods").read_bytes(), "content.xml", lambda _: content[:end] + far + content[end:]
        )
    )
    assert "sheet '十勝' reaches 2,096,576 rows × 1,000 columns" in _refused(kpi, path, ledger_path)


def test_an_xls_cell_far_away_is_refused_before_it_is_read(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    data = bytearray((FIXTURES / "values.xls").read_bytes())
    # the RK cell of 十勝!B5 (okhotsk-tourists' year) at offset 2064 of the Workbook stream, which
    # LibreOffice stored in one run from byte 2048: its row and column become 65535
    assert data[2048 + 2064 : 2048 + 2064 + 2] == b"\x7e\x02"
    data[2048 + 2068 : 2048 + 2072] = b"\xff\xff\xff\xff"
    path = tmp_path / "far.xls"
    path.write_bytes(bytes(data))
    assert "sheet '十勝' reaches 65,536 rows × 65,536 columns" in _refused(kpi, path, ledger_path)


def test_a_memo_right_of_the_table_is_named_by_its_column(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    src = tmp_path / "memo.xlsx"
    workbook(src, {"R1": [HEADER, ["donan-tourists", 2018, 1260.4, None, None, "速報値、9月に確定"]]})
    r = kpi("import", str(src))
    assert r.code == 2
    assert r.err.splitlines()[1] == (
        f"kpi: {src}:R1!2: column F, right of the table, holds '速報値、9月に確定'; the header has 4 columns: "
        "move it into the table (a remark goes in 備考) or delete it"
    )
    assert not ledger_path.exists()


def test_an_ods_formula_without_a_saved_value_is_refused(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    value = (
        b'<table:table-cell office:value-type="float" office:value="1372.6" calcext:value-type="float">'
        b"<text:p>1372.6</text:p></table:table-cell>"
    )
    data = _replace_part(
        (FIXTURES / "values.ods").read_bytes(),
        "content.xml",
        lambda xml: xml.replace(value, b'<table:table-cell table:formula="of:=[.C4]*2"/>', 1),
    )
    path = tmp_path / "formula.ods"
    path.write_bytes(data)
    assert _refused(kpi, path, ledger_path) == (
        f"{path}:十勝!C3: a formula with no saved value; open the file in Excel, let it calculate, save, "
        "and import again"
    )


def test_a_year_and_year_label_that_disagree_are_refused(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    header = ["kpi_id", "year", "year_label", "value"]
    good = [
        ["tokachi-food-value-added", 2019, "2019年（1〜12月）", 900],  # a calendar-year KPI, as kpi template says it
        ["kushiro-nemuro-child-centers", "2020-04-01", "2020年4月1日現在", 12],  # a point-in-time count
        ["donan-tourists", "R1", "R1年度", 1400],
    ]
    src = tmp_path / "十勝-R2.xlsx"
    workbook(src, {"十勝": [header, *good, ["tokachi-certified-products", 2020, "R1年度", 190]]})
    r = kpi("import", str(src))
    assert (r.code, r.out) == (2, "")
    assert r.err.splitlines() == [
        f"kpi: {src}: 1 bad row; nothing was written. Fix it and import again:",
        f"kpi: {src}:十勝!5: the year cell '2020' and the year_label cell 'R1年度' name different years "
        "(R2/2020 and R1/2019); correct the one that is wrong",
    ]
    assert not ledger_path.exists()
    csv = tmp_path / "x.csv"
    csv.write_text("kpi_id,year,year_label,value\ndonan-tourists,R2,令和２年度の値,1400\n", "utf-8")
    r = kpi("import", str(csv))
    assert r.code == 2 and r.err.splitlines()[1] == (
        f"kpi: {csv}:2: the year cell 'R2' (R2/2020) and the year_label cell '令和２年度の値' disagree: the label "
        "names no year; correct the one that is wrong"
    )
    workbook(src, {"十勝": [header, *good]})
    r = kpi("import", str(src))
    assert r.code == 0, r.err
    assert [(k, y) for k, y, _, _ in ledger_rows(ledger_path)] == [
        ("tokachi-food-value-added", 2019),
        ("kushiro-nemuro-child-centers", 2020),
        ("donan-tourists", 2019),
    ]
