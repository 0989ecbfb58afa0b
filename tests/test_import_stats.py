"""kpi import-stats: the tourism report workbook recorded through the one recording workflow.

Each 振興局計 as printed is the office's share of the tourism KPIs it is a part of, each 市町村 row
the share of a KPI that counts a set of 市町村, in the KPI's unit exactly, as 確定, with source and
origin; re-importing changes nothing; a changed printed value is a revision or a refusal, as the
rules of ledger/record.py say. The workbooks are the fixtures of tests/fixtures/tourism (MADE-UP
figures, see its README.txt) or built here with openpyxl (made up too); every sum below is by hand.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO, SHIPPED_PLAN, Runner, digest

FIXTURES = REPO / "tests" / "fixtures" / "tourism"
FY2019_XLSX = FIXTURES / "report_fy2019.xlsx"
FY2008_XLS = FIXTURES / "report_fy2008.xls"
SHEET_2019 = "6～28頁"
SHEET_2008 = "6～25頁"
STAT = "北海道観光入込客数調査"
YOTEI = "yotei-nishiiburi-tourists"

# What the FY2019 fixture prints (千人) and what is recorded (万人, exactly): (key, value, row, printed).
FY2019_ROWS = [
    ("iburi-hidaka-tourists@iburi", "350.07", 34, "胆振総合振興局計 年計 3,500.7千人"),
    ("donan-tourists@oshima", "1203.68", 58, "渡島総合振興局計 年計 12,036.8千人"),
    ("donan-tourists@hiyama", "123.45", 82, "檜山振興局計 年計 1,234.5千人"),  # the cell holds text 「1,234.5」
    ("okhotsk-tourists@okhotsk", "180.04", 110, "ｵﾎｰﾂｸ総合振興局計 年計 1,800.4千人"),
    ("doto-tourists@okhotsk", "180.04", 110, "ｵﾎｰﾂｸ総合振興局計 年計 1,800.4千人"),
    ("doto-tourists@tokachi", "425.06", 134, "十勝総合振興局計 年計 4,250.6千人"),
    ("yotei-nishiiburi-tourists@m:登別市", "350.07", 40, "登別市 年計 3,500.7千人"),
]
FY2019_NOTES = [
    "kpi: report_fy2019.xlsx (令和元年度): not recorded, as part of no tourism KPI of the plan: the 振興局計 of 石狩",
    "kpi: report_fy2019.xlsx (令和元年度): no 振興局計 row for 日高 (a part of iburi-hidaka-tourists); its sum waits "
    "for it",
    "kpi: report_fy2019.xlsx (令和元年度): no 振興局計 row for 釧路, 根室 (a part of doto-tourists); its sum waits for "
    "it",
    "kpi: report_fy2019.xlsx (令和元年度): 13 of the 14 市町村 of yotei-nishiiburi-tourists have no 年計 in sheet "
    "'6～28頁' (ニセコ町, 倶知安町, 京極町, 喜茂別町, 真狩村, 留寿都村, 蘭越町, 室蘭市, 伊達市, 豊浦町, 洞爺湖町, "
    "壮瞥町, 白老町); its sum waits for them",
    "kpi: geopark-tourists, teshio-river-tourists: the plan lists no 振興局 or 市町村 whose rows add up to them, so "
    "nothing is recorded for them from the report (see each KPI's source card: kpi show)",
]


def ledger_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))


def status_of(kpi: Runner, kpi_id: str, year: str) -> dict[str, object]:
    r = kpi("status", "-k", kpi_id, "--year", year, "-f", "json")
    assert r.code == 0, r.err
    found: dict[str, object] = json.loads(r.out)["kpis"][0]
    return found


Office = tuple[str, float, list[tuple[str, float]]]  # a 振興局計 label, its 年計 and its 市町村 with theirs


def build_report(path: Path, sheets: list[tuple[str, str, list[Office]]]) -> None:
    """A report workbook in the documented layout, made up: per sheet its name, its title (naming the
    year) and its 振興局計 rows with their 市町村, only the 入込総数 rows (the 区分 column says so)."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    months = [f"{m}月" for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)]
    for name, title, offices in sheets:
        sheet = book.create_sheet(name)
        sheet.append([title])
        sheet.append([])
        sheet.append(["圏　域", "振興局", "市町村", "区　分", *months, "年計", "前年", "前年比"])
        for office, total, towns in offices:
            sheet.append([None, office, None, "入込総数", *[None] * 12, total])
            for town, value in towns:
                sheet.append([None, None, town, "入込総数", *[None] * 12, value])
    book.save(path)


def changed_fixture(path: Path, cell: str, value: float | str) -> None:
    """The FY2019 fixture with one cell of its monthly sheet changed (saved by openpyxl)."""
    from openpyxl import load_workbook

    book = load_workbook(FY2019_XLSX)
    book[SHEET_2019][cell] = value
    book.save(path)


# -------------------------------------------------------------------------- the two layouts


def test_xlsx_report_records_each_printed_row_as_a_share(kpi: Runner, ledger_path: Path) -> None:
    r = kpi("import-stats", str(FY2019_XLSX))
    assert (r.code, r.out) == (0, f"imported 7 rows into {ledger_path} (lines 2-8)\n")
    assert r.err.splitlines() == FY2019_NOTES
    rows = ledger_rows(ledger_path)
    assert [(x["kpi_id"], x["year"], x["value"], x["status"]) for x in rows] == [
        (key, "2019", value, "final") for key, value, _, _ in FY2019_ROWS
    ]
    assert [x["origin"] for x in rows] == [f"report_fy2019.xlsx:{SHEET_2019}!{row}" for _, _, row, _ in FY2019_ROWS]
    assert [x["source"] for x in rows] == [f"{STAT} 令和元年度: {printed}" for _, _, _, printed in FY2019_ROWS]
    assert {(x["note"], x["correction"], x["recorded_by"], x["returned_by"]) for x in rows} == {
        ("", "false", "tester", "")
    }
    # the sums are kpi's, when read: 渡島 1,203.68 + 檜山 123.45 = 1,327.13
    donan = status_of(kpi, "donan-tourists", "R1")
    assert (donan["actual"], donan["provisional"]) == (1327.13, False)
    doto = status_of(kpi, "doto-tourists", "R1")
    assert (doto["actual"], doto["parts_recorded"], doto["parts_total"]) == (None, 2, 4)
    assert status_of(kpi, "okhotsk-tourists", "R1")["actual"] == 180.04
    yotei = status_of(kpi, YOTEI, "R1")
    assert (yotei["actual"], yotei["parts_recorded"], yotei["parts_total"]) == (None, 1, 14)
    assert kpi("verify").code == 0


def test_xls_report_of_the_old_layout(kpi: Runner, ledger_path: Path) -> None:
    """FY2008: 支庁計 rows (網走支庁 is today's オホーツク), a year outside the plan's (--outside-plan),
    and the 支庁 whose area changed in April 2010 say so in their note."""
    r = kpi("import-stats", str(FY2008_XLS))
    assert r.code == 2 and r.out == ""
    assert r.err == (
        "kpi: report_fy2008.xls (平成20年度): H20/2008 is outside the plan's years (H21/2009–R2/2020); check the "
        "year and its era, or add --outside-plan if it is meant\n"
    )
    assert not ledger_path.exists()
    r = kpi("import-stats", str(FY2008_XLS), "--outside-plan")
    assert (r.code, r.out) == (0, f"imported 9 rows into {ledger_path} (lines 2-10)\n")
    assert (
        "kpi: report_fy2008.xls (平成20年度) prints 支庁計: the boundaries before April 2010 (幌加内町 in 空知, "
        "幌延町 in 留萌); each such share says so in its note"
    ) in r.err.splitlines()
    rows = ledger_rows(ledger_path)
    assert [(x["kpi_id"], x["year"], x["value"], x["note"], x["origin"]) for x in rows] == [
        ("iburi-hidaka-tourists@iburi", "2008", "470.0", "", f"report_fy2008.xls:{SHEET_2008}!15"),
        ("iburi-hidaka-tourists@hidaka", "2008", "22.05", "", f"report_fy2008.xls:{SHEET_2008}!33"),
        (
            "dohoku-tourists@rumoi",
            "2008",
            "32.08",
            "支庁計（2010年4月の再編前の区域: 幌延町を含む）",
            f"report_fy2008.xls:{SHEET_2008}!57",
        ),
        (
            "dohoku-tourists@soya",
            "2008",
            "57.07",
            "支庁計（2010年4月の再編前の区域: 幌延町を含まない）",
            f"report_fy2008.xls:{SHEET_2008}!75",
        ),
        ("okhotsk-tourists@okhotsk", "2008", "273.05", "", f"report_fy2008.xls:{SHEET_2008}!93"),
        ("doto-tourists@okhotsk", "2008", "273.05", "", f"report_fy2008.xls:{SHEET_2008}!93"),
        ("doto-tourists@tokachi", "2008", "317.1", "", f"report_fy2008.xls:{SHEET_2008}!120"),
        ("yotei-nishiiburi-tourists@m:室蘭市", "2008", "110.0", "", f"report_fy2008.xls:{SHEET_2008}!21"),
        ("yotei-nishiiburi-tourists@m:登別市", "2008", "360.0", "", f"report_fy2008.xls:{SHEET_2008}!27"),
    ]  # 4,700千人 is 470.0万人: the place printed stays (convert_thousands)
    assert rows[4]["source"] == f"{STAT} 平成20年度: 網走支庁計 年計 2,730.5千人"
    exported = json.loads(kpi("export", "-k", "iburi-hidaka-tourists", "-f", "json").out)["rows"]
    assert [(x["year"], x["value"], x["office"], x["source"]) for x in exported] == [
        (2008, 492.05, "", "sum of 2 振興局 shares"),  # the sum kpi computes, then each share as recorded
        (2008, 470, "胆振", f"{STAT} 平成20年度: 胆振支庁計 年計 4,700千人"),
        (2008, 22.05, "日高", f"{STAT} 平成20年度: 日高支庁計 年計 220.5千人"),
    ]


# -------------------------------------------------------------------- again, changed, dry run


def test_the_same_report_again_changes_nothing(kpi: Runner, ledger_path: Path) -> None:
    assert kpi("import-stats", str(FY2019_XLSX)).code == 0
    before = ledger_path.read_bytes()
    head = ledger_path.with_name("ledger.csv.head").read_bytes()
    r = kpi("import-stats", str(FY2019_XLSX))
    assert (r.code, r.out) == (0, "imported 0 rows: nothing new in report_fy2019.xlsx; 7 unchanged\n")
    assert ledger_path.read_bytes() == before
    assert ledger_path.with_name("ledger.csv.head").read_bytes() == head


def test_a_voided_share_stays_voided_and_is_said(kpi: Runner, ledger_path: Path) -> None:
    """import-stats ends as kpi import does (one home): a value given again that was voided is said."""
    assert kpi("import-stats", str(FY2019_XLSX)).code == 0
    assert kpi("void", "donan-tourists", "R1", "--office", "渡島", "--reason", "wrong year").code == 0
    before = ledger_path.read_bytes()
    r = kpi("import-stats", str(FY2019_XLSX))
    assert r.code == 0 and ledger_path.read_bytes() == before
    assert r.out == "imported 0 rows: nothing new in report_fy2019.xlsx; 7 unchanged\n"
    (said,) = [line for line in r.err.splitlines() if "stays voided" in line]
    assert said.startswith(f"kpi: report_fy2019.xlsx:{SHEET_2019}!58: donan-tourists@oshima R1/2019 ")


def test_a_changed_final_figure_needs_correct(kpi: Runner, ledger_path: Path, tmp_path: Path) -> None:
    """A 確定 that differs from the 確定 recorded is refused like any changed value; --correct
    supersedes it (the old row stays)."""
    assert kpi("import-stats", str(FY2019_XLSX)).code == 0
    before = ledger_path.read_bytes()
    revised = tmp_path / "revised.xlsx"
    changed_fixture(revised, "Q58", 12040.1)  # 渡島総合振興局計 年計: 12,036.8 → 12,040.1 千人
    r = kpi("import-stats", str(revised))
    assert r.code == 2 and r.out == ""
    assert r.err.splitlines()[-1] == (
        f"kpi: revised.xlsx:{SHEET_2019}!58: donan-tourists@oshima R1/2019 already has the value 1203.68 "
        f"({ledger_path}:3), not 1204.01; use --correct to supersede it"
    )
    assert "Traceback" not in r.err
    assert ledger_path.read_bytes() == before
    r = kpi("import-stats", str(revised), "--correct")
    assert (r.code, r.out) == (0, f"imported 1 rows into {ledger_path} (lines 9-9); 6 unchanged\n")
    rows = ledger_rows(ledger_path)
    old, new = rows[1], rows[-1]
    assert (new["kpi_id"], new["value"], new["status"], new["correction"]) == (
        "donan-tourists@oshima",
        "1204.01",
        "final",
        old["hash"],
    )
    assert new["source"] == f"{STAT} 令和元年度: 渡島総合振興局計 年計 12,040.1千人"
    assert status_of(kpi, "donan-tourists", "R1")["actual"] == 1327.46  # 1,204.01 + 123.45


def test_the_final_figure_replaces_a_provisional_one(kpi: Runner, ledger_path: Path) -> None:
    """渡島 FY2019 recorded as a 速報 (made up: 1,201.4): the report's 確定 replaces it without --correct."""
    assert kpi("record", "donan-tourists", "R1", "1,201.4", "--office", "渡島", "--provisional").code == 0
    assert status_of(kpi, "donan-tourists", "R1")["parts_recorded"] == 1
    first = ledger_rows(ledger_path)[0]
    r = kpi("import-stats", str(FY2019_XLSX))
    assert (r.code, r.out) == (0, f"imported 7 rows into {ledger_path} (lines 3-9)\n")
    rows = ledger_rows(ledger_path)
    revision = next(x for x in rows[1:] if x["kpi_id"] == "donan-tourists@oshima")
    assert (revision["value"], revision["status"], revision["correction"]) == ("1203.68", "final", first["hash"])
    history = json.loads(kpi("history", "donan-tourists", "--oldest-first", "-f", "json").out)["rows"]
    assert [(h["value"], h["status"], h["superseded"]) for h in history if h["office"] == "渡島"] == [
        (1201.4, "provisional", True),
        (1203.68, "final", False),
    ]
    s = status_of(kpi, "donan-tourists", "R1")
    assert (s["actual"], s["provisional"]) == (1327.13, False)


def test_dry_run_shows_the_rows_and_writes_nothing(kpi: Runner, ledger_path: Path) -> None:
    r = kpi("import-stats", str(FY2019_XLSX), "--dry-run", "--format", "json")
    assert r.code == 0
    assert r.err.splitlines() == [
        *FY2019_NOTES,
        f"kpi: dry run: 7 rows would be recorded in {ledger_path}; nothing written",
    ]
    records = json.loads(r.out)["rows"]
    assert list(records[0]) == [
        "action",
        "kpi_id",
        "kpi_name",
        "office",
        "year",
        "value",
        "unit",
        "note",
        "source",
        "where",
        "reason",
        "half",
        "form",
        "status",
    ]  # the columns of kpi import --dry-run
    assert [
        (x["action"], x["kpi_id"], x["office"], x["value"], x["unit"], x["status"], x["where"]) for x in records
    ] == [
        ("record", key, office, float(value), "万人", "final", f"report_fy2019.xlsx:{SHEET_2019}!{row}")
        for (key, value, row, _), office in zip(
            FY2019_ROWS, ["胆振", "渡島", "檜山", "オホーツク", "オホーツク", "十勝", "登別市"], strict=True
        )
    ]
    assert not ledger_path.exists()
    assert kpi("import-stats", str(FY2019_XLSX)).code == 0
    before = ledger_path.read_bytes()
    again = kpi("import-stats", str(FY2019_XLSX), "--dry-run", "--format", "csv")
    assert again.code == 0
    assert [row["action"] for row in csv.DictReader(io.StringIO(again.out))] == ["unchanged"] * 7
    assert (
        again.err.splitlines()[-1]
        == f"kpi: dry run: 0 rows would be recorded in {ledger_path} (7 unchanged); nothing written"
    )
    assert ledger_path.read_bytes() == before


# ------------------------------------------------------------------ the municipal set, summed

# Made up: the 14 市町村 of yotei-nishiiburi-tourists (千人), 後志 and 胆振 printed with them.
SHIRIBESHI = [("ニセコ町", 1600.1), ("倶知安町", 1500.2), ("京極町", 800.3), ("喜茂別町", 2600.4)]
SHIRIBESHI += [("真狩村", 450.5), ("留寿都村", 1450.6), ("蘭越町", 598.0), ("小樽市", 7000.0)]
IBURI = [("室蘭市", 1000.1), ("登別市", 3500.7), ("伊達市", 1700.2), ("豊浦町", 400.3)]
IBURI += [("洞爺湖町", 2800.4), ("壮瞥町", 1800.5), ("白老町", 1798.7)]
# 1600.1 + 1500.2 + 800.3 + 2600.4 + 450.5 + 1450.6 + 598.0 = 9,000.1 (後志, without 小樽市 7,000.0)
# 1000.1 + 3500.7 + 1700.2 + 400.3 + 2800.4 + 1800.5 + 1798.7 = 13,000.9 (胆振)
# 9,000.1 + 13,000.9 = 22,001.0 千人 = 2,200.1 万人


def test_show_gives_the_municipal_sum_with_its_parts(kpi: Runner, ledger_path: Path, tmp_path: Path) -> None:
    book = tmp_path / "yotei.xlsx"
    offices = [("後志総合振興局計", 16000.1, SHIRIBESHI), ("胆振総合振興局計", 13000.9, IBURI)]
    build_report(book, [(SHEET_2019, "令和元年度　北海道観光入込客数調査", offices)])
    r = kpi("import-stats", str(book))
    assert (r.code, r.out) == (0, f"imported 15 rows into {ledger_path} (lines 2-16)\n")  # 14 + 胆振's share
    assert [x["kpi_id"] for x in ledger_rows(ledger_path)][1:] == [
        f"{YOTEI}@m:{town}" for town, _ in [*SHIRIBESHI[:7], *IBURI]
    ]
    s = status_of(kpi, YOTEI, "R1")
    assert (s["actual"], s["parts_recorded"]) == (2200.1, None)
    page = kpi("show", YOTEI)
    assert page.code == 0
    assert "実績          2,200.10万人\n" in page.out
    assert "内訳          R1/2019: 14市町村の合計 2,200.10万人（kpi の計算）\n" in page.out
    assert "              ニセコ町 160.01、倶知安町 150.02、京極町 80.03、喜茂別町 260.04、" in page.out
    parts = json.loads(kpi("show", YOTEI, "-f", "json").out)["parts"]
    assert (parts["sum"], parts["recorded"], parts["total_parts"]) == (2200.1, 14, 14)
    assert [(p["name"], p["value"]) for p in parts["parts"]][-1] == ("白老町", 179.87)
    # nothing summed is stored: every row of the KPI is one 市町村's printed figure
    assert all(x["kpi_id"] != YOTEI for x in ledger_rows(ledger_path))


# ------------------------------------------------------------------------------ refusals


def test_a_workbook_of_several_years_needs_year(kpi: Runner, ledger_path: Path, tmp_path: Path) -> None:
    book = tmp_path / "two.xlsx"
    build_report(
        book,
        [
            ("H30", "平成30年度　北海道観光入込客数調査", [("渡島総合振興局計", 12014.0, [("函館市", 12014.0)])]),
            ("R1", "令和元年度　北海道観光入込客数調査", [("渡島総合振興局計", 12036.8, [("函館市", 12036.8)])]),
        ],
    )
    r = kpi("import-stats", str(book))
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        "kpi: two.xlsx holds the monthly tables of several fiscal years (H30/2018, R1/2019); choose one with --year\n"
    )
    r = kpi("import-stats", str(book), "--year", "R2")
    assert r.err == "kpi: two.xlsx has no monthly table of R2/2020; it holds H30/2018, R1/2019\n"
    assert not ledger_path.exists()
    r = kpi("import-stats", str(book), "--year", "平成30年度")
    assert (r.code, r.out) == (0, f"imported 1 rows into {ledger_path} (lines 2-2)\n")
    assert [(x["kpi_id"], x["year"], x["value"]) for x in ledger_rows(ledger_path)] == [
        ("donan-tourists@oshima", "2018", "1201.4")
    ]
    twice = kpi("import-stats", str(book), str(FY2019_XLSX), "--year", "R1")
    assert twice.err == "kpi: R1/2019 is in both two.xlsx and report_fy2019.xlsx; import one report per fiscal year\n"


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        (
            "random.xlsx",
            b"\x00\x01 not a workbook",
            "kpi: random.xlsx: cannot be read as an .xlsx workbook (not an Excel or OpenDocument file); open it "
            "in Excel and save it again",
        ),
        (
            "values.csv",
            "圏　域,振興局\n".encode(),
            "kpi: values.csv: not a report workbook; give the .xls or .xlsx file the 道 publishes (or an .ods)",
        ),
        (
            "truncated.xlsx",
            FY2019_XLSX.read_bytes()[:3000],
            "kpi: truncated.xlsx: cannot be read as an .xlsx workbook (BadZipFile); open it in Excel and save it again",
        ),
    ],
    ids=["random", "csv", "truncated"],
)
def test_a_hostile_file_is_one_line_and_changes_nothing(
    kpi: Runner, ledger_path: Path, tmp_path: Path, name: str, data: bytes, said: str
) -> None:
    assert kpi("record", "donan-tourists", "R1", "1,000", "--office", "渡島").code == 0
    before = digest(ledger_path)
    bad = tmp_path / name
    bad.write_bytes(data)
    r = kpi("import-stats", str(bad))
    assert (r.code, r.out, r.err) == (2, "", said + "\n")
    assert digest(ledger_path) == before


def test_a_workbook_without_the_monthly_table_is_refused(kpi: Runner, ledger_path: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["KPI ID", "年度", "実績値"])
    sheet.append(["donan-tourists", "R1", 1000])
    path = tmp_path / "values.xlsx"
    book.save(path)
    r = kpi("import-stats", str(path))
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        "kpi: values.xlsx: no sheet is the monthly table of the 北海道観光入込客数調査 (a header row starting "
        "「圏　域」 over 入込総数 rows; sheets: 'Sheet'); give the report workbook as the 道 publishes it\n"
    )
    assert not ledger_path.exists()


def test_a_damaged_office_total_names_its_row(kpi: Runner, ledger_path: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.xlsx"
    changed_fixture(damaged, "Q58", "約12,000")
    r = kpi("import-stats", str(damaged))
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        f"kpi: damaged.xlsx: sheet '{SHEET_2019}' row 58: the 年計 of '渡島総合振興局計' is '約12,000', not a number "
        "of visitors; check that cell in the workbook\n"
    )
    assert not ledger_path.exists()


def test_several_unreadable_files_are_listed_at_once(kpi: Runner, ledger_path: Path, tmp_path: Path) -> None:
    (tmp_path / "a.xlsx").write_bytes(b"nothing")
    r = kpi("import-stats", str(tmp_path / "a.xlsx"), str(tmp_path / "missing.xls"), str(FY2019_XLSX))
    assert (r.code, r.out) == (2, "")
    assert r.err.splitlines() == [
        "kpi: 2 of 3 files cannot be imported; nothing was written. Fix them and import again:",
        "kpi: a.xlsx: cannot be read as an .xlsx workbook (not an Excel or OpenDocument file); open it in Excel "
        "and save it again",
        "kpi: missing.xls: no such file; check the path",
    ]
    assert not ledger_path.exists()


def test_japanese_notes(kpi: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", "ja")
    r = kpi("import-stats", str(FY2019_XLSX), "--dry-run", "--format", "csv")
    assert r.code == 0
    assert r.err.splitlines()[0] == (
        "kpi: report_fy2019.xlsx（令和元年度）: 石狩の振興局計は、計画のどの観光KPIの内訳でもないため記録しません"
    )


def test_japanese_refusal_of_a_damaged_cell(kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sheet, row and an empty cell are said in Japanese too."""
    monkeypatch.setenv("KPI_LANG", "ja")
    damaged = tmp_path / "damaged.xlsx"
    changed_fixture(damaged, "Q58", "")
    r = kpi("import-stats", str(damaged), "--dry-run")
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        f"kpi: damaged.xlsx: シート '{SHEET_2019}' の58行目: '渡島総合振興局計' の年計が 空欄 で、"
        "入込客数ではありません。ブックのそのセルを確認してください\n"
    )


# ------------------------------------------------------------------------------ the README


def test_the_readme_example_runs_verbatim(kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's example of kpi import-stats, run in a folder laid out as the repository."""
    readme = (REPO / "README.md").read_text("utf-8")
    block = re.search(r"```console\n\$ (kpi import-stats [^\n]*)\n(.*?)```", readme, re.S)
    assert block is not None
    command, shown = block.group(1), block.group(2)
    work = tmp_path / "repo"
    (work / "data").mkdir(parents=True)
    shutil.copy(SHIPPED_PLAN, work / "data" / "plan.toml")
    (work / "tests" / "fixtures" / "tourism").mkdir(parents=True)
    shutil.copy(FY2019_XLSX, work / "tests" / "fixtures" / "tourism")
    monkeypatch.chdir(work)
    monkeypatch.delenv("KPI_LEDGER")
    monkeypatch.setenv("COLUMNS", "100")
    r = kpi(*command.split()[1:], "--format", "table")
    assert r.code == 0
    notes = r.err.splitlines(keepends=True)
    assert "".join(notes[:-1]) + r.out + notes[-1] == shown
    assert sorted(p.name for p in work.iterdir()) == ["data", "tests"]  # nothing written
